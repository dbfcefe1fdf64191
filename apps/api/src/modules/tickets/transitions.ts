// Ticket transitions: steps of TICKET_WORKFLOW (packages/domain) run by the one executor
// (lib/workflow.ts). Each runs in one transaction on the locked ticket row (SELECT … FOR UPDATE),
// so a response and a reopen arriving together are applied one after the other, and the second
// sees the state the first left.
import type { TTicketDetail, TTicketReroute, TTicketRespond, TTicketVerify } from '@huifang/contracts';
import { can } from '@huifang/contracts';
import { type ActionOf, dayIn, resumeSla, TICKET_WORKFLOW, ticketClosedEventKind } from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, forbidden, ruleViolation } from '../../lib/errors.ts';
import type { NotificationInput } from '../../lib/notify.ts';
import { runTransition } from '../../lib/workflow.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { recordCustomerEvent } from '../customer-events/service.ts';
import { loadPolicy } from '../policy/service.ts';
import { rightsOn } from './access.ts';
import { departmentRecipients } from './mappers.ts';
import { callerTeamId, getTicket, visibleTicket } from './service.ts';

type Ticket = Awaited<ReturnType<typeof visibleTicket>>;
type Rights = ReturnType<typeof rightsOn>;
type Action = ActionOf<typeof TICKET_WORKFLOW>;

interface Step {
  data: Prisma.IssueTicketUpdateInput;
  events: Array<{ type: string; body?: Record<string, unknown> }>;
  notifications?: (tx: Tx, t: Ticket) => Promise<NotificationInput[]>;
}

interface Spec {
  /** the step of TICKET_WORKFLOW; a function when it depends on the ticket (closing) */
  action: Action | ((t: Ticket) => Action);
  /** may the user act on this ticket (their department, their team …)? 403 otherwise */
  right: keyof Rights | ((r: Rights, t: Ticket) => boolean);
  step: (t: Ticket, ctx: { tx: Tx; user: SessionUser; now: Date }) => Promise<Step> | Step;
}

const AUDIT: Record<Action, string> = {
  start: 'TICKET_START',
  respond: 'TICKET_RESPOND',
  verify: 'TICKET_VERIFY',
  reopen: 'TICKET_REOPEN',
  route: 'TICKET_ROUTE',
  close: 'TICKET_CLOSE',
  forceClose: 'TICKET_CLOSE',
};

/**
 * A step of TICKET_WORKFLOW through the one executor, on the locked ticket row; the timeline's
 * events are its history rows.
 */
