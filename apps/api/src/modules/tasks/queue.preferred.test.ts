// The queue's order by the customer's preferred time (docs/rules.md#r-cad-6-contact-policy): on a
// due date, the customers whose window is now first, then those who gave none, then later today,
// then passed — the SQL ranks as the domain's preferredWindowRank does, and the queue and the next
// task to start follow it.
import { PREFERRED_WINDOW_RANKS, preferredWindowRank, zonedTime } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testClock } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';
import { preferredRank } from './queue.ts';

describe('the preferred time window in the queue', async () => {
  const t = await setupTestApp();

  it('ranks in SQL as the domain rule does', async () => {
    const windows: Array<[string | null, string | null]> = [
      [null, null],
      ['09:00', null],
      [null, '12:00'],
      ['09:00', '12:00'],
      ['10:00', '10:30'],
      ['14:00', '18:00'],
      ['00:00', '23:59'],
    ];
    for (const time of [
      '00:00',
      '08:59',
      '09:00',
      '10:00',
      '10:29',
      '10:30',
      '11:59',
      '12:00',
      '17:59',
      '23:59',
    ]) {
      const rows = await t.prisma.$queryRaw<Array<{ i: number; r: number }>>`
        SELECT c.i, ${preferredRank({ time, today: '2026-03-18', now: new Date() })} AS r
          FROM jsonb_to_recordset(${JSON.stringify(
            windows.map(([f, to], i) => ({ i, preferredTimeFrom: f, preferredTimeTo: to })),
          )}::jsonb) AS c(i int, "preferredTimeFrom" text, "preferredTimeTo" text)
         ORDER BY c.i`;
      expect(
        rows.map((x) => x.r),
        time,
      ).toEqual(windows.map(([f, to]) => preferredWindowRank(f, to, time)));
    }
    expect(Object.values(PREFERRED_WINDOW_RANKS).sort()).toEqual([0, 1, 2, 3]);
  });

  it("orders a caller's tasks of a day by it, and starts with a customer whose time is now", async () => {
    const caller = await t.prisma.user.findFirstOrThrow({ where: { email: 'caller2@demo.local' } });
    // a day with nothing else: every open task of caller2 moved away for this test
    await t.prisma.task.updateMany({
      where: { assigneeId: caller.id, status: { in: ['PENDING', 'IN_PROGRESS'] } },
      data: { status: 'CANCELLED' },
    });
    const customers = await t.prisma.customer.findMany({
      where: { tasks: { none: { status: { in: ['PENDING', 'IN_PROGRESS'] } } } },
      take: 4,
      orderBy: { id: 'asc' },
    });
    // at 10:00 (TEST_NOW): passed, later, none, now — made in that order, so the id order is wrong
    const windows: Array<[string | null, string | null]> = [
      ['08:00', '09:30'],
      ['14:00', '17:00'],
      [null, null],
      ['09:30', '11:00'],
    ];
    const day = new Date('2026-03-18T00:00:00Z');
    for (const [i, c] of customers.entries()) {
      await t.prisma.customer.update({
        where: { id: c.id },
        data: { preferredTimeFrom: windows[i]![0], preferredTimeTo: windows[i]![1] },
      });
      await t.prisma.task.create({
        data: {
          organizationId: c.organizationId,
          customerId: c.id,
          assigneeId: caller.id,
          purpose: `p${i}`,
          channel: 'PHONE',
          windowFrom: day,
          windowTo: day,
          dueDate: day,
        },
      });
    }
    testClock.set(zonedTime('2026-03-18', '10:00', 'Asia/Shanghai'));
    const res = await t.as('caller2@demo.local', {
      method: 'GET',
      url: '/api/tasks?assignee=me&bucket=today',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((x: { purpose: string }) => x.purpose)).toEqual(['p3', 'p2', 'p1', 'p0']);
    const summary = await t.as('caller2@demo.local', { method: 'GET', url: '/api/tasks/summary' });
    const first = await t.prisma.task.findFirstOrThrow({ where: { assigneeId: caller.id, purpose: 'p3' } });
    expect(summary.json().nextTaskId).toBe(first.id);

    // at 15:00 the afternoon customer comes first
    testClock.set(zonedTime('2026-03-18', '15:00', 'Asia/Shanghai'));
    const later = await t.as('caller2@demo.local', {
      method: 'GET',
      url: '/api/tasks?assignee=me&bucket=today',
    });
    expect(later.json().items.map((x: { purpose: string }) => x.purpose)).toEqual(['p1', 'p2', 'p0', 'p3']);
  });
});
