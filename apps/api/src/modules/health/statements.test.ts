import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';

// The embedded server the tests run on loads pg_stat_statements (db/embedded.ts); an external test
// server (TEST_DATABASE_URL) may not, and then the answer says so.
const embedded = !process.env.TEST_DATABASE_URL;

describe('what takes the database’s time', async () => {
  const t = await setupTestApp();
  const ADMIN = 'admin@demo.local';

  it('lists the statements by total time for the administrator, normalised, without any data', async () => {
    // a search by a customer's name and by a number: the statistics keep the statement, not the values
    const customer = await t.prisma.customer.findFirstOrThrow({ orderBy: { id: 'asc' } });
    const search = await t.as(ADMIN, {
      method: 'GET',
      url: `/api/customers?q=${encodeURIComponent(customer.name)}`,
    });
    expect(search.statusCode).toBe(200);
    const res = await t.as(ADMIN, { method: 'GET', url: '/api/database/statements' });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    if (!embedded) {
      expect(body.available === true || ['NOT_LOADED', 'NOT_INSTALLED'].includes(body.reason)).toBe(true);
      return;
    }
    expect(body).toMatchObject({ available: true, reason: null });
    expect(body.statements.length).toBeGreaterThan(0);
    expect(body.statements.length).toBeLessThanOrEqual(25);
    for (let i = 1; i < body.statements.length; i++)
      expect(body.statements[i].totalMs).toBeLessThanOrEqual(body.statements[i - 1].totalMs);
    for (const s of body.statements) {
      expect(s.calls).toBeGreaterThan(0);
      expect(s.meanMs).toBeCloseTo(s.totalMs / s.calls, 6);
      if (s.cacheHitBp !== null) expect(s.cacheHitBp).toBeGreaterThanOrEqual(0);
      expect(s.query).not.toContain(customer.name);
      expect(s.query).not.toContain(customer.phone);
    }
    expect(JSON.stringify(body)).not.toContain(customer.name);
  });

  it('is the administrator’s only', async () => {
    for (const email of [
      'manager@demo.local',
      'supervisor@demo.local',
      'lead@demo.local',
      'caller1@demo.local',
    ])
      expect((await t.as(email, { method: 'GET', url: '/api/database/statements' })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/database/statements' })).statusCode).toBe(401);
  });
});
