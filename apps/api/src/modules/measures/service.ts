// Improvement measures (改进措施, docs/product.md#improvement-measures; seed 002 三.3 改進措施制定與執行,
// 三.4 效果評估). DRAFT → APPROVED → IN_PROGRESS → DONE → EVALUATED through MEASURE_WORKFLOW
// (docs/rules.md#r-meas-1-workflow); every step locks the row, runs through the one executor
// (lib/workflow.ts) and writes its MeasureReview timeline row, an audit row and its notifications in
// one transaction. Who may report progress is decided per measure: its owner, or a manager.
import {
  can,
  type TMeasureCreate,
  type TMeasureDetail,
  type TMeasureListQuery,
  type TMeasureOutcome,
  type TMeasureReject,
  type TMeasureStatus,
  type TMeasureStep,
  type TMeasureSummary,
  type TMeasureTarget,
  type TMeasureUpdate,
  type TMilestoneProgress,
  type TPage,
  ZMeasureCreate,
  ZMeasureEffect,
  ZMeasureTarget,
} from '@huifang/contracts';
import {
  type ActionOf,
  actionsFor,
  dateToDay,
  dayIn,
  dayToDate,
  MEASURE_WORKFLOW,
  OPEN_MEASURE_STATUSES,
} from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, invalid, notFound, ruleViolation } from '../../lib/errors.ts';
import { runTransition, type TransitionSpec } from '../../lib/workflow.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { computeMeasureEffect } from './effect.ts';
import { proposeMeasureFailed } from './incentives.ts';

type Db = PrismaClient | Tx;

interface MeasureRow {
  id: string;
  organizationId: string;
  number: number;
  title: string;
  status: string;
  departmentId: string;
  ownerId: string;
  deadline: Date;
  startDay: Date | null;
  windowDays: number;
  target: unknown;
  createdById: string;
  version: number;
}

/** May this user read this measure? Everyone with measure:read:any; a department's handler: their department's and their own. */
export function canRead(user: SessionUser, m: { departmentId: string; ownerId: string }): boolean {
  if (can(user.role, 'measure:read:any')) return true;
  if (!can(user.role, 'measure:read:department')) return m.ownerId === user.id;
  return m.ownerId === user.id || (!!user.departmentId && m.departmentId === user.departmentId);
}

/** The owner reports progress, or a manager for them (R-MEAS-1). */
export function isOwnerOrManager(user: SessionUser, ownerId: string): boolean {
  return user.id === ownerId || can(user.role, 'measure:approve');
}

function scopeWhere(user: SessionUser): Prisma.ImprovementMeasureWhereInput {
  if (can(user.role, 'measure:read:any')) return {};
  const or: Prisma.ImprovementMeasureWhereInput[] = [{ ownerId: user.id }];
  if (can(user.role, 'measure:read:department') && user.departmentId)
    or.push({ departmentId: user.departmentId });
  return { OR: or };
}

/** Overdue: still open and the deadline day has ended in the organisation's timezone (R-MEAS-2). */
export function overdueAt(status: string, deadline: Date, now: Date, tz: string): boolean {
  return (
    (OPEN_MEASURE_STATUSES as readonly string[]).includes(status) && dateToDay(deadline) < dayIn(now, tz)
  );
}

export function targetOf(value: unknown): TMeasureTarget {
  const parsed = ZMeasureTarget.safeParse(value ?? {});
  return parsed.success ? parsed.data : {};
}

async function names(db: Db, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function deptNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.department.findMany({
    where: { id: { in: unique } },
    select: { id: true, name: true },
  });
  return new Map(rows.map((r) => [r.id, r.name]));
}

type SummarySource = {
  id: string;
  number: number;
  title: string;
  status: string;
  departmentId: string;
  ownerId: string;
  deadline: Date;
  escalationLevel: number;
  outcome: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  milestones: Array<{ progress: number }>;
};

