// The supervisor's quality dashboard (docs/product.md#dashboards): one set-based statement per figure set.
// Months are the organisation-time month of the inspected visit record's start (copied onto the
// inspection as visitStartedAt, so no statement joins the records); "passed" is the result after
// appeals (effectivePassed).
import type { TFinding, TQualityDashboard } from '@huifang/contracts';
import { addMonths, monthBounds, startOfDay } from '@huifang/domain';
import type { PrismaClient, Tx } from '../db/prisma.ts';
import { openInspection } from '../db/rule-sql.ts';
import { FreshCache } from '../lib/fresh-cache.ts';

type Db = PrismaClient | Tx;

/** The instants [from, to) covering the months `first`..`last` in `tz`. */
function monthRange(first: string, last: string, tz: string): { from: Date; to: Date } {
  return {
    from: startOfDay(monthBounds(first).first, tz),
    to: startOfDay(monthBounds(addMonths(last, 1)).first, tz),
  };
}

/**
 * The dashboard's figures, computed at most once per `qualityFigures.maxAgeMs` for everyone who
 * opens it meanwhile (buildApp sets it from HUIFANG_LIVE_FIGURES_SECONDS like the KPI's live figures,
 * default 60; 0 in tests), with the instant they were computed, which the screen shows.
 */
export const qualityFigures = new FreshCache<Omit<TQualityDashboard, 'asOf'>>(0);

export async function qualityDashboard(
  db: Db,
  organizationId: string,
  tz: string,
  month: string,
  passRateTargetBp: number,
  now: Date,
): Promise<TQualityDashboard> {
  const { value, asOf } = await qualityFigures.get(
    `${organizationId}|${month}|${tz}|${passRateTargetBp}`,
    now,
    () => computeQualityDashboard(db, organizationId, tz, month, passRateTargetBp),
  );
  return { ...value, asOf: asOf.toISOString() };
}

async function computeQualityDashboard(
  db: Db,
  organizationId: string,
  tz: string,
  month: string,
  passRateTargetBp: number,
): Promise<Omit<TQualityDashboard, 'asOf'>> {
  const firstMonth = addMonths(month, -5);
  const inMonth = monthRange(month, month, tz);
  const inTrend = monthRange(firstMonth, month, tz);

  const [backlog, byCaller, trend, findings, waiting] = await Promise.all([
    db.$queryRaw<Array<{ inspectorId: string; name: string; pending: number; inProgress: number }>>`
      SELECT i."inspectorId", u.name,
        (count(*) FILTER (WHERE i.status = 'PENDING'))::int AS pending,
        (count(*) FILTER (WHERE i.status = 'IN_PROGRESS'))::int AS "inProgress"
      FROM "Inspection" i JOIN "User" u ON u.id = i."inspectorId"
      WHERE i."organizationId" = ${organizationId}::uuid AND ${openInspection()}
      GROUP BY i."inspectorId", u.name
      ORDER BY u.name, i."inspectorId"`,
    db.$queryRaw<Array<{ callerId: string; name: string; inspected: number; passed: number }>>`
      SELECT i."callerId", u.name, count(*)::int AS inspected,
        (count(*) FILTER (WHERE i."effectivePassed"))::int AS passed
      FROM "Inspection" i
      JOIN "User" u ON u.id = i."callerId"
      WHERE i."organizationId" = ${organizationId}::uuid AND i.status = 'SUBMITTED'
        AND i."visitStartedAt" >= ${inMonth.from} AND i."visitStartedAt" < ${inMonth.to}
      GROUP BY i."callerId", u.name
      ORDER BY u.name, i."callerId"`,
    db.$queryRaw<Array<{ month: string; inspected: number; passed: number }>>`
      SELECT to_char(i."visitStartedAt" AT TIME ZONE ${tz}, 'YYYY-MM') AS month, count(*)::int AS inspected,
        (count(*) FILTER (WHERE i."effectivePassed"))::int AS passed
      FROM "Inspection" i
      WHERE i."organizationId" = ${organizationId}::uuid AND i.status = 'SUBMITTED'
        AND i."visitStartedAt" >= ${inTrend.from} AND i."visitStartedAt" < ${inTrend.to}
      GROUP BY 1`,
    db.$queryRaw<Array<{ finding: string; count: number }>>`
      SELECT f.finding, count(*)::int AS count
      FROM "Inspection" i
      CROSS JOIN LATERAL unnest(i.findings) AS f(finding)
      WHERE i."organizationId" = ${organizationId}::uuid AND i.status = 'SUBMITTED'
        AND i."visitStartedAt" >= ${inMonth.from} AND i."visitStartedAt" < ${inMonth.to}
      GROUP BY 1
      ORDER BY 2 DESC, 1`,
    db.$queryRaw<Array<{ appeals: number; reports: number }>>`
      SELECT
        (SELECT count(*) FROM "InspectionAppeal" a JOIN "Inspection" i ON i.id = a."inspectionId"
          WHERE i."organizationId" = ${organizationId}::uuid AND a.status = 'PENDING')::int AS appeals,
        (SELECT count(*) FROM "VisitReport" r
          WHERE r."organizationId" = ${organizationId}::uuid AND r.status = 'SUBMITTED')::int AS reports`,
  ]);

  const trendByMonth = new Map(trend.map((r) => [r.month, r]));
  return {
    month,
    passRateTargetBp,
    inspectionBacklog: {
      pending: backlog.reduce((s, r) => s + r.pending, 0),
      inProgress: backlog.reduce((s, r) => s + r.inProgress, 0),
      byInspector: backlog,
    },
    passRateByCaller: byCaller,
    passRateTrend: Array.from({ length: 6 }, (_, k) => {
      const m = addMonths(firstMonth, k);
      const row = trendByMonth.get(m);
      return { month: m, inspected: row?.inspected ?? 0, passed: row?.passed ?? 0 };
    }),
    findings: findings.map((r) => ({ finding: r.finding as TFinding, count: r.count })),
    appealsWaiting: waiting[0]?.appeals ?? 0,
    reportsWaiting: waiting[0]?.reports ?? 0,
  };
}
