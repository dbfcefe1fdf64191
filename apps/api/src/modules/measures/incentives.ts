// Incentive items a measure proposes (docs/rules.md#r-meas-4-incentive-items; seed 002 五.2 獎勵機制,
// 五.3 懲罰機制): a notice of criticism with a rectification deadline for the owner of a measure
// overdue past its escalation or evaluated NOT_EFFECTIVE (MEASURE_FAILED), and a special award for the
// owner of a measure whose linked key customer came back (KEY_CUSTOMER_RETAINED). Both land in the
// current month's sheet as PROPOSED items (source MANUAL, like other special awards, so the month close
// leaves them alone) and are decided like every other item. One per measure and month (the sheet's
// unique dedupe key); a retained customer once per measure, whatever the month.
import { addDays, dateToDay, dayIn, MEASURE_REMEDIATION_DAYS, monthIn, startOfDay } from '@huifang/domain';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import { type AnyActor, systemActor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { lockMonth, sheetRow } from '../incentives/close.ts';
import { policyForMonth } from '../kpi/policy.ts';

interface MeasureRef {
  id: string;
  organizationId: string;
  number: number;
  title: string;
  ownerId: string;
}

/** Proposes MEASURE_FAILED for the owner in the month of `actor.now`; false when there already is one or the sheet is locked. */
export async function proposeMeasureFailed(
  tx: Tx,
  actor: AnyActor,
  m: MeasureRef,
  why: 'OVERDUE' | 'NOT_EFFECTIVE',
  tz: string,
): Promise<boolean> {
  const month = monthIn(actor.now, tz);
  await lockMonth(tx, m.organizationId, month);
  const sheet = await sheetRow(tx, m.organizationId, month);
  if (sheet.status === 'APPROVED') return false;
  const dedupeKey = `MEASURE_FAILED:${m.id}`;
  const exists = await tx.incentiveItem.findFirst({
    where: { closeId: sheet.id, dedupeKey },
    select: { id: true },
  });
  if (exists) return false;
  const owner = await tx.user.findUnique({ where: { id: m.ownerId }, select: { departmentId: true } });
  const remediationDue = addDays(dayIn(actor.now, tz), MEASURE_REMEDIATION_DAYS);
  const item = await tx.incentiveItem.create({
    data: {
      organizationId: m.organizationId,
      closeId: sheet.id,
      month,
      rule: 'MEASURE_FAILED',
      kind: 'PUBLIC_CRITICISM',
      source: 'MANUAL',
      dedupeKey,
      userId: m.ownerId,
      departmentId: owner?.departmentId ?? null,
      figures: { measureId: m.id, measureNumber: m.number, title: m.title, failure: why, remediationDue },
      reason: why,
      remediationDueAt: startOfDay(addDays(remediationDue, 1), tz),
      createdById: actor.user?.id ?? null,
      createdAt: actor.now,
    },
  });
  await audit(tx, actor, {
    action: 'INCENTIVE_MEASURE_FAILED',
    entity: 'IncentiveItem',
    entityId: item.id,
    after: { measureId: m.id, why, month },
  });
  return true;
}

/**
 * For each measure under way or done, the confirmed churn cases linked to it whose customer is a key
 * one (tier HIGH or segment KEY_ACCOUNT) and came back (an ENROLLED or RENEWED event after the day
 * they left): a special award for the measure's owner, proposed once per measure and customer.
 */
export async function proposeRetentionAwards(prisma: PrismaClient, now: Date): Promise<number> {
  const rows = await prisma.$queryRaw<
    Array<{
      measureId: string;
      organizationId: string;
      number: number;
      title: string;
      ownerId: string;
      customerId: string;
      customerName: string;
      caseId: string;
      caseDay: Date;
      backDay: Date;
      timezone: string;
    }>
  >`
    SELECT m.id AS "measureId", m."organizationId", m.number, m.title, m."ownerId",
      cc."customerId", c.name AS "customerName", cc.id AS "caseId", cc.day AS "caseDay",
      min(e.day) AS "backDay", o.timezone
    FROM "ImprovementMeasure" m
    JOIN "Organization" o ON o.id = m."organizationId"
    JOIN "MeasureCase" mc ON mc."measureId" = m.id
    JOIN "ChurnCase" cc ON cc.id = mc."caseId" AND cc.status = 'CONFIRMED' AND cc."customerId" IS NOT NULL
    JOIN "Customer" c ON c.id = cc."customerId" AND (c.tier::text = 'HIGH' OR c.segment::text = 'KEY_ACCOUNT')
    JOIN "CustomerEvent" e ON e."customerId" = cc."customerId" AND e.kind IN ('ENROLLED', 'RENEWED')
      AND e."cancelledAt" IS NULL AND e.day > cc.day
    WHERE m.status IN ('IN_PROGRESS', 'DONE', 'EVALUATED')
      AND NOT EXISTS (SELECT 1 FROM "IncentiveItem" i WHERE i."organizationId" = m."organizationId"
        AND i."dedupeKey" = 'KEY_CUSTOMER_RETAINED:' || m.id::text || ':' || cc."customerId"::text)
    GROUP BY m.id, cc."customerId", c.name, cc.id, o.timezone
    ORDER BY m."organizationId", m.number`;
  let proposed = 0;
  const seen = new Set<string>();
  for (const r of rows) {
    const dedupeKey = `KEY_CUSTOMER_RETAINED:${r.measureId}:${r.customerId}`;
    if (seen.has(dedupeKey)) continue;
    seen.add(dedupeKey);
    const month = monthIn(now, r.timezone);
    const actor = systemActor(r.organizationId, now, 'measure-retention');
    const made = await prisma.$transaction(async (tx) => {
      await lockMonth(tx, r.organizationId, month);
      const sheet = await sheetRow(tx, r.organizationId, month);
      if (sheet.status === 'APPROVED') return false;
      const again = await tx.incentiveItem.findFirst({
        where: { organizationId: r.organizationId, dedupeKey },
        select: { id: true },
      });
      if (again) return false;
      const policy = await policyForMonth(tx, r.organizationId, month);
      const owner = await tx.user.findUnique({ where: { id: r.ownerId }, select: { departmentId: true } });
      const item = await tx.incentiveItem.create({
        data: {
          organizationId: r.organizationId,
          closeId: sheet.id,
          month,
          rule: 'KEY_CUSTOMER_RETAINED',
          kind: 'BONUS',
          source: 'MANUAL',
          dedupeKey,
          userId: r.ownerId,
          departmentId: owner?.departmentId ?? null,
          amountFen: policy.values.specialAwardFen,
          figures: {
            measureId: r.measureId,
            measureNumber: r.number,
            title: r.title,
            caseId: r.caseId,
            customerName: r.customerName,
            leftOn: dateToDay(r.caseDay),
            backOn: dateToDay(r.backDay),
          },
          createdAt: now,
        },
      });
      await audit(tx, actor, {
        action: 'INCENTIVE_KEY_CUSTOMER_RETAINED',
        entity: 'IncentiveItem',
        entityId: item.id,
        after: { measureId: r.measureId, caseId: r.caseId, month },
      });
      return true;
    });
    if (made) proposed++;
  }
  return proposed;
}
