// Escalation of overdue tickets (docs/rules.md#r-tkt-6-escalation): past the due time to the department head (level 1),
// a further `escalateToManagementAfterHours` business hours later to management (level 2).
// Idempotent, and safe when several API processes run it at once: each ticket moves up with a
// conditional update on its current level, so only one run wins a step and notifies.
import { addBusinessHours } from '@huifang/domain';
import type { PrismaClient } from '../../db/prisma.ts';
import { systemActor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { notify } from '../../lib/notify.ts';
import { calendarOf, parsePolicy, policyRow } from '../policy/service.ts';
import { RUNNING } from './access.ts';

export interface EscalationResult {
  /** tickets raised to the department head */
  level1: number;
  /** tickets raised to management */
  level2: number;
}

export async function runEscalations(prisma: PrismaClient, now: Date): Promise<EscalationResult> {
  const candidates = await prisma.issueTicket.findMany({
    where: { status: { in: RUNNING }, dueAt: { lt: now }, escalationLevel: { lt: 2 } },
    select: { id: true, organizationId: true, escalationLevel: true, dueAt: true, departmentId: true },
    orderBy: { dueAt: 'asc' },
    take: 5000,
  });
  const result: EscalationResult = { level1: 0, level2: 0 };
  const orgs = new Map<string, { calendar: ReturnType<typeof calendarOf>; afterHours: number }>();
  for (const c of candidates) {
    let org = orgs.get(c.organizationId);
    if (!org) {
      const [row, o] = await Promise.all([
        policyRow(prisma, c.organizationId),
        prisma.organization.findUniqueOrThrow({
          where: { id: c.organizationId },
          select: { timezone: true },
        }),
      ]);
      const policy = parsePolicy(row);
      org = { calendar: calendarOf(policy, o.timezone), afterHours: policy.escalateToManagementAfterHours };
      orgs.set(c.organizationId, org);
    }
    const managementAt = addBusinessHours(c.dueAt, org.afterHours, org.calendar);
    const target = now >= managementAt ? 2 : 1;
    if (target <= c.escalationLevel) continue;

    const actor = systemActor(c.organizationId, now, 'ticket-escalation');
    await prisma.$transaction(async (tx) => {
      // The conditional update is the claim: a concurrent run waits on the row and then finds
      // the level already moved (count 0), and a ticket answered meanwhile is left alone.
      const { count } = await tx.issueTicket.updateMany({
        where: { id: c.id, escalationLevel: c.escalationLevel, status: { in: RUNNING }, dueAt: { lt: now } },
        data: { escalationLevel: target },
      });
      if (count === 0) return;
      const t = await tx.issueTicket.findUniqueOrThrow({ where: { id: c.id } });
      const levels = [1, 2].filter((l) => l > c.escalationLevel && l <= target);
      // Each step is dated when it fell due, however late the job ran.
      const dueOf = (level: number) => (level === 1 ? c.dueAt : managementAt);
      await tx.ticketEvent.createMany({
        data: levels.map((level) => ({
          ticketId: t.id,
          type: 'ESCALATED',
          actorId: null,
          body: { level },
          createdAt: new Date(dueOf(level).getTime() + level),
        })),
      });
      const payload = { ticketNumber: t.number, title: t.title, level: target };
      const base = { entity: 'IssueTicket', entityId: t.id, payload };
      if (c.escalationLevel < 1) {
        const dept = await tx.department.findUnique({
          where: { id: t.departmentId },
          select: { headUserId: true },
        });
        const handlers = await tx.user.findMany({
          where: {
            organizationId: t.organizationId,
            departmentId: t.departmentId,
            role: 'HANDLER',
            active: true,
          },
          select: { id: true },
        });
        await notify(tx, actor, {
          ...base,
          type: 'TICKET_OVERDUE',
          userIds: handlers.map((h) => h.id),
        });
        await notify(tx, actor, {
          ...base,
          type: 'TICKET_ESCALATED',
          userIds: dept?.headUserId ? [dept.headUserId] : [],
        });
      }
      if (target === 2) {
        const managers = await tx.user.findMany({
          where: { organizationId: t.organizationId, role: 'MANAGER', active: true },
          select: { id: true },
        });
        await notify(tx, actor, {
          ...base,
          type: 'TICKET_ESCALATED',
          userIds: managers.map((m) => m.id),
        });
      }
      await audit(tx, actor, {
        action: 'TICKET_ESCALATE',
        entity: 'IssueTicket',
        entityId: t.id,
        before: { escalationLevel: c.escalationLevel },
        after: { escalationLevel: target },
      });
      if (c.escalationLevel < 1) result.level1++;
      if (target === 2) result.level2++;
    });
  }
  return result;
}