function toSummary(
  r: SummarySource,
  people: Map<string, string>,
  depts: Map<string, string>,
  now: Date,
  tz: string,
): TMeasureSummary {
  const ms = r.milestones;
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    status: r.status as TMeasureStatus,
    departmentId: r.departmentId,
    departmentName: depts.get(r.departmentId) ?? null,
    ownerId: r.ownerId,
    ownerName: people.get(r.ownerId) ?? null,
    deadline: dateToDay(r.deadline),
    overdue: overdueAt(r.status, r.deadline, now, tz),
    escalationLevel: r.escalationLevel,
    progress: ms.length ? Math.floor(ms.reduce((s, m) => s + m.progress, 0) / ms.length) : null,
    outcome: (r.outcome as TMeasureOutcome | null) ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listMeasures(
  prisma: PrismaClient,
  actor: Actor,
  q: TMeasureListQuery,
): Promise<TPage<TMeasureSummary>> {
  const user = actor.user;
  const today = dayToDate(dayIn(actor.now, user.timezone));
  const overdueWhere: Prisma.ImprovementMeasureWhereInput =
    q.overdue === undefined
      ? {}
      : q.overdue
        ? { status: { in: [...OPEN_MEASURE_STATUSES] }, deadline: { lt: today } }
        : { NOT: { status: { in: [...OPEN_MEASURE_STATUSES] }, deadline: { lt: today } } };
  const where: Prisma.ImprovementMeasureWhereInput = {
    organizationId: user.organizationId,
    AND: [
      scopeWhere(user),
      overdueWhere,
      {
        ...(q.status ? { status: q.status } : {}),
        ...(q.departmentId ? { departmentId: q.departmentId } : {}),
        ...(q.ownerId ? { ownerId: q.ownerId } : {}),
      },
    ],
  };
  const [total, rows] = await Promise.all([
    prisma.improvementMeasure.count({ where }),
    prisma.improvementMeasure.findMany({
      where,
      include: { milestones: { select: { progress: true } } },
      orderBy: [{ number: 'desc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
  ]);
  const [people, depts] = await Promise.all([
    names(
      prisma,
      rows.map((r) => r.ownerId),
    ),
    deptNames(
      prisma,
      rows.map((r) => r.departmentId),
    ),
  ]);
  return {
    items: rows.map((r) => toSummary(r, people, depts, actor.now, user.timezone)),
    total,
    page: q.page,
    size: q.size,
  };
}

/** The steps this user may take on this measure now: the workflow, and ownership for the owner's steps. */
function stepsFor(user: SessionUser, status: string, ownerId: string): Record<string, boolean> {
  const steps: Record<string, boolean> = actionsFor(MEASURE_WORKFLOW, status, user.role);
  for (const a of ['start', 'progress', 'complete'] as const) {
    steps[a] = steps[a]! && isOwnerOrManager(user, ownerId);
  }
  return steps;
}

export async function measureDetail(db: Db, actor: Actor, id: string): Promise<TMeasureDetail> {
  const user = actor.user;
  const r = await db.improvementMeasure.findFirst({
    where: { id, organizationId: user.organizationId },
    include: {
      milestones: { orderBy: [{ sort: 'asc' }, { id: 'asc' }] },
      reasons: { include: { reason: true } },
      cases: {
        select: { caseId: true, case: { select: { stage: true, customer: { select: { name: true } } } } },
      },
      reviews: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      meeting: { select: { week: true } },
    },
  });
  if (!r || !canRead(user, r)) throw notFound('Improvement measure');
  const [people, depts] = await Promise.all([
    names(db, [r.ownerId, ...r.reviews.map((x) => x.actorId)]),
    deptNames(db, [r.departmentId]),
  ]);
  const effect = r.effect ? ZMeasureEffect.safeParse(r.effect) : null;
  return {
    ...toSummary(r, people, depts, actor.now, user.timezone),
    description: r.description,
    target: targetOf(r.target),
    startDay: r.startDay ? dateToDay(r.startDay) : null,
    windowDays: r.windowDays,
    reasons: r.reasons
      .map((x) => ({
        id: x.reason.id,
        category: x.reason.category,
        label: x.reason.label,
        labelEn: x.reason.labelEn,
        sort: x.reason.sort,
      }))
      .sort((a, b) => a.sort - b.sort)
      .map(({ sort: _s, ...rest }) => rest),
    caseIds: r.cases.map((c) => c.caseId).sort(),
    cases: r.cases
      .map((c) => ({ id: c.caseId, name: c.case.customer?.name ?? null, stage: c.case.stage }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    meetingWeek: r.meeting?.week ?? null,
    milestones: r.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      dueDay: dateToDay(m.dueDay),
      progress: m.progress,
      doneAt: m.doneAt?.toISOString() ?? null,
    })),
    evaluationNote: r.evaluationNote,
    effect: effect?.success ? effect.data : null,
    overdueAt: r.overdueAt?.toISOString() ?? null,
    approvedAt: r.approvedAt?.toISOString() ?? null,
    doneAt: r.doneAt?.toISOString() ?? null,
    evaluatedAt: r.evaluatedAt?.toISOString() ?? null,
    createdById: r.createdById,
    can: stepsFor(user, r.status, r.ownerId),
    timeline: r.reviews.map((x) => ({
      id: x.id,
      action: x.action,
      actorId: x.actorId,
      actorName: x.actorId ? (people.get(x.actorId) ?? null) : null,
      comment: x.comment,
      body: (x.body ?? {}) as Record<string, unknown>,
      createdAt: x.createdAt.toISOString(),
    })),
  };
}

/** Checks the references of a draft: department, owner (an active user of the organisation), reasons, cases. */
async function checkRefs(
  db: Db,
  org: string,
  refs: { departmentId?: string; ownerId?: string; reasonIds?: string[]; caseIds?: string[] },
): Promise<void> {
  if (refs.departmentId) {
    const d = await db.department.findFirst({ where: { id: refs.departmentId, organizationId: org } });
    if (!d) throw ruleViolation('No such department', { field: 'departmentId' });
  }
  if (refs.ownerId) {
    const u = await db.user.findFirst({ where: { id: refs.ownerId, organizationId: org, active: true } });
    if (!u) throw ruleViolation('The owner must be an active user of the organisation', { field: 'ownerId' });
  }
  if (refs.reasonIds?.length) {
    const ids = [...new Set(refs.reasonIds)];
    const n = await db.churnReason.count({ where: { id: { in: ids }, organizationId: org } });
    if (n !== ids.length) throw ruleViolation('Unknown churn reason', { field: 'reasonIds' });
  }
  if (refs.caseIds?.length) {
    const ids = [...new Set(refs.caseIds)];
    const n = await db.churnCase.count({ where: { id: { in: ids }, organizationId: org } });
    if (n !== ids.length) throw ruleViolation('Unknown churn case', { field: 'caseIds' });
  }
}

export async function createMeasure(
  prisma: PrismaClient,
  actor: Actor,
  raw: TMeasureCreate,
): Promise<TMeasureDetail> {
  const body = ZMeasureCreate.parse(raw);
  const user = actor.user;
  const org = user.organizationId;
  await checkRefs(prisma, org, body);
  const id = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`measure-number:${org}`}))`;
    const last = await tx.improvementMeasure.findFirst({
      where: { organizationId: org },
      orderBy: { number: 'desc' },
      select: { number: true },
    });
    const m = await tx.improvementMeasure.create({
      data: {
        organizationId: org,
        number: (last?.number ?? 0) + 1,
        title: body.title,
        description: body.description ?? null,
        departmentId: body.departmentId,
        ownerId: body.ownerId,
        deadline: dayToDate(body.deadline),
        target: body.target as Prisma.InputJsonValue,
        startDay: body.startDay ? dayToDate(body.startDay) : null,
        windowDays: body.windowDays,
        createdById: user.id,
        createdAt: actor.now,
        reasons: { create: [...new Set(body.reasonIds)].map((reasonId) => ({ reasonId })) },
        cases: { create: [...new Set(body.caseIds)].map((caseId) => ({ caseId })) },
        milestones: {
          create: body.milestones.map((ms, i) => ({
            title: ms.title,
            dueDay: dayToDate(ms.dueDay),
            sort: i,
          })),
        },
      },
    });
    if (body.fromDecision) await linkDecision(tx, actor, body.fromDecision, m.id);
    await tx.measureReview.create({
      data: { measureId: m.id, action: 'CREATE', actorId: user.id, createdAt: actor.now },
    });
    await audit(tx, actor, {
      action: 'MEASURE_CREATE',
      entity: 'ImprovementMeasure',
      entityId: m.id,
      after: { number: m.number, title: m.title, ownerId: m.ownerId, deadline: body.deadline },
    });
    return m.id;
  });
  return measureDetail(prisma, actor, id);
}

/**
 * Ties a new measure to the weekly meeting's decision it carries out (docs/rules.md#r-churn-5-weekly-analysis):
 * the decision gets the measure's id and the meeting's version moves on, in the measure's transaction, so a
 * decision becomes one measure only (409 when it already has one).
 */
async function linkDecision(tx: Tx, actor: Actor, from: { week: string; index: number }, measureId: string) {
  if (!can(actor.user.role, 'churn:analyse'))
    throw forbidden('Only the analysis group turns a decision into a measure');
  const [meeting] = await tx.$queryRaw<
    Array<{ id: string; decisions: Array<{ text: string; measureId: string | null }> }>
  >`
    SELECT id, decisions FROM "ChurnMeeting"
    WHERE "organizationId" = ${actor.organizationId}::uuid AND week = ${from.week} FOR UPDATE`;
  if (!meeting) throw notFound('Meeting');
  const decisions = Array.isArray(meeting.decisions) ? meeting.decisions : [];
  const decision = decisions[from.index];
  if (!decision)
    throw invalid('The meeting has no such decision', [
      { path: 'fromDecision.index', message: 'no such decision' },
    ]);
  if (decision.measureId)
    throw conflict('This decision is already a measure', { measureId: decision.measureId });
  const next = decisions.map((d, i) => (i === from.index ? { ...d, measureId } : d));
  await tx.churnMeeting.update({
    where: { id: meeting.id },
    data: {
      decisions: next as unknown as Prisma.InputJsonValue,
      version: { increment: 1 },
      updatedAt: actor.now,
    },
  });
  await tx.improvementMeasure.update({ where: { id: measureId }, data: { meetingId: meeting.id } });
  await audit(tx, actor, {
    action: 'CHURN_DECISION_TO_MEASURE',
    entity: 'ChurnMeeting',
    entityId: meeting.id,
    after: { week: from.week, index: from.index, measureId },
  });
}

/** Locks the measure row for the rest of the transaction; unknown or unreadable → 404. */
async function lock(tx: Tx, user: SessionUser, id: string): Promise<MeasureRow> {
  const [row] = await tx.$queryRaw<MeasureRow[]>`
    SELECT id, "organizationId", number, title, status, "departmentId", "ownerId", deadline, "startDay",
      "windowDays", target, "createdById", version
    FROM "ImprovementMeasure" WHERE id = ${id}::uuid AND "organizationId" = ${user.organizationId}::uuid
    FOR UPDATE`;
  if (!row || !canRead(user, row)) throw notFound('Improvement measure');
  return row;
}

type MeasureAction = ActionOf<typeof MEASURE_WORKFLOW>;

function step(
  tx: Tx,
  actor: Actor,
  row: MeasureRow,
  action: MeasureAction,
  rest: Omit<
    TransitionSpec<TMeasureStatus, MeasureAction>,
    'workflow' | 'action' | 'row' | 'entity' | 'auditAction'
  >,
) {
  return runTransition(tx, actor, {
    workflow: MEASURE_WORKFLOW,
    action,
    row,
    entity: 'ImprovementMeasure',
    auditAction: `MEASURE_${action === 'edit' ? 'UPDATE' : action.toUpperCase()}`,
    wrongState: (status, allowed) =>
      conflict(
        `A measure in ${status} cannot be ${action === 'edit' ? 'edited' : `given the step ${action}`}`,
        {
          reason: 'STATUS',
          status,
          allowed,
        },
      ),
    ...rest,
  });
}

const review = (tx: Tx, actor: Actor, id: string, action: string, comment?: string | null, body?: object) =>
  tx.measureReview.create({
    data: {
      measureId: id,
      action,
      actorId: actor.user.id,
      comment: comment ?? null,
      body: (body ?? {}) as Prisma.InputJsonValue,
      createdAt: actor.now,
    },
  });

const ownerAccess = (actor: Actor, row: MeasureRow) => () => {
  if (!isOwnerOrManager(actor.user, row.ownerId))
    throw forbidden('Only the measure’s owner (or a manager) reports its progress');
};

export async function updateMeasure(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: TMeasureUpdate,
): Promise<TMeasureDetail> {
  const org = actor.user.organizationId;
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, actor.user, id);
    await step(tx, actor, row, 'edit', {
      version: body.version,
      guard: async () => {
        await checkRefs(tx, org, body);
        if (body.milestones) {
          const keep = body.milestones.filter((m) => m.id).map((m) => m.id!);
          if (keep.length) {
            const n = await tx.measureMilestone.count({ where: { measureId: id, id: { in: keep } } });
            if (n !== new Set(keep).size) throw ruleViolation('Unknown milestone', { field: 'milestones' });
          }
        }
      },
      write: async () => {
        await tx.improvementMeasure.update({
          where: { id },
          data: {
            title: body.title,
            description: body.description,
            departmentId: body.departmentId,
            ownerId: body.ownerId,
            deadline: body.deadline ? dayToDate(body.deadline) : undefined,
            target: body.target ? (body.target as Prisma.InputJsonValue) : undefined,
            startDay:
              body.startDay === undefined ? undefined : body.startDay ? dayToDate(body.startDay) : null,
            windowDays: body.windowDays,
            version: { increment: 1 },
          },
        });
        if (body.reasonIds) {
          await tx.measureReason.deleteMany({ where: { measureId: id } });
          await tx.measureReason.createMany({
            data: [...new Set(body.reasonIds)].map((reasonId) => ({ measureId: id, reasonId })),
          });
        }
        if (body.caseIds) {
          await tx.measureCase.deleteMany({ where: { measureId: id } });
          await tx.measureCase.createMany({
            data: [...new Set(body.caseIds)].map((caseId) => ({ measureId: id, caseId })),
          });
        }
        if (body.milestones) {
          const keep = body.milestones.filter((m) => m.id).map((m) => m.id!);
          await tx.measureMilestone.deleteMany({ where: { measureId: id, id: { notIn: keep } } });
          for (const [i, m] of body.milestones.entries()) {
            if (m.id) {
              await tx.measureMilestone.update({
                where: { id: m.id },
                data: { title: m.title, dueDay: dayToDate(m.dueDay), sort: i },
              });
            } else {
              await tx.measureMilestone.create({
                data: { measureId: id, title: m.title, dueDay: dayToDate(m.dueDay), sort: i },
              });
            }
          }
        }
      },
      history: () => review(tx, actor, id, 'EDIT'),
      audit: { before: { version: row.version }, after: { ...body, version: row.version + 1 } },
    });
  });
  return measureDetail(prisma, actor, id);
}

export async function approveMeasure(prisma: PrismaClient, actor: Actor, id: string, body: TMeasureStep) {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, actor.user, id);
    await step(tx, actor, row, 'approve', {
      version: body.version,
      write: async (to) => {
        await tx.improvementMeasure.update({
          where: { id },
          data: {
            status: to!,
            approvedById: actor.user.id,
            approvedAt: actor.now,
            version: { increment: 1 },
          },
        });
      },
      history: () => review(tx, actor, id, 'APPROVE', body.comment),
      notifications: [
        {
          userIds: [row.ownerId, row.createdById],
          type: 'MEASURE_APPROVED',
          entity: 'ImprovementMeasure',
          entityId: id,
          payload: { number: row.number, title: row.title, by: actor.user.name },
        },
      ],
    });
  });
  return measureDetail(prisma, actor, id);
}

export async function rejectMeasure(prisma: PrismaClient, actor: Actor, id: string, body: TMeasureReject) {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, actor.user, id);
    await step(tx, actor, row, 'reject', {
      version: body.version,
      write: async (to) => {
        await tx.improvementMeasure.update({
          where: { id },
          data: { status: to!, approvedById: null, approvedAt: null, version: { increment: 1 } },
        });
      },
      history: () => review(tx, actor, id, 'REJECT', body.comment),
      audit: { before: { status: row.status }, after: { status: 'DRAFT', comment: body.comment } },
      notifications: [
        {
          userIds: [row.createdById, row.ownerId],
          type: 'MEASURE_REJECTED',
          entity: 'ImprovementMeasure',
          entityId: id,
          payload: { number: row.number, title: row.title, by: actor.user.name, comment: body.comment },
        },
      ],
    });
  });
  return measureDetail(prisma, actor, id);
}

export async function startMeasure(prisma: PrismaClient, actor: Actor, id: string, body: TMeasureStep) {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, actor.user, id);
    await step(tx, actor, row, 'start', {
      version: body.version,
      access: ownerAccess(actor, row),
      write: async (to) => {
        await tx.improvementMeasure.update({
          where: { id },
          data: {
            status: to!,
            // the effect is measured from the day it started, unless the draft named a day
            startDay: row.startDay ?? dayToDate(dayIn(actor.now, actor.user.timezone)),
            version: { increment: 1 },
          },
        });
      },
      history: () => review(tx, actor, id, 'START', body.comment),
    });
  });
  return measureDetail(prisma, actor, id);
}

export async function completeMeasure(prisma: PrismaClient, actor: Actor, id: string, body: TMeasureStep) {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, actor.user, id);
    await step(tx, actor, row, 'complete', {
      version: body.version,
      access: ownerAccess(actor, row),
      guard: async () => {
        const open = await tx.measureMilestone.count({ where: { measureId: id, progress: { lt: 100 } } });
        if (open > 0 && !body.comment?.trim())
          throw ruleViolation('Milestones are short of 100 %: say why in a note', {
            field: 'comment',
            openMilestones: open,
          });
      },
      write: async (to) => {
        await tx.improvementMeasure.update({
          where: { id },
          data: { status: to!, doneAt: actor.now, version: { increment: 1 } },
        });
      },
      history: () => review(tx, actor, id, 'DONE', body.comment),
      notifications: async () => {
        const managers = await tx.user.findMany({
          where: { organizationId: row.organizationId, role: 'MANAGER', active: true },
          select: { id: true },
        });
        return [
          {
            userIds: managers.map((m) => m.id),
            type: 'MEASURE_DONE',
            entity: 'ImprovementMeasure',
            entityId: id,
            payload: { number: row.number, title: row.title, by: actor.user.name },
          },
        ];
      },
    });
  });
  return measureDetail(prisma, actor, id);
}

export async function evaluateMeasure(prisma: PrismaClient, actor: Actor, id: string, body: TMeasureStep) {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, actor.user, id);
    let outcome = 'INCONCLUSIVE' as TMeasureOutcome;
    await step(tx, actor, row, 'evaluate', {
      version: body.version,
      write: async (to) => {
        const effect = await computeMeasureEffect(tx, row, actor.now, actor.user.timezone, true);
        outcome = effect.outcome;
        await tx.improvementMeasure.update({
          where: { id },
          data: {
            status: to!,
            effect: effect as unknown as Prisma.InputJsonValue,
            outcome,
            evaluationNote: body.comment ?? null,
            evaluatedById: actor.user.id,
            evaluatedAt: actor.now,
            version: { increment: 1 },
          },
        });
      },
      history: () => review(tx, actor, id, 'EVALUATE', body.comment, { outcome }),
      audit: () => ({ before: { status: row.status }, after: { status: 'EVALUATED', outcome } }),
      notifications: () => [
        {
          userIds: [row.ownerId],
          type: 'MEASURE_EVALUATED',
          entity: 'ImprovementMeasure',
          entityId: id,
          payload: { number: row.number, title: row.title, outcome },
        },
      ],
    });
    if (outcome === 'NOT_EFFECTIVE') {
      await proposeMeasureFailed(tx, actor, row, 'NOT_EFFECTIVE', actor.user.timezone);
    }
  });
  return measureDetail(prisma, actor, id);
}

export async function setMilestoneProgress(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  milestoneId: string,
  body: TMilestoneProgress,
): Promise<TMeasureDetail> {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, actor.user, id);
    const ms = await tx.measureMilestone.findFirst({ where: { id: milestoneId, measureId: id } });
    if (!ms) throw notFound('Milestone');
    await step(tx, actor, row, 'progress', {
      version: body.version,
      access: ownerAccess(actor, row),
      write: async () => {
        await tx.measureMilestone.update({
          where: { id: milestoneId },
          data: {
            progress: body.progress,
            doneAt: body.progress === 100 ? (ms.doneAt ?? actor.now) : null,
          },
        });
        await tx.improvementMeasure.update({ where: { id }, data: { version: { increment: 1 } } });
      },
      history: () =>
        review(tx, actor, id, 'PROGRESS', null, {
          milestoneId,
          title: ms.title,
          from: ms.progress,
          to: body.progress,
        }),
      audit: {
        before: { milestoneId, progress: ms.progress },
        after: { milestoneId, progress: body.progress },
      },
    });
  });
  return measureDetail(prisma, actor, id);
}

/** The effect: frozen at evaluation, else computed now over the windows so far. */
export async function measureEffectOf(prisma: PrismaClient, actor: Actor, id: string) {
  const m = await prisma.improvementMeasure.findFirst({
    where: { id, organizationId: actor.user.organizationId },
  });
  if (!m || !canRead(actor.user, m)) throw notFound('Improvement measure');
  if (m.effect) {
    const frozen = ZMeasureEffect.safeParse(m.effect);
    if (frozen.success) return frozen.data;
  }
  return computeMeasureEffect(prisma, m, actor.now, actor.user.timezone, false);
}

/** What the form needs: the organisation's churn reasons (grouped by category on screen). */
export async function measureOptions(prisma: PrismaClient, actor: Actor) {
  const reasons = await prisma.churnReason.findMany({
    where: { organizationId: actor.user.organizationId, active: true },
    orderBy: [{ category: 'asc' }, { sort: 'asc' }, { label: 'asc' }],
    select: { id: true, category: true, label: true, labelEn: true },
  });
  return { reasons };
}
