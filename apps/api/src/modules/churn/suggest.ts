// Suggested churn cases (docs/rules.md#r-churn-3-suggestions-from-evidence): the evidence that a
// customer is leaving — a visit declined with a reason, a refund, a very low satisfaction, a closed
// complaint followed by no attendance — becomes a SUGGESTED case for a person to confirm or dismiss.
// Set-based: one INSERT … SELECT per kind of evidence, the rules of packages/domain (churn.ts)
// written as SQL with the same constants; `dedupeKey` (`<kind>:<id>`) makes every run after the
// first add nothing, and keeps a dismissed suggestion from coming back.
import {
  CHURN_ATTENDANCE_EVENT_KINDS,
  CHURN_COMPLAINT_QUIET_DAYS,
  CHURN_EVIDENCE_STAGE,
  CHURN_LOW_SATISFACTION_MAX,
  CHURN_REPEAT_WINDOW_DAYS,
  CHURN_TICKET_CATEGORY,
  type ChurnEvidenceKind,
} from '@huifang/domain';
import { Prisma } from '../../db/generated/client.ts';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import { literalList } from '../../db/rule-sql.ts';

/** How far back evidence is looked for: older evidence is history, not a customer to win back. */
export const CHURN_SUGGEST_LOOKBACK_DAYS = 60;

export interface SuggestScope {
  /** only this customer's evidence (after a visit or an event of theirs) */
  customerId?: string;
  /** only these kinds (all by default) */
  kinds?: readonly ChurnEvidenceKind[];
  /** notify the customer's caller (default true; the demo seed does not) */
  notify?: boolean;
}

const QUIET_SECONDS = CHURN_COMPLAINT_QUIET_DAYS * 86_400;
const SQL_ATTENDANCE = Prisma.raw(literalList(CHURN_ATTENDANCE_EVENT_KINDS));
const SQL_TICKET_CATEGORY = Prisma.raw(
  `CASE t.category::text ${Object.entries(CHURN_TICKET_CATEGORY)
    .map(
      ([k, v]) =>
        `WHEN '${literalList([k]).slice(2, -2)}' THEN ${v ? `'${literalList([v]).slice(2, -2)}'` : 'NULL'}`,
    )
    .join(' ')} END`,
);

/** No confirmed case of the stage for the customer within CHURN_REPEAT_WINDOW_DAYS of the day. */
const noRecentCase = (customer: Prisma.Sql, stage: string, day: Prisma.Sql) => Prisma.sql`NOT EXISTS (
  SELECT 1 FROM "ChurnCase" cc
   WHERE cc."customerId" = ${customer} AND cc.status = 'CONFIRMED' AND cc.stage = ${stage}
     AND abs(cc.day - ${day}) < ${CHURN_REPEAT_WINDOW_DAYS})`;

type Inserted = { id: string; customerId: string; evidenceKind: string };

