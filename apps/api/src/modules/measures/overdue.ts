// Overdue improvement measures and their escalation (docs/rules.md#r-meas-2-overdue-and-escalation;
// seed 002 三.3 進度跟蹤): a measure not DONE by the end of its deadline day (organisation time) is
// overdue from that instant, however late the job runs: its owner is told; MEASURE_ESCALATE_HEAD_DAYS
// later its department head (level 1), MEASURE_ESCALATE_MANAGEMENT_DAYS later management (level 2),
// when a MEASURE_FAILED notice of criticism is proposed for the owner (R-MEAS-4). Idempotent and safe
// to run concurrently: each step is claimed by a conditional update on the measure's current level.
import {
  addDays,
  dateToDay,
  dayIn,
  dayToDate,
  MEASURE_ESCALATE_HEAD_DAYS,
  MEASURE_ESCALATE_MANAGEMENT_DAYS,
  measureEscalationLevel,
  OPEN_MEASURE_STATUSES,
  startOfDay,
} from '@huifang/domain';
import type { PrismaClient } from '../../db/prisma.ts';
import { systemActor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { notify } from '../../lib/notify.ts';
import { proposeMeasureFailed, proposeRetentionAwards } from './incentives.ts';

export interface MeasureRunResult {
  overdue: number;
  level1: number;
  level2: number;
  criticisms: number;
  awards: number;
}

export async function runMeasureChecks(prisma: PrismaClient, now: Date): Promise<MeasureRunResult> {
  const result: MeasureRunResult = { overdue: 0, level1: 0, level2: 0, criticisms: 0, awards: 0 };
  const orgs = await prisma.organization.findMany({ select: { id: true, timezone: true } });
  for (const org of orgs) {
    const tz = org.timezone;
    const today = dayIn(now, tz);
    const candidates = await prisma.improvementMeasure.findMany({
      where: {
        organizationId: org.id,
        status: { in: [...OPEN_MEASURE_STATUSES] },
        deadline: { lt: dayToDate(today) },
        OR: [{ overdueAt: null }, { escalationLevel: { lt: 2 } }],
      },
      select: {
        id: true,
        number: true,
        title: true,
        ownerId: true,
        departmentId: true,
        organizationId: true,
        deadline: true,
        overdueAt: true,
        escalationLevel: true,
      },
      orderBy: { deadline: 'asc' },
      take: 5000,
    });
    for (const c of candidates) {
      // the instant the deadline day ended in the organisation's timezone
      const dueEnd = startOfDay(addDays(dateToDay(c.deadline), 1), tz);
      if (now < dueEnd) continue;
      const target = measureEscalationLevel(
        dueEnd,
        now,
        MEASURE_ESCALATE_HEAD_DAYS,
        MEASURE_ESCALATE_MANAGEMENT_DAYS,
      );
      const newlyOverdue = c.overdueAt === null;
      if (!newlyOverdue && target <= c.escalationLevel) continue;
      const actor = systemActor(c.organizationId, now, 'measure-overdue');
      await prisma.$transaction(async (tx) => {
        const { count } = await tx.improvementMeasure.updateMany({
          where: {
            id: c.id,
            escalationLevel: c.escalationLevel,
            overdueAt: c.overdueAt,
            status: { in: [...OPEN_MEASURE_STATUSES] },
          },
          data: { overdueAt: c.overdueAt ?? dueEnd, escalationLevel: Math.max(target, c.escalationLevel) },
        });
        if (count === 0) return;
        const base = {
          entity: 'ImprovementMeasure',
          entityId: c.id,
          payload: { number: c.number, title: c.title, deadline: dateToDay(c.deadline) },
        };
        // each step dated when it fell due, however late the job ran
        const headAt = new Date(dueEnd.getTime() + MEASURE_ESCALATE_HEAD_DAYS * 86_400_000);
        const mgmtAt = new Date(dueEnd.getTime() + MEASURE_ESCALATE_MANAGEMENT_DAYS * 86_400_000);
        if (newlyOverdue) {
          await tx.measureReview.create({
            data: { measureId: c.id, action: 'OVERDUE', body: { level: 0 }, createdAt: dueEnd },
          });
          await notify(tx, actor, { ...base, type: 'MEASURE_OVERDUE', userIds: [c.ownerId] });
          result.overdue++;
        }
        if (c.escalationLevel < 1 && target >= 1) {
          await tx.measureReview.create({
            data: { measureId: c.id, action: 'ESCALATE', body: { level: 1 }, createdAt: headAt },
          });
          const dept = await tx.department.findUnique({
            where: { id: c.departmentId },
            select: { headUserId: true },
          });
          await notify(tx, actor, {
            ...base,
            payload: { ...base.payload, level: 1 },
            type: 'MEASURE_ESCALATED',
            userIds: dept?.headUserId ? [dept.headUserId] : [],
          });
          result.level1++;
        }
        if (c.escalationLevel < 2 && target >= 2) {
          await tx.measureReview.create({
            data: { measureId: c.id, action: 'ESCALATE', body: { level: 2 }, createdAt: mgmtAt },
          });
          const managers = await tx.user.findMany({
            where: { organizationId: c.organizationId, role: 'MANAGER', active: true },
            select: { id: true },
          });
          await notify(tx, actor, {
            ...base,
            payload: { ...base.payload, level: 2 },
            type: 'MEASURE_ESCALATED',
            userIds: managers.map((m) => m.id),
          });
          result.level2++;
          if (await proposeMeasureFailed(tx, actor, c, 'OVERDUE', tz)) result.criticisms++;
        }
        await audit(tx, actor, {
          action: 'MEASURE_ESCALATE',
          entity: 'ImprovementMeasure',
          entityId: c.id,
          before: { escalationLevel: c.escalationLevel, overdueAt: c.overdueAt },
          after: { escalationLevel: Math.max(target, c.escalationLevel), overdueAt: c.overdueAt ?? dueEnd },
        });
      });
    }
  }
  result.awards = await proposeRetentionAwards(prisma, now);
  return result;
}
