// Sampling runs (抽检): preview and create. The choice is made by the pure sampler in
// @huifang/domain; the unique Inspection.visitId makes a second pick of a record impossible,
// even when two runs race (the later transaction fails as a whole: 409).
import {
  can,
  type TPage,
  type TSamplingPreview,
  type TSamplingRun,
  type TSamplingRunInput,
  type TSamplingStrata,
} from '@huifang/contracts';
import {
  addDays,
  defaultInspectionMethod,
  monthBounds,
  type SampleResult,
  sampleRecords,
  startOfDay,
  visitHasRecording,
} from '@huifang/domain';
import type { Prisma, PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, ruleViolation } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { person, userNames } from './common.ts';

/** The instants [from, to) of a month in the organisation's timezone. */
export function monthRange(month: string, tz: string): { gte: Date; lt: Date } {
  const { first, last } = monthBounds(month);
  return { gte: startOfDay(first, tz), lt: startOfDay(addDays(last, 1), tz) };
}

/** The rubric a new inspection is scored with: the one asked for, else the organisation's default. */
export async function rubricFor(
  db: Prisma.TransactionClient | PrismaClient,
  orgId: string,
  rubricId?: string,
) {
  const rubric = await db.rubric.findFirst({
    where: rubricId ? { id: rubricId, organizationId: orgId } : { organizationId: orgId, isDefault: true },
  });
  if (!rubric) throw ruleViolation('No such rubric', { reason: 'NO_RUBRIC', field: 'rubricId' });
  if (!rubric.active)
    throw ruleViolation('This rubric is not active', { reason: 'RUBRIC_INACTIVE', field: 'rubricId' });
  return rubric;
}

/** Inspectors are active users of the organisation who may perform inspections. */
export async function checkInspectors(prisma: PrismaClient, user: SessionUser, ids: string[]): Promise<void> {
  const rows = await prisma.user.findMany({
    where: { id: { in: ids }, organizationId: user.organizationId, active: true },
    select: { id: true, role: true },
  });
  const ok = new Set(rows.filter((r) => can(r.role, 'inspection:perform')).map((r) => r.id));
  const bad = ids.filter((id) => !ok.has(id));
  if (bad.length) {
    throw ruleViolation('Inspectors must be active supervisors of the organisation', {
      reason: 'INVALID_INSPECTOR',
      inspectorIds: bad,
    });
  }
}

interface Plan {
  result: SampleResult;
  eligible: number;
  rubric: Awaited<ReturnType<typeof rubricFor>>;
  strata: TSamplingStrata;
}

async function plan(prisma: PrismaClient, user: SessionUser, body: TSamplingRunInput): Promise<Plan> {
  const inspectorIds = [...new Set(body.inspectorIds)];
  await checkInspectors(prisma, user, inspectorIds);
  const rubric = await rubricFor(prisma, user.organizationId, body.rubricId);
  const strata: TSamplingStrata = {
    ...body.strata,
    outcomes: body.strata.outcomes?.length ? body.strata.outcomes : ['COMPLETED'],
  };
  const where: Prisma.VisitRecordWhereInput = {
    organizationId: user.organizationId,
    startedAt: monthRange(body.month, user.timezone),
    outcome: { in: strata.outcomes },
    channel: strata.channels?.length ? { in: strata.channels } : undefined,
    callerId: body.callerIds?.length ? { in: body.callerIds } : undefined,
  };
  const [records, sampled] = await Promise.all([
    prisma.visitRecord.findMany({
      where,
      select: { id: true, callerId: true, channel: true, outcome: true, satisfaction: true },
    }),
    prisma.inspection.findMany({
      where: { organizationId: user.organizationId, visit: where },
      select: { visitId: true },
    }),
  ]);
  const alreadySampled = new Set(sampled.map((s) => s.visitId));
  const result = sampleRecords({
    records,
    alreadySampled,
    mode: body.mode,
    rateBp: body.rateBp,
    perCaller: body.perCaller,
    minPerCaller: body.minPerCaller,
    strata,
    inspectors: inspectorIds.map((id) => ({ id })),
    seed: body.seed,
  });
  return { result, eligible: records.length - alreadySampled.size, rubric, strata };
}

export async function previewRun(
  prisma: PrismaClient,
  actor: Actor,
  body: TSamplingRunInput,
): Promise<TSamplingPreview> {
  const user = actor.user;
  const p = await plan(prisma, user, body);
  const names = await userNames(prisma, [
    ...p.result.perCaller.map((c) => c.callerId),
    ...p.result.perInspector.map((i) => i.inspectorId),
  ]);
  return {
    month: body.month,
    eligible: p.eligible,
    total: p.result.picks.length,
    perCaller: p.result.perCaller.map((c) => ({
      caller: person(names, c.callerId),
      eligible: c.eligible,
      picked: c.picked,
    })),
    perInspector: p.result.perInspector.map((i) => ({
      inspector: person(names, i.inspectorId),
      assigned: i.assigned,
    })),
    rubric: { id: p.rubric.id, name: p.rubric.name, version: p.rubric.version },
  };
}

