// The customers of a plan: adding them by filter (set-based, with exclusions), balancing them
// over the team's callers, moving one by hand, removing one.
import type {
  TPage,
  TPlanFigures,
  TPlanItem,
  TPlanItemsAddResult,
  TPlanItemsQuery,
  ZPlanBalance,
  ZPlanItemsAdd,
  ZPlanItemUpdate,
} from '@huifang/contracts';
import {
  addDays,
  balancePlan,
  dateToDay,
  dayIn,
  maskPhone,
  monthBounds,
  phoneSearch,
  startOfDay,
} from '@huifang/domain';
import type { z } from 'zod';
import { Prisma } from '../../db/generated/client.ts';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import { openTask } from '../../db/rule-sql.ts';
import { escapeLike, looksLikePhone, phoneWhere } from '../../db/search.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { notFound, ruleViolation } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { assertEditable, loadPlan, lockForEdit, type PlanRow, teamCallers } from './access.ts';
import { planFigures, userNames } from './figures.ts';
import { freePlannedVisit, ruleNames } from './proposals.ts';

function assertWindowInMonth(month: string, from: string, to: string) {
  const { first, last } = monthBounds(month);
  if (from > to) throw ruleViolation('The window ends before it starts', { windowFrom: from, windowTo: to });
  if (from < first || to > last) {
    throw ruleViolation('The visit window must lie inside the plan month', {
      windowFrom: from,
      windowTo: to,
      month,
      first,
      last,
    });
  }
}

/**
 * Runs the balancer over the plan's items and writes its answer back in one UPDATE … FROM
 * unnest(…). Manual items stay where they are unless their caller is no longer an active
 * caller of the team, in which case they are balanced again like the others.
 */
export async function rebalance(
  tx: Tx,
  plan: Pick<PlanRow, 'id' | 'organizationId' | 'teamId' | 'dailyCap'>,
): Promise<{ assigned: number; unassigned: number }> {
  const callers = (await teamCallers(tx, plan.organizationId, plan.teamId)).map((c) => c.id);
  const active = new Set(callers);
  const rows = await tx.planItem.findMany({
    where: { planId: plan.id },
    select: { id: true, windowFrom: true, windowTo: true, callerId: true, dueDate: true, manual: true },
  });
  const items = rows.map((r) => ({
    id: r.id,
    windowFrom: dateToDay(r.windowFrom),
    windowTo: dateToDay(r.windowTo),
    callerId: r.callerId,
    dueDate: dateToDay(r.dueDate),
    manual: r.manual && (r.callerId === null || active.has(r.callerId)),
  }));
  const result = balancePlan({ items, callers, dailyCap: plan.dailyCap });
  const manual = new Set(items.filter((i) => i.manual).map((i) => i.id));
  const byId = new Map(items.map((i) => [i.id, i]));
  const ids: string[] = [];
  const callerIds: Array<string | null> = [];
  const dues: string[] = [];
  const manualFlags: boolean[] = [];
  for (const a of result.assignments) {
    const item = byId.get(a.id)!;
    if (manual.has(a.id) && item.callerId === a.callerId && item.dueDate === a.dueDate) continue;
    ids.push(a.id);
    callerIds.push(a.callerId);
    dues.push(a.dueDate);
    manualFlags.push(manual.has(a.id));
  }
  for (const u of result.unassigned) {
    const item = byId.get(u.id)!;
    ids.push(u.id);
    callerIds.push(manual.has(u.id) ? item.callerId : null);
    dues.push(item.windowTo);
    manualFlags.push(manual.has(u.id));
  }
  if (ids.length > 0) {
    await tx.$executeRaw`
      UPDATE "PlanItem" AS p
      SET "callerId" = u.caller_id, "dueDate" = u.due_date, manual = u.manual
      FROM unnest(CAST(${ids} AS uuid[]), CAST(${callerIds} AS uuid[]), CAST(${dues} AS date[]),
                  CAST(${manualFlags} AS boolean[])) AS u(id, caller_id, due_date, manual)
      WHERE p.id = u.id AND p."planId" = ${plan.id}::uuid`;
  }
  return { assigned: result.assignments.length, unassigned: result.unassigned.length };
}

