// Issue tickets (问题工单): raising, routing, lists with SLA clocks, one ticket with its timeline.
import {
  can,
  type TPage,
  type TTicketCreate,
  type TTicketDetail,
  type TTicketListQuery,
  type TTicketSummary,
  type TVisitTicketRef,
} from '@huifang/contracts';
import { addBusinessHours, addDays, dayIn, startOfDay } from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { forbidden, notFound, ruleViolation } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { loadPolicy } from '../policy/service.ts';
import { actionsOn, RUNNING, readScope, teamMemberIds } from './access.ts';
import { departmentRecipients, lookups, personOf, toTicketSummary } from './mappers.ts';

/** The customer and caller a ticket inherits from its source; checks the user may raise from it. */
async function resolveSource(
  db: Tx,
  user: SessionUser,
  body: TTicketCreate,
): Promise<{ customerId: string; callerId: string | null }> {
  if (body.sourceVisitId && body.sourceInspectionId) {
    throw ruleViolation('Raise a ticket from a visit record or from an inspection, not both', {
      field: 'sourceVisitId',
    });
  }
  let source: { customerId: string; callerId: string } | null = null;
  if (body.sourceVisitId) {
    source = await db.visitRecord.findFirst({
      where: { id: body.sourceVisitId, organizationId: user.organizationId },
      select: { customerId: true, callerId: true },
    });
    if (!source) throw notFound('Visit record');
  } else if (body.sourceInspectionId) {
    const ins = await db.inspection.findFirst({
      where: { id: body.sourceInspectionId, organizationId: user.organizationId },
      select: { callerId: true, visit: { select: { customerId: true } } },
    });
    if (!ins) throw notFound('Inspection');
    source = { customerId: ins.visit.customerId, callerId: ins.callerId };
  }
  if (!source) {
    if (can(user.role, 'scope:own')) {
      throw ruleViolation('A caller raises a ticket from one of their visit records', {
        field: 'sourceVisitId',
      });
    }
    if (!body.customerId) throw ruleViolation('Choose the customer', { field: 'customerId' });
    const customer = await db.customer.findFirst({
      where: { id: body.customerId, organizationId: user.organizationId },
      select: { id: true },
    });
    if (!customer) throw notFound('Customer');
    return { customerId: customer.id, callerId: null };
  }
  if (can(user.role, 'scope:own') && source.callerId !== user.id) {
    throw forbidden('You can raise tickets only from your own records');
  }
  if (can(user.role, 'scope:team') && !(await teamMemberIds(db, user)).includes(source.callerId)) {
    throw forbidden('You can raise tickets only from records of your own team');
  }
  if (body.customerId && body.customerId !== source.customerId) {
    throw ruleViolation('The customer does not match the source record', { field: 'customerId' });
  }
  return source;
}

/** The department that answers a category (R-TKT-1); 422 when the routing table has none. */
export async function ticketRoute(
  db: Tx,
  organizationId: string,
  category: TTicketCreate['category'],
): Promise<{ departmentId: string; departmentName: string }> {
  const route = await db.ticketRoute.findUnique({
    where: { organizationId_category: { organizationId, category } },
    select: { departmentId: true },
  });
  if (!route)
    throw ruleViolation('No department answers this category yet: set up the routing table', {
      field: 'category',
    });
  const department = await db.department.findUniqueOrThrow({
    where: { id: route.departmentId },
    select: { name: true },
  });
  return { departmentId: route.departmentId, departmentName: department.name };
}

/** What a new ticket is, once its source and route are settled. */
export interface NewTicket {
  sourceVisitId: string | null;
  sourceInspectionId: string | null;
  customerId: string;
  callerId: string | null;
  subjectUserId: string | null;
  category: TTicketCreate['category'];
  severity: TTicketCreate['severity'];
  title: string;
  description: string;
  route: { departmentId: string; departmentName: string };
}

/**
 * Writes a ticket inside the caller's transaction: its number, SLA due time, CREATED and ROUTED
 * events, the department's notification and the audit row. Used by POST /tickets and by a visit
 * that raises its ticket with the record (R-VISIT-5).
 */
