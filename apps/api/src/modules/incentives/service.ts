// The incentive sheet (docs/rules.md#r-inc-12-decisions-and-appeals): the manager decides items singly or together and then
// approves the sheet, which locks it; special awards are added by hand with a reason; the
// person an item concerns sees it and may appeal it, and an overturned appeal withdraws the
// item and what depends on it. Nothing is approved silently: the sheet is approved only when
// every item has been decided.
import {
  can,
  type TIncentiveBulkDecision,
  type TIncentiveItem,
  type TIncentiveList,
  type TMonthClose,
  type TSpecialAwardCreate,
} from '@huifang/contracts';
import {
  actionsFor,
  addDays,
  dayIn,
  INCENTIVE_APPEAL_WORKFLOW,
  INCENTIVE_ITEM_WORKFLOW,
  monthIn,
  netFen,
  SHEET_WORKFLOW,
} from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, notFound, ruleViolation } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { runBulkTransition, runTransition } from '../../lib/workflow.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { policyForMonth } from '../kpi/policy.ts';
import { cappedDeductions, figuresWithCap, ITEM_ORDER } from './cap.ts';
import { APPEAL_OVERTURNED, lockMonth, sheetRow } from './close.ts';

type Db = PrismaClient | Tx;
type ItemRow = Prisma.IncentiveItemGetPayload<{ include: { appeals: true } }>;

async function namesOf(db: Db, userIds: (string | null)[], deptIds: (string | null)[]) {
  const uids = [...new Set(userIds.filter((x): x is string => !!x))];
  const dids = [...new Set(deptIds.filter((x): x is string => !!x))];
  const [users, depts] = await Promise.all([
    db.user.findMany({ where: { id: { in: uids } }, select: { id: true, name: true } }),
    db.department.findMany({ where: { id: { in: dids } }, select: { id: true, name: true } }),
  ]);
  return {
    user: new Map(users.map((u) => [u.id, u.name])),
    dept: new Map(depts.map((d) => [d.id, d.name])),
  };
}

type StoredEvidence = { text: string; visitIds: string[]; ticketIds: string[] };

/**
 * A manual item's evidence with its linked records and tickets resolved, so whoever decides it can
 * open them (docs/rules.md#r-disc-1-manual-items): two queries for every item shown.
 */
async function evidenceLinks(db: Db, rows: ItemRow[]) {
  const stored = rows.map((r) => r.evidence as StoredEvidence | null).filter((e) => !!e);
  const visitIds = [...new Set(stored.flatMap((e) => e.visitIds))];
  const ticketIds = [...new Set(stored.flatMap((e) => e.ticketIds))];
  const [visits, tickets] = await Promise.all([
    visitIds.length
      ? db.visitRecord.findMany({
          where: { id: { in: visitIds } },
          select: { id: true, taskId: true, startedAt: true, customer: { select: { name: true } } },
        })
      : [],
    ticketIds.length
      ? db.issueTicket.findMany({
          where: { id: { in: ticketIds } },
          select: { id: true, number: true, title: true },
        })
      : [],
  ]);
  const visit = new Map(
    visits.map((v) => [
      v.id,
      { id: v.id, taskId: v.taskId, customerName: v.customer.name, startedAt: v.startedAt.toISOString() },
    ]),
  );
  const ticket = new Map(tickets.map((t) => [t.id, t]));
  return (raw: unknown): TIncentiveItem['evidence'] => {
    const e = raw as StoredEvidence | null;
    if (!e) return null;
    return {
      ...e,
      visits: e.visitIds.flatMap((id) => visit.get(id) ?? []),
      tickets: e.ticketIds.flatMap((id) => ticket.get(id) ?? []),
    };
  };
}

/** The last day (organisation time) the subject may appeal an item; null when it cannot be appealed. */
function appealableUntil(i: ItemRow, windowDays: number, tz: string): string | null {
  if (!i.userId || !['PROPOSED', 'APPROVED'].includes(i.status)) return null;
  return addDays(dayIn(i.decidedAt ?? i.createdAt, tz), windowDays);
}

