// The figures of a measure's effect (docs/rules.md#r-meas-3-effect-evaluation): two statements
// gather the counts — the target customers, then per window their rated visits, confirmed churn,
// RENEWED / REFERRAL events and complaint tickets — and the pure rule (packages/domain
// measure-effect.ts) compares them.
import type { TMeasureEffect } from '@huifang/contracts';
import {
  addDays,
  dateToDay,
  dayIn,
  type EffectCounts,
  effectWindows,
  MEASURE_COMPLAINT_CATEGORIES,
  measureEffect,
  startOfDay,
} from '@huifang/domain';
import { Prisma } from '../../db/generated/client.ts';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import { targetOf } from './service.ts';

type Db = PrismaClient | Tx;

interface MeasureLike {
  id: string;
  organizationId: string;
  startDay: Date | null;
  windowDays: number;
  target: unknown;
}

/**
 * The measure's target customers, as SQL: of the target's segments and/or programme when it names them;
 * otherwise the customers of the confirmed churn cases linked to it or given one of its reasons (or a
 * reason of a linked case), at the target's stages when it names them. Each customer once (a customer
 * with cases in two stages is one customer). Kept in the database: a target can be every customer.
 */
function targetSql(m: MeasureLike): Prisma.Sql {
  const t = targetOf(m.target);
  const segments = t.segments ?? [];
  const stages = t.stages ?? [];
  if (segments.length || t.programme)
    return Prisma.sql`
      SELECT c.id FROM "Customer" c
      WHERE c."organizationId" = ${m.organizationId}::uuid
        AND (cardinality(${segments}::text[]) = 0 OR c.segment::text = ANY(${segments}::text[]))
        AND (${t.programme ?? null}::text IS NULL OR c.programme = ${t.programme ?? null}::text)`;
  return Prisma.sql`
    SELECT DISTINCT cc."customerId" AS id FROM "ChurnCase" cc
    WHERE cc."organizationId" = ${m.organizationId}::uuid AND cc.status = 'CONFIRMED'
      AND cc."customerId" IS NOT NULL
      AND (cc."reasonId" IN (
             SELECT "reasonId" FROM "MeasureReason" WHERE "measureId" = ${m.id}::uuid
             UNION
             SELECT c2."reasonId" FROM "MeasureCase" mc JOIN "ChurnCase" c2 ON c2.id = mc."caseId"
             WHERE mc."measureId" = ${m.id}::uuid AND c2."reasonId" IS NOT NULL)
           OR cc.id IN (SELECT "caseId" FROM "MeasureCase" WHERE "measureId" = ${m.id}::uuid))
      AND (cardinality(${stages}::text[]) = 0 OR cc.stage = ANY(${stages}::text[]))`;
}

