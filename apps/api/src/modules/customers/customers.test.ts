import { startOfDay } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;
const OPEN = ['PENDING', 'IN_PROGRESS'] as const;

describe('customers', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const caller1 = users['caller1@demo.local']!.id;
  const org = await t.prisma.organization.findFirstOrThrow({ where: { demo: true } });

  const other = await t.prisma.organization.create({ data: { name: '别的机构' } });
  const foreign = await t.prisma.customer.create({
    data: {
      organizationId: other.id,
      name: '外部客户',
      phone: '13700000001',
      segment: 'STUDENT',
      tier: 'MID',
    },
  });

  // Customers seen from caller1: one with an open task, one with only finished tasks, one with none.
  const openTask = await t.prisma.task.findFirstOrThrow({
    where: { assigneeId: caller1, status: { in: [...OPEN] } },
    include: { customer: true },
  });
  const closedOnly = await t.prisma.customer.findFirstOrThrow({
    where: {
      organizationId: org.id,
      tasks: { some: { assigneeId: caller1 }, none: { assigneeId: caller1, status: { in: [...OPEN] } } },
    },
  });
  const noTask = await t.prisma.customer.findFirstOrThrow({
    where: { organizationId: org.id, tasks: { none: { assigneeId: caller1 } }, email: { not: null } },
  });

  const get = (email: string, url: string) => t.as(email, { method: 'GET', url });
  const auditCount = (where: { action: string; entityId?: string; actorId?: string }) =>
    t.prisma.auditLog.count({ where: { entity: 'Customer', ...where } });

  describe('permissions', () => {
    it('answers 401 without a session on every route', async () => {
      const id = noTask.id;
      for (const [method, url] of [
        ['GET', '/api/customers'],
        ['POST', '/api/customers'],
        ['GET', `/api/customers/${id}`],
        ['PATCH', `/api/customers/${id}`],
        ['GET', `/api/customers/${id}/contact`],
      ] as const) {
        const res = await t.app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json().error.code).toBe('UNAUTHENTICATED');
      }
    });

    it('lets each role reach exactly the routes of its permissions', async () => {
      const id = noTask.id;
      const matrix: Array<[string, string, string, Record<string, number>]> = [
        [
          'GET',
          '/api/customers',
          '',
          { admin: 200, manager: 200, supervisor: 200, lead: 200, caller1: 200, handler: 403 },
        ],
        [
          'GET',
          `/api/customers/${id}`,
          '',
          { admin: 200, manager: 200, supervisor: 200, lead: 200, caller1: 403, handler: 403 },
        ],
        [
          'GET',
          `/api/customers/${id}/contact`,
          '',
          { admin: 200, manager: 403, supervisor: 200, lead: 200, caller1: 403, handler: 403 },
        ],
        [
          'PATCH',
          `/api/customers/${id}`,
          '{"notes":"n"}',
          { admin: 200, manager: 403, supervisor: 403, lead: 200, caller1: 403, handler: 403 },
        ],
        [
          'POST',
          '/api/customers',
          '{}',
          { admin: 400, manager: 403, supervisor: 403, lead: 400, caller1: 403, handler: 403 },
        ],
      ];
      for (const [method, url, body, expected] of matrix) {
        for (const [who, status] of Object.entries(expected)) {
          const res = await t.as(`${who}@demo.local`, {
            method: method as 'GET',
            url,
            payload: body ? JSON.parse(body) : undefined,
          });
          expect(res.statusCode, `${who} ${method} ${url}`).toBe(status);
        }
      }
    });
  });

  describe('GET /customers', () => {
    it('pages through the organisation newest first, with masked contacts', async () => {
      const total = await t.prisma.customer.count({ where: { organizationId: org.id } });
      const p1 = await get('lead@demo.local', '/api/customers?size=50');
      expect(p1.statusCode).toBe(200);
      const body = p1.json();
      expect(body).toMatchObject({ total, page: 1, size: 50 });
      expect(body.items).toHaveLength(50);
      const first = await t.prisma.customer.findFirstOrThrow({
        where: { organizationId: org.id },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      expect(body.items[0].id).toBe(first.id);
      for (const c of body.items) {
        expect(c.phone).toMatch(MASKED_PHONE);
        if (c.email) expect(c.email).toMatch(/^.\*\*\*@/);
        expect(Object.keys(c).sort()).toEqual(
          [
            'id',
            'name',
            'phone',
            'email',
            'segment',
            'tier',
            'programme',
            'lastVisitAt',
            'refusesVisits',
            'preferredChannel',
            'preferredTimeFrom',
            'preferredTimeTo',
            'version',
          ].sort(),
        );
      }
      const p2 = (await get('lead@demo.local', '/api/customers?size=50&page=2')).json();
      expect(p2.page).toBe(2);
      const ids = new Set(body.items.map((c: { id: string }) => c.id));
      expect(p2.items.some((c: { id: string }) => ids.has(c.id))).toBe(false);
      const last = (
        await get('lead@demo.local', `/api/customers?size=50&page=${Math.ceil(total / 50)}`)
      ).json();
      expect(last.items).toHaveLength(total - 50 * (Math.ceil(total / 50) - 1));
      expect((await get('lead@demo.local', '/api/customers?size=50&page=99')).json().items).toEqual([]);
    });

    it('never lists customers of another organisation', async () => {
      const res = (
        await get('admin@demo.local', `/api/customers?q=${encodeURIComponent('外部客户')}`)
      ).json();
      expect(res.total).toBe(0);
      const byPhone = (await get('admin@demo.local', '/api/customers?q=13700000001')).json();
      expect(byPhone.total).toBe(0);
    });

    it('searches a name fragment, and digits as the tail of the phone number', async () => {
      const sample = await t.prisma.customer.findFirstOrThrow({ where: { organizationId: org.id } });
      const fragment = sample.name.slice(1, 3) || sample.name;
      const byName = (
        await get('lead@demo.local', `/api/customers?size=200&q=${encodeURIComponent(fragment)}`)
      ).json();
      expect(byName.total).toBe(
        await t.prisma.customer.count({ where: { organizationId: org.id, name: { contains: fragment } } }),
      );
      expect(byName.items.map((c: { id: string }) => c.id)).toContain(sample.id);
      for (const c of byName.items) expect(c.name).toContain(fragment);

      const tail = sample.phone.slice(-4);
      const byTail = (await get('lead@demo.local', `/api/customers?size=200&q=${tail}`)).json();
      expect(byTail.items.map((c: { id: string }) => c.id)).toContain(sample.id);
      expect(byTail.total).toBe(
        await t.prisma.customer.count({ where: { organizationId: org.id, phone: { endsWith: tail } } }),
      );
      for (const c of byTail.items) expect(c.phone.endsWith(tail)).toBe(true);

      const formatted = `+86 ${sample.phone.slice(0, 3)}-${sample.phone.slice(3, 7)}-${sample.phone.slice(7)}`;
      const full = (await get('lead@demo.local', `/api/customers?q=${encodeURIComponent(formatted)}`)).json();
      expect(full.items.map((c: { id: string }) => c.id)).toEqual([sample.id]);

      // A fragment from the middle of the number is not a tail
      const middle = sample.phone.slice(3, 7);
      const mid = (await get('lead@demo.local', `/api/customers?size=200&q=${middle}`)).json();
      for (const c of mid.items) expect(c.phone.endsWith(middle)).toBe(true);

      // LIKE wildcards are taken literally
      expect((await get('lead@demo.local', '/api/customers?q=%25')).json().total).toBe(0);
    });

    it('a search by digits reveals no digit the mask hides (the attack replayed), a whole number is audited', async () => {
      const target = await t.prisma.customer.findFirstOrThrow({
        where: { organizationId: org.id, phone: { startsWith: '1' } },
        orderBy: { id: 'asc' },
      });
      const ids = async (email: string, q: string) =>
        (await get(email, `/api/customers?size=200&q=${encodeURIComponent(q)}`))
          .json()
          .items.map((c: { id: string }) => c.id) as string[];
      // The manager (who may not reveal contacts) sees 188****7243 and guesses the hidden digits
      // one at a time, from the end: no guess is ever confirmed, so nothing is recovered.
      const shown = target.phone.slice(-4);
      expect(await ids('manager@demo.local', shown)).toContain(target.id);
      let known = shown;
      for (let position = 0; position < 4; position++) {
        const confirmed = [];
        for (let d = 0; d <= 9; d++) {
          if ((await ids('manager@demo.local', `${d}${known}`)).includes(target.id)) confirmed.push(d);
        }
        expect(confirmed).toEqual([]);
        known = `${target.phone.at(-5 - position)}${known}`; // even knowing the true digit, the next one is not told
      }
      // the digits of the middle are not a tail, and a fragment longer than the mask's tail finds nothing
      expect(await ids('manager@demo.local', target.phone.slice(3, 8))).toEqual([]);
      expect(await ids('manager@demo.local', target.phone.slice(-6))).toEqual([]);

      // a short number shows fewer digits: 3 of them find nothing there
      const short = await t.prisma.customer.create({
        data: {
          organizationId: org.id,
          name: '座机客户',
          phone: '02169512',
          segment: 'STUDENT',
          tier: 'LOW',
        },
      });
      expect(await ids('manager@demo.local', '12')).toContain(short.id);
      expect(await ids('manager@demo.local', '512')).not.toContain(short.id);
      await t.prisma.customer.delete({ where: { id: short.id } });

      // the whole number finds the customer exactly, and that use of contact data is audited
      const before = await t.prisma.auditLog.count({ where: { action: 'CONTACT_SEARCH' } });
      const formatted = `${target.phone.slice(0, 3)} ${target.phone.slice(3, 7)} ${target.phone.slice(7)}`;
      expect(await ids('manager@demo.local', formatted)).toEqual([target.id]);
      const row = await t.prisma.auditLog.findFirstOrThrow({
        where: { action: 'CONTACT_SEARCH' },
        orderBy: { createdAt: 'desc' },
      });
      expect(await t.prisma.auditLog.count({ where: { action: 'CONTACT_SEARCH' } })).toBe(before + 1);
      expect(row).toMatchObject({ entityId: target.id, actorId: users['manager@demo.local']!.id });
      expect(JSON.stringify([row.before, row.after])).not.toContain(target.phone.slice(3, 7));

      // a caller whose task on the customer is closed gets no more than the mask either
      const tail5 = closedOnly.phone.slice(-5);
      expect(await ids('caller1@demo.local', closedOnly.phone.slice(-4))).toContain(closedOnly.id);
      expect(await ids('caller1@demo.local', tail5)).not.toContain(closedOnly.id);
    });

    it('the plan items search by digits reveals no hidden digit either', async () => {
      const item = await t.prisma.planItem.findFirstOrThrow({
        where: { plan: { organizationId: org.id, team: { leaderId: users['lead@demo.local']!.id } } },
        include: { customer: true },
        orderBy: { id: 'asc' },
      });
      const found = async (q: string) =>
        (await get('lead@demo.local', `/api/plans/${item.planId}/items?size=200&q=${q}`))
          .json()
          .items.map((i: { customer: { id: string } }) => i.customer.id) as string[];
      expect(await found(item.customer.phone.slice(-4))).toContain(item.customerId);
      expect(await found(item.customer.phone.slice(-5))).toEqual([]);
      expect(await found(item.customer.phone)).toContain(item.customerId);
    });

    it('filters by segments, tier, consent, programme and last visit before a day', async () => {
      const count = (where: object) =>
        t.prisma.customer.count({ where: { organizationId: org.id, ...where } });
      const seg = (await get('lead@demo.local', '/api/customers?segment=STUDENT&segment=GRADUATE')).json();
      expect(seg.total).toBe(await count({ segment: { in: ['STUDENT', 'GRADUATE'] } }));
      const segComma = (await get('lead@demo.local', '/api/customers?segment=STUDENT,GRADUATE')).json();
      expect(segComma.total).toBe(seg.total);
      const one = (await get('lead@demo.local', '/api/customers?segment=KEY_ACCOUNT&size=200')).json();
      expect(one.items.every((c: { segment: string }) => c.segment === 'KEY_ACCOUNT')).toBe(true);

      const tier = (await get('lead@demo.local', '/api/customers?tier=HIGH&segment=STUDENT')).json();
      expect(tier.total).toBe(await count({ tier: 'HIGH', segment: 'STUDENT' }));

      const refused = (await get('lead@demo.local', '/api/customers?consent=refused&size=200')).json();
      const accepted = (await get('lead@demo.local', '/api/customers?consent=accepted')).json();
      expect(refused.total).toBe(await count({ refusesVisits: true }));
      expect(refused.total).toBeGreaterThan(0);
      expect(refused.total + accepted.total).toBe(await count({}));
      expect(refused.items.every((c: { refusesVisits: boolean }) => c.refusesVisits)).toBe(true);

      const programme = (await t.prisma.customer.findFirstOrThrow({ where: { programme: { not: null } } }))
        .programme!;
      const prog = (
        await get('lead@demo.local', `/api/customers?programme=${encodeURIComponent(programme)}`)
      ).json();
      expect(prog.total).toBe(await count({ programme }));

      const visited = await t.prisma.customer.findFirstOrThrow({
        where: { organizationId: org.id, lastVisitAt: { not: null } },
        orderBy: { lastVisitAt: 'desc' },
      });
      const dayOf = visited.lastVisitAt!.toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
      const before = (
        await get('lead@demo.local', `/api/customers?lastVisitBefore=${dayOf}&size=200`)
      ).json();
      const bound = startOfDay(dayOf, 'Asia/Shanghai');
      const neverVisited = await count({ lastVisitAt: null });
      expect(neverVisited).toBeGreaterThan(0);
      expect(before.total).toBe(neverVisited + (await count({ lastVisitAt: { lt: bound } })));
      expect(before.items.map((c: { id: string }) => c.id)).not.toContain(visited.id);
      for (const c of before.items)
        if (c.lastVisitAt) expect(new Date(c.lastVisitAt).getTime()).toBeLessThan(bound.getTime());
    });

    it('sorts by name, last visit (never visited counts as longest ago) and creation', async () => {
      const names = (await get('lead@demo.local', '/api/customers?sort=name&size=200')).json().items;
      const sorted = (
        await t.prisma.customer.findMany({
          where: { organizationId: org.id },
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
          take: 200,
        })
      ).map((c) => c.id);
      expect(names.map((c: { id: string }) => c.id)).toEqual(sorted);
      const desc = (await get('lead@demo.local', '/api/customers?sort=-name&size=5')).json().items;
      const descDb = await t.prisma.customer.findMany({
        where: { organizationId: org.id },
        orderBy: [{ name: 'desc' }, { id: 'desc' }],
        take: 5,
      });
      expect(desc.map((c: { id: string }) => c.id)).toEqual(descDb.map((c) => c.id));

      const recent = (await get('lead@demo.local', '/api/customers?sort=-lastVisitAt&size=200')).json().items;
      const stamps = recent.map((c: { lastVisitAt: string | null }) => c.lastVisitAt);
      const firstNull = stamps.indexOf(null);
      const dated = firstNull < 0 ? stamps : stamps.slice(0, firstNull);
      expect(dated.length).toBeGreaterThan(1);
      expect([...dated].sort().reverse()).toEqual(dated);
      if (firstNull >= 0) expect(stamps.slice(firstNull).every((s: string | null) => s === null)).toBe(true);

      const oldest = (await get('lead@demo.local', '/api/customers?sort=lastVisitAt&size=5')).json().items;
      expect(oldest[0].lastVisitAt).toBeNull();

      const created = (await get('lead@demo.local', '/api/customers?sort=createdAt&size=3')).json().items;
      const createdDb = await t.prisma.customer.findMany({
        where: { organizationId: org.id },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 3,
      });
      expect(created.map((c: { id: string }) => c.id)).toEqual(createdDb.map((c) => c.id));
    });

    it('answers 400 for unknown sorts, segments, consent values, days and page sizes', async () => {
      for (const qs of [
        'sort=phone',
        'segment=VIP',
        'tier=TOP',
        'consent=maybe',
        'lastVisitBefore=2025-13-01',
        'size=500',
        'page=0',
      ]) {
        const res = await get('lead@demo.local', `/api/customers?${qs}`);
        expect(res.statusCode, qs).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION');
      }
    });

    it('shows a caller only the customers on tasks assigned to them', async () => {
      const expected = await t.prisma.customer.findMany({
        where: { tasks: { some: { assigneeId: caller1 } } },
        select: { id: true },
      });
      const res = (await get('caller1@demo.local', '/api/customers?size=200')).json();
      expect(res.total).toBe(expected.length);
      expect(new Set(res.items.map((c: { id: string }) => c.id))).toEqual(new Set(expected.map((c) => c.id)));
      for (const c of res.items) expect(c.phone).toMatch(MASKED_PHONE);
      const search = (await get('caller1@demo.local', `/api/customers?q=${noTask.phone.slice(-8)}`)).json();
      expect(search.items.map((c: { id: string }) => c.id)).not.toContain(noTask.id);
    });
  });

  describe('GET /customers/:id', () => {
    it('shows a lead the customer masked, with consent, visits newest first and tasks', async () => {
      const task = await t.prisma.task.findFirstOrThrow({ where: { attempts: { gte: 2 } } });
      const before = await auditCount({ action: 'CONTACT_READ' });
      const res = await get('lead@demo.local', `/api/customers/${task.customerId}`);
      expect(res.statusCode).toBe(200);
      const c = res.json();
      const db = await t.prisma.customer.findUniqueOrThrow({ where: { id: task.customerId } });
      expect(c).toMatchObject({
        id: db.id,
        name: db.name,
        contactMasked: true,
        segment: db.segment,
        tier: db.tier,
        refusesVisits: db.refusesVisits,
        version: db.version,
        consent: {
          refusesVisits: db.refusesVisits,
          preferredChannel: db.preferredChannel,
          preferredTimeFrom: db.preferredTimeFrom,
          preferredTimeTo: db.preferredTimeTo,
          consentNote: db.consentNote,
        },
      });
      expect(c.phone).toMatch(MASKED_PHONE);
      expect(c.phone).not.toBe(db.phone);
      const visits = await t.prisma.visitRecord.findMany({ where: { customerId: db.id } });
      expect(c.visits).toHaveLength(visits.length);
      expect(c.visits.length).toBeGreaterThanOrEqual(2);
      const started = c.visits.map((v: { startedAt: string }) => v.startedAt);
      expect([...started].sort().reverse()).toEqual(started);
      expect(c.visits[0]).toEqual({
        id: expect.any(String),
        taskId: expect.any(String),
        startedAt: expect.any(String),
        outcome: expect.any(String),
        satisfaction: expect.toBeOneOf([null, 1, 2, 3, 4, 5]),
        channel: expect.any(String),
        callerId: expect.any(String),
        callerName: expect.any(String),
        opinions: expect.toBeOneOf([null, expect.any(String)]),
        suggestions: expect.toBeOneOf([null, expect.any(String)]),
        amendmentCount: 0,
      });
      expect(c.tasks.map((x: { id: string }) => x.id)).toContain(task.id);
      expect(c.tasks[0]).toMatchObject({
        status: expect.any(String),
        dueDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        purpose: expect.any(String),
        assigneeName: expect.any(String),
      });
      expect(await auditCount({ action: 'CONTACT_READ' })).toBe(before);
    });

    it('shows the contact to the caller with an open task, and audits the read', async () => {
      const customer = openTask.customer;
      const before = await auditCount({ action: 'CONTACT_READ', entityId: customer.id, actorId: caller1 });
      const res = await get('caller1@demo.local', `/api/customers/${customer.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        phone: customer.phone,
        email: customer.email,
        contactMasked: false,
      });
      expect(await auditCount({ action: 'CONTACT_READ', entityId: customer.id, actorId: caller1 })).toBe(
        before + 1,
      );
    });

    it('masks the contact for a caller whose tasks on the customer are finished', async () => {
      const before = await auditCount({ action: 'CONTACT_READ', entityId: closedOnly.id });
      const res = await get('caller1@demo.local', `/api/customers/${closedOnly.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().phone).toMatch(MASKED_PHONE);
      expect(res.json().contactMasked).toBe(true);
      expect(await auditCount({ action: 'CONTACT_READ', entityId: closedOnly.id })).toBe(before);
    });

    it('refuses a caller without a task on the customer (403), other organisations and unknown ids (404)', async () => {
      const res = await get('caller1@demo.local', `/api/customers/${noTask.id}`);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      for (const who of ['lead@demo.local', 'caller1@demo.local', 'admin@demo.local']) {
        expect((await get(who, `/api/customers/${foreign.id}`)).statusCode).toBe(404);
      }
      const unknown = await get('lead@demo.local', '/api/customers/0190f0f0-0000-7000-8000-000000000000');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().error.code).toBe('NOT_FOUND');
      expect((await get('lead@demo.local', '/api/customers/not-a-uuid')).statusCode).toBe(400);
    });
  });

  describe('GET /customers/:id/contact', () => {
    it('reveals the contact to a lead and writes CONTACT_READ', async () => {
      const lead = users['lead@demo.local']!.id;
      const before = await auditCount({ action: 'CONTACT_READ', entityId: noTask.id, actorId: lead });
      const res = await get('lead@demo.local', `/api/customers/${noTask.id}/contact`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ phone: noTask.phone, email: noTask.email });
      const rows = await t.prisma.auditLog.findMany({
        where: { action: 'CONTACT_READ', entity: 'Customer', entityId: noTask.id, actorId: lead },
      });
      expect(rows).toHaveLength(before + 1);
      expect(rows.at(-1)).toMatchObject({ organizationId: org.id, ip: expect.any(String) });
    });

    it('reveals it to a caller only while they have an open task on the customer', async () => {
      const ok = await get('caller1@demo.local', `/api/customers/${openTask.customerId}/contact`);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().phone).toBe(openTask.customer.phone);
      expect((await get('caller1@demo.local', `/api/customers/${closedOnly.id}/contact`)).statusCode).toBe(
        403,
      );
      expect((await get('caller1@demo.local', `/api/customers/${noTask.id}/contact`)).statusCode).toBe(403);
      expect(
        (await get('caller2@demo.local', `/api/customers/${openTask.customerId}/contact`)).statusCode,
      ).toBe(
        (await t.prisma.task.count({
          where: {
            customerId: openTask.customerId,
            assigneeId: users['caller2@demo.local']!.id,
            status: { in: [...OPEN] },
          },
        })) > 0
          ? 200
          : 403,
      );
    });

    it('answers 404 for another organisation', async () => {
      expect((await get('lead@demo.local', `/api/customers/${foreign.id}/contact`)).statusCode).toBe(404);
    });
  });

  describe('POST /customers', () => {
    const body = {
      name: '  陈晓东 ',
      phone: '+86 139-1234-0001',
      email: ' ChenXD@Example.com ',
      segment: 'NEW_ENROLLEE',
      tier: 'HIGH',
      programme: 'Java 高级工程师',
      enrolledAt: '2025-09-01',
      preferredChannel: 'SMS',
      preferredTimeFrom: '09:00',
      preferredTimeTo: '12:00',
    };

    it('creates a customer with a normalised phone and writes CUSTOMER_CREATED', async () => {
      const res = await t.as('lead@demo.local', { method: 'POST', url: '/api/customers', payload: body });
      expect(res.statusCode).toBe(201);
      const c = res.json();
      expect(c).toMatchObject({
        name: '陈晓东',
        phone: '13912340001',
        email: 'chenxd@example.com',
        segment: 'NEW_ENROLLEE',
        tier: 'HIGH',
        programme: 'Java 高级工程师',
        enrolledAt: '2025-09-01',
        completedAt: null,
        refusesVisits: false,
        refusedAt: null,
        preferredChannel: 'SMS',
        preferredTimeFrom: '09:00',
        preferredTimeTo: '12:00',
        version: 1,
        lastVisitAt: null,
      });
      const db = await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } });
      expect(db).toMatchObject({ organizationId: org.id, phone: '13912340001' });
      const audits = await t.prisma.auditLog.findMany({
        where: { action: 'CUSTOMER_CREATED', entityId: c.id },
      });
      expect(audits).toHaveLength(1);
      expect(audits[0]!.after).toMatchObject({ name: '陈晓东', phone: '13912340001' });
      expect(audits[0]!.actorId).toBe(users['lead@demo.local']!.id);
    });

    it('answers 409 CONFLICT for a phone number already in the organisation, in any notation', async () => {
      const res = await t.as('lead@demo.local', {
        method: 'POST',
        url: '/api/customers',
        payload: { ...body, phone: '139 1234 0001' },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'phone' } });
      // Another organisation's number is not a conflict
      const ok = await t.as('admin@demo.local', {
        method: 'POST',
        url: '/api/customers',
        payload: { ...body, phone: foreign.phone },
      });
      expect(ok.statusCode).toBe(201);
    });

    it('records a refusal with its time', async () => {
      const res = await t.as('lead@demo.local', {
        method: 'POST',
        url: '/api/customers',
        payload: {
          name: '拒访客户',
          phone: '13912340002',
          segment: 'GRADUATE',
          tier: 'LOW',
          refusesVisits: true,
        },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().refusesVisits).toBe(true);
      expect(res.json().refusedAt).not.toBeNull();
    });

    it('answers 400 with details for invalid input', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ phone: '12345' }, 'phone'],
        [{ phone: '23912340001' }, 'phone'],
        [{ phone: '1391234000x' }, 'phone'],
        [{ phone: '1234567890123456' }, 'phone'],
        [{ name: '' }, 'name'],
        [{ segment: 'VIP' }, 'segment'],
        [{ tier: undefined }, 'tier'],
        [{ email: 'not-mail' }, 'email'],
        [{ preferredTimeFrom: '9:00' }, 'preferredTimeFrom'],
        [{ preferredTimeTo: undefined }, 'preferredTimeTo'],
        [{ preferredTimeFrom: '12:00', preferredTimeTo: '09:00' }, 'preferredTimeTo'],
        [{ enrolledAt: '2025-02-30' }, 'enrolledAt'],
        [{ completedAt: '2025-01-01' }, 'completedAt'],
        [{ preferredChannel: 'WECHAT' }, 'preferredChannel'],
      ];
      const count = await t.prisma.customer.count();
      for (const [patch, field] of cases) {
        const res = await t.as('lead@demo.local', {
          method: 'POST',
          url: '/api/customers',
          payload: { ...body, phone: '13912349999', ...patch },
        });
        expect(res.statusCode, JSON.stringify(patch)).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION');
        expect(JSON.stringify(res.json().error.details), JSON.stringify(patch)).toContain(field);
      }
      expect(await t.prisma.customer.count()).toBe(count);
    });
  });

  describe('PATCH /customers/:id', () => {
    it('edits fields, bumps the version and audits before and after', async () => {
      const c = await t.prisma.customer.findFirstOrThrow({
        where: { organizationId: org.id, refusesVisits: false, tasks: { none: {} } },
      });
      const res = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${c.id}`,
        payload: { name: '新名字', tier: c.tier === 'HIGH' ? 'LOW' : 'HIGH', version: c.version },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ name: '新名字', version: c.version + 1, contactMasked: true });
      expect(res.json().visits).toEqual(expect.any(Array));
      const audit = await t.prisma.auditLog.findFirstOrThrow({
        where: { action: 'CUSTOMER_UPDATED', entityId: c.id },
      });
      expect(audit.before).toEqual({ name: c.name, tier: c.tier });
      expect(audit.after).toEqual({ name: '新名字', tier: c.tier === 'HIGH' ? 'LOW' : 'HIGH' });
      expect(await auditCount({ action: 'CONSENT_CHANGED', entityId: c.id })).toBe(0);
    });

    it('changes consent: refusal time set and cleared, CONSENT_CHANGED written', async () => {
      const c = await t.prisma.customer.findFirstOrThrow({
        where: { organizationId: org.id, refusesVisits: false, preferredChannel: null },
        orderBy: { phone: 'desc' },
      });
      const res = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${c.id}`,
        payload: {
          refusesVisits: true,
          preferredChannel: 'EMAIL',
          preferredTimeFrom: '18:30',
          preferredTimeTo: '21:00',
          consentNote: '只接受晚上的邮件',
        },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.consent).toMatchObject({
        refusesVisits: true,
        refusedAt: expect.any(String),
        preferredChannel: 'EMAIL',
        preferredTimeFrom: '18:30',
        preferredTimeTo: '21:00',
        consentNote: '只接受晚上的邮件',
      });
      const consent = await t.prisma.auditLog.findFirstOrThrow({
        where: { action: 'CONSENT_CHANGED', entityId: c.id },
      });
      expect(consent.before).toMatchObject({ refusesVisits: false, preferredChannel: null });
      expect(consent.after).toMatchObject({ refusesVisits: true, preferredChannel: 'EMAIL' });

      const back = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${c.id}`,
        payload: { refusesVisits: false, preferredTimeFrom: null, preferredTimeTo: null },
      });
      expect(back.statusCode).toBe(200);
      expect(back.json().consent).toMatchObject({
        refusesVisits: false,
        refusedAt: null,
        preferredTimeFrom: null,
      });
      expect(await auditCount({ action: 'CONSENT_CHANGED', entityId: c.id })).toBe(2);
    });

    it('answers 409 STALE_VERSION for an old version and writes nothing', async () => {
      const c = await t.prisma.customer.findFirstOrThrow({
        where: { organizationId: org.id },
        orderBy: { id: 'asc' },
      });
      const first = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${c.id}`,
        payload: { notes: '第一次', version: c.version },
      });
      expect(first.statusCode).toBe(200);
      const stale = await t.as('admin@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${c.id}`,
        payload: { notes: '第二次', version: c.version },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({
        code: 'STALE_VERSION',
        details: { currentVersion: c.version + 1 },
      });
      expect((await t.prisma.customer.findUniqueOrThrow({ where: { id: c.id } })).notes).toBe('第一次');
    });

    it('keeps the version when nothing changes', async () => {
      const c = await t.prisma.customer.findFirstOrThrow({
        where: { organizationId: org.id },
        orderBy: { id: 'desc' },
      });
      const res = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${c.id}`,
        payload: { name: c.name, segment: c.segment },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().version).toBe(c.version);
      expect(await auditCount({ action: 'CUSTOMER_UPDATED', entityId: c.id })).toBe(0);
    });

    it('normalises a new phone, refuses a taken one (409) and invalid ones (400)', async () => {
      const [a, b] = await t.prisma.customer.findMany({
        where: { organizationId: org.id },
        orderBy: { phone: 'asc' },
        take: 2,
      });
      const taken = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${a!.id}`,
        payload: { phone: b!.phone },
      });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.code).toBe('CONFLICT');
      const bad = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${a!.id}`,
        payload: { phone: '0123' },
      });
      expect(bad.statusCode).toBe(400);
      const half = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${a!.id}`,
        payload: { preferredTimeFrom: '10:00', preferredTimeTo: null },
      });
      expect(half.statusCode).toBe(400);
      const ok = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${a!.id}`,
        payload: { phone: '+86 199 0000 0000' },
      });
      expect(ok.statusCode).toBe(200);
      expect((await t.prisma.customer.findUniqueOrThrow({ where: { id: a!.id } })).phone).toBe('19900000000');
    });

    it('answers 404 for another organisation and 400 for a malformed body', async () => {
      const res = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${foreign.id}`,
        payload: { name: 'x' },
      });
      expect(res.statusCode).toBe(404);
      expect((await t.prisma.customer.findUniqueOrThrow({ where: { id: foreign.id } })).name).toBe(
        '外部客户',
      );
      const bad = await t.as('lead@demo.local', {
        method: 'PATCH',
        url: `/api/customers/${noTask.id}`,
        payload: { version: 'one' },
      });
      expect(bad.statusCode).toBe(400);
    });
  });

  beforeAll(() => {
    expect(openTask.customerId).not.toBe(noTask.id);
  });
});
