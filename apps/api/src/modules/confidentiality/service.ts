// Confidentiality (保密, docs/rules.md#r-conf-1-agreements): agreement versions and signatures, the
// one check every full contact and every export of personal data goes through, the reveal policy
// and its requests, and the hand-over when a user leaves or changes post.
import {
  can,
  type TAgreement,
  type TAgreementCreate,
  type TAgreementList,
  type TAgreementSignatures,
  type THandoverCreate,
  type THandoverPreview,
  type TRevealPolicy,
  type TRevealPolicySetting,
  type TRevealRequest,
  type TSignature,
} from '@huifang/contracts';
import type { EXPORT_KINDS } from '@huifang/contracts/values';
import {
  agreementSatisfied,
  mayDecideRevealRequest,
  mayExportPersonalData,
  OPEN_TASK_STATUSES,
  type RevealRefusal,
  revealVerdict,
} from '@huifang/domain';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, forbidden, notFound, ruleViolation, staleVersion } from '../../lib/errors.ts';
import { peopleOf } from '../../lib/people.ts';

type Db = PrismaClient | Tx;
type Who = { id: string; organizationId: string };

export const agreementRequired = () =>
  new AppError(
    'AGREEMENT_REQUIRED',
    'Sign the current confidentiality agreement before reading full contact data or exporting personal data',
  );

const REFUSALS: Record<RevealRefusal, () => AppError> = {
  FORBIDDEN: () => forbidden('Contact data is shown only while you have an open task on this customer'),
  AGREEMENT_REQUIRED: agreementRequired,
  REVEAL_REASON_REQUIRED: () =>
    new AppError('REVEAL_REASON_REQUIRED', 'Give the reason for revealing this contact (reason)'),
  REVEAL_APPROVAL_REQUIRED: () =>
    new AppError(
      'REVEAL_APPROVAL_REQUIRED',
      "Revealing this contact needs a supervisor's approval: send a reveal request first",
    ),
};

async function current(db: Db, organizationId: string) {
  return db.confidentialityAgreement.findFirst({
    where: { organizationId },
    orderBy: { version: 'desc' },
  });
}

/** Whether the user has signed the current agreement (R-CONF-1): the one check behind R-CONF-2. */
export async function hasSignedCurrent(db: Db, user: Who): Promise<boolean> {
  const agreement = await current(db, user.organizationId);
  if (!agreement) return agreementSatisfied(null, []);
  const signature = await db.agreementSignature.findFirst({
    where: { agreementId: agreement.id, userId: user.id, archivedAt: null },
    select: { id: true },
  });
  return agreementSatisfied(agreement.version, signature ? [agreement.version] : []);
}

/**
 * An export of personal data (R-CONF-2): 403 AGREEMENT_REQUIRED unless signed; otherwise one audit
 * row naming what was exported (kind, filter, rows).
 */
export async function auditedExport(
  db: Db,
  actor: Actor,
  e: { kind: (typeof EXPORT_KINDS)[number]; filter: Record<string, unknown>; rows: number; format: string },
): Promise<void> {
  await audit(db as Tx, actor, {
    action: 'PERSONAL_DATA_EXPORT',
    entity: 'Export',
    entityId: null,
    after: { kind: e.kind, filter: e.filter, rows: e.rows, format: e.format },
  });
}

/** 403 AGREEMENT_REQUIRED for an unsigned user (R-CONF-2), before an export is built. */
export async function requireSignedForExport(db: Db, user: Who): Promise<void> {
  if (!mayExportPersonalData(await hasSignedCurrent(db, user))) throw agreementRequired();
}

export async function revealPolicyOf(db: Db, organizationId: string): Promise<TRevealPolicySetting> {
  const row = await db.confidentialitySetting.findUnique({ where: { organizationId } });
  return { revealPolicy: (row?.revealPolicy ?? 'NONE') as TRevealPolicy, version: row?.version ?? 1 };
}

/**
 * Whether `user` may reveal `customerId`'s full contact now (R-CONF-2..4); throws the refusal
 * otherwise. Under APPROVAL an approved request is used up, in the caller's transaction.
 */
