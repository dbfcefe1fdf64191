import { addBusinessMs } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';
import { act, raise, ticketFixtures } from './test-fixtures.ts';

describe('tickets: the loop and every forbidden transition', async () => {
  const t = await setupTestApp();
  let f: Awaited<ReturnType<typeof ticketFixtures>>;
  let visitId: string;
  beforeAll(async () => {
    f = await ticketFixtures(t.prisma);
    visitId = (await f.visitOf('caller1@demo.local')).id;
  });
  const H = 'handler@demo.local';
  const C = 'caller1@demo.local';
  const respond = { action: '已调整教学进度，增加周末答疑', rootCause: '课程安排过密' };
  const status = async (id: string) => t.prisma.issueTicket.findUniqueOrThrow({ where: { id } });

  it('start → respond (clock pauses) → reopen (clock resumes, due time moves) → respond → verify → closed', async () => {
    const tk = await raise(t, visitId);
    const started = await act(t, H, tk.id, 'start', { version: 1 });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({ status: 'IN_PROGRESS', handler: { name: '吴老师' }, version: 2 });

    const answered = await act(t, H, tk.id, 'respond', { ...respond, version: 2 });
    expect(answered.statusCode).toBe(200);
    expect(answered.json()).toMatchObject({
      status: 'RESPONDED',
      sla: { paused: true },
      can: { respond: false },
    });
    expect(answered.json().respondedAt).not.toBeNull();
    expect(answered.json().events.at(-1)).toMatchObject({
      type: 'RESPONDED',
      body: respond,
      actor: { name: '吴老师' },
    });
    expect(
      await t.prisma.notification.count({
        where: { entityId: tk.id, type: 'TICKET_RESPONDED', userId: f.users[C] },
      }),
    ).toBe(1);
    expect((await t.as(C, { method: 'GET', url: `/api/tickets/${tk.id}` })).json().can).toMatchObject({
      verify: true,
    });

    // the clock stood still for a while: pretend the response was two hours ago (on business days that is ≤ 2 h)
    const row = await status(tk.id);
    const pausedAt = new Date(testNow().getTime() - 2 * 3600_000);
    await t.prisma.issueTicket.update({ where: { id: tk.id }, data: { pausedAt } });
    const reopened = await act(t, C, tk.id, 'reopen', { reason: '客户表示仍然跟不上' });
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({
      status: 'REOPENED',
      reopenCount: 1,
      pausedAt: null,
      sla: { paused: false },
    });
    const after = await status(tk.id);
    expect(Number(after.pausedMs)).toBeGreaterThanOrEqual(0);
    expect(Number(after.pausedMs)).toBeLessThanOrEqual(2 * 3600_000 + 60_000);
    const org = await t.prisma.organization.findFirstOrThrow();
    const cal = { tz: org.timezone, start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5], holidays: [] };
    expect(after.dueAt).toEqual(addBusinessMs(row.dueAt, Number(after.pausedMs), cal));
    expect(reopened.json().events.at(-1)).toMatchObject({
      type: 'REOPENED',
      body: { reason: '客户表示仍然跟不上', reopenCount: 1 },
    });
    expect(
      await t.prisma.notification.count({
        where: { entityId: tk.id, type: 'TICKET_REOPENED', userId: f.users[H] },
      }),
    ).toBe(1);

    // a reopened ticket can be answered straight away or started first
    expect((await act(t, H, tk.id, 'start')).json().status).toBe('IN_PROGRESS');
    expect((await act(t, H, tk.id, 'respond', respond)).json().status).toBe('RESPONDED');
    const verified = await act(t, C, tk.id, 'verify', { satisfied: true, note: '客户满意' });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ status: 'CLOSED', reopenCount: 1 });
    expect(verified.json().closedAt).not.toBeNull();
    expect(verified.json().events.map((e: { type: string }) => e.type)).toEqual([
      'CREATED',
      'ROUTED',
      'STARTED',
      'RESPONDED',
      'REOPENED',
      'STARTED',
      'RESPONDED',
      'VERIFIED',
      'CLOSED',
    ]);
    const actions = await t.prisma.auditLog.findMany({
      where: { entityId: tk.id },
      orderBy: { id: 'asc' },
      select: { action: true },
    });
    expect(actions.map((a) => a.action)).toEqual([
      'TICKET_CREATE',
      'TICKET_START',
      'TICKET_RESPOND',
      'TICKET_REOPEN',
      'TICKET_START',
      'TICKET_RESPOND',
      'TICKET_VERIFY',
    ]);
  });

  it('verify with satisfied: false is a reopen and needs a reason', async () => {
    const tk = await raise(t, visitId);
    await act(t, H, tk.id, 'respond', respond);
    expect((await act(t, C, tk.id, 'verify', { satisfied: false })).statusCode).toBe(400);
    const res = await act(t, C, tk.id, 'verify', { satisfied: false, reason: '没有联系客户' });
    expect(res.json()).toMatchObject({ status: 'REOPENED', reopenCount: 1 });
  });

  it('answers 409 from the wrong state and changes nothing', async () => {
    const tk = await raise(t, visitId);
    const wrong = async (email: string, action: string, payload: object = {}) => {
      const before = await status(tk.id);
      const res = await act(t, email, tk.id, action, payload);
      expect(res.statusCode, `${action} from ${before.status}`).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { status: before.status } });
      expect((await status(tk.id)).version).toBe(before.version);
    };
    // OPEN
    await wrong(C, 'verify', { satisfied: true });
    await wrong(C, 'reopen', { reason: 'x' });
    await wrong('lead@demo.local', 'close', { note: 'x' });
    await act(t, H, tk.id, 'start');
    // IN_PROGRESS
    await wrong(H, 'start');
    await wrong(C, 'verify', { satisfied: true });
    await act(t, H, tk.id, 'respond', respond);
    // RESPONDED
    await wrong(H, 'start');
    await wrong(H, 'respond', respond);
    await wrong('lead@demo.local', 'route', { category: 'SERVICE' });
    await act(t, C, tk.id, 'verify', { satisfied: true });
    // CLOSED
    await wrong(H, 'start');
    await wrong(H, 'respond', respond);
    await wrong(C, 'verify', { satisfied: true });
    await wrong(C, 'reopen', { reason: 'x' });
    await wrong('manager@demo.local', 'close', { note: 'x' });
    await wrong('manager@demo.local', 'route', { category: 'SERVICE' });
  });

  it('answers 403 to people the ticket does not concern, 400 on bad input, 409 on a stale version', async () => {
    const tk = await raise(t, visitId);
    expect((await act(t, 'handler2@demo.local', tk.id, 'start')).statusCode).toBe(403);
    expect((await act(t, C, tk.id, 'start')).statusCode).toBe(403); // no ticket:respond
    expect((await act(t, 'manager@demo.local', tk.id, 'respond', respond)).statusCode).toBe(403);
    expect((await act(t, H, tk.id, 'respond', { action: '已处理' })).statusCode).toBe(400);
    expect((await act(t, H, tk.id, 'respond', { action: ' ', rootCause: 'x' })).statusCode).toBe(400);
    expect((await act(t, H, tk.id, 'start', { version: 7 })).statusCode).toBe(409);
    await act(t, H, tk.id, 'respond', respond);
    // verify: the ticket's caller or a lead of the caller's team only
    expect((await act(t, 'caller2@demo.local', tk.id, 'verify', { satisfied: true })).statusCode).toBe(403);
    expect((await act(t, 'lead2@demo.local', tk.id, 'verify', { satisfied: true })).statusCode).toBe(403);
    expect((await act(t, H, tk.id, 'verify', { satisfied: true })).statusCode).toBe(403);
    expect((await act(t, 'lead@demo.local', tk.id, 'reopen', { reason: '' })).statusCode).toBe(400);
    const lead = await act(t, 'lead@demo.local', tk.id, 'verify', { satisfied: true });
    expect(lead.statusCode).toBe(200);
    expect(lead.json().status).toBe('CLOSED');
    expect((await act(t, H, '00000000-0000-7000-8000-000000000000', 'start')).statusCode).toBe(404);
  });

  it("a lead who sees a ticket because it is about their team may not verify it for another team's caller", async () => {
    const caller4 = await t.prisma.user.findUniqueOrThrow({ where: { email: 'caller4@demo.local' } });
    // raised from caller1's record (team 1), about caller4's conduct (team 2)
    const tk = await raise(
      t,
      visitId,
      { category: 'CALLER_CONDUCT', subjectUserId: caller4.id },
      'supervisor@demo.local',
    );
    const answered = await act(t, 'supervisor@demo.local', tk.id, 'respond', {
      ...respond,
      conductConfirmed: false,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const seen = await t.as('lead2@demo.local', { method: 'GET', url: `/api/tickets/${tk.id}` });
    expect(seen.statusCode).toBe(200); // lead2 sees it: it is about a member of their team
    expect(seen.json().can.verify).toBe(false);
    expect((await act(t, 'lead2@demo.local', tk.id, 'verify', { satisfied: true })).statusCode).toBe(403);
    expect((await status(tk.id)).status).toBe('RESPONDED');
    // the lead of the caller who confirms with the customer may
    const lead = await t.as('lead@demo.local', { method: 'GET', url: `/api/tickets/${tk.id}` });
    expect(lead.json().can.verify).toBe(true);
    expect((await act(t, 'lead@demo.local', tk.id, 'verify', { satisfied: true })).statusCode).toBe(200);
  });

  it('close: a verified ticket by anyone routing; an open one only by management with a note', async () => {
    const tk = await raise(t, visitId);
    expect((await act(t, 'manager@demo.local', tk.id, 'close', {})).statusCode).toBe(400);
    expect((await act(t, C, tk.id, 'close', { note: 'x' })).statusCode).toBe(403);
    const closed = await act(t, 'manager@demo.local', tk.id, 'close', { note: '客户撤回' });
    expect(closed.json()).toMatchObject({ status: 'CLOSED', sla: { paused: true } });
    expect(closed.json().events.at(-1)).toMatchObject({ type: 'CLOSED', body: { note: '客户撤回' } });
    // the customer's event, once, on the day of closing (docs/rules.md#r-evt-1-customer-events)
    const events = await t.prisma.customerEvent.findMany({ where: { externalId: tk.id } });
    expect(events).toMatchObject([
      { kind: 'COMPLAINT_CLOSED', source: 'TICKET', customerId: closed.json().customer.id },
    ]);
    expect(events[0]!.day.toISOString().slice(0, 10)).toBe('2026-03-18');
    // a VERIFIED ticket (left by older data) closes by a lead
    const tk2 = await raise(t, visitId);
    await t.prisma.issueTicket.update({
      where: { id: tk2.id },
      data: { status: 'VERIFIED', pausedAt: testNow() },
    });
    expect((await act(t, 'lead@demo.local', tk2.id, 'close', { note: '已核实' })).json().status).toBe(
      'CLOSED',
    );
    const tk3 = await raise(t, visitId);
    await t.prisma.issueTicket.update({
      where: { id: tk3.id },
      data: { status: 'VERIFIED', pausedAt: testNow() },
    });
    expect((await act(t, C, tk3.id, 'reopen', { reason: '又出现' })).json().status).toBe('REOPENED');
  });

  it('a response and a reopen arriving together leave a consistent state', async () => {
    for (let round = 0; round < 4; round++) {
      const tk = await raise(t, visitId);
      await act(t, H, tk.id, 'respond', respond);
      const [a, b] = await Promise.all([
        act(t, H, tk.id, 'respond', { action: '再次回复', rootCause: '同上' }),
        act(t, C, tk.id, 'reopen', { reason: '仍未解决' }),
      ]);
      const row = await status(tk.id);
      const events = await t.prisma.ticketEvent.findMany({
        where: { ticketId: tk.id },
        orderBy: { createdAt: 'asc' },
      });
      const types = events.map((e) => e.type);
      expect(b.statusCode).toBe(200); // the reopen always applies: the ticket was RESPONDED or becomes it again
      expect(row.reopenCount).toBe(1);
      if (a.statusCode === 200) {
        // reopen first, then the second response
        expect(types.slice(-2)).toEqual(['REOPENED', 'RESPONDED']);
        expect(row.status).toBe('RESPONDED');
        expect(row.pausedAt).not.toBeNull();
        expect(row.version).toBe(4);
      } else {
        expect(a.statusCode).toBe(409);
        expect(types.slice(-2)).toEqual(['RESPONDED', 'REOPENED']);
        expect(row.status).toBe('REOPENED');
        expect(row.pausedAt).toBeNull();
        expect(row.version).toBe(3);
      }
    }
  });
});
