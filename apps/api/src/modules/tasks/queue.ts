// The caller's queues as SQL, in the organisation's timezone. The open-task predicate is
// written literally so the planner can use the partial index Task_open_queue_idx
// ("assigneeId", "dueDate") WHERE status IN ('PENDING', 'IN_PROGRESS').
import type { TTaskBucket } from '@huifang/contracts';
import { PREFERRED_WINDOW_RANKS as RANK } from '@huifang/domain';
import { Prisma } from '../../db/generated/client.ts';
import { customerNotPaused, finishedTask, openTask } from '../../db/rule-sql.ts';

const { sql } = Prisma;

/** An open task of a customer whose visits are not paused by an abuse flag (docs/rules.md#r-disc-2-customer-abuse-reports). */
export const OPEN = Prisma.sql`${openTask()} AND ${customerNotPaused()}`;
export const FINISHED = finishedTask();

/** "now" and "today" of one request, so every count of a page agrees. */
export interface Clock {
  /** YYYY-MM-DD in the organisation's timezone */
  today: string;
  /** HH:mm in the organisation's timezone */
  time: string;
  now: Date;
}

const todayParam = (c: Clock) => sql`${c.today}::date`;
const nowParam = (c: Clock) => sql`${c.now.toISOString()}::timestamptz`;

/** Open, its window has begun and no call-back time is still ahead: what can be worked now. */
export const actionable = (c: Clock) =>
  sql`${OPEN} AND t."windowFrom" <= ${todayParam(c)} AND (t."callBackAt" IS NULL OR t."callBackAt" <= ${nowParam(c)})`;

export function bucketWhere(bucket: TTaskBucket, c: Clock): Prisma.Sql {
  switch (bucket) {
    case 'today':
      return sql`${actionable(c)} AND t."dueDate" >= ${todayParam(c)}`;
    case 'overdue':
      return sql`${OPEN} AND t."dueDate" < ${todayParam(c)}`;
    case 'callback':
      return sql`${OPEN} AND t."callBackAt" IS NOT NULL`;
    case 'upcoming':
      return sql`${OPEN} AND t."windowFrom" > ${todayParam(c)}`;
    case 'done':
      return FINISHED;
  }
}

/** The workbench tiles in one statement. */
export function summarySql(where: Prisma.Sql, c: Clock, month: { first: string; last: string }): Prisma.Sql {
  const inMonth = sql`t."dueDate" BETWEEN ${month.first}::date AND ${month.last}::date`;
  return sql`
    SELECT
      count(*) FILTER (WHERE ${bucketWhere('today', c)})::int AS today,
      count(*) FILTER (WHERE ${bucketWhere('overdue', c)})::int AS overdue,
      count(*) FILTER (WHERE ${bucketWhere('callback', c)})::int AS callback,
      count(*) FILTER (WHERE ${bucketWhere('upcoming', c)})::int AS upcoming,
      count(*) FILTER (WHERE ${inMonth} AND ${FINISHED})::int AS "doneThisMonth",
      count(*) FILTER (WHERE ${inMonth} AND t.status <> 'CANCELLED')::int AS "assignedThisMonth"
    FROM "Task" t
    WHERE ${where} AND (${openTask()} OR ${inMonth})`;
}

/**
 * The customer's preferred time window at the request's time, as `preferredWindowRank`
 * (packages/domain/src/contact-policy.ts) ranks it: now, none given, later today, passed. Needs the
 * customer as `c`.
 */
export const preferredRank = (c: Clock) => sql`(CASE
    WHEN c."preferredTimeFrom" IS NULL OR c."preferredTimeTo" IS NULL THEN ${RANK.NONE}::int
    WHEN ${c.time} < c."preferredTimeFrom" THEN ${RANK.LATER}::int
    WHEN ${c.time} < c."preferredTimeTo" THEN ${RANK.NOW}::int
    ELSE ${RANK.PASSED}::int END)`;

/**
 * The most urgent task that can be worked now (开始回访): call-backs that have come due first, by
 * their agreed time; then by due date, so the oldest overdue before today's (docs/rules.md R-TASK-3);
 * on a due date, the customers whose preferred time is now first (docs/rules.md#r-cad-6-contact-policy).
 * Needs the customer as `c`.
 */
export const mostUrgentFirst = (c: Clock) =>
  sql`(t."callBackAt" IS NULL), t."callBackAt", t."dueDate", ${preferredRank(c)}, c."preferredTimeFrom" NULLS LAST, t.id`;