export async function createRun(
  prisma: PrismaClient,
  actor: Actor,
  body: TSamplingRunInput,
): Promise<TSamplingRun> {
  const user = actor.user;
  const p = await plan(prisma, user, body);
  if (p.result.picks.length === 0) {
    throw ruleViolation('No record of this month matches: nothing to sample', {
      reason: 'NOTHING_TO_SAMPLE',
    });
  }
  const inspectorIds = [...new Set(body.inspectorIds)];
  const runId = await prisma
    .$transaction(async (tx) => {
      const run = await tx.samplingRun.create({
        data: {
          organizationId: user.organizationId,
          month: body.month,
          mode: body.mode,
          rateBp: body.mode === 'RATE' ? (body.rateBp ?? null) : null,
          perCaller: body.mode === 'PER_CALLER' ? (body.perCaller ?? null) : null,
          minPerCaller: body.minPerCaller,
          strata: p.strata,
          seed: body.seed,
          rubricId: p.rubric.id,
          inspectorIds,
          createdById: user.id,
        },
      });
      const picked = await tx.visitRecord.findMany({
        where: { id: { in: p.result.picks.map((pick) => pick.recordId) } },
        select: {
          id: true,
          recordingRef: true,
          startedAt: true,
          _count: { select: { recordings: { where: { deletedAt: null } } } },
        },
      });
      const recorded = new Set(
        picked.filter((r) => visitHasRecording(r.recordingRef, r._count.recordings)).map((r) => r.id),
      );
      const started = new Map(picked.map((r) => [r.id, r.startedAt]));
      await tx.inspection.createMany({
        data: p.result.picks.map((pick) => ({
          // listening to the recording when there is one, else checking the record
          method: defaultInspectionMethod(recorded.has(pick.recordId)),
          organizationId: user.organizationId,
          runId: run.id,
          visitId: pick.recordId,
          visitStartedAt: started.get(pick.recordId)!,
          callerId: pick.callerId,
          inspectorId: pick.inspectorId,
          rubricId: p.rubric.id,
          rubricVersion: p.rubric.version,
          rubricSnapshot: p.rubric.criteria as Prisma.InputJsonValue,
        })),
      });
      await audit(tx, actor, {
        action: 'SAMPLING_RUN_CREATED',
        entity: 'SamplingRun',
        entityId: run.id,
        after: { ...body, picks: p.result.picks.length, perInspector: p.result.perInspector },
      });
      return run.id;
    })
    .catch((e: unknown) => {
      if ((e as { code?: string }).code === 'P2002') {
        throw conflict('Some of these records were sampled meanwhile; preview again', {
          reason: 'ALREADY_SAMPLED',
        });
      }
      throw e;
    });
  const page = await listRuns(prisma, actor, { page: 1, size: 1 }, runId);
  return page.items[0] as TSamplingRun;
}

export async function listRuns(
  prisma: PrismaClient,
  actor: Actor,
  q: { page: number; size: number; month?: string },
  onlyId?: string,
): Promise<TPage<TSamplingRun>> {
  const user = actor.user;
  const where: Prisma.SamplingRunWhereInput = {
    organizationId: user.organizationId,
    month: q.month,
    id: onlyId,
  };
  const [total, rows] = await Promise.all([
    prisma.samplingRun.count({ where }),
    prisma.samplingRun.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
  ]);
  const ids = rows.map((r) => r.id);
  const [byStatus, passed] = await Promise.all([
    prisma.inspection.groupBy({
      by: ['runId', 'status'],
      where: { runId: { in: ids } },
      _count: { _all: true },
    }),
    prisma.inspection.groupBy({
      by: ['runId'],
      where: { runId: { in: ids }, effectivePassed: true },
      _count: { _all: true },
    }),
  ]);
  const names = await userNames(prisma, [
    ...rows.flatMap((r) => r.inspectorIds),
    ...rows.map((r) => r.createdById),
  ]);
  const count = (runId: string, status: string) =>
    byStatus.find((g) => g.runId === runId && g.status === status)?._count._all ?? 0;
  return {
    total,
    page: q.page,
    size: q.size,
    items: rows.map((r) => {
      const pending = count(r.id, 'PENDING');
      const inProgress = count(r.id, 'IN_PROGRESS');
      const submitted = count(r.id, 'SUBMITTED');
      return {
        id: r.id,
        month: r.month,
        mode: r.mode as TSamplingRun['mode'],
        rateBp: r.rateBp,
        perCaller: r.perCaller,
        minPerCaller: r.minPerCaller,
        strata: (r.strata ?? {}) as TSamplingStrata,
        seed: r.seed,
        rubricId: r.rubricId,
        inspectors: r.inspectorIds.map((id) => person(names, id)),
        createdBy: person(names, r.createdById),
        createdAt: r.createdAt.toISOString(),
        counts: {
          total: pending + inProgress + submitted,
          pending,
          inProgress,
          submitted,
          passed: passed.find((g) => g.runId === r.id)?._count._all ?? 0,
        },
      };
    }),
  };
}
