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
 * The measure's target customers: of the target's segments and/or programme when it names them;
 * otherwise the customers of the confirmed churn cases linked to it or given one of its reasons
 * (or a reason of a linked case), at the target's stages when it names them. Each customer once.
 */
export async function targetCustomerIds(db: Db, m: MeasureLike): Promise<string[]> {
  const t = targetOf(m.target);
  const segments = t.segments ?? [];
  const stages = t.stages ?? [];
  if (segments.length || t.programme) {
    const rows = await db.$queryRaw<Array<{ id: string }>>`
      SELECT c.id FROM "Customer" c
      WHERE c."organizationId" = ${m.organizationId}::uuid
        AND (cardinality(${segments}::text[]) = 0 OR c.segment::text = ANY(${segments}::text[]))
        AND (${t.programme ?? null}::text IS NULL OR c.programme = ${t.programme ?? null}::text)`;
    return rows.map((r) => r.id);
  }
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    WITH reasons AS (
      SELECT "reasonId" AS id FROM "MeasureReason" WHERE "measureId" = ${m.id}::uuid
      UNION
      SELECT cc."reasonId" FROM "MeasureCase" mc JOIN "ChurnCase" cc ON cc.id = mc."caseId"
      WHERE mc."measureId" = ${m.id}::uuid AND cc."reasonId" IS NOT NULL
    )
    SELECT DISTINCT cc."customerId" AS id FROM "ChurnCase" cc
    WHERE cc."organizationId" = ${m.organizationId}::uuid AND cc.status = 'CONFIRMED'
      AND cc."customerId" IS NOT NULL
      AND (cc."reasonId" IN (SELECT id FROM reasons)
           OR cc.id IN (SELECT "caseId" FROM "MeasureCase" WHERE "measureId" = ${m.id}::uuid))
      AND (cardinality(${stages}::text[]) = 0 OR cc.stage = ANY(${stages}::text[]))`;
  return rows.map((r) => r.id);
}

interface WindowRow {
  w: string;
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
  const ids = await targetCustomerIds(db, m);
  const span = (w: { from: string; to: string }) => ({
    fromAt: startOfDay(w.from, tz),
    toAt: startOfDay(addDays(w.to, 1), tz),
  });
  const b = span(windows.before);
  const a = span(windows.after);
  const categories = [...MEASURE_COMPLAINT_CATEGORIES];
  const rows =
    ids.length === 0
      ? []
      : await db.$queryRaw<WindowRow[]>`
    WITH t AS (SELECT unnest(${ids}::uuid[]) AS id),
    w(w, "fromDay", "toDay", "fromAt", "toAt") AS (VALUES
      ('before', ${windows.before.from}::date, ${windows.before.to}::date, ${b.fromAt}::timestamptz, ${b.toAt}::timestamptz),
      ('after', ${windows.after.from}::date, ${windows.after.to}::date, ${a.fromAt}::timestamptz, ${a.toAt}::timestamptz))
    SELECT w.w,
      (SELECT count(*)::int FROM "VisitRecord" v WHERE v."organizationId" = ${m.organizationId}::uuid
         AND v."customerId" IN (SELECT id FROM t) AND v.outcome = 'COMPLETED' AND v.satisfaction BETWEEN 1 AND 5
         AND v."startedAt" >= w."fromAt" AND v."startedAt" < w."toAt") AS "ratedVisits",
      (SELECT coalesce(sum(v.satisfaction), 0)::int FROM "VisitRecord" v WHERE v."organizationId" = ${m.organizationId}::uuid
         AND v."customerId" IN (SELECT id FROM t) AND v.outcome = 'COMPLETED' AND v.satisfaction BETWEEN 1 AND 5
         AND v."startedAt" >= w."fromAt" AND v."startedAt" < w."toAt") AS "satisfactionSum",
      (SELECT count(DISTINCT cc."customerId")::int FROM "ChurnCase" cc WHERE cc."organizationId" = ${m.organizationId}::uuid
         AND cc."customerId" IN (SELECT id FROM t) AND cc.status = 'CONFIRMED'
         AND cc.day BETWEEN w."fromDay" AND w."toDay") AS churned,
      (SELECT count(DISTINCT e."customerId")::int FROM "CustomerEvent" e WHERE e."organizationId" = ${m.organizationId}::uuid
         AND e."customerId" IN (SELECT id FROM t) AND e.kind = 'RENEWED' AND e."cancelledAt" IS NULL
         AND e.day BETWEEN w."fromDay" AND w."toDay") AS renewed,
      (SELECT count(DISTINCT e."customerId")::int FROM "CustomerEvent" e WHERE e."organizationId" = ${m.organizationId}::uuid
         AND e."customerId" IN (SELECT id FROM t) AND e.kind = 'REFERRAL' AND e."cancelledAt" IS NULL
         AND e.day BETWEEN w."fromDay" AND w."toDay") AS referred,
      (SELECT count(*)::int FROM "IssueTicket" k WHERE k."organizationId" = ${m.organizationId}::uuid
         AND k."customerId" IN (SELECT id FROM t) AND k.category::text = ANY(${categories}::text[])
         AND k."createdAt" >= w."fromAt" AND k."createdAt" < w."toAt") AS complaints
    FROM w`;
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
    targetCustomerIds: ids,
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
