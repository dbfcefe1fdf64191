// Visit expenses (回访费用): a caller records what a visit cost on their own record; their team
// lead (their team's callers only) or a manager (everyone's) approves or rejects it, once, from
// PENDING. Approved expenses count in the KPI cost dimension of the record's month
// (presenters/kpi-counts.ts), so nothing is added or decided for a month whose incentive sheet
// is already approved (locked for payroll): 422 MONTH_LOCKED. The same receipt cannot be claimed
// twice by a caller unless the earlier claim was rejected: 409 DUPLICATE_RECEIPT.
import {
  can,
  type TExpense,
  type TExpenseCreate,
  type TExpenseList,
  type TExpenseListQuery,
  type TExpenseStatus,
  type TVisitExpenses,
} from '@huifang/contracts';
import {
  actionsFor,
  addDays,
  dayIn,
  EXPENSE_WORKFLOW,
  monthBounds,
  monthIn,
  startOfDay,
} from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, notFound, ruleViolation, staleVersion } from '../../lib/errors.ts';
import { runTransition } from '../../lib/workflow.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { lockMonth } from '../incentives/close.ts';

type Db = PrismaClient | Tx;

const INCLUDE = {
  visit: { select: { taskId: true, startedAt: true, customer: { select: { id: true, name: true } } } },
} satisfies Prisma.VisitExpenseInclude;
type Row = Prisma.VisitExpenseGetPayload<{ include: typeof INCLUDE }>;

/**
 * Whose expenses the user sees: everyone's (expense:read:any), their team's callers'
 * (expense:read:team, a lead) or their own (expense:read:own).
 */
async function visibleCallers(db: Db, user: SessionUser): Promise<'all' | string[]> {
  if (can(user.role, 'expense:read:any')) return 'all';
  if (can(user.role, 'expense:read:team')) {
    if (!user.teamId) return [];
    const team = await db.user.findMany({
      where: { organizationId: user.organizationId, teamId: user.teamId },
      select: { id: true },
    });
    return team.map((u) => u.id);
  }
  if (can(user.role, 'expense:read:own')) return [user.id];
  return [];
}

