// Training (docs/rules.md#r-trn-1-training-plans-and-sessions): the pure rules — a
// test's pass, the retraining deduction by the days actually attended (seed 000 §5.3 "培訓期間扣除當天工資"),
// the re-check of the pass rate after retraining (降职或辭退 proposed, people decide), the grade E
// improvement deadline (seed 003 "限期做出改进") and the failed test in the monthly evaluation
// (seed 004 考核成绩与绩效挂钩). Every value comes from the policy; none is a constant here.

import { TRAINING_MAX_DAYS, TRAINING_MAX_SCORE } from '@huifang/contracts/values';
import type { IncentivePolicyValues, ProposedItem } from './incentives.ts';
import { ratioAtLeast } from './kpi.ts';
import { rateBp } from './report-math.ts';

export { TRAINING_MAX_DAYS, TRAINING_MAX_SCORE };

/** Whether a test score reaches the session's pass mark; null without a score. */
export function testPassed(score: number | null, passMark: number): boolean | null {
  if (score === null) return null;
  return score >= passMark;
}

/** Whether the days attended fit the session (0 … its length). */
export function validDaysAttended(days: number, durationDays: number): boolean {
  return Number.isInteger(days) && days >= 0 && days <= durationDays;
}

/**
 * The retraining deduction (R-TRN-3): the days actually spent in training × the day's pay. Null
 * (no item, or the one there withdrawn) when nothing is deducted: no day attended, or no day's pay.
 */
export function trainingDayDeduction(input: {
  userId: string;
  departmentId: string | null;
  assignmentId: string;
  retrainingMonth: string;
  sessionDay: string;
  daysAttended: number;
  policy: Pick<IncentivePolicyValues, 'dailyPayFen'>;
}): ProposedItem | null {
  const pay = input.policy.dailyPayFen;
  if (input.daysAttended <= 0 || pay <= 0) return null;
  return {
    rule: 'PASS_RATE_DEDUCTION',
    kind: 'DEDUCTION',
    userId: input.userId,
    departmentId: input.departmentId,
    amountFen: pay * input.daysAttended,
    dedupeKey: `PASS_RATE_DEDUCTION:${input.userId}:${input.assignmentId}`,
    pairedWith: 'PASS_RATE_RETRAINING',
    figures: {
      daysAttended: input.daysAttended,
      dailyPayFen: pay,
      retrainingMonth: input.retrainingMonth,
      sessionDay: input.sessionDay,
    },
  };
}

/** A retraining assignment as the re-check sees it. */
export interface RecheckInput {
  assignmentId: string;
  userId: string;
  departmentId: string | null;
  /** the month whose pass rate failed */
  retrainingMonth: string;
  /** the month being closed */
  month: string;
  /** the session's first day (YYYY-MM-DD), null when not assigned to one yet */
  sessionDay: string | null;
  daysAttended: number;
  score: number | null;
  passMark: number | null;
  /** the closed month's inspections of the caller */
  inspected: number;
  passed: number;
  /** assignments of the same caller escalated before this one */
  earlierEscalations: number;
  policy: Pick<IncentivePolicyValues, 'retraining'>;
}

export type RecheckOutcome =
  /** not yet: the month is not after the retraining month, or no day trained by its end */
  | { outcome: 'NOT_DUE' }
  /** nothing inspected that month: no evidence either way, the assignment stays open */
  | { outcome: 'NO_EVIDENCE' }
  /** the pass rate reached the bar: the assignment closes */
  | { outcome: 'PASSED' }
  /** still below: the next step proposed, for a manager to decide */
  | { outcome: 'STILL_BELOW'; proposal: ProposedItem };

/**
 * The re-check after retraining (R-TRN-4). Made at the close of the first month after the
 * retraining month in which the caller had been trained (a day attended at a session starting
 * that month or before): the month's pass rate still below `retraining.belowPassRateBp` → a
 * DEMOTION_PROPOSAL, or a DISMISSAL_PROPOSAL when an earlier retraining of the caller already
 * ended in one (seed 000: "視情節輕重給予降職或辭退處理" — people judge the severity; the product
 * proposes the milder step first). The figures are the evidence.
 */
