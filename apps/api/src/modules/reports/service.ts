// Monthly visit reports: a lead drafts one for a month and their team, with figures generated
// by the presenter; DRAFT | RETURNED → SUBMITTED → APPROVED (figures recomputed one last time and
// frozen) | RETURNED (with a comment). Each transition locks the row, checks the state, writes
// the ReportReview row and an audit row in one transaction: an illegal one changes nothing.
import {
  can,
  NARRATIVE_SECTIONS,
  type TPage,
  type TReportCreate,
  type TReportDetail,
  type TReportListQuery,
  type TReportNarrative,
  type TReportReturn,
  type TReportStatus,
  type TReportSummary,
  type TReportUpdate,
  ZReportFigures,
  ZReportNarrative,
} from '@huifang/contracts';
import {
  type ActionOf,
  actionsFor,
  DEFAULT_APPROVAL_CHAINS,
  matchesStep,
  monthIn,
  REPORT_WORKFLOW,
  ROLLUP_WORKFLOW,
  resolveChainStep,
  rollupAuthor,
  stepsOf,
} from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, conflict, forbidden, notFound, ruleViolation } from '../../lib/errors.ts';
import { runTransition, type TransitionSpec } from '../../lib/workflow.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { computeReportFigures } from '../../presenters/report-figures.ts';
import { approvalChainsOf } from '../approval-chains/service.ts';

type Db = PrismaClient | Tx;

interface ReportRow {
  id: string;
  organizationId: string;
  month: string;
  teamId: string | null;
  status: string;
  kind: string;
  chain: unknown;
  chainStep: number;
  narrative: unknown;
  createdById: string;
  version: number;
}

const workflowOf = (kind: string) => (kind === 'ROLLUP' ? ROLLUP_WORKFLOW : REPORT_WORKFLOW);

/** The steps a report is (or, while a draft, would be) decided by: its own once submitted (decision 016). */
async function chainOfReport(
  db: Db,
  r: { organizationId: string; kind: string; status: string; chain: unknown },
) {
  const fallback =
    r.kind === 'ROLLUP' ? DEFAULT_APPROVAL_CHAINS.rollupSteps : DEFAULT_APPROVAL_CHAINS.reportSteps;
  if (r.status === 'SUBMITTED' || r.status === 'APPROVED') return stepsOf(r.chain, fallback);
  const chains = await approvalChainsOf(db, r.organizationId);
  return r.kind === 'ROLLUP' ? chains.rollupSteps : chains.reportSteps;
}

/** A roll-up is written by whoever acts at the last step of the team reports' chain (R-CHAIN-3). */
async function assertRollupAuthor(db: Db, user: SessionUser): Promise<void> {
  const chains = await approvalChainsOf(db, user.organizationId);
  const author = rollupAuthor(chains);
  if (!matchesStep(author, user)) {
    throw new AppError('FORBIDDEN', 'The roll-up is written by the last step of the report chain', {
      reason: 'NOT_YOUR_STEP',
      due: author,
    });
  }
}

/** A lead works on their own team's reports only; other readers see every report of the organisation. */
function assertTeamAccess(user: SessionUser, teamId: string | null): void {
  if (can(user.role, 'scope:team') && (!user.teamId || teamId !== user.teamId)) {
    throw forbidden('A lead works on the reports of their own team');
  }
}

function narrativeOf(value: unknown): TReportNarrative {
  const parsed = ZReportNarrative.safeParse(value ?? {});
  return parsed.success ? parsed.data : { overview: '', satisfaction: '', problems: '', suggestions: '' };
}

