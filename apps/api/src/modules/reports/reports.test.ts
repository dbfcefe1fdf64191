import { addMonths, monthIn } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { computeReportFigures } from '../../presenters/report-figures.ts';
import { FIXTURE_MONTH, reportFixtures } from './fixtures.ts';

const TZ = 'Asia/Shanghai';
const LEAD = 'lead@demo.local';
const LEAD2 = 'lead2@demo.local';
const SUP = 'supervisor@demo.local';
const thisMonth = monthIn(testNow(), TZ);
const FULL = { overview: '概况', satisfaction: '满意度分析', problems: '主要问题', suggestions: '改进建议' };

describe('monthly visit reports', async () => {
  const t = await setupTestApp();
  const demo = await demoUsers(t.prisma);
  const team1 = demo[LEAD]!.teamId!;
  const team2 = demo[LEAD2]!.teamId!;
  const fx = await reportFixtures(t.prisma);

  const post = (email: string, url: string, payload: object = {}) =>
    t.as(email, { method: 'POST', url, payload });
  const patch = (email: string, url: string, payload: object) =>
    t.as(email, { method: 'PATCH', url, payload });

  // Created once, then walked through its whole life by the tests below, in order.
  let id = '';

  it('has the demo reports: approved two months ago, a draft last month, for 回访一组', async () => {
    const res = await t.as('manager@demo.local', { method: 'GET', url: '/api/reports' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Array<{ month: string; status: string; teamName: string }>;
    expect(items.map((r) => [r.month, r.status, r.teamName])).toEqual([
      [addMonths(thisMonth, -1), 'DRAFT', '回访一组'],
      [addMonths(thisMonth, -2), 'APPROVED', '回访一组'],
    ]);
    const draft = await t.as(LEAD, { method: 'GET', url: `/api/reports/${res.json().items[0].id}` });
    expect(draft.json().figures.tasks.assigned).toBeGreaterThan(0);
    // lead2 sees none of team 1's reports; the status filter works
    expect((await t.as(LEAD2, { method: 'GET', url: '/api/reports' })).json().total).toBe(0);
    const approved = await t.as(SUP, { method: 'GET', url: '/api/reports?status=APPROVED' });
    expect(approved.json().items.map((r: { status: string }) => r.status)).toEqual(['APPROVED']);
  });

  it('refuses readers and writers without the right role', async () => {
    expect((await t.as('caller1@demo.local', { method: 'GET', url: '/api/reports' })).statusCode).toBe(403);
    expect((await t.as('handler@demo.local', { method: 'GET', url: '/api/reports' })).statusCode).toBe(403);
    expect((await post('caller1@demo.local', '/api/reports', { month: FIXTURE_MONTH })).statusCode).toBe(403);
    expect((await post('handler@demo.local', '/api/reports', { month: FIXTURE_MONTH })).statusCode).toBe(403);
    expect((await post(SUP, '/api/reports', { month: FIXTURE_MONTH })).statusCode).toBe(403);
    expect((await post(LEAD, '/api/reports', { month: FIXTURE_MONTH, teamId: team2 })).statusCode).toBe(403);
    const future = await post(LEAD, '/api/reports', { month: addMonths(thisMonth, 1) });
    expect(future.statusCode).toBe(422);
    expect((await post(LEAD, '/api/reports', { month: '2021-13' })).statusCode).toBe(400);
  });

  it('drafts a report with figures exactly right, once per month and team', async () => {
    const res = await post(LEAD, '/api/reports', { month: FIXTURE_MONTH });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    id = r.id;
    expect(r).toMatchObject({
      status: 'DRAFT',
      month: FIXTURE_MONTH,
      teamId: team1,
      teamName: '回访一组',
      version: 1,
    });
    const f = r.figures;
    expect(f.tasks).toEqual({ assigned: 6, done: 5, completion: { num: 5, den: 6, bp: 8333 } });
    expect(f.satisfaction).toEqual({
      count: 4,
      sum: 15,
      meanHundredths: 375,
      mean: '3.75',
      distribution: [
        { score: 1, count: 0 },
        { score: 2, count: 1 },
        { score: 3, count: 0 },
        { score: 4, count: 2 },
        { score: 5, count: 1 },
      ],
    });
    expect(f.problems).toEqual([
      { category: 'SERVICE', count: 2 },
      { category: 'TEACHING', count: 2 },
    ]);
    expect(f.tickets).toEqual({
      created: 4,
      closed: 2,
      respondedOnTime: 2,
      respondedLate: 1,
      onTime: { num: 2, den: 3, bp: 6667 },
      overdueNow: 1,
      reopened: 1,
    });
    expect(f.inspections).toEqual({
      submitted: 3,
      passed: 2,
      passRate: { num: 2, den: 3, bp: 6667 },
      findings: [
        { finding: 'LATE', count: 2 },
        { finding: 'ATTITUDE', count: 1 },
      ],
    });
    expect(f.callers).toEqual([
      {
        userId: fx.users.caller1,
        name: expect.any(String),
        assigned: 5,
        done: 4,
        completionBp: 8000,
        satisfactionCount: 3,
        satisfactionMean: 433,
        inspected: 2,
        passed: 2,
        passRateBp: 10000,
      },
      {
        userId: fx.users.caller2,
        name: expect.any(String),
        assigned: 1,
        done: 1,
        completionBp: 10000,
        satisfactionCount: 1,
        satisfactionMean: 200,
        inspected: 1,
        passed: 0,
        passRateBp: 0,
      },
      {
        userId: fx.users.caller3,
        name: expect.any(String),
        assigned: 0,
        done: 0,
        completionBp: null,
        satisfactionCount: 0,
        satisfactionMean: null,
        inspected: 0,
        passed: 0,
        passRateBp: null,
      },
    ]);
    expect(r.narrative).toEqual({ overview: '', satisfaction: '', problems: '', suggestions: '' });
    expect(r.timeline).toEqual([]);

    const again = await post(LEAD, '/api/reports', { month: FIXTURE_MONTH, teamId: team1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details.reportId).toBe(id);
    expect(await t.prisma.visitReport.count({ where: { month: FIXTURE_MONTH } })).toBe(1);
    // two at once: still one
    const [a, b] = await Promise.all([
      post(LEAD2, '/api/reports', { month: FIXTURE_MONTH }),
      post(LEAD2, '/api/reports', { month: FIXTURE_MONTH }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(await t.prisma.visitReport.count({ where: { month: FIXTURE_MONTH, teamId: team2 } })).toBe(1);
  });

  it('computes the other team and the whole organisation in the same way', async () => {
    const base = { organizationId: fx.orgId, month: FIXTURE_MONTH, timezone: TZ, now: testNow() };
    const two = await computeReportFigures(t.prisma, { ...base, teamId: team2 });
    expect(two.tasks.completion).toEqual({ num: 2, den: 2, bp: 10000 });
    expect(two.satisfaction.mean).toBe('3.00');
    expect(two.problems).toEqual([{ category: 'FACILITY', count: 1 }]);
    expect(two.inspections.findings).toEqual([{ finding: 'INCOMPLETE', count: 1 }]);
    const all = await computeReportFigures(t.prisma, { ...base, teamId: null });
    expect(all.tasks).toMatchObject({ assigned: 8, done: 7 });
    expect(all.satisfaction).toMatchObject({ count: 5, sum: 18, meanHundredths: 360 });
    expect(all.inspections.passRate).toEqual({ num: 3, den: 4, bp: 7500 });
    expect(all.tickets.created).toBe(5);
  });

  it('keeps other leads, callers and handlers off the report', async () => {
    expect((await t.as(LEAD2, { method: 'GET', url: `/api/reports/${id}` })).statusCode).toBe(403);
    expect((await patch(LEAD2, `/api/reports/${id}`, { narrative: { overview: 'x' } })).statusCode).toBe(403);
    expect((await post(LEAD2, `/api/reports/${id}/submit`)).statusCode).toBe(403);
    expect((await post(LEAD2, `/api/reports/${id}/refresh`)).statusCode).toBe(403);
    expect((await t.as('caller1@demo.local', { method: 'GET', url: `/api/reports/${id}` })).statusCode).toBe(
      403,
    );
    expect((await post('handler@demo.local', `/api/reports/${id}/submit`)).statusCode).toBe(403);
    expect((await post(LEAD, `/api/reports/${id}/approve`)).statusCode).toBe(403);
    expect((await post(LEAD, `/api/reports/${id}/return`, { comment: 'x' })).statusCode).toBe(403);
    expect((await patch(SUP, `/api/reports/${id}`, { narrative: { overview: 'x' } })).statusCode).toBe(403);
    const other = await t.as(LEAD, {
      method: 'GET',
      url: '/api/reports/00000000-0000-7000-8000-000000000000',
    });
    expect(other.statusCode).toBe(404);
  });

  it('edits the narrative with a version check, and will not submit it incomplete', async () => {
    const res = await patch(LEAD, `/api/reports/${id}`, { narrative: { overview: '三月概况' }, version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ version: 2, narrative: { overview: '三月概况', problems: '' } });
    const stale = await patch(LEAD, `/api/reports/${id}`, { narrative: { problems: 'x' }, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');

    await patch(LEAD, `/api/reports/${id}`, { narrative: { satisfaction: '   ' } });
    const early = await post(LEAD, `/api/reports/${id}/submit`);
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.missing).toEqual(['satisfaction', 'problems', 'suggestions']);
    const after = await t.prisma.visitReport.findUniqueOrThrow({ where: { id } });
    expect(after.status).toBe('DRAFT');
    expect(await t.prisma.reportReview.count({ where: { reportId: id } })).toBe(0);

    // refresh picks up new data while a draft
    const refreshed = await post(LEAD, `/api/reports/${id}/refresh`);
    expect(refreshed.statusCode).toBe(200);
    expect(refreshed.json().figures.tasks.assigned).toBe(6);
  });

  it('walks submit → return → resubmit → approve, and freezes the approved report', async () => {
    // nothing to decide on a draft
    expect((await post(SUP, `/api/reports/${id}/approve`)).statusCode).toBe(409);
    expect((await post(SUP, `/api/reports/${id}/return`, { comment: '补充' })).statusCode).toBe(409);

    await patch(LEAD, `/api/reports/${id}`, { narrative: FULL });
    const sub = await post(LEAD, `/api/reports/${id}/submit`);
    expect(sub.statusCode).toBe(200);
    expect(sub.json().status).toBe('SUBMITTED');
    expect(sub.json().submittedAt).not.toBeNull();
    // what each may do next comes with the report
    expect(sub.json().can).toEqual({
      edit: false,
      refresh: false,
      submit: false,
      approve: false,
      return: false,
    });
    const forSup = await t.as(SUP, { method: 'GET', url: `/api/reports/${id}` });
    expect(forSup.json().can).toEqual({
      edit: false,
      refresh: false,
      submit: false,
      approve: true,
      return: true,
    });
    for (const res of [
      await patch(LEAD, `/api/reports/${id}`, { narrative: { overview: 'x' } }),
      await post(LEAD, `/api/reports/${id}/refresh`),
      await post(LEAD, `/api/reports/${id}/submit`),
    ]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details.status).toBe('SUBMITTED');
    }

    expect((await post(SUP, `/api/reports/${id}/return`, {})).statusCode).toBe(400);
    expect((await post(SUP, `/api/reports/${id}/return`, { comment: '  ' })).statusCode).toBe(400);
    const ret = await post(SUP, `/api/reports/${id}/return`, { comment: '请补充投诉分析' });
    expect(ret.statusCode).toBe(200);
    expect(ret.json()).toMatchObject({ status: 'RETURNED', returnComment: '请补充投诉分析' });
    const forLead = await t.as(LEAD, { method: 'GET', url: `/api/reports/${id}` });
    expect(forLead.json().can).toEqual({
      edit: true,
      refresh: true,
      submit: true,
      approve: false,
      return: false,
    });
    expect((await post(SUP, `/api/reports/${id}/approve`)).statusCode).toBe(409);
    const returned = await t.prisma.notification.findMany({
      where: { entityId: id, type: 'REPORT_RETURNED' },
    });
    expect(returned.map((n) => n.userId)).toEqual([fx.users.lead]);

    expect(
      (await patch(LEAD, `/api/reports/${id}`, { narrative: { problems: '主要问题：投诉分析' } })).statusCode,
    ).toBe(200);
    expect((await post(LEAD, `/api/reports/${id}/submit`)).statusCode).toBe(200);

    // new data after the submission: the approval recomputes the figures one last time
    await fx.addDoneTask();
    const ok = await post(SUP, `/api/reports/${id}/approve`);
    expect(ok.statusCode).toBe(200);
    const r = ok.json();
    expect(r).toMatchObject({ status: 'APPROVED', returnComment: null, deciderName: expect.any(String) });
    expect(r.figures.tasks).toEqual({ assigned: 7, done: 6, completion: { num: 6, den: 7, bp: 8571 } });
    expect(r.timeline.map((x: { action: string }) => x.action)).toEqual([
      'SUBMIT',
      'RETURN',
      'SUBMIT',
      'APPROVE',
    ]);
    expect(r.timeline[1]).toMatchObject({ comment: '请补充投诉分析', actorName: expect.any(String) });
    const approved = await t.prisma.notification.findMany({
      where: { entityId: id, type: 'REPORT_APPROVED' },
    });
    expect(approved.map((n) => n.userId)).toEqual([fx.users.lead]);

    // frozen: every write is refused and nothing moves
    await fx.addDoneTask();
    for (const res of [
      await patch(LEAD, `/api/reports/${id}`, { narrative: { overview: 'x' } }),
      await post(LEAD, `/api/reports/${id}/refresh`),
      await post(LEAD, `/api/reports/${id}/submit`),
      await post(SUP, `/api/reports/${id}/approve`),
      await post(SUP, `/api/reports/${id}/return`, { comment: 'x' }),
    ]) {
      expect(res.statusCode).toBe(409);
    }
    const frozen = await t.as(SUP, { method: 'GET', url: `/api/reports/${id}` });
    expect(frozen.json().figures.tasks.assigned).toBe(7);
    expect(frozen.json().version).toBe(r.version);
    expect(frozen.json().narrative.overview).toBe('概况');

    const audits = await t.prisma.auditLog.findMany({
      where: { entity: 'VisitReport', entityId: id },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    const actions = audits.map((a) => a.action);
    expect(actions.filter((a) => ['REPORT_SUBMIT', 'REPORT_RETURN', 'REPORT_APPROVE'].includes(a))).toEqual([
      'REPORT_SUBMIT',
      'REPORT_RETURN',
      'REPORT_SUBMIT',
      'REPORT_APPROVE',
    ]);
    expect(actions[0]).toBe('REPORT_CREATE');
  });
});
