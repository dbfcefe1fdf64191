import { describe, expect, it } from 'vitest';
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
    // a minute on: computed again
    now += 30_000;
    const later = await get('manager@demo.local', '/api/dashboards/manager');
    expect(later.asOf).toBe(new Date(now).toISOString());
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
    expect((await get('supervisor@demo.local', '/api/dashboards/quality')).asOf).toBe(
      new Date(now).toISOString(),
    );
    // another month is its own computation
    expect((await get('manager@demo.local', '/api/dashboards/quality?month=2026-10')).asOf).toBe(
      new Date(now).toISOString(),
    );
  });

  it('a closed month from its snapshot has no live computation to date', async () => {
    const past = await get('manager@demo.local', '/api/dashboards/manager?month=2026-01');
    if (past.closed) expect(past.asOf).toBeNull();
    else expect(typeof past.asOf).toBe('string');
  });
});
