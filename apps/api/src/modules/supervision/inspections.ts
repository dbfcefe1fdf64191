// Inspections (质检): lists, the workspace's detail, creation by hand, start, draft, submit.
// The score is computed here with the shared scoreInspection(); the caller sees an inspection
// only once it is submitted, and never the inspector's drafts.
import {
  can,
  type TFinding,
  type TInspectionCreate,
  type TInspectionDetail,
  type TInspectionDraft,
  type TInspectionListItem,
  type TInspectionListQuery,
  type TInspectionStatus,
  type TPage,
} from '@huifang/contracts';
import {
  type ActionOf,
  actionsFor,
  applyCallbackVerdict,
  defaultInspectionMethod,
  INSPECTION_WORKFLOW,
  inspectionStartDefaults,
  isLateVisit,
  matchesStep,
  OPEN_INSPECTION_STATUSES,
  questionnaireWithAnswers,
  scoreInspection,
  visitHasRecording,
} from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { countUpToCap } from '../../lib/count.ts';
import { conflict, forbidden, notFound, ruleViolation, staleVersion } from '../../lib/errors.ts';
import { runTransition, type TransitionSpec } from '../../lib/workflow.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { approvalChainsOf } from '../approval-chains/service.ts';
import { questionsOf, storedAnswers } from '../visits/mappers.ts';
import {
  appealDeadline,
  criteriaOf,
  findingsOf,
  iso,
  type Policy,
  person,
  policyOf,
  scoresOf,
  toAppeal,
  userNames,
} from './common.ts';
import { checkInspectors, monthRange, rubricFor } from './sampling.ts';

export const readsAny = (user: SessionUser) => can(user.role, 'inspection:read:any');

const listInclude = {
  visit: {
    select: {
      startedAt: true,
      channel: true,
      satisfaction: true,
      customer: { select: { id: true, name: true } },
    },
  },
  appeals: { orderBy: { createdAt: 'desc' }, take: 1, select: { status: true } },
} satisfies Prisma.InspectionInclude;

type ListRow = Prisma.InspectionGetPayload<{ include: typeof listInclude }>;

function toListItem(r: ListRow, names: Map<string, string>, policy: Policy): TInspectionListItem {
  return {
    id: r.id,
    runId: r.runId,
    visitId: r.visitId,
    caller: person(names, r.callerId),
    inspector: person(names, r.inspectorId),
    customer: r.visit.customer,
    visitStartedAt: r.visit.startedAt.toISOString(),
    channel: r.visit.channel,
    satisfaction: r.visit.satisfaction,
    method: r.method,
    status: r.status,
    total: r.total,
    passed: r.passed,
    effectivePassed: r.effectivePassed,
    effectiveTotal: r.effectiveTotal ?? r.total,
    findings: findingsOf(r.findings),
    submittedAt: iso(r.submittedAt),
    appealDeadline: iso(appealDeadline(r.submittedAt, policy)),
    appealStatus: r.appeals[0]?.status ?? null,
    version: r.version,
  };
}

