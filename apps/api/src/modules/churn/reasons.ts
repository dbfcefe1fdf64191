// The organisation's churn sub-reasons (docs/rules.md#r-churn-1-churn-reasons): the shipped defaults
// are added once per organisation (at its creation, and at start-up for one made before they
// shipped); afterwards the list is the organisation's own to edit.
import {
  CHURN_CATEGORIES,
  type TChurnCategory,
  type TChurnReason,
  type TChurnReasonCreate,
  type TChurnReasonUpdate,
} from '@huifang/contracts';
import { DEFAULT_CHURN_REASONS } from '@huifang/domain';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, notFound, staleVersion } from '../../lib/errors.ts';

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

type ReasonRow = {
  id: string;
  category: string;
  code: string | null;
  label: string;
  labelEn: string | null;
  active: boolean;
  sort: number;
  version: number;
  _count: { cases: number };
};
const REASON_SELECT = {
  id: true,
  category: true,
  code: true,
  label: true,
  labelEn: true,
  active: true,
  sort: true,
  version: true,
  _count: { select: { cases: true } },
} as const;

function toReason(r: ReasonRow): TChurnReason {
  return {
    id: r.id,
    category: r.category as TChurnCategory,
    code: r.code,
    label: r.label,
    labelEn: r.labelEn,
    active: r.active,
    sort: r.sort,
    cases: r._count.cases,
    version: r.version,
  };
}

/** The organisation's reasons, by category and place (retired ones too: old cases still name them). */
export async function listChurnReasons(
  prisma: PrismaClient,
  actor: Actor,
): Promise<{ items: TChurnReason[] }> {
  const rows = await prisma.churnReason.findMany({
    where: { organizationId: actor.organizationId },
    select: REASON_SELECT,
    orderBy: [{ category: 'asc' }, { sort: 'asc' }, { label: 'asc' }],
  });
  const order = (c: string) => CHURN_CATEGORIES.indexOf(c as TChurnCategory);
  return { items: rows.sort((a, b) => order(a.category) - order(b.category)).map(toReason) };
}

const duplicate = (err: unknown) =>
  (err as { code?: string }).code === 'P2002'
    ? conflict('A reason with this label exists in this category', {
        field: 'label',
        reason: 'DUPLICATE_LABEL',
      })
    : err;

export async function createChurnReason(
  prisma: PrismaClient,
  actor: Actor,
  body: TChurnReasonCreate,
): Promise<TChurnReason> {
  try {
    return await prisma.$transaction(async (tx) => {
      const last = await tx.churnReason.aggregate({
        where: { organizationId: actor.organizationId, category: body.category },
        _max: { sort: true },
      });
      const row = await tx.churnReason.create({
        data: {
          organizationId: actor.organizationId,
          category: body.category,
          label: body.label,
          labelEn: body.labelEn ?? null,
          sort: body.sort ?? (last._max.sort ?? 0) + 1,
          createdAt: actor.now,
        },
        select: REASON_SELECT,
      });
      await audit(tx, actor, {
        action: 'CHURN_REASON_CREATE',
        entity: 'ChurnReason',
        entityId: row.id,
        after: { category: row.category, label: row.label, labelEn: row.labelEn },
      });
      return toReason(row);
    });
  } catch (err) {
    throw duplicate(err);
  }
}

/** Renames, re-sorts, retires or restores a reason; its category never changes. */
export async function updateChurnReason(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: TChurnReasonUpdate,
): Promise<TChurnReason> {
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.churnReason.findFirst({ where: { id, organizationId: actor.organizationId } });
      if (!row) throw notFound('Reason');
      if (row.version !== body.version) throw staleVersion(row.version);
      const data = {
        ...(body.label !== undefined ? { label: body.label } : {}),
        ...(body.labelEn !== undefined ? { labelEn: body.labelEn } : {}),
        ...(body.active !== undefined ? { active: body.active } : {}),
        ...(body.sort !== undefined ? { sort: body.sort } : {}),
      };
      const done = await tx.churnReason.updateMany({
        where: { id, version: body.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (done.count === 0) throw staleVersion(row.version + 1);
      await audit(tx, actor, {
        action: 'CHURN_REASON_UPDATE',
        entity: 'ChurnReason',
        entityId: id,
        before: { label: row.label, labelEn: row.labelEn, active: row.active, sort: row.sort },
        after: data,
      });
      return toReason(await tx.churnReason.findUniqueOrThrow({ where: { id }, select: REASON_SELECT }));
    });
  } catch (err) {
    throw duplicate(err);
  }
}