export async function presentItems(db: Db, rows: ItemRow[], user: SessionUser): Promise<TIncentiveItem[]> {
  const tz = user.timezone;
  const sheets = await db.monthClose.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.closeId))] } },
    select: { id: true, status: true },
  });
  const openSheet = new Set(sheets.filter((s) => s.status === 'OPEN').map((s) => s.id));
  const canOn = (r: ItemRow) => {
    const a = actionsFor(INCENTIVE_ITEM_WORKFLOW, r.status, user.role);
    const decidable = openSheet.has(r.closeId) && !r.appeals.some((x) => x.status === 'PENDING');
    return { approve: a.approve && decidable, reject: a.reject && decidable };
  };
  const names = await namesOf(
    db,
    rows.flatMap((r) => [r.userId, r.decidedById, ...r.appeals.flatMap((a) => [a.userId, a.decidedById])]),
    rows.map((r) => r.departmentId),
  );
  const windows = new Map<string, number>();
  for (const m of new Set(rows.map((r) => r.month))) {
    const org = rows[0]?.organizationId;
    if (org) windows.set(m, (await policyForMonth(db, org, m)).values.appealWindowDays);
  }
  // A deduction beyond the month's performance bonus is shown (and exported) as cut to the cap.
  const caps = await cappedDeductions(db, rows);
  const evidenceOf = await evidenceLinks(db, rows);
  return rows.map((r) => ({
    id: r.id,
    month: r.month,
    rule: r.rule as TIncentiveItem['rule'],
    kind: r.kind as TIncentiveItem['kind'],
    source: r.source as TIncentiveItem['source'],
    userId: r.userId,
    userName: r.userId ? (names.user.get(r.userId) ?? null) : null,
    departmentId: r.departmentId,
    departmentName: r.departmentId ? (names.dept.get(r.departmentId) ?? null) : null,
    amountFen: caps.get(r.id)?.amountFen ?? r.amountFen,
    figures: figuresWithCap((r.figures ?? {}) as TIncentiveItem['figures'], caps.get(r.id)),
    reason: r.reason,
    evidence: evidenceOf(r.evidence),
    status: r.status as TIncentiveItem['status'],
    dependsOnId: r.dependsOnId,
    remediationDueAt: r.remediationDueAt?.toISOString() ?? null,
    remediationCheckedAt: r.remediationCheckedAt?.toISOString() ?? null,
    decidedByName: r.decidedById ? (names.user.get(r.decidedById) ?? null) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionComment: r.decisionComment,
    appealableUntil: appealableUntil(r, windows.get(r.month) ?? 0, tz),
    appeals: r.appeals
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())
      .map((a) => ({
        id: a.id,
        itemId: a.itemId,
        userId: a.userId,
        userName: names.user.get(a.userId) ?? '',
        reason: a.reason,
        status: a.status as 'PENDING',
        decidedByName: a.decidedById ? (names.user.get(a.decidedById) ?? null) : null,
        decisionReason: a.decisionReason,
        decidedAt: a.decidedAt?.toISOString() ?? null,
        createdAt: a.createdAt.toISOString(),
      })),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    can: canOn(r),
  }));
}

