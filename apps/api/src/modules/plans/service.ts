// Visit plans: drafting, and the transitions DRAFT → SUBMITTED → APPROVED | REJECTED.
// Each transition is a step of PLAN_WORKFLOW run by the one executor (lib/workflow.ts) on the
// locked plan row (so two people acting at once cannot both win), with a PlanReview row for the
// timeline and an audit row, in one transaction.
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
import { can, type TPlanStatus } from '@huifang/contracts';
import {
  type ActionOf,
  addDays,
  contactAllowed,
  DEFAULT_APPROVAL_CHAINS,
  dayIn,
  monthIn,
  NOT_A_CONTACT_OUTCOMES,
  PLAN_WORKFLOW,
  resolveChainStep,
  startOfDay,
  stepsOf,
} from '@huifang/domain';
import type { z } from 'zod';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import { openTask } from '../../db/rule-sql.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, conflict, forbidden, ruleViolation } from '../../lib/errors.ts';
import { runTransition, type TransitionSpec } from '../../lib/workflow.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { approvalChainsOf } from '../approval-chains/service.ts';
import { contactPolicyOf } from '../contact-policy/service.ts';
import { assertEditable, type LockedPlan, loadPlan, lockForEdit, lockPlan, teamCallers } from './access.ts';
import { planDetail, summaryInclude, toSummary, userNames } from './figures.ts';
import { settlePlannedVisits } from './proposals.ts';

