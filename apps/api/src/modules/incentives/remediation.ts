// The re-check of a completion warning when its remediation window ends (docs/rules.md#r-inc-4-remediation-deduction): tasks of the
// warned month still open → the deduction is proposed on the sheet of the month the check runs in,
// depending on the warning (an overturned appeal of the warning withdraws it too). Run by a job;
// safe with several workers: each warning is claimed by one conditional update.
import {
  FINISHED_TASK_STATUSES,
  monthBounds,
  monthIn,
  OPEN_TASK_STATUSES,
  remediationDeduction,
} from '@huifang/domain';
import type { Prisma, PrismaClient } from '../../db/prisma.ts';
import { systemActor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { notify } from '../../lib/notify.ts';
import { policyForMonth } from '../kpi/policy.ts';
import { sheetRow } from './close.ts';

export async function runRemediationChecks(
  prisma: PrismaClient,
  now: Date,
): Promise<{ checked: number; proposed: number }> {
  const due = await prisma.incentiveItem.findMany({
    where: {
      rule: 'COMPLETION_WARNING',
      remediationDueAt: { lte: now },
      remediationCheckedAt: null,
      status: { in: ['PROPOSED', 'APPROVED'] },
    },
    select: {
      id: true,
      organizationId: true,
      month: true,
      userId: true,
      departmentId: true,
      remediationDueAt: true,
      organization: { select: { timezone: true } },
    },
    orderBy: { remediationDueAt: 'asc' },
    take: 500,
  });
  let checked = 0;
  let proposed = 0;
  for (const w of due) {
    const actor = systemActor(w.organizationId, now, 'remediation-check');
    // Judged at the window's end, whenever the job gets to it: a task finished after the
    // deadline was still open when the week ran out (docs/rules.md#r-inc-4-remediation-deduction).
    const deadline = w.remediationDueAt!;
    await prisma.$transaction(async (tx) => {
      const claim = await tx.incentiveItem.updateMany({
        where: { id: w.id, remediationCheckedAt: null },
        data: { remediationCheckedAt: now },
      });
      if (claim.count === 0 || !w.userId) return;
      checked++;
      const { first, last } = monthBounds(w.month);
      const openTasks = await tx.task.count({
        where: {
          assigneeId: w.userId,
          dueDate: { gte: new Date(`${first}T00:00:00Z`), lte: new Date(`${last}T00:00:00Z`) },
          OR: [
            { status: { in: [...OPEN_TASK_STATUSES] } },
            { status: { in: [...FINISHED_TASK_STATUSES] }, doneAt: { gt: deadline } },
          ],
        },
      });
      const tz = w.organization.timezone;
      // On the sheet of the month the window ended in, unless that sheet is already approved.
      const deadlineMonth = monthIn(deadline, tz);
      const locked = await tx.monthClose.count({
        where: { organizationId: w.organizationId, month: deadlineMonth, status: 'APPROVED' },
      });
      const month = locked ? monthIn(now, tz) : deadlineMonth;
      const policy = await policyForMonth(tx, w.organizationId, w.month);
      const item = remediationDeduction({
        userId: w.userId,
        departmentId: w.departmentId,
        warningMonth: w.month,
        warningItemId: w.id,
        openTasks,
        policy: policy.values,
      });
      if (!item) return;
      const sheet = await sheetRow(tx, w.organizationId, month);
      const made = await tx.incentiveItem.createMany({
        data: [
          {
            organizationId: w.organizationId,
            closeId: sheet.id,
            month,
            rule: item.rule,
            kind: item.kind,
            source: 'REMEDIATION',
            dedupeKey: item.dedupeKey,
            userId: item.userId,
            departmentId: item.departmentId,
            amountFen: item.amountFen,
            figures: item.figures as Prisma.InputJsonValue,
            dependsOnId: w.id,
          },
        ],
        skipDuplicates: true,
      });
      proposed += made.count;
      const managers = await tx.user.findMany({
        where: { organizationId: w.organizationId, role: 'MANAGER', active: true },
        select: { id: true },
      });
      await notify(tx, actor, {
        userIds: [w.userId, ...managers.map((m) => m.id)],
        type: 'REMEDIATION_DEDUCTION',
        entity: 'MonthClose',
        entityId: month,
        payload: { month, warningMonth: w.month, openTasks },
      });
      await audit(tx, actor, {
        action: 'REMEDIATION_CHECK',
        entity: 'IncentiveItem',
        entityId: w.id,
        after: { openTasks, proposed: made.count, deadline },
      });
    });
  }
  return { checked, proposed };
}