export function retrainingRecheck(r: RecheckInput): RecheckOutcome {
  if (r.month <= r.retrainingMonth) return { outcome: 'NOT_DUE' };
  if (r.sessionDay === null || r.daysAttended <= 0 || r.sessionDay.slice(0, 7) > r.month)
    return { outcome: 'NOT_DUE' };
  if (r.inspected <= 0) return { outcome: 'NO_EVIDENCE' };
  const bar = r.policy.retraining.belowPassRateBp;
  if (ratioAtLeast(r.passed, r.inspected, bar, 10000)) return { outcome: 'PASSED' };
  const dismissal = r.earlierEscalations > 0;
  return {
    outcome: 'STILL_BELOW',
    proposal: {
      rule: 'RETRAINING_RECHECK',
      kind: dismissal ? 'DISMISSAL_PROPOSAL' : 'DEMOTION_PROPOSAL',
      userId: r.userId,
      departmentId: r.departmentId,
      amountFen: null,
      dedupeKey: `RETRAINING_RECHECK:${r.userId}:${r.assignmentId}`,
      figures: {
        inspected: r.inspected,
        passed: r.passed,
        passRateBp: rateBp(r.passed, r.inspected),
        thresholdBp: bar,
        retrainingMonth: r.retrainingMonth,
        sessionDay: r.sessionDay,
        daysAttended: r.daysAttended,
        score: r.score,
        passMark: r.passMark,
        earlierEscalations: r.earlierEscalations,
      },
    },
  };
}

/**
 * The grade E improvement deadline (R-TRN-5): a grade E month → a WARNING (限期改进) whose window
 * is `gradeE.improvementDays` from the close that first proposes it; none when the policy sets 0.
 */
export function gradeEImprovement(input: {
  userId: string;
  departmentId: string | null;
  grade: string | null;
  scoreHundredths: number | null;
  policy: Pick<IncentivePolicyValues, 'gradeE'>;
}): ProposedItem | null {
  const days = input.policy.gradeE.improvementDays;
  if (input.grade !== 'E' || days <= 0) return null;
  return {
    rule: 'GRADE_E_IMPROVEMENT',
    kind: 'WARNING',
    userId: input.userId,
    departmentId: input.departmentId,
    amountFen: null,
    dedupeKey: `GRADE_E_IMPROVEMENT:${input.userId}`,
    remediationDays: days,
    figures: { scoreHundredths: input.scoreHundredths, improvementDays: days },
  };
}

/** The instant an improvement window ends: `days` × 24 h after it opened. */
export function improvementDeadline(openedAt: Date, days: number): Date {
  return new Date(openedAt.getTime() + days * 86_400_000);
}

/**
 * A training test failed in the month, where the policy links training results to the monthly
 * evaluation (R-TRN-6, seed 004 "對考核不合格的客服人員進行補考或重新培訓") → RETRAINING
 * (补考或重新培训), one per failed attendance; nothing when the policy does not link them.
 */
export function failedTestItem(input: {
  userId: string;
  departmentId: string | null;
  attendanceId: string;
  sessionTitle: string;
  sessionDay: string;
  score: number;
  passMark: number;
  policy: Pick<IncentivePolicyValues, 'training'>;
}): ProposedItem | null {
  if (!input.policy.training.testsInEvaluation) return null;
  if (input.score >= input.passMark) return null;
  return {
    rule: 'TRAINING_TEST_FAILED',
    kind: 'RETRAINING',
    userId: input.userId,
    departmentId: input.departmentId,
    amountFen: null,
    dedupeKey: `TRAINING_TEST_FAILED:${input.userId}:${input.attendanceId}`,
    figures: {
      sessionTitle: input.sessionTitle,
      sessionDay: input.sessionDay,
      score: input.score,
      passMark: input.passMark,
    },
  };
}