/** How many customers the measure targets (each once). */
export async function targetCustomerCount(db: Db, m: MeasureLike): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM (${targetSql(m)}) t`;
  return row?.n ?? 0;
}

interface WindowRow {
  w: string;
  customers: number;
  ratedVisits: number;
  satisfactionSum: number;
  churned: number;
  renewed: number;
  referred: number;
  complaints: number;
}

export async function computeMeasureEffect(
  db: Db,
  m: MeasureLike,
  now: Date,
  tz: string,
  frozen: boolean,
): Promise<TMeasureEffect> {
  const today = dayIn(now, tz);
  const startDay = m.startDay ? dateToDay(m.startDay) : today;
  const windows = effectWindows(startDay, m.windowDays, today);
  const span = (w: { from: string; to: string }) => ({
    fromAt: startOfDay(w.from, tz),
    toAt: startOfDay(addDays(w.to, 1), tz),
  });
  const b = span(windows.before);
  const a = span(windows.after);
  const categories = [...MEASURE_COMPLAINT_CATEGORIES];
  // One pass per source over the span of both windows, each row put in its window by its time (or
  // day), joined to the target set: linear in the rows of the period, whatever the target's size.
  const at = (col: Prisma.Sql) =>
    Prisma.sql`CASE WHEN ${col} >= ${b.fromAt}::timestamptz AND ${col} < ${b.toAt}::timestamptz THEN 'before'
                    WHEN ${col} >= ${a.fromAt}::timestamptz AND ${col} < ${a.toAt}::timestamptz THEN 'after' END`;
  const onDay = (col: Prisma.Sql) =>
    Prisma.sql`CASE WHEN ${col} BETWEEN ${windows.before.from}::date AND ${windows.before.to}::date THEN 'before'
                    WHEN ${col} BETWEEN ${windows.after.from}::date AND ${windows.after.to}::date THEN 'after' END`;
  // the before window ends where the after window begins (or earlier, cut at today), so together they
  // span from the first's start to the second's end, an empty after window included
  const [spanFrom, spanTo] = [b.fromAt, a.toAt];
  const [dayFrom, dayTo] = [windows.before.from, windows.after.to];
  const org = m.organizationId;
  const rows = await db.$queryRaw<WindowRow[]>`
    WITH t AS MATERIALIZED (${targetSql(m)}),
    v AS (
      SELECT ${at(Prisma.sql`v."startedAt"`)} AS w, count(*)::int AS n, sum(v.satisfaction)::int AS s
      FROM "VisitRecord" v JOIN t ON t.id = v."customerId"
      WHERE v."organizationId" = ${org}::uuid AND v.outcome = 'COMPLETED' AND v.satisfaction BETWEEN 1 AND 5
        AND v."startedAt" >= ${spanFrom}::timestamptz AND v."startedAt" < ${spanTo}::timestamptz
      GROUP BY 1),
    c AS (
      SELECT ${onDay(Prisma.sql`cc.day`)} AS w, count(DISTINCT cc."customerId")::int AS n
      FROM "ChurnCase" cc JOIN t ON t.id = cc."customerId"
      WHERE cc."organizationId" = ${org}::uuid AND cc.status = 'CONFIRMED'
        AND cc.day BETWEEN ${dayFrom}::date AND ${dayTo}::date
      GROUP BY 1),
    e AS (
      SELECT ${onDay(Prisma.sql`e.day`)} AS w,
             count(DISTINCT e."customerId") FILTER (WHERE e.kind = 'RENEWED')::int AS renewed,
             count(DISTINCT e."customerId") FILTER (WHERE e.kind = 'REFERRAL')::int AS referred
      FROM "CustomerEvent" e JOIN t ON t.id = e."customerId"
      WHERE e."organizationId" = ${org}::uuid AND e.kind IN ('RENEWED', 'REFERRAL') AND e."cancelledAt" IS NULL
        AND e.day BETWEEN ${dayFrom}::date AND ${dayTo}::date
      GROUP BY 1),
    k AS (
      SELECT ${at(Prisma.sql`k."createdAt"`)} AS w, count(*)::int AS n
      FROM "IssueTicket" k JOIN t ON t.id = k."customerId"
      WHERE k."organizationId" = ${org}::uuid AND k.category::text = ANY(${categories}::text[])
        AND k."createdAt" >= ${spanFrom}::timestamptz AND k."createdAt" < ${spanTo}::timestamptz
      GROUP BY 1)
    SELECT w.w, (SELECT count(*)::int FROM t) AS customers,
      coalesce(v.n, 0) AS "ratedVisits", coalesce(v.s, 0) AS "satisfactionSum", coalesce(c.n, 0) AS churned,
      coalesce(e.renewed, 0) AS renewed, coalesce(e.referred, 0) AS referred, coalesce(k.n, 0) AS complaints
    FROM (VALUES ('before'), ('after')) w(w)
    LEFT JOIN v ON v.w = w.w LEFT JOIN c ON c.w = w.w LEFT JOIN e ON e.w = w.w LEFT JOIN k ON k.w = w.w`;
  const customers = rows[0]?.customers ?? 0;
  const pick = (name: string): EffectCounts => {
    const r = rows.find((x) => x.w === name);
    return {
      ratedVisits: r?.ratedVisits ?? 0,
      satisfactionSum: r?.satisfactionSum ?? 0,
      churned: r?.churned ?? 0,
      renewed: r?.renewed ?? 0,
      referred: r?.referred ?? 0,
      complaints: r?.complaints ?? 0,
    };
  };
  const effect = measureEffect({
    windows,
    customers,
    before: windows.before.days ? pick('before') : pick('-'),
    after: windows.after.days ? pick('after') : pick('-'),
  });
  return {
    ...effect,
    startDay,
    windowDays: m.windowDays,
    computedAt: now.toISOString(),
    frozen,
  };
}
