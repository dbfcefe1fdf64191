// Rows → API shapes for issue tickets.
import type { TPerson, TTicketSummary } from '@huifang/contracts';
import { type BusinessCalendar, slaState } from '@huifang/domain';
import type { Tx } from '../../db/prisma.ts';

export interface TicketRow {
  id: string;
  number: number;
  title: string;
  category: TTicketSummary['category'];
  severity: TTicketSummary['severity'];
  status: TTicketSummary['status'];
  departmentId: string;
  customerId: string;
  callerId: string | null;
  handlerId: string | null;
  raisedById: string;
  subjectUserId: string | null;
  conductConfirmed: boolean | null;
  dueAt: Date;
  pausedAt: Date | null;
  pausedMs: bigint;
  respondedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
  reopenCount: number;
  escalationLevel: number;
  version: number;
}

export interface Lookups {
  users: Map<string, string>;
  departments: Map<string, string>;
  customers: Map<string, string>;
}

/** Names of the people, departments and customers the rows mention, in three queries. */
export async function lookups(
  db: Tx,
  organizationId: string,
  rows: TicketRow[],
  extraUsers: string[] = [],
): Promise<Lookups> {
  const userIds = new Set<string>(extraUsers);
  for (const r of rows) {
    for (const id of [r.callerId, r.handlerId, r.raisedById, r.subjectUserId]) if (id) userIds.add(id);
  }
  const [users, departments, customers] = await Promise.all([
    db.user.findMany({
      where: { organizationId, id: { in: [...userIds] } },
      select: { id: true, name: true },
    }),
    db.department.findMany({
      where: { organizationId, id: { in: [...new Set(rows.map((r) => r.departmentId))] } },
      select: { id: true, name: true },
    }),
    db.customer.findMany({
      where: { organizationId, id: { in: [...new Set(rows.map((r) => r.customerId))] } },
      select: { id: true, name: true },
    }),
  ]);
  return {
    users: new Map(users.map((u) => [u.id, u.name])),
    departments: new Map(departments.map((d) => [d.id, d.name])),
    customers: new Map(customers.map((c) => [c.id, c.name])),
  };
}

export const personOf = (names: Map<string, string>, id: string | null): TPerson | null =>
  id ? { id, name: names.get(id) ?? '' } : null;

export const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toTicketSummary(
  r: TicketRow,
  l: Lookups,
  calendar: BusinessCalendar,
  now: Date,
): TTicketSummary {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    category: r.category,
    severity: r.severity,
    status: r.status,
    department: { id: r.departmentId, name: l.departments.get(r.departmentId) ?? '' },
    customer: { id: r.customerId, name: l.customers.get(r.customerId) ?? '' },
    caller: personOf(l.users, r.callerId),
    handler: personOf(l.users, r.handlerId),
    raisedBy: personOf(l.users, r.raisedById)!,
    subject: personOf(l.users, r.subjectUserId),
    conductConfirmed: r.conductConfirmed,
    dueAt: r.dueAt.toISOString(),
    respondedAt: iso(r.respondedAt),
    closedAt: iso(r.closedAt),
    createdAt: r.createdAt.toISOString(),
    reopenCount: r.reopenCount,
    escalationLevel: r.escalationLevel,
    version: r.version,
    sla: slaState(
      { createdAt: r.createdAt, dueAt: r.dueAt, pausedAt: r.pausedAt, pausedMs: Number(r.pausedMs), now },
      calendar,
    ),
  };
}

/** Who hears about a department's tickets: its handlers and its head. */
export async function departmentRecipients(
  db: Tx,
  organizationId: string,
  departmentId: string,
): Promise<string[]> {
  const [handlers, dept] = await Promise.all([
    db.user.findMany({
      where: { organizationId, departmentId, role: 'HANDLER', active: true },
      select: { id: true },
    }),
    db.department.findFirst({ where: { id: departmentId, organizationId }, select: { headUserId: true } }),
  ]);
  return [...handlers.map((h) => h.id), ...(dept?.headUserId ? [dept.headUserId] : [])];
}