export async function insertTicket(tx: Tx, actor: Actor, t: NewTicket): Promise<TVisitTicketRef> {
  const user = actor.user;
  const orgId = user.organizationId;
  const { policy, calendar } = await loadPolicy(tx, orgId, user.timezone);
  const now = actor.now;
  const dueAt = addBusinessHours(now, policy.slaHours[t.severity], calendar);
  // Numbers are per organisation: creators queue on a lock of their organisation.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('issue-ticket-number'), hashtext(${orgId}))`;
  const max = await tx.issueTicket.aggregate({ where: { organizationId: orgId }, _max: { number: true } });
  const ticket = await tx.issueTicket.create({
    data: {
      organizationId: orgId,
      number: (max._max.number ?? 0) + 1,
      sourceVisitId: t.sourceVisitId,
      sourceInspectionId: t.sourceInspectionId,
      customerId: t.customerId,
      callerId: t.callerId,
      subjectUserId: t.subjectUserId,
      category: t.category,
      severity: t.severity,
      departmentId: t.route.departmentId,
      title: t.title,
      description: t.description,
      dueAt,
      raisedById: user.id,
      createdAt: now,
    },
  });
  await tx.ticketEvent.createMany({
    data: [
      {
        ticketId: ticket.id,
        type: 'CREATED',
        actorId: user.id,
        body: { severity: t.severity, ...(t.sourceVisitId ? { sourceVisitId: t.sourceVisitId } : {}) },
        createdAt: now,
      },
      {
        ticketId: ticket.id,
        type: 'ROUTED',
        actorId: user.id,
        body: {
          category: t.category,
          departmentId: t.route.departmentId,
          departmentName: t.route.departmentName,
        },
        createdAt: now,
      },
    ],
  });
  await notify(tx, actor, {
    userIds: await departmentRecipients(tx, orgId, t.route.departmentId),
    type: 'TICKET_ROUTED',
    entity: 'IssueTicket',
    entityId: ticket.id,
    payload: { ticketNumber: ticket.number, title: ticket.title },
  });
  await audit(tx, actor, {
    action: 'TICKET_CREATE',
    entity: 'IssueTicket',
    entityId: ticket.id,
    after: { ...ticket, pausedMs: Number(ticket.pausedMs) },
  });
  return { id: ticket.id, number: ticket.number, title: ticket.title, status: ticket.status };
}

export async function createTicket(
  prisma: PrismaClient,
  actor: Actor,
  body: TTicketCreate,
): Promise<TTicketDetail> {
  const user = actor.user;
  const orgId = user.organizationId;
  const { customerId, callerId } = await resolveSource(prisma, user, body);
  if (body.subjectUserId) {
    if (body.category !== 'CALLER_CONDUCT') {
      throw ruleViolation('Only a CALLER_CONDUCT ticket names the caller it is about', {
        field: 'subjectUserId',
      });
    }
    const subject = await prisma.user.count({ where: { id: body.subjectUserId, organizationId: orgId } });
    if (!subject) throw ruleViolation('Unknown user', { field: 'subjectUserId' });
  }
  const subjectUserId = body.category === 'CALLER_CONDUCT' ? (body.subjectUserId ?? callerId) : null;
  const route = await ticketRoute(prisma, orgId, body.category);

  const { id } = await prisma.$transaction((tx) =>
    insertTicket(tx, actor, {
      sourceVisitId: body.sourceVisitId ?? null,
      sourceInspectionId: body.sourceInspectionId ?? null,
      customerId,
      callerId: callerId ?? (can(user.role, 'scope:own') ? user.id : null),
      subjectUserId,
      category: body.category,
      severity: body.severity,
      title: body.title,
      description: body.description,
      route,
    }),
  );
  return getTicket(prisma, actor, id);
}