async function names(db: Db, ids: Array<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function teamNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((x): x is string => !!x))];
  if (unique.length === 0) return new Map();
  const rows = await db.team.findMany({ where: { id: { in: unique } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

type SummaryRow = {
  id: string;
  month: string;
  teamId: string | null;
  status: string;
  kind: string;
  createdById: string;
  submittedAt: Date | null;
  decidedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

function toSummary(r: SummaryRow, people: Map<string, string>, teams: Map<string, string>): TReportSummary {
  return {
    id: r.id,
    month: r.month,
    teamId: r.teamId,
    teamName: r.teamId ? (teams.get(r.teamId) ?? null) : null,
    status: r.status as TReportStatus,
    kind: r.kind === 'ROLLUP' ? 'ROLLUP' : 'TEAM',
    createdById: r.createdById,
    creatorName: people.get(r.createdById) ?? null,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export async function listReports(
  prisma: PrismaClient,
  user: SessionUser,
  q: TReportListQuery,
): Promise<TPage<TReportSummary>> {
  if (can(user.role, 'scope:team') && !user.teamId)
    return { items: [], total: 0, page: q.page, size: q.size };
  const where: Prisma.VisitReportWhereInput = {
    organizationId: user.organizationId,
    month: q.month,
    status: q.status,
    ...(can(user.role, 'scope:team') ? { teamId: user.teamId } : {}),
  };
  const [total, rows] = await Promise.all([
    prisma.visitReport.count({ where }),
    prisma.visitReport.findMany({
      where,
      orderBy: [{ month: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
  ]);
  const [people, teams] = await Promise.all([
    names(
      prisma,
      rows.map((r) => r.createdById),
    ),
    teamNames(
      prisma,
      rows.map((r) => r.teamId),
    ),
  ]);
  return { items: rows.map((r) => toSummary(r, people, teams)), total, page: q.page, size: q.size };
}

export async function reportDetail(db: Db, user: SessionUser, id: string): Promise<TReportDetail> {
  const r = await db.visitReport.findFirst({
    where: { id, organizationId: user.organizationId },
    include: { reviews: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] } },
  });
  if (!r) throw notFound('Report');
  assertTeamAccess(user, r.teamId);
  const chain = await chainOfReport(db, r);
  const sources =
    r.kind === 'ROLLUP'
      ? await db.visitReport.findMany({
          where: { organizationId: r.organizationId, month: r.month, kind: 'TEAM', teamId: { not: null } },
          select: { id: true, teamId: true, status: true },
          orderBy: { createdAt: 'asc' },
        })
      : [];
  const [people, teams] = await Promise.all([
    names(db, [r.createdById, r.decidedById, ...r.reviews.map((x) => x.actorId)]),
    teamNames(db, [r.teamId, ...sources.map((x) => x.teamId)]),
  ]);
  const may = actionsFor(workflowOf(r.kind), r.status, user.role);
  const due = chain[r.chainStep];
  const atStep = r.status === 'SUBMITTED' && !!due && matchesStep(due, user);
  const isAuthor =
    r.kind === 'ROLLUP'
      ? matchesStep(rollupAuthor(await approvalChainsOf(db, r.organizationId)), user)
      : true;
  return {
    ...toSummary(r, people, teams),
    figures: ZReportFigures.parse(r.figures),
    narrative: narrativeOf(r.narrative),
    decidedById: r.decidedById,
    deciderName: r.decidedById ? (people.get(r.decidedById) ?? null) : null,
    returnComment: r.returnComment,
    can: {
      edit: may.edit && isAuthor,
      refresh: may.refresh && isAuthor,
      submit: may.submit && isAuthor,
      approve: may.approve && atStep,
      return: may.return && atStep,
    },
    chain,
    chainStep: r.chainStep,
    sources: sources.map((x) => ({
      id: x.id,
      teamName: x.teamId ? (teams.get(x.teamId) ?? null) : null,
      status: x.status as TReportStatus,
    })),
    timeline: r.reviews.map((x) => ({
      id: x.id,
      action: x.action as 'SUBMIT' | 'RETURN' | 'APPROVE' | 'FORWARD',
      actorId: x.actorId,
      actorName: people.get(x.actorId) ?? null,
      comment: x.comment,
      createdAt: x.createdAt.toISOString(),
    })),
  };
}

export async function createReport(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  body: TReportCreate,
): Promise<TReportDetail> {
  let teamId = body.teamId ?? null;
  if (can(user.role, 'scope:team')) {
    if (teamId && teamId !== user.teamId) throw forbidden('A lead reports on their own team');
    teamId = teamId ?? user.teamId;
    if (!teamId) throw ruleViolation('You lead no team', { field: 'teamId' });
  }
  const current = monthIn(actor.now, user.timezone);
  if (body.month > current) {
    throw ruleViolation('A report covers this month or an earlier one', { month: body.month, current });
  }
  if (teamId) {
    const team = await prisma.team.findFirst({ where: { id: teamId, organizationId: user.organizationId } });
    if (!team) throw ruleViolation('No such team', { field: 'teamId' });
  }
  const id = await prisma.$transaction(async (tx) => {
    // One report per (month, team): serialise creations of the same key, then look.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`report:${user.organizationId}:${body.month}:${teamId ?? '-'}`}))`;
    const existing = await tx.visitReport.findFirst({
      where: { organizationId: user.organizationId, month: body.month, teamId },
      select: { id: true },
    });
    if (existing)
      throw conflict('A report for this month and team exists already', { reportId: existing.id });
    const figures = await computeReportFigures(tx, {
      organizationId: user.organizationId,
      month: body.month,
      teamId,
      timezone: user.timezone,
      now: actor.now,
    });
    const report = await tx.visitReport.create({
      data: {
        organizationId: user.organizationId,
        month: body.month,
        teamId,
        status: 'DRAFT',
        figures: figures as unknown as Prisma.InputJsonValue,
        narrative: { overview: '', satisfaction: '', problems: '', suggestions: '' },
        createdById: user.id,
      },
    });
    await audit(tx, actor, {
      action: 'REPORT_CREATE',
      entity: 'VisitReport',
      entityId: report.id,
      after: { month: report.month, teamId },
    });
    return report.id;
  });
  return reportDetail(prisma, user, id);
}

/** Locks the report row for the rest of the transaction and checks who may act on it. */
async function lock(tx: Tx, user: SessionUser, id: string): Promise<ReportRow> {
  const [row] = await tx.$queryRaw<ReportRow[]>`
    SELECT id, "organizationId", month, "teamId", status, kind, chain, "chainStep", narrative, "createdById", version
    FROM "VisitReport" WHERE id = ${id}::uuid AND "organizationId" = ${user.organizationId}::uuid
    FOR UPDATE`;
  if (!row) throw notFound('Report');
  assertTeamAccess(user, row.teamId);
  return row;
}

/** Edits of a team report are its team's lead's; of a roll-up, its author step's (R-CHAIN-3). */
async function assertWriter(tx: Tx, user: SessionUser, row: ReportRow): Promise<void> {
  if (row.kind === 'ROLLUP') return assertRollupAuthor(tx, user);
  if (!can(user.role, 'report:write')) throw forbidden('A lead writes the reports of their team');
}

async function figuresFor(tx: Tx, user: SessionUser, row: ReportRow, now: Date) {
  return (await computeReportFigures(tx, {
    organizationId: row.organizationId,
    month: row.month,
    teamId: row.teamId,
    timezone: user.timezone,
    now,
  })) as unknown as Prisma.InputJsonValue;
}

/** A step of the report's workflow (REPORT_WORKFLOW) on the locked row, refused as before. */
function reportStep(
  actor: Actor,
  row: ReportRow,
  action: ActionOf<typeof REPORT_WORKFLOW>,
  doing: string,
  rest: Omit<
    TransitionSpec<TReportStatus, typeof action>,
    'workflow' | 'action' | 'row' | 'entity' | 'auditAction'
  >,
  tx: Tx,
) {
  return runTransition(tx, actor, {
    workflow: workflowOf(row.kind),
    action,
    row,
    entity: 'VisitReport',
    auditAction: `REPORT_${action === 'edit' ? 'UPDATE' : action.toUpperCase()}`,
    wrongState: (status, allowed) =>
      conflict(`A ${status.toLowerCase()} report cannot be ${doing}`, { reason: 'STATUS', status, allowed }),
    ...rest,
  });
}

export async function updateReport(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
  body: TReportUpdate,
): Promise<TReportDetail> {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, user, id);
    await assertWriter(tx, user, row);
    const before = narrativeOf(row.narrative);
    const after = {
      ...before,
      ...Object.fromEntries(Object.entries(body.narrative ?? {}).filter(([, v]) => v !== undefined)),
    };
    await reportStep(
      actor,
      row,
      'edit',
      'edited',
      {
        version: body.version,
        write: async () => {
          await tx.visitReport.update({
            where: { id },
            data: { narrative: after, version: { increment: 1 } },
          });
        },
        audit: { before, after },
      },
      tx,
    );
  });
  return reportDetail(prisma, user, id);
}

export async function refreshReport(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
): Promise<TReportDetail> {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, user, id);
    await assertWriter(tx, user, row);
    await reportStep(
      actor,
      row,
      'refresh',
      'refreshed',
      {
        write: async () => {
          await tx.visitReport.update({
            where: { id },
            data: { figures: await figuresFor(tx, user, row, actor.now), version: { increment: 1 } },
          });
        },
      },
      tx,
    );
  });
  return reportDetail(prisma, user, id);
}

export async function submitReport(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
): Promise<TReportDetail> {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, user, id);
    await assertWriter(tx, user, row);
    // the chain as it is now goes with the report: a later change of chain does not move it (decision 016)
    const chains = await approvalChainsOf(tx, user.organizationId);
    const steps = row.kind === 'ROLLUP' ? chains.rollupSteps : chains.reportSteps;
    await reportStep(
      actor,
      row,
      'submit',
      'submitted',
      {
        guard: () => {
          const narrative = narrativeOf(row.narrative);
          const missing = NARRATIVE_SECTIONS.filter((s) => narrative[s].trim() === '');
          if (missing.length) throw ruleViolation('Every narrative section needs text', { missing });
        },
        write: async (to) => {
          await tx.visitReport.update({
            where: { id },
            data: {
              status: to!,
              submittedAt: actor.now,
              chain: steps as unknown as Prisma.InputJsonValue,
              chainStep: 0,
              version: { increment: 1 },
            },
          });
        },
        history: () =>
          tx.reportReview.create({
            data: { reportId: id, action: 'SUBMIT', actorId: user.id, createdAt: actor.now },
          }),
      },
      tx,
    );
  });
  return reportDetail(prisma, user, id);
}