export async function getSheet(prisma: PrismaClient, actor: Actor, month: string): Promise<TMonthClose> {
  const user = actor.user;
  const org = user.organizationId;
  const sheet = await prisma.monthClose.findUnique({
    where: { organizationId_month: { organizationId: org, month } },
  });
  const rows = sheet
    ? await prisma.incentiveItem.findMany({
        where: { closeId: sheet.id },
        include: { appeals: true },
        orderBy: ITEM_ORDER,
      })
    : [];
  const items = await presentItems(prisma, rows, user);
  const names = await namesOf(prisma, [sheet?.computedById ?? null, sheet?.approvedById ?? null], []);
  const counted = items.filter((i) => i.status === 'APPROVED' || i.status === 'PROPOSED');
  const money = netFen(counted);
  const status = sheet ? (sheet.status as 'OPEN' | 'APPROVED') : 'NONE';
  const closable = month < monthIn(actor.now, user.timezone);
  return {
    id: sheet?.id ?? null,
    month,
    status,
    policyVersion: sheet?.policyVersion ?? null,
    computedAt: sheet?.computedAt?.toISOString() ?? null,
    computedByName: sheet?.computedById ? (names.user.get(sheet.computedById) ?? null) : null,
    approvedAt: sheet?.approvedAt?.toISOString() ?? null,
    approvedByName: sheet?.approvedById ? (names.user.get(sheet.approvedById) ?? null) : null,
    version: sheet?.version ?? 0,
    closable,
    can: {
      close: can(user.role, 'month:close') && closable && status !== 'APPROVED',
      // only a closed (computed) sheet is approved: approveSheet refuses the others
      approve:
        !!sheet?.computedAt &&
        actionsFor(SHEET_WORKFLOW, status, user.role).approve &&
        items.every((i) => i.status !== 'PROPOSED') &&
        items.every((i) => i.appeals.every((a) => a.status !== 'PENDING')),
      // items by hand (special awards, R-DISC-1) may be added before the month is closed too: the
      // close keeps them (it touches AUTO items only)
      propose: can(user.role, 'incentive:propose') && status !== 'APPROVED',
      export: can(user.role, 'incentive:export') && status === 'APPROVED',
    },
    totals: {
      proposed: items.filter((i) => i.status === 'PROPOSED').length,
      approved: items.filter((i) => i.status === 'APPROVED').length,
      rejected: items.filter((i) => i.status === 'REJECTED').length,
      withdrawn: items.filter((i) => i.status === 'WITHDRAWN').length,
      bonusFen: money.bonusFen,
      deductionFen: money.deductionFen,
      pendingAppeals: items.reduce((s, i) => s + i.appeals.filter((a) => a.status === 'PENDING').length, 0),
    },
    items,
  };
}

/** A manager sees every item of the month; anyone else their own. */
export async function listIncentives(
  prisma: PrismaClient,
  actor: Actor,
  month: string | undefined,
): Promise<TIncentiveList> {
  const user = actor.user;
  const m = month ?? monthIn(actor.now, user.timezone);
  const rows = await prisma.incentiveItem.findMany({
    where: {
      organizationId: user.organizationId,
      month: m,
      ...(can(user.role, 'incentive:read:any') ? {} : { userId: user.id }),
    },
    include: { appeals: true },
    orderBy: ITEM_ORDER,
  });
  return { month: m, items: await presentItems(prisma, rows, user) };
}

async function lockedItems(tx: Tx, user: SessionUser, ids: string[]) {
  const rows = await tx.incentiveItem.findMany({
    where: { id: { in: ids }, organizationId: user.organizationId },
    include: { appeals: true, close: { select: { status: true, month: true } } },
  });
  if (rows.length !== new Set(ids).size) throw notFound('Incentive item');
  return rows;
}

