// Churn cases (docs/rules.md#r-churn-2-churn-cases): a customer who left, at a stage, on a day,
// with the responsible department and a reason. Suggested by the system (suggest.ts) until a
// person confirms or dismisses it; recorded by hand it starts CONFIRMED. One customer has at most
// one confirmed case of a stage within CHURN_REPEAT_WINDOW_DAYS (a second is refused 409 with the
// first's id). A win-back visit (R-CHURN-4) is a task with purpose 挽回 for the customer.
import {
  can,
  type TChurnCase,
  type TChurnCaseCreate,
  type TChurnCaseDetail,
  type TChurnCaseStatus,
  type TChurnCategory,
  type TChurnEvidenceKind,
  type TChurnStage,
  type TPage,
  type ZChurnCaseConfirm,
  type ZChurnCaseDismiss,
  type ZChurnCaseListQuery,
  type ZChurnCaseUpdate,
  type ZChurnWinBack,
} from '@huifang/contracts';
import {
  addDays,
  CHURN_CATEGORY_DEPARTMENT,
  CHURN_WIN_BACK_DAYS,
  CHURN_WIN_BACK_PURPOSE,
  contactAllowed,
  dateToDay,
  dayIn,
  dayToDate,
  maskPhone,
  OPEN_TASK_STATUSES,
  repeatWindow,
} from '@huifang/domain';
import type { z } from 'zod';
import type { ChurnCase } from '../../db/generated/client.ts';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, notFound, ruleViolation, staleVersion } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { peopleOf } from '../../lib/people.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { contactDaysOf, contactPolicyOf } from '../contact-policy/service.ts';

type Db = PrismaClient | Tx;
const NOBODY = '00000000-0000-0000-0000-000000000000';

/**
 * The cases a user may see: every case (churn:read:any), their department's (churn:read:department),
 * or those of customers they are or were assigned a task on and those they recorded (churn:read:own).
 */
export function caseScope(user: SessionUser): Prisma.ChurnCaseWhereInput {
  const org = { organizationId: user.organizationId };
  if (can(user.role, 'churn:read:any')) return org;
  if (can(user.role, 'churn:read:department')) return { ...org, departmentId: user.departmentId ?? NOBODY };
  if (can(user.role, 'churn:read:own'))
    return {
      ...org,
      OR: [{ createdById: user.id }, { customer: { tasks: { some: { assigneeId: user.id } } } }],
    };
  return { ...org, id: NOBODY };
}

const INCLUDE = {
  customer: { select: { id: true, name: true, phone: true } },
  reason: { select: { id: true, category: true, label: true, labelEn: true, active: true } },
} as const;
type Row = ChurnCase & {
  customer: { id: string; name: string; phone: string } | null;
  reason: { id: string; category: string; label: string; labelEn: string | null; active: boolean } | null;
};

