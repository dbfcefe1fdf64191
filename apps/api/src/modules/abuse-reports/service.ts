// Customer-abuse reports from staff (docs/rules.md#r-disc-2-customer-abuse-reports): a caller (or a
// lead) reports a customer who abused them, with what happened; the report goes to the reporter's
// superior — the lead of their team — or, when there is none (no lead, an inactive one, the reporter
// is the lead), to the managers; a manager may always decide. Confirmed, it protects the reporter's
// figures (the KPI statement leaves out the protected records and complaints, apps/api/src/db/rule-sql.ts),
// flags the customer and pauses visits to them (Customer.visitsPausedAt: cadence, plan drafting and
// approval and the task queues skip the customer) until a manager lifts the flag.
import {
  can,
  type TAbuseFlag,
  type TAbuseReport,
  type TAbuseReportCreate,
  type TAbuseReportDecide,
  type TAbuseReportList,
} from '@huifang/contracts';
import {
  ABUSE_REPORT_WORKFLOW,
  type AbuseReporter,
  abuseReportGoesTo,
  mayDecideAbuseReport,
  visitsPaused,
} from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, notFound } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { peopleOf } from '../../lib/people.ts';
import { runTransition } from '../../lib/workflow.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { customerScope } from '../customers/service.ts';

type Db = PrismaClient | Tx;
type Row = Prisma.CustomerAbuseReportGetPayload<{ include: { customer: { select: { name: true } } } }>;

/** The reporters as the rule sees them: role and the active lead of their team. */
async function reportersOf(db: Db, ids: string[]): Promise<Map<string, AbuseReporter>> {
  const users = await db.user.findMany({
    where: { id: { in: [...new Set(ids)] } },
    select: { id: true, role: true, teamId: true },
  });
  const teams = await db.team.findMany({
    where: { id: { in: users.flatMap((u) => (u.teamId ? [u.teamId] : [])) } },
    select: { id: true, leaderId: true },
  });
  const leaders = await db.user.findMany({
    where: { id: { in: teams.flatMap((t) => (t.leaderId ? [t.leaderId] : [])) }, active: true },
    select: { id: true },
  });
  const activeLeader = new Set(leaders.map((l) => l.id));
  const leaderOf = new Map(teams.map((t) => [t.id, t.leaderId]));
  return new Map(
    users.map((u) => {
      const leader = u.teamId ? (leaderOf.get(u.teamId) ?? null) : null;
      return [
        u.id,
        { id: u.id, role: u.role, activeTeamLeaderId: leader && activeLeader.has(leader) ? leader : null },
      ];
    }),
  );
}

async function present(db: Db, rows: Row[], user: SessionUser): Promise<TAbuseReport[]> {
  const reporters = await reportersOf(
    db,
    rows.map((r) => r.reporterId),
  );
  const person = await peopleOf(
    db,
    rows.flatMap((r) => [r.reporterId, r.decidedById, r.liftedById]),
  );
  return rows.map((r) => {
    const reporter = reporters.get(r.reporterId) ?? {
      id: r.reporterId,
      role: 'CALLER',
      activeTeamLeaderId: null,
    };
    return {
      id: r.id,
      customerId: r.customerId,
      customerName: r.customer.name,
      reporter: person(r.reporterId)!,
      taskId: r.taskId,
      account: r.account,
      status: r.status as TAbuseReport['status'],
      goesTo: abuseReportGoesTo(reporter).to,
      decidedBy: person(r.decidedById),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      decisionComment: r.decisionComment,
      liftedBy: person(r.liftedById),
      liftedAt: r.liftedAt?.toISOString() ?? null,
      liftComment: r.liftComment,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      can: {
        decide:
          r.status === 'PENDING' && can(user.role, 'abuse:decide') && mayDecideAbuseReport(user, reporter),
        lift: r.status === 'CONFIRMED' && r.liftedAt === null && can(user.role, 'abuse:lift'),
      },
    };
  });
}

/** The reports the viewer sees: a manager every one; a lead their own and their team's; anyone else their own. */
async function visibleWhere(db: Db, user: SessionUser): Promise<Prisma.CustomerAbuseReportWhereInput> {
  const org = { organizationId: user.organizationId };
  if (user.role === 'MANAGER') return org;
  if (user.role === 'LEAD') {
    const led = await db.team.findMany({ where: { leaderId: user.id, organizationId: user.organizationId } });
    const members = await db.user.findMany({
      where: { teamId: { in: led.map((t) => t.id) }, organizationId: user.organizationId },
      select: { id: true },
    });
    return { ...org, reporterId: { in: [user.id, ...members.map((m) => m.id)] } };
  }
  return { ...org, reporterId: user.id };
}

