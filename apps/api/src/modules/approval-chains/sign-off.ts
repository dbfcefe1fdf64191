// The lead's sign-off of the team's visit records (docs/rules.md#r-chain-5-sign-off, 组长审核随访记录): a
// queue of the month's records of the lead's team, each signed off or sent back with a comment; a
// sent-back record shows the comment to its caller, who corrects it by an amendment, after which it
// waits again. The month's signed-off rate is part of the lead's figures.
import type { TSignOffDecision, TSignOffItem, TSignOffQueue } from '@huifang/contracts';
import {
  addDays,
  monthBounds,
  type SignOffState,
  signOffDecision,
  signOffRateBp,
  startOfDay,
} from '@huifang/domain';
import type { Prisma, PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { forbidden, notFound, ruleViolation, staleVersion } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';

/** The callers (active or not) of the lead's team: whose records the lead signs off. */
async function teamCallerIds(prisma: PrismaClient, actor: Actor): Promise<string[]> {
  const user = actor.user;
  if (!user.teamId) return [];
  const rows = await prisma.user.findMany({
    where: { organizationId: user.organizationId, teamId: user.teamId, role: 'CALLER' },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/**
 * The month's sign-off figures of a team's records (R-CHAIN-5): how many, signed off, sent back,
 * waiting, and the signed-off rate in basis points — for the queue and the lead's dashboard.
 */
export async function signOffFigures(
  db: PrismaClient,
  organizationId: string,
  teamId: string | null,
  month: string,
  tz: string,
): Promise<TSignOffQueue['figures']> {
  const callers = teamId
    ? (
        await db.user.findMany({ where: { organizationId, teamId, role: 'CALLER' }, select: { id: true } })
      ).map((u) => u.id)
    : [];
  const { first, last } = monthBounds(month);
  const counts = await db.visitRecord.groupBy({
    by: ['signOffStatus'],
    where: {
      organizationId,
      callerId: { in: callers },
      startedAt: { gte: startOfDay(first, tz), lt: startOfDay(addDays(last, 1), tz) },
    },
    _count: { _all: true },
  });
  const n = (s: string | null) => counts.find((c) => c.signOffStatus === s)?._count._all ?? 0;
  const total = counts.reduce((sum, c) => sum + c._count._all, 0);
  return {
    total,
    signedOff: n('SIGNED_OFF'),
    sentBack: n('SENT_BACK'),
    waiting: n(null),
    rateBp: signOffRateBp(n('SIGNED_OFF'), total),
  };
}

export async function signOffQueue(
  prisma: PrismaClient,
  actor: Actor,
  q: { status: 'WAITING' | 'SIGNED_OFF' | 'SENT_BACK'; month: string },
): Promise<TSignOffQueue> {
  const tz = actor.user.timezone;
  const callers = await teamCallerIds(prisma, actor);
  const { first, last } = monthBounds(q.month);
  const where: Prisma.VisitRecordWhereInput = {
    organizationId: actor.organizationId,
    callerId: { in: callers },
    startedAt: { gte: startOfDay(first, tz), lt: startOfDay(addDays(last, 1), tz) },
  };
  const [figures, rows] = await Promise.all([
    signOffFigures(prisma, actor.organizationId, actor.user.teamId ?? null, q.month, tz),
    prisma.visitRecord.findMany({
      where: { ...where, signOffStatus: q.status === 'WAITING' ? null : q.status },
      orderBy: [{ startedAt: 'asc' }, { id: 'asc' }],
      take: 200,
      include: { customer: { select: { name: true } } },
    }),
  ]);
  const names = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.callerId))] } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  const items: TSignOffItem[] = rows.map((r) => ({
    id: r.id,
    startedAt: r.startedAt.toISOString(),
    callerId: r.callerId,
    callerName: names.get(r.callerId) ?? null,
    customerName: r.customer.name,
    outcome: r.outcome,
    satisfaction: r.satisfaction,
    opinions: r.opinions,
    signOffStatus: (r.signOffStatus ?? null) as TSignOffItem['signOffStatus'],
    signOffComment: r.signOffComment,
    signOffAt: r.signOffAt?.toISOString() ?? null,
    amendmentCount: r.amendmentCount,
    version: r.version,
  }));
  return { month: q.month, items, figures };
}

export async function decideSignOff(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: TSignOffDecision,
): Promise<TSignOffItem> {
  const user = actor.user;
  const found = await prisma.visitRecord.findFirst({
    where: { id, organizationId: user.organizationId },
    select: { callerId: true },
  });
  if (!found) throw notFound('Visit record');
  const callers = await teamCallerIds(prisma, actor);
  if (!callers.includes(found.callerId)) throw forbidden('A lead signs off the records of their own team');
  await prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "VisitRecord" WHERE id = ${id}::uuid FOR UPDATE`;
    const record = await tx.visitRecord.findUniqueOrThrow({ where: { id } });
    if (body.version !== record.version) throw staleVersion(record.version);
    const comment = body.comment?.trim() || null;
    const check = signOffDecision(record.signOffStatus as SignOffState, body.decision, comment);
    if (!check.ok) {
      if (check.reason === 'COMMENT_REQUIRED')
        throw ruleViolation('Say what the caller should correct', { field: 'comment', reason: check.reason });
      throw ruleViolation('This record has been decided already', {
        reason: check.reason,
        status: record.signOffStatus,
      });
    }
    await tx.visitRecord.update({
      where: { id },
      data: {
        signOffStatus: check.to,
        signOffById: user.id,
        signOffAt: actor.now,
        signOffComment: comment,
        version: { increment: 1 },
      },
    });
    await audit(tx, actor, {
      action: check.to === 'SIGNED_OFF' ? 'VISIT_SIGNED_OFF' : 'VISIT_SENT_BACK',
      entity: 'VisitRecord',
      entityId: id,
      before: { signOffStatus: record.signOffStatus },
      after: { signOffStatus: check.to, comment },
    });
    if (check.to === 'SENT_BACK') {
      await notify(tx, actor, {
        userIds: [record.callerId],
        type: 'VISIT_SENT_BACK',
        entity: 'VisitRecord',
        entityId: id,
        payload: { by: user.name, comment },
      });
    }
  });
  const r = await prisma.visitRecord.findUniqueOrThrow({
    where: { id },
    include: { customer: { select: { name: true } } },
  });
  const caller = await prisma.user.findUnique({ where: { id: r.callerId }, select: { name: true } });
  return {
    id: r.id,
    startedAt: r.startedAt.toISOString(),
    callerId: r.callerId,
    callerName: caller?.name ?? null,
    customerName: r.customer.name,
    outcome: r.outcome,
    satisfaction: r.satisfaction,
    opinions: r.opinions,
    signOffStatus: (r.signOffStatus ?? null) as TSignOffItem['signOffStatus'],
    signOffComment: r.signOffComment,
    signOffAt: r.signOffAt?.toISOString() ?? null,
    amendmentCount: r.amendmentCount,
    version: r.version,
  };
}