export async function approveReport(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
): Promise<TReportDetail> {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, user, id);
    const steps = stepsOf(
      row.chain,
      row.kind === 'ROLLUP' ? DEFAULT_APPROVAL_CHAINS.rollupSteps : DEFAULT_APPROVAL_CHAINS.reportSteps,
    );
    const step = resolveChainStep(steps, row.status, row.chainStep, user, 'approve');
    if (step.ok && !step.final) {
      await forwardReport(tx, actor, user, row, steps, step.nextStep);
      return;
    }
    await reportStep(
      actor,
      row,
      'approve',
      'approved',
      {
        guard: () => assertAtStep(step),
        write: async (to) => {
          await tx.visitReport.update({
            where: { id },
            data: {
              status: to!,
              figures: await figuresFor(tx, user, row, actor.now),
              decidedById: user.id,
              decidedAt: actor.now,
              returnComment: null,
              version: { increment: 1 },
            },
          });
        },
        history: () =>
          tx.reportReview.create({
            data: { reportId: id, action: 'APPROVE', actorId: user.id, createdAt: actor.now },
          }),
        notifications: [
          {
            userIds: [row.createdById],
            type: 'REPORT_APPROVED',
            entity: 'VisitReport',
            entityId: id,
            payload: { month: row.month, by: user.name },
          },
        ],
      },
      tx,
    );
  });
  return reportDetail(prisma, user, id);
}