export async function checkReveal(
  db: Tx,
  actor: Actor,
  c: { customerId: string; ownOpenTask: boolean; reason?: string | null },
): Promise<{ via: string }> {
  const user = actor.user;
  const signed = await hasSignedCurrent(db, user);
  const { revealPolicy: policy } = await revealPolicyOf(db, user.organizationId);
  const approvedRequest =
    policy === 'APPROVAL'
      ? await db.revealRequest.findFirst({
          where: {
            organizationId: user.organizationId,
            requesterId: user.id,
            customerId: c.customerId,
            status: 'APPROVED',
          },
          orderBy: { createdAt: 'asc' },
        })
      : null;
  const verdict = revealVerdict({
    signed,
    ownOpenTask: c.ownOpenTask,
    mayRevealAny: can(user.role, 'customer:contact:reveal'),
    policy,
    reason: c.reason,
    approved: !!approvedRequest,
  });
  if (!verdict.ok) throw REFUSALS[verdict.refusal]();
  if (verdict.via === 'APPROVAL' && approvedRequest) {
    const { count } = await db.revealRequest.updateMany({
      where: { id: approvedRequest.id, status: 'APPROVED' },
      data: { status: 'USED', usedAt: actor.now },
    });
    if (count !== 1) throw REFUSALS.REVEAL_APPROVAL_REQUIRED();
  }
  return { via: verdict.via };
}

// ── agreements ──

export async function listAgreements(prisma: PrismaClient, actor: Actor): Promise<TAgreementList> {
  const user = actor.user;
  const manage = can(user.role, 'agreement:manage');
  const rows = await prisma.confidentialityAgreement.findMany({
    where: { organizationId: user.organizationId },
    orderBy: { version: 'desc' },
    take: 100,
  });
  const mine = await prisma.agreementSignature.findMany({
    where: { userId: user.id, archivedAt: null, agreementId: { in: rows.map((r) => r.id) } },
  });
  const signedAt = new Map(mine.map((s) => [s.agreementId, s.signedAt]));
  const counts = manage
    ? new Map(
        (
          await prisma.agreementSignature.groupBy({
            by: ['agreementId'],
            where: { organizationId: user.organizationId, archivedAt: null },
            _count: { _all: true },
          })
        ).map((g) => [g.agreementId, g._count._all]),
      )
    : null;
  const activeUsers = manage
    ? await prisma.user.count({ where: { organizationId: user.organizationId, active: true } })
    : null;
  const person = await peopleOf(
    prisma,
    rows.map((r) => r.publishedById),
  );
  const currentId = rows[0]?.id ?? null;
  const items: TAgreement[] = rows.map((r) => ({
    id: r.id,
    version: r.version,
    title: r.title,
    body: r.body,
    publishedAt: r.publishedAt.toISOString(),
    publishedBy: person(r.publishedById),
    current: r.id === currentId,
    signedAt: signedAt.get(r.id)?.toISOString() ?? null,
    signedCount: counts ? (counts.get(r.id) ?? 0) : null,
    activeUsers,
  }));
  const { revealPolicy } = await revealPolicyOf(prisma, user.organizationId);
  return {
    items,
    signed: agreementSatisfied(
      rows[0]?.version ?? null,
      currentId && signedAt.has(currentId) ? [rows[0]!.version] : [],
    ),
    currentId,
    revealPolicy,
  };
}

