import { describe, expect, it, vi } from 'vitest';
import { TEST_NOW } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';

// docs/performance.md (analytics): with HUIFANG_LIVE_FIGURES_SECONDS the organisation's live month
// figures are computed once per period for every dashboard that asks, and say when.
describe('live figures shared for a minute', async () => {
  let now = TEST_NOW.getTime();
  const t = await setupTestApp({ env: { HUIFANG_LIVE_FIGURES_SECONDS: '60' }, clock: () => new Date(now) });
  const get = async (email: string, url: string) => {
    const res = await t.as(email, { method: 'GET', url });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('the manager, the lead and the KPI read one computation until it is a minute old', async () => {
    const first = await get('manager@demo.local', '/api/dashboards/manager');
    expect(first.asOf).toBe(TEST_NOW.toISOString());
    now += 30_000;
    expect((await get('manager@demo.local', '/api/dashboards/manager')).asOf).toBe(TEST_NOW.toISOString());
    expect((await get('lead@demo.local', '/api/dashboards/lead')).asOf).toBe(TEST_NOW.toISOString());
    expect((await get('manager@demo.local', '/api/kpi')).asOf).toBe(TEST_NOW.toISOString());
    // a minute on: still served (with its time) while computed again behind; then the new ones
    now += 30_000;
    expect((await get('manager@demo.local', '/api/dashboards/manager')).asOf).toBe(TEST_NOW.toISOString());
    // (the dashboard is built on the organisation's shared counts, themselves stale: a read or two more)
    await vi.waitFor(
      async () =>
        expect((await get('manager@demo.local', '/api/dashboards/manager')).asOf).toBe(
          new Date(now).toISOString(),
        ),
      { timeout: 10_000, interval: 100 },
    );
  });

  it("the quality dashboard's figures are shared the same way, and say when they were computed", async () => {
    const start = now;
    const first = await get('manager@demo.local', '/api/dashboards/quality');
    expect(first.asOf).toBe(new Date(start).toISOString());
    now += 59_000;
    // the supervisor opening it within the minute reads the same computation
    const again = await get('supervisor@demo.local', '/api/dashboards/quality');
    expect(again).toEqual(first);
    now += 1_000;
    // stale: the old figures at once, the new ones computed behind for the next reader
    expect((await get('supervisor@demo.local', '/api/dashboards/quality')).asOf).toBe(
      new Date(start).toISOString(),
    );
    await vi.waitFor(
      async () =>
        expect((await get('supervisor@demo.local', '/api/dashboards/quality')).asOf).toBe(
          new Date(now).toISOString(),
        ),
      { timeout: 10_000, interval: 100 },
    );
    // another month is its own computation
    expect((await get('manager@demo.local', '/api/dashboards/quality?month=2026-10')).asOf).toBe(
      new Date(now).toISOString(),
    );
  });

  it("the KPI's body is kept for the minute, per viewer's reach: a lead and a caller never read the manager's", async () => {
    now += 120_000;
    const read = async (email: string) => {
      const res = await t.as(email, { method: 'GET', url: '/api/kpi?scope=caller' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      return res.body;
    };
    const manager = await read('manager@demo.local');
    now += 10_000;
    expect(await read('manager@demo.local')).toBe(manager);
    const everyone = JSON.parse(manager).rows as Array<{ id: string; teamId: string | null }>;
    expect(everyone.length).toBeGreaterThan(2);

    const lead = await t.prisma.user.findFirstOrThrow({ where: { email: 'lead@demo.local' } });
    const team = JSON.parse(await read('lead@demo.local')).rows as Array<{ teamId: string }>;
    expect(team.length).toBeGreaterThan(0);
    expect(team.length).toBeLessThan(everyone.length);
    expect(team.every((r) => r.teamId === lead.teamId)).toBe(true);

    const caller = await t.prisma.user.findFirstOrThrow({ where: { email: 'caller1@demo.local' } });
    const own = JSON.parse(await read('caller1@demo.local')).rows as Array<{ id: string }>;
    expect(own.map((r) => r.id)).toEqual([caller.id]);
    // and the manager's is still the kept one
    expect(await read('manager@demo.local')).toBe(manager);
  });

  it('a closed month from its snapshot has no live computation to date', async () => {
    const past = await get('manager@demo.local', '/api/dashboards/manager?month=2026-01');
    if (past.closed) expect(past.asOf).toBeNull();
    else expect(typeof past.asOf).toBe('string');
  });
});
