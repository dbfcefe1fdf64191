// The common case of logging a visit, written in one statement: an attempt that leaves nothing
// behind but the record, the task's new state and the audit row (NO_ANSWER, WRONG_NUMBER,
// CALL_BACK_LATER without a ticket or an event) — most of a caller's submissions.
//
// One read gathers what the rules need (the task, its customer's pause, the day of each earlier
// unsuccessful attempt, an earlier record with the same Idempotency-Key); the rules run in
// packages/domain as for any record (checkRecord, nextTaskState); then one statement updates the
// task only if it is still the version that was read, by the same assignee, with its customer not
// paused (share-locked, as the general path locks it), and inserts the record and the audit row
// from that update's result. Every record of a task bumps its version, so an unchanged version
// means unchanged earlier attempts too. The statement is atomic: it writes all or nothing. When
// anything is not as read — another submission got there first, the task is closed, someone
// else's, paused, or the key was used — nothing is written and the caller takes the general path
// (create.ts), which locks the task and gives every answer (replay, 403, 409, 422) as before.
//
// Two round trips instead of the general path's eleven, none of them through the ORM: the
// callers' write under load (docs/performance.md#mixed-load).
import type { TVisitCreate, TVisitCreated } from '@huifang/contracts';
import { dayIn, isTaskOpen, nextTaskState, TaskStateError } from '@huifang/domain';
import { v7 as uuidv7 } from 'uuid';
import { Prisma } from '../../db/generated/client.ts';
import type { TaskStatus } from '../../db/generated/enums.ts';
import { hotQuery, type PrismaClient } from '../../db/prisma.ts';
import { unsuccessfulOutcome } from '../../db/rule-sql.ts';
import type { Actor } from '../../lib/actor.ts';
import { checkRecord, submittedRecord } from './create.ts';
import { iso, toVisitRecord, type VisitRow } from './mappers.ts';

/** Outcomes this path writes: attempts that touch only the task (no consent, customer, ticket). */
const ATTEMPT_OUTCOMES: ReadonlySet<TVisitCreate['outcome']> = new Set([
  'NO_ANSWER',
  'WRONG_NUMBER',
  'CALL_BACK_LATER',
]);

export const isPlainAttempt = (body: TVisitCreate) =>
  ATTEMPT_OUTCOMES.has(body.outcome) && !body.ticket && !body.event;

interface TaskRead {
  status: TaskStatus;
  attempts: number;
  assigneeId: string;
  customerId: string;
  questionnaireId: string | null;
  createdAt: Date;
  version: number;
  paused: boolean;
  keyUsed: boolean;
  unsuccessfulAt: Date[];
}

/** pg's codes for a unique violation and a deadlock: both mean "not as read", take the general path */
const RETRY_ON_GENERAL_PATH = new Set(['23505', '40P01']);

/**
 * Logs a plain attempt in one statement, or answers null (nothing written) when the general path
 * must decide. Rule violations in the record itself (422) are thrown as on the general path.
 */
