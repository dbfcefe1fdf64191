// Month close (docs/rules.md#r-inc-13-month-close-and-the-sheet): the month's KPI snapshot per caller, team and department, and the
// incentive items its figures propose. Runs from the manager's button or the nightly job; runs
// again while the sheet is open recalculate it in place (one item per rule and subject — the
// dedupe key), and an approved sheet is locked.
//
// Set-based: one KPI statement for the month and one per earlier month the rules look back on
// (or their snapshots when those months were closed), `createMany` for snapshots and new items.
import {
  addDays,
  addMonths,
  computeKpi,
  type DepartmentMonth,
  type Grade,
  type IncentivePolicyValues,
  type KpiResult,
  monthBounds,
  monthIn,
  monthsToLookBack,
  type ProposedItem,
  proposeIncentives,
  protectedByReport,
  startOfDay,
  sumCounts,
} from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import { type AnyActor, systemActor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, ruleViolation } from '../../lib/errors.ts';
import { notify } from '../../lib/notify.ts';
import { type CallerCounts, loadCallerCounts } from '../../presenters/kpi-counts.ts';
import { policyForMonth } from '../kpi/policy.ts';
import { groupCounts } from '../kpi/service.ts';
import { applyTrainingOutcomes, trainingProposals } from '../training/close.ts';

/** Marks items withdrawn because an appeal against them (or what they depend on) succeeded. */
export const APPEAL_OVERTURNED = 'APPEAL_OVERTURNED';

export interface CloseResult {
  closeId: string;
  month: string;
  created: number;
  updated: number;
  withdrawn: number;
  unchanged: number;
  snapshots: number;
}

/** A month's figures: per caller and per department, with each caller's grade. */
interface MonthFigures {
  callers: Map<string, { kpi: KpiResult; departmentId: string | null }>;
  departments: Map<string, KpiResult>;
}

/** The figures of an earlier month: its snapshots when it was closed, else computed now. */
async function earlierMonth(tx: Tx, org: string, month: string, tz: string): Promise<MonthFigures> {
  const snaps = await tx.kpiSnapshot.findMany({
    where: { organizationId: org, month, scope: { in: ['CALLER', 'DEPARTMENT'] } },
    select: { scope: true, subjectId: true, figures: true },
  });
  if (snaps.length > 0) {
    const callers = new Map<string, { kpi: KpiResult; departmentId: string | null }>();
    const departments = new Map<string, KpiResult>();
    for (const s of snaps) {
      const f = s.figures as unknown as { kpi: KpiResult; departmentId: string | null };
      if (s.scope === 'CALLER') callers.set(s.subjectId, { kpi: f.kpi, departmentId: f.departmentId });
      else departments.set(s.subjectId, f.kpi);
    }
    return { callers, departments };
  }
  const policy = await policyForMonth(tx, org, month);
  const rows = await loadCallerCounts(tx, org, month, tz);
  return figuresOf(rows, policy.values);
}

function figuresOf(rows: readonly CallerCounts[], policy: IncentivePolicyValues): MonthFigures {
  const callers = new Map(
    rows.map((r) => [r.userId, { kpi: computeKpi(r.counts, policy), departmentId: r.departmentId }]),
  );
  const byDept = new Map<string, CallerCounts[]>();
  for (const r of rows) {
    if (r.departmentId) byDept.set(r.departmentId, [...(byDept.get(r.departmentId) ?? []), r]);
  }
  const departments = new Map(
    [...byDept.entries()].map(([id, rs]) => [id, computeKpi(sumCounts(rs.map((r) => r.counts)), policy)]),
  );
  return { callers, departments };
}

/** The dedupe key of the item a proposal goes with: same subject and suffix, the paired rule. */
function pairKey(p: ProposedItem): string | null {
  if (!p.pairedWith) return null;
  return p.pairedWith + p.dedupeKey.slice(p.rule.length);
}

/** Flat figures compared whatever their key order (jsonb reorders keys). */
function sameFigures(a: unknown, b: Record<string, unknown>): boolean {
  if (!a || typeof a !== 'object') return false;
  const x = a as Record<string, unknown>;
  const keys = Object.keys(b);
  return Object.keys(x).length === keys.length && keys.every((k) => x[k] === b[k]);
}

