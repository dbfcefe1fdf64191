// Churn on the dashboards (docs/rules.md#r-churn-6-churn-dashboard): the rate by month and stage, the
// reasons, the measures; a department's member sees their department only. Cases and measures are
// made in months the demo's own data never reaches.
import { ratio } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';

describe('the churn dashboard', async () => {
  const t = await setupTestApp();
  const org = (await t.prisma.organization.findFirstOrThrow()).id;
  const reason = await t.prisma.churnReason.findFirstOrThrow({
    where: { organizationId: org, code: 'CONTENT' },
  });
  const teaching = await t.prisma.department.findFirstOrThrow({
    where: { organizationId: org, kind: 'TEACHING' },
  });
  const service = await t.prisma.department.findFirstOrThrow({
    where: { organizationId: org, kind: 'SERVICE' },
  });
  const customers = await t.prisma.customer.findMany({
    where: { organizationId: org },
    take: 6,
    orderBy: { id: 'asc' },
  });
  const owner = await t.prisma.user.findFirstOrThrow({ where: { email: 'handler@demo.local' } });
  const as = (who: string, url: string) => t.as(`${who}@demo.local`, { method: 'GET', url });
  const mkCase = (i: number, day: string, stage: string, departmentId: string) =>
    t.prisma.churnCase.create({
      data: {
        organizationId: org,
        customerId: customers[i]!.id,
        status: 'CONFIRMED',
        stage,
        day: new Date(`${day}T00:00:00Z`),
        reasonId: reason.id,
        departmentId,
        createdAt: testNow(),
      },
    });
  let number = 9000;
  const mkMeasure = (status: string, deadline: string, departmentId: string, extra: object = {}) =>
    t.prisma.improvementMeasure.create({
      data: {
        organizationId: org,
        number: number++,
        title: `措施 ${number}`,
        departmentId,
        ownerId: owner.id,
        deadline: new Date(`${deadline}T00:00:00Z`),
        status,
        createdById: owner.id,
        createdAt: testNow(),
        ...extra,
      },
    });
  const get = async (who: string) => (await as(who, '/api/dashboards/churn?month=2026-11')).json();
  const [managerBefore, handlerBefore] = [await get('manager'), await get('handler')];
  const reasonN = (d: { reasons: Array<{ reasonId: string | null; n: number }> }) =>
    d.reasons.find((r) => r.reasonId === reason.id)?.n ?? 0;
  await mkCase(0, '2026-10-05', 'REFUNDED', teaching.id);
  await mkCase(1, '2026-10-20', 'DROPPED_OUT', teaching.id);
  await mkCase(2, '2026-10-21', 'NOT_ENROLLED', service.id);
  await mkCase(3, '2026-11-02', 'REFUNDED', service.id);
  // TEST_NOW is 2026-03-18: one overdue, one on track, one evaluated
  await mkMeasure('IN_PROGRESS', '2026-03-17', teaching.id);
  await mkMeasure('APPROVED', '2026-03-18', service.id);
  await mkMeasure('EVALUATED', '2026-02-01', teaching.id, { outcome: 'EFFECTIVE', evaluatedAt: testNow() });

  it('gives the manager the rate by month and stage over 12 months, the reasons and the measures', async () => {
    const res = await as('manager', '/api/dashboards/churn?month=2026-11');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.department).toBeNull();
    expect(d.months).toHaveLength(12);
    expect(d.months[0].month).toBe('2025-12');
    const oct = d.months.find((m: { month: string }) => m.month === '2026-10');
    expect(oct).toMatchObject({
      cases: 3,
      customerCases: 2,
      byStage: { REFUNDED: 1, DROPPED_OUT: 1, NOT_ENROLLED: 1 },
    });
    const base = await t.prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM "Customer"
       WHERE "organizationId" = ${org}::uuid
         AND coalesce("enrolledAt", ("createdAt" AT TIME ZONE 'Asia/Shanghai')::date) < '2026-10-01'::date`;
    expect(oct.base).toBe(base[0]!.n);
    expect(oct.rate).toEqual(ratio(2, base[0]!.n));
    expect(reasonN(d) - reasonN(managerBefore)).toBe(4);
    expect(d.measures.overdue - managerBefore.measures.overdue).toBe(1);
    expect(d.measures.onTrack - managerBefore.measures.onTrack).toBe(1);
    for (const s of ['IN_PROGRESS', 'APPROVED', 'EVALUATED'])
      expect((d.measures.byStatus[s] ?? 0) - (managerBefore.measures.byStatus[s] ?? 0)).toBe(1);
    expect(d.measures.evaluated.map((e: { outcome: string }) => e.outcome)).toContain('EFFECTIVE');
  });

  it('limits a department’s member to their department; refuses people without churn figures', async () => {
    const res = await as('handler', '/api/dashboards/churn?month=2026-11');
    expect(res.statusCode).toBe(200);
    const d = res.json();
    expect(d.department).toEqual({ id: teaching.id, name: teaching.name });
    const oct = d.months.find((m: { month: string }) => m.month === '2026-10');
    const octBefore = handlerBefore.months.find((m: { month: string }) => m.month === '2026-10');
    expect(oct.cases - octBefore.cases).toBe(2);
    const nov = (x: typeof d) => x.months.find((m: { month: string }) => m.month === '2026-11').cases;
    expect(nov(d) - nov(handlerBefore)).toBe(0);
    expect(d.measures.overdue - handlerBefore.measures.overdue).toBe(1);
    expect(d.measures.onTrack - handlerBefore.measures.onTrack).toBe(0);
    expect((await as('caller1', '/api/dashboards/churn')).statusCode).toBe(403);
    expect((await as('manager', '/api/dashboards/churn?month=2026-13')).statusCode).toBe(400);
  });
});