/** Publishes a new version (R-CONF-1): the next number; from now on everyone must sign it. */
export async function publishAgreement(
  prisma: PrismaClient,
  actor: Actor,
  body: TAgreementCreate,
): Promise<TAgreement> {
  const user = actor.user;
  return prisma.$transaction(async (tx) => {
    // one publisher at a time per organisation: the version numbers stay consecutive
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`agreement:${user.organizationId}`}))`;
    const last = await current(tx, user.organizationId);
    const version = (last?.version ?? 0) + 1;
    const row = await tx.confidentialityAgreement.create({
      data: {
        organizationId: user.organizationId,
        version,
        title: body.title,
        body: body.body,
        publishedAt: actor.now,
        publishedById: user.id,
      },
    });
    await audit(tx, actor, {
      action: 'AGREEMENT_PUBLISHED',
      entity: 'ConfidentialityAgreement',
      entityId: row.id,
      after: { version, title: row.title },
    });
    const activeUsers = await tx.user.count({ where: { organizationId: user.organizationId, active: true } });
    return {
      id: row.id,
      version,
      title: row.title,
      body: row.body,
      publishedAt: row.publishedAt.toISOString(),
      publishedBy: { id: user.id, name: user.name },
      current: true,
      signedAt: null,
      signedCount: 0,
      activeUsers,
    };
  });
}

/**
 * The signed-in user signs an agreement version (R-CONF-1), with the instant and address of the
 * request. Only the current version can be signed (409 for an older one); signing twice answers the
 * first signature.
 */
export async function signAgreement(prisma: PrismaClient, actor: Actor, id: string): Promise<TSignature> {
  const user = actor.user;
  return prisma.$transaction(async (tx) => {
    const row = await tx.confidentialityAgreement.findFirst({
      where: { id, organizationId: user.organizationId },
    });
    if (!row) throw notFound('Agreement');
    const latest = await current(tx, user.organizationId);
    if (latest?.id !== row.id)
      throw new AppError('CONFLICT', 'A newer version of the agreement has been published; sign that one', {
        currentId: latest?.id ?? null,
      });
    // one signing at a time per user: at most one unarchived signature of a version
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`sign:${user.id}`}))`;
    const existing = await tx.agreementSignature.findFirst({
      where: { agreementId: row.id, userId: user.id, archivedAt: null },
    });
    if (existing)
      return {
        agreementId: row.id,
        version: row.version,
        signedAt: existing.signedAt.toISOString(),
        ip: existing.ip,
      };
    // a signature a hand-over archived stays as it was; signing again is a new row
    const sig = await tx.agreementSignature.create({
      data: {
        organizationId: user.organizationId,
        agreementId: row.id,
        userId: user.id,
        signedAt: actor.now,
        ip: actor.ip,
      },
    });
    await audit(tx, actor, {
      action: 'AGREEMENT_SIGNED',
      entity: 'ConfidentialityAgreement',
      entityId: row.id,
      after: { version: row.version, signedAt: actor.now.toISOString(), ip: actor.ip },
    });
    return { agreementId: row.id, version: row.version, signedAt: sig.signedAt.toISOString(), ip: sig.ip };
  });
}

/** Who has signed a version, for agreement:manage: every user of the organisation, signed or not. */
export async function agreementSignatures(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
): Promise<TAgreementSignatures> {
  const user = actor.user;
  const row = await prisma.confidentialityAgreement.findFirst({
    where: { id, organizationId: user.organizationId },
  });
  if (!row) throw notFound('Agreement');
  const [users, sigs] = await Promise.all([
    prisma.user.findMany({
      where: { organizationId: user.organizationId },
      select: { id: true, name: true, active: true },
      orderBy: [{ active: 'desc' }, { name: 'asc' }],
    }),
    prisma.agreementSignature.findMany({ where: { agreementId: id } }),
  ]);
  const by = new Map(sigs.map((s) => [s.userId, s]));
  return {
    items: users.map((u) => {
      const s = by.get(u.id);
      return {
        user: { id: u.id, name: u.name },
        active: u.active,
        signedAt: s?.signedAt.toISOString() ?? null,
        ip: s?.ip ?? null,
        archivedAt: s?.archivedAt?.toISOString() ?? null,
      };
    }),
  };
}

export async function putRevealPolicy(
  prisma: PrismaClient,
  actor: Actor,
  body: { revealPolicy: TRevealPolicy; version: number },
): Promise<TRevealPolicySetting> {
  const user = actor.user;
  return prisma.$transaction(async (tx) => {
    const before = await revealPolicyOf(tx, user.organizationId);
    if (before.version !== body.version) throw staleVersion(before.version);
    const row = await tx.confidentialitySetting.upsert({
      where: { organizationId: user.organizationId },
      create: {
        organizationId: user.organizationId,
        revealPolicy: body.revealPolicy,
        version: 2,
        updatedAt: actor.now,
        updatedById: user.id,
      },
      update: {
        revealPolicy: body.revealPolicy,
        version: { increment: 1 },
        updatedAt: actor.now,
        updatedById: user.id,
      },
    });
    if (row.version !== before.version + 1) throw staleVersion(row.version - 1);
    await audit(tx, actor, {
      action: 'REVEAL_POLICY_CHANGED',
      entity: 'ConfidentialitySetting',
      entityId: user.organizationId,
      before: { revealPolicy: before.revealPolicy },
      after: { revealPolicy: row.revealPolicy },
    });
    return { revealPolicy: row.revealPolicy as TRevealPolicy, version: row.version };
  });
}

// ── reveal requests (R-CONF-4) ──

type RequestRow = Awaited<ReturnType<PrismaClient['revealRequest']['findMany']>>[number];

