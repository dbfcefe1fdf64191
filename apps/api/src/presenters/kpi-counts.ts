// The counts behind a month's KPI, for every caller of the organisation, in ONE statement: a CTE
// per table, each grouped by caller, then joined to the users (docs/performance.md#what-follows-for-the-code). The arithmetic
// (rates, the 100-point score, grades) is packages/domain/src/kpi.ts's.
//
// The statement is kept as text with positional parameters so that the benchmark (bench/) runs
// exactly this SQL bare, through `pg`, beside the endpoint that serves it.
//
// Month bounds are in the organisation's timezone: a task belongs to the month of its due day (a
// local day already); a record to the month its local start falls in; an inspection to its
// record's month (so an appeal overturned after the month still changes that month); a conduct
// ticket to the month its finding was made; an expense to its record's month.
//
// A month not over is measured on what was due so far ($8, docs/rules.md#r-kpi-12-a-month-in-progress):
// `assigned` counts a task due before that day or finished (packages/domain `countsInMonthSoFar`);
// `monthAssigned` every task of the month. $8 null (a month that is over, the month close): both are
// every task, as before.
//
// A task counts for its assignee whether a plan or a cadence rule made it; one finished by the
// customer's online answer to a survey link another caller sent counts for nobody's completion
// (docs/rules.md#r-kpi-13-what-counts-toward-completion-and-satisfaction); the answer's satisfaction
// and record are its sender's, as every record is its caller's.
import type { KpiCounts } from '@huifang/domain';
import { addDays, addMonths, monthBounds, startOfDay } from '@huifang/domain';
import type { PrismaClient, Tx } from '../db/prisma.ts';
import {
  SQL_CONTENT_FAULTS,
  SQL_FINISHED_TASK,
  SQL_RECORD_CORRECTION,
  sqlCreditedTask,
  sqlNotProtected,
} from '../db/rule-sql.ts';
import { FreshCache } from '../lib/fresh-cache.ts';

type Db = PrismaClient | Tx;

/** The statement for every caller, or (`$9`) for one. */
function kpiSql(one: boolean): string {
  const only = (col: string) => (one ? ` AND ${col} = $9::uuid` : '');
  // a confirmed customer-abuse report protects the reporter (docs/rules.md#r-disc-2-customer-abuse-reports):
  // that customer's satisfaction score and conduct complaints do not count against them
  const sat = `r.outcome = 'COMPLETED' AND ${sqlNotProtected('RECORD', 'r."callerId"', 'r."customerId"', 'r."startedAt"')}`;
  const complaint = sqlNotProtected('COMPLAINT', '"subjectUserId"', '"customerId"', '"createdAt"');
  return `
WITH t AS (
  SELECT "assigneeId" AS uid,
         count(*)::int AS month_assigned,
         (count(*) FILTER (WHERE $8::date IS NULL OR "dueDate" < $8::date
            OR status IN ${SQL_FINISHED_TASK}))::int AS assigned,
         (count(*) FILTER (WHERE status IN ${SQL_FINISHED_TASK}))::int AS done,
         (count(*) FILTER (WHERE status IN ${SQL_FINISHED_TASK}
            AND ("doneAt" AT TIME ZONE $7)::date <= "dueDate"))::int AS on_time
  FROM "Task"
  WHERE "organizationId" = $1::uuid AND "dueDate" BETWEEN $2::date AND $3::date AND status <> 'CANCELLED'${only('"assigneeId"')}
    -- a task finished by an online answer to a link someone else sent is not the assignee's (R-KPI-13)
    AND ${sqlCreditedTask('"Task"')}
  GROUP BY 1
), v AS (
  SELECT r."callerId" AS uid,
         (count(*) FILTER (WHERE r."startedAt" >= $4))::int AS records,
         (count(*) FILTER (WHERE r."startedAt" >= $4 AND (r."amendmentCount" > 0
            OR (i.findings @> ${SQL_RECORD_CORRECTION} AND NOT (i."effectivePassed" AND NOT i.passed)))))::int AS corrected,
         coalesce(sum(r.satisfaction) FILTER (WHERE r."startedAt" >= $4 AND ${sat}), 0)::int AS sat_sum,
         (count(r.satisfaction) FILTER (WHERE r."startedAt" >= $4 AND ${sat}))::int AS sat_n,
         coalesce(sum(r.satisfaction) FILTER (WHERE r."startedAt" < $4 AND ${sat}), 0)::int AS prev_sum,
         (count(r.satisfaction) FILTER (WHERE r."startedAt" < $4 AND ${sat}))::int AS prev_n,
         (count(i."visitId") FILTER (WHERE r."startedAt" >= $4))::int AS inspected,
         (count(i."visitId") FILTER (WHERE r."startedAt" >= $4 AND i."effectivePassed"))::int AS passed,
         (count(i."visitId") FILTER (WHERE r."startedAt" >= $4
            AND i.findings && ${SQL_CONTENT_FAULTS}
            AND NOT (i."effectivePassed" AND NOT i.passed)))::int AS content_faults
  FROM "VisitRecord" r
  -- the inspection's copy of its record's start narrows it to the same two months (an index range)
  -- instead of every inspection of every year
  LEFT JOIN "Inspection" i ON i."visitId" = r.id AND i.status = 'SUBMITTED'
    AND i."organizationId" = $1::uuid AND i."visitStartedAt" >= $6 AND i."visitStartedAt" < $5
  WHERE r."organizationId" = $1::uuid AND r."startedAt" >= $6 AND r."startedAt" < $5${only('r."callerId"')}
  GROUP BY 1
), c AS (
  SELECT "subjectUserId" AS uid, count(*)::int AS conduct
  FROM "IssueTicket"
  WHERE "organizationId" = $1::uuid AND category = 'CALLER_CONDUCT' AND "conductConfirmed"
    AND "conductDecidedAt" >= $4 AND "conductDecidedAt" < $5${only('"subjectUserId"')}
    AND ${complaint}
  GROUP BY 1
), e AS (
  SELECT x."callerId" AS uid, sum(x."amountFen")::bigint AS fen
  FROM "VisitExpense" x
  JOIN "VisitRecord" r ON r.id = x."visitId"
  WHERE x."organizationId" = $1::uuid AND x.status = 'APPROVED'
    AND r."startedAt" >= $4 AND r."startedAt" < $5${only('x."callerId"')}
  GROUP BY 1
)
SELECT u.id AS "userId", u.name, u."teamId", u."departmentId",
       coalesce(t.month_assigned, 0) AS "monthAssigned", coalesce(t.assigned, 0) AS assigned, coalesce(t.done, 0) AS done, coalesce(t.on_time, 0) AS "onTime",
       coalesce(v.inspected, 0) AS inspected, coalesce(v.passed, 0) AS passed,
       coalesce(v.content_faults, 0) AS "contentFaults",
       coalesce(v.records, 0) AS records, coalesce(v.corrected, 0) AS "recordsCorrected",
       coalesce(v.sat_sum, 0) AS "satisfactionSum", coalesce(v.sat_n, 0) AS "satisfactionCount",
       coalesce(v.prev_sum, 0) AS "prevSatisfactionSum", coalesce(v.prev_n, 0) AS "prevSatisfactionCount",
       coalesce(c.conduct, 0) AS "conductConfirmed", coalesce(e.fen, 0)::text AS "expensesFen"
FROM "User" u
LEFT JOIN t ON t.uid = u.id
LEFT JOIN v ON v.uid = u.id
LEFT JOIN c ON c.uid = u.id
LEFT JOIN e ON e.uid = u.id
WHERE u."organizationId" = $1::uuid${only('u.id')}
  AND ((u.role = 'CALLER' AND u.active) OR t.uid IS NOT NULL OR v.uid IS NOT NULL
       OR c.uid IS NOT NULL OR e.uid IS NOT NULL)
ORDER BY u.email, u.id`;
}