async function decide(
  tx: Tx,
  actor: Actor,
  ids: string[],
  decision: 'APPROVE' | 'REJECT',
  comment: string | null,
  version?: number,
): Promise<void> {
  const user = actor.user;
  const rows = await lockedItems(tx, user, ids);
  const months = new Set(rows.map((r) => r.month));
  for (const m of months) await lockMonth(tx, user.organizationId, m);
  // Re-read under the lock: a concurrent sheet approval or close has finished by now.
  const fresh = await lockedItems(tx, user, ids);
  for (const r of fresh) {
    if (r.close.status === 'APPROVED')
      throw conflict(`The incentive sheet of ${r.month} is approved and locked`);
  }
  const status = decision === 'APPROVE' ? 'APPROVED' : 'REJECTED';
  await runBulkTransition(tx, actor, {
    workflow: INCENTIVE_ITEM_WORKFLOW,
    action: decision === 'APPROVE' ? 'approve' : 'reject',
    rows: fresh,
    // a selection may hold items decided so already: they are decided again
    repeatable: true,
    version,
    entity: 'IncentiveItem',
    auditAction: decision === 'APPROVE' ? 'INCENTIVE_APPROVE' : 'INCENTIVE_REJECT',
    wrongState: (_status, _allowed, id) => ruleViolation('A withdrawn item cannot be decided', { id }),
    guard: () => {
      const appealed = fresh.find((r) => r.appeals.some((a) => a.status === 'PENDING'));
      if (appealed) {
        throw ruleViolation('An appeal against this item is waiting for a decision', { id: appealed.id });
      }
    },
    write: async () => {
      await tx.incentiveItem.updateMany({
        where: { id: { in: ids } },
        data: {
          status,
          decidedById: user.id,
          decidedAt: actor.now,
          decisionComment: comment,
          version: { increment: 1 },
        },
      });
    },
    audit: {
      before: fresh.map((r) => ({ id: r.id, status: r.status })),
      after: { ids, status, comment },
    },
  });
}

export async function decideItem(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  decision: 'APPROVE' | 'REJECT',
  body: { comment?: string; version?: number },
): Promise<TIncentiveItem> {
  const user = actor.user;
  await prisma.$transaction((tx) => decide(tx, actor, [id], decision, body.comment || null, body.version));
  const row = await prisma.incentiveItem.findUniqueOrThrow({ where: { id }, include: { appeals: true } });
  return (await presentItems(prisma, [row], user))[0]!;
}

export async function bulkDecide(
  prisma: PrismaClient,
  actor: Actor,
  body: TIncentiveBulkDecision,
): Promise<{ decided: number }> {
  const ids = [...new Set(body.ids)];
  await prisma.$transaction((tx) => decide(tx, actor, ids, body.decision, body.comment || null));
  return { decided: ids.length };
}

export async function approveSheet(
  prisma: PrismaClient,
  actor: Actor,
  month: string,
  version: number,
): Promise<TMonthClose> {
  const user = actor.user;
  const org = user.organizationId;
  await prisma.$transaction(async (tx) => {
    await lockMonth(tx, org, month);
    const sheet = await tx.monthClose.findUnique({
      where: { organizationId_month: { organizationId: org, month } },
    });
    if (!sheet?.computedAt) throw ruleViolation(`${month} has not been closed yet`);
    await runTransition(tx, actor, {
      workflow: SHEET_WORKFLOW,
      action: 'approve',
      row: sheet,
      version,
      entity: 'MonthClose',
      auditAction: 'INCENTIVE_SHEET_APPROVE',
      wrongState: () => conflict(`The incentive sheet of ${month} is already approved`),
      guard: async () => {
        const open = await tx.incentiveItem.count({ where: { closeId: sheet.id, status: 'PROPOSED' } });
        if (open > 0) {
          throw ruleViolation(
            `${open} items are still undecided: approve or reject each before approving the sheet`,
            { undecided: open },
          );
        }
        const appeals = await tx.incentiveAppeal.count({
          where: { status: 'PENDING', item: { closeId: sheet.id } },
        });
        if (appeals > 0)
          throw ruleViolation(`${appeals} appeals are waiting for a decision`, { pendingAppeals: appeals });
      },
      write: async (to) => {
        await tx.monthClose.update({
          where: { id: sheet.id },
          data: {
            status: to ?? sheet.status,
            approvedAt: actor.now,
            approvedById: user.id,
            version: { increment: 1 },
          },
        });
      },
      audit: { before: { status: sheet.status }, after: { month } },
      notifications: async () => {
        const subjects = await tx.incentiveItem.findMany({
          where: { closeId: sheet.id, status: 'APPROVED', userId: { not: null } },
          select: { userId: true },
          distinct: ['userId'],
        });
        return [
          {
            userIds: subjects.map((s) => s.userId!),
            type: 'INCENTIVES_APPROVED',
            entity: 'MonthClose',
            entityId: month,
            payload: { month },
          },
        ];
      },
    });
  });
  return getSheet(prisma, actor, month);
}

