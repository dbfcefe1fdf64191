// The incentive rules (seed 000 §5.2–5.3 and seed 003 考核细则 第5条 (docs/rules.md#r-inc-1-monthly-excellent-caller)): what a month's KPI proposes —
// bonuses, deductions, warnings, retraining, public criticism, the department head's review.
// Pure: the month close feeds it the month's KPI and the months before; every value comes from
// the policy in force for the month, none is a constant here. Nothing proposed is paid or
// deducted until a manager approves it.
//
// Each item names its rule and carries the figures that triggered it. Figure keys end in their
// unit so the UI can format them: `…Bp` basis points, `…Hundredths`, `…Fen` money; others are counts.

import {
  DEDUCTION_CAP_KEYS,
  HEAD_REVIEW_TRIGGER_KEYS,
  INCENTIVE_KIND_KEYS,
  INCENTIVE_RULE_KEYS,
} from '@huifang/contracts/values';
import {
  divRoundSigned,
  type Grade,
  type KpiCounts,
  type KpiPolicy,
  type KpiResult,
  type KpiTargets,
  meanChangeBp,
  meanImprovedAtLeast,
  ratioAtLeast,
  shareOfFen,
  sumCounts,
  targetStates,
} from './kpi.ts';
import { rateBp } from './report-math.ts';
import { gradeEImprovement } from './training.ts';

export interface IncentivePolicyValues extends KpiPolicy {
  targets: KpiTargets;
  /** the monthly performance bonus a percentage deduction is taken from */
  performanceBonusFen: number;
  /** one day's pay, for deductions counted in days */
  dailyPayFen: number;
  /** 月度优秀回访员: completion, pass rate and satisfaction improvement at least these */
  excellentCaller: {
    amountFen: number;
    minCompletionBp: number;
    minPassRateBp: number;
    minImprovementBp: number;
  };
  /** monthly bonus by grade (0 for none) */
  gradeBonusFen: Record<Grade, number>;
  /** completion below this → warning; still open after the window → deduction */
  warning: { belowCompletionBp: number; remediationDays: number; deductionBp: number };
  /**
   * pass rate below this → retraining; the days of pay deducted are the days attended
   * (docs/rules.md#r-trn-3-the-days-actually-trained). `deductionDays` is kept for versions stored
   * before and no longer used.
   */
  retraining: { belowPassRateBp: number; deductionDays: number };
  /** a CALLER_CONDUCT ticket confirmed against a caller → deduction and public criticism */
  conduct: { deductionBp: number };
  /**
   * a department missing its target this many months running → its head's written review and a
   * deduction. `trigger`: which miss counts — the visit task (completion) target, as seed 000 §5.3
   * says ("連續兩個月未完成回訪任務目標"), or any of the three targets
   */
  headReview: { consecutiveMonths: number; deductionBp: number; trigger: HeadReviewTrigger };
  /** grade E this many months running → deduction */
  gradeE: { consecutiveMonths: number; deductionBp: number; improvementDays: number };
  /** training results in the monthly evaluation (seed 004 考核成绩与绩效挂钩): a failed test → retraining */
  training: { testsInEvaluation: boolean };
  /**
   * the department's quarter as a whole (its three months summed) met the completion and pass-rate
   * targets and its mean satisfaction rose by at least `teamAwardMinImprovementBp` over the
   * previous quarter's (seed 000 §5.2)
   */
  teamAwardFen: number;
  teamAwardMinImprovementBp: number;
  /**
   * one person's deductions on a month's sheet never exceed the month's performance bonus
   * (`PERFORMANCE_BONUS`, seed 000 §5.3 "扣除當月績效獎金"), or are not capped (`NONE`)
   */
  deductionCap: DeductionCap;
  /** the usual amount of a special award (专项奖励), proposed by hand */
  specialAwardFen: number;
  /** days after an item is proposed within which its subject may appeal it */
  appealWindowDays: number;
}