async function insertKind(
  db: Tx,
  kind: ChurnEvidenceKind,
  organizationId: string,
  now: Date,
  customerId: string | undefined,
): Promise<Inserted[]> {
  const stage = CHURN_EVIDENCE_STAGE[kind];
  const columns = Prisma.sql`INSERT INTO "ChurnCase" (id, "organizationId", "customerId", status, stage, day,
    "departmentId", "evidenceKind", "evidenceId", evidence, "dedupeKey", "createdAt", "updatedAt")`;
  const tail = Prisma.sql`ON CONFLICT ("organizationId", "dedupeKey") DO NOTHING
    RETURNING id::text AS id, "customerId"::text AS "customerId", "evidenceKind" AS "evidenceKind"`;
  const org = Prisma.sql`JOIN "Organization" o ON o.id = ${organizationId}::uuid`;
  const since = Prisma.sql`((${now}::timestamptz AT TIME ZONE o.timezone)::date - ${CHURN_SUGGEST_LOOKBACK_DAYS}::int)`;
  if (kind === 'DECLINED_VISIT' || kind === 'LOW_SATISFACTION') {
    const day = Prisma.sql`(v."startedAt" AT TIME ZONE o.timezone)::date`;
    const rule =
      kind === 'DECLINED_VISIT'
        ? Prisma.sql`v.outcome = 'DECLINED' AND (coalesce(v.opinions, '') ~ '\\S' OR coalesce(v.suggestions, '') ~ '\\S')`
        : Prisma.sql`v.outcome = 'COMPLETED' AND v.satisfaction IS NOT NULL AND v.satisfaction <= ${CHURN_LOW_SATISFACTION_MAX}`;
    return db.$queryRaw<Inserted[]>`${columns}
      SELECT gen_random_uuid(), v."organizationId", v."customerId", 'SUGGESTED', ${stage}, ${day}, NULL,
             ${kind}, v.id,
             jsonb_build_object('outcome', v.outcome::text, 'satisfaction', v.satisfaction, 'opinions', v.opinions,
                                'suggestions', v.suggestions, 'startedAt', v."startedAt", 'callerId', v."callerId",
                                'taskId', v."taskId"),
             ${`${kind}:`} || v.id::text, ${now}, ${now}
        FROM "VisitRecord" v ${org}
       WHERE v."organizationId" = ${organizationId}::uuid AND ${rule}
         AND v."startedAt" <= ${now} AND ${day} >= ${since}
         ${customerId ? Prisma.sql`AND v."customerId" = ${customerId}::uuid` : Prisma.empty}
         AND ${noRecentCase(Prisma.sql`v."customerId"`, stage, day)}
      ${tail}`;
  }
  if (kind === 'REFUND_EVENT')
    return db.$queryRaw<Inserted[]>`${columns}
      SELECT gen_random_uuid(), e."organizationId", e."customerId", 'SUGGESTED', ${stage}, e.day, NULL,
             ${kind}, e.id,
             jsonb_build_object('kind', e.kind, 'day', e.day, 'note', e.note, 'source', e.source),
             ${`${kind}:`} || e.id::text, ${now}, ${now}
        FROM "CustomerEvent" e ${org}
       WHERE e."organizationId" = ${organizationId}::uuid AND e.kind = 'REFUND' AND e."cancelledAt" IS NULL
         AND e.day >= ${since} AND e."createdAt" <= ${now}
         ${customerId ? Prisma.sql`AND e."customerId" = ${customerId}::uuid` : Prisma.empty}
         AND ${noRecentCase(Prisma.sql`e."customerId"`, stage, Prisma.sql`e.day`)}
      ${tail}`;
  // COMPLAINT_NO_ATTENDANCE: judged at its deadline (closedAt + the quiet days ≤ now), on what
  // happened between the closing and the deadline
  const deadline = Prisma.sql`(t."closedAt" + make_interval(secs => ${QUIET_SECONDS}))`;
  const closedDay = Prisma.sql`(t."closedAt" AT TIME ZONE o.timezone)::date`;
  const deadlineDay = Prisma.sql`(${deadline} AT TIME ZONE o.timezone)::date`;
  return db.$queryRaw<Inserted[]>`${columns}
    SELECT gen_random_uuid(), t."organizationId", t."customerId", 'SUGGESTED', ${stage}, ${closedDay},
           t."departmentId", ${kind}, t.id,
           jsonb_build_object('ticketNumber', t.number, 'title', t.title, 'category', t.category::text,
                              'closedAt', t."closedAt", 'deadline', ${deadline}, 'quietDays', ${CHURN_COMPLAINT_QUIET_DAYS}::int,
                              'categoryGuess', ${SQL_TICKET_CATEGORY}),
           ${`${kind}:`} || t.id::text, ${now}, ${now}
      FROM "IssueTicket" t ${org}
     WHERE t."organizationId" = ${organizationId}::uuid AND t.status = 'CLOSED' AND t."closedAt" IS NOT NULL
       AND ${deadline} <= ${now} AND ${deadlineDay} >= ${since}
       ${customerId ? Prisma.sql`AND t."customerId" = ${customerId}::uuid` : Prisma.empty}
       AND NOT EXISTS (SELECT 1 FROM "CustomerEvent" e
                        WHERE e."customerId" = t."customerId" AND e."cancelledAt" IS NULL
                          AND e.kind IN ${SQL_ATTENDANCE} AND e.day BETWEEN ${closedDay} AND ${deadlineDay})
       AND NOT EXISTS (SELECT 1 FROM "VisitRecord" v
                        WHERE v."customerId" = t."customerId" AND v.outcome = 'COMPLETED'
                          AND v."startedAt" > t."closedAt" AND v."startedAt" <= ${deadline})
       AND ${noRecentCase(Prisma.sql`t."customerId"`, stage, closedDay)}
    ${tail}`;
}

