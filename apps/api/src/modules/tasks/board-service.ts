import type {
  TBoard,
  TBoardFigures,
  TBulkReassign,
  TBulkReassigned,
  TTaskAssignmentEntry,
  TTaskReassign,
  TTaskReassigned,
} from '@huifang/contracts';
import { can } from '@huifang/contracts';
import { dayIn, isTaskOpen, monthBounds, monthIn, OPEN_TASK_STATUSES } from '@huifang/domain';
import type { TaskStatus } from '../../db/generated/enums.ts';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import { finishedTask, openTask } from '../../db/rule-sql.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import {
  AppError,
  conflict,
  forbidden,
  invalid,
  notFound,
  ruleViolation,
  staleVersion,
} from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import type { SessionUser } from '../../plugins/auth.ts';

const FIGURES = ['assigned', 'done', 'open', 'overdue', 'unreachable', 'callback'] as const;

interface BoardRow {
  callerId: string;
  name: string;
  active: boolean;
  assigned: number;
  done: number;
  open: number;
  overdue: number;
  unreachable: number;
  callback: number;
}

/**
 * The lead's board: one line per caller of the team for the tasks due in `month`, counted in
 * one statement (a LEFT JOIN from the team's callers so a caller without tasks shows zeros).
 */
export async function getBoard(
  prisma: PrismaClient,
  user: SessionUser,
  query: { month?: string; teamId?: string },
  now: Date,
): Promise<TBoard> {
  const teamId = query.teamId ?? user.teamId;
  if (!teamId) throw invalid('teamId is required for users without a team', [{ path: 'teamId' }]);
  const team = await prisma.team.findFirst({
    where: { id: teamId, organizationId: user.organizationId },
    select: { id: true, name: true },
  });
  if (!team) throw notFound('Team');
  const month = query.month ?? monthIn(now, user.timezone);
  const today = dayIn(now, user.timezone);
  const { first, last } = monthBounds(month);

  const rows = await prisma.$queryRaw<BoardRow[]>`
    SELECT u.id AS "callerId", u.name, u.active,
      count(t.id) FILTER (WHERE t.status <> 'CANCELLED')::int AS assigned,
      count(t.id) FILTER (WHERE ${finishedTask()})::int AS done,
      count(t.id) FILTER (WHERE ${openTask()})::int AS open,
      count(t.id) FILTER (WHERE ${openTask()}
                            AND t."dueDate" < ${today}::date)::int AS overdue,
      count(t.id) FILTER (WHERE t.status = 'UNREACHABLE')::int AS unreachable,
      count(t.id) FILTER (WHERE ${openTask()}
                            AND t."callBackAt" IS NOT NULL)::int AS callback
    FROM "User" u
    LEFT JOIN "Task" t
      ON t."assigneeId" = u.id
     AND t."organizationId" = ${user.organizationId}::uuid
     AND t."dueDate" BETWEEN ${first}::date AND ${last}::date
    WHERE u."organizationId" = ${user.organizationId}::uuid
      AND u."teamId" = ${team.id}::uuid
      AND u.role = 'CALLER'
    GROUP BY u.id, u.name, u.active
    HAVING u.active OR count(t.id) > 0
    ORDER BY u.email`;

  const totals = Object.fromEntries(FIGURES.map((f) => [f, 0])) as TBoardFigures;
  for (const r of rows) for (const f of FIGURES) totals[f] += r[f];
  return { month, today, team, callers: rows, totals };
}

/** A LEAD works within their own team; other roles holding task:reassign across the organisation. */
function teamScope(user: SessionUser): string | null | undefined {
  return can(user.role, 'scope:team') ? user.teamId : undefined;
}

async function checkTarget(db: Tx, user: SessionUser, assigneeId: string) {
  const target = await db.user.findFirst({
    where: { id: assigneeId, organizationId: user.organizationId },
    select: { id: true, name: true, role: true, active: true, teamId: true },
  });
  if (target?.role !== 'CALLER' || !target.active) {
    throw ruleViolation('Tasks can only be assigned to an active caller of the organisation', {
      field: 'assigneeId',
      code: 'NOT_AN_ACTIVE_CALLER',
    });
  }
  const scope = teamScope(user);
  if (scope !== undefined && (scope === null || target.teamId !== scope)) {
    throw forbidden('You can only assign tasks to callers of your own team');
  }
  return target;
}

async function checkAssigneesInScope(db: Tx, user: SessionUser, assigneeIds: string[]): Promise<Set<string>> {
  const scope = teamScope(user);
  if (scope === undefined) return new Set();
  const inTeam = scope
    ? await db.user.findMany({
        where: { id: { in: assigneeIds }, organizationId: user.organizationId, teamId: scope },
        select: { id: true },
      })
    : [];
  const ok = new Set(inTeam.map((u) => u.id));
  return new Set(assigneeIds.filter((id) => !ok.has(id)));
}

