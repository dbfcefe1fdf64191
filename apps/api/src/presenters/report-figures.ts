// Read model of the monthly visit report: the figures of a month (optionally one team), computed
// in PostgreSQL with a handful of grouped statements. Month bounds are in the organisation's
// timezone: task due days are local days already; instants are compared with the month's first
// and next month's first local midnight.
import type { TReportCallerRow, TReportFigures } from '@huifang/contracts';
import {
  addDays,
  distributionStats,
  formatHundredths,
  meanHundredths,
  monthBounds,
  rateBp,
  ratio,
  startOfDay,
} from '@huifang/domain';
import type { PrismaClient, Tx } from '../db/prisma.ts';
import { creditedTask, finishedTask } from '../db/rule-sql.ts';

type Db = PrismaClient | Tx;

export interface FiguresScope {
  organizationId: string;
  month: string;
  teamId: string | null;
  timezone: string;
  now: Date;
}

/** How many problem categories the report lists. */
const TOP_PROBLEMS = 5;

export async function computeReportFigures(db: Db, scope: FiguresScope): Promise<TReportFigures> {
  const { organizationId: org, month, teamId, timezone } = scope;
  const now = scope.now;
  const { first, last } = monthBounds(month);
  const from = startOfDay(first, timezone);
  const to = startOfDay(addDays(last, 1), timezone);
  // NULL team: the whole organisation. The team of a person is their team today.
  const team = teamId;

  const [tasks, sats, insps, findings, problems, tickets, members] = await Promise.all([
    db.$queryRaw<Array<{ userId: string; assigned: number; done: number }>>`
      SELECT t."assigneeId" AS "userId",
             count(*)::int AS assigned,
             (count(*) FILTER (WHERE ${finishedTask()}))::int AS done
      FROM "Task" t JOIN "User" u ON u.id = t."assigneeId"
      WHERE t."organizationId" = ${org}::uuid AND t.status <> 'CANCELLED'
        AND t."dueDate" BETWEEN ${first}::date AND ${last}::date
        AND (${team}::uuid IS NULL OR u."teamId" = ${team}::uuid)
        AND ${creditedTask('t')}
      GROUP BY 1`,
    db.$queryRaw<Array<{ userId: string; score: number; n: number }>>`
      SELECT v."callerId" AS "userId", v.satisfaction AS score, count(*)::int AS n
      FROM "VisitRecord" v JOIN "User" u ON u.id = v."callerId"
      WHERE v."organizationId" = ${org}::uuid AND v.outcome = 'COMPLETED'
        AND v.satisfaction BETWEEN 1 AND 5
        AND v."startedAt" >= ${from} AND v."startedAt" < ${to}
        AND (${team}::uuid IS NULL OR u."teamId" = ${team}::uuid)
      GROUP BY 1, 2`,
    db.$queryRaw<Array<{ userId: string; inspected: number; passed: number }>>`
      SELECT i."callerId" AS "userId", count(*)::int AS inspected,
             (count(*) FILTER (WHERE i."effectivePassed"))::int AS passed
      FROM "Inspection" i
      JOIN "VisitRecord" v ON v.id = i."visitId"
      JOIN "User" u ON u.id = i."callerId"
      WHERE i."organizationId" = ${org}::uuid AND i.status = 'SUBMITTED'
        AND v."startedAt" >= ${from} AND v."startedAt" < ${to}
        AND (${team}::uuid IS NULL OR u."teamId" = ${team}::uuid)
      GROUP BY 1`,
    db.$queryRaw<Array<{ finding: string; n: number }>>`
      SELECT f AS finding, count(*)::int AS n
      FROM "Inspection" i
      JOIN "VisitRecord" v ON v.id = i."visitId"
      JOIN "User" u ON u.id = i."callerId"
      CROSS JOIN LATERAL unnest(i.findings) AS f
      WHERE i."organizationId" = ${org}::uuid AND i.status = 'SUBMITTED'
        AND v."startedAt" >= ${from} AND v."startedAt" < ${to}
        AND (${team}::uuid IS NULL OR u."teamId" = ${team}::uuid)
      GROUP BY 1 ORDER BY 2 DESC, 1 ASC`,
    db.$queryRaw<Array<{ category: string; n: number }>>`
      SELECT t.category::text AS category, count(*)::int AS n
      FROM "IssueTicket" t
      WHERE t."organizationId" = ${org}::uuid
        AND t."createdAt" >= ${from} AND t."createdAt" < ${to}
        AND (${team}::uuid IS NULL OR EXISTS (
          SELECT 1 FROM "User" u WHERE u.id IN (t."callerId", t."raisedById") AND u."teamId" = ${team}::uuid))
      GROUP BY 1 ORDER BY 2 DESC, 1 ASC`,
    // Created, overdue now and reopened: tickets created in the month; closed and responded:
    // those events falling in the month. On time = responded no later than the (pause-adjusted) due time.
    db.$queryRaw<
      Array<{
        created: number;
        closed: number;
        onTime: number;
        late: number;
        overdueNow: number;
        reopened: number;
      }>
    >`
      SELECT
        (count(*) FILTER (WHERE t."createdAt" >= ${from} AND t."createdAt" < ${to}))::int AS created,
        (count(*) FILTER (WHERE t."closedAt" >= ${from} AND t."closedAt" < ${to}))::int AS closed,
        (count(*) FILTER (WHERE t."respondedAt" >= ${from} AND t."respondedAt" < ${to}
           AND t."respondedAt" <= t."dueAt"))::int AS "onTime",
        (count(*) FILTER (WHERE t."respondedAt" >= ${from} AND t."respondedAt" < ${to}
           AND t."respondedAt" > t."dueAt"))::int AS late,
        (count(*) FILTER (WHERE t."createdAt" >= ${from} AND t."createdAt" < ${to}
           AND t.status IN ('OPEN', 'IN_PROGRESS', 'REOPENED') AND t."pausedAt" IS NULL
           AND t."dueAt" < ${now}))::int AS "overdueNow",
        (count(*) FILTER (WHERE t."createdAt" >= ${from} AND t."createdAt" < ${to}
           AND t."reopenCount" > 0))::int AS reopened
      FROM "IssueTicket" t
      WHERE t."organizationId" = ${org}::uuid
        AND (${team}::uuid IS NULL OR EXISTS (
          SELECT 1 FROM "User" u WHERE u.id IN (t."callerId", t."raisedById") AND u."teamId" = ${team}::uuid))`,
    // The callers in scope, even those with nothing in the month.
    db.$queryRaw<Array<{ id: string; name: string; email: string }>>`
      SELECT id, name, email FROM "User"
      WHERE "organizationId" = ${org}::uuid AND role = 'CALLER' AND active
        AND (${team}::uuid IS NULL OR "teamId" = ${team}::uuid)`,
  ]);

  // Per caller: merge the grouped rows, then name everybody who appears.
  type Acc = {
    assigned: number;
    done: number;
    sat: Record<number, number>;
    inspected: number;
    passed: number;
  };
  const acc = new Map<string, Acc>();
  const get = (id: string) => {
    let a = acc.get(id);
    if (!a) {
      a = { assigned: 0, done: 0, sat: {}, inspected: 0, passed: 0 };
      acc.set(id, a);
    }
    return a;
  };
  for (const m of members) get(m.id);
  for (const r of tasks) Object.assign(get(r.userId), { assigned: r.assigned, done: r.done });
  for (const r of sats) get(r.userId).sat[r.score] = r.n;
  for (const r of insps) Object.assign(get(r.userId), { inspected: r.inspected, passed: r.passed });

  const known = new Map(members.map((m) => [m.id, m]));
  const others = [...acc.keys()].filter((id) => !known.has(id));
  if (others.length) {
    for (const u of await db.user.findMany({
      where: { id: { in: others } },
      select: { id: true, name: true, email: true },
    })) {
      known.set(u.id, u);
    }
  }

  const distribution = [1, 2, 3, 4, 5].map((score) => ({ score, count: 0 }));
  const callers: TReportCallerRow[] = [...acc.entries()]
    .map(([userId, a]) => {
      const s = distributionStats(a.sat);
      for (const [score, n] of Object.entries(a.sat)) {
        const d = distribution[Number(score) - 1];
        if (d) d.count += n;
      }
      return {
        userId,
        name: known.get(userId)?.name ?? '',
        assigned: a.assigned,
        done: a.done,
        completionBp: rateBp(a.done, a.assigned),
        satisfactionCount: s.count,
        satisfactionMean: meanHundredths(s.sum, s.count),
        inspected: a.inspected,
        passed: a.passed,
        passRateBp: rateBp(a.passed, a.inspected),
      };
    })
    .sort(
      (x, y) =>
        (known.get(x.userId)?.email ?? '').localeCompare(known.get(y.userId)?.email ?? '') ||
        x.userId.localeCompare(y.userId),
    );

  const sum = (f: (r: TReportCallerRow) => number) => callers.reduce((s, r) => s + f(r), 0);
  const assigned = sum((r) => r.assigned);
  const done = sum((r) => r.done);
  const satCount = distribution.reduce((s, d) => s + d.count, 0);
  const satSum = distribution.reduce((s, d) => s + d.score * d.count, 0);
  const satMean = meanHundredths(satSum, satCount);
  const inspected = sum((r) => r.inspected);
  const passed = sum((r) => r.passed);
  const tk = tickets[0] ?? { created: 0, closed: 0, onTime: 0, late: 0, overdueNow: 0, reopened: 0 };

  return {
    month,
    teamId,
    timezone,
    computedAt: now.toISOString(),
    tasks: { assigned, done, completion: ratio(done, assigned) },
    satisfaction: {
      count: satCount,
      sum: satSum,
      meanHundredths: satMean,
      mean: formatHundredths(satMean),
      distribution,
    },
    problems: problems.slice(0, TOP_PROBLEMS).map((p) => ({ category: p.category, count: p.n })),
    tickets: {
      created: tk.created,
      closed: tk.closed,
      respondedOnTime: tk.onTime,
      respondedLate: tk.late,
      onTime: ratio(tk.onTime, tk.onTime + tk.late),
      overdueNow: tk.overdueNow,
      reopened: tk.reopened,
    },
    inspections: {
      submitted: inspected,
      passed,
      passRate: ratio(passed, inspected),
      findings: findings.map((f) => ({ finding: f.finding, count: f.n })),
    },
    callers,
  };
}