async function presentRequests(db: Db, actor: Actor, rows: RequestRow[]): Promise<TRevealRequest[]> {
  const person = await peopleOf(
    db,
    rows.flatMap((r) => [r.requesterId, r.decidedById]),
  );
  const customers = new Map(
    (
      await db.customer.findMany({
        where: { id: { in: rows.map((r) => r.customerId) } },
        select: { id: true, name: true },
      })
    ).map((c) => [c.id, c]),
  );
  const mayApprove = can(actor.user.role, 'reveal:approve');
  return rows.map((r) => ({
    id: r.id,
    requester: person(r.requesterId)!,
    customer: customers.get(r.customerId) ?? { id: r.customerId, name: '' },
    reason: r.reason,
    status: r.status as TRevealRequest['status'],
    createdAt: r.createdAt.toISOString(),
    decidedBy: person(r.decidedById),
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    mayDecide: mayDecideRevealRequest({
      deciderId: actor.user.id,
      requesterId: r.requesterId,
      mayApprove,
      status: r.status as TRevealRequest['status'],
    }),
  }));
}

/** An approver sees every request of the organisation; anyone else their own. Newest first. */
export async function listRevealRequests(
  prisma: PrismaClient,
  actor: Actor,
): Promise<{ items: TRevealRequest[] }> {
  const user = actor.user;
  const rows = await prisma.revealRequest.findMany({
    where: {
      organizationId: user.organizationId,
      ...(can(user.role, 'reveal:approve') ? {} : { requesterId: user.id }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
  });
  return { items: await presentRequests(prisma, actor, rows) };
}

export async function createRevealRequest(
  prisma: PrismaClient,
  actor: Actor,
  body: { customerId: string; reason: string },
): Promise<TRevealRequest> {
  const user = actor.user;
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findFirst({
      where: { id: body.customerId, organizationId: user.organizationId },
      select: { id: true },
    });
    if (!customer) throw notFound('Customer');
    if (!(await hasSignedCurrent(tx, user))) throw agreementRequired();
    const pending = await tx.revealRequest.findFirst({
      where: { requesterId: user.id, customerId: customer.id, status: { in: ['PENDING', 'APPROVED'] } },
    });
    if (pending)
      throw new AppError('CONFLICT', 'A request for this customer is already open', { id: pending.id });
    const row = await tx.revealRequest.create({
      data: {
        organizationId: user.organizationId,
        requesterId: user.id,
        customerId: customer.id,
        reason: body.reason,
        createdAt: actor.now,
      },
    });
    await audit(tx, actor, {
      action: 'REVEAL_REQUESTED',
      entity: 'Customer',
      entityId: customer.id,
      after: { requestId: row.id, reason: body.reason },
    });
    return (await presentRequests(tx, actor, [row]))[0]!;
  });
}

export async function decideRevealRequest(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: { decision: 'APPROVED' | 'REFUSED'; note?: string },
): Promise<TRevealRequest> {
  const user = actor.user;
  return prisma.$transaction(async (tx) => {
    const row = await tx.revealRequest.findFirst({ where: { id, organizationId: user.organizationId } });
    if (!row) throw notFound('Reveal request');
    if (row.requesterId === user.id) throw forbidden('You cannot decide your own request');
    if (
      !mayDecideRevealRequest({
        deciderId: user.id,
        requesterId: row.requesterId,
        mayApprove: can(user.role, 'reveal:approve'),
        status: row.status as TRevealRequest['status'],
      })
    )
      throw ruleViolation('This request has already been decided');
    const { count } = await tx.revealRequest.updateMany({
      where: { id, status: 'PENDING' },
      data: {
        status: body.decision,
        decidedById: user.id,
        decidedAt: actor.now,
        decisionNote: body.note || null,
      },
    });
    if (count !== 1) throw ruleViolation('This request has already been decided');
    await audit(tx, actor, {
      action: body.decision === 'APPROVED' ? 'REVEAL_APPROVED' : 'REVEAL_REFUSED',
      entity: 'Customer',
      entityId: row.customerId,
      after: { requestId: id, requesterId: row.requesterId, note: body.note || null },
    });
    const next = await tx.revealRequest.findUniqueOrThrow({ where: { id } });
    return (await presentRequests(tx, actor, [next]))[0]!;
  });
}

// ── hand-over (R-CONF-5) ──

async function handoverTarget(db: Db, actor: Actor, userId: string) {
  const target = await db.user.findFirst({
    where: { id: userId, organizationId: actor.user.organizationId },
    select: { id: true, name: true, active: true, role: true },
  });
  if (!target) throw notFound('User');
  return target;
}