const ALL_KINDS: readonly ChurnEvidenceKind[] = [
  'DECLINED_VISIT',
  'REFUND_EVENT',
  'LOW_SATISFACTION',
  'COMPLAINT_NO_ATTENDANCE',
];

/**
 * Adds the suggestions the evidence calls for (none twice) and tells the customer's caller — the
 * one on their latest task, or the organisation's team leads when they have none. Returns the new
 * cases.
 */
export async function suggestChurnCases(
  db: PrismaClient | Tx,
  organizationId: string,
  now: Date,
  scope: SuggestScope = {},
): Promise<Inserted[]> {
  const run = async (tx: Tx) => {
    const added: Inserted[] = [];
    for (const kind of scope.kinds ?? ALL_KINDS)
      added.push(...(await insertKind(tx, kind, organizationId, now, scope.customerId)));
    if (added.length && scope.notify !== false) await notifyCallers(tx, organizationId, now, added);
    return added;
  };
  return '$transaction' in db ? (db as PrismaClient).$transaction(run) : run(db);
}

async function notifyCallers(tx: Tx, organizationId: string, now: Date, added: Inserted[]): Promise<void> {
  const data = JSON.stringify(
    added.map((a) => ({ id: a.id, customerId: a.customerId, kind: a.evidenceKind })),
  );
  // the customer's caller on their latest task, else every active lead of the organisation
  await tx.$executeRaw`
    INSERT INTO "Notification" (id, "organizationId", "userId", type, entity, "entityId", payload, "createdAt")
    SELECT gen_random_uuid(), ${organizationId}::uuid, r."userId", 'CHURN_SUGGESTED', 'ChurnCase', d.id::text,
           jsonb_build_object('customer', c.name, 'kind', d.kind), ${now}
      FROM jsonb_to_recordset(${data}::jsonb) AS d(id uuid, "customerId" uuid, kind text)
      JOIN "Customer" c ON c.id = d."customerId"
      LEFT JOIN LATERAL (SELECT t."assigneeId" FROM "Task" t JOIN "User" u ON u.id = t."assigneeId" AND u.active
                          WHERE t."customerId" = d."customerId" ORDER BY t."createdAt" DESC LIMIT 1) last ON true
      CROSS JOIN LATERAL (
        SELECT last."assigneeId" AS "userId" WHERE last."assigneeId" IS NOT NULL
        UNION ALL
        SELECT u.id FROM "User" u
         WHERE last."assigneeId" IS NULL AND u."organizationId" = ${organizationId}::uuid
           AND u.role = 'LEAD' AND u.active) r`;
}

/** The hourly run for every organisation (the complaint rule is judged at its deadline, whenever the job runs after it). */
export async function runChurnSuggestions(prisma: PrismaClient, now: Date): Promise<{ suggested: number }> {
  let suggested = 0;
  for (const org of await prisma.organization.findMany({ select: { id: true } }))
    suggested += (await suggestChurnCases(prisma, org.id, now)).length;
  return { suggested };
}
