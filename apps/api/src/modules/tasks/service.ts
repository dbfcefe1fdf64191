// The caller's side of tasks: queues, workbench counts, and the task page with everything the
// visit form needs. A caller sees only their own tasks; contact data is shown in full only to
// the assignee of an open task, and every such read is audited.
import {
  can,
  parseStatusParam,
  type TPage,
  type TTaskDetail,
  type TTaskListItem,
  type TTaskListQuery,
  type TTaskSummary,
} from '@huifang/contracts';
import {
  dayIn,
  isTaskOpen,
  maskEmail,
  maskPhone,
  monthBounds,
  monthIn,
  showsFullContact,
  timeIn,
} from '@huifang/domain';
import { Prisma } from '../../db/generated/client.ts';
import type { Channel, Segment, TaskStatus, Tier } from '../../db/generated/enums.ts';
import { hotQuery, type PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { forbidden, notFound } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { hasSignedCurrent } from '../confidentiality/service.ts';
import { iso, person, questionsOf, ticketsOfVisits, toVisitRecord, userNames } from '../visits/mappers.ts';
import { toVisitSummary } from '../visits/service.ts';
import { actionable, bucketWhere, type Clock, mostUrgentFirst, preferredRank, summarySql } from './queue.ts';

const { sql, join, empty } = Prisma;
const HISTORY_LIMIT = 50;

const readsAny = (user: SessionUser) => can(user.role, 'task:read:any');

/** `me`, a user id or nothing → whose tasks; a caller only ever gets their own. */
export function resolveAssignee(user: SessionUser, param: string | undefined): string | undefined {
  if (!param) return readsAny(user) ? undefined : user.id;
  const id = param === 'me' ? user.id : param;
  if (!readsAny(user) && id !== user.id) throw forbidden('You can only see your own tasks');
  return id;
}

export const clockOf = (user: SessionUser, now: Date): Clock => ({
  now,
  today: dayIn(now, user.timezone),
  time: timeIn(now, user.timezone),
});

interface QueueRow {
  id: string;
  status: TaskStatus;
  purpose: string;
  channel: Channel;
  dueDate: string;
  windowFrom: string;
  windowTo: string;
  attempts: number;
  callBackAt: Date | null;
  lastAttemptAt: Date | null;
  version: number;
  customerId: string;
  customerName: string;
  customerPhone: string;
  segment: Segment;
  tier: Tier;
  preferredChannel: Channel | null;
  preferredTimeFrom: string | null;
  preferredTimeTo: string | null;
  assigneeId: string;
  assigneeName: string;
  total: number;
}

export async function listTasks(
  prisma: PrismaClient,
  actor: Actor,
  q: TTaskListQuery,
): Promise<TPage<TTaskListItem>> {
  const user = actor.user;
  const assignee = resolveAssignee(user, q.assignee);
  const clock = clockOf(user, actor.now);
  const conditions: Prisma.Sql[] = [sql`t."organizationId" = ${user.organizationId}::uuid`];
  if (assignee) conditions.push(sql`t."assigneeId" = ${assignee}::uuid`);
  if (q.teamId) {
    conditions.push(
      sql`t."assigneeId" IN (SELECT u2.id FROM "User" u2 WHERE u2."teamId" = ${q.teamId}::uuid AND u2."organizationId" = ${user.organizationId}::uuid)`,
    );
  }
  if (q.customerId) conditions.push(sql`t."customerId" = ${q.customerId}::uuid`);
  const statuses = parseStatusParam(q.status);
  if (statuses) conditions.push(sql`t.status IN (${join(statuses.map((s) => sql`${s}::"TaskStatus"`))})`);
  if (q.month) {
    const { first, last } = monthBounds(q.month);
    conditions.push(sql`t."dueDate" BETWEEN ${first}::date AND ${last}::date`);
  }
  if (q.bucket) conditions.push(bucketWhere(q.bucket, clock));
  const where = join(conditions, ' AND ');

  const sort =
    q.sort ?? (q.bucket === 'callback' ? 'callBackAt' : q.bucket === 'done' ? '-dueDate' : 'dueDate');
  const orderBy = {
    // one caller's queue: on a due date, the customers whose preferred time is now first
    // (docs/rules.md#r-cad-6-contact-policy); a list over everyone's tasks keeps to the index's order
    dueDate: assignee
      ? sql`t."dueDate" ASC, ${preferredRank(clock)} ASC, c."preferredTimeFrom" ASC NULLS LAST, t.id ASC`
      : sql`t."dueDate" ASC, t.id ASC`,
    '-dueDate': sql`t."dueDate" DESC, t.id DESC`,
    callBackAt: sql`t."callBackAt" ASC NULLS LAST, t."dueDate" ASC, t.id ASC`,
    '-lastAttemptAt': sql`t."lastAttemptAt" DESC NULLS LAST, t.id DESC`,
  }[sort];

  // The page and its total in one statement (one round trip, one pool connection): the total is
  // an uncorrelated sub-select, computed once, with the same plan as a separate count. A page
  // past the end has no row to carry it, so only then is it counted on its own.
  const rows = await hotQuery<QueueRow>(
    prisma,
    Prisma.sql`
    SELECT t.id::text AS id, t.status::text AS status, t.purpose, t.channel::text AS channel,
           to_char(t."dueDate", 'YYYY-MM-DD') AS "dueDate",
           to_char(t."windowFrom", 'YYYY-MM-DD') AS "windowFrom",
           to_char(t."windowTo", 'YYYY-MM-DD') AS "windowTo",
           t.attempts, t."callBackAt", t."lastAttemptAt", t.version,
           c.id::text AS "customerId", c.name AS "customerName", c.phone AS "customerPhone",
           c.segment::text AS segment, c.tier::text AS tier,
           c."preferredChannel"::text AS "preferredChannel",
           c."preferredTimeFrom", c."preferredTimeTo",
           u.id::text AS "assigneeId", u.name AS "assigneeName",
           (SELECT count(*)::int FROM "Task" t WHERE ${where}) AS total
      FROM "Task" t
      JOIN "Customer" c ON c.id = t."customerId"
      JOIN "User" u ON u.id = t."assigneeId"
     WHERE ${where}
     ORDER BY ${orderBy}
     LIMIT ${q.size} OFFSET ${(q.page - 1) * q.size}`,
  );
  const total =
    rows[0]?.total ??
    (q.page === 1
      ? 0
      : ((
          await prisma.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM "Task" t WHERE ${where}`
        )[0]?.n ?? 0));

  return {
    total,
    page: q.page,
    size: q.size,
    items: rows.map((r) => ({
      id: r.id,
      status: r.status,
      purpose: r.purpose,
      channel: r.channel,
      dueDate: r.dueDate,
      windowFrom: r.windowFrom,
      windowTo: r.windowTo,
      attempts: r.attempts,
      callBackAt: iso(r.callBackAt),
      lastAttemptAt: iso(r.lastAttemptAt),
      version: r.version,
      customer: {
        id: r.customerId,
        name: r.customerName,
        phone: maskPhone(r.customerPhone),
        segment: r.segment,
        tier: r.tier,
        preferredChannel: r.preferredChannel,
        preferredTimeFrom: r.preferredTimeFrom,
        preferredTimeTo: r.preferredTimeTo,
      },
      assignee: { id: r.assigneeId, name: r.assigneeName },
    })),
  };
}

export async function taskSummary(
  prisma: PrismaClient,
  actor: Actor,
  assigneeParam: string | undefined,
): Promise<TTaskSummary> {
  const user = actor.user;
  const assignee = resolveAssignee(user, assigneeParam);
  const clock = clockOf(user, actor.now);
  const where = join(
    [
      sql`t."organizationId" = ${user.organizationId}::uuid`,
      assignee ? sql`t."assigneeId" = ${assignee}::uuid` : empty,
    ].filter((s) => s !== empty),
    ' AND ',
  );
  const [rows, next] = await Promise.all([
    prisma.$queryRaw<Omit<TTaskSummary, 'nextTaskId'>[]>(
      summarySql(where, clock, monthBounds(monthIn(clock.now, user.timezone))),
    ),
    // only one's own queue has a task to start
    assignee === user.id
      ? prisma.$queryRaw<Array<{ id: string }>>`
          SELECT t.id::text AS id FROM "Task" t JOIN "Customer" c ON c.id = t."customerId"
           WHERE ${where} AND ${actionable(clock)}
           ORDER BY ${mostUrgentFirst(clock)}
           LIMIT 1`
      : [],
  ]);
  const counts = rows[0] ?? {
    today: 0,
    overdue: 0,
    callback: 0,
    upcoming: 0,
    doneThisMonth: 0,
    assignedThisMonth: 0,
  };
  return { ...counts, nextTaskId: next[0]?.id ?? null };
}

/** The assignee's next workable task after this one in queue order, wrapping round; null when none. */
async function nextTaskId(
  prisma: PrismaClient,
  user: SessionUser,
  task: { id: string; assigneeId: string; organizationId: string; dueDate: Date },
  now: Date,
): Promise<string | null> {
  const clock = clockOf(user, now);
  const due = task.dueDate.toISOString().slice(0, 10);
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT t.id::text AS id FROM "Task" t
     WHERE t."organizationId" = ${task.organizationId}::uuid
       AND t."assigneeId" = ${task.assigneeId}::uuid
       AND ${actionable(clock)}
       AND t.id <> ${task.id}::uuid
     ORDER BY (t."dueDate", t.id) > (${due}::date, ${task.id}::uuid) DESC, t."dueDate" ASC, t.id ASC
     LIMIT 1`;
  return rows[0]?.id ?? null;
}

export async function getTask(prisma: PrismaClient, actor: Actor, id: string): Promise<TTaskDetail> {
  const user = actor.user;
  const task = await prisma.task.findFirst({
    where: { id, organizationId: user.organizationId },
    include: { customer: true, questionnaire: true },
  });
  if (!task) throw notFound('Task');
  if (!readsAny(user) && task.assigneeId !== user.id) throw forbidden('You can only see your own tasks');

  const [history, records, assignments, next] = await Promise.all([
    prisma.visitRecord.findMany({
      where: { customerId: task.customerId, organizationId: user.organizationId },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: HISTORY_LIMIT,
      include: { task: { select: { purpose: true } }, customer: { select: { id: true, name: true } } },
    }),
    prisma.visitRecord.findMany({
      where: { taskId: task.id },
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
      include: { amendments: { orderBy: { createdAt: 'asc' } } },
    }),
    prisma.taskAssignment.findMany({ where: { taskId: task.id }, orderBy: { createdAt: 'asc' } }),
    task.assigneeId === user.id ? nextTaskId(prisma, user, task, actor.now) : null,
  ]);
  const names = await userNames(prisma, [
    task.assigneeId,
    ...history.map((h) => h.callerId),
    ...records.flatMap((r) => [r.callerId, ...r.amendments.map((a) => a.authorId)]),
    ...assignments.flatMap((a) => [a.fromUserId, a.toUserId, a.byUserId]),
  ]);
  const tickets = await ticketsOfVisits(
    prisma,
    user.organizationId,
    records.map((r) => r.id),
  );

  const c = task.customer;
  // the assignee's open task shows the full contact once the agreement is signed (R-CONF-2)
  const ownOpen = task.assigneeId === user.id && isTaskOpen(task.status);
  const reveal = showsFullContact({
    grantedByObject: ownOpen,
    signed: ownOpen && (await hasSignedCurrent(prisma, user)),
  });
  if (reveal) {
    await audit(prisma, actor, {
      action: 'CONTACT_READ',
      entity: 'Customer',
      entityId: c.id,
      after: { fields: c.email ? ['phone', 'email'] : ['phone'], taskId: task.id },
    });
  }
  const q = task.questionnaire;

  return {
    id: task.id,
    status: task.status,
    purpose: task.purpose,
    channel: task.channel,
    dueDate: task.dueDate.toISOString().slice(0, 10),
    windowFrom: task.windowFrom.toISOString().slice(0, 10),
    windowTo: task.windowTo.toISOString().slice(0, 10),
    attempts: task.attempts,
    callBackAt: iso(task.callBackAt),
    lastAttemptAt: iso(task.lastAttemptAt),
    doneAt: iso(task.doneAt),
    version: task.version,
    createdAt: task.createdAt.toISOString(),
    planId: task.planId,
    assignee: person(names, task.assigneeId),
    customer: {
      id: c.id,
      name: c.name,
      phone: reveal ? c.phone : maskPhone(c.phone),
      email: c.email ? (reveal ? c.email : maskEmail(c.email)) : null,
      contactMasked: !reveal,
      segment: c.segment,
      tier: c.tier,
      programme: c.programme,
      enrolledAt: c.enrolledAt ? c.enrolledAt.toISOString().slice(0, 10) : null,
      completedAt: c.completedAt ? c.completedAt.toISOString().slice(0, 10) : null,
      lastVisitAt: iso(c.lastVisitAt),
    },
    consent: {
      refusesVisits: c.refusesVisits,
      refusedAt: iso(c.refusedAt),
      visitsPausedAt: iso(c.visitsPausedAt),
      preferredChannel: c.preferredChannel,
      preferredTimeFrom: c.preferredTimeFrom,
      preferredTimeTo: c.preferredTimeTo,
      consentNote: c.consentNote,
    },
    questionnaire: q
      ? {
          id: q.id,
          name: q.name,
          purpose: q.purpose,
          description: q.description,
          questions: questionsOf(q.questions),
          active: q.active,
          version: q.version,
          updatedAt: q.updatedAt.toISOString(),
        }
      : null,
    history: history.map((h) => toVisitSummary(h, names)),
    records: records.map((r) => toVisitRecord(r, names, r.amendments, tickets.get(r.id))),
    assignments: assignments.map((a) => ({
      id: a.id,
      fromUser: a.fromUserId ? person(names, a.fromUserId) : null,
      toUser: person(names, a.toUserId),
      byUser: person(names, a.byUserId),
      reason: a.reason,
      createdAt: a.createdAt.toISOString(),
    })),
    nextTaskId: next,
  };
}
