// The incentive policy (docs/rules.md#r-inc-14-policy-versions): versioned, each version in force from a month. Rows are
// never edited; a change adds a version. The policy of a month is the newest version among those
// effective from that month or before. An organisation without any gets version 1 with the
// defaults of docs/rules.md#policy-defaults, effective from its first month.
import {
  FIRST_MONTH,
  type TIncentivePolicy,
  type TIncentivePolicyCreate,
  type TIncentivePolicyList,
  type TIncentivePolicyValues,
  ZIncentivePolicyValues,
} from '@huifang/contracts';
import {
  DEFAULT_INCENTIVE_POLICY,
  type IncentivePolicyValues,
  monthIn,
  policyInForce,
} from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, ruleViolation } from '../../lib/errors.ts';

type Db = PrismaClient | Tx;

export interface ResolvedPolicy {
  version: number;
  effectiveMonth: string;
  values: IncentivePolicyValues;
}

async function ensureFirstVersion(db: Db, organizationId: string): Promise<void> {
  // Idempotent under concurrency: the unique (organizationId, version) keeps one version 1.
  await db.$executeRaw`
    INSERT INTO "IncentivePolicy" (id, "organizationId", "effectiveMonth", version, "values", note)
    VALUES (gen_random_uuid(), ${organizationId}::uuid, ${FIRST_MONTH}, 1,
            ${JSON.stringify(DEFAULT_INCENTIVE_POLICY)}::jsonb, 'defaults (docs/rules.md#policy-defaults)')
    ON CONFLICT ("organizationId", version) DO NOTHING`;
}

function parseValues(values: unknown): IncentivePolicyValues {
  // A stored version was validated when written; a later, stricter contract must not lose it.
  // Values added since (the contract's defaults) fill in what an older version lacks, nested ones too.
  const parsed = ZIncentivePolicyValues.safeParse(values);
  if (parsed.success) return parsed.data;
  const stored = (values ?? {}) as Record<string, unknown>;
  const merged: Record<string, unknown> = { ...DEFAULT_INCENTIVE_POLICY, ...stored };
  for (const [k, v] of Object.entries(DEFAULT_INCENTIVE_POLICY)) {
    const own = stored[k];
    if (v && typeof v === 'object' && own && typeof own === 'object') merged[k] = { ...v, ...own };
  }
  return merged as unknown as IncentivePolicyValues;
}

/** The policy in force for a month. */
export async function policyForMonth(db: Db, organizationId: string, month: string): Promise<ResolvedPolicy> {
  const find = () =>
    db.incentivePolicy.findFirst({
      where: { organizationId, effectiveMonth: { lte: month } },
      orderBy: [{ effectiveMonth: 'desc' }, { version: 'desc' }],
    });
  let row = await find();
  if (!row) {
    await ensureFirstVersion(db, organizationId);
    row = await find();
  }
  if (!row) throw new Error('incentive policy missing after creation');
  return { version: row.version, effectiveMonth: row.effectiveMonth, values: parseValues(row.values) };
}

/** Policies of several months at once (trend screens), newest rule per month. */
export async function policiesForMonths(
  db: Db,
  organizationId: string,
  months: readonly string[],
): Promise<Map<string, ResolvedPolicy>> {
  await policyForMonth(db, organizationId, months[0] ?? FIRST_MONTH);
  const rows = await db.incentivePolicy.findMany({
    where: { organizationId },
    orderBy: [{ effectiveMonth: 'desc' }, { version: 'desc' }],
  });
  const out = new Map<string, ResolvedPolicy>();
  for (const m of months) {
    const row = policyInForce(rows, m);
    if (row)
      out.set(m, {
        version: row.version,
        effectiveMonth: row.effectiveMonth,
        values: parseValues(row.values),
      });
  }
  return out;
}

function present(
  row: Awaited<ReturnType<Tx['incentivePolicy']['findFirstOrThrow']>>,
  names: Map<string, string>,
): TIncentivePolicy {
  return {
    id: row.id,
    version: row.version,
    effectiveMonth: row.effectiveMonth,
    values: parseValues(row.values) as TIncentivePolicyValues,
    note: row.note,
    createdByName: row.createdById ? (names.get(row.createdById) ?? null) : null,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listPolicies(prisma: PrismaClient, actor: Actor): Promise<TIncentivePolicyList> {
  const user = actor.user;
  const current = await policyForMonth(prisma, user.organizationId, monthIn(actor.now, user.timezone));
  const rows = await prisma.incentivePolicy.findMany({
    where: { organizationId: user.organizationId },
    orderBy: { version: 'desc' },
  });
  const ids = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const users = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return { currentVersion: current.version, items: rows.map((r) => present(r, names)) };
}

/**
 * Adds a version. Refused (422) when it would apply to a month whose incentive sheet is already
 * approved — the rules of a paid month do not change — and (409) when someone added a version
 * since the editor loaded the list.
 */
export async function createPolicy(
  prisma: PrismaClient,
  actor: Actor,
  body: TIncentivePolicyCreate,
): Promise<TIncentivePolicy> {
  const user = actor.user;
  const org = user.organizationId;
  await ensureFirstVersion(prisma, org);
  return prisma.$transaction(async (tx) => {
    // One writer at a time per organisation, so versions stay a gapless sequence.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('incentive-policy'), hashtext(${org}))`;
    const latest = await tx.incentivePolicy.findFirstOrThrow({
      where: { organizationId: org },
      orderBy: { version: 'desc' },
    });
    if (latest.version !== body.basedOnVersion) {
      throw conflict('The policy was changed meanwhile; reload it and apply your change again', {
        currentVersion: latest.version,
      });
    }
    const locked = await tx.monthClose.findFirst({
      where: { organizationId: org, status: 'APPROVED', month: { gte: body.effectiveMonth } },
      orderBy: { month: 'desc' },
      select: { month: true },
    });
    if (locked) {
      throw ruleViolation(
        `The incentive sheet of ${locked.month} is approved; a new policy can start after it`,
        {
          approvedMonth: locked.month,
        },
      );
    }
    const row = await tx.incentivePolicy.create({
      data: {
        organizationId: org,
        effectiveMonth: body.effectiveMonth,
        version: latest.version + 1,
        values: body.values as Prisma.InputJsonValue,
        note: body.note ?? null,
        createdById: user.id,
      },
    });
    await audit(tx, actor, {
      action: 'INCENTIVE_POLICY_CREATE',
      entity: 'IncentivePolicy',
      entityId: row.id,
      before: { version: latest.version, values: latest.values },
      after: { version: row.version, effectiveMonth: row.effectiveMonth, values: body.values },
    });
    return present(row, new Map([[user.id, user.name]]));
  });
}
