// The annual view (docs/rules.md#r-cad-5-the-annual-view): per month, the visits each rule that is on
// asks for from the events recorded so far, across the year's ends.
import { describe, expect, it } from 'vitest';
import { fixtureBase, setupTestApp } from '../../../test/helper.ts';

type Forecast = {
  year: number;
  months: string[];
  rules: Array<{ id: string; name: string; standing: boolean; perMonth: number[]; total: number }>;
  callers: number;
  events: number;
};

describe('the annual view of the cadence rules', async () => {
  const t = await setupTestApp();
  const base = await fixtureBase(t.prisma, 3);
  const [high, low, surgery] = base.customers.map((c) => c.id);
  const event = (customerId: string, kind: string, day: string) =>
    t.prisma.customerEvent.create({
      data: {
        organizationId: base.orgId,
        customerId,
        kind,
        day: new Date(`${day}T00:00:00Z`),
        source: 'MANUAL',
        createdAt: new Date(),
      },
    });
  const forecast = async (year: number | string, who = 'lead') => {
    const res = await t.as(`${who}@demo.local`, {
      method: 'GET',
      url: `/api/cadence-rules/forecast?year=${year}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Forecast;
  };
  const rule = (f: Forecast, name: string) => f.rules.find((r) => r.name === name)!;

  it('counts the value-tier visits of each purchase and the follow-ups of known events, month by month', async () => {
    await t.prisma.customer.update({ where: { id: high! }, data: { tier: 'HIGH' } });
    await t.prisma.customer.update({ where: { id: low! }, data: { tier: 'LOW' } });
    await event(high!, 'PURCHASE', '2026-01-31');
    await event(low!, 'PURCHASE', '2025-06-15');
    await event(surgery!, 'SURGERY', '2026-12-30');
    const f = await forecast(2026);
    expect(f.months).toEqual(Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}`));
    const tiers = rule(f, '重点客户定期回访');
    // high value every 3 months from 31 January: 30 April, 31 July, 31 October; low value yearly: 15 June
    expect(tiers.perMonth).toEqual([0, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0]);
    expect(tiers).toMatchObject({ standing: false, total: 4 });
    // surgery on 30 December: its first visit (31 December) is this year's, the others next year's
    expect(rule(f, '术后回访').perMonth[11]).toBe(1);
    expect(rule(f, '术后回访').total).toBe(1);
    const next = await forecast(2027);
    expect(rule(next, '术后回访').perMonth.slice(0, 2)).toEqual([2, 0]);
    expect(rule(next, '重点客户定期回访').perMonth).toEqual([1, 0, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0]);
    expect(f.callers).toBeGreaterThan(0);
  });

  it('leaves out rules that are off and events that are cancelled; refuses a bad year and callers', async () => {
    const r = await t.prisma.cadenceRule.findFirstOrThrow({ where: { code: 'SURGERY_3D_1W_1M' } });
    await t.prisma.customerEvent.updateMany({
      where: { customerId: surgery! },
      data: { cancelledAt: new Date() },
    });
    expect(rule(await forecast(2026), '术后回访').total).toBe(0);
    await t.prisma.cadenceRule.update({
      where: { id: r.id },
      data: { draft: { ...(r.draft as object), enabled: false } },
    });
    expect(rule(await forecast(2026), '术后回访')).toBeUndefined();
    for (const bad of ['1999', 'x', ''])
      expect(
        (await t.as('lead@demo.local', { method: 'GET', url: `/api/cadence-rules/forecast?year=${bad}` }))
          .statusCode,
      ).toBe(400);
    expect(
      (await t.as('caller1@demo.local', { method: 'GET', url: '/api/cadence-rules/forecast?year=2026' }))
        .statusCode,
    ).toBe(403);
  });
});
