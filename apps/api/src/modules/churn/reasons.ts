// The organisation's churn sub-reasons (docs/rules.md#r-churn-1-churn-reasons): the shipped defaults
// are added once per organisation (at its creation, and at start-up for one made before they
// shipped); afterwards the list is the organisation's own to edit.
import { DEFAULT_CHURN_REASONS } from '@huifang/domain';
import type { PrismaClient, Tx } from '../../db/prisma.ts';

export async function ensureDefaultChurnReasons(
  db: PrismaClient | Tx,
  organizationId: string,
  now: Date,
): Promise<number> {
  const done = await db.churnReason.createMany({
    data: DEFAULT_CHURN_REASONS.map((r, i) => ({
      organizationId,
      category: r.category,
      code: r.code,
      label: r.label,
      labelEn: r.labelEn,
      sort: i,
      createdAt: now,
    })),
    skipDuplicates: true,
  });
  return done.count;
}

/** The defaults for every organisation that lacks them (an installation made before they shipped). */
export async function ensureDefaultChurnReasonsEverywhere(prisma: PrismaClient, now: Date): Promise<number> {
  let added = 0;
  for (const org of await prisma.organization.findMany({ select: { id: true } }))
    added += await ensureDefaultChurnReasons(prisma, org.id, now);
  return added;
}
