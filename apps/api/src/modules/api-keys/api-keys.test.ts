// Integration keys (docs/api.md#integrations): made once by an administrator, used by another
// system to post customer events only, idempotent by its own ids, rate-limited, revoked at once.
import { describe, expect, it } from 'vitest';
import { fixtureBase, setupTestApp } from '../../../test/helper.ts';
import { EVENT_POSTS_PER_MINUTE } from '../customer-events/routes.ts';

describe('integration keys', async () => {
  const t = await setupTestApp();
  const base = await fixtureBase(t.prisma, 2);
  const [c1] = base.customers.map((c) => c.id);
  const admin = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.as('admin@demo.local', { method, url, ...(payload ? { payload } : {}) });
  const withKey = (key: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(payload ? { payload } : {}),
    });
  const make = async (name: string) => {
    const res = await admin('POST', '/api/api-keys', { name });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { key: string; apiKey: { id: string; prefix: string; name: string } };
  };
  const event = { customerId: c1!, kind: 'DISCHARGE', day: '2026-03-17', externalId: 'HIS-9001' };

  it('is shown once, kept only as its hash, listed by its prefix', async () => {
    const { key, apiKey } = await make(' 医院 HIS ');
    expect(key).toMatch(/^hf_[A-Za-z0-9_-]{43}$/);
    expect(apiKey).toMatchObject({ name: '医院 HIS', prefix: key.slice(0, 11) });
    const list = (await admin('GET', '/api/api-keys')).json() as { items: Array<Record<string, unknown>> };
    expect(list.items[0]).toMatchObject({ id: apiKey.id, prefix: apiKey.prefix, revokedAt: null });
    expect(JSON.stringify(list)).not.toContain(key);
    const row = await t.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(row.hash).not.toContain(key.slice(3));
    const logs = await t.prisma.auditLog.findMany({
      where: { entityId: apiKey.id },
      select: { action: true, before: true, after: true },
    });
    expect(logs.map((l) => l.action)).toEqual(['API_KEY_CREATE']);
    expect(JSON.stringify(logs)).not.toContain(key);
  });

  it('posts events as source API, once per external id, and needs that id', async () => {
    const { key, apiKey } = await make('CRM');
    const first = await withKey(key, 'POST', '/api/customer-events', event);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ source: 'API', externalId: 'HIS-9001', createdBy: null });
    const row = await t.prisma.customerEvent.findFirstOrThrow({ where: { externalId: 'HIS-9001' } });
    expect(row.apiKeyId).toBe(apiKey.id);
    const again = await withKey(key, 'POST', '/api/customer-events', event);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const other = await withKey(key, 'POST', '/api/customer-events', { ...event, kind: 'SURGERY' });
    expect(other.statusCode).toBe(409);
    const noId = await withKey(key, 'POST', '/api/customer-events', { ...event, externalId: undefined });
    expect(noId.statusCode).toBe(400);
    expect(noId.json()).toMatchObject({ error: { code: 'VALIDATION', details: [{ path: 'externalId' }] } });
    const unknown = await withKey(key, 'POST', '/api/customer-events', {
      ...event,
      externalId: 'HIS-x',
      customerId: '00000000-0000-7000-8000-000000000000',
    });
    expect(unknown.statusCode).toBe(404);
    expect((await t.prisma.apiKey.findUniqueOrThrow({ where: { id: apiKey.id } })).lastUsedAt).not.toBeNull();
  });

  it('opens nothing else: reading events, customers or anything else is refused', async () => {
    const { key } = await make('只写');
    for (const [method, url] of [
      ['GET', '/api/customer-events'],
      ['GET', '/api/customers'],
      ['GET', '/api/api-keys'],
      ['POST', '/api/api-keys'],
      ['GET', '/api/auth/me'],
    ] as const) {
      const res = await withKey(key, method, url, method === 'POST' ? { name: 'x' } : undefined);
      expect([401, 403], `${method} ${url}`).toContain(res.statusCode);
    }
  });

  it('is refused once revoked, and an unknown key is refused', async () => {
    const { key, apiKey } = await make('旧系统');
    expect((await admin('POST', `/api/api-keys/${apiKey.id}/revoke`)).statusCode).toBe(200);
    expect((await admin('POST', `/api/api-keys/${apiKey.id}/revoke`)).statusCode).toBe(409);
    const res = await withKey(key, 'POST', '/api/customer-events', { ...event, externalId: 'HIS-r' });
    expect(res.statusCode).toBe(401);
    expect((await withKey('hf_nope', 'POST', '/api/customer-events', event)).statusCode).toBe(401);
    expect(await t.prisma.customerEvent.count({ where: { externalId: 'HIS-r' } })).toBe(0);
  });

  it('is managed by administrators only', async () => {
    for (const who of ['manager', 'lead', 'caller1', 'supervisor'])
      expect((await t.as(`${who}@demo.local`, { method: 'GET', url: '/api/api-keys' })).statusCode, who).toBe(
        403,
      );
    expect((await admin('POST', '/api/api-keys', { name: '' })).statusCode).toBe(400);
    expect(
      (await admin('POST', '/api/api-keys/00000000-0000-7000-8000-000000000000/revoke')).statusCode,
    ).toBe(404);
  });

  it('limits each key’s posts a minute', async () => {
    const { key } = await make('批量');
    const codes: number[] = [];
    for (let i = 0; i <= EVENT_POSTS_PER_MINUTE; i++)
      codes.push(
        (await withKey(key, 'POST', '/api/customer-events', { ...event, externalId: 'HIS-rate' })).statusCode,
      );
    expect(codes.slice(0, EVENT_POSTS_PER_MINUTE).every((c) => c === 200 || c === 201)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    // another key is not held up by this one
    const other = await make('另一个');
    expect(
      (await withKey(other.key, 'POST', '/api/customer-events', { ...event, externalId: 'HIS-rate' }))
        .statusCode,
    ).toBe(200);
  });
});
