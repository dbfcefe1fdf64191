// The ticket dashboard (docs/product.md#dashboards): a handler's department inbox, a lead's team tickets, or all
// tickets for management — the same scope as the ticket list. Counts are grouped in the database;
// only the open tickets not yet overdue are loaded, to put their SLA clocks through the domain rule.
import { TICKET_CATEGORIES, TICKET_STATUSES, type TTicketDashboard } from '@huifang/contracts';
import { addDays, addMonths, dayIn, monthBounds, slaState, startOfDay } from '@huifang/domain';
import type { Prisma, PrismaClient } from '../db/prisma.ts';
import { loadPolicy } from '../modules/policy/service.ts';
import { RUNNING, readScope } from '../modules/tickets/access.ts';
import type { SessionUser } from '../plugins/auth.ts';

export async function ticketDashboard(
  db: PrismaClient,
  user: SessionUser,
  month: string,
  now: Date,
): Promise<TTicketDashboard> {
  const tz = user.timezone;
  const scope: Prisma.IssueTicketWhereInput = {
    organizationId: user.organizationId,
    AND: [await readScope(db, user)],
  };
  const monthFrom = startOfDay(monthBounds(month).first, tz);
  const monthTo = startOfDay(monthBounds(addMonths(month, 1)).first, tz);
  const today = dayIn(now, tz);
  const running = { ...scope, status: { in: RUNNING } };
  const respondedIn = { ...scope, respondedAt: { gte: monthFrom, lt: monthTo } };

  const [byStatus, byCategory, overdue, dueToday, closed, responded, onTime, open, { calendar }] =
    await Promise.all([
      db.issueTicket.groupBy({ by: ['status'], where: scope, _count: { _all: true } }),
      db.issueTicket.groupBy({ by: ['category', 'status'], where: scope, _count: { _all: true } }),
      db.issueTicket.count({ where: { ...running, dueAt: { lt: now } } }),
      db.issueTicket.count({
        where: { ...running, dueAt: { gte: startOfDay(today, tz), lt: startOfDay(addDays(today, 1), tz) } },
      }),
      db.issueTicket.count({
        where: { ...scope, status: 'CLOSED', closedAt: { gte: monthFrom, lt: monthTo } },
      }),
      db.issueTicket.count({ where: respondedIn }),
      db.issueTicket.count({
        where: {
          ...respondedIn,
          respondedAt: { ...respondedIn.respondedAt, lte: db.issueTicket.fields.dueAt },
        },
      }),
      db.issueTicket.findMany({
        where: { ...running, dueAt: { gte: now } },
        select: { createdAt: true, dueAt: true, pausedAt: true, pausedMs: true },
      }),
      loadPolicy(db, user.organizationId, tz),
    ]);

  const statusCount = new Map(byStatus.map((r) => [r.status, r._count._all]));
  const atRisk = open.filter(
    (r) => slaState({ ...r, pausedMs: Number(r.pausedMs), now }, calendar).atRisk,
  ).length;
  return {
    month,
    byStatus: TICKET_STATUSES.map((status) => ({ status, count: statusCount.get(status) ?? 0 })),
    overdue,
    atRisk,
    dueToday,
    closedThisMonth: closed,
    respondedOnTimeRate: { onTime, responded },
    byCategory: TICKET_CATEGORIES.map((category) => {
      const rows = byCategory.filter((r) => r.category === category);
      const closedCount = rows.filter((r) => r.status === 'CLOSED').reduce((s, r) => s + r._count._all, 0);
      const all = rows.reduce((s, r) => s + r._count._all, 0);
      return { category, open: all - closedCount, closed: closedCount };
    }),
  };
}