export async function listPlans(
  prisma: PrismaClient,
  user: SessionUser,
  q: TPlanListQuery,
): Promise<TPage<TPlanSummary>> {
  let teamId = q.teamId;
  if (can(user.role, 'scope:team')) {
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
  actor: Actor,
  user: SessionUser,
  body: z.output<typeof ZPlanCreate>,
): Promise<TPlanDetail> {
  const current = monthIn(actor.now, user.timezone);
  if (body.month < current) {
    throw ruleViolation('A plan is made for this month or a later one', { month: body.month, current });
  }
  let teamId = body.teamId;
  if (can(user.role, 'scope:team')) {
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
    await audit(tx, actor, {
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
  actor: Actor,
  user: SessionUser,
  id: string,
  body: z.output<typeof ZPlanUpdate>,
): Promise<TPlanDetail> {
  assertEditable(await loadPlan(prisma, user, id));
  await prisma.$transaction(async (tx) => {
    const before = await lockForEdit(tx, actor, user, id, body.version);
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
    await audit(tx, actor, {
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
  actor: Actor,
  user: SessionUser,
  id: string,
): Promise<TPlanDetail> {
  const plan = await loadPlan(prisma, user, id);
  await prisma.$transaction(async (tx) => {
    const row = await lockPlan(tx, user, id);
    // the chain as it is now goes with the plan: a later change does not move it (decision 016)
    const steps = (await approvalChainsOf(tx, user.organizationId)).planSteps;
    let itemCount = 0;
    await planStep(tx, actor, row, 'submit', 'submitted', {
      guard: async () => {
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
        itemCount = c.total;
      },
      write: async () => {
        await tx.$executeRaw`
          UPDATE "VisitPlan"
          SET status = 'SUBMITTED', chain = ${JSON.stringify(steps)}::jsonb, "chainStep" = 0,
              "submittedAt" = ${actor.now}::timestamptz, "decidedAt" = NULL,
              "decidedById" = NULL, "decisionComment" = NULL, version = version + 1,
              "updatedAt" = ${actor.now}::timestamptz
          WHERE id = ${id}::uuid`;
      },
      history: () => tx.planReview.create({ data: { planId: id, action: 'SUBMIT', actorId: user.id } }),
      audit: () => ({ before: { status: row.status }, after: { status: 'SUBMITTED', itemCount } }),
    });
  });
  return planDetail(prisma, user, id);
}

/**
 * SUBMITTED → APPROVED and one task per item, in one transaction. The status moves with a
 * conditional UPDATE first: of two managers approving at once, the second waits on the row
 * lock, then finds the plan no longer SUBMITTED and gets 409 with nothing created.
 *
 * Every item must still have an active caller of the team (422 otherwise, nothing changed).
 * A customer never gets a second open task: items whose customer has one by now (from another
 * plan approved since) or who refused visits since get no task, and are recorded as
 * exclusions with their reason, so the plan shows why it has fewer tasks than items. The contact
 * cap holds too (docs/rules.md#r-cad-6-contact-policy): an item whose customer can take no further
 * contact before its window ends gets no task (CONTACT_CAP); one who can later in the window gets a
 * task that starts on that day (`capDays`). Should
 * another approval give one of these customers a task at the very same moment, the unique
 * index on open tasks stops the insert: 409, nothing written, and a retry skips them.
 */
export async function approvePlan(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
  body: z.output<typeof ZPlanApprove>,
): Promise<TPlanDetail> {
  const plan = await loadPlan(prisma, user, id);
  const comment = body.comment || null;
  let tasksCreated = 0;
  await prisma.$transaction(async (tx) => {
    const row = await lockPlan(tx, user, id);
    const steps = stepsOf(row.chain, DEFAULT_APPROVAL_CHAINS.planSteps);
    const step = resolveChainStep(steps, row.status, row.chainStep, user, 'approve');
    if (step.ok && !step.final) {
      await reviewPlan(tx, actor, user, row, comment, step.nextStep);
      return;
    }
    let c: ApprovalCounts = {
      created: 0,
      assigned: 0,
      refused: 0,
      openTask: 0,
      contactCap: 0,
      perCaller: [],
    };
    await planStep(tx, actor, row, 'approve', 'approved', {
      guard: async () => {
        assertAtStep(step);
        await assertCallersActive(tx, user.organizationId, plan.teamId, id);
      },
      write: async () => {
        await tx.$executeRaw`
          UPDATE "VisitPlan"
          SET status = 'APPROVED', "decidedAt" = ${actor.now}::timestamptz, "decidedById" = ${user.id}::uuid,
              "decisionComment" = ${comment}, version = version + 1, "updatedAt" = ${actor.now}::timestamptz
          WHERE id = ${id}::uuid`;
        c = await createTasks(tx, actor, user, id);
        await settlePlannedVisits(tx, user.organizationId, id, actor.now);
      },
      history: () =>
        tx.planReview.create({ data: { planId: id, action: 'APPROVE', actorId: user.id, comment } }),
      audit: () => ({
        before: { status: 'SUBMITTED' },
        after: {
          status: 'APPROVED',
          tasksCreated: c.created,
          skipped: { REFUSED_VISITS: c.refused, HAS_OPEN_TASK: c.openTask, CONTACT_CAP: c.contactCap },
          comment,
        },
      }),
      // Each caller hears how many tasks the plan gave them.
      notifications: () =>
        c.perCaller.map((r) => ({
          userIds: [r.userId],
          type: 'TASK_ASSIGNED' as const,
          entity: 'VisitPlan',
          entityId: id,
          payload: { month: plan.month, count: r.count },
        })),
    });
    tasksCreated = c.created;
  });
  // The plan's tasks are exactly the ones just created (only an approval creates them, once).
  return planDetail(prisma, user, id, { tasksCreated });
}

interface ApprovalCounts {
  created: number;
  assigned: number;
  refused: number;
  openTask: number;
  contactCap: number;
  perCaller: Array<{ userId: string; count: number }>;
}

/**
 * The first day one more contact with each item's customer fits, for the items where that is later
 * than the day their task could start (the window's first day, or today when the window has begun).
 * Only customers with at least `maxContacts` contacts in the policy's window are read back.
 */
async function capDays(tx: Tx, actor: Actor, user: SessionUser, id: string): Promise<Map<string, string>> {
  const policy = await contactPolicyOf(tx, user.organizationId);
  const today = dayIn(actor.now, user.timezone);
  const rows = await tx.$queryRaw<Array<{ itemId: string; from: string; days: string[] }>>`
      SELECT i.id::text AS "itemId",
             to_char(GREATEST(i."windowFrom", ${today}::date), 'YYYY-MM-DD') AS "from",
             array_agg(to_char((r."startedAt" AT TIME ZONE ${user.timezone})::date, 'YYYY-MM-DD')) AS days
        FROM "PlanItem" i
        JOIN "VisitRecord" r ON r."customerId" = i."customerId"
       WHERE i."planId" = ${id}::uuid
         AND r."organizationId" = ${user.organizationId}::uuid
         AND r."startedAt" >= ${startOfDay(addDays(today, 1 - policy.windowDays), user.timezone)}
         AND r.outcome::text <> ALL(${[...NOT_A_CONTACT_OUTCOMES]}::text[])
       GROUP BY i.id, i."windowFrom"
      HAVING count(*) >= ${policy.maxContacts}`;
  const out = new Map<string, string>();
  for (const r of rows) {
    const cap = contactAllowed(policy, r.days, r.from);
    if (!cap.ok) out.set(r.itemId, cap.notBefore);
  }
  return out;
}

/**
 * One statement: a task per item of the approved plan, its first assignment, and an exclusion
 * for every item left out (the customer refuses visits, has an open task by now, or can take no
 * further contact before the item's window ends). A task whose customer can take one later in the
 * window starts on that day.
 */
async function createTasks(tx: Tx, actor: Actor, user: SessionUser, id: string): Promise<ApprovalCounts> {
  const caps = await capDays(tx, actor, user, id);
  const capItems = [...caps.keys()];
  const capFrom = capItems.map((k) => caps.get(k)!);
  // One statement: the tasks, their first assignment, and an exclusion for every item left out.
  const [counts] = await tx.$queryRaw<ApprovalCounts[]>`
      WITH cap AS (
        SELECT * FROM unnest(${capItems}::uuid[], ${capFrom}::date[]) AS x("itemId", "notBefore")
      ),
      src AS (
        SELECT i.*, (c."refusesVisits" OR c."visitsPausedAt" IS NOT NULL) AS refuses,
          EXISTS (SELECT 1 FROM "Task" t
                  WHERE t."customerId" = i."customerId" AND ${openTask()}) AS open_task,
          cap."notBefore" AS not_before,
          coalesce(cap."notBefore" > i."windowTo", false) AS capped
        FROM "PlanItem" i JOIN "Customer" c ON c.id = i."customerId"
        LEFT JOIN cap ON cap."itemId" = i.id
        WHERE i."planId" = ${id}::uuid
      ),
      ins AS (
        INSERT INTO "Task" (id, "organizationId", "planId", "planItemId", "customerId", "assigneeId",
          purpose, "questionnaireId", channel, "windowFrom", "windowTo", "dueDate", status, attempts,
          version, "createdAt", "updatedAt")
        SELECT gen_random_uuid(), ${user.organizationId}::uuid, s."planId", s.id, s."customerId", s."callerId",
          s.purpose, s."questionnaireId", s.channel, GREATEST(s."windowFrom", s.not_before), s."windowTo",
          GREATEST(s."dueDate", s.not_before), 'PENDING', 0, 1, ${actor.now}::timestamptz, ${actor.now}::timestamptz
        FROM src s
        WHERE NOT s.refuses AND NOT s.open_task AND NOT s.capped
        RETURNING id, "assigneeId"
      ),
      asg AS (
        INSERT INTO "TaskAssignment" (id, "taskId", "fromUserId", "toUserId", "byUserId", reason, "createdAt")
        SELECT gen_random_uuid(), ins.id, NULL, ins."assigneeId", ${user.id}::uuid, NULL::text, ${actor.now}::timestamptz
        FROM ins
        RETURNING 1
      ),
      exc AS (
        INSERT INTO "PlanExclusion" (id, "planId", "customerId", reason, "createdAt")
        SELECT gen_random_uuid(), s."planId", s."customerId",
          CASE WHEN s.refuses THEN 'REFUSED_VISITS' WHEN s.open_task THEN 'HAS_OPEN_TASK' ELSE 'CONTACT_CAP' END,
          ${actor.now}::timestamptz
        FROM src s
        WHERE s.refuses OR s.open_task OR s.capped
        ON CONFLICT ("planId", "customerId") DO UPDATE SET reason = EXCLUDED.reason
        RETURNING reason
      )
      SELECT (SELECT count(*) FROM ins)::int AS created,
             (SELECT count(*) FROM asg)::int AS assigned,
             (SELECT count(*) FROM exc WHERE reason = 'REFUSED_VISITS')::int AS refused,
             (SELECT count(*) FROM exc WHERE reason = 'HAS_OPEN_TASK')::int AS "openTask",
             (SELECT count(*) FROM exc WHERE reason = 'CONTACT_CAP')::int AS "contactCap",
             (SELECT coalesce(json_agg(json_build_object('userId', x.uid, 'count', x.n) ORDER BY x.uid), '[]')
                FROM (SELECT "assigneeId"::text AS uid, count(*)::int AS n FROM ins GROUP BY 1) x) AS "perCaller"`.catch(
    (error: unknown) => {
      // the partial unique index of migration 20261124090000_one_open_task_per_customer
      if (violates(error, 'Task_one_open_per_customer')) {
        throw conflict(
          'Another plan approved at the same moment gave some of these customers a task; ' +
            'nothing was changed, approve again to skip them',
          { reason: 'OPEN_TASK' },
        );
      }
      throw error;
    },
  );
  const c = counts ?? { created: 0, assigned: 0, refused: 0, openTask: 0, contactCap: 0, perCaller: [] };
  if (c.assigned !== c.created) throw new Error('task assignments do not match the tasks created');
  return c;
}

/**
 * Every item of the plan has a caller who is still an active CALLER of the plan's team (the
 * same rule as on submission, checked again: a caller may have left since). Else 422 with the
 * items (the first 50) and the callers concerned.
 */
async function assertCallersActive(tx: Tx, organizationId: string, teamId: string, planId: string) {
  // The common case, everything in order, in one statement; the details only when it is not.
  const [bad] = await tx.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM "PlanItem" i
    WHERE i."planId" = ${planId}::uuid
      AND (i."callerId" IS NULL OR NOT EXISTS (
        SELECT 1 FROM "User" u
        WHERE u.id = i."callerId" AND u."organizationId" = ${organizationId}::uuid
          AND u."teamId" = ${teamId}::uuid AND u.role = 'CALLER' AND u.active))`;
  if ((bad?.n ?? 0) === 0) return;
  const callers = (await teamCallers(tx, organizationId, teamId)).map((c) => c.id);
  const where: Prisma.PlanItemWhereInput = {
    planId,
    OR: [{ callerId: null }, { callerId: { notIn: callers } }],
  };
  const count = await tx.planItem.count({ where });
  if (count === 0) return;
  const rows = await tx.planItem.findMany({
    where,
    select: { id: true, customerId: true, callerId: true },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
  });
  const perCaller = new Map<string, number>();
  for (const r of rows) if (r.callerId) perCaller.set(r.callerId, (perCaller.get(r.callerId) ?? 0) + 1);
  const names = await userNames(tx, [...perCaller.keys()]);
  const unassigned = rows.filter((r) => r.callerId === null).length;
  throw ruleViolation('Every customer in the plan needs an active caller of the team', {
    unassigned,
    inactiveCaller: count - unassigned,
    callers: [...perCaller].map(([callerId, items]) => ({
      id: callerId,
      name: names.get(callerId) ?? null,
      items,
    })),
    items: rows.slice(0, 50).map((r) => ({ itemId: r.id, customerId: r.customerId, callerId: r.callerId })),
  });
}

/** SUBMITTED → REJECTED with the manager's comment; the lead reworks it and submits again. */
export async function rejectPlan(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
  body: z.output<typeof ZPlanReject>,
): Promise<TPlanDetail> {
  await loadPlan(prisma, user, id);
  await prisma.$transaction(async (tx) => {
    const row = await lockPlan(tx, user, id);
    const step = resolveChainStep(
      stepsOf(row.chain, DEFAULT_APPROVAL_CHAINS.planSteps),
      row.status,
      row.chainStep,
      user,
      'return',
    );
    await planStep(tx, actor, row, 'reject', 'rejected', {
      guard: () => assertAtStep(step),
      write: async () => {
        await tx.$executeRaw`
          UPDATE "VisitPlan"
          SET status = 'REJECTED', "decidedAt" = ${actor.now}::timestamptz, "decidedById" = ${user.id}::uuid,
              "decisionComment" = ${body.comment}, version = version + 1, "updatedAt" = ${actor.now}::timestamptz
          WHERE id = ${id}::uuid`;
      },
      history: () =>
        tx.planReview.create({
          data: { planId: id, action: 'REJECT', actorId: user.id, comment: body.comment },
        }),
      audit: { before: { status: 'SUBMITTED' }, after: { status: 'REJECTED', comment: body.comment } },
    });
  });
  return planDetail(prisma, user, id);
}

/** Whether `error` is PostgreSQL's unique violation on the index `index`. */
function violates(error: unknown, index: string): boolean {
  const cause = (
    error as {
      meta?: {
        driverAdapterError?: {
          cause?: { originalCode?: string; originalMessage?: string; constraint?: { index?: string } };
        };
      };
    }
  )?.meta?.driverAdapterError?.cause;
  if (cause?.originalCode !== '23505') return false;
  return cause.constraint?.index === index || (cause.originalMessage ?? '').includes(`"${index}"`);
}

/** A step of the plan's workflow (PLAN_WORKFLOW) on the locked row, refused as before. */
function planStep(
  tx: Tx,
  actor: Actor,
  row: LockedPlan,
  action: ActionOf<typeof PLAN_WORKFLOW>,
  doing: string,
  rest: Omit<
    TransitionSpec<TPlanStatus, typeof action>,
    'workflow' | 'action' | 'row' | 'entity' | 'auditAction'
  >,
) {
  return runTransition(tx, actor, {
    workflow: PLAN_WORKFLOW,
    action,
    row,
    entity: 'VisitPlan',
    auditAction: `PLAN_${action.toUpperCase()}`,
    wrongState: (status, allowed) =>
      conflict(`A ${status.toLowerCase()} plan cannot be ${doing}`, { reason: 'STATUS', status, allowed }),
    ...rest,
  });
}

/** 403 when the user does not act at the plan chain's step due (R-CHAIN-2). */
function assertAtStep(step: ReturnType<typeof resolveChainStep>): void {
  if (!step.ok && step.reason === 'NOT_YOUR_STEP') {
    throw new AppError('FORBIDDEN', 'Another step of the approval chain decides this plan now', {
      reason: 'NOT_YOUR_STEP',
      due: step.due,
    });
  }
}

/**
 * The first step of a two-step plan chain approves (审核): the plan stays SUBMITTED and the next step is
 * due; no task is created until the last step approves.
 */
async function reviewPlan(
  tx: Tx,
  actor: Actor,
  user: SessionUser,
  row: LockedPlan,
  comment: string | null,
  nextStep: number,
): Promise<void> {
  await planStep(tx, actor, row, 'approve', 'approved', {
    write: async () => {
      await tx.$executeRaw`
        UPDATE "VisitPlan" SET "chainStep" = ${nextStep}, version = version + 1,
               "updatedAt" = ${actor.now}::timestamptz
        WHERE id = ${row.id}::uuid`;
    },
    history: () =>
      tx.planReview.create({ data: { planId: row.id, action: 'REVIEW', actorId: user.id, comment } }),
    audit: {
      before: { status: row.status, chainStep: row.chainStep },
      after: { status: row.status, chainStep: nextStep, comment },
    },
  });
}
