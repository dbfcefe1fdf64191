// The domain's status and finding sets (packages/domain) as SQL, so a rule written once reads
// the same in TypeScript and in every statement. The values are the code's own enum constants,
// written as literals rather than parameters: the planner then matches partial indexes declared
// with the same lists (e.g. Task_open_queue_idx … WHERE status IN ('PENDING', 'IN_PROGRESS')).
import {
  ABUSE_PROTECTION_DAYS,
  CONTENT_FAULT_FINDINGS,
  FINISHED_TASK_STATUSES,
  OPEN_INSPECTION_STATUSES,
  OPEN_TASK_STATUSES,
  RECORD_CORRECTION_FINDING,
  UNSUCCESSFUL_OUTCOMES,
} from '@huifang/domain';
import { Prisma } from './generated/client.ts';

/** `('A', 'B')` from enum values; anything but an upper-case identifier is refused. */
export function literalList(values: readonly string[]): string {
  if (values.length === 0) throw new Error('literalList needs at least one value');
  for (const v of values) if (!/^[A-Z][A-Z_]*$/.test(v)) throw new Error(`not an enum value: ${v}`);
  return `(${values.map((v) => `'${v}'`).join(', ')})`;
}

/** `ARRAY['A', 'B']::text[]` for array operators (`&&`, `@>`). */
export function literalArray(values: readonly string[]): string {
  return `ARRAY[${literalList(values).slice(1, -1)}]::text[]`;
}

/** Text of the predicates, for statements kept as text (kpi-counts.ts) */
export const SQL_OPEN_TASK = literalList(OPEN_TASK_STATUSES);
export const SQL_FINISHED_TASK = literalList(FINISHED_TASK_STATUSES);
export const SQL_OPEN_INSPECTION = literalList(OPEN_INSPECTION_STATUSES);
export const SQL_CONTENT_FAULTS = literalArray(CONTENT_FAULT_FINDINGS);
export const SQL_RECORD_CORRECTION = literalArray([RECORD_CORRECTION_FINDING]);

/**
 * A task that counts toward its assignee's completion (packages/domain `countsForAssignee`,
 * docs/rules.md#r-kpi-13-what-counts-toward-completion-and-satisfaction): not one finished by an online
 * answer to a survey link somebody else sent. `task` is the task table's name or alias.
 */
export const sqlCreditedTask = (task = 't') =>
  `NOT EXISTS (SELECT 1 FROM "SurveyLink" sl WHERE sl."taskId" = ${task}.id AND sl."answeredAt" IS NOT NULL
     AND sl."sentById" <> ${task}."assigneeId")`;

/** `sqlCreditedTask` for tagged-template statements. */
export const creditedTask = (task = 't') => Prisma.raw(sqlCreditedTask(task));

/** `<column> IN ('PENDING', 'IN_PROGRESS')` for tagged-template statements. */
export const openTask = (column = 't.status') => Prisma.raw(`${column} IN ${SQL_OPEN_TASK}`);
export const finishedTask = (column = 't.status') => Prisma.raw(`${column} IN ${SQL_FINISHED_TASK}`);
/** An unsuccessful attempt (NO_ANSWER, WRONG_NUMBER): it counts toward UNREACHABLE (R-TASK-2). */
export const unsuccessfulOutcome = (column = 'v.outcome') =>
  Prisma.raw(`${column} IN ${literalList(UNSUCCESSFUL_OUTCOMES)}`);
export const openInspection = (column = 'i.status') => Prisma.raw(`${column} IN ${SQL_OPEN_INSPECTION}`);

/**
 * Not protected by a confirmed customer-abuse report (packages/domain `protectedByReport`,
 * docs/rules.md#r-disc-2-customer-abuse-reports): a visit record (`kind` RECORD: its caller, customer
 * and start) or a conduct complaint (`kind` COMPLAINT: its subject, customer and creation) of the
 * reporter with that customer, from ABUSE_PROTECTION_DAYS before the report on (a record up to the
 * report itself). The arguments are column expressions.
 */
export function sqlNotProtected(
  kind: 'RECORD' | 'COMPLAINT',
  userCol: string,
  customerCol: string,
  atCol: string,
) {
  const days = Number(ABUSE_PROTECTION_DAYS);
  const upTo = kind === 'RECORD' ? ` AND ${atCol} <= ar."createdAt"` : '';
  return `NOT EXISTS (SELECT 1 FROM "CustomerAbuseReport" ar WHERE ar.status = 'CONFIRMED'
     AND ar."reporterId" = ${userCol} AND ar."customerId" = ${customerCol}
     AND ${atCol} >= ar."createdAt" - interval '${days} days'${upTo})`;
}

/** The task's customer is not paused by an abuse flag (R-DISC-2): queues leave such tasks out. */
export const customerNotPaused = (task = 't') =>
  Prisma.raw(
    `NOT EXISTS (SELECT 1 FROM "Customer" pc WHERE pc.id = ${task}."customerId" AND pc."visitsPausedAt" IS NOT NULL)`,
  );