export async function addItems(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  planId: string,
  body: z.output<typeof ZPlanItemsAdd>,
): Promise<TPlanItemsAddResult> {
  const plan = await loadPlan(prisma, user, planId);
  assertEditable(plan);
  assertWindowInMonth(plan.month, body.windowFrom, body.windowTo);
  if (body.questionnaireId) {
    const q = await prisma.questionnaire.findFirst({
      where: { id: body.questionnaireId, organizationId: user.organizationId, active: true },
      select: { id: true },
    });
    if (!q) throw ruleViolation('No such active questionnaire', { field: 'questionnaireId' });
  }

  const f = body.filter;
  const conds: Prisma.Sql[] = [Prisma.sql`c."organizationId" = ${user.organizationId}::uuid`];
  if (f.segments?.length) conds.push(Prisma.sql`c.segment = ANY(CAST(${f.segments} AS "Segment"[]))`);
  if (f.tiers?.length) conds.push(Prisma.sql`c.tier = ANY(CAST(${f.tiers} AS "Tier"[]))`);
  if (f.programme) conds.push(Prisma.sql`c.programme ILIKE ${`%${escapeLike(f.programme)}%`}`);
  if (f.customerIds?.length) conds.push(Prisma.sql`c.id = ANY(CAST(${f.customerIds} AS uuid[]))`);
  if (f.noVisitDays) {
    // "In the last N days" counts whole days in the organisation's timezone, today included.
    const since = startOfDay(addDays(dayIn(actor.now, user.timezone), -(f.noVisitDays - 1)), user.timezone);
    conds.push(Prisma.sql`NOT EXISTS (
      SELECT 1 FROM "VisitRecord" v
      WHERE v."customerId" = c.id AND v.outcome = 'COMPLETED' AND v."startedAt" >= ${since})`);
  }
  const where = Prisma.join(conds, ' AND ');
  const questionnaireId = body.questionnaireId ?? null;

  return prisma.$transaction(async (tx) => {
    const locked = await lockForEdit(tx, actor, user, planId);
    // One statement: match, insert the new items, record the exclusions (refused visits win
    // over an open task, which wins over another plan), and drop stale exclusions of customers
    // who are now in the plan. "Another plan": a draft, rejected or submitted plan of the
    // organisation for the same month, whose approval would give the customer a second caller.
    const [counts] = await tx.$queryRaw<
      Array<{ added: number; alreadyInPlan: number; refused: number; openTask: number; otherPlan: number }>
    >`
      WITH matched AS (
        SELECT c.id, (c."refusesVisits" OR c."visitsPausedAt" IS NOT NULL) AS refuses, c."preferredChannel" AS preferred,
          EXISTS (SELECT 1 FROM "Task" t
                  WHERE t."customerId" = c.id AND ${openTask()}) AS open_task,
          EXISTS (SELECT 1 FROM "PlanItem" pi
                  WHERE pi."planId" = ${planId}::uuid AND pi."customerId" = c.id) AS in_plan,
          EXISTS (SELECT 1 FROM "PlanItem" oi JOIN "VisitPlan" op ON op.id = oi."planId"
                  WHERE oi."customerId" = c.id AND op.id <> ${planId}::uuid
                    AND op."organizationId" = ${user.organizationId}::uuid AND op.month = ${locked.month}
                    AND op.status IN ('DRAFT', 'REJECTED', 'SUBMITTED')) AS other_plan
        FROM "Customer" c
        WHERE ${where}
      ),
      ins AS (
        INSERT INTO "PlanItem" (id, "planId", "customerId", purpose, "questionnaireId", channel,
          "windowFrom", "windowTo", "dueDate", "callerId", manual, "createdAt")
        SELECT gen_random_uuid(), ${planId}::uuid, m.id, ${body.purpose}, CAST(${questionnaireId} AS uuid),
          COALESCE(m.preferred, CAST(${body.channel} AS "Channel")),
          CAST(${body.windowFrom} AS date), CAST(${body.windowTo} AS date), CAST(${body.windowTo} AS date),
          NULL, false, ${actor.now}::timestamptz
        FROM matched m
        WHERE NOT m.in_plan AND NOT m.refuses AND NOT m.open_task AND NOT m.other_plan
        ON CONFLICT ("planId", "customerId") DO NOTHING
        RETURNING "customerId"
      ),
      exc AS (
        INSERT INTO "PlanExclusion" (id, "planId", "customerId", reason, "createdAt")
        SELECT gen_random_uuid(), ${planId}::uuid, m.id,
          CASE WHEN m.refuses THEN 'REFUSED_VISITS'
               WHEN m.open_task THEN 'HAS_OPEN_TASK'
               ELSE 'IN_OTHER_PLAN' END, ${actor.now}::timestamptz
        FROM matched m
        WHERE NOT m.in_plan AND (m.refuses OR m.open_task OR m.other_plan)
        ON CONFLICT ("planId", "customerId") DO UPDATE SET reason = EXCLUDED.reason
        RETURNING reason
      ),
      cleared AS (
        DELETE FROM "PlanExclusion" e USING ins
        WHERE e."planId" = ${planId}::uuid AND e."customerId" = ins."customerId"
        RETURNING e.id
      )
      SELECT (SELECT count(*) FROM ins)::int AS added,
             (SELECT count(*) FROM matched WHERE in_plan)::int AS "alreadyInPlan",
             (SELECT count(*) FROM exc WHERE reason = 'REFUSED_VISITS')::int AS refused,
             (SELECT count(*) FROM exc WHERE reason = 'HAS_OPEN_TASK')::int AS "openTask",
             (SELECT count(*) FROM exc WHERE reason = 'IN_OTHER_PLAN')::int AS "otherPlan",
             (SELECT count(*) FROM cleared)::int AS cleared`;
    const c = counts ?? { added: 0, alreadyInPlan: 0, refused: 0, openTask: 0, otherPlan: 0 };
    const balance = await rebalance(tx, locked);
    const result = {
      added: c.added,
      alreadyInPlan: c.alreadyInPlan,
      excluded: { REFUSED_VISITS: c.refused, HAS_OPEN_TASK: c.openTask, IN_OTHER_PLAN: c.otherPlan },
      unassigned: balance.unassigned,
    };
    await audit(tx, actor, {
      action: 'PLAN_ITEMS_ADD',
      entity: 'VisitPlan',
      entityId: planId,
      after: {
        filter: f,
        purpose: body.purpose,
        questionnaireId,
        channel: body.channel,
        window: [body.windowFrom, body.windowTo],
        ...result,
      },
    });
    return result;
  });
}