export async function listInspections(
  prisma: PrismaClient,
  actor: Actor,
  q: TInspectionListQuery,
): Promise<TPage<TInspectionListItem>> {
  const user = actor.user;
  const where: Prisma.InspectionWhereInput = {
    organizationId: user.organizationId,
    status: q.status ?? (q.open === 'true' ? { in: [...OPEN_INSPECTION_STATUSES] } : undefined),
    inspectorId: q.inspectorId === 'me' ? user.id : q.inspectorId,
    callerId: q.callerId,
    runId: q.runId,
    effectivePassed: q.passed === undefined ? undefined : q.passed === 'true',
    visitStartedAt: q.month ? monthRange(q.month, user.timezone) : undefined,
  };
  if (!readsAny(user)) {
    // a caller: their own submitted inspections only
    if (q.callerId && q.callerId !== user.id) throw forbidden('You can only see your own inspections');
    if (q.status && q.status !== 'SUBMITTED') return { items: [], total: 0, page: q.page, size: q.size };
    where.callerId = user.id;
    where.status = 'SUBMITTED';
  }
  const [{ total, more }, rows, policy] = await Promise.all([
    countUpToCap((take) => prisma.inspection.count({ where, take })),
    prisma.inspection.findMany({
      where,
      orderBy: [{ submittedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
      include: listInclude,
    }),
    policyOf(prisma, user.organizationId),
  ]);
  const names = await userNames(
    prisma,
    rows.flatMap((r) => [r.callerId, r.inspectorId]),
  );
  return { total, more, page: q.page, size: q.size, items: rows.map((r) => toListItem(r, names, policy)) };
}

const detailInclude = {
  visit: {
    select: {
      id: true,
      startedAt: true,
      durationSec: true,
      channel: true,
      outcome: true,
      satisfaction: true,
      answers: true,
      opinions: true,
      suggestions: true,
      recordingRef: true,
      _count: { select: { recordings: { where: { deletedAt: null } } } },
      amendmentCount: true,
      customerId: true,
      questionnaireId: true,
      customer: { select: { id: true, name: true } },
      task: { select: { purpose: true, dueDate: true, questionnaireId: true } },
    },
  },
  rubric: { select: { id: true, name: true } },
  appeals: { orderBy: { createdAt: 'asc' } },
} satisfies Prisma.InspectionInclude;

/** The inspection's next steps for this user: the workflow's, and only for its inspector. */
function inspectionActions(user: SessionUser, i: { status: string; inspectorId: string }) {
  const a = actionsFor(INSPECTION_WORKFLOW, i.status, user.role);
  const mine = i.inspectorId === user.id;
  return { start: mine && a.start, saveDraft: mine && a.saveDraft, submit: mine && a.submit };
}

/** May this caller file an appeal now? Their own, submitted, within the window, none pending or won. */
export function mayAppeal(
  user: SessionUser,
  i: { callerId: string; status: string; submittedAt: Date | null; appeals: { status: string }[] },
  policy: Policy,
  now: Date,
): boolean {
  const deadline = appealDeadline(i.submittedAt, policy);
  return (
    can(user.role, 'appeal:create') &&
    i.callerId === user.id &&
    i.status === 'SUBMITTED' &&
    !!deadline &&
    now <= deadline &&
    !i.appeals.some((a) => a.status === 'PENDING' || a.status === 'OVERTURNED')
  );
}

export async function getInspection(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
): Promise<TInspectionDetail> {
  const user = actor.user;
  const row = await prisma.inspection.findFirst({
    where: { id, organizationId: user.organizationId },
    include: { ...listInclude, ...detailInclude, appeals: detailInclude.appeals },
  });
  if (!row) throw notFound('Inspection');
  if (!readsAny(user)) {
    if (row.callerId !== user.id) throw forbidden('You can only see your own inspections');
    if (row.status !== 'SUBMITTED') throw notFound('Inspection');
  }
  const questionnaireId = row.visit.questionnaireId ?? row.visit.task.questionnaireId;
  const chains = await approvalChainsOf(prisma, user.organizationId);
  const [policy, history, questionnaire] = await Promise.all([
    policyOf(prisma, user.organizationId),
    prisma.visitRecord.findMany({
      where: {
        organizationId: user.organizationId,
        customerId: row.visit.customerId,
        id: { not: row.visitId },
      },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: 20,
      select: {
        id: true,
        startedAt: true,
        channel: true,
        outcome: true,
        satisfaction: true,
        callerId: true,
        opinions: true,
      },
    }),
    questionnaireId
      ? prisma.questionnaire.findFirst({
          where: { id: questionnaireId, organizationId: user.organizationId },
          select: { name: true, questions: true },
        })
      : null,
  ]);
  const names = await userNames(prisma, [
    row.callerId,
    row.inspectorId,
    ...history.map((h) => h.callerId),
    ...row.appeals.flatMap((a) => [a.callerId, a.decidedById]),
  ]);
  const latest = row.appeals.at(-1);
  const v = row.visit;
  return {
    ...toListItem({ ...row, appeals: latest ? [latest] : [] }, names, policy),
    rubric: { id: row.rubric.id, name: row.rubric.name, version: row.rubricVersion },
    rubricSnapshot: criteriaOf(row.rubricSnapshot),
    scores: scoresOf(row.scores),
    criticalFailed: row.criticalFailed,
    callbackOutcome: row.callbackOutcome as TInspectionDetail['callbackOutcome'],
    comment: row.comment,
    timeSpentSec: row.timeSpentSec,
    startedAt: iso(row.startedAt),
    passThreshold: policy.passThreshold,
    visit: {
      id: v.id,
      startedAt: v.startedAt.toISOString(),
      durationSec: v.durationSec,
      channel: v.channel,
      outcome: v.outcome,
      satisfaction: v.satisfaction,
      purpose: v.task.purpose,
      dueDate: v.task.dueDate.toISOString().slice(0, 10),
      answers: storedAnswers(v.answers),
      opinions: v.opinions,
      suggestions: v.suggestions,
      recordingRef: v.recordingRef,
      uploadedRecordings: v._count.recordings,
      hasRecording: visitHasRecording(v.recordingRef, v._count.recordings),
      amendmentCount: v.amendmentCount,
      late: isLateVisit(v.startedAt, v.task.dueDate.toISOString().slice(0, 10), user.timezone),
      questionnaire:
        questionnaire || storedAnswers(v.answers).length
          ? {
              name: questionnaire?.name ?? '',
              items: questionnaireWithAnswers(
                questionsOf(questionnaire?.questions ?? []),
                storedAnswers(v.answers),
              ),
            }
          : null,
    },
    history: history.map((h) => ({
      id: h.id,
      startedAt: h.startedAt.toISOString(),
      channel: h.channel,
      outcome: h.outcome,
      satisfaction: h.satisfaction,
      caller: person(names, h.callerId),
      opinions: h.opinions,
    })),
    appeals: row.appeals.map((a) =>
      toAppeal(a, names, user.role, row.inspectorId !== user.id && matchesStep(chains.appealDecider, user)),
    ),
    canAppeal: mayAppeal(user, row, policy, actor.now),
    can: inspectionActions(user, row),
  };
}

export async function createInspection(
  prisma: PrismaClient,
  actor: Actor,
  body: TInspectionCreate,
): Promise<TInspectionDetail> {
  const user = actor.user;
  const inspectorId = body.inspectorId ?? user.id;
  const visit = await prisma.visitRecord.findFirst({
    where: { id: body.visitId, organizationId: user.organizationId },
    select: {
      id: true,
      callerId: true,
      recordingRef: true,
      startedAt: true,
      _count: { select: { recordings: { where: { deletedAt: null } } } },
    },
  });
  if (!visit) throw notFound('Visit record');
  const method =
    body.method ?? defaultInspectionMethod(visitHasRecording(visit.recordingRef, visit._count.recordings));
  if (visit.callerId === inspectorId) {
    throw ruleViolation('Nobody inspects their own visit records', { reason: 'SELF_INSPECTION' });
  }
  await checkInspectors(prisma, user, [inspectorId]);
  const rubric = await rubricFor(prisma, user.organizationId, body.rubricId);
  const id = await prisma
    .$transaction(async (tx) => {
      const existing = await tx.inspection.findUnique({ where: { visitId: visit.id }, select: { id: true } });
      if (existing) throw conflict('This record has already been inspected', { reason: 'ALREADY_INSPECTED' });
      const created = await tx.inspection.create({
        data: {
          organizationId: user.organizationId,
          visitId: visit.id,
          visitStartedAt: visit.startedAt,
          callerId: visit.callerId,
          inspectorId,
          method,
          rubricId: rubric.id,
          rubricVersion: rubric.version,
          rubricSnapshot: rubric.criteria as Prisma.InputJsonValue,
        },
      });
      await audit(tx, actor, {
        action: 'INSPECTION_CREATED',
        entity: 'Inspection',
        entityId: created.id,
        after: { visitId: visit.id, inspectorId, method },
      });
      return created.id;
    })
    .catch((e: unknown) => {
      if ((e as { code?: string }).code === 'P2002') {
        throw conflict('This record has already been inspected', { reason: 'ALREADY_INSPECTED' });
      }
      throw e;
    });
  return getInspection(prisma, actor, id);
}

/** Locks the inspection row for the rest of the transaction and returns it. */
async function lockInspection(tx: Tx, user: SessionUser, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "Inspection" WHERE id = ${id}::uuid AND "organizationId" = ${user.organizationId}::uuid FOR UPDATE`;
  if (!locked.length) throw notFound('Inspection');
  return tx.inspection.findUniqueOrThrow({ where: { id } });
}

type InspectionRow = Awaited<ReturnType<typeof lockInspection>>;

/** Only the assigned inspector works on an inspection (once submitted, the state answers first). */
function assertInspector(user: SessionUser, row: InspectionRow, doing: string): void {
  if (row.status === 'SUBMITTED' || row.inspectorId === user.id) return;
  if (doing === 'start' && row.status === 'IN_PROGRESS') {
    throw conflict('Another inspector is working on this inspection', { reason: 'TAKEN' });
  }
  throw forbidden(
    doing === 'start'
      ? 'Only the assigned inspector can start this inspection'
      : 'Only the assigned inspector works on this inspection',
  );
}

/** A step of INSPECTION_WORKFLOW on the locked row, refused as before. */
function inspectionStep(
  tx: Tx,
  actor: Actor,
  row: InspectionRow,
  action: ActionOf<typeof INSPECTION_WORKFLOW>,
  rest: Omit<
    TransitionSpec<TInspectionStatus, typeof action>,
    'workflow' | 'action' | 'row' | 'entity' | 'auditAction' | 'wrongState' | 'access'
  >,
) {
  return runTransition(tx, actor, {
    workflow: INSPECTION_WORKFLOW,
    action,
    row,
    entity: 'Inspection',
    access: () => assertInspector(actor.user, row, action),
    auditAction: { start: 'INSPECTION_STARTED', saveDraft: null, submit: 'INSPECTION_SUBMITTED' }[action],
    wrongState: (status) =>
      status === 'SUBMITTED'
        ? conflict(
            action === 'start'
              ? 'This inspection has been submitted'
              : 'This inspection has been submitted and cannot change',
            { reason: 'ALREADY_SUBMITTED' },
          )
        : conflict('Start the inspection first', { reason: 'NOT_STARTED' }),
    ...rest,
  });
}

export async function startInspection(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  version?: number,
): Promise<TInspectionDetail> {
  const user = actor.user;
  await prisma.$transaction(async (tx) => {
    const row = await lockInspection(tx, user, id);
    if (row.status === 'IN_PROGRESS' && row.inspectorId === user.id) {
      // resuming one's own work: nothing changes
      if (version !== undefined && version !== row.version) throw staleVersion(row.version);
      return;
    }
    // what the inspection starts with: the method the record allows, a late visit flagged
    const visit = await tx.visitRecord.findUniqueOrThrow({
      where: { id: row.visitId },
      select: {
        startedAt: true,
        recordingRef: true,
        task: { select: { dueDate: true } },
        _count: { select: { recordings: { where: { deletedAt: null } } } },
      },
    });
    const defaults = inspectionStartDefaults(
      { method: row.method, findings: findingsOf(row.findings) },
      {
        hasRecording: visitHasRecording(visit.recordingRef, visit._count.recordings),
        late: isLateVisit(visit.startedAt, visit.task.dueDate.toISOString().slice(0, 10), user.timezone),
      },
    );
    await inspectionStep(tx, actor, row, 'start', {
      version,
      write: async (to) => {
        await tx.inspection.update({
          where: { id },
          data: {
            status: to ?? row.status,
            startedAt: actor.now,
            method: defaults.method,
            findings: defaults.findings,
            version: { increment: 1 },
          },
        });
      },
      audit: {
        before: { status: row.status, method: row.method, findings: row.findings },
        after: { status: 'IN_PROGRESS', method: defaults.method, findings: defaults.findings },
      },
    });
  });
  return getInspection(prisma, actor, id);
}

function draftData(row: InspectionRow, body: TInspectionDraft): Prisma.InspectionUpdateManyMutationInput {
  const method = body.method ?? row.method;
  return {
    scores: body.scores === undefined ? undefined : (body.scores as Prisma.InputJsonValue),
    findings: body.findings === undefined ? undefined : [...new Set(body.findings)],
    comment: body.comment === undefined ? undefined : body.comment || null,
    method: body.method,
    callbackOutcome:
      method !== 'CUSTOMER_CALLBACK'
        ? null
        : body.callbackOutcome === undefined
          ? undefined
          : body.callbackOutcome,
    timeSpentSec: body.timeSpentSec ? { increment: body.timeSpentSec } : undefined,
    version: { increment: 1 },
  };
}

export async function saveDraft(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: TInspectionDraft,
): Promise<TInspectionDetail> {
  const user = actor.user;
  await prisma.$transaction(async (tx) => {
    const row = await lockInspection(tx, user, id);
    await inspectionStep(tx, actor, row, 'saveDraft', {
      version: body.version,
      write: async () => {
        await tx.inspection.update({ where: { id }, data: draftData(row, body) });
      },
    });
  });
  return getInspection(prisma, actor, id);
}

export async function submitInspection(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: TInspectionDraft,
): Promise<TInspectionDetail> {
  const user = actor.user;
  await prisma.$transaction(async (tx) => {
    const row = await lockInspection(tx, user, id);
    const method = body.method ?? row.method;
    const callbackOutcome =
      method === 'CUSTOMER_CALLBACK' ? (body.callbackOutcome ?? row.callbackOutcome ?? null) : null;
    const scores = body.scores ?? scoresOf(row.scores);
    const { findings, fabricated } = applyCallbackVerdict(
      (body.findings ?? row.findings) as TFinding[],
      callbackOutcome,
    );
    let result: ReturnType<typeof scoreInspection> | undefined;
    // the caller's notification names the record: whose visit, with what result
    const { customer } = await tx.visitRecord.findUniqueOrThrow({
      where: { id: row.visitId },
      select: { customer: { select: { name: true } } },
    });
    await inspectionStep(tx, actor, row, 'submit', {
      version: body.version,
      guard: async () => {
        if (method === 'CUSTOMER_CALLBACK' && !callbackOutcome) {
          throw ruleViolation('A customer call-back needs its outcome', {
            reason: 'CALLBACK_OUTCOME_REQUIRED',
            field: 'callbackOutcome',
          });
        }
        const policy = await policyOf(tx, user.organizationId);
        result = scoreInspection(criteriaOf(row.rubricSnapshot), scores, policy.passThreshold, {
          forceCriticalFail: fabricated,
        });
        if (result.errors.length || result.missing.length) {
          throw ruleViolation('Every criterion needs a valid score, and a low score a comment', {
            reason: result.missing.length ? 'SCORES_MISSING' : (result.errors[0]?.code ?? 'INVALID_SCORES'),
            errors: result.errors,
            missing: result.missing,
          });
        }
      },
      write: async (to) => {
        const r = scored();
        await tx.inspection.update({
          where: { id },
          data: {
            ...draftData(row, { ...body, method }),
            scores: scores as Prisma.InputJsonValue,
            findings,
            callbackOutcome,
            status: to ?? row.status,
            total: r.total,
            criticalFailed: r.criticalFailed,
            passed: r.passed,
            effectivePassed: r.passed,
            effectiveTotal: r.total,
            submittedAt: actor.now,
          },
        });
      },
      audit: () => ({
        before: { status: row.status },
        after: {
          status: 'SUBMITTED',
          total: scored().total,
          criticalFailed: scored().criticalFailed,
          passed: scored().passed,
          findings,
          method,
          callbackOutcome,
        },
      }),
      notifications: () => [
        {
          userIds: [row.callerId],
          type: 'INSPECTION_RESULT',
          entity: 'Inspection',
          entityId: id,
          payload: {
            total: scored().total,
            passed: scored().passed,
            inspector: user.name,
            customer: customer.name,
          },
        },
      ],
    });
    function scored() {
      if (!result) throw new Error('the inspection is scored in its guard');
      return result;
    }
  });
  return getInspection(prisma, actor, id);
}
