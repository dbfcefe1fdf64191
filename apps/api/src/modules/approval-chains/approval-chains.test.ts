// The approval chains (docs/rules.md#r-chain-1-chains … #r-chain-4-appeals): GET|PUT /api/approval-chains,
// a team report and the department roll-up travelling lead → deputy → director, a two-step plan, a
// document in flight keeping its chain, and appeals decided by the role the organisation names.
import { addMonths, monthIn } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';

const TZ = 'Asia/Shanghai';
const lastMonth = addMonths(monthIn(testNow(), TZ), -1);
const FULL = { overview: '概况', satisfaction: '满意度分析', problems: '主要问题', suggestions: '改进建议' };
const DEPUTY = { role: 'MANAGER', title: 'DEPUTY_DIRECTOR' } as const;
const DIRECTOR = { role: 'MANAGER', title: 'DIRECTOR' } as const;
const SEED001 = {
  planSteps: [DEPUTY, DIRECTOR],
  reportSteps: [DEPUTY],
  rollupSteps: [DIRECTOR],
  appealDecider: { role: 'SUPERVISOR', title: 'SERVICE_SUPERVISOR' },
};

describe('approval chains', async () => {
  const t = await setupTestApp();
  const get = (email: string, url: string) => t.as(email, { method: 'GET', url });
  const post = (email: string, url: string, payload: object = {}) =>
    t.as(email, { method: 'POST', url, payload });
  const put = (email: string, payload: object) =>
    t.as(email, { method: 'PUT', url: '/api/approval-chains', payload });

  it('reads the defaults (version 0) for every role; only the administrator may change them', async () => {
    for (const email of ['admin', 'manager', 'supervisor', 'lead', 'caller1', 'handler', 'deputy']) {
      const res = await get(`${email}@demo.local`, '/api/approval-chains');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        planSteps: [{ role: 'MANAGER', title: null }],
        reportSteps: [{ role: 'SUPERVISOR', title: null }],
        rollupSteps: [{ role: 'MANAGER', title: null }],
        appealDecider: { role: 'MANAGER', title: null },
        version: 0,
        canEdit: email === 'admin',
      });
    }
    expect((await put('manager@demo.local', { ...SEED001, version: 0 })).statusCode).toBe(403);
    expect((await put('lead@demo.local', { ...SEED001, version: 0 })).statusCode).toBe(403);
  });

  it('refuses a bad chain with 400 naming the field, and changes nothing', async () => {
    const bad = [
      [{ ...SEED001, planSteps: [], version: 0 }, 'planSteps'],
      [{ ...SEED001, planSteps: [DEPUTY, DIRECTOR, DEPUTY], version: 0 }, 'planSteps'],
      [{ ...SEED001, planSteps: [{ role: 'LEAD', title: null }], version: 0 }, 'planSteps.0.role'],
      [{ ...SEED001, reportSteps: [{ role: 'CALLER', title: null }], version: 0 }, 'reportSteps.0.role'],
      [{ ...SEED001, reportSteps: [DEPUTY, DEPUTY], version: 0 }, 'reportSteps.1'],
      [{ ...SEED001, appealDecider: { role: 'ADMIN', title: null }, version: 0 }, 'appealDecider.0.role'],
      [{ ...SEED001, rollupSteps: [{ role: 'MANAGER', title: 'KING' }], version: 0 }, 'rollupSteps'],
      [{ ...SEED001 }, 'version'],
    ] as const;
    for (const [body, field] of bad) {
      const res = await put('admin@demo.local', body);
      expect(res.statusCode, field).toBe(400);
      expect(JSON.stringify(res.json().error), field).toContain(field);
    }
    expect(await t.prisma.approvalChain.count()).toBe(0);
  });

  it('saves seed 001’s chains with a version check, audited', async () => {
    const res = await put('admin@demo.local', { ...SEED001, version: 0 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ...SEED001, version: 1, updatedBy: { name: '系统管理员' } });
    const stale = await put('admin@demo.local', { ...SEED001, version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const audits = await t.prisma.auditLog.count({ where: { action: 'APPROVAL_CHAIN_UPDATE' } });
    expect(audits).toBe(1);
  });

  let team2Report = '';
  it('a team report goes from its lead to the deputy only: the director and the supervisor are not its step', async () => {
    const created = await post('lead2@demo.local', '/api/reports', { month: lastMonth });
    expect(created.statusCode).toBe(201);
    team2Report = created.json().id;
    expect(created.json()).toMatchObject({ kind: 'TEAM', chain: [DEPUTY], chainStep: 0 });
    await t.as('lead2@demo.local', {
      method: 'PATCH',
      url: `/api/reports/${team2Report}`,
      payload: { narrative: FULL },
    });
    // the deputy cannot edit a team report: that is its lead's
    const deputyEdit = await t.as('deputy@demo.local', {
      method: 'PATCH',
      url: `/api/reports/${team2Report}`,
      payload: { narrative: FULL },
    });
    expect(deputyEdit.statusCode).toBe(403);
    expect((await post('lead2@demo.local', `/api/reports/${team2Report}/submit`)).statusCode).toBe(200);
    for (const email of ['manager@demo.local', 'supervisor@demo.local']) {
      const res = await post(email, `/api/reports/${team2Report}/approve`);
      expect(res.statusCode, email).toBe(403);
      expect(res.json().error.details).toMatchObject({ reason: 'NOT_YOUR_STEP', due: DEPUTY });
    }
    const asDeputy = await get('deputy@demo.local', `/api/reports/${team2Report}`);
    expect(asDeputy.json().can).toMatchObject({ approve: true, return: true, edit: false });
    const asDirector = await get('manager@demo.local', `/api/reports/${team2Report}`);
    expect(asDirector.json().can).toMatchObject({ approve: false, return: false });
    const ok = await post('deputy@demo.local', `/api/reports/${team2Report}/approve`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ status: 'APPROVED', deciderName: '冯卫东' });
  });

  it('a report in flight keeps the chain it was submitted with when the chain changes (decision 016)', async () => {
    const [draft] = await t.prisma.visitReport.findMany({ where: { month: lastMonth, status: 'DRAFT' } });
    const id = draft!.id;
    await t.as('lead@demo.local', {
      method: 'PATCH',
      url: `/api/reports/${id}`,
      payload: { narrative: FULL },
    });
    expect((await post('lead@demo.local', `/api/reports/${id}/submit`)).statusCode).toBe(200);
    // the chain changes: the supervisor would now come first
    const chains = (await get('admin@demo.local', '/api/approval-chains')).json();
    const changed = await put('admin@demo.local', {
      ...SEED001,
      reportSteps: [{ role: 'SUPERVISOR', title: null }, DEPUTY],
      version: chains.version,
    });
    expect(changed.statusCode).toBe(200);
    expect((await post('supervisor@demo.local', `/api/reports/${id}/approve`)).statusCode).toBe(403);
    // a return is the step due's too, and sends it back to the lead; resubmitted, it takes the new chain
    const returned = await post('deputy@demo.local', `/api/reports/${id}/return`, {
      comment: '请补充问题分析',
    });
    expect(returned.json()).toMatchObject({ status: 'RETURNED', returnComment: '请补充问题分析' });
    expect((await post('lead@demo.local', `/api/reports/${id}/submit`)).json()).toMatchObject({
      status: 'SUBMITTED',
      chain: [{ role: 'SUPERVISOR', title: null }, DEPUTY],
      chainStep: 0,
    });
    const forwarded = await post('supervisor@demo.local', `/api/reports/${id}/approve`);
    expect(forwarded.json()).toMatchObject({ status: 'SUBMITTED', chainStep: 1 });
    expect(forwarded.json().timeline.map((r: { action: string }) => r.action)).toEqual([
      'SUBMIT',
      'RETURN',
      'SUBMIT',
      'FORWARD',
    ]);
    const note = await t.prisma.notification.findFirst({
      where: { type: 'REPORT_FORWARDED', entityId: id },
      select: { userId: true },
    });
    const deputy = await t.prisma.user.findUniqueOrThrow({ where: { email: 'deputy@demo.local' } });
    expect(note?.userId).toBe(deputy.id);
    expect((await post('supervisor@demo.local', `/api/reports/${id}/approve`)).statusCode).toBe(403);
    expect((await post('deputy@demo.local', `/api/reports/${id}/approve`)).json().status).toBe('APPROVED');
    // put the seed's chain back for what follows
    const v = (await get('admin@demo.local', '/api/approval-chains')).json().version;
    expect((await put('admin@demo.local', { ...SEED001, version: v })).statusCode).toBe(200);
  });

  it('the deputy rolls up the month from the approved team reports; the director approves the roll-up', async () => {
    expect((await post('manager@demo.local', '/api/reports/rollup', { month: lastMonth })).statusCode).toBe(
      403,
    );
    const early = await post('deputy@demo.local', '/api/reports/rollup', { month: addMonths(lastMonth, -5) });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details.reason).toBe('NO_TEAM_REPORTS');
    const res = await post('deputy@demo.local', '/api/reports/rollup', { month: lastMonth });
    expect(res.statusCode).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({ kind: 'ROLLUP', teamId: null, status: 'DRAFT', chain: [DIRECTOR] });
    expect(r.sources.map((s: { status: string }) => s.status)).toEqual(['APPROVED', 'APPROVED']);
    // its figures are the department's: the two teams' together
    const teams = await t.prisma.visitReport.findMany({ where: { month: lastMonth, kind: 'TEAM' } });
    const assigned = teams.reduce(
      (s, x) => s + (x.figures as { tasks: { assigned: number } }).tasks.assigned,
      0,
    );
    expect(r.figures.tasks.assigned).toBeGreaterThanOrEqual(
      (teams[0]!.figures as { tasks: { assigned: number } }).tasks.assigned,
    );
    expect(r.figures.tasks.assigned).toBeLessThanOrEqual(assigned);
    expect((await post('deputy@demo.local', '/api/reports/rollup', { month: lastMonth })).statusCode).toBe(
      409,
    );
    // a lead does not see it; the director cannot write it
    expect((await get('lead@demo.local', `/api/reports/${r.id}`)).statusCode).toBe(403);
    expect(
      (
        await t.as('manager@demo.local', {
          method: 'PATCH',
          url: `/api/reports/${r.id}`,
          payload: { narrative: FULL },
        })
      ).statusCode,
    ).toBe(403);
    await t.as('deputy@demo.local', {
      method: 'PATCH',
      url: `/api/reports/${r.id}`,
      payload: { narrative: FULL },
    });
    expect((await post('deputy@demo.local', `/api/reports/${r.id}/submit`)).json().status).toBe('SUBMITTED');
    expect((await post('deputy@demo.local', `/api/reports/${r.id}/approve`)).statusCode).toBe(403);
    const done = await post('manager@demo.local', `/api/reports/${r.id}/approve`);
    expect(done.json()).toMatchObject({ status: 'APPROVED', deciderName: '周建国' });
  });

  it('a plan in flight keeps the default chain; resubmitted, two steps: the deputy reviews, the director approves', async () => {
    const plan = await t.prisma.visitPlan.findFirstOrThrow({ where: { status: 'SUBMITTED' } });
    // submitted before the chain changed: any manager decides it, as then
    const rejected = await post('deputy@demo.local', `/api/plans/${plan.id}/reject`, { comment: '请调整' });
    expect(rejected.statusCode).toBe(200);
    expect((await post('lead2@demo.local', `/api/plans/${plan.id}/submit`)).json()).toMatchObject({
      status: 'SUBMITTED',
      chain: [DEPUTY, DIRECTOR],
      chainStep: 0,
    });
    expect((await post('manager@demo.local', `/api/plans/${plan.id}/approve`, {})).statusCode).toBe(403);
    const reviewed = await post('deputy@demo.local', `/api/plans/${plan.id}/approve`, { comment: '同意' });
    expect(reviewed.json()).toMatchObject({ status: 'SUBMITTED', chainStep: 1, tasksCreated: 0 });
    expect(reviewed.json().reviews.at(-1)).toMatchObject({ action: 'REVIEW', comment: '同意' });
    expect((await post('deputy@demo.local', `/api/plans/${plan.id}/approve`, {})).statusCode).toBe(403);
    const approved = await post('manager@demo.local', `/api/plans/${plan.id}/approve`, {});
    expect(approved.json().status).toBe('APPROVED');
    expect(approved.json().tasksCreated).toBeGreaterThan(0);
  });

  it('appeals are decided by the role and title the organisation names (seed 004: 客服主管)', async () => {
    const appeal = await t.prisma.inspectionAppeal.findFirstOrThrow({
      where: { status: 'PENDING' },
      include: { inspection: { select: { version: true, inspectorId: true } } },
    });
    const body = { decision: 'UPHELD', reason: '录音无误', version: appeal.inspection.version };
    const refused = await post('manager@demo.local', `/api/appeals/${appeal.id}/decide`, body);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details).toMatchObject({ reason: 'NOT_YOUR_STEP' });
    expect((await post('supervisor2@demo.local', `/api/appeals/${appeal.id}/decide`, body)).statusCode).toBe(
      403,
    );
    const sup = await t.prisma.user.findUniqueOrThrow({ where: { email: 'supervisor@demo.local' } });
    const res = await post('supervisor@demo.local', `/api/appeals/${appeal.id}/decide`, body);
    // the inspector of the appealed result never decides it
    expect(res.statusCode).toBe(appeal.inspection.inspectorId === sup.id ? 403 : 200);
  });
});