const INCLUDE = { customer: { select: { name: true } } } as const;

export async function listAbuseReports(
  prisma: PrismaClient,
  actor: Actor,
  q: { customerId?: string | undefined; status?: string | undefined; queue?: 'true' | 'false' | undefined },
): Promise<TAbuseReportList> {
  const user = actor.user;
  const queue = q.queue === 'true';
  const rows = await prisma.customerAbuseReport.findMany({
    where: {
      ...(await visibleWhere(prisma, user)),
      ...(q.customerId ? { customerId: q.customerId } : {}),
      ...(queue ? { status: 'PENDING' } : q.status ? { status: q.status } : {}),
    },
    include: INCLUDE,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 500,
  });
  const items = await present(prisma, rows, user);
  return { items: queue ? items.filter((i) => i.can.decide) : items };
}

async function oneReport(prisma: Db, user: SessionUser, id: string): Promise<TAbuseReport> {
  const row = await prisma.customerAbuseReport.findFirst({
    where: { id, organizationId: user.organizationId },
    include: INCLUDE,
  });
  if (!row) throw notFound('Report');
  return (await present(prisma, [row], user))[0]!;
}

export async function createAbuseReport(
  prisma: PrismaClient,
  actor: Actor,
  body: TAbuseReportCreate,
): Promise<TAbuseReport> {
  const user = actor.user;
  const org = user.organizationId;
  // Only a customer the reporter can see: a caller's own customers (a task of theirs).
  const customer = await prisma.customer.findFirst({
    where: { AND: [customerScope(user), { id: body.customerId }] },
    select: { id: true, name: true },
  });
  if (!customer) throw notFound('Customer');
  if (body.taskId) {
    const task = await prisma.task.findFirst({
      where: { id: body.taskId, organizationId: org, customerId: customer.id },
      select: { id: true },
    });
    if (!task) throw notFound('Task');
  }
  const reporter = (await reportersOf(prisma, [user.id])).get(user.id)!;
  const goesTo = abuseReportGoesTo(reporter);
  const id = await prisma.$transaction(async (tx) => {
    const waiting = await tx.customerAbuseReport.count({
      where: { reporterId: user.id, customerId: customer.id, status: 'PENDING' },
    });
    if (waiting > 0)
      throw conflict('Your report on this customer is waiting for a decision', { reason: 'PENDING' });
    const row = await tx.customerAbuseReport.create({
      data: {
        organizationId: org,
        customerId: customer.id,
        reporterId: user.id,
        taskId: body.taskId ?? null,
        account: body.account,
        createdAt: actor.now,
      },
    });
    const recipients =
      goesTo.to === 'LEAD'
        ? [goesTo.userId]
        : (
            await tx.user.findMany({
              where: { organizationId: org, role: 'MANAGER', active: true },
              select: { id: true },
            })
          ).map((m) => m.id);
    await notify(tx, actor, {
      userIds: recipients,
      type: 'ABUSE_REPORT_FILED',
      entity: 'CustomerAbuseReport',
      entityId: row.id,
      payload: { by: user.name, customer: customer.name },
    });
    await audit(tx, actor, {
      action: 'ABUSE_REPORT',
      entity: 'CustomerAbuseReport',
      entityId: row.id,
      after: { customerId: customer.id, taskId: body.taskId ?? null, goesTo: goesTo.to },
    });
    return row.id;
  });
  return oneReport(prisma, user, id);
}

