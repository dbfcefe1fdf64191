// Appeals (申诉): the caller disputes a submitted inspection within the policy's window; a
// manager upholds or overturns it (APPEAL_WORKFLOW, run by the one executor). An overturned inspection counts as passed from then on.
import type {
  TAppealCreate,
  TAppealDecide,
  TAppealListItem,
  TAppealListQuery,
  TPage,
} from '@huifang/contracts';
import { APPEAL_WORKFLOW } from '@huifang/domain';
import type { Prisma, PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, notFound, ruleViolation } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { runTransition } from '../../lib/workflow.ts';
import {
  activeUsersWithRole,
  appealDeadline,
  criteriaOf,
  findingsOf,
  iso,
  person,
  policyOf,
  toAppeal,
  userNames,
} from './common.ts';
import { getInspection } from './inspections.ts';

export async function fileAppeal(
  prisma: PrismaClient,
  actor: Actor,
  inspectionId: string,
  body: TAppealCreate,
) {
  const user = actor.user;
  await prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Inspection" WHERE id = ${inspectionId}::uuid AND "organizationId" = ${user.organizationId}::uuid FOR UPDATE`;
    if (!locked.length) throw notFound('Inspection');
    const row = await tx.inspection.findUniqueOrThrow({
      where: { id: inspectionId },
      include: { appeals: { select: { status: true } } },
    });
    if (row.callerId !== user.id) throw forbidden('Only the inspected caller can appeal');
    if (row.status !== 'SUBMITTED') throw notFound('Inspection');
    if (row.appeals.some((a) => a.status === 'PENDING')) {
      throw conflict('An appeal of this inspection is waiting for a decision', { reason: 'APPEAL_PENDING' });
    }
    if (row.appeals.some((a) => a.status === 'OVERTURNED')) {
      throw conflict('This inspection was already overturned', { reason: 'ALREADY_OVERTURNED' });
    }
    const policy = await policyOf(tx, user.organizationId);
    const deadline = appealDeadline(row.submittedAt, policy);
    if (!deadline || actor.now > deadline) {
      throw ruleViolation('The time to appeal this inspection is over', {
        reason: 'APPEAL_WINDOW_CLOSED',
        deadline: iso(deadline),
      });
    }
    const criteria = new Map(criteriaOf(row.rubricSnapshot).map((c) => [c.id, c]));
    const items = body.items ?? [];
    for (const item of items) {
      const c = criteria.get(item.criterionId);
      if (!c)
        throw ruleViolation('No such criterion', {
          reason: 'UNKNOWN_CRITERION',
          criterionId: item.criterionId,
        });
      if (item.proposedScore !== undefined && item.proposedScore > c.weight) {
        throw ruleViolation('The proposed score exceeds the weight', {
          reason: 'OUT_OF_RANGE',
          criterionId: item.criterionId,
        });
      }
    }
    const appeal = await tx.inspectionAppeal.create({
      data: {
        inspectionId,
        callerId: user.id,
        reason: body.reason,
        items: items as Prisma.InputJsonValue,
        createdAt: actor.now,
      },
    });
    await audit(tx, actor, {
      action: 'APPEAL_FILED',
      entity: 'InspectionAppeal',
      entityId: appeal.id,
      after: { inspectionId, reason: body.reason, items },
    });
    await notify(tx, actor, {
      userIds: await activeUsersWithRole(tx, user.organizationId, 'MANAGER'),
      type: 'APPEAL_FILED',
      entity: 'Inspection',
      entityId: inspectionId,
      payload: { caller: user.name, total: row.total },
    });
  });
  return getInspection(prisma, actor, inspectionId);
}

export async function decideAppeal(
  prisma: PrismaClient,
  actor: Actor,
  appealId: string,
  body: TAppealDecide,
) {
  const user = actor.user;
  const inspectionId = await prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT a.id FROM "InspectionAppeal" a JOIN "Inspection" i ON i.id = a."inspectionId"
      WHERE a.id = ${appealId}::uuid AND i."organizationId" = ${user.organizationId}::uuid
      FOR UPDATE OF a`;
    if (!locked) throw notFound('Appeal');
    const appeal = await tx.inspectionAppeal.findUniqueOrThrow({
      where: { id: appealId },
      include: { inspection: { select: { id: true, effectivePassed: true, callerId: true } } },
    });
    const overturned = body.decision === 'OVERTURNED';
    await runTransition(tx, actor, {
      workflow: APPEAL_WORKFLOW,
      action: overturned ? 'overturn' : 'uphold',
      row: appeal,
      entity: 'InspectionAppeal',
      auditAction: 'APPEAL_DECIDED',
      wrongState: () => conflict('This appeal has already been decided', { reason: 'ALREADY_DECIDED' }),
      write: async (to) => {
        await tx.inspectionAppeal.update({
          where: { id: appealId },
          data: {
            status: to ?? appeal.status,
            decidedById: user.id,
            decisionReason: body.reason,
            decidedAt: actor.now,
          },
        });
        // an overturned inspection counts as passed from then on
        if (overturned) {
          await tx.inspection.update({
            where: { id: appeal.inspectionId },
            data: { effectivePassed: true, version: { increment: 1 } },
          });
        }
      },
      audit: {
        before: { status: 'PENDING', effectivePassed: appeal.inspection.effectivePassed },
        after: {
          status: body.decision,
          reason: body.reason,
          effectivePassed: overturned ? true : appeal.inspection.effectivePassed,
        },
      },
      notifications: [
        {
          userIds: [appeal.callerId],
          type: 'APPEAL_DECIDED',
          entity: 'Inspection',
          entityId: appeal.inspectionId,
          payload: { decision: body.decision, decidedBy: user.name },
        },
      ],
    });
    return appeal.inspectionId;
  });
  return getInspection(prisma, actor, inspectionId);
}

export async function listAppeals(
  prisma: PrismaClient,
  actor: Actor,
  q: TAppealListQuery,
): Promise<TPage<TAppealListItem>> {
  const user = actor.user;
  const where: Prisma.InspectionAppealWhereInput = {
    status: q.status,
    inspection: { organizationId: user.organizationId },
  };
  const [total, rows] = await Promise.all([
    prisma.inspectionAppeal.count({ where }),
    prisma.inspectionAppeal.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
      include: {
        inspection: {
          select: {
            id: true,
            total: true,
            passed: true,
            effectivePassed: true,
            inspectorId: true,
            findings: true,
            submittedAt: true,
            visit: { select: { customer: { select: { id: true, name: true } } } },
          },
        },
      },
    }),
  ]);
  const names = await userNames(
    prisma,
    rows.flatMap((r) => [r.callerId, r.decidedById, r.inspection.inspectorId]),
  );
  return {
    total,
    page: q.page,
    size: q.size,
    items: rows.map((r) => ({
      ...toAppeal(r, names, user.role),
      inspection: {
        id: r.inspection.id,
        total: r.inspection.total,
        passed: r.inspection.passed,
        effectivePassed: r.inspection.effectivePassed,
        inspector: person(names, r.inspection.inspectorId),
        customer: r.inspection.visit.customer,
        findings: findingsOf(r.inspection.findings),
        submittedAt: iso(r.inspection.submittedAt),
      },
    })),
  };
}