export async function handoverPreview(
  prisma: PrismaClient,
  actor: Actor,
  userId: string,
): Promise<THandoverPreview> {
  const target = await handoverTarget(prisma, actor, userId);
  const orgId = actor.user.organizationId;
  const [openTasks, sessions, signatures, contactReads, handovers] = await Promise.all([
    prisma.task.count({
      where: { organizationId: orgId, assigneeId: userId, status: { in: [...OPEN_TASK_STATUSES] } },
    }),
    prisma.session.count({ where: { userId } }),
    prisma.agreementSignature.count({ where: { userId, archivedAt: null } }),
    prisma.auditLog.count({ where: { organizationId: orgId, actorId: userId, action: 'CONTACT_READ' } }),
    prisma.handover.findMany({ where: { organizationId: orgId, userId }, orderBy: { at: 'desc' }, take: 50 }),
  ]);
  const person = await peopleOf(
    prisma,
    handovers.flatMap((h) => [h.toUserId, h.byId]),
  );
  return {
    user: target,
    openTasks,
    sessions,
    signatures,
    contactReads,
    handovers: handovers.map((h) => ({
      id: h.id,
      kind: h.kind as 'LEAVING' | 'TRANSFER',
      toUser: person(h.toUserId),
      tasksReassigned: h.tasksReassigned,
      sessionsEnded: h.sessionsEnded,
      agreementsArchived: h.agreementsArchived,
      by: person(h.byId),
      at: h.at.toISOString(),
      note: h.note,
    })),
  };
}

/**
 * The hand-over checklist in one transaction (R-CONF-5): open tasks reassigned to `toUserId` (each
 * with its assignment history), every session ended, signatures archived, a leaving user
 * deactivated. The audit rows of what the user read are kept as they are.
 */
export async function performHandover(
  prisma: PrismaClient,
  actor: Actor,
  userId: string,
  body: THandoverCreate,
): Promise<THandoverPreview> {
  const orgId = actor.user.organizationId;
  if (userId === actor.user.id) throw ruleViolation('You cannot hand over your own work');
  await prisma.$transaction(async (tx) => {
    const target = await handoverTarget(tx, actor, userId);
    const open = await tx.task.findMany({
      where: { organizationId: orgId, assigneeId: userId, status: { in: [...OPEN_TASK_STATUSES] } },
      select: { id: true },
    });
    let toUserId: string | null = null;
    if (open.length > 0) {
      if (!body.toUserId)
        throw new AppError('VALIDATION', 'Name who takes over the open tasks', [
          { path: 'toUserId', message: 'required while the user has open tasks' },
        ]);
      const to = await tx.user.findFirst({
        where: { id: body.toUserId, organizationId: orgId, active: true, role: 'CALLER' },
        select: { id: true },
      });
      if (!to || to.id === userId)
        throw new AppError('VALIDATION', 'The open tasks go to another active caller', [
          { path: 'toUserId', message: 'not another active caller of the organisation' },
        ]);
      toUserId = to.id;
      const reason = body.kind === 'LEAVING' ? 'hand-over: leaving' : 'hand-over: change of post';
      await tx.task.updateMany({
        where: { id: { in: open.map((t) => t.id) } },
        data: { assigneeId: to.id, version: { increment: 1 } },
      });
      await tx.taskAssignment.createMany({
        data: open.map((t) => ({
          taskId: t.id,
          fromUserId: userId,
          toUserId: to.id,
          byUserId: actor.user.id,
          reason,
          createdAt: actor.now,
        })),
      });
    }
    const sessions = await tx.session.deleteMany({ where: { userId } });
    const archived = await tx.agreementSignature.updateMany({
      where: { userId, archivedAt: null },
      data: { archivedAt: actor.now },
    });
    if (body.kind === 'LEAVING' && target.active)
      await tx.user.update({ where: { id: userId }, data: { active: false } });
    const h = await tx.handover.create({
      data: {
        organizationId: orgId,
        userId,
        kind: body.kind,
        toUserId,
        tasksReassigned: open.length,
        sessionsEnded: sessions.count,
        agreementsArchived: archived.count,
        note: body.note || null,
        byId: actor.user.id,
        at: actor.now,
      },
    });
    await audit(tx, actor, {
      action: 'HANDOVER',
      entity: 'User',
      entityId: userId,
      before: { active: target.active },
      after: {
        handoverId: h.id,
        kind: body.kind,
        toUserId,
        taskIds: open.map((t) => t.id),
        sessionsEnded: sessions.count,
        agreementsArchived: archived.count,
        active: body.kind === 'LEAVING' ? false : target.active,
      },
    });
  });
  return handoverPreview(prisma, actor, userId);
}