/** The contract's lists of the head review's triggers and of the deduction caps. */
export const HEAD_REVIEW_TRIGGERS = HEAD_REVIEW_TRIGGER_KEYS;
export type HeadReviewTrigger = (typeof HEAD_REVIEW_TRIGGERS)[number];
export const DEDUCTION_CAPS = DEDUCTION_CAP_KEYS;
export type DeductionCap = (typeof DEDUCTION_CAPS)[number];

export const DEFAULT_INCENTIVE_POLICY: IncentivePolicyValues = {
  weights: { timeliness: 25, completion: 25, process: 15, content: 15, records: 10, cost: 10 },
  gradeBands: { A: 9000, B: 8000, C: 7000, D: 6000 },
  costBudgetPerVisitFen: 500,
  targets: { completionBp: 10000, passRateBp: 9500, satisfactionHundredths: 450 },
  performanceBonusFen: 100000,
  dailyPayFen: 20000,
  excellentCaller: { amountFen: 50000, minCompletionBp: 10000, minPassRateBp: 10000, minImprovementBp: 500 },
  gradeBonusFen: { A: 30000, B: 10000, C: 0, D: 0, E: 0 },
  warning: { belowCompletionBp: 9000, remediationDays: 7, deductionBp: 2000 },
  retraining: { belowPassRateBp: 9000, deductionDays: 1 },
  conduct: { deductionBp: 5000 },
  headReview: { consecutiveMonths: 2, deductionBp: 3000, trigger: 'COMPLETION_TARGET' },
  gradeE: { consecutiveMonths: 2, deductionBp: 1000, improvementDays: 30 },
  training: { testsInEvaluation: true },
  teamAwardFen: 300000,
  teamAwardMinImprovementBp: 500,
  deductionCap: 'PERFORMANCE_BONUS',
  specialAwardFen: 100000,
  appealWindowDays: 5,
};

/** The rules and kinds, as the shared contract names them. */
export const INCENTIVE_RULES = INCENTIVE_RULE_KEYS;
export type IncentiveRule = (typeof INCENTIVE_RULES)[number];

export const INCENTIVE_KINDS = INCENTIVE_KIND_KEYS;
export type IncentiveKind = (typeof INCENTIVE_KINDS)[number];

export type Figures = Record<string, number | string | null>;

export interface ProposedItem {
  rule: IncentiveRule;
  kind: IncentiveKind;
  /** the person concerned; null for a department's award */
  userId: string | null;
  departmentId: string | null;
  /** money, positive: a BONUS adds it, a DEDUCTION takes it; null for non-money items */
  amountFen: number | null;
  /** unique per month sheet: a rerun of the close updates the item instead of adding one */
  dedupeKey: string;
  figures: Figures;
  /** for a warning: the days the caller has to finish the month's tasks */
  remediationDays?: number;
  /** the rule whose item this one goes with (a deduction beside its retraining) */
  pairedWith?: IncentiveRule;
}

export interface CallerMonth {
  userId: string;
  departmentId: string | null;
  kpi: KpiResult;
  /** grades of the months before, the most recent first (null: no grade that month) */
  previousGrades: (Grade | null)[];
  /** CALLER_CONDUCT tickets confirmed against the caller in the month */
  conductTickets: { id: string; number: number }[];
}

export interface DepartmentMonth {
  departmentId: string;
  headUserId: string | null;
  kpi: KpiResult;
  /**
   * the department's counts in the months before, the most recent first (null: no figures that
   * month). The head's review looks back `headReview.consecutiveMonths − 1` months; the team award,
   * at a quarter's end, 5 (the quarter's two earlier months and the previous quarter).
   */
  previous: (KpiCounts | null)[];
}

/** Whether a month (YYYY-MM) is the last of a calendar quarter. */
export function isQuarterEnd(month: string): boolean {
  return Number(month.slice(5, 7)) % 3 === 0;
}

/** How many earlier months the rules look back on for a month's close. */
export function monthsToLookBack(month: string, p: IncentivePolicyValues): number {
  return (
    Math.max(p.headReview.consecutiveMonths, p.gradeE.consecutiveMonths, isQuarterEnd(month) ? 6 : 1) - 1
  );
}