export async function returnReport(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
  body: TReportReturn,
): Promise<TReportDetail> {
  await prisma.$transaction(async (tx) => {
    const row = await lock(tx, user, id);
    const steps = stepsOf(
      row.chain,
      row.kind === 'ROLLUP' ? DEFAULT_APPROVAL_CHAINS.rollupSteps : DEFAULT_APPROVAL_CHAINS.reportSteps,
    );
    const step = resolveChainStep(steps, row.status, row.chainStep, user, 'return');
    await reportStep(
      actor,
      row,
      'return',
      'returned',
      {
        guard: () => assertAtStep(step),
        write: async (to) => {
          await tx.visitReport.update({
            where: { id },
            data: {
              status: to!,
              decidedById: user.id,
              decidedAt: actor.now,
              returnComment: body.comment,
              version: { increment: 1 },
            },
          });
        },
        history: () =>
          tx.reportReview.create({
            data: {
              reportId: id,
              action: 'RETURN',
              actorId: user.id,
              comment: body.comment,
              createdAt: actor.now,
            },
          }),
        audit: { before: { status: row.status }, after: { status: 'RETURNED', comment: body.comment } },
        notifications: [
          {
            userIds: [row.createdById],
            type: 'REPORT_RETURNED',
            entity: 'VisitReport',
            entityId: id,
            payload: { month: row.month, by: user.name, comment: body.comment },
          },
        ],
      },
      tx,
    );
  });
  return reportDetail(prisma, user, id);
}

