// Background jobs on a PostgreSQL-backed queue (pg-boss, schema `pgboss`). Safe with several
// API processes: the cron schedule is kept in the database and fires once per tick, the queue
// is a singleton (one active job at a time), and the work itself is idempotent.
import type { FastifyInstance } from 'fastify';
import PgBoss from 'pg-boss';
import type { PrismaClient } from '../db/prisma.ts';
import { runEscalations } from '../modules/tickets/escalation.ts';

export const ESCALATION_QUEUE = 'ticket-escalations';
/** every five minutes */
export const ESCALATION_CRON = '*/5 * * * *';

/** Starts the job worker on the app's database; the caller stops it (`boss.stop()`) on shutdown. */
export async function startJobs(
  app: Pick<FastifyInstance, 'log'>,
  prisma: PrismaClient,
  connectionString: string,
): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 2 });
  boss.on('error', (error) => app.log.error({ err: error }, 'job queue error'));
  await boss.start();
  await boss.createQueue(ESCALATION_QUEUE, { name: ESCALATION_QUEUE, policy: 'singleton' });
  await boss.schedule(ESCALATION_QUEUE, ESCALATION_CRON);
  await boss.work(ESCALATION_QUEUE, async () => {
    const done = await runEscalations(prisma, new Date());
    if (done.level1 || done.level2) app.log.info(done, 'tickets escalated');
  });
  return boss;
}
