// The deduction cap on the sheet (docs/rules.md#r-inc-11-deduction-cap): one person's deductions
// on a month's sheet never exceed the month's performance bonus. Applied whenever items are read
// — the sheet, one's own items, the payroll export, the manager's totals — over every deduction of
// that person on that sheet, so a rejection, an overturned appeal or a remediation deduction added
// later counts at once. The stored amount stays what the rule proposed; a cut item is presented
// with the amount actually deducted, and its figures carry the uncapped amount and the cap.
import { applyDeductionCap, type CappedAmount, deductionCapFen } from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import { policyForMonth } from '../kpi/policy.ts';

type Db = PrismaClient | Tx;

/** The sheet's order: the order the cap is taken in, so a later deduction is cut first. */
export const ITEM_ORDER: Prisma.IncentiveItemOrderByWithRelationInput[] = [
  { createdAt: 'asc' },
  { dedupeKey: 'asc' },
];

interface CapRow {
  id: string;
  organizationId: string;
  closeId: string;
  userId: string | null;
  kind: string;
}

/** The capped amount of each deduction among `rows` that the cap concerns, by item id. */
export async function cappedDeductions(db: Db, rows: readonly CapRow[]): Promise<Map<string, CappedAmount>> {
  const out = new Map<string, CappedAmount>();
  const deductions = rows.filter((r) => r.kind === 'DEDUCTION' && r.userId);
  if (deductions.length === 0) return out;
  // every deduction of those people on those sheets, whether or not it is among the rows
  const all = await db.incentiveItem.findMany({
    where: {
      organizationId: deductions[0]!.organizationId,
      closeId: { in: [...new Set(deductions.map((r) => r.closeId))] },
      userId: { in: [...new Set(deductions.map((r) => r.userId!))] },
      kind: 'DEDUCTION',
    },
    select: { id: true, closeId: true, month: true, userId: true, kind: true, amountFen: true, status: true },
    orderBy: ITEM_ORDER,
  });
  const bySheet = new Map<string, typeof all>();
  for (const i of all) bySheet.set(i.closeId, [...(bySheet.get(i.closeId) ?? []), i]);
  for (const items of bySheet.values()) {
    const policy = await policyForMonth(db, deductions[0]!.organizationId, items[0]!.month);
    const capped = applyDeductionCap(items, deductionCapFen(policy.values));
    items.forEach((i, n) => {
      if (capped[n]!.uncappedFen !== null) out.set(i.id, capped[n]!);
    });
  }
  return out;
}

/** An item's figures with the cap that cut it: the uncapped amount and the cap. */
export function figuresWithCap<T extends object>(figures: T, cap: CappedAmount | undefined) {
  return cap ? { ...figures, uncappedFen: cap.uncappedFen, deductionCapFen: cap.capFen } : figures;
}
