// The figures a lead balances with and a manager approves on: load per caller, segments,
// tiers, channels and the customers left out, computed in a few grouped queries.
import type {
  TExcludedCustomer,
  TPlanDetail,
  TPlanFigures,
  TPlanReview,
  TPlanSummary,
} from '@huifang/contracts';
import { actionsFor, DEFAULT_APPROVAL_CHAINS, matchesStep, PLAN_WORKFLOW, stepsOf } from '@huifang/domain';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import { notFound } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { approvalChainsOf } from '../approval-chains/service.ts';
import { assertTeamAccess, teamCallers } from './access.ts';

type Db = PrismaClient | Tx;

export async function planFigures(
  db: Db,
  plan: { id: string; organizationId: string; teamId: string; dailyCap: number },
): Promise<TPlanFigures> {
  const [callers, groups, reasons, sample] = await Promise.all([
    teamCallers(db, plan.organizationId, plan.teamId),
    // One pass over the items (joined to their customers once): load per caller and day,
    // totals, segments, tiers and channels, told apart by `kind`.
    db.$queryRaw<
      Array<{
        kind: 'load' | 'total' | 'segment' | 'tier' | 'channel';
        k: string | null;
        day: string | null;
        n: number;
        unassigned: number;
      }>
    >`
      WITH it AS MATERIALIZED (
        SELECT i."callerId"::text AS caller, to_char(i."dueDate", 'YYYY-MM-DD') AS day,
               i.channel::text AS channel, c.segment::text AS segment, c.tier::text AS tier
        FROM "PlanItem" i JOIN "Customer" c ON c.id = i."customerId"
        WHERE i."planId" = ${plan.id}::uuid
      )
      SELECT 'load' AS kind, caller AS k, day, count(*)::int AS n, 0 AS unassigned
        FROM it WHERE caller IS NOT NULL GROUP BY caller, day
      UNION ALL
      SELECT 'total', NULL, NULL, count(*)::int, (count(*) FILTER (WHERE caller IS NULL))::int FROM it
      UNION ALL
      SELECT 'segment', segment, NULL, count(*)::int, 0 FROM it GROUP BY segment
      UNION ALL
      SELECT 'tier', tier, NULL, count(*)::int, 0 FROM it GROUP BY tier
      UNION ALL
      SELECT 'channel', channel, NULL, count(*)::int, 0 FROM it GROUP BY channel`,
    // An exclusion of a customer who is also an item was recorded when the plan was approved.
    db.$queryRaw<Array<{ k: string; atApproval: boolean; n: number }>>`
      SELECT e.reason AS k, (i.id IS NOT NULL) AS "atApproval", count(*)::int AS n
      FROM "PlanExclusion" e
      LEFT JOIN "PlanItem" i ON i."planId" = e."planId" AND i."customerId" = e."customerId"
      WHERE e."planId" = ${plan.id}::uuid GROUP BY 1, 2`,
    db.$queryRaw<Array<TExcludedCustomer>>`
      SELECT c.id AS "customerId", c.name, c.segment::text AS segment, c.tier::text AS tier,
        e.reason, (i.id IS NOT NULL) AS "atApproval"
      FROM "PlanExclusion" e
      JOIN "Customer" c ON c.id = e."customerId"
      LEFT JOIN "PlanItem" i ON i."planId" = e."planId" AND i."customerId" = e."customerId"
      WHERE e."planId" = ${plan.id}::uuid
      ORDER BY 6 DESC, e.reason DESC, c.name ASC, e.id ASC
      LIMIT 50`,
  ]);

  const pick = (kind: (typeof groups)[number]['kind']) =>
    groups.filter((g) => g.kind === kind).map((g) => ({ k: g.k ?? '', day: g.day ?? '', n: g.n }));
  const loads = pick('load').map((g) => ({ callerId: g.k, day: g.day, n: g.n }));
  const totals = groups
    .filter((g) => g.kind === 'total')
    .map((g) => ({ total: g.n, unassigned: g.unassigned }));
  const segments = pick('segment');
  const tiers = pick('tier');
  const channels = pick('channel');
  // Per caller: the active callers of the team (even those with nothing yet), then anybody
  // else still holding items (a caller who left the team after balancing).
  const perCallerMap = new Map<string, { count: number; days: Map<string, number> }>();
  for (const row of loads) {
    const entry = perCallerMap.get(row.callerId) ?? { count: 0, days: new Map() };
    entry.count += row.n;
    entry.days.set(row.day, row.n);
    perCallerMap.set(row.callerId, entry);
  }
  const activeIds = new Set(callers.map((c) => c.id));
  const strayIds = [...perCallerMap.keys()].filter((id) => !activeIds.has(id));
  const strays = strayIds.length
    ? await db.user.findMany({
        where: { id: { in: strayIds } },
        select: { id: true, name: true },
        orderBy: { email: 'asc' },
      })
    : [];
  let overCapDays = 0;
  const perCaller = [
    ...callers.map((c) => ({ ...c, active: true })),
    ...strays.map((c) => ({ ...c, active: false })),
  ].map((c) => {
    const entry = perCallerMap.get(c.id);
    let busiestDay: string | null = null;
    let busiestDayCount = 0;
    for (const [day, n] of [...(entry?.days ?? new Map<string, number>())].sort(([a], [b]) =>
      a.localeCompare(b),
    )) {
      if (n > busiestDayCount) {
        busiestDay = day;
        busiestDayCount = n;
      }
      if (n > plan.dailyCap) overCapDays++;
    }
    return {
      callerId: c.id,
      name: c.name,
      active: c.active,
      count: entry?.count ?? 0,
      busiestDay,
      busiestDayCount,
    };
  });

  const toRecord = (rows: Array<{ k: string; n: number }>) => {
    const out: Record<string, number> = {};
    for (const r of rows) out[r.k] = (out[r.k] ?? 0) + r.n;
    return out;
  };
  const skipped = reasons.filter((r) => r.atApproval);
  return {
    itemCount: totals[0]?.total ?? 0,
    unassigned: totals[0]?.unassigned ?? 0,
    callerCount: callers.length,
    dailyCap: plan.dailyCap,
    overCapDays,
    perCaller,
    perSegment: toRecord(segments),
    perTier: toRecord(tiers),
    perChannel: toRecord(channels),
    excluded: {
      total: reasons.reduce((s, r) => s + r.n, 0),
      byReason: toRecord(reasons),
      sample,
    },
    skipped: {
      total: skipped.reduce((s, r) => s + r.n, 0),
      byReason: toRecord(skipped),
    },
  };
}