/** Takes the per-organisation, per-month lock for the rest of the transaction. */
export async function lockMonth(tx: Tx, org: string, month: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('month-close'), hashtext(${`${org}:${month}`}))`;
}

/** The sheet row of a month, created OPEN (not computed yet) when missing. */
export async function sheetRow(tx: Tx, org: string, month: string) {
  return tx.monthClose.upsert({
    where: { organizationId_month: { organizationId: org, month } },
    create: { organizationId: org, month },
    update: {},
  });
}

export async function runMonthClose(
  prisma: PrismaClient,
  actor: AnyActor,
  timezone: string,
  month: string,
): Promise<CloseResult> {
  if (month >= monthIn(actor.now, timezone)) {
    throw ruleViolation(`${month} has not ended yet; a month can be closed from its next month on`, {
      month,
    });
  }
  return prisma.$transaction((tx) => closeMonthIn(tx, actor, timezone, month), {
    timeout: 120_000,
    maxWait: 30_000,
  });
}

/** The close inside the caller's transaction (the demo seed runs it in its own). */
export async function closeMonthIn(tx: Tx, actor: AnyActor, tz: string, month: string): Promise<CloseResult> {
  const org = actor.organizationId;
  const now = actor.now;
  const userId = actor.user?.id ?? null;
  await lockMonth(tx, org, month);
  const sheet = await sheetRow(tx, org, month);
  if (sheet.status === 'APPROVED') {
    throw conflict(`The incentive sheet of ${month} is approved and locked`, { month });
  }
  const policy = await policyForMonth(tx, org, month);
  const p = policy.values;
  const rows = await loadCallerCounts(tx, org, month, tz);
  const current = figuresOf(rows, p);

  // The months the rules look back on: consecutive misses / E grades; at a quarter's end the
  // quarter's two earlier months and the previous quarter (its mean satisfaction).
  const back = monthsToLookBack(month, p);
  const earlier: MonthFigures[] = [];
  for (let i = 1; i <= back; i++) earlier.push(await earlierMonth(tx, org, addMonths(month, -i), tz));

  const { first, last } = monthBounds(month);
  const complaints = await tx.issueTicket.findMany({
    where: {
      organizationId: org,
      category: 'CALLER_CONDUCT',
      conductConfirmed: true,
      subjectUserId: { not: null },
      conductDecidedAt: { gte: startOfDay(first, tz), lt: startOfDay(addDays(last, 1), tz) },
    },
    select: { id: true, number: true, subjectUserId: true, customerId: true, createdAt: true },
    orderBy: { number: 'asc' },
  });
  // A complaint of a customer whose abuse the caller reported, and whose report was confirmed, does
  // not count against them (docs/rules.md#r-disc-2-customer-abuse-reports).
  const reports = await tx.customerAbuseReport.findMany({
    where: {
      organizationId: org,
      status: 'CONFIRMED',
      reporterId: { in: [...new Set(complaints.map((c) => c.subjectUserId!))] },
    },
    select: { reporterId: true, customerId: true, status: true, createdAt: true },
  });
  const conduct = complaints.filter(
    (c) =>
      !reports.some((r) =>
        protectedByReport(
          { userId: c.subjectUserId!, customerId: c.customerId, at: c.createdAt, kind: 'COMPLAINT' },
          r,
        ),
      ),
  );

  const heads = await tx.department.findMany({
    where: { organizationId: org, id: { in: [...current.departments.keys()] } },
    select: { id: true, headUserId: true },
  });
  const headOf = new Map(heads.map((h) => [h.id, h.headUserId]));

  // The rules judge each earlier month on its counts (packages/domain departmentItems).
  const departments: DepartmentMonth[] = [...current.departments.entries()].map(([id, kpi]) => ({
    departmentId: id,
    headUserId: headOf.get(id) ?? null,
    kpi,
    previous: earlier.map((f) => f.departments.get(id)?.counts ?? null),
  }));
  const proposals = proposeIncentives({
    month,
    policy: p,
    callers: rows.map((r) => ({
      userId: r.userId,
      departmentId: r.departmentId,
      kpi: current.callers.get(r.userId)?.kpi ?? computeKpi(r.counts, p),
      previousGrades: earlier.map((f) => (f.callers.get(r.userId)?.kpi.grade ?? null) as Grade | null),
      conductTickets: conduct
        .filter((t) => t.subjectUserId === r.userId)
        .map((t) => ({ id: t.id, number: t.number })),
    })),
    departments,
  });

  // Training (docs/rules.md#r-trn-4-re-check-after-retraining): the re-check after retraining and failed tests.
  const training = await trainingProposals(tx, org, month, current.callers, p);
  proposals.push(...training.proposals);

  // --- snapshots: replaced wholesale
  await tx.kpiSnapshot.deleteMany({ where: { organizationId: org, month } });
  const teams = await groupCounts(tx, org, rows, 'team');
  const depts = await groupCounts(tx, org, rows, 'department');
  const snap = (
    scope: string,
    subjectId: string,
    kpi: KpiResult,
    extra: { name: string; teamId?: string | null; departmentId?: string | null },
  ) => ({
    organizationId: org,
    month,
    scope,
    subjectId,
    name: extra.name,
    teamId: extra.teamId ?? null,
    closeId: sheet.id,
    policyVersion: policy.version,
    assigned: kpi.counts.assigned,
    done: kpi.counts.done,
    inspected: kpi.counts.inspected,
    passed: kpi.counts.passed,
    completionBp: kpi.completionBp,
    passRateBp: kpi.passRateBp,
    satisfactionHundredths: kpi.satisfactionHundredths,
    satisfactionChangeBp: kpi.satisfactionChangeBp,
    scoreHundredths: kpi.scoreHundredths,
    grade: kpi.grade,
    figures: { kpi, ...extra } as unknown as Prisma.InputJsonValue,
  });
  const snapshots = [
    ...rows.map((r) =>
      snap('CALLER', r.userId, current.callers.get(r.userId)!.kpi, {
        name: r.name,
        teamId: r.teamId,
        departmentId: r.departmentId,
      }),
    ),
    ...teams.map((g) =>
      snap('TEAM', g.id, computeKpi(g.counts, p), { name: g.name, departmentId: g.departmentId }),
    ),
    ...depts.map((g) =>
      snap('DEPARTMENT', g.id, computeKpi(g.counts, p), { name: g.name, departmentId: g.id }),
    ),
    // the whole organisation: the managers' trend line
    snap('ORGANIZATION', org, computeKpi(sumCounts(rows.map((r) => r.counts)), p), { name: '' }),
  ];
  await tx.kpiSnapshot.createMany({ data: snapshots });

  // --- items: upsert by dedupe key; what the figures no longer propose is withdrawn
  const existing = await tx.incentiveItem.findMany({
    where: { closeId: sheet.id, source: 'AUTO' },
  });
  const byKey = new Map(existing.map((i) => [i.dedupeKey, i]));
  const proposedKeys = new Set(proposals.map((x) => x.dedupeKey));
  let created = 0;
  let updated = 0;
  let unchanged = 0;
  let withdrawn = 0;
  const toCreate: Prisma.IncentiveItemCreateManyInput[] = [];
  for (const x of proposals) {
    const old = byKey.get(x.dedupeKey);
    if (!old) {
      toCreate.push({
        organizationId: org,
        closeId: sheet.id,
        month,
        rule: x.rule,
        kind: x.kind,
        source: 'AUTO',
        dedupeKey: x.dedupeKey,
        userId: x.userId,
        departmentId: x.departmentId,
        amountFen: x.amountFen,
        figures: x.figures as Prisma.InputJsonValue,
        remediationDueAt: x.remediationDays ? new Date(now.getTime() + x.remediationDays * 86_400_000) : null,
      });
      continue;
    }
    // An appeal that succeeded keeps the item (and what depends on it) withdrawn whatever the figures say.
    if (old.status === 'WITHDRAWN' && old.decisionComment === APPEAL_OVERTURNED) {
      unchanged++;
      continue;
    }
    const same =
      old.kind === x.kind &&
      old.amountFen === x.amountFen &&
      sameFigures(old.figures, x.figures) &&
      old.status !== 'WITHDRAWN';
    if (same) {
      unchanged++;
      continue;
    }
    // Changed figures reopen the decision: nothing is approved silently.
    await tx.incentiveItem.update({
      where: { id: old.id },
      data: {
        kind: x.kind,
        amountFen: x.amountFen,
        figures: x.figures as Prisma.InputJsonValue,
        status: 'PROPOSED',
        decidedById: null,
        decidedAt: null,
        decisionComment: null,
        version: { increment: 1 },
      },
    });
    updated++;
  }
  if (toCreate.length) {
    created = (await tx.incentiveItem.createMany({ data: toCreate })).count;
  }
  const gone = existing.filter((i) => !proposedKeys.has(i.dedupeKey) && i.status !== 'WITHDRAWN');
  if (gone.length) {
    withdrawn = (
      await tx.incentiveItem.updateMany({
        where: { id: { in: gone.map((i) => i.id) } },
        data: {
          status: 'WITHDRAWN',
          decisionComment: 'RECALCULATED',
          decidedAt: now,
          decidedById: userId,
          version: { increment: 1 },
        },
      })
    ).count;
  }

  // Link each paired item to the one it goes with (a deduction to its retraining …).
  const all = await tx.incentiveItem.findMany({
    where: { closeId: sheet.id, source: 'AUTO' },
    select: { id: true, dedupeKey: true, dependsOnId: true },
  });
  const idOf = new Map(all.map((i) => [i.dedupeKey, i.id]));
  for (const x of proposals) {
    const pk = pairKey(x);
    const id = idOf.get(x.dedupeKey);
    const dep = pk ? (idOf.get(pk) ?? null) : null;
    const row = all.find((i) => i.id === id);
    if (id && row && row.dependsOnId !== dep) {
      await tx.incentiveItem.update({ where: { id }, data: { dependsOnId: dep } });
    }
  }

  await applyTrainingOutcomes(tx, org, sheet.id, month, training.outcomes, now);

  const closed = await tx.monthClose.update({
    where: { id: sheet.id },
    data: {
      status: 'OPEN',
      policyVersion: policy.version,
      computedAt: now,
      computedById: userId,
      version: { increment: 1 },
    },
  });
  const result: CloseResult = {
    closeId: closed.id,
    month,
    created,
    updated,
    withdrawn,
    unchanged,
    snapshots: snapshots.length,
  };
  await audit(tx, actor, {
    action: 'MONTH_CLOSE',
    entity: 'MonthClose',
    entityId: closed.id,
    after: { ...result, policyVersion: policy.version },
  });
  const managers = await tx.user.findMany({
    where: { organizationId: org, role: 'MANAGER', active: true },
    select: { id: true },
  });
  await notify(tx, actor, {
    userIds: managers.map((m) => m.id).filter((id) => id !== userId),
    type: 'MONTH_CLOSED',
    entity: 'MonthClose',
    entityId: month,
    payload: { month, proposed: created + updated },
  });
  return result;
}

/**
 * The job: for each organisation, closes the previous month (its own timezone) when it has not
 * been closed yet. A month the manager already closed (or approved) is left alone.
 */
export async function closeEndedMonths(prisma: PrismaClient, now: Date): Promise<string[]> {
  const orgs = await prisma.organization.findMany({ select: { id: true, timezone: true } });
  const closed: string[] = [];
  for (const o of orgs) {
    const month = addMonths(monthIn(now, o.timezone), -1);
    const sheet = await prisma.monthClose.findUnique({
      where: { organizationId_month: { organizationId: o.id, month } },
      select: { computedAt: true },
    });
    if (sheet?.computedAt) continue;
    await runMonthClose(prisma, systemActor(o.id, now, 'month-close'), o.timezone, month);
    closed.push(`${o.id}:${month}`);
  }
  return closed;
}