async function present(db: Db, rows: Row[], user: SessionUser): Promise<TExpense[]> {
  const tz = user.timezone;
  // What the user may do next: the expense workflow, never on their own expense. The lists are
  // already limited to what the user may see (a lead: their team).
  const canOn = (r: Row) => {
    const a = actionsFor(EXPENSE_WORKFLOW, r.status, user.role);
    const notOwn = r.callerId !== user.id;
    return { approve: a.approve && notOwn, reject: a.reject && notOwn };
  };
  const ids = [...new Set(rows.flatMap((r) => [r.callerId, r.decidedById]).filter((x): x is string => !!x))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const name = new Map(users.map((u) => [u.id, u.name]));
  const person = (id: string) => ({ id, name: name.get(id) ?? '' });
  return rows.map((r) => ({
    id: r.id,
    visitId: r.visitId,
    taskId: r.visit.taskId,
    caller: person(r.callerId),
    customer: r.visit.customer,
    visitStartedAt: r.visit.startedAt.toISOString(),
    visitDay: dayIn(r.visit.startedAt, tz),
    amountFen: r.amountFen,
    receiptRef: r.receiptRef,
    note: r.note,
    status: r.status as TExpenseStatus,
    decidedBy: r.decidedById ? person(r.decidedById) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    can: canOn(r),
  }));
}

const ORDER: Prisma.VisitExpenseOrderByWithRelationInput[] = [{ createdAt: 'desc' }, { id: 'desc' }];

export async function listExpenses(
  prisma: PrismaClient,
  actor: Actor,
  q: TExpenseListQuery,
): Promise<TExpenseList> {
  const user = actor.user;
  const callers = await visibleCallers(prisma, user);
  const where: Prisma.VisitExpenseWhereInput = {
    organizationId: user.organizationId,
    ...(callers === 'all' ? {} : { callerId: { in: callers } }),
    ...(q.status ? { status: q.status } : {}),
  };
  if (q.month) {
    const { first, last } = monthBounds(q.month);
    where.visit = {
      startedAt: { gte: startOfDay(first, user.timezone), lt: startOfDay(addDays(last, 1), user.timezone) },
    };
  }
  const [rows, byStatus] = await Promise.all([
    prisma.visitExpense.findMany({
      where,
      include: INCLUDE,
      orderBy: ORDER,
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
    prisma.visitExpense.groupBy({ by: ['status'], where, _count: { _all: true }, _sum: { amountFen: true } }),
  ]);
  const totals = { count: 0, amountFen: 0, pendingFen: 0, approvedFen: 0, rejectedFen: 0 };
  for (const g of byStatus) {
    const fen = g._sum.amountFen ?? 0;
    totals.count += g._count._all;
    totals.amountFen += fen;
    if (g.status === 'PENDING') totals.pendingFen += fen;
    if (g.status === 'APPROVED') totals.approvedFen += fen;
    if (g.status === 'REJECTED') totals.rejectedFen += fen;
  }
  return {
    items: await present(prisma, rows, user),
    total: totals.count,
    page: q.page,
    size: q.size,
    totals,
  };
}

/**
 * The record's expenses. A record outside the user's sight: 404 for a caller (not their own
 * record), 403 for a lead (a record of another team's caller: they may read the record itself).
 */
export async function listVisitExpenses(
  prisma: PrismaClient,
  actor: Actor,
  visitId: string,
): Promise<TVisitExpenses> {
  const user = actor.user;
  const visit = await prisma.visitRecord.findFirst({
    where: { id: visitId, organizationId: user.organizationId },
    select: { id: true, callerId: true },
  });
  if (!visit) throw notFound('Visit record');
  const callers = await visibleCallers(prisma, user);
  if (callers !== 'all' && !callers.includes(visit.callerId)) {
    if (can(user.role, 'expense:read:team')) {
      throw forbidden('You can only see expenses of callers in your own team');
    }
    throw notFound('Visit record');
  }
  const rows = await prisma.visitExpense.findMany({
    where: { visitId, organizationId: user.organizationId },
    include: INCLUDE,
    orderBy: ORDER,
  });
  return { items: await present(prisma, rows, user) };
}

/** 422 when the record's month has an approved (locked) incentive sheet. Call after lockMonth. */
async function assertMonthOpen(tx: Tx, org: string, month: string): Promise<void> {
  const sheet = await tx.monthClose.findUnique({
    where: { organizationId_month: { organizationId: org, month } },
    select: { status: true },
  });
  if (sheet?.status === 'APPROVED') {
    throw ruleViolation(`The incentive sheet of ${month} is approved and locked`, {
      reason: 'MONTH_LOCKED',
      month,
    });
  }
}

export async function createExpense(
  prisma: PrismaClient,
  actor: Actor,
  visitId: string,
  body: TExpenseCreate,
): Promise<TExpense> {
  const user = actor.user;
  const org = user.organizationId;
  const id = await prisma.$transaction(async (tx) => {
    const visit = await tx.visitRecord.findFirst({
      where: { id: visitId, organizationId: org },
      select: { id: true, callerId: true, startedAt: true },
    });
    // Only the caller who made the record; anybody else's record does not exist for them.
    if (!visit || visit.callerId !== user.id) throw notFound('Visit record');
    const month = monthIn(visit.startedAt, user.timezone);
    await lockMonth(tx, org, month);
    await assertMonthOpen(tx, org, month);
    // One claim per receipt and caller (serialised per caller, so two requests cannot both pass).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('visit-expense'), hashtext(${user.id}))`;
    const receiptRef = body.receiptRef.trim();
    const dup = await tx.visitExpense.findFirst({
      where: { organizationId: org, callerId: user.id, receiptRef, status: { not: 'REJECTED' } },
      select: { id: true, visitId: true },
    });
    if (dup) {
      throw conflict(`Receipt ${receiptRef} is already claimed`, {
        reason: 'DUPLICATE_RECEIPT',
        expenseId: dup.id,
        visitId: dup.visitId,
      });
    }
    const row = await tx.visitExpense.create({
      data: {
        organizationId: org,
        visitId,
        callerId: user.id,
        amountFen: body.amountFen,
        receiptRef,
        note: body.note?.trim() || null,
      },
    });
    await audit(tx, actor, {
      action: 'EXPENSE_CREATE',
      entity: 'VisitExpense',
      entityId: row.id,
      after: { visitId, amountFen: row.amountFen, receiptRef, note: row.note, status: row.status },
    });
    return row.id;
  });
  const row = await prisma.visitExpense.findUniqueOrThrow({ where: { id }, include: INCLUDE });
  return (await present(prisma, [row], user))[0]!;
}

/**
 * Approve or reject a PENDING expense: a manager anyone's, a lead only their own team's callers'
 * (403 otherwise), never one's own. Already decided: 409 CONFLICT; stale version: 409
 * STALE_VERSION; the month's sheet approved: 422. The caller is notified.
 */
export async function decideExpense(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  decision: 'APPROVED' | 'REJECTED',
  body: { comment?: string; version?: number },
): Promise<TExpense> {
  const user = actor.user;
  const org = user.organizationId;
  await prisma.$transaction(async (tx) => {
    const found = await tx.visitExpense.findFirst({
      where: { id, organizationId: org },
      include: { visit: { select: { startedAt: true } } },
    });
    if (!found) throw notFound('Expense');
    if (found.callerId === user.id) throw forbidden('You cannot decide your own expense');
    if (!can(user.role, 'expense:read:any')) {
      const caller = await tx.user.findFirst({
        where: { id: found.callerId, organizationId: org },
        select: { teamId: true },
      });
      if (!user.teamId || caller?.teamId !== user.teamId) {
        throw forbidden('You can only decide expenses of callers in your own team');
      }
    }
    const month = monthIn(found.visit.startedAt, user.timezone);
    await lockMonth(tx, org, month);
    await assertMonthOpen(tx, org, month);
    const before = await tx.visitExpense.findUniqueOrThrow({ where: { id } });
    const comment = body.comment?.trim() || null;
    await runTransition(tx, actor, {
      workflow: EXPENSE_WORKFLOW,
      action: decision === 'APPROVED' ? 'approve' : 'reject',
      row: before,
      version: body.version,
      entity: 'VisitExpense',
      auditAction: decision === 'APPROVED' ? 'EXPENSE_APPROVE' : 'EXPENSE_REJECT',
      wrongState: (status) =>
        conflict(`This expense is already ${status.toLowerCase()}`, { reason: 'ALREADY_DECIDED', status }),
      write: async (to) => {
        const { count } = await tx.visitExpense.updateMany({
          where: { id, version: before.version, status: 'PENDING' },
          data: {
            status: to!,
            decidedById: user.id,
            decidedAt: actor.now,
            decisionComment: comment,
            version: { increment: 1 },
          },
        });
        if (count !== 1) {
          const now = await tx.visitExpense.findUniqueOrThrow({ where: { id }, select: { version: true } });
          throw staleVersion(now.version);
        }
      },
      audit: {
        before: { status: before.status, version: before.version },
        after: { status: decision, comment, version: before.version + 1 },
      },
      notifications: [
        {
          userIds: [before.callerId],
          type: 'EXPENSE_DECIDED',
          entity: 'VisitExpense',
          entityId: id,
          payload: { amountFen: before.amountFen, status: decision },
        },
      ],
    });
  });
  const row = await prisma.visitExpense.findUniqueOrThrow({ where: { id }, include: INCLUDE });
  return (await present(prisma, [row], user))[0]!;
}
