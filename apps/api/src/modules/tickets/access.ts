// Who sees and who may act on an issue ticket. Permissions say what a role may do at all;
// these rules say on which tickets (docs/rules.md#r-tkt-8-who-sees-and-acts-on-tickets: a handler only tickets of their department).
import { can, type TTicketStatus } from '@huifang/contracts';
import { actionsFor, RUNNING_TICKET_STATUSES, TICKET_WORKFLOW } from '@huifang/domain';
import type { Prisma, Tx } from '../../db/prisma.ts';
import type { SessionUser } from '../../plugins/auth.ts';

/** Statuses in which the SLA clock runs and the department has to act. */
export const RUNNING: TTicketStatus[] = [...RUNNING_TICKET_STATUSES];

const NOTHING: Prisma.IssueTicketWhereInput = { id: { in: [] } };

/** The user's team members (the user included) — the people a LEAD answers for. */
export async function teamMemberIds(db: Tx, user: SessionUser): Promise<string[]> {
  if (!user.teamId) return [user.id];
  const rows = await db.user.findMany({
    where: { organizationId: user.organizationId, teamId: user.teamId },
    select: { id: true },
  });
  return [...new Set([user.id, ...rows.map((r) => r.id)])];
}

/**
 * The tickets a user may see: everything for ADMIN, MANAGER, SUPERVISOR; for a LEAD those raised
 * by, to be confirmed by, or about their team; for a HANDLER their department's; for a CALLER
 * those they raised or must confirm.
 */
export async function readScope(db: Tx, user: SessionUser): Promise<Prisma.IssueTicketWhereInput> {
  if (can(user.role, 'scope:team')) {
    const ids = await teamMemberIds(db, user);
    return { OR: [{ raisedById: { in: ids } }, { callerId: { in: ids } }, { subjectUserId: { in: ids } }] };
  }
  if (can(user.role, 'ticket:read:any')) return {};
  if (can(user.role, 'ticket:read:department')) {
    return user.departmentId ? { departmentId: user.departmentId } : NOTHING;
  }
  if (can(user.role, 'ticket:read:own')) return { OR: [{ raisedById: user.id }, { callerId: user.id }] };
  return NOTHING;
}

export interface TicketForRights {
  status: TTicketStatus;
  departmentId: string;
  callerId: string | null;
  raisedById: string;
}

/** What the user may do to a ticket they can see, by role and relation — state aside. */
export function rightsOn(
  user: SessionUser,
  t: TicketForRights,
  callerTeamId: string | null,
): { respond: boolean; verify: boolean; route: boolean; closeAnyState: boolean } {
  const handler =
    can(user.role, 'ticket:respond') && !!user.departmentId && user.departmentId === t.departmentId;
  const verify =
    can(user.role, 'ticket:verify') &&
    (t.callerId === user.id ||
      t.raisedById === user.id ||
      (can(user.role, 'ticket:verify:team') && !!user.teamId && callerTeamId === user.teamId));
  const route = can(user.role, 'ticket:route');
  return {
    respond: handler,
    verify,
    route,
    closeAnyState: can(user.role, 'ticket:close:any'),
  };
}

/** The actions offered on a ticket now: the workflow's table (role and state) and the relations. */
export function actionsOn(
  user: SessionUser,
  t: TicketForRights,
  callerTeamId: string | null,
): { start: boolean; respond: boolean; verify: boolean; close: boolean; route: boolean } {
  const r = rightsOn(user, t, callerTeamId);
  const wf = actionsFor(TICKET_WORKFLOW, t.status, user.role);
  return {
    start: r.respond && wf.start,
    respond: r.respond && wf.respond,
    verify: r.verify && wf.verify,
    close: t.status === 'VERIFIED' ? r.route && wf.close : wf.forceClose,
    route: r.route && wf.route,
  };
}
