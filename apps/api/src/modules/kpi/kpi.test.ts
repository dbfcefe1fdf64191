import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';
import { kpiFixtures, MONTH, PREV } from '../incentives/fixtures.ts';

type Row = { id: string; name: string; kpi: Record<string, unknown> & { counts: Record<string, number> } };

describe('KPI (GET /api/kpi) on hand-worked fixtures', async () => {
  const t = await setupTestApp();
  const fx = await kpiFixtures(t.prisma);
  const get = async (email: string, query: string) =>
    t.as(email, { method: 'GET', url: `/api/kpi?${query}` });
  const rowsOf = async (email: string, query: string) => {
    const res = await get(email, query);
    expect(res.statusCode).toBe(200);
    return res.json() as { rows: Row[]; total: Row['kpi']; policyVersion: number; targets: object };
  };
  const byId = (rows: Row[], id: string) => rows.find((r) => r.id === id)!;

  it('counts each caller exactly: cancelled left out, the last evening of the month on time, 00:30 next day late', async () => {
    const { rows, policyVersion, targets } = await rowsOf(
      'manager@demo.local',
      `month=${MONTH}&scope=caller`,
    );
    expect(policyVersion).toBe(1);
    expect(targets).toEqual({ completionBp: 10000, passRateBp: 9500, satisfactionHundredths: 450 });
    const c1 = byId(rows, fx.users.caller1!).kpi;
    expect(c1.counts).toMatchObject({
      assigned: 4,
      done: 4,
      onTime: 4,
      inspected: 2,
      passed: 2,
      records: 4,
      satisfactionSum: 18,
      satisfactionCount: 4,
      prevSatisfactionSum: 8,
      prevSatisfactionCount: 2,
      expensesFen: 300,
    });
    expect(c1).toMatchObject({
      scoreHundredths: 10000,
      grade: 'A',
      satisfactionHundredths: 450,
      satisfactionChangeBp: 1250,
    });

    const c2 = byId(rows, fx.users.caller2!).kpi;
    expect(c2.counts).toMatchObject({ assigned: 9, done: 8, onTime: 7, inspected: 2, passed: 1, records: 8 });
    expect(c2).toMatchObject({ completionBp: 8889, passRateBp: 5000, scoreHundredths: 8417, grade: 'B' });
    expect(c2.satisfactionChangeBp).toBeNull();

    const c4 = byId(rows, fx.users.caller4!).kpi;
    expect(c4.counts).toMatchObject({ records: 2, recordsCorrected: 1, conductConfirmed: 1 });
    expect(c4).toMatchObject({ scoreHundredths: 9500, grade: 'A' });

    // callers with nothing in the month are listed, without a score
    const c3 = byId(rows, fx.users.caller3!).kpi;
    expect(c3).toMatchObject({ scoreHundredths: null, grade: null, completionBp: null });
  });

  it('sums teams and the department; the previous month stands alone', async () => {
    const teams = await rowsOf('manager@demo.local', `month=${MONTH}&scope=team`);
    // in Chinese collation order (èr before yī)
    expect(teams.rows.map((r) => [r.name, r.kpi.counts.assigned, r.kpi.counts.done])).toEqual([
      ['回访二组', 2, 2],
      ['回访一组', 13, 12],
    ]);
    const dept = await rowsOf('manager@demo.local', `month=${MONTH}&scope=department`);
    expect(dept.rows).toHaveLength(1);
    expect(dept.rows[0]!.kpi).toMatchObject({ completionBp: 9333, passRateBp: 8000 });
    expect(dept.total).toMatchObject({ completionBp: 9333 });
    const april = await rowsOf('manager@demo.local', `month=${PREV}&scope=department`);
    expect(april.rows[0]!.kpi).toMatchObject({
      completionBp: 10000,
      passRateBp: null,
      satisfactionHundredths: 400,
    });
  });

  it('an appeal overturned after the month changes that month’s figures', async () => {
    const res = await t.as('manager@demo.local', {
      method: 'POST',
      url: `/api/appeals/${fx.appealId}/decide`,
      payload: { decision: 'OVERTURNED', reason: '复核录音后认可申诉' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const { rows } = await rowsOf('manager@demo.local', `month=${MONTH}&scope=caller`);
    expect(byId(rows, fx.users.caller2!).kpi).toMatchObject({
      passRateBp: 10000,
      scoreHundredths: 9167,
      grade: 'A',
    });
  });

  it('a lead sees their team, a caller themself; a caller cannot ask for teams', async () => {
    const lead = await rowsOf('lead@demo.local', `month=${MONTH}&scope=caller`);
    expect(lead.rows.map((r) => r.id).sort()).toEqual(
      [fx.users.caller1, fx.users.caller2, fx.users.caller3].sort(),
    );
    const lead2Teams = await rowsOf('lead2@demo.local', `month=${MONTH}&scope=team`);
    expect(lead2Teams.rows.map((r) => r.name)).toEqual(['回访二组']);
    const own = await rowsOf('caller2@demo.local', `month=${MONTH}`);
    expect(own.rows.map((r) => r.id)).toEqual([fx.users.caller2]);
    expect((await get('caller2@demo.local', `month=${MONTH}&scope=team`)).statusCode).toBe(403);
    expect((await get('handler@demo.local', `month=${MONTH}`)).statusCode).toBe(403);
  });

  it('refuses a malformed month or scope', async () => {
    expect((await get('manager@demo.local', 'month=2022-13')).statusCode).toBe(400);
    expect((await get('manager@demo.local', 'month=2022-5')).statusCode).toBe(400);
    expect((await get('manager@demo.local', 'scope=org')).statusCode).toBe(400);
  });
});
