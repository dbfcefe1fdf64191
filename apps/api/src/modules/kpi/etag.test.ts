import { describe, expect, it, vi } from 'vitest';
import { TEST_NOW } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';

// docs/api.md#conditional-requests: the KPI answer carries an entity tag; a browser that has the
// answer asks again with it and is told 304, no body, while the answer is the same for that reader.
describe('GET /api/kpi with an entity tag', async () => {
  let now = TEST_NOW.getTime();
  const t = await setupTestApp({ env: { HUIFANG_LIVE_FIGURES_SECONDS: '60' }, clock: () => new Date(now) });
  const kpi = (email: string, ifNoneMatch?: string) =>
    t.as(email, {
      method: 'GET',
      url: '/api/kpi?scope=caller',
      headers: ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {},
    });

  it('answers 304 with no body to the tag it gave, 200 to another reader or to changed figures', async () => {
    const first = await kpi('manager@demo.local');
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    // only the user's own browser keeps it, and it asks each time
    expect(first.headers['cache-control']).toBe('private, no-cache');

    const again = await kpi('manager@demo.local', etag);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(etag);
    // as browsers send it: weak, or in a list
    expect((await kpi('manager@demo.local', `W/${etag}`)).statusCode).toBe(304);
    expect((await kpi('manager@demo.local', `"other", ${etag}`)).statusCode).toBe(304);
    expect((await kpi('manager@demo.local', '"other"')).statusCode).toBe(200);

    // a caller sees only themself: another answer, so the manager's tag does not match
    const caller = await kpi('caller1@demo.local', etag);
    expect(caller.statusCode).toBe(200);
    expect(caller.json().rows.length).toBeLessThan(first.json().rows.length);
    expect(caller.headers.etag).not.toBe(etag);

    // a minute on the figures are computed again (their time is in the answer): a new answer, a new tag
    now += 61_000;
    await vi.waitFor(
      async () => {
        const res = await kpi('manager@demo.local', etag);
        expect(res.statusCode).toBe(200);
        expect(res.json().asOf).toBe(new Date(now).toISOString());
        expect(res.headers.etag).not.toBe(etag);
      },
      { timeout: 10_000, interval: 100 },
    );
  });

  it('checks the session before the tag: no session, 401 whatever the tag', async () => {
    const first = await kpi('manager@demo.local');
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/kpi?scope=caller',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(res.statusCode).toBe(401);
  });
});
