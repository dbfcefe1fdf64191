import {
  type TCriterionScore,
  type TFinding,
  type TRubricCriterion,
  ZRubricCriterion,
} from '@huifang/contracts';
import { addMonths, monthIn, sampleRecords, scoreInspection } from '@huifang/domain';
import { z } from 'zod';
import type { Prisma, Tx } from '../db/prisma.ts';
import { monthRange } from '../modules/supervision/sampling.ts';
import type { DemoContext } from './demo-context.ts';

const CALLERS = ['caller1@demo.local', 'caller2@demo.local', 'caller3@demo.local'];
const INSPECTORS = ['supervisor@demo.local', 'supervisor2@demo.local'];
const SEED = 20_240_601;
const HOUR = 3_600_000;

/** Full marks but for a few points here and there, for a passing inspection. */
function passingScores(criteria: TRubricCriterion[], k: number): TCriterionScore[] {
  return criteria.map((c, i) => ({
    criterionId: c.id,
    score: c.weight - ((i + k) % 3 === 0 ? Math.min(3, Math.floor(c.weight * 0.2)) : 0),
    comment: null,
  }));
}

interface Failure {
  scores: (criteria: TRubricCriterion[]) => TCriterionScore[];
  findings: TFinding[];
  comment: string;
}

const FAILURES: Failure[] = [
  {
    // rude to the customer: a critical item fails whatever the total
    scores: (criteria) =>
      criteria.map((c) =>
        c.id === 'attitude'
          ? { criterionId: c.id, score: 8, failed: true, comment: '录音中多次打断客户，语气生硬。' }
          : { criterionId: c.id, score: c.weight, comment: null },
      ),
    findings: ['ATTITUDE'],
    comment: '服务态度不达标，需加强礼仪培训。',
  },
  {
    // late and incomplete: below the threshold
    scores: (criteria) =>
      criteria.map((c) =>
        c.id === 'timeliness'
          ? { criterionId: c.id, score: 8, comment: '超出计划窗口 3 天才回访。' }
          : c.id === 'process'
            ? { criterionId: c.id, score: 11, comment: '未按问卷逐项询问。' }
            : { criterionId: c.id, score: c.weight, comment: null },
      ),
    findings: ['LATE', 'INCOMPLETE'],
    comment: '回访逾期且问卷未问完整。',
  },
];

/**
 * Sampling runs, inspections and appeals of the demo organisation: last month's run by
 * supervisor@ over 回访一组's completed records — 12 inspections shared by supervisor@ and
 * supervisor2@: 9 submitted (7 passed, 2 failed with findings), 1 in progress, 2 pending; a
 * pending appeal by caller2@ on a failed one. Creates no tasks, visits or customers.
 */
