// Churn on the dashboards (docs/rules.md#r-churn-6-churn-dashboard): the churn rate by month and
// stage, the reasons, and the improvement measures on track, overdue and evaluated — for the whole
// organisation (the manager), or limited to the user's department (a department head or handler).
import type { TChurnDashboard } from '@huifang/contracts';
import { can } from '@huifang/contracts';
import {
  addMonths,
  CHURN_DASHBOARD_MONTHS,
  churnRates,
  dayIn,
  monthBounds,
  monthIn,
  pareto,
} from '@huifang/domain';
import type { PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { forbidden } from '../../lib/errors.ts';

/** the evaluated measures the dashboard lists */
const EVALUATED_SHOWN = 5;
const FINISHED = ['DONE', 'EVALUATED'];

export async function churnDashboard(
  prisma: PrismaClient,
  actor: Actor,
  month: string | undefined,
): Promise<TChurnDashboard> {
  const tz = actor.user.timezone;
  const m = month ?? monthIn(actor.now, tz);
  const months = Array.from({ length: CHURN_DASHBOARD_MONTHS }, (_, i) =>
    addMonths(m, i - CHURN_DASHBOARD_MONTHS + 1),
  );
  const from = monthBounds(months[0]!).first;
  const to = monthBounds(m).last;
  const today = dayIn(actor.now, tz);
  const org = actor.organizationId;
  let departmentId: string | null = null;
  if (!can(actor.user.role, 'churn:read:any')) {
    if (!actor.user.departmentId) throw forbidden('Only a member of a department sees its churn figures');
    departmentId = actor.user.departmentId;
  }
  const dept = departmentId;

  const [cases, enrolled, reasons, department, statuses, overdue, onTrack, evaluated] = await Promise.all([
    prisma.$queryRaw<Array<{ month: string; stage: string | null; reasonId: string | null; n: number }>>`
      SELECT to_char(day, 'YYYY-MM') AS month, stage, "reasonId"::text AS "reasonId", count(*)::int AS n
        FROM "ChurnCase"
       WHERE "organizationId" = ${org}::uuid AND status = 'CONFIRMED'
         AND day BETWEEN ${from}::date AND ${to}::date
         AND (${dept}::uuid IS NULL OR "departmentId" = ${dept}::uuid)
       GROUP BY 1, 2, 3`,
    prisma.$queryRaw<Array<{ month: string; n: number }>>`
      SELECT to_char(coalesce("enrolledAt", ("createdAt" AT TIME ZONE ${tz})::date), 'YYYY-MM') AS month,
             count(*)::int AS n
        FROM "Customer"
       WHERE "organizationId" = ${org}::uuid
         AND coalesce("enrolledAt", ("createdAt" AT TIME ZONE ${tz})::date) < ${to}::date
       GROUP BY 1`,
    prisma.churnReason.findMany({
      where: { organizationId: org },
      select: { id: true, category: true, label: true, labelEn: true },
    }),
    dept ? prisma.department.findUnique({ where: { id: dept }, select: { id: true, name: true } }) : null,
    prisma.improvementMeasure.groupBy({
      by: ['status'],
      where: { organizationId: org, ...(dept ? { departmentId: dept } : {}) },
      _count: { _all: true },
    }),
    prisma.improvementMeasure.count({
      where: {
        organizationId: org,
        ...(dept ? { departmentId: dept } : {}),
        status: { notIn: FINISHED },
        deadline: { lt: new Date(`${today}T00:00:00Z`) },
      },
    }),
    prisma.improvementMeasure.count({
      where: {
        organizationId: org,
        ...(dept ? { departmentId: dept } : {}),
        status: { in: ['APPROVED', 'IN_PROGRESS'] },
        deadline: { gte: new Date(`${today}T00:00:00Z`) },
      },
    }),
    prisma.improvementMeasure.findMany({
      where: { organizationId: org, ...(dept ? { departmentId: dept } : {}), status: 'EVALUATED' },
      orderBy: [{ evaluatedAt: 'desc' }, { number: 'desc' }],
      take: EVALUATED_SHOWN,
      select: { id: true, number: true, title: true, outcome: true, evaluatedAt: true },
    }),
  ]);

  const reasonById = new Map(reasons.map((r) => [r.id, r]));
  const byReason = new Map<string, number>();
  for (const c of cases) byReason.set(c.reasonId ?? '', (byReason.get(c.reasonId ?? '') ?? 0) + c.n);

  return {
    month: m,
    department,
    months: churnRates(months, cases, enrolled),
    reasons: pareto(
      [...byReason].map(([id, n]) => {
        const r = id ? reasonById.get(id) : undefined;
        return {
          key: r ? `${r.category}/${r.label}` : '~',
          reasonId: id || null,
          category: (r?.category ?? null) as TChurnDashboard['reasons'][number]['category'],
          label: r?.label ?? null,
          labelEn: r?.labelEn ?? null,
          n,
        };
      }),
    ).map(({ key: _key, ...row }) => row),
    measures: {
      byStatus: Object.fromEntries(statuses.map((s) => [s.status, s._count._all])),
      overdue,
      onTrack,
      evaluated: evaluated.map((e) => ({ ...e, evaluatedAt: e.evaluatedAt?.toISOString() ?? null })),
    },
  };
}
