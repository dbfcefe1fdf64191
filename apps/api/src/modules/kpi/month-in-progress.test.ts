import { afterAll, describe, expect, it } from 'vitest';
import { testClock } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';
import { kpiFixtures, MONTH } from '../incentives/fixtures.ts';

// A month in progress (docs/rules.md#r-kpi-12-a-month-in-progress, #r-kpi-7-hundred-point-score):
// the KPI endpoints on a pinned clock inside May 2022 (the fixtures' month) and after it.
//
// caller2's May: 10 tasks — 8 done (due 3–9 and 31 May), 1 PENDING due 25 May, 1 cancelled.
// On 21 May the open task of the 25th is not due yet: 8 of the 8 counted are done (100 %), not
// 8 of 9; on 26 May it is, and the figure is the month's 88.89 %.

const MGR = 'manager@demo.local';
/** 10:00 in Shanghai on a day of 2022 */
const tenAm = (d: string) => new Date(`${d}T02:00:00Z`);

describe('KPIs of a month in progress', async () => {
  const t = await setupTestApp();
  const fx = await kpiFixtures(t.prisma);
  afterAll(() => testClock.set(new Date('2026-03-18T02:00:00.000Z')));
  const json = async (email: string, url: string) => {
    const res = await t.as(email, { method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  /** Moves the clock to 10:00 of a day and signs in again (a session idle for days has expired). */
  const at = async (day: string) => {
    testClock.set(tenAm(day));
    for (const email of [MGR, 'lead@demo.local']) await t.login(email);
  };
  const callerRow = (d: { callers: { id: string; unassessed?: string[] }[] }, id: string) =>
    d.callers.find((c) => c.id === id);

  // caller5 (team 2): two tasks done in May with their records, never inspected (孙磊's case)
  const customers = await t.prisma.customer.findMany({
    where: { tasks: { none: {} } },
    select: { id: true },
    take: 2,
  });
  for (const [i, c] of customers.entries()) {
    const due = `2022-05-0${i + 2}`;
    const task = await t.prisma.task.create({
      data: {
        organizationId: fx.orgId,
        customerId: c.id,
        assigneeId: fx.users.caller5!,
        purpose: 'kpi fixture',
        channel: 'PHONE',
        windowFrom: new Date(`${due}T00:00:00Z`),
        windowTo: new Date(`${due}T00:00:00Z`),
        dueDate: new Date(`${due}T00:00:00Z`),
        status: 'DONE',
        doneAt: tenAm(due),
      },
    });
    await t.prisma.visitRecord.create({
      data: {
        organizationId: fx.orgId,
        taskId: task.id,
        callerId: fx.users.caller5!,
        customerId: c.id,
        startedAt: new Date(tenAm(due).getTime() - 600_000),
        channel: 'PHONE',
        outcome: 'COMPLETED',
        satisfaction: 5,
        original: {},
      },
    });
  }

  it('on 21 May the caller dashboard measures what was due so far and says the month is running', async () => {
    await at('2022-05-21');
    const d = await json(MGR, `/api/dashboards/caller?userId=${fx.users.caller2}`);
    expect(d).toMatchObject({ month: MONTH, phase: 'RUNNING', dueBefore: '2022-05-21', assignedInMonth: 9 });
    expect(d.kpi.counts).toMatchObject({ assigned: 8, done: 8, onTime: 7 });
    expect(d.kpi.completionBp).toBe(10000);
    // what is left is the whole month's: the open task of the 25th
    expect(d.remaining).toMatchObject({ toFullCompletion: 1, open: 1, overdue: 0 });
    expect(d.gradeBands).toEqual({ A: 9000, B: 8000, C: 7000, D: 6000 });
    expect(d.trend.at(-1)).toMatchObject({ month: MONTH, closed: false, partial: true, completionBp: 10000 });
  });

  it('on 26 May the open task has come due and counts against the caller', async () => {
    await at('2022-05-26');
    const d = await json(MGR, `/api/dashboards/caller?userId=${fx.users.caller2}`);
    expect(d).toMatchObject({ phase: 'RUNNING', dueBefore: '2022-05-26', assignedInMonth: 9 });
    expect(d.kpi.counts).toMatchObject({ assigned: 9, done: 8 });
    expect(d.kpi.completionBp).toBe(8889);
    expect(d.remaining).toMatchObject({ toFullCompletion: 1, overdue: 1 });
  });

  it('the manager dashboard, the lead dashboard and GET /api/kpi of the running month', async () => {
    await at('2022-05-21');
    const m = await json(MGR, `/api/dashboards/manager?month=${MONTH}`);
    expect(m).toMatchObject({ month: MONTH, closed: false, phase: 'RUNNING', dueBefore: '2022-05-21' });
    expect(callerRow(m, fx.users.caller2!)).toMatchObject({ completionBp: 10000, unassessed: [] });
    // no inspection: quality not assessed, the score re-weighted over the 70 points assessed, and said so
    expect(callerRow(m, fx.users.caller5!)).toMatchObject({
      completionBp: 10000,
      passRateBp: null,
      scoreHundredths: 10000,
      grade: 'A',
      unassessed: ['process', 'content'],
      assessedWeight: 70,
    });
    // a caller with nothing at all: every dimension unassessed, no grade
    expect(callerRow(m, fx.users.caller3!)).toMatchObject({ grade: null, assessedWeight: 0 });
    expect(callerRow(m, fx.users.caller3!)?.unassessed).toHaveLength(6);
    expect(m.trend.at(-1)).toMatchObject({ month: MONTH, partial: true, closed: false });
    // the organisation's completion is not dragged down by what is not due yet: 16 of 16 counted
    expect(m.organization.completion.value).toBe(10000);

    const lead = await json('lead@demo.local', `/api/dashboards/lead?month=${MONTH}`);
    expect(lead).toMatchObject({ phase: 'RUNNING', dueBefore: '2022-05-21' });
    const c2 = lead.callers.find((c: { id: string }) => c.id === fx.users.caller2);
    expect(c2.kpi.counts.assigned).toBe(8);
    // projected over the whole month: 8 done in 21 of 31 days → min(9, 8 × 31 ÷ 21) of 9 = 100 %
    expect(c2.projectedCompletionBp).toBe(10000);
    expect(lead.trend.at(-1)).toMatchObject({ partial: true });

    const k = await json(MGR, `/api/kpi?month=${MONTH}&scope=caller`);
    expect(k).toMatchObject({ phase: 'RUNNING', dueBefore: '2022-05-21' });
    const c5 = k.rows.find((r: { id: string }) => r.id === fx.users.caller5);
    expect(c5.kpi).toMatchObject({
      assessedWeight: 70,
      pointsSumHundredths: 7000,
      unassessed: ['process', 'content'],
    });
    // a month not begun: nothing due, nothing done
    const june = await json(MGR, '/api/kpi?month=2022-06&scope=department');
    expect(june).toMatchObject({ phase: 'FUTURE', dueBefore: '2022-05-21' });
  });

  it('once May is over every task counts, as at the close; the trend point is no longer partial', async () => {
    await at('2022-06-02');
    const d = await json(MGR, `/api/dashboards/caller?userId=${fx.users.caller2}&month=${MONTH}`);
    expect(d).toMatchObject({ phase: 'PAST', dueBefore: null, assignedInMonth: 9 });
    expect(d.kpi.counts.assigned).toBe(9);
    expect(d.kpi.completionBp).toBe(8889);
    expect(d.trend.at(-1)).toMatchObject({ partial: false, closed: false });
    const k = await json(MGR, `/api/kpi?month=${MONTH}`);
    expect(k).toMatchObject({ phase: 'PAST', dueBefore: null });
  });

  it('a month closed before the assessment fields existed still reports them, from its dimensions', async () => {
    await at('2022-06-02');
    const close = await t.as(MGR, { method: 'POST', url: '/api/month-closes', payload: { month: MONTH } });
    expect(close.statusCode, close.body).toBe(200);
    // strip the new fields from the stored figures, as a snapshot taken before them
    const snaps = await t.prisma.kpiSnapshot.findMany({ where: { month: MONTH, scope: 'CALLER' } });
    for (const s of snaps) {
      const f = s.figures as { kpi: Record<string, unknown> };
      const { assessedWeight: _w, pointsSumHundredths: _p, unassessed: _u, ...kpi } = f.kpi;
      await t.prisma.kpiSnapshot.update({ where: { id: s.id }, data: { figures: { ...f, kpi } as never } });
    }
    const m = await json(MGR, `/api/dashboards/manager?month=${MONTH}`);
    expect(m).toMatchObject({ closed: true, phase: 'PAST', dueBefore: null });
    expect(callerRow(m, fx.users.caller5!)).toMatchObject({
      unassessed: ['process', 'content'],
      assessedWeight: 70,
    });
    expect(m.trend.at(-1)).toMatchObject({ closed: true, partial: false });
    const d = await json(MGR, `/api/dashboards/caller?userId=${fx.users.caller5}&month=${MONTH}`);
    expect(d.kpi).toMatchObject({
      assessedWeight: 70,
      pointsSumHundredths: 7000,
      unassessed: ['process', 'content'],
    });
  });

  it("counts a task left over from last month as overdue, as the caller's workbench does", async () => {
    await at('2022-05-26');
    await t.login('caller2@demo.local');
    const [customer] = await t.prisma.customer.findMany({
      where: { tasks: { none: {} } },
      select: { id: true },
      skip: 2,
      take: 1,
    });
    const leftOver = await t.prisma.task.create({
      data: {
        organizationId: fx.orgId,
        customerId: customer!.id,
        assigneeId: fx.users.caller2!,
        purpose: 'left over from April',
        channel: 'PHONE',
        windowFrom: new Date('2022-04-20T00:00:00Z'),
        windowTo: new Date('2022-04-28T00:00:00Z'),
        dueDate: new Date('2022-04-28T00:00:00Z'),
        status: 'PENDING',
      },
    });
    try {
      const d = await json('caller2@demo.local', '/api/dashboards/caller');
      const summary = await json('caller2@demo.local', '/api/tasks/summary?assignee=me');
      expect(d.remaining).toMatchObject({ open: 2, overdue: 2, toFullCompletion: 1 });
      expect(d.remaining.overdue).toBe(summary.overdue);
      // May's completion is May's own: April's task is not in it
      expect(d.kpi.counts).toMatchObject({ assigned: 9, done: 8 });
    } finally {
      await t.prisma.task.delete({ where: { id: leftOver.id } });
    }
  });
});