export async function listTickets(
  prisma: PrismaClient,
  actor: Actor,
  q: TTicketListQuery,
): Promise<TPage<TTicketSummary>> {
  const user = actor.user;
  const now = actor.now;
  const and: Prisma.IssueTicketWhereInput[] = [await readScope(prisma, user)];
  if (q.overdue === 'true') and.push({ status: { in: RUNNING }, dueAt: { lt: now } });
  if (q.overdue === 'false') and.push({ NOT: { status: { in: RUNNING }, dueAt: { lt: now } } });
  if (q.dueToday === 'true') {
    const today = dayIn(now, user.timezone);
    and.push({
      status: { in: RUNNING },
      dueAt: { gte: startOfDay(today, user.timezone), lt: startOfDay(addDays(today, 1), user.timezone) },
    });
  }
  if (q.raisedBy === 'me') and.push({ raisedById: user.id });
  if (q.raisedBy === 'team') and.push({ raisedById: { in: await teamMemberIds(prisma, user) } });
  const where: Prisma.IssueTicketWhereInput = {
    organizationId: user.organizationId,
    status: q.status,
    category: q.category,
    departmentId: q.departmentId,
    AND: and,
  };
  const [total, rows, { calendar }] = await Promise.all([
    prisma.issueTicket.count({ where }),
    prisma.issueTicket.findMany({
      where,
      // Next deadline first: running clocks (no pausedAt) by due time, then the stopped ones, latest first.
      orderBy: [{ pausedAt: { sort: 'desc', nulls: 'first' } }, { dueAt: 'asc' }, { number: 'desc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
    loadPolicy(prisma, user.organizationId, user.timezone),
  ]);
  const l = await lookups(prisma, user.organizationId, rows);
  return { total, page: q.page, size: q.size, items: rows.map((r) => toTicketSummary(r, l, calendar, now)) };
}

/** A ticket the user may see, or 404 (not in the organisation) / 403 (not theirs). */
export async function visibleTicket(db: Tx, user: SessionUser, id: string) {
  const row = await db.issueTicket.findFirst({ where: { id, organizationId: user.organizationId } });
  if (!row) throw notFound('Ticket');
  const seen = await db.issueTicket.count({ where: { id, AND: [await readScope(db, user)] } });
  if (!seen) throw forbidden('This ticket is not yours to see');
  return row;
}

export async function callerTeamId(db: Tx, callerId: string | null): Promise<string | null> {
  if (!callerId) return null;
  const u = await db.user.findUnique({ where: { id: callerId }, select: { teamId: true } });
  return u?.teamId ?? null;
}

export async function getTicket(prisma: PrismaClient, actor: Actor, id: string): Promise<TTicketDetail> {
  const user = actor.user;
  const row = await visibleTicket(prisma, user, id);
  const [events, { calendar }, teamId, source] = await Promise.all([
    prisma.ticketEvent.findMany({ where: { ticketId: id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    loadPolicy(prisma, user.organizationId, user.timezone),
    callerTeamId(prisma, row.callerId),
    row.sourceVisitId
      ? prisma.visitRecord.findFirst({
          where: { id: row.sourceVisitId, organizationId: user.organizationId },
          select: { taskId: true },
        })
      : null,
  ]);
  const l = await lookups(
    prisma,
    user.organizationId,
    [row],
    events.map((e) => e.actorId).filter((a): a is string => !!a),
  );
  const summary = toTicketSummary(row, l, calendar, actor.now);
  const actions = actionsOn(user, row, teamId);
  return {
    ...summary,
    description: row.description,
    sourceVisitId: row.sourceVisitId,
    sourceTaskId: source?.taskId ?? null,
    sourceInspectionId: row.sourceInspectionId,
    subject: personOf(l.users, row.subjectUserId),
    pausedAt: row.pausedAt ? row.pausedAt.toISOString() : null,
    events: events.map((e) => ({
      id: e.id,
      type: e.type,
      actor: personOf(l.users, e.actorId),
      body: (e.body ?? {}) as Record<string, unknown>,
      createdAt: e.createdAt.toISOString(),
    })),
    can: { ...actions, route: actions.route && can(user.role, 'ticket:route') },
  };
}