export async function logPlainAttempt(
  prisma: PrismaClient,
  actor: Actor,
  taskId: string,
  body: TVisitCreate,
  idempotencyKey: string | undefined,
): Promise<TVisitCreated | null> {
  const user = actor.user;
  const [task] = await hotQuery<TaskRead>(
    prisma,
    Prisma.sql`
    SELECT t.status::text AS status, t.attempts, t."assigneeId"::text AS "assigneeId",
           t."customerId"::text AS "customerId", t."questionnaireId"::text AS "questionnaireId",
           t."createdAt", t.version, c."visitsPausedAt" IS NOT NULL AS paused,
           EXISTS (SELECT 1 FROM "VisitRecord" k
                    WHERE k."taskId" = t.id AND k."idempotencyKey" = ${idempotencyKey ?? null}::text) AS "keyUsed",
           ARRAY(SELECT v."createdAt" FROM "VisitRecord" v
                  WHERE v."taskId" = t.id AND ${unsuccessfulOutcome('v.outcome')}) AS "unsuccessfulAt"
      FROM "Task" t JOIN "Customer" c ON c.id = t."customerId"
     WHERE t.id = ${taskId}::uuid AND t."organizationId" = ${user.organizationId}::uuid`,
  );
  if (!task || task.assigneeId !== user.id || task.keyUsed || task.paused || !isTaskOpen(task.status))
    return null;

  const now = actor.now;
  const checked = await checkRecord(prisma, user.organizationId, task, body, now);
  let next: ReturnType<typeof nextTaskState>;
  try {
    next = nextTaskState(
      {
        status: task.status,
        attempts: task.attempts,
        unsuccessfulDays: task.unsuccessfulAt.map((at) => dayIn(at, user.timezone)),
      },
      { outcome: body.outcome, day: dayIn(now, user.timezone), callBackAt: checked.callBackAt },
    );
  } catch (e) {
    if (e instanceof TaskStateError) return null;
    throw e;
  }

  const { values, original } = submittedRecord(body, checked);
  const before = { taskId, status: task.status, attempts: task.attempts };
  const after = { taskId, outcome: body.outcome, status: next.status, attempts: next.attempts };
  type Written = VisitRow & {
    taskRowId: string;
    taskStatus: TaskStatus;
    taskAttempts: number;
    taskCallBackAt: Date | null;
    taskVersion: number;
  };
  let written: Written | undefined;
  try {
    [written] = await hotQuery<Written>(
      prisma,
      Prisma.sql`
      WITH task AS (
        UPDATE "Task" t
           SET status = ${next.status}::"TaskStatus", attempts = ${next.attempts}::int,
               "callBackAt" = ${next.callBackAt}::timestamptz,
               "lastAttemptAt" = GREATEST(t."lastAttemptAt", ${checked.startedAt}::timestamptz),
               "doneAt" = ${next.closes ? now : null}::timestamptz,
               version = t.version + 1, "updatedAt" = ${now}::timestamptz
         WHERE t.id = ${taskId}::uuid AND t.version = ${task.version}::int AND t."assigneeId" = ${user.id}::uuid
           AND EXISTS (SELECT 1 FROM "Customer" c
                        WHERE c.id = t."customerId" AND c."visitsPausedAt" IS NULL FOR SHARE)
        RETURNING t.id, t."customerId", t.status, t.attempts, t."callBackAt", t.version),
      record AS (
        INSERT INTO "VisitRecord" (id, "organizationId", "taskId", "callerId", "customerId", "startedAt",
               "durationSec", channel, outcome, opinions, suggestions, "recordingRef", "callBackAt",
               signature, "idempotencyKey", "createdAt", original)
        SELECT ${uuidv7()}::uuid, ${user.organizationId}::uuid, task.id, ${user.id}::uuid, task."customerId",
               ${values.startedAt}::timestamptz, ${values.durationSec}::int, ${values.channel}::"Channel",
               ${values.outcome}::"VisitOutcome", ${values.opinions}::text, ${values.suggestions}::text,
               ${values.recordingRef}::text, ${values.callBackAt}::timestamptz, ${body.signature ?? null}::text,
               ${idempotencyKey ?? null}::text, ${now}::timestamptz, ${JSON.stringify(original)}::jsonb
          FROM task
        RETURNING *),
      logged AS (
        INSERT INTO "AuditLog" ("organizationId", "actorId", action, entity, "entityId", before, after, ip, "createdAt")
        SELECT record."organizationId", record."callerId", 'VISIT_CREATED', 'VisitRecord', record.id::text,
               ${JSON.stringify(before)}::jsonb, ${JSON.stringify(after)}::jsonb, ${actor.ip}::text, ${now}::timestamptz
          FROM record)
      SELECT record.id::text AS id, record."taskId"::text AS "taskId", record."customerId"::text AS "customerId",
             record."callerId"::text AS "callerId", record."startedAt", record."durationSec",
             record.channel::text AS channel, record.outcome::text AS outcome, record.satisfaction,
             record."questionnaireId"::text AS "questionnaireId", record."questionnaireVersion", record.answers,
             record.opinions, record.suggestions, record."recordingRef", record.signature, record."callBackAt",
             record."amendmentCount", record."signOffStatus", record."signOffComment", record.version,
             record."createdAt", task.id::text AS "taskRowId", task.status::text AS "taskStatus", task.attempts AS "taskAttempts",
             task."callBackAt" AS "taskCallBackAt", task.version AS "taskVersion"
        FROM record, task`,
      { prepare: true },
    );
  } catch (e) {
    if (RETRY_ON_GENERAL_PATH.has((e as { code?: string }).code ?? '')) return null;
    throw e;
  }
  if (!written) return null;
  // the caller is the one signed in: their name came with the session
  const names = new Map([[user.id, user.name]]);
  return {
    visit: toVisitRecord(written, names, [], []),
    task: {
      id: written.taskRowId,
      status: written.taskStatus,
      attempts: written.taskAttempts,
      callBackAt: iso(written.taskCallBackAt),
      version: written.taskVersion,
    },
  };
}
