// The raw statements the product figures are compared with. The KPI month statement is the
// product's own text (apps/api/src/presenters/kpi-counts.ts); the queue statements are the text
// apps/api/src/modules/tasks/service.ts (listTasks) sends for the workbench's "today" bucket; the
// 12-month trend is written here as docs/performance.md#raw-limits describes it (one aggregation by caller and
// month over tasks, records and inspections), beside the one-read-of-snapshots it is replaced by.

export { KPI_MONTH_SQL, kpiMonthParams } from '../apps/api/src/presenters/kpi-counts.ts';

const QUEUE_WHERE = `t."organizationId" = $1::uuid AND t."assigneeId" = $2::uuid
   AND t.status IN ('PENDING', 'IN_PROGRESS') AND t."windowFrom" <= $3::date
   AND (t."callBackAt" IS NULL OR t."callBackAt" <= $4::timestamptz)
   AND t."dueDate" >= $3::date`;

/**
 * listTasks's page with its total (an uncorrelated sub-select, computed once) for
 * `?assignee=me&bucket=today&page=1&size=20`: params org, caller, today, now, size, offset
 */
export const QUEUE_PAGE_SQL = `
SELECT t.id::text AS id, t.status::text AS status, t.purpose, t.channel::text AS channel,
       to_char(t."dueDate", 'YYYY-MM-DD') AS "dueDate",
       to_char(t."windowFrom", 'YYYY-MM-DD') AS "windowFrom",
       to_char(t."windowTo", 'YYYY-MM-DD') AS "windowTo",
       t.attempts, t."callBackAt", t."lastAttemptAt", t.version,
       c.id::text AS "customerId", c.name AS "customerName", c.phone AS "customerPhone",
       c.segment::text AS segment, c.tier::text AS tier,
       c."preferredChannel"::text AS "preferredChannel",
       c."preferredTimeFrom", c."preferredTimeTo",
       u.id::text AS "assigneeId", u.name AS "assigneeName",
       (SELECT count(*)::int FROM "Task" t WHERE ${QUEUE_WHERE}) AS total
  FROM "Task" t
  JOIN "Customer" c ON c.id = t."customerId"
  JOIN "User" u ON u.id = t."assigneeId"
 WHERE ${QUEUE_WHERE}
 ORDER BY t."dueDate" ASC, t.id ASC
 LIMIT $5 OFFSET $6`;

/** listTasks's total on its own (only for a page past the end): params org, caller, today, now */
export const QUEUE_COUNT_SQL = `SELECT count(*)::int AS n FROM "Task" t WHERE ${QUEUE_WHERE}`;

/**
 * The 12-month trend aggregated from the base tables, per caller and month: params org, first day,
 * last day, [from, to) instants, timezone.
 */
export const TREND_RAW_SQL = `
WITH t AS (
  SELECT "assigneeId" AS uid, to_char("dueDate", 'YYYY-MM') AS month,
         count(*)::int AS assigned,
         (count(*) FILTER (WHERE status IN ('DONE', 'UNREACHABLE')))::int AS done,
         (count(*) FILTER (WHERE status IN ('DONE', 'UNREACHABLE')
            AND ("doneAt" AT TIME ZONE $6)::date <= "dueDate"))::int AS on_time
  FROM "Task"
  WHERE "organizationId" = $1::uuid AND "dueDate" BETWEEN $2::date AND $3::date AND status <> 'CANCELLED'
  GROUP BY 1, 2
), v AS (
  SELECT "callerId" AS uid, to_char("startedAt" AT TIME ZONE $6, 'YYYY-MM') AS month,
         count(*)::int AS records,
         coalesce(sum(satisfaction) FILTER (WHERE outcome = 'COMPLETED'), 0)::int AS sat_sum,
         (count(satisfaction) FILTER (WHERE outcome = 'COMPLETED'))::int AS sat_n
  FROM "VisitRecord"
  WHERE "organizationId" = $1::uuid AND "startedAt" >= $4 AND "startedAt" < $5
  GROUP BY 1, 2
), ins AS (
  SELECT i."callerId" AS uid, to_char(r."startedAt" AT TIME ZONE $6, 'YYYY-MM') AS month,
         count(*)::int AS inspected, (count(*) FILTER (WHERE i."effectivePassed"))::int AS passed
  FROM "Inspection" i JOIN "VisitRecord" r ON r.id = i."visitId"
  WHERE i."organizationId" = $1::uuid AND i.status = 'SUBMITTED' AND r."startedAt" >= $4 AND r."startedAt" < $5
  GROUP BY 1, 2
)
SELECT uid AS "userId", month, coalesce(t.assigned, 0) AS assigned, coalesce(t.done, 0) AS done,
       coalesce(t.on_time, 0) AS "onTime", coalesce(v.records, 0) AS records,
       coalesce(v.sat_sum, 0) AS "satisfactionSum", coalesce(v.sat_n, 0) AS "satisfactionCount",
       coalesce(ins.inspected, 0) AS inspected, coalesce(ins.passed, 0) AS passed
FROM t FULL JOIN v USING (uid, month) FULL JOIN ins USING (uid, month)
ORDER BY 1, 2`;

