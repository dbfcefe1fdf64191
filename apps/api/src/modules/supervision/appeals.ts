// Appeals (申诉): the caller disputes a submitted inspection within the policy's window, naming
// items; a manager upholds it, overturns the whole inspection (it counts as passed from then on)
// or overturns chosen items (their scores change and rescoreAfterAppeal recomputes the total and
// the pass: docs/rules.md#r-appeal-3-item-level-appeal-decision). Every decision is a step of APPEAL_WORKFLOW, run by the one executor.
import type {
  TAppealCreate,
  TAppealDecide,
  TAppealListItem,
  TAppealListQuery,
  TPage,
} from '@huifang/contracts';
import { APPEAL_WORKFLOW, matchesStep, type RescoreResult, rescoreAfterAppeal } from '@huifang/domain';
import type { Prisma, PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, notFound, ruleViolation } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { runTransition } from '../../lib/workflow.ts';
import { approvalChainsOf, assertAppealDecider } from '../approval-chains/service.ts';
import {
  activeUsersAtStep,
  appealDeadline,
  criteriaOf,
  findingsOf,
  iso,
  person,
  policyOf,
  scoresOf,
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
      // whoever the organisation names to decide appeals (R-CHAIN-4) hears of it
      userIds: await activeUsersAtStep(
        tx,
        user.organizationId,
        (await approvalChainsOf(tx, user.organizationId)).appealDecider,
      ),
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
      FOR UPDATE OF a, i`;
    if (!locked) throw notFound('Appeal');
    const appeal = await tx.inspectionAppeal.findUniqueOrThrow({
      where: { id: appealId },
      include: {
        inspection: {
          select: {
            id: true,
            effectivePassed: true,
            effectiveTotal: true,
            total: true,
            callerId: true,
            scores: true,
            rubricSnapshot: true,
            callbackOutcome: true,
            inspectorId: true,
            version: true,
          },
        },
      },
    });
    const i = appeal.inspection;
    // the role (and title) the organisation names decides (R-CHAIN-4); never the inspector of the appealed result
    await assertAppealDecider(tx, user.organizationId, user);
    if (i.inspectorId === user.id)
      throw forbidden('An inspector does not decide an appeal of their own result');
    const overturned = body.decision === 'OVERTURNED';
    const itemLevel = overturned && body.items !== undefined;
    const action = !overturned ? 'uphold' : itemLevel ? 'overturnItems' : 'overturn';
    let rescored: RescoreResult | undefined;
    const before = { effectivePassed: i.effectivePassed, effectiveTotal: i.effectiveTotal ?? i.total };
    const after = () =>
      rescored
        ? { effectivePassed: rescored.result.passed, effectiveTotal: rescored.result.total }
        : overturned
          ? { effectivePassed: true, effectiveTotal: before.effectiveTotal }
          : before;
    await runTransition(tx, actor, {
      workflow: APPEAL_WORKFLOW,
      action,
      // the version is the inspection's: the scores the manager decided on
      row: { id: appeal.id, status: appeal.status, version: i.version },
      version: body.version,
      entity: 'InspectionAppeal',
      auditAction: 'APPEAL_DECIDED',
      wrongState: () => conflict('This appeal has already been decided', { reason: 'ALREADY_DECIDED' }),
      guard: async () => {
        if (!itemLevel) return;
        const policy = await policyOf(tx, user.organizationId);
        rescored = rescoreAfterAppeal(
          criteriaOf(i.rubricSnapshot),
          scoresOf(i.scores),
          body.items ?? [],
          policy.passThreshold,
          {
            appealed: Array.isArray(appeal.items)
              ? (appeal.items as { criterionId: string; proposedScore?: number | null }[])
              : [],
            forceCriticalFail: i.callbackOutcome === 'NO_VISIT',
          },
        );
        const first = rescored.errors[0];
        if (first) {
          throw ruleViolation('These items cannot be overturned this way', {
            reason: first.code,
            criterionId: first.criterionId,
            errors: rescored.errors,
          });
        }
      },
      write: async (to) => {
        await tx.inspectionAppeal.update({
          where: { id: appealId },
          data: {
            status: to ?? appeal.status,
            decisions: (rescored?.changes ?? []) as unknown as Prisma.InputJsonValue,
            decidedById: user.id,
            decisionReason: body.reason,
            decidedAt: actor.now,
          },
        });
        // a whole overturn: the inspection counts as passed; item-level: the result recomputed
        if (overturned) {
          await tx.inspection.update({
            where: { id: appeal.inspectionId },
            data: { ...after(), version: { increment: 1 } },
          });
        }
      },
      audit: () => ({
        before: { status: 'PENDING', ...before },
        after: {
          status: body.decision,
          reason: body.reason,
          ...(rescored ? { items: rescored.changes } : {}),
          ...after(),
        },
      }),
      notifications: [
        {
          userIds: [appeal.callerId],
          type: 'APPEAL_DECIDED',
          entity: 'Inspection',
          entityId: appeal.inspectionId,
          payload: {
            decision: body.decision,
            decidedBy: user.name,
            items: body.items?.length ?? 0,
          },
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
            effectiveTotal: true,
            criticalFailed: true,
            rubricSnapshot: true,
            scores: true,
            version: true,
            inspectorId: true,
            findings: true,
            submittedAt: true,
            visit: { select: { customer: { select: { id: true, name: true } } } },
          },
        },
      },
    }),
  ]);
  const [names, policy] = await Promise.all([
    userNames(
      prisma,
      rows.flatMap((r) => [r.callerId, r.decidedById, r.inspection.inspectorId]),
    ),
    policyOf(prisma, user.organizationId),
  ]);
  const decides = matchesStep((await approvalChainsOf(prisma, user.organizationId)).appealDecider, user);
  return {
    total,
    page: q.page,
    size: q.size,
    items: rows.map((r) => ({
      ...toAppeal(r, names, user.role, decides && r.inspection.inspectorId !== user.id),
      inspection: {
        id: r.inspection.id,
        total: r.inspection.total,
        passed: r.inspection.passed,
        effectivePassed: r.inspection.effectivePassed,
        effectiveTotal: r.inspection.effectiveTotal ?? r.inspection.total,
        criticalFailed: r.inspection.criticalFailed,
        passThreshold: policy.passThreshold,
        version: r.inspection.version,
        items: appealItems(r),
        inspector: person(names, r.inspection.inspectorId),
        customer: r.inspection.visit.customer,
        findings: findingsOf(r.inspection.findings),
        submittedAt: iso(r.inspection.submittedAt),
      },
    })),
  };
}

/** Every item of the appealed inspection in the rubric's order: its score, the inspector's comment, whether it is disputed. */
function appealItems(r: {
  items: unknown;
  inspection: { rubricSnapshot: unknown; scores: unknown };
}): TAppealListItem['inspection']['items'] {
  const scores = new Map(scoresOf(r.inspection.scores).map((s) => [s.criterionId, s]));
  const disputed = new Map(
    (Array.isArray(r.items) ? (r.items as TAppealListItem['items']) : []).map((i) => [i.criterionId, i]),
  );
  return criteriaOf(r.inspection.rubricSnapshot).map((c) => {
    const s = scores.get(c.id);
    const d = disputed.get(c.id);
    return {
      criterionId: c.id,
      name: c.name,
      weight: c.weight,
      critical: c.critical,
      score: s?.score ?? null,
      failed: s?.failed === true,
      comment: s?.comment ?? null,
      appealed: d !== undefined,
      proposedScore: d?.proposedScore ?? null,
    };
  });
}