export async function balanceItems(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  planId: string,
  body: z.output<typeof ZPlanBalance>,
): Promise<TPlanFigures> {
  assertEditable(await loadPlan(prisma, user, planId));
  const plan = await prisma.$transaction(async (tx) => {
    let locked = await lockForEdit(tx, actor, user, planId);
    if (body.dailyCap !== undefined && body.dailyCap !== locked.dailyCap) {
      await tx.visitPlan.update({ where: { id: planId }, data: { dailyCap: body.dailyCap } });
      locked = { ...locked, dailyCap: body.dailyCap };
    }
    const result = await rebalance(tx, locked);
    await audit(tx, actor, {
      action: 'PLAN_BALANCE',
      entity: 'VisitPlan',
      entityId: planId,
      after: { dailyCap: locked.dailyCap, ...result },
    });
    return locked;
  });
  return planFigures(prisma, plan);
}

export async function listItems(
  prisma: PrismaClient,
  actor: Actor,
  planId: string,
  q: TPlanItemsQuery,
): Promise<TPage<TPlanItem>> {
  const user = actor.user;
  await loadPlan(prisma, user, planId);
  const search = q.q?.trim();
  // digits search the phone as the customer list does (no more than the masks show)
  const phone = search && looksLikePhone(search) ? phoneSearch(search) : null;
  const where: Prisma.PlanItemWhereInput = {
    planId,
    callerId: q.callerId === 'none' ? null : q.callerId,
    customer: phone
      ? phoneWhere(phone)
      : search
        ? { name: { contains: escapeLike(search), mode: 'insensitive' } }
        : undefined,
  };
  if (phone?.kind === 'exact') {
    await audit(prisma, actor, {
      action: 'CONTACT_SEARCH',
      entity: 'VisitPlan',
      entityId: planId,
      after: { via: 'plan-items' },
    });
  }
  const [total, rows] = await Promise.all([
    prisma.planItem.count({ where }),
    prisma.planItem.findMany({
      where,
      include: {
        customer: { select: { id: true, name: true, phone: true, segment: true, tier: true } },
        questionnaire: { select: { name: true } },
      },
      orderBy: [{ dueDate: 'asc' }, { customer: { name: 'asc' } }, { id: 'asc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
  ]);
  const [names, rules] = await Promise.all([
    userNames(
      prisma,
      rows.map((r) => r.callerId),
    ),
    ruleNames(
      prisma,
      rows.map((r) => r.ruleId),
    ),
  ]);
  return { items: rows.map((r) => toItem(r, names, rules)), total, page: q.page, size: q.size };
}

type ItemRow = Prisma.PlanItemGetPayload<{
  include: {
    customer: { select: { id: true; name: true; phone: true; segment: true; tier: true } };
    questionnaire: { select: { name: true } };
  };
}>;

function toItem(r: ItemRow, names: Map<string, string>, rules: Map<string, string>): TPlanItem {
  return {
    id: r.id,
    customer: {
      id: r.customer.id,
      name: r.customer.name,
      phone: maskPhone(r.customer.phone),
      segment: r.customer.segment,
      tier: r.customer.tier,
    },
    purpose: r.purpose,
    questionnaireId: r.questionnaireId,
    questionnaireName: r.questionnaire?.name ?? null,
    channel: r.channel,
    windowFrom: dateToDay(r.windowFrom),
    windowTo: dateToDay(r.windowTo),
    dueDate: dateToDay(r.dueDate),
    callerId: r.callerId,
    callerName: r.callerId ? (names.get(r.callerId) ?? null) : null,
    manual: r.manual,
    rule: r.ruleId ? { id: r.ruleId, name: rules.get(r.ruleId) ?? '' } : null,
  };
}

/** A manual placement: the lead picks the caller and/or the due day; the balancer keeps it. */
export async function updateItem(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  planId: string,
  itemId: string,
  body: z.output<typeof ZPlanItemUpdate>,
): Promise<TPlanItem> {
  const plan = await loadPlan(prisma, user, planId);
  assertEditable(plan);
  const item = await prisma.planItem.findFirst({ where: { id: itemId, planId } });
  if (!item) throw notFound('Plan item');
  if (body.callerId !== undefined) {
    const caller = await prisma.user.findFirst({
      where: {
        id: body.callerId,
        organizationId: user.organizationId,
        teamId: plan.teamId,
        role: 'CALLER',
        active: true,
      },
      select: { id: true },
    });
    if (!caller) {
      throw ruleViolation('The caller must be an active caller of the plan’s team', { field: 'callerId' });
    }
  }
  if (body.dueDate !== undefined) {
    const from = dateToDay(item.windowFrom);
    const to = dateToDay(item.windowTo);
    if (body.dueDate < from || body.dueDate > to) {
      throw ruleViolation('The due date must lie inside the item’s window', {
        field: 'dueDate',
        windowFrom: from,
        windowTo: to,
      });
    }
  }
  await prisma.$transaction(async (tx) => {
    await lockForEdit(tx, actor, user, planId);
    const data = {
      callerId: body.callerId,
      dueDate: body.dueDate === undefined ? undefined : new Date(`${body.dueDate}T00:00:00.000Z`),
      manual: true,
    };
    await tx.planItem.update({ where: { id: itemId }, data });
    await audit(tx, actor, {
      action: 'PLAN_ITEM_UPDATE',
      entity: 'PlanItem',
      entityId: itemId,
      before: { callerId: item.callerId, dueDate: dateToDay(item.dueDate), manual: item.manual },
      after: {
        callerId: body.callerId ?? item.callerId,
        dueDate: body.dueDate ?? dateToDay(item.dueDate),
        manual: true,
      },
    });
  });
  const row = await prisma.planItem.findUniqueOrThrow({
    where: { id: itemId },
    include: {
      customer: { select: { id: true, name: true, phone: true, segment: true, tier: true } },
      questionnaire: { select: { name: true } },
    },
  });
  return toItem(row, await userNames(prisma, [row.callerId]), await ruleNames(prisma, [row.ruleId]));
}

export async function deleteItem(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  planId: string,
  itemId: string,
): Promise<void> {
  assertEditable(await loadPlan(prisma, user, planId));
  await prisma.$transaction(async (tx) => {
    await lockForEdit(tx, actor, user, planId);
    const item = await tx.planItem.findFirst({ where: { id: itemId, planId } });
    if (!item) throw notFound('Plan item');
    await tx.planItem.delete({ where: { id: itemId } });
    // a rule's proposal taken into the plan may be proposed again
    await freePlannedVisit(tx, user.organizationId, item.cadenceKey);
    await audit(tx, actor, {
      action: 'PLAN_ITEM_DELETE',
      entity: 'PlanItem',
      entityId: itemId,
      before: {
        planId,
        customerId: item.customerId,
        callerId: item.callerId,
        dueDate: dateToDay(item.dueDate),
        ...(item.cadenceKey ? { ruleId: item.ruleId, cadenceKey: item.cadenceKey } : {}),
      },
    });
  });
}
