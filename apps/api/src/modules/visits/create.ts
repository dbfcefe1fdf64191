// Logging a visit attempt on a task (POST /tasks/:id/visits): the record, the task's new state
// and the customer's consent in one transaction, with the task row locked so two submissions
// cannot both pass, and an Idempotency-Key so a retried submission never makes two records.
//
// The client's clock is not trusted for the rules: `startedAt` (what the caller says) must lie
// between the task's creation and now, and at most 48 hours back; the day an attempt counts on
// for "≥ 2 different days" is the day the server received it (the record's createdAt), and a
// task's doneAt is the server's time.
import { can, type TStoredAnswer, type TVisitCreate, type TVisitCreated } from '@huifang/contracts';
import {
  dayIn,
  dayToDate,
  isEventDayAllowed,
  isTaskOpen,
  nextTaskState,
  satisfactionAnswers,
  TaskStateError,
  ticketOffer,
  UNSUCCESSFUL_OUTCOMES,
  validateAnswers,
} from '@huifang/domain';
import { Prisma } from '../../db/generated/client.ts';
import type { TaskStatus } from '../../db/generated/enums.ts';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import { openTask } from '../../db/rule-sql.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, notFound, ruleViolation } from '../../lib/errors.ts';
import { insertTicket, ticketRoute } from '../tickets/service.ts';
import { isPlainAttempt, logPlainAttempt } from './attempt.ts';
import { iso, questionsOf, ticketsOfVisits, toVisitRecord, userNames } from './mappers.ts';

/** Tolerated clock difference between browser and server for "not in the future". */
const CLOCK_SKEW_MS = 60_000;
/** How far back a caller may date an attempt (logging a call made yesterday evening, say). */
export const MAX_BACKDATE_HOURS = 48;

const violation = (field: string, message: string) => ruleViolation(message, { field });

interface Checked {
  startedAt: Date;
  callBackAt: Date | null;
  satisfaction: number | null;
  answers: TStoredAnswer[];
  questionnaireId: string | null;
  questionnaireVersion: number | null;
}

/** The rules of a record that do not depend on the task's current state (422s). */
export async function checkRecord(
  db: Tx,
  organizationId: string,
  task: { questionnaireId: string | null; createdAt: Date },
  body: TVisitCreate,
  now: Date,
): Promise<Checked> {
  const startedAt = body.startedAt ? new Date(body.startedAt) : now;
  if (startedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    throw violation('startedAt', 'the start time cannot be in the future');
  }
  if (startedAt.getTime() < now.getTime() - MAX_BACKDATE_HOURS * 3600_000) {
    throw violation(
      'startedAt',
      `the start time cannot be more than ${MAX_BACKDATE_HOURS} hours before the record is submitted`,
    );
  }
  if (startedAt.getTime() < task.createdAt.getTime()) {
    throw violation(
      'startedAt',
      `the start time cannot be earlier than the task was created (${task.createdAt.toISOString()})`,
    );
  }
  const completed = body.outcome === 'COMPLETED';
  const hasAnswers = (body.answers?.length ?? 0) > 0;
  const hasSatisfaction = body.satisfaction !== undefined && body.satisfaction !== null;
  if (!completed && hasSatisfaction) {
    throw violation('satisfaction', 'a satisfaction score belongs to a completed visit only');
  }
  if (!completed && hasAnswers) {
    throw violation('answers', 'questionnaire answers belong to a completed visit only');
  }
  if (body.outcome !== 'CALL_BACK_LATER' && body.callBackAt) {
    throw violation('callBackAt', 'a call-back time belongs to a "call back later" outcome only');
  }

  let callBackAt: Date | null = null;
  if (body.outcome === 'CALL_BACK_LATER') {
    if (!body.callBackAt) throw violation('callBackAt', 'a call-back needs the agreed time');
    callBackAt = new Date(body.callBackAt);
    if (callBackAt.getTime() <= now.getTime()) {
      throw violation('callBackAt', 'the call-back time must be in the future');
    }
  }

  let answers: TStoredAnswer[] = [];
  let questionnaireId: string | null = null;
  let questionnaireVersion: number | null = null;
  if (completed) {
    const s = body.satisfaction;
    if (s === undefined || s === null)
      throw violation('satisfaction', 'a completed visit needs a satisfaction score');
    if (!Number.isInteger(s) || s < 1 || s > 5) {
      throw violation('satisfaction', 'satisfaction is a whole number from 1 to 5');
    }
    if (body.channel === 'FACE_TO_FACE' && !body.signature) {
      throw violation('signature', "a completed face-to-face visit needs the customer's signature");
    }
    if (task.questionnaireId) {
      const q = await db.questionnaire.findFirst({
        where: { id: task.questionnaireId, organizationId },
        select: { id: true, version: true, questions: true },
      });
      if (q) {
        const result = validateAnswers(questionsOf(q.questions), body.answers ?? []);
        if (!result.ok) {
          throw ruleViolation('Some answers do not fit the questionnaire', result.errors);
        }
        answers = result.stored;
        questionnaireId = q.id;
        questionnaireVersion = q.version;
      }
    }
    if (!questionnaireId && hasAnswers) {
      throw violation('answers', 'this task has no questionnaire to answer');
    }
  }
  return {
    startedAt,
    callBackAt,
    satisfaction: completed ? (body.satisfaction ?? null) : null,
    answers,
    questionnaireId,
    questionnaireVersion,
  };
}

const blankToNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

/**
 * A record's values as submitted, and the `original` kept of them (the signature is never amended,
 * so only whether there was one): one shape for the general path and the plain attempt (attempt.ts).
 */
export function submittedRecord(body: TVisitCreate, checked: Checked) {
  const values = {
    channel: body.channel,
    outcome: body.outcome,
    startedAt: checked.startedAt,
    durationSec: body.durationSec ?? null,
    satisfaction: checked.satisfaction,
    answers: checked.answers,
    opinions: blankToNull(body.opinions),
    suggestions: blankToNull(body.suggestions),
    recordingRef: blankToNull(body.recordingRef),
    callBackAt: checked.callBackAt,
  };
  const original = JSON.parse(
    JSON.stringify({
      ...values,
      questionnaireVersion: checked.questionnaireVersion,
      hasSignature: !!body.signature,
    }),
  ) as Prisma.InputJsonObject;
  return { values, original };
}

/**
 * A customer who refuses visits keeps no open task: their other open tasks (normally none, at
 * most one open task per customer) are cancelled in the same transaction, each audited.
 */
async function cancelOpenTasksOf(
  tx: Tx,
  actor: Actor,
  customerId: string,
  exceptTaskId: string,
  visitId: string,
): Promise<void> {
  const user = actor.user;
  const cancelled = await tx.$queryRaw<
    Array<{ id: string; status: TaskStatus; assigneeId: string; version: number }>
  >`
    WITH open AS (
      SELECT id, status FROM "Task"
       WHERE "organizationId" = ${user.organizationId}::uuid AND "customerId" = ${customerId}::uuid
         AND id <> ${exceptTaskId}::uuid AND ${openTask('status')}
       ORDER BY id
       FOR UPDATE)
    UPDATE "Task" t
       SET status = 'CANCELLED', "callBackAt" = NULL, version = t.version + 1, "updatedAt" = ${actor.now}::timestamptz
      FROM open
     WHERE t.id = open.id
    RETURNING t.id::text AS id, open.status::text AS status, t."assigneeId"::text AS "assigneeId", t.version`;
  if (!cancelled.length) return;
  await tx.auditLog.createMany({
    data: cancelled.map((c) => ({
      organizationId: user.organizationId,
      actorId: user.id,
      action: 'TASK_CANCELLED',
      entity: 'Task',
      entityId: c.id,
      before: { status: c.status, version: c.version - 1 },
      after: { status: 'CANCELLED', version: c.version, reason: 'CUSTOMER_REFUSED', customerId, visitId },
      ip: actor.ip,
    })),
  });
}

async function existingByKey(db: Tx, taskId: string, key: string) {
  return db.visitRecord.findUnique({ where: { taskId_idempotencyKey: { taskId, idempotencyKey: key } } });
}

async function replay(db: Tx, record: NonNullable<Awaited<ReturnType<typeof existingByKey>>>) {
  const task = await db.task.findUniqueOrThrow({
    where: { id: record.taskId },
    select: { id: true, status: true, attempts: true, callBackAt: true, version: true },
  });
  const names = await userNames(db, [record.callerId]);
  const tickets = await ticketsOfVisits(db, record.organizationId, [record.id]);
  return {
    visit: toVisitRecord(record, names, [], tickets.get(record.id)),
    task: { ...task, callBackAt: iso(task.callBackAt) },
  };
}

