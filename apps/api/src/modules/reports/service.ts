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
import { type ActionOf, actionsFor, monthIn, REPORT_WORKFLOW } from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, forbidden, notFound, ruleViolation } from '../../lib/errors.ts';
import { runTransition, type TransitionSpec } from '../../lib/workflow.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { computeReportFigures } from '../../presenters/report-figures.ts';

type Db = PrismaClient | Tx;

interface ReportRow {
  id: string;
  organizationId: string;
  month: string;
  teamId: string | null;
  status: string;
  narrative: unknown;
  createdById: string;
  version: number;
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
  const [people, teams] = await Promise.all([
    names(db, [r.createdById, r.decidedById, ...r.reviews.map((x) => x.actorId)]),
    teamNames(db, [r.teamId]),
  ]);
  return {
    ...toSummary(r, people, teams),
    figures: ZReportFigures.parse(r.figures),
    narrative: narrativeOf(r.narrative),
    decidedById: r.decidedById,
    deciderName: r.decidedById ? (people.get(r.decidedById) ?? null) : null,
    returnComment: r.returnComment,
    can: actionsFor(REPORT_WORKFLOW, r.status, user.role),
    timeline: r.reviews.map((x) => ({
      id: x.id,
      action: x.action as 'SUBMIT' | 'RETURN' | 'APPROVE',
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
    SELECT id, "organizationId", month, "teamId", status, narrative, "createdById", version
    FROM "VisitReport" WHERE id = ${id}::uuid AND "organizationId" = ${user.organizationId}::uuid
    FOR UPDATE`;
  if (!row) throw notFound('Report');
  assertTeamAccess(user, row.teamId);
  return row;
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
    workflow: REPORT_WORKFLOW,
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
            data: { status: to!, submittedAt: actor.now, version: { increment: 1 } },
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
    await reportStep(
      actor,
      row,
      'approve',
      'approved',
      {
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
    await reportStep(
      actor,
      row,
      'return',
      'returned',
      {
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
