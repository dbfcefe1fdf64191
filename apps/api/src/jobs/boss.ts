// Background jobs on a PostgreSQL-backed queue (pg-boss, schema `pgboss`). Any number of API
// processes start them; each scheduled run still happens once (docs/decisions/009-the-app-owns-its-database.md):
// - the schedule lives in the database, and of all processes one at a time evaluates it (pg-boss
//   takes a timestamp in its `version` row with a conditional UPDATE);
// - each schedule's job carries a singleton key and a slot as long as the schedule's period: a
//   unique index lets one job in per slot, whoever sends it and however often;
// - the queues are singletons (one active job at a time), and the work is idempotent besides.
import type { FastifyInstance } from 'fastify';
import PgBoss from 'pg-boss';
import type { PrismaClient } from '../db/prisma.ts';
import { signingSecret } from '../lib/secret.ts';
import { sendWeekAheadNotices } from '../modules/cadence/notices.ts';
import { runCadence } from '../modules/cadence/run.ts';
import { runChurnSuggestions } from '../modules/churn/suggest.ts';
import { closeEndedMonths } from '../modules/incentives/close.ts';
import { runRemediationChecks } from '../modules/incentives/remediation.ts';
import { runMeasureChecks } from '../modules/measures/overdue.ts';
import { runSurveyLinks } from '../modules/surveys/service.ts';
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

export const CADENCE_QUEUE = 'cadence-run';
/**
 * hourly: each organisation's standing cadence rules make the visits due on its day (the first run
 * after its midnight makes the day's; the others find nothing new — docs/rules.md#r-cad-4-the-daily-run)
 */
export const CADENCE_CRON = '5 * * * *';

export const SURVEY_QUEUE = 'survey-links';
/**
 * every 15 minutes: unanswered survey links are reminded once (outside the quiet hours) and, at their
 * deadline, handed back to the caller (docs/rules.md#r-srv-1-survey-links)
 */
export const SURVEY_CRON = '*/15 * * * *';

export const CHURN_QUEUE = 'churn-suggestions';
/**
 * hourly: closed complaints whose quiet days have passed without attendance become suggested churn
 * cases (docs/rules.md#r-churn-3-suggestions-from-evidence), judged at their deadline
 */
export const CHURN_CRON = '50 * * * *';

export const MEASURE_QUEUE = 'measure-checks';
/**
 * hourly: improvement measures past their deadline are marked overdue and escalated, and their
 * incentive items proposed (docs/rules.md#r-meas-2-overdue-and-escalation)
 */
export const MEASURE_CRON = '55 * * * *';

export type JobQueue =
  | typeof ESCALATION_QUEUE
  | typeof MONTH_CLOSE_QUEUE
  | typeof REMEDIATION_QUEUE
  | typeof CADENCE_QUEUE
  | typeof SURVEY_QUEUE
  | typeof CHURN_QUEUE
  | typeof MEASURE_QUEUE;

export interface JobSchedule {
  /** in UTC */
  cron: string;
  /**
   * The cron's period: one job per slot of this many seconds since the epoch, so the cron's
   * instants must fall one per slot (every 5 minutes: 300; hourly at :20: 3600).
   */
  everySeconds: number;
}

export const SCHEDULES: Record<JobQueue, JobSchedule> = {
  [ESCALATION_QUEUE]: { cron: ESCALATION_CRON, everySeconds: 300 },
  [MONTH_CLOSE_QUEUE]: { cron: MONTH_CLOSE_CRON, everySeconds: 3600 },
  [REMEDIATION_QUEUE]: { cron: REMEDIATION_CRON, everySeconds: 3600 },
  [CADENCE_QUEUE]: { cron: CADENCE_CRON, everySeconds: 3600 },
  [SURVEY_QUEUE]: { cron: SURVEY_CRON, everySeconds: 900 },
  [CHURN_QUEUE]: { cron: CHURN_CRON, everySeconds: 3600 },
  [MEASURE_QUEUE]: { cron: MEASURE_CRON, everySeconds: 3600 },
};

/** What each job does, at the instant its run read from the app's clock. */
const WORK: Record<JobQueue, (app: JobHost, prisma: PrismaClient, now: Date) => Promise<void>> = {
  [ESCALATION_QUEUE]: async (app, prisma, now) => {
    const done = await runEscalations(prisma, now);
    if (done.level1 || done.level2) app.log.info(done, 'tickets escalated');
  },
  [MONTH_CLOSE_QUEUE]: async (app, prisma, now) => {
    const closed = await closeEndedMonths(prisma, now);
    if (closed.length) app.log.info({ closed }, 'months closed');
  },
  [REMEDIATION_QUEUE]: async (app, prisma, now) => {
    const done = await runRemediationChecks(prisma, now);
    if (done.checked) app.log.info(done, 'remediation windows re-checked');
  },
  [CADENCE_QUEUE]: async (app, prisma, now) => {
    for (const r of await runCadence(prisma, now))
      if (r.tasks || r.suppressed || r.withdrawn) app.log.info(r, 'cadence rules made their visits');
    for (const n of await sendWeekAheadNotices(prisma, app.messenger, now))
      if (n.sent) app.log.info(n, 'week-ahead notices sent');
  },
  [SURVEY_QUEUE]: async (app, prisma, now) => {
    const done = await runSurveyLinks(prisma, app.messenger, signingSecret(app.config), now);
    if (done.reminded || done.handedBack) app.log.info(done, 'survey links reminded or handed back');
  },
  [CHURN_QUEUE]: async (app, prisma, now) => {
    const done = await runChurnSuggestions(prisma, now);
    if (done.suggested) app.log.info(done, 'churn cases suggested');
  },
  [MEASURE_QUEUE]: async (app, prisma, now) => {
    const done = await runMeasureChecks(prisma, now);
    if (done.overdue || done.level1 || done.level2 || done.awards)
      app.log.info(done, 'improvement measures checked');
  },
};

type JobHost = Pick<FastifyInstance, 'log' | 'clock' | 'messenger' | 'config'>;

export interface JobOptions {
  /** other schedules (tests run them every minute) */
  schedules?: Partial<Record<JobQueue, JobSchedule>>;
  /** how often each process looks whether a schedule is due (pg-boss's default: 30 s) */
  cronMonitorIntervalSeconds?: number;
}

/**
 * Starts the job worker on the app's database; the caller stops it (`boss.stop()`) on shutdown.
 * Each run reads the app's clock once and hands that instant to the work (docs/api.md#time).
 */
export async function startJobs(
  app: JobHost,
  prisma: PrismaClient,
  connectionString: string,
  options: JobOptions = {},
): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString,
    schema: 'pgboss',
    max: 2,
    ...(options.cronMonitorIntervalSeconds
      ? { cronMonitorIntervalSeconds: options.cronMonitorIntervalSeconds }
      : {}),
  });
  boss.on('error', (error) => app.log.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const queue of Object.keys(WORK) as JobQueue[]) {
    const { cron, everySeconds } = options.schedules?.[queue] ?? SCHEDULES[queue];
    await boss.createQueue(queue, { name: queue, policy: 'singleton' });
    // Every process upserts the same schedule row; the options go onto each job it sends.
    await boss.schedule(queue, cron, {}, { singletonKey: queue, singletonSeconds: everySeconds });
    await boss.work(queue, async () => WORK[queue](app, prisma, app.clock()));
  }
  return boss;
}
