import { describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

type Event = {
  id: string;
  customer: { id: string; name: string };
  kind: string;
  day: string;
  source: string;
  externalId: string | null;
  note: string | null;
  createdBy: { id: string; name: string } | null;
  cancelled: { at: string; by: { id: string; name: string } | null; reason: string } | null;
  version: number;
};
type Page = { items: Event[]; total: number };

// The tests' today is 2026-03-18 in Asia/Shanghai (test/clock.ts).
describe('customer events (docs/product.md#customer-events)', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const callerId = users['caller1@demo.local']!.id;
  const mine = await t.prisma.customer.findFirstOrThrow({
    where: { tasks: { some: { assigneeId: callerId } } },
    orderBy: { id: 'asc' },
  });
  const notMine = await t.prisma.customer.findFirstOrThrow({
    where: { tasks: { none: { assigneeId: callerId } } },
    orderBy: { id: 'asc' },
  });
  const post = (email: string, payload: unknown, url = '/api/customer-events') =>
    t.as(`${email}@demo.local`, { method: 'POST', url, payload: payload as object });
  const list = async (email: string, query = '') => {
    const res = await t.as(`${email}@demo.local`, { method: 'GET', url: `/api/customer-events${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Page;
  };
  const count = () => t.prisma.customerEvent.count();

  it('records an event on a day of the organisation’s calendar, by its author, audited', async () => {
    const res = await post('lead', {
      customerId: mine.id,
      kind: 'SURGERY',
      day: '2026-03-18',
      note: ' 膝关节手术 ',
    });
    expect(res.statusCode, res.body).toBe(201);
    const e = res.json() as Event;
    expect(e).toMatchObject({
      customer: { id: mine.id, name: mine.name },
      kind: 'SURGERY',
      day: '2026-03-18',
      source: 'MANUAL',
      externalId: null,
      note: '膝关节手术',
      createdBy: { id: users['lead@demo.local']!.id },
      cancelled: null,
      version: 1,
    });
    const log = await t.prisma.auditLog.findFirst({ where: { entity: 'CustomerEvent', entityId: e.id } });
    expect(log).toMatchObject({ action: 'CUSTOMER_EVENT_CREATE', actorId: users['lead@demo.local']!.id });
  });

  it('answers the event already recorded for a repeated external id, 409 when its content differs', async () => {
    const body = { customerId: mine.id, kind: 'DISCHARGE', day: '2026-03-10', externalId: 'HIS-778' };
    const first = await post('admin', body);
    expect(first.statusCode, first.body).toBe(201);
    const before = await count();
    const again = await post('lead', body);
    expect(again.statusCode, again.body).toBe(200);
    expect((again.json() as Event).id).toBe((first.json() as Event).id);
    const other = await post('lead', { ...body, day: '2026-03-11' });
    expect(other.statusCode, other.body).toBe(409);
    expect(other.json()).toMatchObject({
      error: { code: 'CONFLICT', details: { reason: 'EXTERNAL_ID_REUSED' } },
    });
    expect(await count()).toBe(before);
  });

  it('keeps one event when the same external id is posted twice at once', async () => {
    const body = { customerId: mine.id, kind: 'CONSULTATION', day: '2026-03-12', externalId: 'HIS-race' };
    const [a, b] = await Promise.all([post('lead', body), post('admin', body)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(await t.prisma.customerEvent.count({ where: { externalId: 'HIS-race' } })).toBe(1);
  });

  it('refuses bad input with the documented shape and writes nothing', async () => {
    const before = await count();
    const good = { customerId: mine.id, kind: 'PURCHASE', day: '2026-03-01' };
    for (const bad of [
      { ...good, kind: 'BIRTHDAY' },
      { ...good, day: '2026-02-30' },
      { ...good, day: '18/03/2026' },
      { ...good, customerId: 'x' },
      { ...good, extra: 1 },
      { ...good, note: 'x'.repeat(501) },
      { ...good, externalId: 'has space' },
      {},
    ]) {
      const res = await post('lead', bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    }
    const future = await post('lead', { ...good, day: '2026-03-19' });
    expect(future.statusCode).toBe(422);
    expect(future.json()).toMatchObject({
      error: { details: { reason: 'FUTURE_DAY', today: '2026-03-18' } },
    });
    const unknown = await post('lead', { ...good, customerId: '00000000-0000-7000-8000-000000000000' });
    expect(unknown.statusCode).toBe(404);
    expect(await count()).toBe(before);
  });

  it('lets only customer:write record or cancel; callers read their own customers’ events only', async () => {
    const body = { customerId: mine.id, kind: 'PURCHASE', day: '2026-03-02' };
    for (const who of ['caller1', 'manager', 'supervisor', 'handler'])
      expect((await post(who, body)).statusCode, who).toBe(403);
    const other = await post('lead', { customerId: notMine.id, kind: 'REFUND', day: '2026-03-03' });
    expect(other.statusCode).toBe(201);
    const seen = await list('caller1', '?size=200');
    expect(seen.items.length).toBeGreaterThan(0);
    expect(seen.items.every((e) => e.customer.id === mine.id)).toBe(true);
    expect((await list('caller1', `?customerId=${notMine.id}`)).total).toBe(0);
    expect((await list('manager', `?customerId=${notMine.id}`)).total).toBe(1);
    const handler = await t.as('handler@demo.local', { method: 'GET', url: '/api/customer-events' });
    expect(handler.statusCode).toBe(403);
  });

  it('filters by customer, kind, source and days, latest first', async () => {
    const all = await list('lead', `?customerId=${mine.id}`);
    expect(all.items.map((e) => e.day)).toEqual([...all.items.map((e) => e.day)].sort().reverse());
    const surgery = await list('lead', `?customerId=${mine.id}&kind=SURGERY`);
    expect(surgery.items.map((e) => e.kind)).toEqual(['SURGERY']);
    const days = await list('lead', `?customerId=${mine.id}&from=2026-03-10&to=2026-03-12`);
    expect(days.items.map((e) => e.day).sort()).toEqual(['2026-03-10', '2026-03-12']);
    expect((await list('lead', '?source=API')).total).toBe(0);
    const bad = await t.as('lead@demo.local', { method: 'GET', url: '/api/customer-events?from=2026-13-01' });
    expect(bad.statusCode).toBe(400);
  });

  it('cancels with a reason and the version seen: stale → 409, twice → 409, then left out of lists', async () => {
    const created = (
      await post('lead', { customerId: mine.id, kind: 'ENQUIRY', day: '2026-03-05' })
    ).json() as Event;
    const url = `/api/customer-events/${created.id}/cancel`;
    expect((await post('lead', { version: 1 }, url)).statusCode).toBe(400);
    expect((await post('lead', { version: 9, reason: '录错' }, url)).statusCode).toBe(409);
    const ok = await post('lead', { version: 1, reason: ' 录错了客户 ' }, url);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      version: 2,
      cancelled: { reason: '录错了客户', by: { id: users['lead@demo.local']!.id } },
    });
    const twice = await post('lead', { version: 2, reason: '再来' }, url);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: { code: 'CONFLICT' } });
    expect((await list('lead', `?customerId=${mine.id}&kind=ENQUIRY`)).total).toBe(0);
    expect((await list('lead', `?customerId=${mine.id}&kind=ENQUIRY&includeCancelled=true`)).total).toBe(1);
    expect((await post('caller1', { version: 2, reason: 'x' }, url)).statusCode).toBe(403);
    const missing = await post(
      'lead',
      { version: 1, reason: 'x' },
      '/api/customer-events/00000000-0000-7000-8000-000000000000/cancel',
    );
    expect(missing.statusCode).toBe(404);
  });
});