async function lockReport(tx: Tx, org: string, id: string) {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "CustomerAbuseReport" WHERE id = ${id}::uuid AND "organizationId" = ${org}::uuid FOR UPDATE`;
  if (!locked) throw notFound('Report');
  return tx.customerAbuseReport.findUniqueOrThrow({ where: { id }, include: INCLUDE });
}

/** Keeps Customer.visitsPausedAt in step with the customer's reports (R-DISC-2). */
async function syncPause(tx: Tx, customerId: string, now: Date): Promise<void> {
  const reports = await tx.customerAbuseReport.findMany({
    where: { customerId, status: 'CONFIRMED' },
    select: { status: true, liftedAt: true },
  });
  const paused = visitsPaused(reports);
  const c = await tx.customer.findUniqueOrThrow({
    where: { id: customerId },
    select: { visitsPausedAt: true },
  });
  if (paused && !c.visitsPausedAt)
    await tx.customer.update({ where: { id: customerId }, data: { visitsPausedAt: now } });
  if (!paused && c.visitsPausedAt)
    await tx.customer.update({ where: { id: customerId }, data: { visitsPausedAt: null } });
}

export async function decideAbuseReport(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: TAbuseReportDecide,
): Promise<TAbuseReport> {
  const user = actor.user;
  await prisma.$transaction(async (tx) => {
    const row = await lockReport(tx, user.organizationId, id);
    const reporter = (await reportersOf(tx, [row.reporterId])).get(row.reporterId)!;
    await runTransition(tx, actor, {
      workflow: ABUSE_REPORT_WORKFLOW,
      action: body.decision === 'CONFIRM' ? 'confirm' : 'dismiss',
      row,
      version: body.version,
      entity: 'CustomerAbuseReport',
      auditAction: body.decision === 'CONFIRM' ? 'ABUSE_REPORT_CONFIRM' : 'ABUSE_REPORT_DISMISS',
      access: () => {
        if (!mayDecideAbuseReport(user, reporter))
          throw forbidden("Only the reporter's superior or a manager decides this report");
      },
      wrongState: () => conflict('This report has been decided already', { status: row.status }),
      write: async (to) => {
        await tx.customerAbuseReport.update({
          where: { id },
          data: {
            status: to ?? row.status,
            decidedById: user.id,
            decidedAt: actor.now,
            decisionComment: body.comment,
            version: { increment: 1 },
          },
        });
        await syncPause(tx, row.customerId, actor.now);
      },
      audit: { before: { status: row.status }, after: { decision: body.decision, comment: body.comment } },
      notifications: [
        {
          userIds: [row.reporterId],
          type: 'ABUSE_REPORT_DECIDED',
          entity: 'CustomerAbuseReport',
          entityId: id,
          payload: { customer: row.customer.name, confirmed: body.decision === 'CONFIRM' },
        },
      ],
    });
  });
  return oneReport(prisma, user, id);
}

/** A manager lifts the flag of every confirmed report on the customer: visits resume. */
export async function liftAbuseFlag(
  prisma: PrismaClient,
  actor: Actor,
  customerId: string,
  comment: string,
): Promise<TAbuseFlag> {
  const user = actor.user;
  await prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM "Customer" WHERE id = ${customerId}::uuid AND "organizationId" = ${user.organizationId}::uuid FOR UPDATE`;
    if (!locked) throw notFound('Customer');
    const standing = await tx.customerAbuseReport.findMany({
      where: { customerId, status: 'CONFIRMED', liftedAt: null },
      select: { id: true },
    });
    if (standing.length === 0) throw conflict('The customer is not flagged', { reason: 'NOT_FLAGGED' });
    await tx.customerAbuseReport.updateMany({
      where: { id: { in: standing.map((s) => s.id) } },
      data: { liftedById: user.id, liftedAt: actor.now, liftComment: comment, version: { increment: 1 } },
    });
    await syncPause(tx, customerId, actor.now);
    await audit(tx, actor, {
      action: 'ABUSE_FLAG_LIFT',
      entity: 'Customer',
      entityId: customerId,
      after: { reports: standing.map((s) => s.id), comment },
    });
  });
  return abuseFlagOf(prisma, actor, customerId);
}

export async function abuseFlagOf(
  prisma: PrismaClient,
  actor: Actor,
  customerId: string,
): Promise<TAbuseFlag> {
  const user = actor.user;
  const customer = await prisma.customer.findFirst({
    where: { AND: [customerScope(user), { id: customerId }] },
    select: { id: true, visitsPausedAt: true },
  });
  if (!customer) throw notFound('Customer');
  const reports = await prisma.customerAbuseReport.count({
    where: { customerId, status: 'CONFIRMED', liftedAt: null },
  });
  const flagged = customer.visitsPausedAt !== null;
  return {
    customerId,
    flagged,
    since: customer.visitsPausedAt?.toISOString() ?? null,
    reports,
    canLift: flagged && can(user.role, 'abuse:lift'),
    canReport: can(user.role, 'abuse:report'),
  };
}
