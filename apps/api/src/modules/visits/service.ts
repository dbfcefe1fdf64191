// Visit records: lists, one record with its history, and amendments (a submitted record is
// never edited in place; a correction keeps the values before and after, and a reason).
import {
  AMENDABLE_FIELDS,
  can,
  type TAmendableField,
  type TPage,
  type TVisitAmendmentCreate,
  type TVisitDetail,
  type TVisitListQuery,
  type TVisitRecord,
  type TVisitSummary,
} from '@huifang/contracts';
import {
  addDays,
  maskPhone,
  monthBounds,
  questionsAnsweredWith,
  type SignOffState,
  signOffAfterAmendment,
  startOfDay,
  validateAnswers,
} from '@huifang/domain';
import type { Prisma, PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { countUpToCap } from '../../lib/count.ts';
import { forbidden, notFound, ruleViolation, staleVersion } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import {
  iso,
  person,
  questionsOf,
  storedAnswers,
  ticketsOfVisits,
  toVisitRecord,
  userNames,
} from './mappers.ts';

const readsAny = (user: SessionUser) => can(user.role, 'visit:read:any');

export async function listVisits(
  prisma: PrismaClient,
  actor: Actor,
  q: TVisitListQuery,
): Promise<TPage<TVisitSummary>> {
  const user = actor.user;
  let callerId = q.callerId;
  if (!readsAny(user)) {
    if (callerId && callerId !== user.id) throw forbidden('You can only see your own visit records');
    callerId = user.id;
  }
  let startedAt: Prisma.DateTimeFilter | undefined;
  if (q.month) {
    const { first, last } = monthBounds(q.month);
    startedAt = { gte: startOfDay(first, user.timezone), lt: startOfDay(addDays(last, 1), user.timezone) };
  }
  const where: Prisma.VisitRecordWhereInput = {
    organizationId: user.organizationId,
    customerId: q.customerId,
    callerId,
    taskId: q.taskId,
    outcome: q.outcome,
    startedAt,
  };
  const [{ total, more }, rows] = await Promise.all([
    countUpToCap((take) => prisma.visitRecord.count({ where, take })),
    prisma.visitRecord.findMany({
      where,
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
      include: { task: { select: { purpose: true } }, customer: { select: { id: true, name: true } } },
    }),
  ]);
  const names = await userNames(
    prisma,
    rows.map((r) => r.callerId),
  );
  return { total, more, page: q.page, size: q.size, items: rows.map((r) => toVisitSummary(r, names)) };
}

export function toVisitSummary(
  r: {
    id: string;
    taskId: string;
    callerId: string;
    startedAt: Date;
    durationSec: number | null;
    channel: TVisitRecord['channel'];
    outcome: TVisitRecord['outcome'];
    satisfaction: number | null;
    opinions: string | null;
    suggestions: string | null;
    callBackAt: Date | null;
    amendmentCount: number;
    task: { purpose: string };
    customer: { id: string; name: string };
  },
  names: Map<string, string>,
): TVisitSummary {
  return {
    id: r.id,
    taskId: r.taskId,
    caller: person(names, r.callerId),
    customer: r.customer,
    purpose: r.task.purpose,
    startedAt: r.startedAt.toISOString(),
    durationSec: r.durationSec,
    channel: r.channel,
    outcome: r.outcome,
    satisfaction: r.satisfaction,
    opinions: r.opinions,
    suggestions: r.suggestions,
    callBackAt: iso(r.callBackAt),
    amendmentCount: r.amendmentCount,
  };
}

export async function getVisit(prisma: PrismaClient, actor: Actor, id: string): Promise<TVisitDetail> {
  const user = actor.user;
  const row = await prisma.visitRecord.findFirst({
    where: { id, organizationId: user.organizationId },
    include: {
      amendments: { orderBy: { createdAt: 'asc' } },
      customer: { select: { id: true, name: true, phone: true, segment: true, tier: true } },
      task: { select: { id: true, status: true, purpose: true, dueDate: true, assigneeId: true } },
    },
  });
  if (!row) throw notFound('Visit record');
  if (!readsAny(user) && row.callerId !== user.id) throw forbidden('You can only see your own visit records');
  const names = await userNames(prisma, [row.callerId, ...row.amendments.map((a) => a.authorId)]);
  const tickets = await ticketsOfVisits(prisma, user.organizationId, [row.id]);
  return {
    ...toVisitRecord(row, names, row.amendments, tickets.get(row.id)),
    original: (row.original ?? {}) as Record<string, unknown>,
    customer: { ...row.customer, phone: maskPhone(row.customer.phone) },
    task: { ...row.task, dueDate: row.task.dueDate.toISOString().slice(0, 10) },
  };
}

/**
 * Who may amend a record: its caller (visit:amend:own); a holder of visit:amend:any — a LEAD —
 * only for callers of their own team.
 */
async function checkMayAmend(prisma: PrismaClient, user: SessionUser, callerId: string): Promise<void> {
  if (can(user.role, 'visit:amend:own') && callerId === user.id) return;
  if (!can(user.role, 'visit:amend:any')) throw forbidden('You can only amend your own visit records');
  if (can(user.role, 'scope:team')) {
    const caller = await prisma.user.findFirst({
      where: { id: callerId, organizationId: user.organizationId },
      select: { teamId: true },
    });
    if (!user.teamId || caller?.teamId !== user.teamId) {
      throw forbidden('You can only amend visit records of callers in your own team');
    }
  }
}

/** The answers of a record as submitted (kept in `original`). */
const originalAnswers = (original: unknown): unknown =>
  original && typeof original === 'object' ? (original as { answers?: unknown }).answers : undefined;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const blankToNull = (s: string | null | undefined) => (s?.trim() ? s.trim() : null);

export async function amendVisit(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: TVisitAmendmentCreate,
): Promise<TVisitDetail> {
  const user = actor.user;
  const found = await prisma.visitRecord.findFirst({
    where: { id, organizationId: user.organizationId },
    select: { id: true, callerId: true },
  });
  if (!found) throw notFound('Visit record');
  await checkMayAmend(prisma, user, found.callerId);

  const requested = Object.entries(body.changes).filter(([, v]) => v !== undefined);
  const refused = requested
    .map(([k]) => k)
    .filter((k) => !(AMENDABLE_FIELDS as readonly string[]).includes(k));
  if (refused.length) {
    throw ruleViolation(`These fields cannot be amended: ${refused.join(', ')}`, {
      fields: refused,
      amendable: AMENDABLE_FIELDS,
    });
  }
  if (!requested.length) throw ruleViolation('Nothing to amend', { field: 'changes' });

  await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "VisitRecord" WHERE id = ${id}::uuid FOR UPDATE`;
    const record = await tx.visitRecord.findUniqueOrThrow({ where: { id } });
    if (body.version !== undefined && body.version !== record.version) throw staleVersion(record.version);

    const c = body.changes;
    const after: Partial<Record<TAmendableField, unknown>> = {};
    const completed = record.outcome === 'COMPLETED';
    if (c.satisfaction !== undefined) {
      if (!completed) {
        throw ruleViolation('a satisfaction score belongs to a completed visit only', {
          field: 'satisfaction',
        });
      }
      const s = c.satisfaction;
      if (s === null || !Number.isInteger(s) || s < 1 || s > 5) {
        throw ruleViolation('satisfaction is a whole number from 1 to 5', { field: 'satisfaction' });
      }
      after.satisfaction = s;
    }
    if (c.answers !== undefined) {
      if (!completed || !record.questionnaireId) {
        throw ruleViolation('questionnaire answers belong to a completed visit with a questionnaire only', {
          field: 'answers',
        });
      }
      const template = await tx.questionnaire.findFirst({
        where: { id: record.questionnaireId, organizationId: user.organizationId },
        select: { questions: true },
      });
      const current = questionsOf(template?.questions);
      // The questions the record was answered with (the template may have changed since); the
      // current template only for a record that kept no answers.
      const answeredWith = [
        ...storedAnswers(record.answers),
        ...storedAnswers(originalAnswers(record.original)),
      ];
      const questions = answeredWith.length ? questionsAnsweredWith(answeredWith, current) : current;
      if (!questions.length) {
        throw ruleViolation('the questionnaire of this record no longer exists', { field: 'answers' });
      }
      const result = validateAnswers(questions, c.answers ?? []);
      if (!result.ok) throw ruleViolation('Some answers do not fit the questionnaire', result.errors);
      after.answers = result.stored;
    }
    for (const f of ['opinions', 'suggestions', 'recordingRef'] as const) {
      if (c[f] !== undefined) after[f] = blankToNull(c[f]);
    }
    if (c.durationSec !== undefined) after.durationSec = c.durationSec;

    const current: Record<TAmendableField, unknown> = {
      satisfaction: record.satisfaction,
      answers: storedAnswers(record.answers),
      opinions: record.opinions,
      suggestions: record.suggestions,
      recordingRef: record.recordingRef,
      durationSec: record.durationSec,
    };
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    for (const [field, value] of Object.entries(after) as Array<[TAmendableField, unknown]>) {
      if (!same(current[field], value))
        changes[field] = { before: current[field] ?? null, after: value ?? null };
    }
    if (!Object.keys(changes).length) {
      throw ruleViolation('The amendment changes nothing', { field: 'changes' });
    }

    const data: Prisma.VisitRecordUpdateManyMutationInput = {
      amendmentCount: { increment: 1 },
      version: { increment: 1 },
      // a corrected (or changed) record waits for the lead's sign-off again (R-CHAIN-5)
      signOffStatus: signOffAfterAmendment(record.signOffStatus as SignOffState),
    };
    for (const [field, { after: value }] of Object.entries(changes)) {
      (data as Record<string, unknown>)[field] = value;
    }
    const updated = await tx.visitRecord.updateMany({ where: { id, version: record.version }, data });
    if (updated.count !== 1) throw staleVersion(record.version + 1);
    const amendment = await tx.visitAmendment.create({
      data: {
        visitId: id,
        authorId: user.id,
        reason: body.reason,
        changes: JSON.parse(JSON.stringify(changes)),
      },
    });
    await audit(tx, actor, {
      action: 'VISIT_AMENDED',
      entity: 'VisitRecord',
      entityId: id,
      before: Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.before])),
      after: {
        ...Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, v.after])),
        amendmentId: amendment.id,
        reason: body.reason,
      },
    });
  });
  return getVisit(prisma, actor, id);
}
