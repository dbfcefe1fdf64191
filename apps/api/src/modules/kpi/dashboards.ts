// The KPI dashboards (docs/product.md#dashboards) and the trend. Past months are read from their month-close
// snapshots (one indexed read: docs/performance.md#what-follows-for-the-code), the month not closed yet is computed live from
// the KPI statement; ticket figures are one grouped statement.
import type {
  TCallerDashboard,
  TKpiPoint,
  TKpiResult,
  TKpiTrend,
  TKpiTrendQuery,
  TLeadDashboard,
  TManagerDashboard,
  TTargetState,
} from '@huifang/contracts';
import { can } from '@huifang/contracts';
import {
  addDays,
  addMonths,
  computeKpi,
  dayIn,
  daysBetween,
  type KpiResult,
  kpiDueBefore,
  monthBounds,
  monthIn,
  monthPhase,
  netFen,
  projectedCompletion,
  projectedCompletionBp,
  rateBp,
  ratioAtLeast,
  startOfDay,
  sumCounts,
  targetStates,
  tasksToReach,
  withAssessment,
} from '@huifang/domain';
import { type PrismaClient, poolOf } from '../../db/prisma.ts';
import { openTask } from '../../db/rule-sql.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import { FreshCache } from '../../lib/fresh-cache.ts';
import { loadCallerCounts, orgCallerCounts } from '../../presenters/kpi-counts.ts';
import { signOffFigures } from '../approval-chains/sign-off.ts';
import { cappedDeductions } from '../incentives/cap.ts';
import { policyForMonth } from './policy.ts';

type Scope = 'CALLER' | 'TEAM' | 'DEPARTMENT' | 'ORGANIZATION';
const SCOPES: Record<NonNullable<TKpiTrendQuery['scope']>, Scope> = {
  caller: 'CALLER',
  team: 'TEAM',
  department: 'DEPARTMENT',
  organization: 'ORGANIZATION',
};

interface SnapRow {
  month: string;
  subjectId: string;
  name: string;
  teamId: string | null;
  completionBp: number | null;
  passRateBp: number | null;
  satisfactionHundredths: number | null;
  scoreHundredths: number | null;
  grade: string | null;
  figures: unknown;
}

function point(
  month: string,
  subjectId: string,
  name: string,
  k: KpiResult | TKpiResult,
  closed: boolean,
  partial: boolean,
): TKpiPoint {
  return {
    month,
    subjectId,
    name,
    completionBp: k.completionBp,
    passRateBp: k.passRateBp,
    satisfactionHundredths: k.satisfactionHundredths,
    scoreHundredths: k.scoreHundredths,
    grade: k.grade,
    closed,
    partial,
  };
}

const snapPoint = (s: SnapRow): TKpiPoint => ({
  month: s.month,
  subjectId: s.subjectId,
  name: s.name,
  completionBp: s.completionBp,
  passRateBp: s.passRateBp,
  satisfactionHundredths: s.satisfactionHundredths,
  scoreHundredths: s.scoreHundredths,
  grade: s.grade as TKpiPoint['grade'],
  closed: true,
  partial: false,
});

/** A KPI read from a month-close snapshot, with the assessment a snapshot taken before it existed lacks. */
const snapKpi = (figures: unknown): TKpiResult => withAssessment((figures as { kpi: TKpiResult }).kpi);

async function snapshots(
  prisma: PrismaClient,
  org: string,
  scope: Scope,
  from: string,
  to: string,
  subjectId?: string,
  withFigures = false,
): Promise<SnapRow[]> {
  // The trend needs the headline columns and the name; the whole KPI (figures) only when asked.
  // A read of up to thousands of narrow rows: sent as a prepared statement straight through the
  // pool, as the session read is (the ORM's row mapping cost more than the read itself).
  const { rows } = await poolOf(prisma).query<SnapRow>({
    name: 'hf_kpi_snapshots',
    text: `
      SELECT month, "subjectId"::text AS "subjectId", name, "teamId"::text AS "teamId", "completionBp",
             "passRateBp", "satisfactionHundredths", "scoreHundredths", grade,
             CASE WHEN $6::boolean THEN figures END AS figures
        FROM "KpiSnapshot"
       WHERE "organizationId" = $1::uuid AND scope = $2 AND month BETWEEN $3 AND $4
         AND ($5::uuid IS NULL OR "subjectId" = $5::uuid)
       ORDER BY month, "subjectId"`,
    values: [org, scope, from, to, subjectId ?? null, withFigures],
  });
  return rows;
}