/** `done / assigned ≥ bp`, exactly; false with nothing assigned. */
const completionAtLeast = (c: KpiCounts, bp: number) =>
  c.assigned > 0 && ratioAtLeast(c.done, c.assigned, bp, 10000);
/** `passed / inspected ≥ bp`, exactly; false without inspections. */
const passRateAtLeast = (c: KpiCounts, bp: number) =>
  c.inspected > 0 && ratioAtLeast(c.passed, c.inspected, bp, 10000);
/** `done / assigned < bp`, exactly; false with nothing assigned (nothing to miss). */
const completionBelow = (c: KpiCounts, bp: number) =>
  c.assigned > 0 && !ratioAtLeast(c.done, c.assigned, bp, 10000);
/** `passed / inspected < bp`, exactly; false without inspections. */
const passRateBelow = (c: KpiCounts, bp: number) =>
  c.inspected > 0 && !ratioAtLeast(c.passed, c.inspected, bp, 10000);

/** Whether a department's month counts as a miss for its head's written review (R-INC-8). */
export function headReviewMissed(c: KpiCounts | null, p: IncentivePolicyValues): boolean {
  if (!c) return false;
  if (p.headReview.trigger === 'ANY_TARGET') return targetStates({ counts: c }, p.targets).missed;
  return completionBelow(c, p.targets.completionBp);
}

/** The mean in hundredths, half up; null without ratings. */
const meanOf = (sum: number, count: number) =>
  count === 0 ? null : Number(divRoundSigned(BigInt(sum) * 100n, BigInt(count)));

/**
 * The quarterly team award's judgement (R-INC-9): the quarter as a whole — its three months'
 * counts summed — against the completion and pass-rate targets, and the quarter's mean
 * satisfaction against the previous quarter's, improved by at least the policy's rate. All exact;
 * what cannot be measured is not met. `months`: the quarter's three months, `previousQuarter`
 * the three before (null: no figures that month).
 */
export function teamAwardJudgement(
  months: readonly (KpiCounts | null)[],
  previousQuarter: readonly (KpiCounts | null)[],
  p: IncentivePolicyValues,
) {
  const q = sumCounts(months.filter((c): c is KpiCounts => c !== null));
  const pq = sumCounts(previousQuarter.filter((c): c is KpiCounts => c !== null));
  const completion = completionAtLeast(q, p.targets.completionBp);
  const passRate = passRateAtLeast(q, p.targets.passRateBp);
  const improvement = meanImprovedAtLeast(
    q.satisfactionSum,
    q.satisfactionCount,
    pq.satisfactionSum,
    pq.satisfactionCount,
    p.teamAwardMinImprovementBp,
  );
  return {
    met: completion && passRate && improvement,
    completion,
    passRate,
    improvement,
    figures: {
      assigned: q.assigned,
      done: q.done,
      completionBp: rateBp(q.done, q.assigned),
      targetCompletionBp: p.targets.completionBp,
      inspected: q.inspected,
      passed: q.passed,
      passRateBp: rateBp(q.passed, q.inspected),
      targetPassRateBp: p.targets.passRateBp,
      satisfactionHundredths: meanOf(q.satisfactionSum, q.satisfactionCount),
      prevQuarterSatisfactionHundredths: meanOf(pq.satisfactionSum, pq.satisfactionCount),
      satisfactionChangeBp: meanChangeBp(
        q.satisfactionSum,
        q.satisfactionCount,
        pq.satisfactionSum,
        pq.satisfactionCount,
      ),
      minImprovementBp: p.teamAwardMinImprovementBp,
    } satisfies Figures,
  };
}

