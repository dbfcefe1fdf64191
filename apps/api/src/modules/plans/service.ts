// Visit plans: drafting, and the transitions DRAFT → SUBMITTED → APPROVED | REJECTED.
// Each transition is a conditional update on the status (so two people acting at once cannot
// both win), a PlanReview row for the timeline and an audit row, in one transaction.
import type {
  TPage,
  TPlanDetail,
  TPlanListQuery,
  TPlanSummary,
  ZPlanApprove,
  ZPlanCreate,
  ZPlanReject,
  ZPlanUpdate,
} from '@huifang/contracts';
import { monthIn } from '@huifang/domain';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import { audit } from '../../lib/audit.ts';
import { type AppError, conflict, forbidden, notFound, ruleViolation } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { assertEditable, loadPlan, lockForEdit, teamCallers } from './access.ts';
import { planDetail, summaryInclude, toSummary, userNames } from './figures.ts';

export async function listPlans(
  prisma: PrismaClient,
  user: SessionUser,
  q: TPlanListQuery,
): Promise<TPage<TPlanSummary>> {
  let teamId = q.teamId;
  if (user.role === 'LEAD') {
    if (teamId && teamId !== user.teamId) throw forbidden('A lead sees the plans of their own team');
    if (!user.teamId) return { items: [], total: 0, page: q.page, size: q.size };
    teamId = user.teamId;
  }
  const where: Prisma.VisitPlanWhereInput = {
    organizationId: user.organizationId,
    status: q.status,
    month: q.month,
    teamId,
  };
  const [total, rows] = await Promise.all([
    prisma.visitPlan.count({ where }),
    prisma.visitPlan.findMany({
      where,
      include: summaryInclude,
      orderBy: [{ month: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
  ]);
  const names = await userNames(
    prisma,
    rows.map((r) => r.createdById),
  );
  return { items: rows.map((r) => toSummary(r, names)), total, page: q.page, size: q.size };
}

export async function createPlan(
  prisma: PrismaClient,
  req: FastifyRequest,
  user: SessionUser,
  body: z.output<typeof ZPlanCreate>,
): Promise<TPlanDetail> {
  const current = monthIn(new Date(), user.timezone);
  if (body.month < current) {
    throw ruleViolation('A plan is made for this month or a later one', { month: body.month, current });
  }
  let teamId = body.teamId;
  if (user.role === 'LEAD') {
    if (teamId && teamId !== user.teamId) throw forbidden('A lead plans for their own team');
    teamId = teamId ?? user.teamId ?? undefined;
  }
  if (!teamId) throw ruleViolation('Choose the team the plan is for', { field: 'teamId' });
  const team = await prisma.team.findFirst({
    where: { id: teamId, organizationId: user.organizationId },
    select: { id: true, name: true },
  });
  if (!team) throw ruleViolation('No such team', { field: 'teamId' });

  const id = await prisma.$transaction(async (tx) => {
    const plan = await tx.visitPlan.create({
      data: {
        organizationId: user.organizationId,
        teamId: team.id,
        month: body.month,
        title: body.title ?? `${body.month} ${team.name}回访计划`,
        focus: body.focus ?? null,
        dailyCap: body.dailyCap,
        createdById: user.id,
      },
    });
    await audit(tx, req, {
      action: 'PLAN_CREATE',
      entity: 'VisitPlan',
      entityId: plan.id,
      after: { month: plan.month, teamId: plan.teamId, title: plan.title, dailyCap: plan.dailyCap },
    });
    return plan.id;
  });
  return planDetail(prisma, user, id);
}

export async function updatePlan(
  prisma: PrismaClient,
  req: FastifyRequest,
  user: SessionUser,
  id: string,
  body: z.output<typeof ZPlanUpdate>,
): Promise<TPlanDetail> {
  assertEditable(await loadPlan(prisma, user, id));
  await prisma.$transaction(async (tx) => {
    const before = await lockForEdit(tx, req, user, id, body.version);
    const old = await tx.visitPlan.findUniqueOrThrow({
      where: { id },
      select: { title: true, focus: true, dailyCap: true },
    });
    const data = {
      title: body.title,
      focus: body.focus === undefined ? undefined : body.focus || null,
      dailyCap: body.dailyCap,
    };
    await tx.visitPlan.update({ where: { id }, data });
    await audit(tx, req, {
      action: 'PLAN_UPDATE',
      entity: 'VisitPlan',
      entityId: id,
      before: { ...old, version: before.version - 1 },
      after: { ...old, ...Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined)) },
    });
  });
  return planDetail(prisma, user, id);
}

/** DRAFT | REJECTED → SUBMITTED, when the plan has items and every one of them has a caller. */
export async function submitPlan(
  prisma: PrismaClient,
  req: FastifyRequest,
  user: SessionUser,
  id: string,
): Promise<TPlanDetail> {
  const plan = await loadPlan(prisma, user, id);
  await prisma.$transaction(async (tx) => {
    const moved = await tx.$executeRaw`
      UPDATE "VisitPlan"
      SET status = 'SUBMITTED', "submittedAt" = now(), "decidedAt" = NULL, "decidedById" = NULL,
          "decisionComment" = NULL, version = version + 1, "updatedAt" = now()
      WHERE id = ${id}::uuid AND "organizationId" = ${user.organizationId}::uuid
        AND status IN ('DRAFT', 'REJECTED')`;
    if (moved === 0) throw await currentConflict(tx, id, 'submitted');
    const callers = await teamCallers(tx, user.organizationId, plan.teamId);
    const [counts] = await tx.$queryRaw<Array<{ total: number; unassigned: number; inactive: number }>>`
      SELECT count(*)::int AS total,
             (count(*) FILTER (WHERE "callerId" IS NULL))::int AS unassigned,
             (count(*) FILTER (WHERE "callerId" IS NOT NULL
                AND NOT ("callerId" = ANY(CAST(${callers.map((c) => c.id)} AS uuid[])))))::int AS inactive
      FROM "PlanItem" WHERE "planId" = ${id}::uuid`;
    const c = counts ?? { total: 0, unassigned: 0, inactive: 0 };
    if (c.total === 0) throw ruleViolation('The plan has no customers yet', { itemCount: 0 });
    if (c.unassigned > 0 || c.inactive > 0) {
      throw ruleViolation('Every customer in the plan needs a caller of the team', {
        itemCount: c.total,
        unassigned: c.unassigned,
        inactiveCaller: c.inactive,
      });
    }
    await tx.planReview.create({ data: { planId: id, action: 'SUBMIT', actorId: user.id } });
    await audit(tx, req, {
      action: 'PLAN_SUBMIT',
      entity: 'VisitPlan',
      entityId: id,
      before: { status: plan.status },
      after: { status: 'SUBMITTED', itemCount: c.total },
    });
  });
  return planDetail(prisma, user, id);
}

/**
 * SUBMITTED → APPROVED and one task per item, in one transaction. The status moves with a
 * conditional UPDATE first: of two managers approving at once, the second waits on the row
 * lock, then finds the plan no longer SUBMITTED and gets 409 with nothing created.
 * Customers who refused visits after the plan was submitted get no task.
 */
export async function approvePlan(
  prisma: PrismaClient,
  req: FastifyRequest,
  user: SessionUser,
  id: string,
  body: z.output<typeof ZPlanApprove>,
): Promise<TPlanDetail> {
  await loadPlan(prisma, user, id);
  const comment = body.comment || null;
  await prisma.$transaction(async (tx) => {
    const moved = await tx.$executeRaw`
      UPDATE "VisitPlan"
      SET status = 'APPROVED', "decidedAt" = now(), "decidedById" = ${user.id}::uuid,
          "decisionComment" = ${comment}, version = version + 1, "updatedAt" = now()
      WHERE id = ${id}::uuid AND "organizationId" = ${user.organizationId}::uuid AND status = 'SUBMITTED'`;
    if (moved === 0) throw await currentConflict(tx, id, 'approved');

    const unassigned = await tx.planItem.count({ where: { planId: id, callerId: null } });
    if (unassigned > 0) throw ruleViolation('Every customer in the plan needs a caller', { unassigned });

    const tasks = await tx.$executeRaw`
      INSERT INTO "Task" (id, "organizationId", "planId", "planItemId", "customerId", "assigneeId",
        purpose, "questionnaireId", channel, "windowFrom", "windowTo", "dueDate", status, attempts,
        version, "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${user.organizationId}::uuid, i."planId", i.id, i."customerId", i."callerId",
        i.purpose, i."questionnaireId", i.channel, i."windowFrom", i."windowTo", i."dueDate", 'PENDING', 0,
        1, now(), now()
      FROM "PlanItem" i JOIN "Customer" c ON c.id = i."customerId"
      WHERE i."planId" = ${id}::uuid AND NOT c."refusesVisits"`.catch((error: unknown) => {
      // A task already tied to one of the items: nothing is created, the plan stays submitted.
      if (isUniqueViolation(error)) {
        throw conflict('Tasks already exist for some of the plan’s customers; nothing was created');
      }
      throw error;
    });
    const assignments = await tx.$executeRaw`
      INSERT INTO "TaskAssignment" (id, "taskId", "fromUserId", "toUserId", "byUserId", reason, "createdAt")
      SELECT gen_random_uuid(), t.id, NULL, t."assigneeId", ${user.id}::uuid, '计划批准', now()
      FROM "Task" t WHERE t."planId" = ${id}::uuid`;
    if (assignments !== tasks) throw new Error('task assignments do not match the tasks created');

    await tx.planReview.create({ data: { planId: id, action: 'APPROVE', actorId: user.id, comment } });
    await audit(tx, req, {
      action: 'PLAN_APPROVE',
      entity: 'VisitPlan',
      entityId: id,
      before: { status: 'SUBMITTED' },
      after: { status: 'APPROVED', tasksCreated: tasks, comment },
    });
  });
  return planDetail(prisma, user, id);
}

/** SUBMITTED → REJECTED with the manager's comment; the lead reworks it and submits again. */
export async function rejectPlan(
  prisma: PrismaClient,
  req: FastifyRequest,
  user: SessionUser,
  id: string,
  body: z.output<typeof ZPlanReject>,
): Promise<TPlanDetail> {
  await loadPlan(prisma, user, id);
  await prisma.$transaction(async (tx) => {
    const moved = await tx.$executeRaw`
      UPDATE "VisitPlan"
      SET status = 'REJECTED', "decidedAt" = now(), "decidedById" = ${user.id}::uuid,
          "decisionComment" = ${body.comment}, version = version + 1, "updatedAt" = now()
      WHERE id = ${id}::uuid AND "organizationId" = ${user.organizationId}::uuid AND status = 'SUBMITTED'`;
    if (moved === 0) throw await currentConflict(tx, id, 'rejected');
    await tx.planReview.create({
      data: { planId: id, action: 'REJECT', actorId: user.id, comment: body.comment },
    });
    await audit(tx, req, {
      action: 'PLAN_REJECT',
      entity: 'VisitPlan',
      entityId: id,
      before: { status: 'SUBMITTED' },
      after: { status: 'REJECTED', comment: body.comment },
    });
  });
  return planDetail(prisma, user, id);
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { driverAdapterError?: { cause?: { originalCode?: string } } } };
  return e?.code === 'P2002' || e?.meta?.driverAdapterError?.cause?.originalCode === '23505';
}

async function currentConflict(tx: Tx, id: string, verb: string): Promise<AppError> {
  const plan = await tx.visitPlan.findUnique({ where: { id }, select: { status: true } });
  if (!plan) return notFound('Plan');
  return conflict(`A ${plan.status.toLowerCase()} plan cannot be ${verb}`, { status: plan.status });
}