export const KPI_MONTH_SQL = kpiSql(false);
/** The same statement for one caller (parameter $9). */
export const KPI_CALLER_MONTH_SQL = kpiSql(true);

/**
 * The statement's parameters for a month: org, first and last day, [from, to), previous month's
 * start, timezone, and the cut-off of a month not over (`kpiDueBefore`; null: every task).
 */
export function kpiMonthParams(
  organizationId: string,
  month: string,
  tz: string,
  dueBefore: string | null = null,
) {
  const { first, last } = monthBounds(month);
  const from = startOfDay(first, tz);
  const to = startOfDay(addDays(last, 1), tz);
  const prevFrom = startOfDay(monthBounds(addMonths(month, -1)).first, tz);
  return [organizationId, first, last, from, to, prevFrom, tz, dueBefore] as const;
}

export interface CallerCounts {
  userId: string;
  name: string;
  teamId: string | null;
  departmentId: string | null;
  /** counts.assigned is the tasks due so far in a month not over; this is every task of the month */
  assignedInMonth: number;
  counts: KpiCounts;
}

type Row = Omit<KpiCounts, 'expensesFen'> & {
  monthAssigned: number;
  userId: string;
  name: string;
  teamId: string | null;
  departmentId: string | null;
  expensesFen: string;
};

export async function loadCallerCounts(
  db: Db,
  organizationId: string,
  month: string,
  tz: string,
  opts: { userId?: string; dueBefore?: string | null } = {},
): Promise<CallerCounts[]> {
  const { userId, dueBefore = null } = opts;
  const params = kpiMonthParams(organizationId, month, tz, dueBefore);
  const rows = userId
    ? await db.$queryRawUnsafe<Row[]>(KPI_CALLER_MONTH_SQL, ...params, userId)
    : await db.$queryRawUnsafe<Row[]>(KPI_MONTH_SQL, ...params);
  return rows.map(({ userId, name, teamId, departmentId, expensesFen, monthAssigned, ...c }) => ({
    userId,
    name,
    teamId,
    departmentId,
    assignedInMonth: monthAssigned,
    counts: { ...c, expensesFen: Number(expensesFen) },
  }));
}

/**
 * The whole organisation's counts for a month as the dashboards read them: computed at most once
 * per `liveFigures.maxAgeMs` for everyone who opens them meanwhile (buildApp sets it from
 * HUIFANG_LIVE_FIGURES_SECONDS, default 60; 0 in tests), with the instant they were computed, which
 * the screens show ("as of hh:mm"). The month close reads `loadCallerCounts` itself, never this.
 */
export const liveFigures = new FreshCache<CallerCounts[]>(0);

export function orgCallerCounts(
  db: Db,
  organizationId: string,
  month: string,
  tz: string,
  dueBefore: string | null,
  now: Date,
): Promise<{ value: CallerCounts[]; asOf: Date }> {
  return liveFigures.get(`${organizationId}|${month}|${tz}|${dueBefore ?? ''}`, now, () =>
    loadCallerCounts(db, organizationId, month, tz, { dueBefore }),
  );
}