function callerItems(c: CallerMonth, p: IncentivePolicyValues): ProposedItem[] {
  const items: ProposedItem[] = [];
  const k = c.kpi;
  const base = { userId: c.userId, departmentId: c.departmentId };
  const key = (rule: IncentiveRule, extra = '') => `${rule}:${c.userId}${extra}`;
  const counts = k.counts;

  // 月度优秀回访员: completion and pass rate at their bars, satisfaction up by at least the rate.
  const ex = p.excellentCaller;
  if (
    completionAtLeast(counts, ex.minCompletionBp) &&
    passRateAtLeast(counts, ex.minPassRateBp) &&
    meanImprovedAtLeast(
      counts.satisfactionSum,
      counts.satisfactionCount,
      counts.prevSatisfactionSum,
      counts.prevSatisfactionCount,
      ex.minImprovementBp,
    )
  ) {
    items.push({
      ...base,
      rule: 'EXCELLENT_CALLER',
      kind: 'BONUS',
      amountFen: ex.amountFen,
      dedupeKey: key('EXCELLENT_CALLER'),
      figures: {
        completionBp: k.completionBp,
        passRateBp: k.passRateBp,
        satisfactionHundredths: k.satisfactionHundredths,
        prevSatisfactionHundredths: k.prevSatisfactionHundredths,
        satisfactionChangeBp: k.satisfactionChangeBp,
        minImprovementBp: ex.minImprovementBp,
      },
    });
  }

  // Grade bonus (A/B by default).
  if (k.grade !== null && k.scoreHundredths !== null) {
    const amount = p.gradeBonusFen[k.grade];
    if (amount > 0) {
      items.push({
        ...base,
        rule: 'GRADE_BONUS',
        kind: 'BONUS',
        amountFen: amount,
        dedupeKey: key('GRADE_BONUS'),
        figures: { grade: k.grade, scoreHundredths: k.scoreHundredths },
      });
    }
  }

  // Completion below the bar → a warning and a remediation window (re-checked when it ends).
  if (completionBelow(counts, p.warning.belowCompletionBp)) {
    items.push({
      ...base,
      rule: 'COMPLETION_WARNING',
      kind: 'WARNING',
      amountFen: null,
      dedupeKey: key('COMPLETION_WARNING'),
      remediationDays: p.warning.remediationDays,
      figures: {
        assigned: counts.assigned,
        done: counts.done,
        completionBp: k.completionBp,
        thresholdBp: p.warning.belowCompletionBp,
        remediationDays: p.warning.remediationDays,
      },
    });
  }

  // Pass rate below the bar → retraining. The days of pay follow the days actually trained: the
  // attendance proposes them (packages/domain/src/training.ts trainingDayDeduction), not the close.
  if (passRateBelow(counts, p.retraining.belowPassRateBp)) {
    items.push({
      ...base,
      rule: 'PASS_RATE_RETRAINING',
      kind: 'RETRAINING',
      amountFen: null,
      dedupeKey: key('PASS_RATE_RETRAINING'),
      figures: {
        inspected: counts.inspected,
        passed: counts.passed,
        passRateBp: k.passRateBp,
        thresholdBp: p.retraining.belowPassRateBp,
      },
    });
  }

  // Grade E → improve within the deadline (限期做出改进).
  const improve = gradeEImprovement({
    ...base,
    grade: k.grade,
    scoreHundredths: k.scoreHundredths,
    policy: p,
  });
  if (improve) items.push(improve);

  // Each confirmed conduct complaint → a deduction and public criticism.
  for (const t of c.conductTickets) {
    const figures = { ticketNumber: t.number, ticketId: t.id };
    items.push({
      ...base,
      rule: 'CONDUCT_DEDUCTION',
      kind: 'DEDUCTION',
      amountFen: shareOfFen(p.performanceBonusFen, p.conduct.deductionBp),
      dedupeKey: key('CONDUCT_DEDUCTION', `:${t.id}`),
      figures: { ...figures, deductionBp: p.conduct.deductionBp, performanceBonusFen: p.performanceBonusFen },
    });
    items.push({
      ...base,
      rule: 'CONDUCT_CRITICISM',
      kind: 'PUBLIC_CRITICISM',
      amountFen: null,
      dedupeKey: key('CONDUCT_CRITICISM', `:${t.id}`),
      pairedWith: 'CONDUCT_DEDUCTION',
      figures,
    });
  }

  // Grade E this month and the months before → deduction.
  const n = p.gradeE.consecutiveMonths;
  if (
    n >= 1 &&
    k.grade === 'E' &&
    c.previousGrades.length >= n - 1 &&
    c.previousGrades.slice(0, n - 1).every((g) => g === 'E')
  ) {
    items.push({
      ...base,
      rule: 'GRADE_E_DEDUCTION',
      kind: 'DEDUCTION',
      amountFen: shareOfFen(p.performanceBonusFen, p.gradeE.deductionBp),
      dedupeKey: key('GRADE_E_DEDUCTION'),
      figures: {
        scoreHundredths: k.scoreHundredths,
        consecutiveMonths: n,
        deductionBp: p.gradeE.deductionBp,
        performanceBonusFen: p.performanceBonusFen,
      },
    });
  }
  return items;
}