/** The same 12 months read from the month-close snapshots: params org, first month, last month */
export const TREND_SNAPSHOT_SQL = `
SELECT "subjectId" AS "userId", month, assigned, done, inspected, passed, "completionBp", "passRateBp",
       "satisfactionHundredths", "scoreHundredths", grade
FROM "KpiSnapshot"
WHERE "organizationId" = $1::uuid AND scope = 'CALLER' AND month BETWEEN $2 AND $3
ORDER BY 1, 2`;

/** A SUBMITTED plan of `items` customers for one team, in two set-based statements: params below. */
export const CREATE_PLAN_SQL = `
WITH p AS (
  INSERT INTO "VisitPlan" (id, "organizationId", "teamId", month, title, status, "dailyCap", "createdById",
                           "submittedAt", version, "createdAt", "updatedAt")
  VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3, $4, 'SUBMITTED', 40, $5::uuid, now(), 2, now(), now())
  RETURNING id
)
INSERT INTO "PlanItem" (id, "planId", "customerId", purpose, channel, "windowFrom", "windowTo", "dueDate",
                        "callerId", "createdAt")
SELECT gen_random_uuid(), p.id, x.cid, '月度回访', 'PHONE', $6::date, $7::date,
       ($6::date + ((x.k - 1) % $8::int)::int)::date,
       ($9::uuid[])[1 + ((x.k - 1) % cardinality($9::uuid[]))::int], now()
FROM p, unnest($10::uuid[]) WITH ORDINALITY AS x(cid, k)
RETURNING "planId"`;

/** Customers free for a plan: no open task, not refusing visits. params org, how many */
export const FREE_CUSTOMERS_SQL = `
SELECT c.id FROM "Customer" c
WHERE c."organizationId" = $1::uuid AND NOT c."refusesVisits"
  AND NOT EXISTS (SELECT 1 FROM "Task" t WHERE t."customerId" = c.id AND t.status IN ('PENDING', 'IN_PROGRESS'))
ORDER BY c.phone DESC
LIMIT $2`;

/** The raw approval: status move, then every task and its first assignment in ONE statement. */
export const RAW_APPROVE_STATUS_SQL = `
UPDATE "VisitPlan" SET status = 'APPROVED', "decidedAt" = now(), "decidedById" = $2::uuid,
       version = version + 1, "updatedAt" = now()
WHERE id = $1::uuid AND status = 'SUBMITTED'`;

export const RAW_APPROVE_TASKS_SQL = `
WITH ins AS (
  INSERT INTO "Task" (id, "organizationId", "planId", "planItemId", "customerId", "assigneeId", purpose,
                      "questionnaireId", channel, "windowFrom", "windowTo", "dueDate", status, attempts, version,
                      "createdAt", "updatedAt")
  SELECT gen_random_uuid(), $3::uuid, i."planId", i.id, i."customerId", i."callerId", i.purpose,
         i."questionnaireId", i.channel, i."windowFrom", i."windowTo", i."dueDate", 'PENDING', 0, 1, now(), now()
  FROM "PlanItem" i WHERE i."planId" = $1::uuid
  RETURNING id, "assigneeId"
)
INSERT INTO "TaskAssignment" (id, "taskId", "fromUserId", "toUserId", "byUserId", reason, "createdAt")
SELECT gen_random_uuid(), id, NULL, "assigneeId", $2::uuid, '计划批准', now() FROM ins`;

/** Puts the customers back as they were: the plans' tasks (assignments cascade) and the plans go. */
export const DROP_PLANS_SQL = [
  `DELETE FROM "Task" WHERE "planId" = ANY($1::uuid[])`,
  `DELETE FROM "Notification" WHERE entity = 'VisitPlan' AND "entityId" = ANY($1::text[])`,
  `DELETE FROM "VisitPlan" WHERE id = ANY($1::uuid[])`,
];