export async function reassignTask(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  taskId: string,
  body: TTaskReassign,
): Promise<TTaskReassigned> {
  return prisma.$transaction(async (tx) => {
    const task = await tx.task.findFirst({
      where: { id: taskId, organizationId: user.organizationId },
      select: { id: true, assigneeId: true, status: true, version: true },
    });
    if (!task) throw notFound('Task');
    if ((await checkAssigneesInScope(tx, user, [task.assigneeId])).size > 0) {
      throw forbidden('You can only reassign tasks of your own team');
    }
    if (!isTaskOpen(task.status)) {
      throw conflict(`A ${task.status} task cannot be reassigned`, { status: task.status });
    }
    if (body.version !== undefined && body.version !== task.version) throw staleVersion(task.version);
    const target = await checkTarget(tx, user, body.assigneeId);
    if (target.id === task.assigneeId) {
      throw ruleViolation('The task is already assigned to this caller', {
        field: 'assigneeId',
        code: 'SAME_ASSIGNEE',
      });
    }
    const { count } = await tx.task.updateMany({
      where: { id: task.id, version: task.version, status: { in: [...OPEN_TASK_STATUSES] } },
      data: { assigneeId: target.id, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.task.findUnique({ where: { id: task.id }, select: { version: true } });
      throw staleVersion(current?.version ?? task.version);
    }
    const reason = body.reason?.trim() || null;
    await tx.taskAssignment.create({
      data: { taskId: task.id, fromUserId: task.assigneeId, toUserId: target.id, byUserId: user.id, reason },
    });
    const version = task.version + 1;
    await audit(tx, actor, {
      action: 'TASK_REASSIGNED',
      entity: 'Task',
      entityId: task.id,
      before: { assigneeId: task.assigneeId, version: task.version },
      after: { assigneeId: target.id, version, reason },
    });
    await notify(tx, actor, {
      userIds: [target.id],
      type: 'TASK_REASSIGNED',
      entity: 'Task',
      entityId: task.id,
      payload: { count: 1, by: user.name, reason },
    });
    return { id: task.id, assigneeId: target.id, status: task.status, version };
  });
}

interface LockedTask {
  id: string;
  assigneeId: string;
  status: TaskStatus;
  version: number;
}

/**
 * Moves many tasks to one caller in one transaction: all of them or none. The rows are
 * locked first, every rule is checked on the whole set, then one UPDATE and one INSERT
 * per table write the change and its history.
 */
export async function bulkReassign(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  body: TBulkReassign,
): Promise<TBulkReassigned> {
  const ids = [...new Set(body.taskIds)].sort();
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<LockedTask[]>`
      SELECT id, "assigneeId", status, version FROM "Task"
      WHERE "organizationId" = ${user.organizationId}::uuid AND id = ANY(${ids}::uuid[])
      ORDER BY id
      FOR UPDATE`;
    if (rows.length < ids.length) {
      const found = new Set(rows.map((r) => r.id));
      throw notFound(`Task(s) ${ids.filter((id) => !found.has(id)).join(', ')}`);
    }
    const outside = await checkAssigneesInScope(tx, user, [...new Set(rows.map((r) => r.assigneeId))]);
    const foreign = rows.filter((r) => outside.has(r.assigneeId)).map((r) => r.id);
    if (foreign.length > 0) {
      throw new AppError('FORBIDDEN', 'You can only reassign tasks of your own team', { taskIds: foreign });
    }
    const closed = rows.filter((r) => !isTaskOpen(r.status));
    if (closed.length > 0) {
      throw conflict('Closed tasks cannot be reassigned', {
        taskIds: closed.map((r) => r.id),
        statuses: closed.map((r) => r.status),
      });
    }
    const target = await checkTarget(tx, user, body.assigneeId);
    const moving = rows.filter((r) => r.assigneeId !== target.id);
    const movingIds = moving.map((r) => r.id);
    const reason = body.reason?.trim() || null;
    if (moving.length > 0) {
      const { count } = await tx.task.updateMany({
        where: { id: { in: movingIds } },
        data: { assigneeId: target.id, version: { increment: 1 } },
      });
      if (count !== moving.length) throw new Error(`bulk reassign updated ${count} of ${moving.length}`);
      await tx.taskAssignment.createMany({
        data: moving.map((r) => ({
          taskId: r.id,
          fromUserId: r.assigneeId,
          toUserId: target.id,
          byUserId: user.id,
          reason,
        })),
      });
      await tx.auditLog.createMany({
        data: moving.map((r) => ({
          organizationId: user.organizationId,
          actorId: user.id,
          action: 'TASK_REASSIGNED',
          entity: 'Task',
          entityId: r.id,
          before: { assigneeId: r.assigneeId, version: r.version },
          after: { assigneeId: target.id, version: r.version + 1, reason, bulk: true },
          ip: actor.ip,
        })),
      });
      await notify(tx, actor, {
        userIds: [target.id],
        type: 'TASK_REASSIGNED',
        payload: { count: moving.length, by: user.name, reason },
      });
    }
    const moved = new Set(movingIds);
    return {
      reassigned: moving.length,
      unchanged: rows.length - moving.length,
      items: rows.map((r) => ({
        id: r.id,
        assigneeId: target.id,
        status: r.status,
        version: moved.has(r.id) ? r.version + 1 : r.version,
      })),
    };
  });
}

export async function listAssignments(
  prisma: PrismaClient,
  user: SessionUser,
  taskId: string,
): Promise<TTaskAssignmentEntry[]> {
  const task = await prisma.task.findFirst({
    where: { id: taskId, organizationId: user.organizationId },
    select: { id: true },
  });
  if (!task) throw notFound('Task');
  const rows = await prisma.taskAssignment.findMany({
    where: { taskId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const userIds = [...new Set(rows.flatMap((r) => [r.fromUserId, r.toUserId, r.byUserId]))].filter(
    (x): x is string => !!x,
  );
  const names = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: userIds }, organizationId: user.organizationId },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  const ref = (id: string) => ({ id, name: names.get(id) ?? '--' });
  return rows.map((r) => ({
    id: r.id,
    fromUser: r.fromUserId ? ref(r.fromUserId) : null,
    toUser: ref(r.toUserId),
    byUser: ref(r.byUserId),
    reason: r.reason,
    createdAt: r.createdAt.toISOString(),
  }));
}