function departmentItems(d: DepartmentMonth, month: string, p: IncentivePolicyValues): ProposedItem[] {
  const items: ProposedItem[] = [];
  const c = d.kpi.counts;
  const anyTarget = p.headReview.trigger === 'ANY_TARGET';
  const figures: Figures = {
    assigned: c.assigned,
    done: c.done,
    completionBp: d.kpi.completionBp,
    targetCompletionBp: p.targets.completionBp,
    // the other targets only when they count for the review
    ...(anyTarget
      ? {
          passRateBp: d.kpi.passRateBp,
          targetPassRateBp: p.targets.passRateBp,
          satisfactionHundredths: d.kpi.satisfactionHundredths,
          targetSatisfactionHundredths: p.targets.satisfactionHundredths,
        }
      : {}),
  };

  // Missed the visit task target this month and the months before → the head's written review and a deduction.
  const n = p.headReview.consecutiveMonths;
  if (
    n >= 1 &&
    d.headUserId &&
    headReviewMissed(c, p) &&
    d.previous.length >= n - 1 &&
    d.previous.slice(0, n - 1).every((m) => headReviewMissed(m, p))
  ) {
    const base = { userId: d.headUserId, departmentId: d.departmentId };
    items.push({
      ...base,
      rule: 'HEAD_REVIEW',
      kind: 'HEAD_REVIEW',
      amountFen: null,
      dedupeKey: `HEAD_REVIEW:${d.departmentId}`,
      figures: { ...figures, consecutiveMonths: n },
    });
    if (p.headReview.deductionBp > 0) {
      items.push({
        ...base,
        rule: 'HEAD_REVIEW_DEDUCTION',
        kind: 'DEDUCTION',
        amountFen: shareOfFen(p.performanceBonusFen, p.headReview.deductionBp),
        dedupeKey: `HEAD_REVIEW_DEDUCTION:${d.departmentId}`,
        pairedWith: 'HEAD_REVIEW',
        figures: {
          ...figures,
          consecutiveMonths: n,
          deductionBp: p.headReview.deductionBp,
          performanceBonusFen: p.performanceBonusFen,
        },
      });
    }
  }

  // The quarter's last month: the quarter as a whole against the targets → the team award.
  if (isQuarterEnd(month) && p.teamAwardFen > 0 && d.previous.length >= 5) {
    const j = teamAwardJudgement(
      [c, d.previous[0] ?? null, d.previous[1] ?? null],
      d.previous.slice(2, 5),
      p,
    );
    if (j.met) {
      items.push({
        rule: 'TEAM_AWARD',
        kind: 'BONUS',
        userId: d.headUserId,
        departmentId: d.departmentId,
        amountFen: p.teamAwardFen,
        dedupeKey: `TEAM_AWARD:${d.departmentId}`,
        figures: { quarter: `${month.slice(0, 4)}-Q${Number(month.slice(5, 7)) / 3}`, ...j.figures },
      });
    }
  }
  return items;
}

/** Everything the month's figures propose, in a stable order. */
export function proposeIncentives(input: {
  month: string;
  policy: IncentivePolicyValues;
  callers: readonly CallerMonth[];
  departments: readonly DepartmentMonth[];
}): ProposedItem[] {
  const items = [
    ...input.callers.flatMap((c) => callerItems(c, input.policy)),
    ...input.departments.flatMap((d) => departmentItems(d, input.month, input.policy)),
  ];
  const keys = new Set<string>();
  for (const i of items) {
    if (keys.has(i.dedupeKey)) throw new Error(`duplicate item ${i.dedupeKey}`);
    keys.add(i.dedupeKey);
  }
  return items;
}

