// Who may see and change a plan, and the lock every edit of a plan takes first.
import { can, EDITABLE_PLAN_STATUSES } from '@huifang/contracts';
import { checkTransition, PLAN_WORKFLOW } from '@huifang/domain';
import type { PlanStatus } from '../../db/generated/enums.ts';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, notFound, staleVersion } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';

export interface PlanRow {
  id: string;
  organizationId: string;
  teamId: string;
  month: string;
  status: PlanStatus;
  dailyCap: number;
  version: number;
}

const planSelect = {
  id: true,
  organizationId: true,
  teamId: true,
  month: true,
  status: true,
  dailyCap: true,
  version: true,
} as const;

/** A lead works on the plans of their own team; everybody else with plan:read sees all. */
export function assertTeamAccess(user: SessionUser, teamId: string): void {
  if (can(user.role, 'scope:team') && user.teamId !== teamId) {
    throw forbidden('This plan belongs to another team');
  }
}

/** The plan in the user's organisation (404 otherwise) that the user may work on (403 otherwise). */
export async function loadPlan(db: PrismaClient | Tx, user: SessionUser, id: string): Promise<PlanRow> {
  const plan = await db.visitPlan.findFirst({
    where: { id, organizationId: user.organizationId },
    select: planSelect,
  });
  if (!plan) throw notFound('Plan');
  assertTeamAccess(user, plan.teamId);
  return plan;
}

export const notEditable = (status: string) =>
  conflict(`A ${status.toLowerCase()} plan cannot be changed`, { reason: 'STATUS', status });

/** Early answer for edits of a frozen plan (the row lock in lockForEdit checks again). */
export function assertEditable(plan: { status: string }): void {
  if (!(EDITABLE_PLAN_STATUSES as readonly string[]).includes(plan.status)) throw notEditable(plan.status);
}

/**
 * Locks the plan row for the rest of the transaction, checks it can still be edited (DRAFT or
 * REJECTED, else 409) and, when given, that `version` is current (else 409 STALE_VERSION); then
 * bumps the version. A REJECTED plan turns back into a DRAFT on its first edit, which is a
 * transition: it gets a PlanReview row (EDIT) and an audit row. Submission takes the same row
 * lock, so an edit and a submission never interleave.
 */
export async function lockForEdit(
  tx: Tx,
  actor: Actor,
  user: SessionUser,
  planId: string,
  version?: number,
): Promise<PlanRow> {
  const row = await lockPlan(tx, user, planId);
  const check = checkTransition(PLAN_WORKFLOW, 'edit', row.status, user.role);
  if (!check.ok) throw check.reason === 'PERMISSION' ? forbidden() : notEditable(row.status);
  if (version !== undefined && version !== row.version) throw staleVersion(row.version);
  await tx.$executeRaw`
    UPDATE "VisitPlan" SET status = 'DRAFT', version = version + 1, "updatedAt" = ${actor.now}::timestamptz
    WHERE id = ${planId}::uuid`;
  if (row.status === 'REJECTED') {
    await tx.planReview.create({ data: { planId, action: 'EDIT', actorId: user.id } });
    await audit(tx, actor, {
      action: 'PLAN_REOPEN',
      entity: 'VisitPlan',
      entityId: planId,
      before: { status: 'REJECTED' },
      after: { status: 'DRAFT' },
    });
  }
  const plan = await tx.visitPlan.findUniqueOrThrow({ where: { id: planId }, select: planSelect });
  return plan;
}

export interface LockedPlan {
  id: string;
  status: PlanStatus;
  version: number;
  chain: unknown;
  chainStep: number;
}

/** Locks the plan row for the rest of the transaction (404 when it is not the organisation's). */
export async function lockPlan(tx: Tx, user: SessionUser, planId: string): Promise<LockedPlan> {
  const [row] = await tx.$queryRaw<LockedPlan[]>`
    SELECT id, status, version, chain, "chainStep" FROM "VisitPlan"
    WHERE id = ${planId}::uuid AND "organizationId" = ${user.organizationId}::uuid
    FOR UPDATE`;
  if (!row) throw notFound('Plan');
  return row;
}

/** The active callers of a team, in a stable order (the balancer breaks ties by it). */
export async function teamCallers(
  db: PrismaClient | Tx,
  organizationId: string,
  teamId: string,
): Promise<Array<{ id: string; name: string }>> {
  return db.user.findMany({
    where: { organizationId, teamId, role: 'CALLER', active: true },
    select: { id: true, name: true },
    orderBy: [{ email: 'asc' }],
  });
}