export async function seedDemoSupervision(tx: Tx, demo: DemoContext): Promise<void> {
  const { orgId, now, tz, users } = demo;
  const rubric = await tx.rubric.findFirst({ where: { organizationId: orgId, isDefault: true } });
  if (!rubric) return;
  const criteria = z.array(ZRubricCriterion).parse(rubric.criteria);
  const month = addMonths(monthIn(now, tz), -1);
  const callerIds = CALLERS.map(users);
  const inspectorIds = INSPECTORS.map(users);
  const records = await tx.visitRecord.findMany({
    where: {
      organizationId: orgId,
      callerId: { in: callerIds },
      outcome: 'COMPLETED',
      startedAt: monthRange(month, tz),
    },
    select: { id: true, callerId: true, channel: true, outcome: true, satisfaction: true, startedAt: true },
  });
  if (!records.length) return;

  // The sampler orders by id; ids are random uuids, so hand it stable keys (caller, time) instead.
  const keyOf = new Map<string, string>();
  const byKey = new Map<string, (typeof records)[number]>();
  for (const r of records) {
    const key = `${callerIds.indexOf(r.callerId)}|${r.startedAt.toISOString()}|${r.id}`;
    keyOf.set(r.id, key);
    byKey.set(key, r);
  }
  const sorted = [...records].sort((a, b) => ((keyOf.get(a.id) ?? '') < (keyOf.get(b.id) ?? '') ? -1 : 1));
  const stable = sorted.map((r, i) => ({
    id: String(i).padStart(5, '0'),
    callerId: CALLERS[callerIds.indexOf(r.callerId)] ?? r.callerId,
    channel: r.channel,
    outcome: r.outcome,
    satisfaction: r.satisfaction,
  }));
  const result = sampleRecords({
    records: stable,
    alreadySampled: new Set(),
    mode: 'PER_CALLER',
    perCaller: 4,
    minPerCaller: 0,
    strata: {},
    inspectors: INSPECTORS.map((id) => ({ id })),
    seed: SEED,
  });

  const run = await tx.samplingRun.create({
    data: {
      organizationId: orgId,
      month,
      mode: 'PER_CALLER',
      perCaller: 4,
      minPerCaller: 0,
      strata: { outcomes: ['COMPLETED'] },
      seed: SEED,
      rubricId: rubric.id,
      inspectorIds,
      createdById: users('supervisor@demo.local'),
      createdAt: new Date(now.getTime() - 72 * HOUR),
    },
  });

  // Who fails: the first pick of caller2 and of caller3; open work: the last picks of caller1.
  const picks = result.picks.map((p) => {
    const rec = sorted[Number(p.recordId)];
    if (!rec) throw new Error('demo sampling lost a record');
    return { ...p, caller: p.callerId, inspectorId: users(p.inspectorId), record: rec };
  });
  const ofCaller = (email: string) => picks.filter((p) => p.caller === email);
  const fails = new Map([
    [ofCaller('caller2@demo.local')[0], 0],
    [ofCaller('caller3@demo.local')[0], 1],
  ]);
  const c1 = ofCaller('caller1@demo.local');
  const inProgress = c1.at(-1);
  const pending = new Set([c1.at(-2), ofCaller('caller3@demo.local').at(-1)]);

  const data: Prisma.InspectionCreateManyInput[] = [];
  const appealFor: string[] = [];
  picks.forEach((p, k) => {
    const base = {
      organizationId: orgId,
      runId: run.id,
      visitId: p.record.id,
      visitStartedAt: p.record.startedAt,
      callerId: p.record.callerId,
      inspectorId: p.inspectorId,
      rubricId: rubric.id,
      rubricVersion: rubric.version,
      rubricSnapshot: rubric.criteria as Prisma.InputJsonValue,
      createdAt: run.createdAt,
    };
    if (pending.has(p)) {
      data.push(base);
      return;
    }
    if (p === inProgress) {
      data.push({
        ...base,
        status: 'IN_PROGRESS',
        startedAt: new Date(now.getTime() - 2 * HOUR),
        scores: passingScores(criteria, k).slice(0, 2) as Prisma.InputJsonValue,
        timeSpentSec: 240,
        version: 3,
      });
      return;
    }
    const failure = fails.has(p) ? FAILURES[fails.get(p) ?? 0] : undefined;
    const scores = failure ? failure.scores(criteria) : passingScores(criteria, k);
    const score = scoreInspection(criteria, scores, 80);
    const submittedAt = new Date(now.getTime() - (6 + 3 * k) * HOUR);
    data.push({
      ...base,
      status: 'SUBMITTED',
      method: k % 3 === 2 ? 'RECORD_CHECK' : 'RECORDING_REVIEW',
      scores: scores as Prisma.InputJsonValue,
      findings: failure?.findings ?? [],
      comment: failure?.comment ?? null,
      total: score.total,
      criticalFailed: score.criticalFailed,
      passed: score.passed,
      effectivePassed: score.passed,
      timeSpentSec: 600 + 60 * k,
      startedAt: new Date(submittedAt.getTime() - HOUR),
      submittedAt,
      version: 4,
    });
    if (failure && p.caller === 'caller2@demo.local') appealFor.push(p.record.id);
  });
  await tx.inspection.createMany({ data });

  for (const visitId of appealFor) {
    const inspection = await tx.inspection.findUniqueOrThrow({ where: { visitId } });
    await tx.inspectionAppeal.create({
      data: {
        inspectionId: inspection.id,
        callerId: inspection.callerId,
        reason: '客户当时情绪激动，我一直在耐心解释，录音后半段可以听到客户认可了我的处理。',
        items: [{ criterionId: 'attitude', proposedScore: 16 }],
        createdAt: new Date(now.getTime() - HOUR),
      },
    });
  }
}
