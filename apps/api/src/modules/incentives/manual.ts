// Discipline and recognition by hand (docs/rules.md#r-disc-1-manual-items): a manager — or a lead,
// for their own team — adds an item the rules cannot see: a warning, a deduction, a demotion
// proposal, a certificate of honour (荣誉证书) or a promotion recommendation, each with a reason and
// evidence. It lands on the month's sheet as PROPOSED and goes the way every item goes: decided by a
// manager, appealable by its subject, locked with the sheet. A deduction is capped with the person's
// other deductions (R-INC-11, apps/api/src/modules/incentives/cap.ts); the other kinds carry no money.
import type { TIncentiveItem, TManualItemCreate } from '@huifang/contracts';
import { manualItemProblem, mayAddManualItemFor } from '@huifang/domain';
import type { PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, invalid, notFound } from '../../lib/errors.ts';
import { lockMonth, sheetRow } from './close.ts';
import { presentItems } from './service.ts';

export async function createManualItem(
  prisma: PrismaClient,
  actor: Actor,
  body: TManualItemCreate,
): Promise<TIncentiveItem> {
  const user = actor.user;
  const org = user.organizationId;
  const problem = manualItemProblem({ kind: body.kind, amountFen: body.amountFen });
  if (problem)
    throw invalid(problem.message, [{ path: problem.field, message: problem.message, in: 'body' }]);
  const subject = await prisma.user.findFirst({
    where: { id: body.userId, organizationId: org, active: true },
    select: { id: true, departmentId: true, teamId: true },
  });
  if (!subject) throw notFound('User');
  if (!mayAddManualItemFor({ id: user.id, role: user.role, teamId: user.teamId ?? null }, subject))
    throw forbidden('You can add items for the members of your own team only');
  const visitIds = [...new Set(body.evidence.visitIds)];
  const ticketIds = [...new Set(body.evidence.ticketIds)];
  const [visits, tickets] = await Promise.all([
    prisma.visitRecord.count({ where: { id: { in: visitIds }, organizationId: org } }),
    prisma.issueTicket.count({ where: { id: { in: ticketIds }, organizationId: org } }),
  ]);
  if (visits !== visitIds.length)
    throw invalid('A linked visit record was not found', [
      { path: 'evidence.visitIds', message: 'not found', in: 'body' },
    ]);
  if (tickets !== ticketIds.length)
    throw invalid('A linked ticket was not found', [
      { path: 'evidence.ticketIds', message: 'not found', in: 'body' },
    ]);
  const evidence = { text: body.evidence.text, visitIds, ticketIds };
  const id = await prisma.$transaction(async (tx) => {
    await lockMonth(tx, org, body.month);
    const sheet = await sheetRow(tx, org, body.month);
    if (sheet.status === 'APPROVED')
      throw conflict(`The incentive sheet of ${body.month} is approved and locked`);
    const row = await tx.incentiveItem.create({
      data: {
        organizationId: org,
        closeId: sheet.id,
        month: body.month,
        rule: 'MANUAL_ITEM',
        kind: body.kind,
        source: 'MANUAL',
        dedupeKey: `MANUAL_ITEM:${crypto.randomUUID()}`,
        userId: subject.id,
        departmentId: subject.departmentId,
        amountFen: body.kind === 'DEDUCTION' ? body.amountFen! : null,
        figures: { proposedBy: user.name },
        reason: body.reason,
        evidence,
        createdById: user.id,
        createdAt: actor.now,
      },
    });
    await audit(tx, actor, {
      action: 'INCENTIVE_MANUAL_ITEM',
      entity: 'IncentiveItem',
      entityId: row.id,
      after: { ...body, evidence },
    });
    return row.id;
  });
  const row = await prisma.incentiveItem.findUniqueOrThrow({ where: { id }, include: { appeals: true } });
  return (await presentItems(prisma, [row], user))[0]!;
}