/** GET /api/kpi/trend: closed months only, from their snapshots. */
export async function getTrend(prisma: PrismaClient, actor: Actor, q: TKpiTrendQuery): Promise<TKpiTrend> {
  const user = actor.user;
  const to = q.to ?? monthIn(actor.now, user.timezone);
  const from = addMonths(to, -(q.months - 1));
  const scopeKey =
    q.scope ??
    (can(user.role, 'kpi:read:any') ? 'organization' : can(user.role, 'kpi:read:team') ? 'team' : 'caller');
  const scope = SCOPES[scopeKey];
  let subject = q.id;
  // Callers see their own line only; a lead their team and its callers.
  if (!can(user.role, 'kpi:read:any')) {
    if (can(user.role, 'kpi:read:team')) {
      if (scope === 'TEAM') subject = user.teamId ?? undefined;
      else if (scope === 'CALLER') {
        if (subject) {
          const u = await prisma.user.findFirst({
            where: { id: subject, organizationId: user.organizationId },
          });
          if (!u || u.teamId !== user.teamId) throw notFound('Caller');
        }
      } else throw forbidden('You can see your team’s figures only');
    } else {
      if (scope !== 'CALLER') throw forbidden('You can only see your own figures');
      subject = user.id;
    }
  }
  let rows = await snapshots(
    prisma,
    user.organizationId,
    scope,
    from,
    to,
    scope === 'ORGANIZATION' ? user.organizationId : subject,
  );
  if (scope === 'CALLER' && !subject && !can(user.role, 'kpi:read:any')) {
    rows = rows.filter((r) => r.teamId === user.teamId);
  }
  const points = rows
    .map(snapPoint)
    .sort((a, b) => a.month.localeCompare(b.month) || a.name.localeCompare(b.name, 'zh-CN'));
  return { scope: scopeKey, from, to, points };
}

/** Days of a month in organisation time: elapsed (today included) and in total. */
function monthDays(month: string, tz: string, now: Date): { elapsed: number; total: number } {
  const { first, last } = monthBounds(month);
  const total = daysBetween(first, last).length;
  const today = dayIn(now, tz);
  if (today < first) return { elapsed: 0, total };
  if (today > last) return { elapsed: total, total };
  return { elapsed: daysBetween(first, today).length, total };
}

function light(value: number | null, target: number, state: TTargetState) {
  return { value, target, state };
}

/**
 * The manager's dashboard, shared like the live figures it is built on (presenters/kpi-counts.ts):
 * computed at most once per `managerFigures.maxAgeMs` per organisation, month and day for every
 * manager who opens it meanwhile, and never older in all than that age counted from the live
 * figures' own `asOf` (buildApp sets it from HUIFANG_LIVE_FIGURES_SECONDS; 0 in tests).
 */
export const managerFigures = new FreshCache<TManagerDashboard>(0);

export async function managerDashboard(
  prisma: PrismaClient,
  actor: Actor,
  monthQ: string | undefined,
): Promise<TManagerDashboard> {
  const { organizationId, timezone } = actor.user;
  const month = monthQ ?? monthIn(actor.now, timezone);
  const key = `${organizationId}|${month}|${timezone}|${dayIn(actor.now, timezone)}`;
  const shared = await managerFigures.get(
    key,
    actor.now,
    () => computeManagerDashboard(prisma, actor, month),
    (d) => (d.asOf ? new Date(d.asOf) : null),
  );
  return shared.value;
}

