// Contracts of the KPI engine and the incentive policy (docs/rules.md#r-kpi-1-the-month-of-a-caller). Units are in the names:
// `…Bp` basis points (1 bp = 0.01 %), `…Hundredths`, `…Fen` money; all integers.
import { z } from 'zod';
import { ZDay, ZMonth } from './enums.ts';
import { DEDUCTION_CAP_KEYS, HEAD_REVIEW_TRIGGER_KEYS, KPI_DIMENSION_KEYS } from './values.ts';

const int = z.number().int();
const count = int.nonnegative();
const bp = int.min(0).max(10000);
const fen = int.min(0).max(100_000_000);

export const KPI_SCOPES = ['caller', 'team', 'department'] as const;
export const ZKpiScope = z.enum(KPI_SCOPES);
export type TKpiScope = z.infer<typeof ZKpiScope>;

export const ZGrade = z.enum(['A', 'B', 'C', 'D', 'E']);
export type TGrade = z.infer<typeof ZGrade>;

export const ZKpiDimensionKey = z.enum(KPI_DIMENSION_KEYS);

const ZWeights = z.object({
  timeliness: int.min(0).max(100),
  completion: int.min(0).max(100),
  process: int.min(0).max(100),
  content: int.min(0).max(100),
  records: int.min(0).max(100),
  cost: int.min(0).max(100),
});

export const ZHeadReviewTrigger = z.enum(HEAD_REVIEW_TRIGGER_KEYS);
export const ZDeductionCap = z.enum(DEDUCTION_CAP_KEYS);

/**
 * Every value of the incentive policy; the defaults are docs/rules.md#policy-defaults (packages/domain
 * DEFAULT_INCENTIVE_POLICY). Values added later carry their default here, so that a version
 * stored before them parses (docs/rules.md#r-inc-14-policy-versions).
 */
export const ZIncentivePolicyValues = z
  .object({
    weights: ZWeights,
    /** lower bounds (exclusive) in hundredths of a point */
    gradeBands: z.object({ A: bp, B: bp, C: bp, D: bp }),
    costBudgetPerVisitFen: fen,
    targets: z.object({ completionBp: bp, passRateBp: bp, satisfactionHundredths: int.min(100).max(500) }),
    performanceBonusFen: fen,
    dailyPayFen: fen,
    excellentCaller: z.object({
      amountFen: fen,
      minCompletionBp: bp,
      minPassRateBp: bp,
      minImprovementBp: int.min(0).max(100000),
    }),
    gradeBonusFen: z.object({ A: fen, B: fen, C: fen, D: fen, E: fen }),
    warning: z.object({ belowCompletionBp: bp, remediationDays: int.min(1).max(60), deductionBp: bp }),
    retraining: z.object({ belowPassRateBp: bp, deductionDays: int.min(0).max(31) }),
    conduct: z.object({ deductionBp: bp }),
    headReview: z.object({
      consecutiveMonths: int.min(1).max(12),
      deductionBp: bp,
      /** which miss counts: the visit task (completion) target — seed 000 §5.3 — or any of the three */
      trigger: ZHeadReviewTrigger.default('COMPLETION_TARGET'),
    }),
    gradeE: z.object({
      consecutiveMonths: int.min(1).max(12),
      deductionBp: bp,
      /** grade E: the days to improve (seed 003 "限期做出改进"); 0: no deadline (R-TRN-5) */
      improvementDays: int.min(0).max(90).default(30),
    }),
    /** a failed training test proposes retraining on the month's sheet (seed 004, R-TRN-6) */
    training: z.object({ testsInEvaluation: z.boolean() }).default({ testsInEvaluation: true }),
    teamAwardFen: fen,
    /** the quarter's mean satisfaction over the previous quarter's, at least (seed 000 §5.2 "客戶滿意度提升率") */
    teamAwardMinImprovementBp: int.min(0).max(100000).default(500),
    /** one person's deductions of a month at most the month's performance bonus (seed 000 §5.3), or uncapped */
    deductionCap: ZDeductionCap.default('PERFORMANCE_BONUS'),
    specialAwardFen: fen,
    appealWindowDays: int.min(0).max(90),
  })
  .superRefine((v, ctx) => {
    const w = v.weights;
    const sum = w.timeliness + w.completion + w.process + w.content + w.records + w.cost;
    if (sum !== 100)
      ctx.addIssue({ code: 'custom', path: ['weights'], message: `the weights sum to ${sum}, not 100` });
    const b = v.gradeBands;
    if (!(b.A > b.B && b.B > b.C && b.C > b.D)) {
      ctx.addIssue({
        code: 'custom',
        path: ['gradeBands'],
        message: 'grade bands must descend: A > B > C > D',
      });
    }
  });
