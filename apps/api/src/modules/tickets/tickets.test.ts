import { addBusinessHours } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';
import { act, raise, ticketFixtures } from './test-fixtures.ts';

describe('tickets: raising, routing, lists and the role rules', async () => {
  const t = await setupTestApp();
  let f: Awaited<ReturnType<typeof ticketFixtures>>;
  beforeAll(async () => {
    f = await ticketFixtures(t.prisma);
  });

  it('the demo data holds tickets in every state, numbered, with timelines, two of them escalated', async () => {
    const rows = await t.prisma.issueTicket.findMany({
      orderBy: { number: 'asc' },
      include: { events: true },
    });
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.map((r) => r.number)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.status))).toEqual(
      new Set(['OPEN', 'IN_PROGRESS', 'RESPONDED', 'REOPENED', 'CLOSED']),
    );
    expect(rows.filter((r) => r.escalationLevel > 0)).toHaveLength(2);
    expect(rows.every((r) => r.sourceVisitId && r.events.some((e) => e.type === 'CREATED'))).toBe(true);
    expect(rows.filter((r) => r.status === 'RESPONDED').every((r) => r.pausedAt)).toBe(true);
    expect(rows.filter((r) => r.status === 'REOPENED').every((r) => r.reopenCount === 1 && !r.pausedAt)).toBe(
      true,
    );
  });

  it('raises a ticket from a record: routed by category, due in business hours, numbered, notified, audited', async () => {
    const visit = await f.visitOf('caller1@demo.local');
    const before = testNow().getTime();
    const res = await t.as('caller1@demo.local', {
      method: 'POST',
      url: '/api/tickets',
      payload: {
        sourceVisitId: visit.id,
        category: 'TEACHING',
        severity: 'HIGH',
        title: ' 课程进度太快 ',
        description: '学员反映课程进度太快',
      },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      title: '课程进度太快',
      status: 'OPEN',
      category: 'TEACHING',
      department: { id: f.depts.TEACHING, name: '教学部' },
      customer: { id: visit.customerId },
      caller: { id: f.users['caller1@demo.local'], name: '张敏' },
      raisedBy: { id: f.users['caller1@demo.local'] },
      sourceVisitId: visit.id,
      reopenCount: 0,
      escalationLevel: 0,
      version: 1,
      can: { start: false, respond: false, verify: false, close: false, route: false },
    });
    expect(body.events.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'ROUTED']);
    expect(body.events[1].body).toMatchObject({ departmentName: '教学部' });
    expect(body.sla).toMatchObject({ overdue: false, paused: false });
    // 8 business hours by default for HIGH, in the organisation's calendar
    const org = await t.prisma.organization.findFirstOrThrow();
    const cal = { tz: org.timezone, start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5], holidays: [] };
    const due = new Date(body.dueAt).getTime();
    expect(due).toBeGreaterThanOrEqual(addBusinessHours(new Date(before), 8, cal).getTime());
    expect(due).toBeLessThanOrEqual(addBusinessHours(testNow(), 8, cal).getTime());
    const max = await t.prisma.issueTicket.aggregate({ _max: { number: true } });
    expect(body.number).toBe(max._max.number);

    const notes = await t.prisma.notification.findMany({ where: { entityId: body.id } });
    expect(notes.map((n) => [n.userId, n.type])).toEqual([[f.users['handler@demo.local'], 'TICKET_ROUTED']]);
    expect(notes[0]!.payload).toMatchObject({ ticketNumber: body.number });
    expect(await t.prisma.auditLog.count({ where: { entityId: body.id, action: 'TICKET_CREATE' } })).toBe(1);
  });

  it('numbers tickets one after the other when raised at once', async () => {
    const visit = await f.visitOf('caller1@demo.local', 1);
    const made = await Promise.all(Array.from({ length: 6 }, () => raise(t, visit.id)));
    const numbers = made.map((m) => m.number).sort((a, b) => a - b);
    expect(new Set(numbers).size).toBe(6);
    expect(numbers.at(-1)! - numbers[0]!).toBe(5);
  });

  it('a caller raises only from their own records; a lead only from the team; sources are checked', async () => {
    const other = await f.visitOf('caller4@demo.local');
    const own = await f.visitOf('caller1@demo.local');
    const post = (email: string, payload: object) =>
      t.as(email, { method: 'POST', url: '/api/tickets', payload });
    const base = { category: 'SERVICE', severity: 'LOW', title: 't', description: 'd' };
    expect((await post('caller1@demo.local', { ...base, sourceVisitId: other.id })).statusCode).toBe(403);
    expect((await post('lead@demo.local', { ...base, sourceVisitId: other.id })).statusCode).toBe(403);
    expect((await post('lead2@demo.local', { ...base, sourceVisitId: other.id })).statusCode).toBe(201);
    // a caller without a source: 422; nobody without a customer
    const none = await post('caller1@demo.local', { ...base, customerId: own.customerId });
    expect(none.statusCode).toBe(422);
    expect((await post('lead@demo.local', base)).statusCode).toBe(422);
    const direct = await post('supervisor@demo.local', { ...base, customerId: own.customerId });
    expect(direct.statusCode).toBe(201);
    expect(direct.json().caller).toBeNull();
    // unknown or mismatching sources
    expect(
      (await post('caller1@demo.local', { ...base, sourceVisitId: '00000000-0000-7000-8000-000000000000' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await post('caller1@demo.local', { ...base, sourceVisitId: own.id, customerId: other.customerId }))
        .statusCode,
    ).toBe(422);
    // subject only on CALLER_CONDUCT, which goes to supervision and names the record's caller by default
    expect(
      (await post('lead@demo.local', { ...base, sourceVisitId: own.id, subjectUserId: own.callerId }))
        .statusCode,
    ).toBe(422);
    const conduct = await post('lead@demo.local', {
      ...base,
      category: 'CALLER_CONDUCT',
      sourceVisitId: own.id,
    });
    expect(conduct.statusCode).toBe(201);
    expect(conduct.json()).toMatchObject({
      department: { id: f.depts.SUPERVISION },
      subject: { id: own.callerId },
      caller: { id: own.callerId },
    });
    // roles without ticket:create
    expect((await post('handler@demo.local', { ...base, sourceVisitId: own.id })).statusCode).toBe(403);
    expect((await post('manager@demo.local', { ...base, sourceVisitId: own.id })).statusCode).toBe(403);
    // validation
    expect((await post('caller1@demo.local', { ...base, sourceVisitId: own.id, title: '' })).statusCode).toBe(
      400,
    );
    expect(
      (await post('caller1@demo.local', { ...base, sourceVisitId: own.id, severity: 'URGENT' })).statusCode,
    ).toBe(400);
  });

  it('raises from an inspection: the customer and caller come from it', async () => {
    const visit = await t.prisma.visitRecord.findFirstOrThrow({
      where: { callerId: f.users['caller2@demo.local'], outcome: 'COMPLETED', inspection: null },
      select: { id: true, customerId: true, callerId: true, startedAt: true },
    });
    const rubric = await t.prisma.rubric.findFirstOrThrow();
    const ins = await t.prisma.inspection.create({
      data: {
        organizationId: rubric.organizationId,
        visitId: visit.id,
        visitStartedAt: visit.startedAt,
        callerId: visit.callerId,
        inspectorId: f.users['supervisor@demo.local']!,
        rubricId: rubric.id,
        rubricVersion: rubric.version,
        rubricSnapshot: rubric.criteria ?? [],
      },
    });
    const res = await t.as('supervisor@demo.local', {
      method: 'POST',
      url: '/api/tickets',
      payload: {
        sourceInspectionId: ins.id,
        category: 'CALLER_CONDUCT',
        severity: 'MEDIUM',
        title: 't',
        description: 'd',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      customer: { id: visit.customerId },
      caller: { id: visit.callerId },
      subject: { id: visit.callerId },
      sourceInspectionId: ins.id,
    });
    const both = await t.as('supervisor@demo.local', {
      method: 'POST',
      url: '/api/tickets',
      payload: {
        sourceInspectionId: ins.id,
        sourceVisitId: visit.id,
        category: 'SERVICE',
        severity: 'LOW',
        title: 't',
        description: 'd',
      },
    });
    expect(both.statusCode).toBe(422);
  });

  it('lists: a handler sees only their department, a caller their own, a lead the team; filters; SLA per item', async () => {
    const v1 = await f.visitOf('caller1@demo.local', 2);
    const teaching = await raise(t, v1.id);
    const service = await raise(t, v1.id, { category: 'SERVICE' });
    const v4 = await f.visitOf('caller4@demo.local', 1);
    const team2 = await raise(t, v4.id, {}, 'caller4@demo.local');

    const ids = async (email: string, query: Record<string, string> = {}) => {
      const res = await t.as(email, { method: 'GET', url: '/api/tickets', query: { size: '200', ...query } });
      expect(res.statusCode).toBe(200);
      return res.json().items as Array<{
        id: string;
        department: { id: string };
        raisedBy: { id: string };
        caller: { id: string } | null;
        sla: { overdue: boolean; overdueMs: number };
        dueAt: string;
        status: string;
      }>;
    };
    const handler = await ids('handler@demo.local');
    expect(handler.every((i) => i.department.id === f.depts.TEACHING)).toBe(true);
    expect(handler.map((i) => i.id)).toEqual(expect.arrayContaining([teaching.id, team2.id]));
    expect(handler.map((i) => i.id)).not.toContain(service.id);
    expect((await ids('handler2@demo.local')).map((i) => i.id)).toContain(service.id);

    const caller = await ids('caller1@demo.local');
    expect(
      caller.every(
        (i) =>
          i.raisedBy.id === f.users['caller1@demo.local'] || i.caller?.id === f.users['caller1@demo.local'],
      ),
    ).toBe(true);
    expect(caller.map((i) => i.id)).not.toContain(team2.id);
    expect((await ids('caller4@demo.local')).map((i) => i.id)).toContain(team2.id);

    const lead = (await ids('lead@demo.local')).map((i) => i.id);
    expect(lead).toEqual(expect.arrayContaining([teaching.id, service.id]));
    expect(lead).not.toContain(team2.id);
    expect((await ids('lead2@demo.local')).map((i) => i.id)).toContain(team2.id);
    expect((await ids('manager@demo.local')).map((i) => i.id)).toEqual(
      expect.arrayContaining([teaching.id, team2.id]),
    );

    const first = handler[0]!;
    expect(first.sla).toEqual({
      remainingMs: expect.any(Number),
      overdue: expect.any(Boolean),
      overdueMs: expect.any(Number),
      paused: expect.any(Boolean),
      atRisk: expect.any(Boolean),
    });
    for (const i of handler) expect(i.sla.overdueMs > 0).toBe(i.sla.overdue);
    // running clocks come first, by due time
    const running = handler.filter((i) => ['OPEN', 'IN_PROGRESS', 'REOPENED'].includes(i.status));
    expect(handler.slice(0, running.length)).toEqual(running);
    const dues = running.map((i) => i.dueAt);
    expect(dues).toEqual([...dues].sort());

    // filters
    expect(
      (await ids('manager@demo.local', { category: 'SERVICE' })).every(
        (i) => i.department.id === f.depts.SERVICE,
      ),
    ).toBe(true);
    expect((await ids('manager@demo.local', { departmentId: f.depts.SERVICE! })).map((i) => i.id)).toContain(
      service.id,
    );
    await t.prisma.issueTicket.update({
      where: { id: teaching.id },
      data: { dueAt: new Date(testNow().getTime() - 60_000) },
    });
    const overdue = await ids('handler@demo.local', { overdue: 'true' });
    expect(overdue.map((i) => i.id)).toContain(teaching.id);
    expect(overdue.every((i) => new Date(i.dueAt) < testNow())).toBe(true);
    // how late, in calendar time since the due time (docs/rules.md R-TKT-5): a minute and a little
    const late = overdue.find((i) => i.id === teaching.id)!.sla;
    expect(late.overdue).toBe(true);
    expect(late.overdueMs).toBeGreaterThanOrEqual(60_000);
    expect(late.overdueMs).toBeLessThan(60_000 + 30_000);
    expect((await ids('handler@demo.local', { overdue: 'false' })).map((i) => i.id)).not.toContain(
      teaching.id,
    );
    await t.prisma.issueTicket.update({
      where: { id: team2.id },
      data: { dueAt: new Date(testNow().getTime() + 60_000) },
    });
    const today = (await ids('handler@demo.local', { dueToday: 'true' })).map((i) => i.id);
    expect(today).toContain(team2.id);
    const mine = await ids('lead@demo.local', { raisedBy: 'team' });
    expect(mine.map((i) => i.id)).toEqual(expect.arrayContaining([teaching.id, service.id]));
    expect(
      (await ids('lead@demo.local', { raisedBy: 'me' })).every(
        (i) => i.raisedBy.id === f.users['lead@demo.local'],
      ),
    ).toBe(true);
  });

  it('one ticket: visible by the same rules (403 elsewhere, 404 unknown), with the timeline and actor names', async () => {
    const v = await f.visitOf('caller1@demo.local', 4);
    const tk = await raise(t, v.id);
    const get = (email: string, id = tk.id) => t.as(email, { method: 'GET', url: `/api/tickets/${id}` });
    expect((await get('handler@demo.local')).statusCode).toBe(200);
    expect((await get('handler2@demo.local')).statusCode).toBe(403);
    expect((await get('caller2@demo.local')).statusCode).toBe(403);
    expect((await get('lead2@demo.local')).statusCode).toBe(403);
    expect((await get('lead@demo.local')).statusCode).toBe(200);
    expect((await get('manager@demo.local', '00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    const detail = (await get('handler@demo.local')).json();
    expect(detail.events[0]).toMatchObject({ type: 'CREATED', actor: { name: '张敏' } });
    expect(detail.can).toEqual({ start: true, respond: true, verify: false, close: false, route: false });
    expect((await get('manager@demo.local')).json().can).toMatchObject({
      close: true,
      route: true,
      start: false,
    });
    expect((await get('lead@demo.local')).json().can).toMatchObject({
      close: false,
      route: true,
      verify: false,
    });
  });

  it('re-routes a ticket still being worked on; the new department is told; closed ones cannot move', async () => {
    const v = await f.visitOf('caller1@demo.local', 5);
    const tk = await raise(t, v.id);
    expect((await act(t, 'handler@demo.local', tk.id, 'start')).statusCode).toBe(200);
    expect((await act(t, 'handler@demo.local', tk.id, 'route', { category: 'SERVICE' })).statusCode).toBe(
      403,
    );
    expect((await act(t, 'lead2@demo.local', tk.id, 'route', { category: 'SERVICE' })).statusCode).toBe(403);
    expect((await act(t, 'lead@demo.local', tk.id, 'route', { category: 'TEACHING' })).statusCode).toBe(422);
    const moved = await act(t, 'lead@demo.local', tk.id, 'route', { category: 'SERVICE', version: 2 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      category: 'SERVICE',
      department: { id: f.depts.SERVICE },
      status: 'OPEN',
      handler: null,
      version: 3,
    });
    expect(moved.json().events.at(-1)).toMatchObject({ type: 'ROUTED', body: { departmentName: '服务部' } });
    expect(
      await t.prisma.notification.count({
        where: { entityId: tk.id, type: 'TICKET_ROUTED', userId: f.users['handler2@demo.local'] },
      }),
    ).toBe(1);
    // stale version
    expect(
      (await act(t, 'lead@demo.local', tk.id, 'route', { departmentId: f.depts.MARKET, version: 2 }))
        .statusCode,
    ).toBe(409);
    // the old department no longer sees it
    expect(
      (await t.as('handler@demo.local', { method: 'GET', url: `/api/tickets/${tk.id}` })).statusCode,
    ).toBe(403);
    const direct = await act(t, 'manager@demo.local', tk.id, 'route', { departmentId: f.depts.MARKET });
    expect(direct.json()).toMatchObject({ category: 'SERVICE', department: { id: f.depts.MARKET } });
    expect((await act(t, 'manager@demo.local', tk.id, 'close', { note: '重复工单' })).statusCode).toBe(200);
    expect((await act(t, 'manager@demo.local', tk.id, 'route', { category: 'TEACHING' })).statusCode).toBe(
      409,
    );
  });
});
