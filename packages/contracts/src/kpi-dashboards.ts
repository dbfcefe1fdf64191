// Contracts of the KPI dashboards (docs/product.md#dashboards): manager, lead and caller, and the trend read from
// month-close snapshots. Units are in the names: `…Bp` basis points, `…Hundredths`, `…Fen`.
import { z } from 'zod';
import { ZMonth } from './enums.ts';
import {
  ZDueBefore,
  ZGrade,
  ZIncentivePolicyValues,
  ZKpiDimensionKey,
  ZKpiResult,
  ZMonthPhase,
} from './kpi.ts';

const int = z.number().int();
const count = int.nonnegative();
const ZTargets = ZIncentivePolicyValues.shape.targets;

export const ZTargetState = z.enum(['MET', 'MISSED', 'UNMEASURED']);
export type TTargetState = z.infer<typeof ZTargetState>;

/** A month's headline figures of one subject (a trend point). */
export const ZKpiPoint = z.object({
  month: ZMonth,
  subjectId: z.string(),
  name: z.string(),
  completionBp: int.nullable(),
  passRateBp: int.nullable(),
  satisfactionHundredths: int.nullable(),
  scoreHundredths: int.nullable(),
  grade: ZGrade.nullable(),
  /** false: computed now (the month is not closed); true: read from its month-close snapshot */
  closed: z.boolean(),
  /** the month is not over: measured on what was due so far, a partial figure (docs/rules.md#r-kpi-12-a-month-in-progress) */
  partial: z.boolean(),
});
export type TKpiPoint = z.infer<typeof ZKpiPoint>;

export const ZTrendScope = z.enum(['caller', 'team', 'department', 'organization']);
export const ZKpiTrendQuery = z.object({
  /** default: the organisation for managers, the team for a lead, oneself for a caller */
  scope: ZTrendScope.optional(),
  /** one subject (a caller, team or department id); all of the scope when absent */
  id: z.uuid().optional(),
  months: z.coerce.number().int().min(1).max(36).default(12),
  /** the last month of the trend; the current month when absent */
  to: ZMonth.optional(),
});
export type TKpiTrendQuery = z.infer<typeof ZKpiTrendQuery>;
export const ZKpiTrend = z.object({
  scope: ZTrendScope,
  from: ZMonth,
  to: ZMonth,
  /** ordered by month, then subject name */
  points: z.array(ZKpiPoint),
});
export type TKpiTrend = z.infer<typeof ZKpiTrend>;

export const ZDashboardMonthQuery = z.object({ month: ZMonth.optional() });

/** One target of a department as a traffic light. */
export const ZTargetLight = z.object({
  value: int.nullable(),
  target: int,
  state: ZTargetState,
});

export const ZManagerDashboard = z.object({
  month: ZMonth,
  /** when the live figures were computed (they are shared for a minute); null from the month-close snapshot */
  asOf: z.string().nullable(),
  /** the month's figures come from its month-close snapshot */
  closed: z.boolean(),
  phase: ZMonthPhase,
  dueBefore: ZDueBefore,
  policyVersion: int,
  targets: ZTargets,
  /** completion and pass rate by caller, against the target lines; the drill-down's entry points */
  callers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      teamName: z.string().nullable(),
      completionBp: int.nullable(),
      passRateBp: int.nullable(),
      satisfactionHundredths: int.nullable(),
      scoreHundredths: int.nullable(),
      grade: ZGrade.nullable(),
      /** dimensions not assessed (no evidence): the score is re-weighted over the others */
      unassessed: z.array(ZKpiDimensionKey),
      assessedWeight: int,
    }),
  ),
  /** the whole organisation, the 12 months up to `month` */
  trend: z.array(ZKpiPoint),
  gradeDistribution: z.array(z.object({ grade: ZGrade, count })),
  /** callers without a grade this month (nothing to measure) */
  ungraded: count,
  incentives: z.object({
    /** NONE: the month is not closed */
    sheetStatus: z.enum(['NONE', 'OPEN', 'APPROVED']),
    proposed: count,
    approved: count,
    /** approved and proposed items, fen */
    bonusFen: count,
    deductionFen: count,
  }),
  tickets: z.object({
    created: count,
    responded: count,
    respondedOnTime: count,
    onTimeBp: int.nullable(),
    overdueNow: count,
    closed: count,
  }),
  /** the whole organisation's month against its targets, decided exactly as the departments' */
  organization: z.object({ completion: ZTargetLight, passRate: ZTargetLight, satisfaction: ZTargetLight }),
  departments: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      completion: ZTargetLight,
      passRate: ZTargetLight,
      satisfaction: ZTargetLight,
    }),
  ),
});
export type TManagerDashboard = z.infer<typeof ZManagerDashboard>;

export const ZCallerDashboardQuery = z.object({
  month: ZMonth.optional(),
  /** managers, administrators and a caller's lead may open another caller's dashboard */
  userId: z.uuid().optional(),
});

export const ZCallerDashboard = z.object({
  month: ZMonth,
  phase: ZMonthPhase,
  dueBefore: ZDueBefore,
  /** tasks due in the whole month (CANCELLED excluded); `kpi.counts.assigned` is those due so far */
  assignedInMonth: count,
  /** the grade bands the score was graded on (exclusive lower bounds, hundredths) */
  gradeBands: ZIncentivePolicyValues.shape.gradeBands,
  user: z.object({ id: z.string(), name: z.string(), teamName: z.string().nullable() }),
  targets: ZTargets,
  /** the month so far (live) */
  kpi: ZKpiResult,
  /** what is left to reach 100 % completion */
  remaining: z.object({
    /** tasks of the whole month not done yet (assignedInMonth − done) */
    toFullCompletion: count,
    open: count,
    overdue: count,
    dueToday: count,
    /** tasks still to finish to stay at or above the warning threshold */
    toAvoidWarning: count,
  }),
  /** days of the month: elapsed (today included) and in total, organisation time */
  days: z.object({ elapsed: count, total: count }),
  trend: z.array(ZKpiPoint),
  warningThresholdBp: int,
  retrainingThresholdBp: int,
});
export type TCallerDashboard = z.infer<typeof ZCallerDashboard>;

export const ZRiskReason = z.enum(['COMPLETION', 'PASS_RATE']);
export const ZLeadDashboard = z.object({
  month: ZMonth,
  /** when the team's figures were computed (they are shared for a minute) */
  asOf: z.string(),
  phase: ZMonthPhase,
  dueBefore: ZDueBefore,
  team: z.object({ id: z.string(), name: z.string() }).nullable(),
  targets: ZTargets,
  total: ZKpiResult,
  days: z.object({ elapsed: count, total: count }),
  callers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kpi: ZKpiResult,
      open: count,
      overdue: count,
      /** completion projected at the month's end at the caller's pace so far, basis points */
      projectedCompletionBp: int.nullable(),
      /** why they may get a warning or retraining at month end; empty: not at risk */
      risks: z.array(ZRiskReason),
    }),
  ),
  trend: z.array(ZKpiPoint),
  /** the month's sign-off of the team's visit records by the lead (R-CHAIN-5) */
  signOff: z.object({
    total: count,
    signedOff: count,
    sentBack: count,
    waiting: count,
    rateBp: int.nullable(),
  }),
});
export type TLeadDashboard = z.infer<typeof ZLeadDashboard>;
