// The analysis group's week (docs/rules.md#r-churn-5-weekly-analysis): figures by stage, category and
// reason of the week's confirmed cases, the 12-week trend, deep dives, minutes and the workbook. The
// cases are made in a week the demo's own data never reaches.
import { addDays, isoWeekBounds } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';

const WEEK = '2026-W40';
const { first, last } = isoWeekBounds(WEEK)!;

describe('the weekly churn analysis', async () => {
  const t = await setupTestApp();
  const org = (await t.prisma.organization.findFirstOrThrow()).id;
  const reasons = await t.prisma.churnReason.findMany({ where: { organizationId: org } });
  const reason = (code: string) => reasons.find((r) => r.code === code)!;
  const customers = await t.prisma.customer.findMany({
    where: { organizationId: org },
    take: 12,
    orderBy: { id: 'asc' },
  });
  const department = await t.prisma.department.findFirstOrThrow({
    where: { organizationId: org, kind: 'MARKET' },
  });
  const as = (who: string, method: 'GET' | 'PUT' | 'POST', url: string, payload?: object) =>
    t.as(`${who}@demo.local`, { method, url, ...(payload ? { payload } : {}) });
  const mk = (i: number, day: string, code: string | null, stage: string, status = 'CONFIRMED') =>
    t.prisma.churnCase.create({
      data: {
        organizationId: org,
        customerId: customers[i]!.id,
        status,
        stage,
        day: new Date(`${day}T00:00:00Z`),
        reasonId: code ? reason(code).id : null,
        departmentId: department.id,
        createdAt: testNow(),
      },
    });
  const before = (await as('manager', 'GET', `/api/churn/weekly?week=${WEEK}`)).json();
  const cases = [
    await mk(0, first, 'PRICE', 'NOT_ENROLLED'),
    await mk(1, addDays(first, 1), 'PRICE', 'NOT_ENROLLED'),
    await mk(2, addDays(first, 2), 'PRICE', 'REFUNDED'),
    await mk(3, last, 'SCHEDULE', 'DROPPED_OUT'),
    await mk(4, last, 'ATTITUDE', 'REFUNDED'),
    await mk(5, last, null, 'NOT_RENEWED'),
    // not this week's: the week before (trend only), a suggestion, a dismissed one
    await mk(6, addDays(first, -1), 'PRICE', 'REFUNDED'),
    await mk(7, first, 'PRICE', 'REFUNDED', 'SUGGESTED'),
    await mk(8, first, 'PRICE', 'REFUNDED', 'DISMISSED'),
  ];

  it('counts the week’s confirmed cases by stage, category and reason, largest first', async () => {
    expect(before.total).toBe(0);
    const res = await as('manager', 'GET', `/api/churn/weekly?week=${WEEK}`);
    expect(res.statusCode).toBe(200);
    const w = res.json();
    expect(w).toMatchObject({ week: WEEK, first, last, total: 6, casesTruncated: false, meeting: null });
    expect(w.pendingSuggestions).toBe(before.pendingSuggestions + 1);
    expect(w.byStage).toEqual([
      { stage: 'NOT_ENROLLED', n: 2 },
      { stage: 'REFUNDED', n: 2 },
      { stage: 'DROPPED_OUT', n: 1 },
      { stage: 'NOT_RENEWED', n: 1 },
    ]);
    expect(w.byCategory[0]).toEqual({ category: 'MARKET', n: 3 });
    expect(
      w.pareto.map((r: { label: string | null; n: number; vital: boolean }) => [r.label, r.n, r.vital]),
    ).toEqual([
      [reason('PRICE').label, 3, true],
      [reason('ATTITUDE').label, 1, true],
      [reason('SCHEDULE').label, 1, true],
      [null, 1, false],
    ]);
    expect(w.pareto.at(-1).cumulativeBp).toBe(10000);
    expect(w.cases).toHaveLength(6);
    expect(w.cases[0].day).toBe(last);
    expect(w.cases.every((c: { deepDive: boolean }) => !c.deepDive)).toBe(true);
  });

  it('shows the 12 weeks up to it, the week before included', async () => {
    const w = (await as('lead', 'GET', `/api/churn/weekly?week=${WEEK}`)).json();
    expect(w.trend).toHaveLength(12);
    expect(w.trend.at(-1)).toMatchObject({ week: WEEK, total: 6 });
    expect(w.trend.at(-2)).toMatchObject({ week: '2026-W39', total: 1, byStage: { REFUNDED: 1 } });
  });

  it('refuses a week that does not exist, and people outside the analysis group', async () => {
    for (const week of ['2026-W54', '2025-W53', '2026-40', 'x']) {
      const res = await as('manager', 'GET', `/api/churn/weekly?week=${week}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    expect((await as('caller1', 'GET', '/api/churn/weekly')).statusCode).toBe(403);
    expect((await as('admin', 'GET', '/api/churn/weekly')).statusCode).toBe(403);
    expect((await as('handler', 'GET', `/api/churn/weekly?week=${WEEK}`)).statusCode).toBe(200);
  });

  it('picks a case for the deep dive with the customer’s visits, tickets and inspections; a stale version changes nothing', async () => {
    const c = cases[2]!;
    const pick = await as('lead', 'POST', '/api/churn/weekly/deep-dive', {
      caseId: c.id,
      week: WEEK,
      picked: true,
      version: c.version,
    });
    expect(pick.statusCode).toBe(200);
    expect(pick.json()).toMatchObject({ deepDiveWeek: WEEK, version: c.version + 1 });
    const stale = await as('lead', 'POST', '/api/churn/weekly/deep-dive', {
      caseId: c.id,
      week: WEEK,
      picked: false,
      version: c.version,
    });
    expect(stale.statusCode).toBe(409);
    const w = (await as('lead', 'GET', `/api/churn/weekly?week=${WEEK}`)).json();
    expect(w.deepDives).toHaveLength(1);
    const visits = await t.prisma.visitRecord.count({ where: { customerId: c.customerId! } });
    expect(w.deepDives[0]).toMatchObject({ id: c.id, deepDive: true });
    expect(w.deepDives[0].visits).toHaveLength(Math.min(visits, 5));
    // a suggestion cannot be picked; an unknown case is 404
    const suggestion = await as('lead', 'POST', '/api/churn/weekly/deep-dive', {
      caseId: cases[7]!.id,
      week: WEEK,
      picked: true,
      version: 1,
    });
    expect(suggestion.statusCode).toBe(400);
    const unknown = await as('lead', 'POST', '/api/churn/weekly/deep-dive', {
      caseId: '00000000-0000-7000-8000-000000000000',
      week: WEEK,
      picked: true,
      version: 1,
    });
    expect(unknown.statusCode).toBe(404);
    // taken off again
    const off = await as('lead', 'POST', '/api/churn/weekly/deep-dive', {
      caseId: c.id,
      week: WEEK,
      picked: false,
      version: c.version + 1,
    });
    expect(off.json().deepDiveWeek).toBeNull();
  });

  it('writes the minutes once with version 0, then only with the version read; bad input writes nothing', async () => {
    const url = `/api/churn/meetings/${WEEK}`;
    const body = {
      heldOn: last,
      attendees: '王丽华、吴老师',
      minutes: '价格是本周首要原因。',
      decisions: [{ text: '推出分期付款方案' }],
    };
    expect((await as('lead', 'PUT', url, { ...body, minutes: '  ', version: 0 })).statusCode).toBe(400);
    expect(
      (
        await as('lead', 'PUT', url, {
          ...body,
          decisions: [{ text: 'x', measureId: '00000000-0000-7000-8000-000000000000' }],
          version: 0,
        })
      ).statusCode,
    ).toBe(400);
    expect(await t.prisma.churnMeeting.count({ where: { organizationId: org, week: WEEK } })).toBe(0);
    const created = await as('lead', 'PUT', url, { ...body, version: 0 });
    expect(created.statusCode).toBe(200);
    expect(created.json()).toMatchObject({ week: WEEK, heldOn: last, version: 1, createdByName: '王丽华' });
    expect(created.json().decisions).toEqual([{ text: '推出分期付款方案', measureId: null }]);
    expect((await as('handler', 'PUT', url, { ...body, version: 0 })).statusCode).toBe(409);
    const updated = await as('handler', 'PUT', url, { ...body, minutes: '补充：竞争对手降价。', version: 1 });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ version: 2, minutes: '补充：竞争对手降价。' });
    expect((await as('lead', 'GET', `/api/churn/weekly?week=${WEEK}`)).json().meeting.version).toBe(2);
    expect(
      (await as('lead', 'PUT', '/api/churn/meetings/2026-W99', { ...body, version: 0 })).statusCode,
    ).toBe(400);
  });

  it('exports the week as a workbook in either language', async () => {
    for (const lang of ['zh-CN', 'en']) {
      const res = await as('manager', 'GET', `/api/churn/weekly/export?week=${WEEK}&lang=${lang}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
    }
    expect((await as('manager', 'GET', '/api/churn/weekly/export')).statusCode).toBe(400);
  });
});