async function computeManagerDashboard(
  prisma: PrismaClient,
  actor: Actor,
  month: string,
): Promise<TManagerDashboard> {
  const user = actor.user;
  const org = user.organizationId;
  const tz = user.timezone;
  const { first, last } = monthBounds(month);
  const fromTs = startOfDay(first, tz);
  const toTs = startOfDay(addDays(last, 1), tz);
  const now = actor.now;
  const today = dayIn(now, tz);
  const phase = monthPhase(month, today);
  const dueBefore = kpiDueBefore(month, today);

  const [policy, monthSnaps, trendSnaps, teams, depts, sheet, items, tickets] = await Promise.all([
    policyForMonth(prisma, org, month),
    prisma.kpiSnapshot.findMany({
      where: { organizationId: org, month, scope: { in: ['CALLER', 'DEPARTMENT'] } },
      select: { scope: true, subjectId: true, figures: true },
    }),
    snapshots(prisma, org, 'ORGANIZATION', addMonths(month, -11), month, org, true),
    prisma.team.findMany({ where: { organizationId: org }, select: { id: true, name: true } }),
    prisma.department.findMany({ where: { organizationId: org }, select: { id: true, name: true } }),
    prisma.monthClose.findUnique({
      where: { organizationId_month: { organizationId: org, month } },
      select: { status: true, computedAt: true },
    }),
    prisma.incentiveItem.findMany({
      where: { organizationId: org, month, status: { in: ['PROPOSED', 'APPROVED'] } },
      select: {
        id: true,
        organizationId: true,
        closeId: true,
        userId: true,
        kind: true,
        amountFen: true,
        status: true,
      },
    }),
    prisma.$queryRaw<
      Array<{ created: number; responded: number; onTime: number; overdueNow: number; closed: number }>
    >`
      SELECT
        (count(*) FILTER (WHERE "createdAt" >= ${fromTs} AND "createdAt" < ${toTs}))::int AS created,
        (count(*) FILTER (WHERE "respondedAt" >= ${fromTs} AND "respondedAt" < ${toTs}))::int AS responded,
        (count(*) FILTER (WHERE "respondedAt" >= ${fromTs} AND "respondedAt" < ${toTs}
           AND "respondedAt" <= "dueAt"))::int AS "onTime",
        (count(*) FILTER (WHERE status IN ('OPEN', 'IN_PROGRESS', 'REOPENED') AND "pausedAt" IS NULL
           AND "dueAt" < ${now}))::int AS "overdueNow",
        (count(*) FILTER (WHERE "closedAt" >= ${fromTs} AND "closedAt" < ${toTs}))::int AS closed
      FROM "IssueTicket"
      WHERE "organizationId" = ${org}::uuid
        AND ("createdAt" < ${toTs}) AND ("closedAt" IS NULL OR "closedAt" >= ${fromTs})`,
  ]);
  const p = policy.values;
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const deptName = new Map(depts.map((d) => [d.id, d.name]));

  // The month: its snapshot when closed, else live.
  type CallerFig = { id: string; name: string; teamId: string | null; kpi: TKpiResult };
  let callers: CallerFig[];
  let departments: { id: string; kpi: TKpiResult }[];
  let orgKpi: TKpiResult;
  const closed = monthSnaps.length > 0;
  /** when live figures were computed (shared for a minute: presenters/kpi-counts.ts) */
  let asOf: Date | null = null;
  if (closed) {
    const f = (x: unknown) => x as { kpi: TKpiResult; name: string; teamId: string | null };
    callers = monthSnaps
      .filter((s) => s.scope === 'CALLER')
      .map((s) => ({
        id: s.subjectId,
        name: f(s.figures).name,
        teamId: f(s.figures).teamId,
        kpi: snapKpi(s.figures),
      }));
    departments = monthSnaps
      .filter((s) => s.scope === 'DEPARTMENT')
      .map((s) => ({ id: s.subjectId, kpi: snapKpi(s.figures) }));
    const o = trendSnaps.find((s) => s.month === month);
    orgKpi = o ? snapKpi(o.figures) : computeKpi(sumCounts(callers.map((c) => c.kpi.counts)), p);
  } else {
    // not closed: live, and a month not over on what was due so far (docs/rules.md#r-kpi-12-a-month-in-progress)
    const live = await orgCallerCounts(prisma, org, month, tz, dueBefore, now);
    asOf = live.asOf;
    const rows = live.value;
    callers = rows.map((r) => ({
      id: r.userId,
      name: r.name,
      teamId: r.teamId,
      kpi: computeKpi(r.counts, p),
    }));
    const byDept = new Map<string, typeof rows>();
    for (const r of rows)
      if (r.departmentId) byDept.set(r.departmentId, [...(byDept.get(r.departmentId) ?? []), r]);
    departments = [...byDept.entries()].map(([id, rs]) => ({
      id,
      kpi: computeKpi(sumCounts(rs.map((r) => r.counts)), p),
    }));
    orgKpi = computeKpi(sumCounts(rows.map((r) => r.counts)), p);
  }
  callers.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id));

  const trend = trendSnaps.filter((s) => s.month !== month).map(snapPoint);
  trend.push(point(month, org, '', orgKpi, closed, !closed && phase !== 'PAST'));

  const grades = ['A', 'B', 'C', 'D', 'E'] as const;
  // deductions as the sheet shows them: cut to each person's cap (docs/rules.md#r-inc-11-deduction-cap)
  const caps = await cappedDeductions(prisma, items);
  const money = netFen(
    items.map((i) => ({ kind: i.kind, amountFen: caps.get(i.id)?.amountFen ?? i.amountFen })),
  );
  const orgStates = targetStates(orgKpi, p.targets);
  const tk = tickets[0] ?? { created: 0, responded: 0, onTime: 0, overdueNow: 0, closed: 0 };
  return {
    month,
    asOf: asOf?.toISOString() ?? null,
    closed,
    phase,
    dueBefore: closed ? null : dueBefore,
    policyVersion: policy.version,
    targets: p.targets,
    callers: callers.map((c) => ({
      id: c.id,
      name: c.name,
      teamName: c.teamId ? (teamName.get(c.teamId) ?? null) : null,
      completionBp: c.kpi.completionBp,
      passRateBp: c.kpi.passRateBp,
      satisfactionHundredths: c.kpi.satisfactionHundredths,
      scoreHundredths: c.kpi.scoreHundredths,
      grade: c.kpi.grade,
      unassessed: c.kpi.unassessed,
      assessedWeight: c.kpi.assessedWeight,
    })),
    trend,
    gradeDistribution: grades.map((g) => ({
      grade: g,
      count: callers.filter((c) => c.kpi.grade === g).length,
    })),
    ungraded: callers.filter((c) => c.kpi.grade === null).length,
    incentives: {
      sheetStatus: sheet?.computedAt ? (sheet.status as 'OPEN' | 'APPROVED') : 'NONE',
      proposed: items.filter((i) => i.status === 'PROPOSED').length,
      approved: items.filter((i) => i.status === 'APPROVED').length,
      bonusFen: money.bonusFen,
      deductionFen: money.deductionFen,
    },
    tickets: {
      created: tk.created,
      responded: tk.responded,
      respondedOnTime: tk.onTime,
      onTimeBp: rateBp(tk.onTime, tk.responded),
      overdueNow: tk.overdueNow,
      closed: tk.closed,
    },
    organization: {
      completion: light(orgKpi.completionBp, p.targets.completionBp, orgStates.completion),
      passRate: light(orgKpi.passRateBp, p.targets.passRateBp, orgStates.passRate),
      satisfaction: light(
        orgKpi.satisfactionHundredths,
        p.targets.satisfactionHundredths,
        orgStates.satisfaction,
      ),
    },
    departments: departments
      .map((d) => {
        const s = targetStates(d.kpi, p.targets);
        return {
          id: d.id,
          name: deptName.get(d.id) ?? '',
          completion: light(d.kpi.completionBp, p.targets.completionBp, s.completion),
          passRate: light(d.kpi.passRateBp, p.targets.passRateBp, s.passRate),
          satisfaction: light(d.kpi.satisfactionHundredths, p.targets.satisfactionHundredths, s.satisfaction),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
  };
}

/**
 * Open tasks per caller as of the month: open (due in the month or left over from before it),
 * overdue (open and due before today — what the workbench's 已逾期 counts; none for a month not yet
 * begun), due today. Left-overs count, so 我的绩效 and the workbench agree (docs/rules.md R-KPI-11).
 */
async function openTasks(prisma: PrismaClient, org: string, month: string, today: string, userIds: string[]) {
  const { first, last } = monthBounds(month);
  if (userIds.length === 0) return new Map<string, { open: number; overdue: number; dueToday: number }>();
  const rows = await prisma.$queryRaw<
    Array<{ userId: string; open: number; overdue: number; dueToday: number }>
  >`
    SELECT "assigneeId" AS "userId", count(*)::int AS open,
           (count(*) FILTER (WHERE "dueDate" < ${today}::date AND ${first}::date <= ${today}::date))::int
             AS overdue,
           (count(*) FILTER (WHERE "dueDate" = ${today}::date))::int AS "dueToday"
    FROM "Task"
    WHERE "organizationId" = ${org}::uuid AND ${openTask('status')}
      AND "dueDate" <= ${last}::date
      AND "assigneeId" = ANY(${userIds}::uuid[])
    GROUP BY 1`;
  return new Map(rows.map((r) => [r.userId, r]));
}

export async function callerDashboard(
  prisma: PrismaClient,
  actor: Actor,
  q: { month?: string; userId?: string },
): Promise<TCallerDashboard> {
  const user = actor.user;
  const org = user.organizationId;
  const tz = user.timezone;
  const month = q.month ?? monthIn(actor.now, tz);
  const targetId = q.userId ?? user.id;
  if (targetId !== user.id) {
    // The drill-down: managers and administrators anyone, a lead their team's callers.
    const other = await prisma.user.findFirst({ where: { id: targetId, organizationId: org } });
    if (!other) throw notFound('Caller');
    const mayRead =
      can(user.role, 'kpi:read:any') || (can(user.role, 'kpi:read:team') && other.teamId === user.teamId);
    if (!mayRead) throw notFound('Caller');
  }
  const subject = await prisma.user.findUniqueOrThrow({
    where: { id: targetId },
    select: { id: true, name: true, team: { select: { name: true } } },
  });
  const now = actor.now;
  const today = dayIn(now, tz);
  const phase = monthPhase(month, today);
  const dueBefore = kpiDueBefore(month, today);
  const [policy, rows, open, trendSnaps] = await Promise.all([
    policyForMonth(prisma, org, month),
    loadCallerCounts(prisma, org, month, tz, { userId: targetId, dueBefore }),
    openTasks(prisma, org, month, today, [targetId]),
    snapshots(prisma, org, 'CALLER', addMonths(month, -11), month, targetId, true),
  ]);
  const p = policy.values;
  const counts = rows[0]?.counts ?? sumCounts([]);
  const assignedInMonth = rows[0]?.assignedInMonth ?? 0;
  // A closed month shows the figures it was closed with (what the manager's dashboard shows too).
  const closedSnap = trendSnaps.find((x) => x.month === month);
  const kpi = closedSnap ? snapKpi(closedSnap.figures) : computeKpi(counts, p);
  const o = open.get(targetId) ?? { open: 0, overdue: 0, dueToday: 0 };
  const trend = trendSnaps.filter((s) => s.month !== month).map(snapPoint);
  trend.push(point(month, targetId, subject.name, kpi, !!closedSnap, !closedSnap && phase !== 'PAST'));
  return {
    month,
    phase,
    dueBefore: closedSnap ? null : dueBefore,
    assignedInMonth,
    gradeBands: p.gradeBands,
    user: { id: subject.id, name: subject.name, teamName: subject.team?.name ?? null },
    targets: p.targets,
    kpi,
    remaining: {
      // what is left of the whole month, not only of what was due so far
      toFullCompletion: assignedInMonth - counts.done,
      open: o.open,
      overdue: o.overdue,
      dueToday: o.dueToday,
      toAvoidWarning: tasksToReach(assignedInMonth, counts.done, p.warning.belowCompletionBp),
    },
    days: monthDays(month, tz, now),
    trend,
    warningThresholdBp: p.warning.belowCompletionBp,
    retrainingThresholdBp: p.retraining.belowPassRateBp,
  };
}

export async function leadDashboard(
  prisma: PrismaClient,
  actor: Actor,
  monthQ: string | undefined,
): Promise<TLeadDashboard> {
  const user = actor.user;
  const org = user.organizationId;
  const tz = user.timezone;
  const month = monthQ ?? monthIn(actor.now, tz);
  const now = actor.now;
  const phase = monthPhase(month, dayIn(now, tz));
  const dueBefore = kpiDueBefore(month, dayIn(now, tz));
  const team = user.teamId
    ? await prisma.team.findFirst({
        where: { id: user.teamId, organizationId: org },
        select: { id: true, name: true },
      })
    : null;
  const [policy, live, trendSnaps] = await Promise.all([
    policyForMonth(prisma, org, month),
    orgCallerCounts(prisma, org, month, tz, dueBefore, now),
    team ? snapshots(prisma, org, 'TEAM', addMonths(month, -11), month, team.id) : Promise.resolve([]),
  ]);
  const p = policy.values;
  const all = live.value;
  const rows = team ? all.filter((r) => r.teamId === team.id) : [];
  const open = await openTasks(
    prisma,
    org,
    month,
    dayIn(now, tz),
    rows.map((r) => r.userId),
  );
  const days = monthDays(month, tz, now);
  const callers = rows.map((r) => {
    const kpi = computeKpi(r.counts, p);
    const o = open.get(r.userId) ?? { open: 0, overdue: 0, dueToday: 0 };
    // projected over the whole month's tasks, not only those due so far
    const projected = projectedCompletionBp(r.assignedInMonth, r.counts.done, days.elapsed, days.total);
    // Risks compared exactly, on the unrounded projection and counts (docs/rules.md#r-num-2-targets-are-compared-exactly).
    const exact = projectedCompletion(r.assignedInMonth, r.counts.done, days.elapsed, days.total);
    const risks: ('COMPLETION' | 'PASS_RATE')[] = [];
    if (exact && !ratioAtLeast(exact.num, exact.den, p.warning.belowCompletionBp, 10000))
      risks.push('COMPLETION');
    if (
      r.counts.inspected > 0 &&
      !ratioAtLeast(r.counts.passed, r.counts.inspected, p.retraining.belowPassRateBp, 10000)
    )
      risks.push('PASS_RATE');
    return {
      id: r.userId,
      name: r.name,
      kpi,
      open: o.open,
      overdue: o.overdue,
      projectedCompletionBp: projected,
      risks,
    };
  });
  callers.sort((a, b) => b.risks.length - a.risks.length || a.name.localeCompare(b.name, 'zh-CN'));
  const total = computeKpi(sumCounts(rows.map((r) => r.counts)), p);
  const trend = trendSnaps.filter((s) => s.month !== month).map(snapPoint);
  if (team) trend.push(point(month, team.id, team.name, total, false, phase !== 'PAST'));
  return {
    month,
    asOf: live.asOf.toISOString(),
    phase,
    dueBefore,
    team,
    targets: p.targets,
    total,
    days,
    callers,
    trend,
    signOff: await signOffFigures(prisma, org, team?.id ?? null, month, tz),
  };
}
