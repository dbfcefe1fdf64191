// Ticket transitions. Each runs in one transaction on the locked ticket row (SELECT … FOR
// UPDATE), so a response and a reopen arriving together are applied one after the other, and
// the second sees the state the first left.
import type {
  TTicketDetail,
  TTicketReroute,
  TTicketRespond,
  TTicketStatus,
  TTicketVerify,
} from '@huifang/contracts';
import { resumeSla } from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, ruleViolation, staleVersion } from '../../lib/errors.ts';
import { type NotificationInput, notify } from '../../lib/notify.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { loadPolicy } from '../policy/service.ts';
import { RUNNING, rightsOn } from './access.ts';
import { departmentRecipients } from './mappers.ts';
import { callerTeamId, getTicket, visibleTicket } from './service.ts';

type Ticket = Awaited<ReturnType<typeof visibleTicket>>;
type Right = 'respond' | 'verify' | 'route' | 'closeAnyState';

interface Step {
  data: Prisma.IssueTicketUpdateInput;
  events: Array<{ type: string; body?: Record<string, unknown> }>;
  notifications?: (tx: Tx, t: Ticket) => Promise<NotificationInput[]>;
}

interface Spec {
  action: string;
  /** the right the user needs on this ticket (403 otherwise) */
  right: Right | ((r: ReturnType<typeof rightsOn>, t: Ticket) => boolean);
  /** the statuses the transition starts from (409 otherwise) */
  from: TTicketStatus[] | ((t: Ticket, r: ReturnType<typeof rightsOn>) => boolean);
  step: (t: Ticket, ctx: { tx: Tx; user: SessionUser; now: Date }) => Promise<Step> | Step;
}

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
    const allowed = typeof spec.right === 'function' ? spec.right(rights, t) : rights[spec.right];
    if (!allowed) throw forbidden('You may not do this to this ticket');
    if (version !== undefined && version !== t.version) throw staleVersion(t.version);
    const fromOk = typeof spec.from === 'function' ? spec.from(t, rights) : spec.from.includes(t.status);
    if (!fromOk) {
      throw conflict(`A ${t.status} ticket cannot be changed this way`, {
        status: t.status,
        action: spec.action,
      });
    }
    // The request's instant, but never before the last step on the timeline: two requests
    // arriving together take effect in the order of the row lock, and the timeline shows that order.
    const last = await tx.ticketEvent.findFirst({
      where: { ticketId: id },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    const now = last && last.createdAt >= actor.now ? new Date(last.createdAt.getTime() + 1) : actor.now;
    const step = await spec.step(t, { tx, user, now });
    const after = await tx.issueTicket.update({
      where: { id },
      data: { ...step.data, version: { increment: 1 } },
    });
    await tx.ticketEvent.createMany({
      data: step.events.map((e, i) => ({
        ticketId: id,
        type: e.type,
        actorId: user.id,
        body: (e.body ?? {}) as Prisma.InputJsonValue,
        // events of one step keep their order on the timeline
        createdAt: new Date(now.getTime() + i),
      })),
    });
    for (const n of (await step.notifications?.(tx, after)) ?? []) await notify(tx, actor, n);
    await audit(tx, actor, {
      action: `TICKET_${spec.action}`,
      entity: 'IssueTicket',
      entityId: id,
      before: { status: t.status, version: t.version, departmentId: t.departmentId },
      after: { status: after.status, version: after.version, departmentId: after.departmentId },
    });
  });
  return getTicket(prisma, actor, id);
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
    action: 'START',
    right: 'respond',
    from: ['OPEN', 'REOPENED'],
    step: (_t, { user }) => ({
      data: { status: 'IN_PROGRESS', handlerId: user.id },
      events: [{ type: 'STARTED' }],
    }),
  });
}

export function respondTicket(prisma: PrismaClient, actor: Actor, id: string, body: TTicketRespond) {
  return transition(prisma, actor, id, body.version, {
    action: 'RESPOND',
    right: 'respond',
    from: RUNNING,
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
    action: 'REOPEN',
    right: 'verify',
    from: ['RESPONDED', 'VERIFIED'],
    step: (t, { tx, user, now }) => reopenStep(t, tx, user, now, body.reason),
  });
}

export function verifyTicket(prisma: PrismaClient, actor: Actor, id: string, body: TTicketVerify) {
  if (!body.satisfied) return reopenTicket(prisma, actor, id, { reason: body.reason, version: body.version });
  return transition(prisma, actor, id, body.version, {
    action: 'VERIFY',
    right: 'verify',
    from: ['RESPONDED'],
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
    action: 'CLOSE',
    right: (r, t) => (t.status === 'VERIFIED' ? r.route : r.closeAnyState || r.route),
    // anyone routing tickets closes a verified one; only management closes one still being worked on
    from: (t, r) => t.status === 'VERIFIED' || (t.status !== 'CLOSED' && r.closeAnyState),
    step: (t, { now }) => ({
      data: { status: 'CLOSED', closedAt: now, pausedAt: t.pausedAt ?? now },
      events: [{ type: 'CLOSED', body: { note: body.note } }],
    }),
  });
}

export function rerouteTicket(prisma: PrismaClient, actor: Actor, id: string, body: TTicketReroute) {
  return transition(prisma, actor, id, body.version, {
    action: 'ROUTE',
    right: 'route',
    from: RUNNING,
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