async function transition(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  version: number | undefined,
  spec: Spec,
): Promise<TTicketDetail> {
  const user = actor.user;
  await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "IssueTicket" WHERE id = ${id}::uuid AND "organizationId" = ${user.organizationId}::uuid FOR UPDATE`;
    const t = await visibleTicket(tx, user, id);
    const rights = rightsOn(user, t, await callerTeamId(tx, t.callerId));
    const action = typeof spec.action === 'function' ? spec.action(t) : spec.action;
    // The request's instant, but never before the last step on the timeline: two requests
    // arriving together take effect in the order of the row lock, and the timeline shows that order.
    const last = await tx.ticketEvent.findFirst({
      where: { ticketId: id },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    const now = last && last.createdAt >= actor.now ? new Date(last.createdAt.getTime() + 1) : actor.now;
    let step: Step | undefined;
    let after: Ticket | undefined;
    await runTransition(tx, actor, {
      workflow: TICKET_WORKFLOW,
      action,
      row: t,
      version,
      entity: 'IssueTicket',
      auditAction: AUDIT[action],
      access: () => {
        const allowed = typeof spec.right === 'function' ? spec.right(rights, t) : rights[spec.right];
        if (!allowed) throw forbidden('You may not do this to this ticket');
      },
      wrongState: (status) =>
        conflict(`A ${status} ticket cannot be changed this way`, { status, action: AUDIT[action].slice(7) }),
      guard: async () => {
        step = await spec.step(t, { tx, user, now });
      },
      write: async () => {
        after = await tx.issueTicket.update({
          where: { id },
          data: { ...taken(step).data, version: { increment: 1 } },
        });
        // a closed ticket raises its customer's event, once (docs/rules.md#r-evt-1-customer-events)
        if (after.status === 'CLOSED' && t.status !== 'CLOSED')
          await recordCustomerEvent(
            tx,
            { ...actor, now },
            {
              customerId: after.customerId,
              kind: ticketClosedEventKind(after.category),
              day: dayIn(now, user.timezone),
              source: 'TICKET',
              externalId: after.id,
            },
            user.timezone,
          );
      },
      history: () =>
        tx.ticketEvent.createMany({
          data: taken(step).events.map((e, i) => ({
            ticketId: id,
            type: e.type,
            actorId: user.id,
            body: (e.body ?? {}) as Prisma.InputJsonValue,
            // events of one step keep their order on the timeline
            createdAt: new Date(now.getTime() + i),
          })),
        }),
      audit: () => ({
        before: { status: t.status, version: t.version, departmentId: t.departmentId },
        after: {
          status: taken(after).status,
          version: taken(after).version,
          departmentId: taken(after).departmentId,
        },
      }),
      notifications: async () => (await taken(step).notifications?.(tx, taken(after))) ?? [],
    });
  });
  return getTicket(prisma, actor, id);
}

/** A value the step computed before it is used (guard → write → history → audit). */
function taken<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('a ticket step used a value before computing it');
  return value;
}

const payload = (t: Ticket) => ({ ticketNumber: t.number, title: t.title });
const note = (
  t: Ticket,
  type: NotificationInput['type'],
  userIds: Array<string | null>,
): NotificationInput => ({
  type,
  userIds: userIds.filter((u): u is string => !!u),
  entity: 'IssueTicket',
  entityId: t.id,
  payload: payload(t),
});

export function startTicket(prisma: PrismaClient, actor: Actor, id: string, version?: number) {
  return transition(prisma, actor, id, version, {
    action: 'start',
    right: 'respond',
    step: (_t, { user }) => ({
      data: { status: 'IN_PROGRESS', handlerId: user.id },
      events: [{ type: 'STARTED' }],
    }),
  });
}

export function respondTicket(prisma: PrismaClient, actor: Actor, id: string, body: TTicketRespond) {
  return transition(prisma, actor, id, body.version, {
    action: 'respond',
    right: 'respond',
    step: (t, { user, now }) => {
      // A complaint about a caller's conduct must say whether it was confirmed: that finding
      // feeds the caller's KPI and the conduct penalty (docs/rules.md#r-inc-6-conduct-deduction-and-public-criticism).
      const conduct = t.category === 'CALLER_CONDUCT';
      if (conduct && body.conductConfirmed === undefined) {
        throw ruleViolation('Say whether the complaint about the caller is confirmed', {
          field: 'conductConfirmed',
        });
      }
      return {
        // the clock stops while the caller confirms with the customer
        data: {
          status: 'RESPONDED',
          handlerId: user.id,
          respondedAt: now,
          pausedAt: now,
          ...(conduct ? { conductConfirmed: body.conductConfirmed, conductDecidedAt: now } : {}),
        },
        events: [
          {
            type: 'RESPONDED',
            body: {
              action: body.action,
              rootCause: body.rootCause,
              ...(conduct ? { conductConfirmed: body.conductConfirmed } : {}),
            },
          },
        ],
        notifications: async (_tx, after) => [
          note(after, 'TICKET_RESPONDED', [after.callerId ?? after.raisedById]),
        ],
      };
    },
  });
}

/** Back to the department: the clock resumes, the due time moves by the business time it stood still. */
async function reopenStep(t: Ticket, tx: Tx, user: SessionUser, now: Date, reason: string): Promise<Step> {
  const { calendar } = await loadPolicy(tx, user.organizationId, user.timezone);
  const resumed = resumeSla(
    { dueAt: t.dueAt, pausedAt: t.pausedAt ?? now, pausedMs: Number(t.pausedMs), now },
    calendar,
  );
  return {
    data: {
      status: 'REOPENED',
      reopenCount: { increment: 1 },
      pausedAt: null,
      pausedMs: BigInt(resumed.pausedMs),
      dueAt: resumed.dueAt,
    },
    events: [
      {
        type: 'REOPENED',
        body: { reason, reopenCount: t.reopenCount + 1, dueAt: resumed.dueAt.toISOString() },
      },
    ],
    notifications: async (db, after) => [
      note(after, 'TICKET_REOPENED', [
        ...(await departmentRecipients(db, user.organizationId, after.departmentId)),
        after.handlerId,
      ]),
    ],
  };
}

export function reopenTicket(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: { reason: string; version?: number },
) {
  return transition(prisma, actor, id, body.version, {
    action: 'reopen',
    right: 'verify',
    step: (t, { tx, user, now }) => reopenStep(t, tx, user, now, body.reason),
  });
}

export function verifyTicket(prisma: PrismaClient, actor: Actor, id: string, body: TTicketVerify) {
  if (!body.satisfied) return reopenTicket(prisma, actor, id, { reason: body.reason, version: body.version });
  return transition(prisma, actor, id, body.version, {
    action: 'verify',
    right: 'verify',
    step: (_t, { now }) => ({
      data: { status: 'CLOSED', closedAt: now },
      events: [{ type: 'VERIFIED', body: body.note ? { note: body.note } : {} }, { type: 'CLOSED' }],
    }),
  });
}

export function closeTicket(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: { note: string; version?: number },
) {
  return transition(prisma, actor, id, body.version, {
    // anyone routing tickets closes a verified one; only management closes one still being worked on
    action: (t) =>
      t.status === 'VERIFIED' || !can(actor.user.role, 'ticket:close:any') ? 'close' : 'forceClose',
    right: (r, t) => (t.status === 'VERIFIED' ? r.route : r.closeAnyState || r.route),
    step: (t, { now }) => ({
      data: { status: 'CLOSED', closedAt: now, pausedAt: t.pausedAt ?? now },
      events: [{ type: 'CLOSED', body: { note: body.note } }],
    }),
  });
}

export function rerouteTicket(prisma: PrismaClient, actor: Actor, id: string, body: TTicketReroute) {
  return transition(prisma, actor, id, body.version, {
    action: 'route',
    right: 'route',
    step: async (t, { tx, user }) => {
      const category = body.category ?? t.category;
      let departmentId = body.departmentId;
      if (!departmentId) {
        const route = await tx.ticketRoute.findUnique({
          where: { organizationId_category: { organizationId: user.organizationId, category } },
        });
        if (!route) throw ruleViolation('No department answers this category', { field: 'category' });
        departmentId = route.departmentId;
      }
      const department = await tx.department.findFirst({
        where: { id: departmentId, organizationId: user.organizationId },
        select: { name: true },
      });
      if (!department) throw ruleViolation('Unknown department', { field: 'departmentId' });
      if (category === t.category && departmentId === t.departmentId) {
        throw ruleViolation('The ticket already goes there', { field: 'departmentId' });
      }
      const moved = departmentId !== t.departmentId;
      return {
        data: {
          category,
          departmentId,
          ...(moved ? { handlerId: null, status: t.status === 'IN_PROGRESS' ? 'OPEN' : t.status } : {}),
          ...(category !== 'CALLER_CONDUCT' ? { subjectUserId: null } : {}),
        },
        events: [{ type: 'ROUTED', body: { category, departmentId, departmentName: department.name } }],
        notifications: async (db, after) =>
          moved
            ? [
                note(
                  after,
                  'TICKET_ROUTED',
                  await departmentRecipients(db, user.organizationId, after.departmentId),
                ),
              ]
            : [],
      };
    },
  });
}