/** 403 when the user does not act at the step due (the state was checked by the workflow before). */
function assertAtStep(step: ReturnType<typeof resolveChainStep>): void {
  if (!step.ok && step.reason === 'NOT_YOUR_STEP') {
    throw new AppError('FORBIDDEN', 'Another step of the approval chain decides this report now', {
      reason: 'NOT_YOUR_STEP',
      due: step.due,
    });
  }
}

/**
 * An approval before the chain's last step (R-CHAIN-2): the report stays SUBMITTED and the next step is
 * due; the timeline says FORWARD; the users who act at the next step are told.
 */
async function forwardReport(
  tx: Tx,
  actor: Actor,
  user: SessionUser,
  row: ReportRow,
  steps: ReturnType<typeof stepsOf>,
  nextStep: number,
): Promise<void> {
  await reportStep(
    actor,
    row,
    'approve',
    'approved',
    {
      write: async () => {
        await tx.visitReport.update({
          where: { id: row.id },
          data: { chainStep: nextStep, version: { increment: 1 } },
        });
      },
      history: () =>
        tx.reportReview.create({
          data: { reportId: row.id, action: 'FORWARD', actorId: user.id, createdAt: actor.now },
        }),
      audit: {
        before: { status: row.status, chainStep: row.chainStep },
        after: { status: row.status, chainStep: nextStep },
      },
      notifications: async () => {
        const next = steps[nextStep]!;
        const users = await tx.user.findMany({
          where: {
            organizationId: row.organizationId,
            active: true,
            role: next.role,
            ...(next.title ? { title: next.title } : {}),
          },
          select: { id: true },
        });
        return [
          {
            userIds: users.map((u) => u.id),
            type: 'REPORT_FORWARDED' as const,
            entity: 'VisitReport',
            entityId: row.id,
            payload: { month: row.month, by: user.name },
          },
        ];
      },
    },
    tx,
  );
}

/**
 * The department roll-up of a month (R-CHAIN-3, 副主任汇总): written by the last step of the team reports'
 * chain once every team report of the month is approved — at least one — with the department's figures
 * (the same presenter over every team, so they add up to the approved team reports' figures).
 */
export async function createRollup(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  month: string,
): Promise<TReportDetail> {
  await assertRollupAuthor(prisma, user);
  const current = monthIn(actor.now, user.timezone);
  if (month > current) {
    throw ruleViolation('A report covers this month or an earlier one', { month, current });
  }
  const id = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`report:${user.organizationId}:${month}:-`}))`;
    const existing = await tx.visitReport.findFirst({
      where: { organizationId: user.organizationId, month, teamId: null },
      select: { id: true },
    });
    if (existing) throw conflict('The roll-up of this month exists already', { reportId: existing.id });
    const teams = await tx.visitReport.findMany({
      where: { organizationId: user.organizationId, month, kind: 'TEAM', teamId: { not: null } },
      select: { id: true, status: true },
    });
    const waiting = teams.filter((t) => t.status !== 'APPROVED').map((t) => t.id);
    if (teams.length === 0 || waiting.length > 0) {
      throw ruleViolation('A roll-up is built from the month’s team reports once all are approved', {
        field: 'month',
        reason: teams.length === 0 ? 'NO_TEAM_REPORTS' : 'NOT_ALL_APPROVED',
        waiting,
      });
    }
    const figures = await computeReportFigures(tx, {
      organizationId: user.organizationId,
      month,
      teamId: null,
      timezone: user.timezone,
      now: actor.now,
    });
    const report = await tx.visitReport.create({
      data: {
        organizationId: user.organizationId,
        month,
        teamId: null,
        kind: 'ROLLUP',
        status: 'DRAFT',
        figures: figures as unknown as Prisma.InputJsonValue,
        narrative: { overview: '', satisfaction: '', problems: '', suggestions: '' },
        createdById: user.id,
      },
    });
    await audit(tx, actor, {
      action: 'REPORT_ROLLUP_CREATE',
      entity: 'VisitReport',
      entityId: report.id,
      after: { month, kind: 'ROLLUP', sources: teams.map((t) => t.id) },
    });
    return report.id;
  });
  return reportDetail(prisma, user, id);
}