export async function createSpecialAward(
  prisma: PrismaClient,
  actor: Actor,
  body: TSpecialAwardCreate,
): Promise<TIncentiveItem> {
  const user = actor.user;
  const org = user.organizationId;
  const subject = await prisma.user.findFirst({
    where: { id: body.userId, organizationId: org, active: true },
    select: { id: true, departmentId: true, teamId: true },
  });
  if (!subject) throw notFound('User');
  // A lead proposes for their own team only.
  if (!can(user.role, 'incentive:decide') && subject.teamId !== user.teamId) {
    throw forbidden('You can propose special awards for your team only');
  }
  const policy = await policyForMonth(prisma, org, body.month);
  const id = await prisma.$transaction(async (tx) => {
    await lockMonth(tx, org, body.month);
    const sheet = await sheetRow(tx, org, body.month);
    if (sheet.status === 'APPROVED')
      throw conflict(`The incentive sheet of ${body.month} is approved and locked`);
    const row = await tx.incentiveItem.create({
      data: {
        organizationId: org,
        closeId: sheet.id,
        month: body.month,
        rule: 'SPECIAL_AWARD',
        kind: 'BONUS',
        source: 'MANUAL',
        dedupeKey: `SPECIAL_AWARD:${crypto.randomUUID()}`,
        userId: subject.id,
        departmentId: subject.departmentId,
        amountFen: body.amountFen ?? policy.values.specialAwardFen,
        figures: { proposedBy: user.name },
        reason: body.reason,
        createdById: user.id,
      },
    });
    await audit(tx, actor, {
      action: 'INCENTIVE_SPECIAL_AWARD',
      entity: 'IncentiveItem',
      entityId: row.id,
      after: body,
    });
    return row.id;
  });
  const row = await prisma.incentiveItem.findUniqueOrThrow({ where: { id }, include: { appeals: true } });
  return (await presentItems(prisma, [row], user))[0]!;
}

export async function fileIncentiveAppeal(
  prisma: PrismaClient,
  actor: Actor,
  itemId: string,
  reason: string,
): Promise<TIncentiveItem> {
  const user = actor.user;
  await prisma.$transaction(async (tx) => {
    const [item] = await lockedItems(tx, user, [itemId]);
    if (!item || item.userId !== user.id) throw notFound('Incentive item');
    await tx.$executeRaw`SELECT 1 FROM "IncentiveItem" WHERE id = ${itemId}::uuid FOR UPDATE`;
    const again = await tx.incentiveItem.findUniqueOrThrow({
      where: { id: itemId },
      include: { appeals: true },
    });
    const window = (await policyForMonth(tx, user.organizationId, again.month)).values.appealWindowDays;
    const until = appealableUntil(again, window, user.timezone);
    if (!until) throw ruleViolation('This item can no longer be appealed', { status: again.status });
    if (dayIn(actor.now, user.timezone) > until) {
      throw ruleViolation(`The appeal window ended on ${until}`, { appealableUntil: until });
    }
    if (again.appeals.some((a) => a.status === 'PENDING'))
      throw conflict('An appeal against this item is already waiting');
    if (again.appeals.length > 0) throw ruleViolation('This item was appealed already');
    const appeal = await tx.incentiveAppeal.create({
      data: { itemId, userId: user.id, reason, createdAt: actor.now },
    });
    const managers = await tx.user.findMany({
      where: { organizationId: user.organizationId, role: 'MANAGER', active: true },
      select: { id: true },
    });
    await notify(tx, actor, {
      userIds: managers.map((m) => m.id),
      type: 'INCENTIVE_APPEAL_FILED',
      entity: 'MonthClose',
      entityId: again.month,
      payload: { month: again.month, by: user.name, rule: again.rule },
    });
    await audit(tx, actor, {
      action: 'INCENTIVE_APPEAL',
      entity: 'IncentiveAppeal',
      entityId: appeal.id,
      after: { itemId, reason },
    });
  });
  const row = await prisma.incentiveItem.findUniqueOrThrow({
    where: { id: itemId },
    include: { appeals: true },
  });
  return (await presentItems(prisma, [row], user))[0]!;
}

