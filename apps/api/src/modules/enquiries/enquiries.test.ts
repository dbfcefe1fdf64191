import { describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

type Enquiry = {
  id: string;
  number: number;
  name: string;
  phone: string;
  contactMasked: boolean;
  channel: string;
  course: string | null;
  day: string;
  status: string;
  handledBy: { id: string; name: string } | null;
  customer: { id: string; name: string } | null;
  lostReason: { id: string; category: string } | null;
  followUps: { note: string; nextDay: string | null }[];
  nextFollowUpDay: string | null;
  followUpCount: number;
  churnCaseId: string | null;
  version: number;
};
type Row = {
  month: string | null;
  channel: string | null;
  counts: Record<string, number>;
  rates: Record<string, number | null>;
};
type Funnel = { months: Row[]; cells: Row[]; channels: Row[]; total: Row };

// The tests' today is 2026-03-18 in Asia/Shanghai (test/clock.ts).
describe('enquiries (docs/rules.md#r-enq-1-enquiries)', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const org = await t.prisma.organization.findFirstOrThrow({ select: { id: true } });
  const as = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.as(`${who}@demo.local`, { method, url, payload });
  let seq = 0;
  /** a fresh valid mobile number nobody in the demo has */
  const freshPhone = () => `199${String(70_000_000 + seq++).padStart(8, '0')}`;
  const create = async (who: string, body: Record<string, unknown> = {}) => {
    const res = await as(who, 'POST', '/api/enquiries', {
      name: '测试咨询',
      phone: freshPhone(),
      channel: 'PHONE',
      course: '电工证培训',
      ...body,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Enquiry;
  };

  it('records an enquiry, numbered per organisation, handled by its creator, phone stored as digits', async () => {
    const before = await t.prisma.enquiry.aggregate({ _max: { number: true } });
    const e = await create('caller1', { phone: '199 7777-0001', day: '2026-03-10' });
    expect(e).toMatchObject({
      number: (before._max.number ?? 0) + 1,
      status: 'OPEN',
      day: '2026-03-10',
      channel: 'PHONE',
      handledBy: { id: users['caller1@demo.local']!.id },
      // the creator handles it: the full number
      phone: '19977770001',
      contactMasked: false,
      version: 1,
    });
    const row = await t.prisma.enquiry.findUniqueOrThrow({ where: { id: e.id } });
    expect(row.phone).toBe('19977770001');
    const log = await t.prisma.auditLog.findFirstOrThrow({ where: { entity: 'Enquiry', entityId: e.id } });
    expect(JSON.stringify(log.after)).not.toContain('7777');
  });

  it('answers bad input with 400 naming the field, and writes nothing', async () => {
    const count = await t.prisma.enquiry.count();
    const cases: [Record<string, unknown>, string][] = [
      [{ phone: '12345' }, 'phone'],
      [{ phone: '2991234567a' }, 'phone'],
      [{ channel: 'PIGEON' }, 'channel'],
      [{ day: '2026-03-19' }, 'day'],
      [{ day: '2026-02-30' }, 'day'],
      [{ name: '' }, 'name'],
      [{ handledById: users['manager@demo.local']!.id }, 'handledById'],
    ];
    for (const [patch, field] of cases) {
      const res = await as('caller1', 'POST', '/api/enquiries', {
        name: '坏数据',
        phone: '19911112222',
        channel: 'WEB',
        ...patch,
      });
      expect(res.statusCode, `${JSON.stringify(patch)} ${res.body}`).toBe(400);
      expect(res.body).toContain(field);
      // an invalid number is never echoed back
      expect(res.body).not.toContain('2991234567');
    }
    expect(await t.prisma.enquiry.count()).toBe(count);
  });

  it('shows a caller or handler only what they handle or recorded (404 otherwise); leads and managers all', async () => {
    const e = await create('caller1');
    expect((await as('caller2', 'GET', `/api/enquiries/${e.id}`)).statusCode).toBe(404);
    expect((await as('handler', 'GET', `/api/enquiries/${e.id}`)).statusCode).toBe(404);
    expect(
      (await as('caller2', 'POST', `/api/enquiries/${e.id}/follow-ups`, { note: '试试' })).statusCode,
    ).toBe(404);
    expect((await as('lead2', 'GET', `/api/enquiries/${e.id}`)).statusCode).toBe(200);
    expect((await as('manager', 'GET', `/api/enquiries/${e.id}`)).statusCode).toBe(200);
    const list = (await as('caller2', 'GET', '/api/enquiries?size=200')).json() as { items: Enquiry[] };
    expect(list.items.some((x) => x.id === e.id)).toBe(false);
    // handed to caller2: now theirs to see
    const moved = await as('caller1', 'PATCH', `/api/enquiries/${e.id}`, {
      version: e.version,
      handledById: users['caller2@demo.local']!.id,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await as('caller2', 'GET', `/api/enquiries/${e.id}`)).statusCode).toBe(200);
    // unknown id
    expect((await as('lead', 'GET', '/api/enquiries/00000000-0000-4000-8000-000000000000')).statusCode).toBe(
      404,
    );
  });

  it('masks the phone for a role that may not reveal it, everywhere', async () => {
    const phone = '19955554321';
    const e = await create('caller1', { phone });
    for (const who of ['manager', 'caller1']) {
      const list = (
        await as(who, 'GET', `/api/enquiries?q=${encodeURIComponent('测试咨询')}&size=200`)
      ).json() as {
        items: Enquiry[];
      };
      const item = list.items.find((x) => x.id === e.id)!;
      expect(item.phone).toBe('199****4321');
      expect(item.contactMasked).toBe(true);
    }
    const asManager = await as('manager', 'GET', `/api/enquiries/${e.id}`);
    expect(asManager.json()).toMatchObject({ phone: '199****4321', contactMasked: true });
    expect(asManager.body).not.toContain('5555');
    // the handler and a lead (customer:contact:reveal) see it whole, and the read is audited without it
    expect((await as('caller1', 'GET', `/api/enquiries/${e.id}`)).json().phone).toBe(phone);
    expect((await as('lead', 'GET', `/api/enquiries/${e.id}`)).json().phone).toBe(phone);
    const reads = await t.prisma.auditLog.findMany({ where: { entityId: e.id, action: 'CONTACT_READ' } });
    expect(reads.length).toBe(2);
    const logs = await t.prisma.auditLog.findMany({ where: { entityId: e.id } });
    for (const l of logs) expect(JSON.stringify([l.before, l.after])).not.toContain('5555');
  });

  it('adds follow-ups with the day of the next one (not before today)', async () => {
    const e = await create('caller1');
    const bad = await as('caller1', 'POST', `/api/enquiries/${e.id}/follow-ups`, {
      note: '回电',
      nextDay: '2026-03-17',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('nextDay');
    const res = await as('caller1', 'POST', `/api/enquiries/${e.id}/follow-ups`, {
      note: '已介绍课程费用，考虑中',
      nextDay: '2026-03-20',
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json() as Enquiry;
    expect(d.followUps).toMatchObject([{ note: '已介绍课程费用，考虑中', nextDay: '2026-03-20' }]);
    expect(d).toMatchObject({ followUpCount: 1, nextFollowUpDay: '2026-03-20' });
  });

  it('answers a stale version with 409 and changes nothing', async () => {
    const e = await create('caller1');
    const ok = await as('caller1', 'PATCH', `/api/enquiries/${e.id}`, { version: 1, course: '焊工证' });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(2);
    const stale = await as('caller1', 'PATCH', `/api/enquiries/${e.id}`, { version: 1, course: '叉车证' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect((await t.prisma.enquiry.findUniqueOrThrow({ where: { id: e.id } })).course).toBe('焊工证');
    const staleConvert = await as('caller1', 'POST', `/api/enquiries/${e.id}/convert`, { version: 1 });
    expect(staleConvert.statusCode).toBe(409);
    expect((await t.prisma.enquiry.findUniqueOrThrow({ where: { id: e.id } })).status).toBe('OPEN');
  });

  it('converts: creates the customer, raises ENQUIRY and ENROLLED once; a second call is 409', async () => {
    const phone = freshPhone();
    const e = await create('caller1', { phone, day: '2026-03-02', name: '新学员', course: '育婴师' });
    const res = await as('caller1', 'POST', `/api/enquiries/${e.id}/convert`, {
      version: 1,
      day: '2026-03-16',
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Enquiry;
    expect(d.status).toBe('ENROLLED');
    const customer = await t.prisma.customer.findFirstOrThrow({ where: { phone } });
    expect(customer).toMatchObject({ name: '新学员', segment: 'NEW_ENROLLEE', programme: '育婴师' });
    expect(d.customer).toEqual({ id: customer.id, name: '新学员' });
    const events = await t.prisma.customerEvent.findMany({
      where: { customerId: customer.id },
      orderBy: { day: 'asc' },
    });
    expect(events.map((x) => [x.kind, x.day.toISOString().slice(0, 10), x.source, x.externalId])).toEqual([
      ['ENQUIRY', '2026-03-02', 'ENQUIRY', `enquiry:${e.id}`],
      ['ENROLLED', '2026-03-16', 'ENQUIRY', `enquiry:${e.id}:enrolled`],
    ]);
    const again = await as('caller1', 'POST', `/api/enquiries/${e.id}/convert`, { version: d.version });
    expect(again.statusCode).toBe(409);
    expect(await t.prisma.customerEvent.count({ where: { customerId: customer.id } })).toBe(2);
    expect(await t.prisma.customer.count({ where: { phone } })).toBe(1);
    // nor can it be closed any more
    const close = await as('caller1', 'POST', `/api/enquiries/${e.id}/close`, {
      version: d.version,
      note: 'x',
    });
    expect(close.statusCode).toBe(409);
  });

  it('converts onto the existing customer of the same phone', async () => {
    const existing = await t.prisma.customer.findFirstOrThrow({
      where: { organizationId: org.id, segment: 'GRADUATE' },
      orderBy: { id: 'asc' },
    });
    const customers = await t.prisma.customer.count();
    const e = await create('lead', { phone: existing.phone, name: '老学员再咨询' });
    const res = await as('lead', 'POST', `/api/enquiries/${e.id}/convert`, { version: 1 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().customer.id).toBe(existing.id);
    expect(await t.prisma.customer.count()).toBe(customers);
    expect(
      await t.prisma.customerEvent.count({ where: { externalId: { startsWith: `enquiry:${e.id}` } } }),
    ).toBe(2);
  });

  it('refuses an enrolment day before the enquiry or after today (400, nothing written)', async () => {
    const e = await create('caller1', { day: '2026-03-10' });
    for (const day of ['2026-03-09', '2026-03-19']) {
      const res = await as('caller1', 'POST', `/api/enquiries/${e.id}/convert`, { version: 1, day });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.body).toContain('day');
    }
    expect((await t.prisma.enquiry.findUniqueOrThrow({ where: { id: e.id } })).status).toBe('OPEN');
  });

  it('closes as NOT_ENROLLED with a reason: a confirmed churn case for the category’s department', async () => {
    const e = await create('caller1');
    const reasons = (await as('caller1', 'GET', '/api/enquiries/reasons')).json() as {
      id: string;
      category: string;
    }[];
    const price = reasons.find((r) => r.category === 'MARKET')!;
    expect((await as('caller1', 'POST', `/api/enquiries/${e.id}/close`, { version: 1 })).statusCode).toBe(
      400,
    );
    const wrong = await as('caller1', 'POST', `/api/enquiries/${e.id}/close`, {
      version: 1,
      lostReasonId: '00000000-0000-4000-8000-000000000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('lostReasonId');
    expect(await t.prisma.churnCase.count({ where: { enquiryId: e.id } })).toBe(0);
    const res = await as('caller1', 'POST', `/api/enquiries/${e.id}/close`, {
      version: 1,
      lostReasonId: price.id,
      note: '嫌学费贵',
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as Enquiry;
    expect(d).toMatchObject({ status: 'NOT_ENROLLED', lostReason: { id: price.id, category: 'MARKET' } });
    const market = await t.prisma.department.findFirstOrThrow({
      where: { organizationId: org.id, kind: 'MARKET' },
    });
    const c = await t.prisma.churnCase.findFirstOrThrow({ where: { enquiryId: e.id } });
    expect(c).toMatchObject({
      status: 'CONFIRMED',
      stage: 'NOT_ENROLLED',
      customerId: null,
      reasonId: price.id,
      departmentId: market.id,
      note: '嫌学费贵',
    });
    expect(c.day.toISOString().slice(0, 10)).toBe('2026-03-18');
    expect(d.churnCaseId).toBe(c.id);
    const again = await as('caller1', 'POST', `/api/enquiries/${e.id}/close`, {
      version: d.version,
      note: '再关',
    });
    expect(again.statusCode).toBe(409);
    expect(await t.prisma.churnCase.count({ where: { enquiryId: e.id } })).toBe(1);
  });

  it('a note alone closes it too (no reason, no department)', async () => {
    const e = await create('caller1');
    const res = await as('caller1', 'POST', `/api/enquiries/${e.id}/close`, { version: 1, note: '联系不上' });
    expect(res.statusCode, res.body).toBe(200);
    const c = await t.prisma.churnCase.findFirstOrThrow({ where: { enquiryId: e.id } });
    expect(c).toMatchObject({ reasonId: null, departmentId: null, note: '联系不上' });
  });

  it('lists with filters: status, channel, month, handler, name', async () => {
    const e = await create('caller1', { channel: 'EVENT', name: '展会来客甲', day: '2026-01-31' });
    const q = async (query: string) =>
      ((await as('lead', 'GET', `/api/enquiries?size=200&${query}`)).json() as { items: Enquiry[] }).items;
    expect((await q('channel=EVENT&month=2026-01')).some((x) => x.id === e.id)).toBe(true);
    expect((await q('channel=EVENT&month=2026-02')).some((x) => x.id === e.id)).toBe(false);
    expect((await q('from=2026-01-31&to=2026-01-31&status=OPEN')).some((x) => x.id === e.id)).toBe(true);
    expect((await q('status=ENROLLED&from=2026-01-31&to=2026-01-31')).some((x) => x.id === e.id)).toBe(false);
    expect(
      (await q(`handledBy=${users['caller1@demo.local']!.id}&q=${encodeURIComponent('展会来客')}`)).map(
        (x) => x.id,
      ),
    ).toContain(e.id);
    const mine = (
      (await as('caller1', 'GET', '/api/enquiries?handledBy=me&size=200')).json() as { items: Enquiry[] }
    ).items;
    expect(mine.every((x) => x.handledBy?.id === users['caller1@demo.local']!.id)).toBe(true);
    expect((await as('lead', 'GET', '/api/enquiries?status=MAYBE')).statusCode).toBe(400);
  });

  it('the funnel moves when an enquiry converts and the customer attends', async () => {
    const funnel = async () => {
      const res = await as('lead', 'GET', '/api/enquiries/funnel?from=2026-02&to=2026-02&channel=SOCIAL');
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as Funnel;
    };
    const before = (await funnel()).total.counts;
    const e = await create('caller1', { channel: 'SOCIAL', day: '2026-02-27' });
    const mid = (await funnel()).total.counts;
    expect(mid.ENQUIRED).toBe(before.ENQUIRED! + 1);
    const converted = await as('caller1', 'POST', `/api/enquiries/${e.id}/convert`, {
      version: 1,
      day: '2026-03-03',
    });
    expect(converted.statusCode, converted.body).toBe(200);
    const customerId = converted.json().customer.id as string;
    const started = await as('lead', 'POST', '/api/customer-events', {
      customerId,
      kind: 'COURSE_STARTED',
      day: '2026-03-10',
    });
    expect(started.statusCode, started.body).toBe(201);
    const after = await funnel();
    expect(after.total.counts.ENROLLED).toBe(before.ENROLLED! + 1);
    expect(after.total.counts.ATTENDED).toBe(before.ATTENDED! + 1);
    // counted in February, the enquiry's month, though converted in March
    expect(after.months.map((m) => m.month)).toEqual(['2026-02']);
    expect(after.cells.every((c) => c.channel === 'SOCIAL')).toBe(true);
    for (const r of Object.values(after.total.rates)) if (r !== null) expect(Number.isInteger(r)).toBe(true);
  });

  it('refuses a funnel period that ends before it starts or is too long', async () => {
    expect((await as('lead', 'GET', '/api/enquiries/funnel?from=2026-03&to=2026-02')).statusCode).toBe(400);
    expect((await as('lead', 'GET', '/api/enquiries/funnel?from=2020-01&to=2026-02')).statusCode).toBe(400);
    expect((await as('lead', 'GET', '/api/enquiries/funnel?from=2026-13&to=2026-02')).statusCode).toBe(400);
  });
});
