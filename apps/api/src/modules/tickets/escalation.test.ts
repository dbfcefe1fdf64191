import { zonedTime } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';
import { runEscalations } from './escalation.ts';
import { act, raise, ticketFixtures } from './test-fixtures.ts';

describe('tickets: escalation of overdue tickets (runEscalations)', async () => {
  const t = await setupTestApp();
  let f: Awaited<ReturnType<typeof ticketFixtures>>;
  let visitId: string;
  let tz: string;
  beforeAll(async () => {
    f = await ticketFixtures(t.prisma);
    visitId = (await f.visitOf('caller1@demo.local')).id;
    tz = (await t.prisma.organization.findFirstOrThrow()).timezone;
  });
  // Monday 2 March 2026: business hours 09:00–18:00, escalation to management 8 business hours after the due time.
  const at = (day: string, time: string) => zonedTime(day, time, tz);
  const overdueTicket = async (due: Date) => {
    const tk = await raise(t, visitId);
    await t.prisma.issueTicket.update({ where: { id: tk.id }, data: { dueAt: due } });
    return tk.id;
  };
  const state = (id: string) =>
    Promise.all([
      t.prisma.issueTicket.findUniqueOrThrow({ where: { id } }),
      t.prisma.ticketEvent.findMany({
        where: { ticketId: id, type: 'ESCALATED' },
        orderBy: { createdAt: 'asc' },
      }),
      t.prisma.notification.findMany({
        where: { entityId: id, type: { in: ['TICKET_OVERDUE', 'TICKET_ESCALATED'] } },
      }),
    ]);

  it('first to the department head, then to management a further 8 business hours on; idempotent', async () => {
    const id = await overdueTicket(at('2026-03-02', '10:00'));
    // not yet due
    await runEscalations(t.prisma, at('2026-03-02', '09:59'));
    expect((await state(id))[0].escalationLevel).toBe(0);

    expect(await runEscalations(t.prisma, at('2026-03-02', '11:00'))).toEqual({ level1: 1, level2: 0 });
    let [row, events, notes] = await state(id);
    expect(row.escalationLevel).toBe(1);
    expect(events.map((e) => e.body)).toEqual([{ level: 1 }]);
    expect(events[0]!.actorId).toBeNull();
    expect(notes.map((n) => [n.type, n.userId]).sort()).toEqual(
      [
        ['TICKET_ESCALATED', f.users['handler@demo.local']],
        ['TICKET_OVERDUE', f.users['handler@demo.local']],
      ].sort(),
    );
    // running again changes nothing
    expect(await runEscalations(t.prisma, at('2026-03-02', '11:00'))).toEqual({ level1: 0, level2: 0 });
    // 10:00 + 8 business hours = 18:00; the evening and night do not count
    expect(await runEscalations(t.prisma, at('2026-03-02', '17:59'))).toEqual({ level1: 0, level2: 0 });
    expect(await runEscalations(t.prisma, at('2026-03-02', '18:00'))).toEqual({ level1: 0, level2: 1 });
    [row, events, notes] = await state(id);
    expect(row.escalationLevel).toBe(2);
    expect(events.map((e) => e.body)).toEqual([{ level: 1 }, { level: 2 }]);
    expect(notes.filter((n) => n.userId === f.users['manager@demo.local']).map((n) => n.type)).toEqual([
      'TICKET_ESCALATED',
    ]);
    expect(await runEscalations(t.prisma, at('2026-03-10', '12:00'))).toEqual({ level1: 0, level2: 0 });
    expect((await state(id))[1]).toHaveLength(2);
    // the version of the ticket is left alone: a handler's guarded write still applies
    expect(row.version).toBe(1);
    expect(await t.prisma.auditLog.count({ where: { entityId: id, action: 'TICKET_ESCALATE' } })).toBe(2);
  });

  it('a ticket found very late goes straight to management, with both steps on the timeline', async () => {
    const id = await overdueTicket(at('2026-03-02', '10:00'));
    await runEscalations(t.prisma, at('2026-03-04', '10:00'));
    const [row, events, notes] = await state(id);
    expect(row.escalationLevel).toBe(2);
    expect(events.map((e) => e.body)).toEqual([{ level: 1 }, { level: 2 }]);
    expect(new Set(notes.map((n) => n.userId))).toEqual(
      // management: every manager, the deputy director (副主任) among them
      new Set([f.users['handler@demo.local'], f.users['manager@demo.local'], f.users['deputy@demo.local']]),
    );
  });

  it('leaves answered and closed tickets alone', async () => {
    const answered = await overdueTicket(at('2026-03-02', '10:00'));
    await act(t, 'handler@demo.local', answered, 'respond', { action: 'a', rootCause: 'b' });
    const closed = await overdueTicket(at('2026-03-02', '10:00'));
    await act(t, 'manager@demo.local', closed, 'close', { note: '撤回' });
    await runEscalations(t.prisma, at('2026-03-05', '10:00'));
    expect((await state(answered))[0].escalationLevel).toBe(0);
    expect((await state(closed))[0].escalationLevel).toBe(0);
  });

  it('two runs at once escalate each ticket once', async () => {
    const ids = await Promise.all([1, 2, 3].map(() => overdueTicket(at('2026-03-09', '10:00'))));
    const now = at('2026-03-09', '12:00');
    const [a, b] = await Promise.all([runEscalations(t.prisma, now), runEscalations(t.prisma, now)]);
    expect(a.level1 + b.level1).toBe(3);
    for (const id of ids) {
      const [row, events, notes] = await state(id);
      expect(row.escalationLevel).toBe(1);
      expect(events).toHaveLength(1);
      expect(notes).toHaveLength(2);
    }
  });
});
