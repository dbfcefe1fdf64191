import { monthIn } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';
import { kpiFixtures, MONTH, PREV } from '../incentives/fixtures.ts';

const MGR = 'manager@demo.local';

describe('KPI dashboards and the trend', async () => {
  const t = await setupTestApp();
  const fx = await kpiFixtures(t.prisma);
  const get = (email: string, url: string) => t.as(email, { method: 'GET', url });
  const json = async (email: string, url: string) => {
    const res = await get(email, url);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('the manager dashboard of a month not closed is computed live', async () => {
    const d = await json(MGR, `/api/dashboards/manager?month=${MONTH}`);
    expect(d).toMatchObject({ month: MONTH, closed: false, policyVersion: 1 });
    const c2 = d.callers.find((c: { id: string }) => c.id === fx.users.caller2);
    expect(c2).toMatchObject({ completionBp: 8889, passRateBp: 5000, grade: 'B', teamName: '回访一组' });
    expect(d.gradeDistribution).toEqual([
      { grade: 'A', count: 2 },
      { grade: 'B', count: 1 },
      { grade: 'C', count: 0 },
      { grade: 'D', count: 0 },
      { grade: 'E', count: 0 },
    ]);
    expect(d.ungraded).toBe(2);
    expect(d.departments).toEqual([
      expect.objectContaining({
        name: '回访部',
        completion: { value: 9333, target: 10000, state: 'MISSED' },
        passRate: { value: 8000, target: 9500, state: 'MISSED' },
      }),
    ]);
    // the organisation's headline figures against the targets, decided on the counts
    expect(d.organization).toEqual({
      completion: { value: 9333, target: 10000, state: 'MISSED' },
      passRate: { value: 8000, target: 9500, state: 'MISSED' },
      satisfaction: { value: 371, target: 450, state: 'MISSED' },
    });
    expect(d.incentives).toMatchObject({ sheetStatus: 'NONE', proposed: 0 });
    expect(d.tickets).toMatchObject({ created: 1, responded: 1, respondedOnTime: 0, closed: 1 });
    expect(d.trend).toHaveLength(1);
    expect(d.trend[0]).toMatchObject({ month: MONTH, closed: false, completionBp: 9333 });
  });

  it('after month closes, trends and the dashboard read the snapshots', async () => {
    for (const month of [PREV, MONTH]) {
      expect(
        (await t.as(MGR, { method: 'POST', url: '/api/month-closes', payload: { month } })).statusCode,
      ).toBe(200);
    }
    const d = await json(MGR, `/api/dashboards/manager?month=${MONTH}`);
    // no head review: April met its visit task target (2 of 2) and missed only satisfaction
    // the retraining's days of pay come from the attendance, not the close (R-TRN-3)
    expect(d).toMatchObject({ closed: true, incentives: { sheetStatus: 'OPEN', proposed: 8 } });
    expect(d.incentives.bonusFen).toBe(120000);
    expect(d.incentives.deductionFen).toBe(50000);
    expect(d.trend.map((p: { month: string; closed: boolean }) => [p.month, p.closed])).toEqual([
      [PREV, true],
      [MONTH, true],
    ]);
    const trend = await json(MGR, `/api/kpi/trend?scope=caller&months=12&to=${MONTH}`);
    expect(trend.from).toBe('2021-06');
    const c1 = trend.points.filter((p: { subjectId: string }) => p.subjectId === fx.users.caller1);
    expect(c1.map((p: { month: string; grade: string }) => [p.month, p.grade])).toEqual([
      [PREV, 'A'],
      [MONTH, 'A'],
    ]);
    const org = await json(MGR, `/api/kpi/trend?months=2&to=${MONTH}`);
    expect(org.points).toHaveLength(2);
  });

  it('trend visibility: a caller their own line, a lead their team', async () => {
    const own = await json('caller2@demo.local', `/api/kpi/trend?scope=caller&to=${MONTH}`);
    expect(new Set(own.points.map((p: { subjectId: string }) => p.subjectId))).toEqual(
      new Set([fx.users.caller2]),
    );
    expect((await get('caller2@demo.local', `/api/kpi/trend?scope=team&to=${MONTH}`)).statusCode).toBe(403);
    const lead2 = await json('lead2@demo.local', `/api/kpi/trend?scope=caller&to=${MONTH}`);
    expect(new Set(lead2.points.map((p: { subjectId: string }) => p.subjectId))).toEqual(
      new Set([fx.users.caller4, fx.users.caller5]),
    );
    expect(
      (await get('lead2@demo.local', `/api/kpi/trend?scope=caller&id=${fx.users.caller1}&to=${MONTH}`))
        .statusCode,
    ).toBe(404);
    expect((await get('lead@demo.local', `/api/kpi/trend?scope=department&to=${MONTH}`)).statusCode).toBe(
      403,
    );
  });

  it("the caller's dashboard: the month so far and what is left to reach 100 %", async () => {
    const d = await json('caller2@demo.local', `/api/dashboards/caller?month=${MONTH}`);
    expect(d.user).toMatchObject({ id: fx.users.caller2, teamName: '回访一组' });
    expect(d.kpi).toMatchObject({ completionBp: 8889, grade: 'B' });
    // 9 assigned, 8 done: one to go, and that one also keeps the warning away
    expect(d.remaining).toMatchObject({
      toFullCompletion: 1,
      open: 1,
      overdue: 1,
      dueToday: 0,
      toAvoidWarning: 1,
    });
    expect(d.days).toEqual({ elapsed: 31, total: 31 });
    // May is closed: the figures it was closed with
    expect(d.trend.map((p: { month: string; closed: boolean }) => [p.month, p.closed])).toEqual([
      [PREV, true],
      [MONTH, true],
    ]);
    expect(d).toMatchObject({ warningThresholdBp: 9000, retrainingThresholdBp: 9000 });
  });

  it('drill-down: a manager opens any caller, a lead only their team, a caller nobody else', async () => {
    expect(
      (await json(MGR, `/api/dashboards/caller?month=${MONTH}&userId=${fx.users.caller4}`)).user.id,
    ).toBe(fx.users.caller4);
    expect(
      (await get('lead@demo.local', `/api/dashboards/caller?month=${MONTH}&userId=${fx.users.caller1}`))
        .statusCode,
    ).toBe(200);
    expect(
      (await get('lead@demo.local', `/api/dashboards/caller?month=${MONTH}&userId=${fx.users.caller4}`))
        .statusCode,
    ).toBe(404);
    expect(
      (await get('caller1@demo.local', `/api/dashboards/caller?month=${MONTH}&userId=${fx.users.caller2}`))
        .statusCode,
    ).toBe(404);
    expect((await get('handler@demo.local', `/api/dashboards/caller?month=${MONTH}`)).statusCode).toBe(403);
  });

  it("the lead's dashboard puts who is at risk first", async () => {
    const d = await json('lead@demo.local', `/api/dashboards/lead?month=${MONTH}`);
    expect(d.team.name).toBe('回访一组');
    expect(d.callers.map((c: { id: string }) => c.id)).toContain(fx.users.caller2);
    // May is over: projected = actual; caller2 is below 90 % completion and 90 % pass rate
    const c2 = d.callers[0];
    expect(c2).toMatchObject({
      id: fx.users.caller2,
      projectedCompletionBp: 8889,
      risks: ['COMPLETION', 'PASS_RATE'],
      open: 1,
      overdue: 1,
    });
    expect(d.total.counts.assigned).toBe(13);
    expect(d.trend.map((p: { month: string; closed: boolean }) => [p.month, p.closed])).toEqual([
      [PREV, true],
      [MONTH, false],
    ]);
    // this month, as it stands: demo data
    const now = await json('lead@demo.local', '/api/dashboards/lead');
    expect(now.month).toBe(monthIn(testNow(), 'Asia/Shanghai'));
    expect((await get('caller1@demo.local', '/api/dashboards/lead')).statusCode).toBe(403);
  });

  it("the lead's risk flags compare exactly: 8 of 9 (shown 88.89 %) is below 88.89 %; 1 of 2 is not below 50 %", async () => {
    const v1 = await t.prisma.incentivePolicy.findFirstOrThrow({ where: { version: 1 } });
    const values = v1.values as { warning: object; retraining: object };
    await t.prisma.incentivePolicy.create({
      data: {
        organizationId: fx.orgId,
        version: 2,
        effectiveMonth: MONTH,
        values: {
          ...values,
          warning: { ...values.warning, belowCompletionBp: 8889 },
          retraining: { ...values.retraining, belowPassRateBp: 5000 },
        },
      },
    });
    const d = await json('lead@demo.local', `/api/dashboards/lead?month=${MONTH}`);
    const c2 = d.callers.find((c: { id: string }) => c.id === fx.users.caller2);
    expect(c2).toMatchObject({ projectedCompletionBp: 8889, risks: ['COMPLETION'] });
    expect(c2.kpi.passRateBp).toBe(5000);
  });
});