export type TIncentivePolicyValues = z.infer<typeof ZIncentivePolicyValues>;

export const ZIncentivePolicy = z.object({
  id: z.string(),
  version: int,
  effectiveMonth: ZMonth,
  values: ZIncentivePolicyValues,
  note: z.string().nullable(),
  createdByName: z.string().nullable(),
  createdAt: z.string(),
});
export type TIncentivePolicy = z.infer<typeof ZIncentivePolicy>;

export const ZIncentivePolicyList = z.object({
  /** the version in force this month */
  currentVersion: int,
  items: z.array(ZIncentivePolicy),
});
export type TIncentivePolicyList = z.infer<typeof ZIncentivePolicyList>;

export const ZIncentivePolicyCreate = z.object({
  effectiveMonth: ZMonth,
  values: ZIncentivePolicyValues,
  note: z.string().trim().max(500).optional(),
  /** the newest version the editor saw: a newer one meanwhile → 409 */
  basedOnVersion: int,
});
export type TIncentivePolicyCreate = z.infer<typeof ZIncentivePolicyCreate>;

export const ZKpiCounts = z.object({
  assigned: count,
  done: count,
  onTime: count,
  inspected: count,
  passed: count,
  contentFaults: count,
  records: count,
  recordsCorrected: count,
  satisfactionSum: count,
  satisfactionCount: count,
  prevSatisfactionSum: count,
  prevSatisfactionCount: count,
  conductConfirmed: count,
  expensesFen: count,
});

export const ZKpiDimension = z.object({
  key: ZKpiDimensionKey,
  weight: int,
  measured: z.boolean(),
  rateBp: int.nullable(),
  pointsHundredths: int.nullable(),
});

export const ZKpiResult = z.object({
  counts: ZKpiCounts,
  completionBp: int.nullable(),
  onTimeBp: int.nullable(),
  passRateBp: int.nullable(),
  satisfactionHundredths: int.nullable(),
  prevSatisfactionHundredths: int.nullable(),
  satisfactionChangeBp: int.nullable(),
  dimensions: z.array(ZKpiDimension),
  scoreHundredths: int.nullable(),
  grade: ZGrade.nullable(),
  /** the weights of the assessed dimensions; the score is pointsSumHundredths × 100 ÷ this (docs/rules.md#r-kpi-7-hundred-point-score) */
  assessedWeight: int,
  pointsSumHundredths: int,
  /** dimensions without evidence this month: not assessed, the score re-weighted over the others */
  unassessed: z.array(ZKpiDimensionKey),
});
export type TKpiResult = z.infer<typeof ZKpiResult>;

export const ZKpiRow = z.object({
  /** a user, team or department id */
  id: z.string(),
  name: z.string(),
  teamId: z.string().nullable(),
  departmentId: z.string().nullable(),
  kpi: ZKpiResult,
});
export type TKpiRow = z.infer<typeof ZKpiRow>;

export const ZKpiQuery = z.object({
  /** defaults to the current month in the organisation's timezone */
  month: ZMonth.optional(),
  scope: ZKpiScope.default('caller'),
});
export type TKpiQuery = z.infer<typeof ZKpiQuery>;

/** Where a month stands today (organisation time): over, running, not begun (docs/rules.md#r-kpi-12-a-month-in-progress). */
export const ZMonthPhase = z.enum(['PAST', 'RUNNING', 'FUTURE']);
export type TMonthPhase = z.infer<typeof ZMonthPhase>;
/** The day before which a task must be due to count (unless finished); null: every task of the month counts. */
export const ZDueBefore = ZDay.nullable();

export const ZKpiResponse = z.object({
  month: ZMonth,
  /** when the figures were computed (they are shared for a minute) */
  asOf: z.string(),
  scope: ZKpiScope,
  /** a month not over is measured on what was due so far, graded provisionally */
  phase: ZMonthPhase,
  dueBefore: ZDueBefore,
  policyVersion: int,
  targets: ZIncentivePolicyValues.shape.targets,
  rows: z.array(ZKpiRow),
  /** the sum over the rows shown */
  total: ZKpiResult,
});
export type TKpiResponse = z.infer<typeof ZKpiResponse>;