const summaryInclude = {
  team: { select: { name: true } },
  _count: { select: { items: true, exclusions: true } },
} as const;

type SummaryRow = {
  id: string;
  month: string;
  title: string;
  focus: string | null;
  status: TPlanSummary['status'];
  teamId: string;
  createdById: string;
  dailyCap: number;
  submittedAt: Date | null;
  decidedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  team: { name: string };
  _count: { items: number; exclusions: number };
};

export function toSummary(p: SummaryRow, names: Map<string, string>): TPlanSummary {
  return {
    id: p.id,
    month: p.month,
    title: p.title,
    focus: p.focus,
    status: p.status,
    teamId: p.teamId,
    teamName: p.team.name,
    createdById: p.createdById,
    creatorName: names.get(p.createdById) ?? null,
    dailyCap: p.dailyCap,
    itemCount: p._count.items,
    excludedCount: p._count.exclusions,
    submittedAt: p.submittedAt?.toISOString() ?? null,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export { summaryInclude };

export async function userNames(db: Db, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The plan with its figures and approval timeline, for the builder and the approval page. */
export async function planDetail(
  db: Db,
  user: SessionUser,
  id: string,
  /** what the caller already knows, so it is not counted again (Task has no index on planId) */
  known: { tasksCreated?: number } = {},
): Promise<TPlanDetail> {
  const plan = await db.visitPlan.findFirst({
    where: { id, organizationId: user.organizationId },
    include: {
      ...summaryInclude,
      reviews: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!plan) throw notFound('Plan');
  assertTeamAccess(user, plan.teamId);
  const [figures, tasksCreated, names] = await Promise.all([
    planFigures(db, plan),
    known.tasksCreated ?? db.task.count({ where: { planId: plan.id, organizationId: user.organizationId } }),
    userNames(db, [plan.createdById, plan.decidedById, ...plan.reviews.map((r) => r.actorId)]),
  ]);
  const reviews: TPlanReview[] = plan.reviews.map((r) => ({
    id: r.id,
    action: r.action as TPlanReview['action'],
    actorId: r.actorId,
    actorName: names.get(r.actorId) ?? null,
    comment: r.comment,
    createdAt: r.createdAt.toISOString(),
  }));
  // The chain it was submitted with (decision 016), or the organisation's while not submitted.
  const chain =
    plan.status === 'SUBMITTED' || plan.status === 'APPROVED'
      ? stepsOf(plan.chain, DEFAULT_APPROVAL_CHAINS.planSteps)
      : (await approvalChainsOf(db, plan.organizationId)).planSteps;
  const due = chain[plan.chainStep];
  const atStep = plan.status === 'SUBMITTED' && !!due && matchesStep(due, user);
  const may = actionsFor(PLAN_WORKFLOW, plan.status, user.role);
  // The last decision-relevant step; a rejection stays on show until the plan is submitted again.
  const lastStep = [...reviews].reverse().find((r) => r.action !== 'EDIT');
  const lastRejection =
    lastStep?.action === 'REJECT'
      ? { comment: lastStep.comment, actorName: lastStep.actorName, createdAt: lastStep.createdAt }
      : null;
  return {
    ...toSummary(plan, names),
    decidedById: plan.decidedById,
    decidedByName: plan.decidedById ? (names.get(plan.decidedById) ?? null) : null,
    decisionComment: plan.decisionComment,
    lastRejection,
    tasksCreated,
    figures,
    reviews,
    can: { ...may, approve: may.approve && atStep, reject: may.reject && atStep },
    chain,
    chainStep: plan.chainStep,
  };
}