/**
 * The re-check when a warning's remediation window ends: tasks of the month still open → the
 * deduction (a share of the performance bonus); none left → nothing.
 */
export function remediationDeduction(input: {
  userId: string;
  departmentId: string | null;
  warningMonth: string;
  warningItemId: string;
  openTasks: number;
  policy: IncentivePolicyValues;
}): ProposedItem | null {
  const p = input.policy;
  if (input.openTasks <= 0 || p.warning.deductionBp <= 0) return null;
  return {
    rule: 'REMEDIATION_DEDUCTION',
    kind: 'DEDUCTION',
    userId: input.userId,
    departmentId: input.departmentId,
    amountFen: shareOfFen(p.performanceBonusFen, p.warning.deductionBp),
    dedupeKey: `REMEDIATION_DEDUCTION:${input.userId}:${input.warningItemId}`,
    pairedWith: 'COMPLETION_WARNING',
    figures: {
      warningMonth: input.warningMonth,
      openTasks: input.openTasks,
      remediationDays: p.warning.remediationDays,
      deductionBp: p.warning.deductionBp,
      performanceBonusFen: p.performanceBonusFen,
    },
  };
}

/** An item as the deduction cap sees it. */
export interface CapItem {
  userId: string | null;
  kind: string;
  amountFen: number | null;
  status: string;
}

export interface CappedAmount {
  /** what is deducted: the item's amount, or what was left of the cap */
  amountFen: number | null;
  /** when the cap cut the item: its amount as the rule proposed it, and the cap; else null */
  uncappedFen: number | null;
  capFen: number | null;
}

/**
 * The deduction cap (R-INC-11): one person's deductions on one month's sheet never exceed the
 * month's performance bonus (`capFen`; null: no cap). `items` are one sheet's, in the sheet's
 * order; each deduction PROPOSED or APPROVED takes what is left of its person's cap, so a later
 * one is cut first. Withdrawn and rejected items, bonuses and measures without money are left as
 * they are and do not count. Returns one result per item, in order.
 */
export function applyDeductionCap(items: readonly CapItem[], capFen: number | null): CappedAmount[] {
  const left = new Map<string, number>();
  return items.map((i) => {
    const counted =
      capFen !== null &&
      i.kind === 'DEDUCTION' &&
      i.userId !== null &&
      i.amountFen !== null &&
      (i.status === 'PROPOSED' || i.status === 'APPROVED');
    if (!counted || i.userId === null || i.amountFen === null || capFen === null)
      return { amountFen: i.amountFen, uncappedFen: null, capFen: null };
    const rest = left.get(i.userId) ?? Math.max(0, capFen);
    const taken = Math.min(i.amountFen, rest);
    left.set(i.userId, rest - taken);
    return taken < i.amountFen
      ? { amountFen: taken, uncappedFen: i.amountFen, capFen }
      : { amountFen: i.amountFen, uncappedFen: null, capFen: null };
  });
}

/** The cap of a month's deductions under a policy: its performance bonus, or null when not capped. */
export function deductionCapFen(p: Pick<IncentivePolicyValues, 'deductionCap' | 'performanceBonusFen'>) {
  return p.deductionCap === 'NONE' ? null : p.performanceBonusFen;
}

/** The net money of a set of decided items: bonuses minus deductions, fen. */
export function netFen(items: readonly { kind: string; amountFen: number | null }[]): {
  bonusFen: number;
  deductionFen: number;
  netFen: number;
} {
  let bonusFen = 0;
  let deductionFen = 0;
  for (const i of items) {
    if (i.amountFen === null) continue;
    if (i.kind === 'BONUS') bonusFen += i.amountFen;
    else if (i.kind === 'DEDUCTION') deductionFen += i.amountFen;
  }
  return { bonusFen, deductionFen, netFen: bonusFen - deductionFen };
}