export async function createVisit(
  prisma: PrismaClient,
  actor: Actor,
  taskId: string,
  body: TVisitCreate,
  idempotencyKey: string | undefined,
): Promise<{ created: boolean; result: TVisitCreated }> {
  // most submissions are plain attempts: one read and one statement (attempt.ts)
  if (isPlainAttempt(body)) {
    const logged = await logPlainAttempt(prisma, actor, taskId, body, idempotencyKey);
    if (logged) return { created: true, result: logged };
  }
  const user = actor.user;
  const task = await prisma.task.findFirst({
    where: { id: taskId, organizationId: user.organizationId },
    select: { id: true, assigneeId: true, status: true, questionnaireId: true, createdAt: true },
  });
  if (!task) throw notFound('Task');
  if (task.assigneeId !== user.id) throw forbidden('Only the task’s assignee can log a visit on it');

  if (idempotencyKey) {
    const existing = await existingByKey(prisma, taskId, idempotencyKey);
    if (existing) return { created: false, result: await replay(prisma, existing) };
  }
  if (!isTaskOpen(task.status)) throw conflict('task is closed', { status: task.status });

  const now = actor.now;
  const checked = await checkRecord(prisma, user.organizationId, task, body, now);
  // R-EVT-1: what the customer told of in a completed visit becomes their event
  if (body.event) {
    if (body.outcome !== 'COMPLETED')
      throw violation('event', 'an event the customer told of belongs to a completed visit only');
    if (!isEventDayAllowed(body.event.day, dayIn(now, user.timezone)))
      throw violation('event', 'the event cannot be later than today');
  }
  const ticket = body.ticket ?? null;
  let route: Awaited<ReturnType<typeof ticketRoute>> | null = null;
  if (ticket) {
    // R-VISIT-5: the problem the customer raised, as a ticket saved with the record.
    if (!can(user.role, 'ticket:create')) throw forbidden('You cannot raise tickets');
    const ratings = [checked.satisfaction, ...satisfactionAnswers(checked.answers)];
    if (ticketOffer(body.outcome, ratings) === 'NONE') {
      throw violation('ticket', 'nobody was reached, so no customer raised a problem to ticket');
    }
    route = await ticketRoute(prisma, user.organizationId, ticket.category);
  }

  try {
    return await prisma.$transaction(async (tx) => {
      // The task locked for the write, and its customer shared-locked: visits to a customer flagged
      // for abusing staff are paused until a manager lifts the flag
      // (docs/rules.md#r-disc-2-customer-abuse-reports); the share lock waits for a flag being set.
      const locked = await tx.$queryRaw<
        Array<{
          status: TaskStatus;
          attempts: number;
          assigneeId: string;
          customerId: string;
          lastAttemptAt: Date | null;
          paused: boolean;
        }>
      >`SELECT t.status::text AS status, t.attempts, t."assigneeId"::text AS "assigneeId",
               t."customerId"::text AS "customerId", t."lastAttemptAt", c."visitsPausedAt" IS NOT NULL AS paused
          FROM "Task" t JOIN "Customer" c ON c.id = t."customerId"
         WHERE t.id = ${taskId}::uuid FOR UPDATE OF t FOR SHARE OF c`;
      const current = locked[0];
      if (!current) throw notFound('Task');
      // A submission with the same key that got the lock first has made the record already.
      if (idempotencyKey) {
        const existing = await existingByKey(tx, taskId, idempotencyKey);
        if (existing) return { created: false, result: await replay(tx, existing) };
      }
      if (current.assigneeId !== user.id) throw forbidden('Only the task’s assignee can log a visit on it');
      if (current.paused) {
        throw ruleViolation(
          'Visits to this customer are paused: a report of abuse against staff was confirmed',
          {
            reason: 'VISITS_PAUSED',
          },
        );
      }

      // Each unsuccessful attempt counts on the day the server received it, not the day claimed.
      const previousUnsuccessful = await tx.visitRecord.findMany({
        where: { taskId, outcome: { in: [...UNSUCCESSFUL_OUTCOMES] } },
        select: { createdAt: true },
      });
      let next: ReturnType<typeof nextTaskState>;
      try {
        next = nextTaskState(
          {
            status: current.status,
            attempts: current.attempts,
            unsuccessfulDays: previousUnsuccessful.map((r) => dayIn(r.createdAt, user.timezone)),
          },
          {
            outcome: body.outcome,
            day: dayIn(now, user.timezone),
            callBackAt: checked.callBackAt,
          },
        );
      } catch (e) {
        if (e instanceof TaskStateError && e.code === 'TASK_CLOSED') {
          throw conflict('task is closed', { status: current.status });
        }
        if (e instanceof TaskStateError) throw violation('callBackAt', e.message);
        throw e;
      }

      const { values, original } = submittedRecord(body, checked);
      const record = await tx.visitRecord.create({
        data: {
          organizationId: user.organizationId,
          taskId,
          callerId: user.id,
          customerId: current.customerId,
          ...values,
          questionnaireId: checked.questionnaireId,
          questionnaireVersion: checked.questionnaireVersion,
          signature: body.signature ?? null,
          idempotencyKey: idempotencyKey ?? null,
          // the server's receipt time: the day this attempt counts on
          createdAt: now,
          original,
        },
      });

      const lastAttemptAt =
        current.lastAttemptAt && current.lastAttemptAt > checked.startedAt
          ? current.lastAttemptAt
          : checked.startedAt;
      const updated = await tx.task.update({
        where: { id: taskId },
        data: {
          status: next.status,
          attempts: next.attempts,
          callBackAt: next.callBackAt,
          lastAttemptAt,
          doneAt: next.closes ? now : null,
          version: { increment: 1 },
        },
        select: { id: true, status: true, attempts: true, callBackAt: true, version: true, customerId: true },
      });

      if (next.consentRefused || body.outcome === 'COMPLETED') {
        const customer = await tx.customer.findUniqueOrThrow({
          where: { id: updated.customerId },
          select: { refusesVisits: true, refusedAt: true, consentNote: true, lastVisitAt: true },
        });
        if (next.consentRefused) {
          const consentNote = blankToNull(body.opinions) ?? '回访时客户拒绝回访';
          await tx.customer.update({
            where: { id: updated.customerId },
            data: {
              refusesVisits: true,
              refusedAt: now,
              consentNote,
              version: { increment: 1 },
            },
          });
          await audit(tx, actor, {
            action: 'CONSENT_CHANGED',
            entity: 'Customer',
            entityId: updated.customerId,
            before: { refusesVisits: customer.refusesVisits, consentNote: customer.consentNote },
            after: { refusesVisits: true, consentNote, visitId: record.id },
          });
          await cancelOpenTasksOf(tx, actor, updated.customerId, taskId, record.id);
        }
        if (
          body.outcome === 'COMPLETED' &&
          (!customer.lastVisitAt || customer.lastVisitAt < checked.startedAt)
        ) {
          await tx.customer.update({
            where: { id: updated.customerId },
            data: { lastVisitAt: checked.startedAt },
          });
        }
      }

      const reported = body.event
        ? await tx.customerEvent.create({
            data: {
              organizationId: user.organizationId,
              customerId: current.customerId,
              kind: body.event.kind,
              day: dayToDate(body.event.day),
              source: 'VISIT',
              // the record it was told in: one event per record
              externalId: record.id,
              createdById: user.id,
              createdAt: now,
            },
            select: { id: true },
          })
        : null;

      const raised =
        ticket && route
          ? await insertTicket(tx, actor, {
              sourceVisitId: record.id,
              sourceInspectionId: null,
              customerId: current.customerId,
              callerId: user.id,
              subjectUserId: ticket.category === 'CALLER_CONDUCT' ? user.id : null,
              category: ticket.category,
              severity: ticket.severity,
              title: ticket.title,
              description: ticket.description,
              route,
            })
          : null;

      await audit(tx, actor, {
        action: 'VISIT_CREATED',
        entity: 'VisitRecord',
        entityId: record.id,
        before: { taskId, status: current.status, attempts: current.attempts },
        after: {
          taskId,
          outcome: body.outcome,
          status: next.status,
          attempts: next.attempts,
          ...(raised ? { ticketId: raised.id } : {}),
          ...(reported ? { eventId: reported.id } : {}),
        },
      });

      // the caller is the one signed in: their name came with the session
      const names = new Map([[user.id, user.name]]);
      return {
        created: true,
        result: {
          visit: toVisitRecord(record, names, [], raised ? [raised] : []),
          task: {
            id: updated.id,
            status: updated.status,
            attempts: updated.attempts,
            callBackAt: iso(updated.callBackAt),
            version: updated.version,
          },
        },
      };
    });
  } catch (e) {
    // Two submissions with one key racing past the lock's check: the unique index decides.
    if (idempotencyKey && e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002') {
      const existing = await existingByKey(prisma, taskId, idempotencyKey);
      if (existing) return { created: false, result: await replay(prisma, existing) };
    }
    throw e;
  }
}