/** Withdraws an item and, transitively, the items that depend on it. Returns their ids. */
async function withdrawWithDependents(
  tx: Tx,
  actor: Actor,
  rootId: string,
  by: string,
  note: string,
): Promise<string[]> {
  const ids: string[] = [];
  let frontier = [rootId];
  while (frontier.length) {
    ids.push(...frontier);
    frontier = (
      await tx.incentiveItem.findMany({
        where: { dependsOnId: { in: frontier }, status: { not: 'WITHDRAWN' } },
        select: { id: true },
      })
    )
      .map((r) => r.id)
      .filter((id) => !ids.includes(id));
  }
  await tx.incentiveItem.updateMany({
    where: { id: { in: ids } },
    data: {
      status: 'WITHDRAWN',
      decidedById: by,
      decidedAt: actor.now,
      decisionComment: note,
      version: { increment: 1 },
    },
  });
  return ids;
}

export async function decideIncentiveAppeal(
  prisma: PrismaClient,
  actor: Actor,
  appealId: string,
  decision: 'UPHOLD' | 'OVERTURN',
  reason: string,
): Promise<TIncentiveItem> {
  const user = actor.user;
  const itemId = await prisma.$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ id: string }[]>`
      SELECT a.id FROM "IncentiveAppeal" a JOIN "IncentiveItem" i ON i.id = a."itemId"
      WHERE a.id = ${appealId}::uuid AND i."organizationId" = ${user.organizationId}::uuid
      FOR UPDATE OF a`;
    if (!locked) throw notFound('Appeal');
    const appeal = await tx.incentiveAppeal.findUniqueOrThrow({
      where: { id: appealId },
      include: { item: true },
    });
    let withdrawn: string[] = [];
    await runTransition(tx, actor, {
      workflow: INCENTIVE_APPEAL_WORKFLOW,
      action: decision === 'UPHOLD' ? 'uphold' : 'overturn',
      row: appeal,
      entity: 'IncentiveAppeal',
      auditAction: decision === 'UPHOLD' ? 'INCENTIVE_APPEAL_UPHOLD' : 'INCENTIVE_APPEAL_OVERTURN',
      wrongState: () => conflict('This appeal has been decided already'),
      write: async (to) => {
        await tx.incentiveAppeal.update({
          where: { id: appealId },
          data: {
            status: to ?? appeal.status,
            decidedById: user.id,
            decisionReason: reason,
            decidedAt: actor.now,
          },
        });
        if (decision === 'OVERTURN') {
          // What depends on the item goes with it (a retraining's deduction, a warning's remediation
          // deduction), even on a locked sheet: the payroll export then leaves them out.
          withdrawn = await withdrawWithDependents(tx, actor, appeal.itemId, user.id, APPEAL_OVERTURNED);
        }
      },
      audit: () => ({ after: { reason, withdrawn } }),
      notifications: [
        {
          userIds: [appeal.userId],
          type: 'INCENTIVE_APPEAL_DECIDED',
          entity: 'IncentiveItem',
          entityId: appeal.itemId,
          payload: { month: appeal.item.month, decision, rule: appeal.item.rule },
        },
      ],
    });
    return appeal.itemId;
  });
  const row = await prisma.incentiveItem.findUniqueOrThrow({
    where: { id: itemId },
    include: { appeals: true },
  });
  return (await presentItems(prisma, [row], user))[0]!;
}