async function present(db: Db, rows: Row[]): Promise<TChurnCase[]> {
  const person = await peopleOf(
    db,
    rows.flatMap((r) => [r.createdById, r.decidedById]),
  );
  const deptIds = [...new Set(rows.map((r) => r.departmentId).filter((x): x is string => !!x))];
  const depts = new Map(
    (deptIds.length
      ? await db.department.findMany({ where: { id: { in: deptIds } }, select: { id: true, name: true } })
      : []
    ).map((d) => [d.id, d]),
  );
  const enquiryIds = [...new Set(rows.map((r) => r.enquiryId).filter((x): x is string => !!x))];
  const enquiries = new Map(
    (enquiryIds.length
      ? await db.enquiry.findMany({
          where: { id: { in: enquiryIds } },
          select: { id: true, number: true, name: true, phone: true },
        })
      : []
    ).map((e) => [e.id, e]),
  );
  const taskIds = [...new Set(rows.map((r) => r.winBackTaskId).filter((x): x is string => !!x))];
  const tasks = taskIds.length
    ? await db.task.findMany({
        where: { id: { in: taskIds } },
        select: { id: true, status: true, dueDate: true, assigneeId: true },
      })
    : [];
  const assignee = await peopleOf(
    db,
    tasks.map((t) => t.assigneeId),
  );
  const taskOf = new Map(tasks.map((t) => [t.id, t]));
  return rows.map((r) => {
    const evidence = (r.evidence ?? {}) as Record<string, unknown>;
    const task = r.winBackTaskId ? taskOf.get(r.winBackTaskId) : undefined;
    const enquiry = r.enquiryId ? enquiries.get(r.enquiryId) : undefined;
    const dept = r.departmentId ? depts.get(r.departmentId) : undefined;
    return {
      id: r.id,
      status: r.status as TChurnCaseStatus,
      stage: (r.stage as TChurnStage | null) ?? null,
      day: dateToDay(r.day),
      customer: r.customer
        ? { id: r.customer.id, name: r.customer.name, phone: maskPhone(r.customer.phone) }
        : null,
      enquiry: enquiry
        ? { id: enquiry.id, number: enquiry.number, name: enquiry.name, phone: maskPhone(enquiry.phone) }
        : null,
      reason: r.reason ? { ...r.reason, category: r.reason.category as TChurnCategory } : null,
      categoryGuess: (evidence.categoryGuess as TChurnCategory | undefined) ?? null,
      department: dept ?? null,
      note: r.note,
      evidenceKind: (r.evidenceKind as TChurnEvidenceKind | null) ?? null,
      evidenceId: r.evidenceId,
      evidence,
      winBackTask: task
        ? {
            id: task.id,
            status: task.status,
            dueDate: dateToDay(task.dueDate),
            assignee: assignee(task.assigneeId) ?? { id: task.assigneeId, name: '' },
          }
        : null,
      createdBy: person(r.createdById),
      decidedBy: person(r.decidedById),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      dismissReason: r.dismissReason,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
    };
  });
}

