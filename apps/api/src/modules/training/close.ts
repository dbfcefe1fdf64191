// Training at the month close (docs/rules.md#r-trn-4-re-check-after-retraining): the retraining
// assignments the month's RETRAINING items make (R-TRN-2), the re-check of earlier ones against the
// month's pass rate (R-TRN-4), and failed training tests where the policy counts them (R-TRN-6).
// Called inside closeMonthIn's transaction; its proposals join the month's AUTO items, so a rerun
// of the close updates or withdraws them like any other.
import {
  dateToDay,
  dayToDate,
  failedTestItem,
  type IncentivePolicyValues,
  type KpiResult,
  monthBounds,
  type ProposedItem,
  retrainingRecheck,
} from '@huifang/domain';
import type { Tx } from '../../db/prisma.ts';

interface Outcome {
  id: string;
  status: 'OPEN' | 'CLOSED' | 'ESCALATED';
  recheckMonth: string | null;
}

export async function trainingProposals(
  tx: Tx,
  org: string,
  month: string,
  callers: ReadonlyMap<string, { kpi: KpiResult; departmentId: string | null }>,
  policy: IncentivePolicyValues,
): Promise<{ proposals: ProposedItem[]; outcomes: Outcome[] }> {
  const proposals: ProposedItem[] = [];
  const outcomes: Outcome[] = [];

  // R-TRN-4: assignments of earlier months still open, or decided by this month's close before.
  const due = await tx.trainingAssignment.findMany({
    where: {
      organizationId: org,
      month: { lt: month },
      OR: [{ status: 'OPEN' }, { recheckMonth: month }],
    },
    include: { session: true },
    orderBy: [{ month: 'asc' }, { id: 'asc' }],
  });
  if (due.length) {
    const attendance = await tx.trainingAttendance.findMany({
      where: {
        sessionId: { in: due.flatMap((a) => (a.sessionId ? [a.sessionId] : [])) },
        userId: { in: due.map((a) => a.userId) },
      },
    });
    const escalated = await tx.trainingAssignment.findMany({
      where: {
        organizationId: org,
        userId: { in: due.map((a) => a.userId) },
        status: 'ESCALATED',
        recheckMonth: { lt: month },
      },
      select: { userId: true },
    });
    const depts = await tx.user.findMany({
      where: { id: { in: due.map((a) => a.userId) } },
      select: { id: true, departmentId: true },
    });
    for (const a of due) {
      const row = attendance.find((x) => x.sessionId === a.sessionId && x.userId === a.userId);
      const counts = callers.get(a.userId)?.kpi.counts;
      const out = retrainingRecheck({
        assignmentId: a.id,
        userId: a.userId,
        departmentId:
          callers.get(a.userId)?.departmentId ?? depts.find((d) => d.id === a.userId)?.departmentId ?? null,
        retrainingMonth: a.month,
        month,
        sessionDay: a.session ? dateToDay(a.session.day) : null,
        daysAttended: row?.daysAttended ?? 0,
        score: row?.score ?? null,
        passMark: a.session?.passMark ?? null,
        inspected: counts?.inspected ?? 0,
        passed: counts?.passed ?? 0,
        earlierEscalations: escalated.filter((e) => e.userId === a.userId).length,
        policy,
      });
      if (out.outcome === 'PASSED') outcomes.push({ id: a.id, status: 'CLOSED', recheckMonth: month });
      else if (out.outcome === 'STILL_BELOW') {
        outcomes.push({ id: a.id, status: 'ESCALATED', recheckMonth: month });
        proposals.push(out.proposal);
      } else outcomes.push({ id: a.id, status: 'OPEN', recheckMonth: null });
    }
  }

  // R-TRN-6: tests failed at sessions of the month, where the policy counts them.
  if (policy.training.testsInEvaluation) {
    const { first, last } = monthBounds(month);
    const failed = await tx.trainingAttendance.findMany({
      where: {
        organizationId: org,
        passed: false,
        score: { not: null },
        session: { day: { gte: dayToDate(first), lte: dayToDate(last) } },
      },
      include: { session: true },
      orderBy: { id: 'asc' },
    });
    const depts = await tx.user.findMany({
      where: { id: { in: failed.map((f) => f.userId) } },
      select: { id: true, departmentId: true },
    });
    for (const f of failed) {
      const item = failedTestItem({
        userId: f.userId,
        departmentId: depts.find((d) => d.id === f.userId)?.departmentId ?? null,
        attendanceId: f.id,
        sessionTitle: f.session.title,
        sessionDay: dateToDay(f.session.day),
        score: f.score ?? 0,
        passMark: f.session.passMark,
        policy,
      });
      if (item) proposals.push(item);
    }
  }
  return { proposals, outcomes };
}

/** After the items are written: the re-check's outcomes, and an assignment per live retraining item (R-TRN-2). */
export async function applyTrainingOutcomes(
  tx: Tx,
  org: string,
  closeId: string,
  month: string,
  outcomes: readonly Outcome[],
  now: Date,
): Promise<void> {
  for (const o of outcomes) {
    await tx.trainingAssignment.update({
      where: { id: o.id },
      data: { status: o.status, recheckMonth: o.recheckMonth, decidedAt: o.status === 'OPEN' ? null : now },
    });
  }
  const retraining = await tx.incentiveItem.findMany({
    where: { closeId, rule: 'PASS_RATE_RETRAINING', source: 'AUTO' },
    select: { id: true, userId: true, status: true },
  });
  const existing = await tx.trainingAssignment.findMany({
    where: { itemId: { in: retraining.map((r) => r.id) } },
  });
  for (const r of retraining) {
    if (!r.userId) continue;
    const live = r.status !== 'WITHDRAWN' && r.status !== 'REJECTED';
    const a = existing.find((x) => x.itemId === r.id);
    if (!a && live) {
      await tx.trainingAssignment.create({
        data: { organizationId: org, userId: r.userId, itemId: r.id, month, createdAt: now },
      });
    } else if (a && !live && a.status === 'OPEN') {
      await tx.trainingAssignment.update({
        where: { id: a.id },
        data: { status: 'WITHDRAWN', decidedAt: now },
      });
    } else if (a && live && a.status === 'WITHDRAWN') {
      await tx.trainingAssignment.update({ where: { id: a.id }, data: { status: 'OPEN', decidedAt: null } });
    }
  }
}
