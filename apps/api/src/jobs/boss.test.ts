// The escalation job runs on pg-boss against the real database: two workers (as two API
// processes would run) share one queue, and an overdue ticket escalates exactly once.
import { describe, expect, it } from 'vitest';
import { testNow } from '../../test/clock.ts';
import { setupTestApp } from '../../test/helper.ts';
import { raise, ticketFixtures } from '../modules/tickets/test-fixtures.ts';
import { ESCALATION_QUEUE, startJobs } from './boss.ts';

describe('background jobs', async () => {
  const first = await setupTestApp();

  it('run the escalation of overdue tickets once, with two workers on the queue', async () => {
    const f = await ticketFixtures(first.prisma);
    const visitId = (await f.visitOf('caller1@demo.local')).id;
    const ticket = await raise(first, visitId);
    await first.prisma.issueTicket.update({
      where: { id: ticket.id },
      data: { dueAt: new Date(testNow().getTime() - 3600_000) },
    });

    const a = await startJobs(first.app, first.prisma, first.url);
    const b = await startJobs(first.app, first.prisma, first.url);
    try {
      await a.send(ESCALATION_QUEUE, {});
      await b.send(ESCALATION_QUEUE, {});
      const deadline = Date.now() + 20_000;
      let level = 0;
      while (Date.now() < deadline) {
        level = (await first.prisma.issueTicket.findUniqueOrThrow({ where: { id: ticket.id } }))
          .escalationLevel;
        if (level > 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(level).toBeGreaterThan(0);
      await new Promise((r) => setTimeout(r, 1500));
      const events = await first.prisma.ticketEvent.findMany({
        where: { ticketId: ticket.id, type: 'ESCALATED' },
      });
      expect(events.filter((e) => (e.body as { level: number }).level === 1)).toHaveLength(1);
    } finally {
      await a.stop({ graceful: false, wait: true });
      await b.stop({ graceful: false, wait: true });
    }
  }, 40_000);
});
