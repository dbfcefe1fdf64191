// Two API processes on one database, as behind a load balancer: two apps, each with its own
// connection pool and its own job worker (pg-boss), on the same test database. A session opened on
// one works on the other; each scheduled job runs once per schedule slot although both schedule it
// (src/jobs/boss.ts, docs/decisions/009-the-app-owns-its-database.md).
import type PgBoss from 'pg-boss';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createPrisma } from '../src/db/prisma.ts';
import {
  ESCALATION_QUEUE,
  type JobQueue,
  type JobSchedule,
  MONTH_CLOSE_QUEUE,
  REMEDIATION_QUEUE,
  SCHEDULES,
  startJobs,
} from '../src/jobs/boss.ts';
import { raise, ticketFixtures } from '../src/modules/tickets/test-fixtures.ts';
import { testClock, testNow } from './clock.ts';
import { setupTestApp } from './helper.ts';
import { sleep, waitFor } from './server-process.ts';

const QUEUES: JobQueue[] = [ESCALATION_QUEUE, MONTH_CLOSE_QUEUE, REMEDIATION_QUEUE];

describe('two API processes on one database', async () => {
  const one = await setupTestApp();
  const prismaTwo = createPrisma(one.url, 5);
  const two = await buildApp({
    prisma: prismaTwo,
    config: loadConfig({ NODE_ENV: 'test', HUIFANG_LOGIN_RATE_MAX: '1000' }),
    clock: testClock.now,
  });
  await two.ready();
  afterAll(async () => {
    await two.close();
    await prismaTwo.$disconnect();
  });

  it('a session opened on one works on the other, and a logout on the other ends it on both', async () => {
    const cookie = await one.login('lead@demo.local');
    const me = await two.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: 'lead@demo.local' });
    const tasks = await two.inject({ method: 'GET', url: '/api/tasks/summary', headers: { cookie } });
    expect(tasks.statusCode).toBe(200);

    const out = await two.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    for (const app of [one.app, two]) {
      const after = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
      expect(after.statusCode).toBe(401);
    }
  });

  /** Every job pg-boss holds for a queue, with the slot it was sent for. */
  async function jobsOf(queue: JobQueue) {
    return one.prisma.$queryRawUnsafe<
      { id: string; slot: Date | null; state: string; retries: number; key: string | null }[]
    >(
      `SELECT id::text, singleton_on AS slot, state::text, retry_count AS retries, singleton_key AS key
         FROM pgboss.job WHERE name = $1
       UNION ALL
       SELECT id::text, singleton_on, state::text, retry_count, singleton_key
         FROM pgboss.archive WHERE name = $1`,
      queue,
    );
  }

  it("lets one job into a schedule's slot, whichever process sends it and however often", async () => {
    const a = await startJobs(one.app, one.prisma, one.url);
    const b = await startJobs(two, prismaTwo, one.url);
    try {
      // What a schedule sends (its key and slot), from both processes at once, twice each.
      const options = {
        singletonKey: REMEDIATION_QUEUE,
        singletonSeconds: SCHEDULES[REMEDIATION_QUEUE].everySeconds,
      };
      const ids = await Promise.all([a, b, a, b].map((boss) => boss.send(REMEDIATION_QUEUE, {}, options)));
      expect(ids.filter(Boolean)).toHaveLength(1);
    } finally {
      await a.stop({ graceful: false, wait: true });
      await b.stop({ graceful: false, wait: true });
      // The next test counts this queue's jobs.
      for (const table of ['job', 'archive'])
        await one.prisma.$executeRawUnsafe(`DELETE FROM pgboss.${table} WHERE name = $1`, REMEDIATION_QUEUE);
    }
  }, 60_000);

  it('runs each scheduled job once per tick of its schedule, with both processes scheduling it', async () => {
    const f = await ticketFixtures(one.prisma);
    const ticket = await raise(one, (await f.visitOf('caller1@demo.local', 3)).id);
    await one.prisma.issueTicket.update({
      where: { id: ticket.id },
      data: { dueAt: new Date(testNow().getTime() - 3600_000) },
    });

    // Every minute, and each process looks every second whether a schedule is due: some sixty
    // chances per tick for the two of them to send it twice.
    const everyMinute: JobSchedule = { cron: '* * * * *', everySeconds: 60 };
    const options = {
      schedules: Object.fromEntries(QUEUES.map((q) => [q, everyMinute])),
      cronMonitorIntervalSeconds: 1,
    };
    const workers: PgBoss[] = [];
    try {
      workers.push(await startJobs(one.app, one.prisma, one.url, options));
      workers.push(await startJobs(two, prismaTwo, one.url, options));

      // Two ticks: the first tick's slot has closed once the second's job exists.
      await waitFor(
        async () => {
          for (const queue of QUEUES) {
            const done = (await jobsOf(queue)).filter((j) => j.state === 'completed');
            if (new Set(done.map((j) => j.slot?.getTime())).size < 2) return false;
          }
          return true;
        },
        240_000,
        () => 'the schedules did not fire twice',
      );
      // A late duplicate of the second tick would have been sent within a few polls.
      await sleep(3000);

      for (const queue of QUEUES) {
        const jobs = await jobsOf(queue);
        const slots = jobs.map((j) => j.slot?.getTime());
        expect(
          slots.every((s) => s !== undefined),
          `${queue}: every job has a slot`,
        ).toBe(true);
        expect(new Set(slots).size, `${queue}: one job per slot`).toBe(jobs.length);
        expect(jobs.every((j) => j.key === queue)).toBe(true);
        // …each run once: none failed and ran again
        for (const j of jobs) if (j.state === 'completed') expect(j.retries).toBe(0);
      }
      const escalated = await one.prisma.ticketEvent.findMany({
        where: { ticketId: ticket.id, type: 'ESCALATED' },
      });
      expect(escalated.filter((e) => (e.body as { level: number }).level === 1)).toHaveLength(1);
    } finally {
      for (const w of workers) await w.stop({ graceful: false, wait: true });
    }
  }, 300_000);
});
