// Background jobs on a PostgreSQL-backed queue (pg-boss, schema `pgboss`). Safe with several
// API processes: the cron schedule is kept in the database and fires once per tick, the queue
// is a singleton (one active job at a time), and the work itself is idempotent.
import type { FastifyInstance } from 'fastify';
import PgBoss from 'pg-boss';
import type { PrismaClient } from '../db/prisma.ts';
import { closeEndedMonths } from '../modules/incentives/close.ts';
import { runRemediationChecks } from '../modules/incentives/remediation.ts';
import { runEscalations } from '../modules/tickets/escalation.ts';

export const ESCALATION_QUEUE = 'ticket-escalations';
/** every five minutes */
export const ESCALATION_CRON = '*/5 * * * *';

export const MONTH_CLOSE_QUEUE = 'month-close';
/** hourly: closes each organisation's previous month once it has ended in its own timezone */
export const MONTH_CLOSE_CRON = '20 * * * *';
export const REMEDIATION_QUEUE = 'remediation-checks';
/** hourly: re-checks completion warnings whose remediation window has ended */
export const REMEDIATION_CRON = '40 * * * *';

/**
 * Starts the job worker on the app's database; the caller stops it (`boss.stop()`) on shutdown.
 * Each run reads the app's clock once and hands that instant to the work (docs/api.md#time).
 */
export async function startJobs(
  app: Pick<FastifyInstance, 'log' | 'clock'>,
  prisma: PrismaClient,
  connectionString: string,
): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 2 });
  boss.on('error', (error) => app.log.error({ err: error }, 'job queue error'));
  await boss.start();
  await boss.createQueue(ESCALATION_QUEUE, { name: ESCALATION_QUEUE, policy: 'singleton' });
  await boss.schedule(ESCALATION_QUEUE, ESCALATION_CRON);
  await boss.work(ESCALATION_QUEUE, async () => {
    const done = await runEscalations(prisma, app.clock());
    if (done.level1 || done.level2) app.log.info(done, 'tickets escalated');
  });
  for (const [queue, cron] of [
    [MONTH_CLOSE_QUEUE, MONTH_CLOSE_CRON],
    [REMEDIATION_QUEUE, REMEDIATION_CRON],
  ] as const) {
    await boss.createQueue(queue, { name: queue, policy: 'singleton' });
    await boss.schedule(queue, cron);
  }
  await boss.work(MONTH_CLOSE_QUEUE, async () => {
    const closed = await closeEndedMonths(prisma, app.clock());
    if (closed.length) app.log.info({ closed }, 'months closed');
  });
  await boss.work(REMEDIATION_QUEUE, async () => {
    const done = await runRemediationChecks(prisma, app.clock());
    if (done.checked) app.log.info(done, 'remediation windows re-checked');
  });
  return boss;
}
