// The organisation's approval chains (docs/rules.md#r-chain-1-chains): one row per organisation, the
// defaults until an administrator changes them, with a version check. Plans, reports and appeals read
// them through `approvalChainsOf`; a submitted document keeps the steps it was submitted with.
import { can, type TApprovalChains, type TApprovalChainsPut, type TChainStep } from '@huifang/contracts';
import {
  type ApprovalChainValues,
  type ChainActor,
  chainProblems,
  DEFAULT_APPROVAL_CHAINS,
  matchesStep,
} from '@huifang/domain';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, invalid, staleVersion } from '../../lib/errors.ts';
import { peopleOf } from '../../lib/people.ts';

type Db = PrismaClient | Tx;

/** The organisation's chains: its row, or the defaults when it has none. */
export async function approvalChainsOf(db: Db, organizationId: string): Promise<ApprovalChainValues> {
  const row = await db.approvalChain.findUnique({ where: { organizationId } });
  if (!row) return structuredClone(DEFAULT_APPROVAL_CHAINS);
  return {
    planSteps: row.planSteps as TChainStep[],
    reportSteps: row.reportSteps as TChainStep[],
    rollupSteps: row.rollupSteps as TChainStep[],
    appealDecider: row.appealDecider as TChainStep,
  };
}

export async function getApprovalChains(db: Db, actor: Actor): Promise<TApprovalChains> {
  const row = await db.approvalChain.findUnique({ where: { organizationId: actor.organizationId } });
  const person = await peopleOf(db, [row?.updatedById]);
  return {
    ...(await approvalChainsOf(db, actor.organizationId)),
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: person(row?.updatedById),
    canEdit: can(actor.user.role, 'approval-chain:write'),
  };
}

export async function putApprovalChains(
  prisma: PrismaClient,
  actor: Actor,
  body: TApprovalChainsPut,
): Promise<TApprovalChains> {
  const after: ApprovalChainValues = {
    planSteps: body.planSteps.map((s) => ({ role: s.role, title: s.title })),
    reportSteps: body.reportSteps.map((s) => ({ role: s.role, title: s.title })),
    rollupSteps: body.rollupSteps.map((s) => ({ role: s.role, title: s.title })),
    appealDecider: { role: body.appealDecider.role, title: body.appealDecider.title },
  };
  const problems = chainProblems(after);
  if (problems.length)
    throw invalid('The approval chains are not valid', { field: problems[0]!.field, problems });
  return prisma.$transaction(async (tx) => {
    const organizationId = actor.organizationId;
    const row = await tx.approvalChain.findUnique({ where: { organizationId } });
    const current = row?.version ?? 0;
    if (body.version !== current) throw staleVersion(current);
    const before = await approvalChainsOf(tx, organizationId);
    const data = {
      planSteps: after.planSteps,
      reportSteps: after.reportSteps,
      rollupSteps: after.rollupSteps,
      appealDecider: after.appealDecider,
      updatedById: actor.user.id,
      updatedAt: actor.now,
    };
    if (row) {
      // the version in the WHERE: a change that raced this one leaves nothing to update
      const done = await tx.approvalChain.updateMany({
        where: { organizationId, version: current },
        data: { ...data, version: { increment: 1 } },
      });
      if (done.count === 0) throw staleVersion(current + 1);
    } else {
      const made = await tx.approvalChain.createMany({
        data: [{ organizationId, ...data, version: 1 }],
        skipDuplicates: true,
      });
      if (made.count === 0) throw staleVersion(1);
    }
    await audit(tx, actor, {
      action: 'APPROVAL_CHAIN_UPDATE',
      entity: 'ApprovalChain',
      entityId: organizationId,
      before,
      after,
    });
    return getApprovalChains(tx, actor);
  });
}

/** 403 unless the user acts at the organisation's appeal step (R-CHAIN-4). */
export async function assertAppealDecider(db: Db, organizationId: string, user: ChainActor): Promise<void> {
  const chains = await approvalChainsOf(db, organizationId);
  if (!matchesStep(chains.appealDecider, user)) {
    throw new AppError('FORBIDDEN', 'Appeals are decided by the role the organisation names', {
      reason: 'NOT_YOUR_STEP',
      due: chains.appealDecider,
    });
  }
}