export async function listChurnCases(
  prisma: PrismaClient,
  actor: Actor,
  q: z.output<typeof ZChurnCaseListQuery>,
): Promise<TPage<TChurnCase>> {
  const and: Prisma.ChurnCaseWhereInput[] = [caseScope(actor.user)];
  if (q.status) and.push({ status: q.status });
  if (q.stage) and.push({ stage: q.stage });
  if (q.category)
    and.push({
      OR: [
        { reason: { category: q.category } },
        { reasonId: null, evidence: { path: ['categoryGuess'], equals: q.category } },
      ],
    });
  if (q.reasonId) and.push({ reasonId: q.reasonId });
  if (q.departmentId) and.push({ departmentId: q.departmentId });
  if (q.customerId) and.push({ customerId: q.customerId });
  if (q.from) and.push({ day: { gte: dayToDate(q.from) } });
  if (q.to) and.push({ day: { lte: dayToDate(q.to) } });
  const where: Prisma.ChurnCaseWhereInput = { AND: and };
  const [total, rows] = await Promise.all([
    prisma.churnCase.count({ where }),
    prisma.churnCase.findMany({
      where,
      include: INCLUDE,
      orderBy: [{ day: 'desc' }, { createdAt: 'desc' }, { id: 'desc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
  ]);
  return { items: await present(prisma, rows), total, page: q.page, size: q.size };
}

async function findCase(db: Db, actor: Actor, id: string): Promise<Row> {
  const row = await db.churnCase.findFirst({
    where: { AND: [{ id }, caseScope(actor.user)] },
    include: INCLUDE,
  });
  if (!row) throw notFound('Churn case');
  return row;
}

export async function getChurnCase(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
): Promise<TChurnCaseDetail> {
  const row = await findCase(prisma, actor, id);
  const [base] = await present(prisma, [row]);
  if (!row.customerId) return { ...base!, visits: [], tickets: [] };
  const [visits, tickets] = await Promise.all([
    prisma.visitRecord.findMany({
      where: { customerId: row.customerId },
      orderBy: { startedAt: 'desc' },
      take: 10,
      select: {
        id: true,
        startedAt: true,
        outcome: true,
        satisfaction: true,
        callerId: true,
        opinions: true,
      },
    }),
    prisma.issueTicket.findMany({
      where: { customerId: row.customerId },
      orderBy: { createdAt: 'desc' },
      take: 10,
      select: { id: true, number: true, title: true, status: true, closedAt: true },
    }),
  ]);
  const caller = await peopleOf(
    prisma,
    visits.map((v) => v.callerId),
  );
  return {
    ...base!,
    visits: visits.map((v) => ({
      id: v.id,
      startedAt: v.startedAt.toISOString(),
      outcome: v.outcome,
      satisfaction: v.satisfaction,
      caller: caller(v.callerId)?.name ?? '',
      opinions: v.opinions,
    })),
    tickets: tickets.map((t) => ({ ...t, status: t.status, closedAt: t.closedAt?.toISOString() ?? null })),
  };
}

/** An active reason of the organisation (422 for a retired one, 404 for none). */
async function activeReason(db: Tx, organizationId: string, reasonId: string) {
  const reason = await db.churnReason.findFirst({ where: { id: reasonId, organizationId } });
  if (!reason) throw ruleViolation('No such churn reason', { field: 'reasonId', reason: 'UNKNOWN_REASON' });
  if (!reason.active)
    throw ruleViolation('This reason is retired; pick another', {
      field: 'reasonId',
      reason: 'RETIRED_REASON',
    });
  return reason;
}

/**
 * The department a case is for: the one given, else the one that answers for the reason's category
 * (CHURN_CATEGORY_DEPARTMENT), else the one it had. A handler records and confirms only for their own.
 */
async function departmentFor(
  db: Tx,
  actor: Actor,
  given: string | null | undefined,
  category: TChurnCategory | null,
  current: string | null,
): Promise<string | null> {
  const user = actor.user;
  const mine = !can(user.role, 'churn:read:any') && can(user.role, 'churn:read:department');
  if (given) {
    const d = await db.department.findFirst({ where: { id: given, organizationId: actor.organizationId } });
    if (!d)
      throw ruleViolation('No such department', { field: 'departmentId', reason: 'UNKNOWN_DEPARTMENT' });
    if (mine && given !== user.departmentId) throw forbidden('You record churn for your own department only');
    return given;
  }
  if (mine) return user.departmentId;
  if (category) {
    const d = await db.department.findFirst({
      where: { organizationId: actor.organizationId, kind: CHURN_CATEGORY_DEPARTMENT[category] },
      orderBy: { name: 'asc' },
      select: { id: true },
    });
    if (d) return d.id;
  }
  return current;
}

/** 409 with the existing case when the customer has a confirmed case of the stage within the repeat window. */
async function refuseRepeat(
  db: Tx,
  organizationId: string,
  customerId: string | null,
  stage: string,
  day: string,
  self: string | null,
) {
  if (!customerId) return;
  const w = repeatWindow(day);
  const other = await db.churnCase.findFirst({
    where: {
      organizationId,
      customerId,
      stage,
      status: 'CONFIRMED',
      day: { gte: dayToDate(w.from), lte: dayToDate(w.to) },
      ...(self ? { id: { not: self } } : {}),
    },
    select: { id: true, day: true },
  });
  if (other)
    throw conflict('This customer already has a confirmed case of this stage close to that day', {
      reason: 'DUPLICATE_CASE',
      existingId: other.id,
      day: dateToDay(other.day),
    });
}

function refuseFuture(actor: Actor, day: string) {
  const today = dayIn(actor.now, actor.user.timezone);
  if (day > today)
    throw ruleViolation('The day cannot be after today', { field: 'day', reason: 'FUTURE_DAY', today });
}

export async function createChurnCase(
  prisma: PrismaClient,
  actor: Actor,
  body: TChurnCaseCreate,
): Promise<TChurnCase> {
  refuseFuture(actor, body.day);
  return prisma.$transaction(async (tx) => {
    const user = actor.user;
    const customerWhere: Prisma.CustomerWhereInput =
      can(user.role, 'churn:read:own') && !can(user.role, 'churn:read:any')
        ? {
            id: body.customerId,
            organizationId: actor.organizationId,
            tasks: { some: { assigneeId: user.id } },
          }
        : { id: body.customerId, organizationId: actor.organizationId };
    const customer = await tx.customer.findFirst({ where: customerWhere, select: { id: true } });
    if (!customer) throw notFound('Customer');
    const reason = await activeReason(tx, actor.organizationId, body.reasonId);
    const departmentId = await departmentFor(
      tx,
      actor,
      body.departmentId,
      reason.category as TChurnCategory,
      null,
    );
    await refuseRepeat(tx, actor.organizationId, customer.id, body.stage, body.day, null);
    const row = await tx.churnCase.create({
      data: {
        organizationId: actor.organizationId,
        customerId: customer.id,
        status: 'CONFIRMED',
        stage: body.stage,
        day: dayToDate(body.day),
        departmentId,
        reasonId: reason.id,
        note: body.note || null,
        createdById: user.id,
        decidedById: user.id,
        decidedAt: actor.now,
        createdAt: actor.now,
      },
      include: INCLUDE,
    });
    await audit(tx, actor, {
      action: 'CHURN_CASE_CREATE',
      entity: 'ChurnCase',
      entityId: row.id,
      after: { customerId: customer.id, stage: body.stage, day: body.day, reasonId: reason.id, departmentId },
    });
    return (await present(tx, [row]))[0]!;
  });
}

async function lockedCase(tx: Tx, actor: Actor, id: string, version: number): Promise<Row> {
  const row = await findCase(tx, actor, id);
  if (row.version !== version) throw staleVersion(row.version);
  return row;
}

async function bump(tx: Tx, id: string, version: number, data: Prisma.ChurnCaseUncheckedUpdateManyInput) {
  const done = await tx.churnCase.updateMany({
    where: { id, version },
    data: { ...data, version: { increment: 1 } },
  });
  if (done.count === 0) throw staleVersion(version + 1);
}

async function reread(tx: Tx, id: string): Promise<TChurnCase> {
  const row = await tx.churnCase.findUniqueOrThrow({ where: { id }, include: INCLUDE });
  return (await present(tx, [row]))[0]!;
}

export async function updateChurnCase(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: z.output<typeof ZChurnCaseUpdate>,
): Promise<TChurnCase> {
  if (body.day) refuseFuture(actor, body.day);
  return prisma.$transaction(async (tx) => {
    const row = await lockedCase(tx, actor, id, body.version);
    if (row.status === 'DISMISSED')
      throw conflict('A dismissed suggestion cannot be edited', { status: row.status });
    const reason = body.reasonId ? await activeReason(tx, actor.organizationId, body.reasonId) : null;
    const departmentId =
      body.departmentId === undefined
        ? row.departmentId
        : body.departmentId === null
          ? null
          : await departmentFor(tx, actor, body.departmentId, null, row.departmentId);
    const stage = body.stage ?? row.stage;
    const day = body.day ?? dateToDay(row.day);
    if (row.status === 'CONFIRMED' && stage)
      await refuseRepeat(tx, actor.organizationId, row.customerId, stage, day, id);
    const data = {
      stage,
      day: dayToDate(day),
      departmentId,
      reasonId: reason?.id ?? row.reasonId,
      note: body.note === undefined ? row.note : body.note || null,
    };
    await bump(tx, id, body.version, data);
    await audit(tx, actor, {
      action: 'CHURN_CASE_UPDATE',
      entity: 'ChurnCase',
      entityId: id,
      before: {
        stage: row.stage,
        day: dateToDay(row.day),
        departmentId: row.departmentId,
        reasonId: row.reasonId,
        note: row.note,
      },
      after: { ...data, day },
    });
    return reread(tx, id);
  });
}

export async function confirmChurnCase(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: z.output<typeof ZChurnCaseConfirm>,
): Promise<TChurnCase> {
  if (body.day) refuseFuture(actor, body.day);
  return prisma.$transaction(async (tx) => {
    const row = await lockedCase(tx, actor, id, body.version);
    if (row.status !== 'SUGGESTED')
      throw conflict('Only a suggestion can be confirmed', { status: row.status });
    const reason = await activeReason(tx, actor.organizationId, body.reasonId);
    const departmentId = await departmentFor(
      tx,
      actor,
      body.departmentId,
      reason.category as TChurnCategory,
      row.departmentId,
    );
    const day = body.day ?? dateToDay(row.day);
    await refuseRepeat(tx, actor.organizationId, row.customerId, body.stage, day, id);
    const data = {
      status: 'CONFIRMED',
      stage: body.stage,
      day: dayToDate(day),
      reasonId: reason.id,
      departmentId,
      note: body.note || row.note,
      decidedById: actor.user.id,
      decidedAt: actor.now,
    };
    await bump(tx, id, body.version, data);
    await audit(tx, actor, {
      action: 'CHURN_CASE_CONFIRM',
      entity: 'ChurnCase',
      entityId: id,
      before: { status: row.status, stage: row.stage },
      after: { status: 'CONFIRMED', stage: body.stage, day, reasonId: reason.id, departmentId },
    });
    return reread(tx, id);
  });
}

export async function dismissChurnCase(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: z.output<typeof ZChurnCaseDismiss>,
): Promise<TChurnCase> {
  return prisma.$transaction(async (tx) => {
    const row = await lockedCase(tx, actor, id, body.version);
    if (row.status !== 'SUGGESTED')
      throw conflict('Only a suggestion can be dismissed', { status: row.status });
    await bump(tx, id, body.version, {
      status: 'DISMISSED',
      dismissReason: body.reason,
      decidedById: actor.user.id,
      decidedAt: actor.now,
    });
    await audit(tx, actor, {
      action: 'CHURN_CASE_DISMISS',
      entity: 'ChurnCase',
      entityId: id,
      before: { status: row.status },
      after: { status: 'DISMISSED', reason: body.reason },
    });
    return reread(tx, id);
  });
}

const isUniqueViolation = (err: unknown) => {
  const e = err as { code?: string; meta?: { code?: string }; message?: string };
  return e.code === 'P2002' || e.meta?.code === '23505' || /23505|unique/i.test(e.message ?? '');
};

/**
 * Plans a win-back visit (挽回, docs/rules.md#r-churn-4-win-back-visits): a task with purpose 挽回 for
 * the customer, assigned to the caller picked or the customer's last caller, due by the day picked
 * (a week from today by default). 422 when the case has no customer, the customer refuses visits,
 * already has an open task (one per customer), or there is no caller to give it to.
 */
export async function planWinBack(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: z.output<typeof ZChurnWinBack>,
): Promise<TChurnCase> {
  const today = dayIn(actor.now, actor.user.timezone);
  const dueDay = body.dueDay ?? addDays(today, CHURN_WIN_BACK_DAYS);
  if (dueDay < today)
    throw ruleViolation('The win-back visit cannot be due before today', {
      field: 'dueDay',
      reason: 'PAST_DAY',
      today,
    });
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await lockedCase(tx, actor, id, body.version);
      if (row.status === 'DISMISSED')
        throw conflict('A dismissed suggestion has no win-back', { status: row.status });
      if (!row.customerId)
        throw ruleViolation('This case has no customer to visit (an enquiry never enrolled)', {
          reason: 'NO_CUSTOMER',
        });
      const customer = await tx.customer.findUniqueOrThrow({
        where: { id: row.customerId },
        select: { id: true, name: true, refusesVisits: true },
      });
      if (customer.refusesVisits)
        throw ruleViolation('The customer refuses visits', { reason: 'REFUSES_VISITS' });
      const open = await tx.task.findFirst({
        where: { customerId: customer.id, status: { in: [...OPEN_TASK_STATUSES] } },
        select: { id: true },
      });
      if (open)
        throw ruleViolation('The customer already has an open visit task', {
          reason: 'OPEN_TASK',
          taskId: open.id,
        });
      // the contact policy counts a win-back visit like any other (R-CAD-6): at the cap it starts on
      // the first day one more contact fits, and is refused when that day is after the due day
      const policy = await contactPolicyOf(tx, actor.organizationId);
      const days = await contactDaysOf(
        tx,
        { id: actor.organizationId, timezone: actor.user.timezone },
        policy,
        [customer.id],
        today,
      );
      const cap = contactAllowed(policy, days.get(customer.id) ?? [], today);
      if (!cap.ok && cap.notBefore > dueDay)
        throw ruleViolation('The customer can be contacted again only after the due day', {
          field: 'dueDay',
          reason: 'CONTACT_CAP',
          notBefore: cap.notBefore,
        });
      const from = cap.ok ? today : cap.notBefore;
      let assigneeId = body.assigneeId ?? null;
      if (assigneeId) {
        const caller = await tx.user.findFirst({
          where: { id: assigneeId, organizationId: actor.organizationId, role: 'CALLER', active: true },
          select: { id: true },
        });
        if (!caller)
          throw ruleViolation('Pick an active caller', { field: 'assigneeId', reason: 'NOT_A_CALLER' });
      } else {
        const last = await tx.task.findFirst({
          where: { customerId: customer.id },
          orderBy: { createdAt: 'desc' },
          select: { assigneeId: true },
        });
        const caller = last
          ? await tx.user.findFirst({
              where: { id: last.assigneeId, role: 'CALLER', active: true },
              select: { id: true },
            })
          : null;
        if (!caller)
          throw ruleViolation('The customer has no caller yet; pick one', {
            field: 'assigneeId',
            reason: 'NO_CALLER',
          });
        assigneeId = caller.id;
      }
      const task = await tx.task.create({
        data: {
          organizationId: actor.organizationId,
          customerId: customer.id,
          assigneeId,
          purpose: CHURN_WIN_BACK_PURPOSE,
          channel: 'PHONE',
          windowFrom: dayToDate(from),
          windowTo: dayToDate(dueDay),
          dueDate: dayToDate(dueDay),
          createdAt: actor.now,
        },
        select: { id: true },
      });
      await tx.taskAssignment.create({
        data: {
          taskId: task.id,
          fromUserId: null,
          toUserId: assigneeId,
          byUserId: actor.user.id,
          reason: 'WIN_BACK',
          createdAt: actor.now,
        },
      });
      await bump(tx, id, body.version, { winBackTaskId: task.id });
      await audit(tx, actor, {
        action: 'CHURN_WIN_BACK',
        entity: 'ChurnCase',
        entityId: id,
        before: { winBackTaskId: row.winBackTaskId },
        after: { winBackTaskId: task.id, assigneeId, dueDay },
      });
      await notify(tx, actor, {
        userIds: [assigneeId],
        type: 'CHURN_WIN_BACK',
        entity: 'Task',
        entityId: task.id,
        payload: { by: actor.user.name, customer: customer.name, dueDay },
      });
      return reread(tx, id);
    });
  } catch (err) {
    // another request gave the customer an open task meanwhile: the unique index refused this one
    if (isUniqueViolation(err))
      throw ruleViolation('The customer already has an open visit task', { reason: 'OPEN_TASK' });
    throw err;
  }
}
