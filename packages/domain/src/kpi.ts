// The KPI engine (docs/rules.md#r-kpi-1-the-month-of-a-caller): a caller's, team's or department's month in figures,
// and the 100-point score of seed 003 考核细则 第3–4条 (docs/rules.md#r-kpi-7-hundred-point-score) with its six dimensions and the A–E grade.
//
// Everything is integer arithmetic: rates in basis points (1 bp = 0.01 %), means and scores in
// hundredths, money in fen; each figure is rounded once, half up (half away from zero when signed).
// The counts come from one SQL statement (apps/api/src/presenters/kpi-counts.ts); this module
// only divides and decides, so it is the single definition of every rate, shown in the UI too.
//
// A caller's month is the tasks whose due day falls in it (organisation timezone), the visit
// records started in it, and the inspections of those records.

import { KPI_DIMENSION_KEYS } from '@huifang/contracts/values';
import { rateBp } from './report-math.ts';
import { monthBounds } from './time.ts';

/** The counts a month's KPI is computed from; all non-negative integers. */
export interface KpiCounts {
  /** tasks due in the month, CANCELLED excluded */
  assigned: number;
  /** of those, DONE (a COMPLETED or DECLINED record) or UNREACHABLE */
  done: number;
  /** of those done, done on or before their due day (organisation timezone) */
  onTime: number;
  /** submitted inspections of the month's records */
  inspected: number;
  /** of those, passed after appeals (an overturned inspection counts as passed) */
  passed: number;
  /** of those inspected, with a content finding (INACCURATE, SCRIPT_DEVIATION, FABRICATED) not overturned */
  contentFaults: number;
  /** visit records started in the month */
  records: number;
  /** of those, corrected afterwards: amended, or found INCOMPLETE by an inspection not overturned */
  recordsCorrected: number;
  /** sum and count of the 1–5 satisfaction of the month's COMPLETED records */
  satisfactionSum: number;
  satisfactionCount: number;
  /** the same for the previous month */
  prevSatisfactionSum: number;
  prevSatisfactionCount: number;
  /** CALLER_CONDUCT tickets confirmed against the caller in the month */
  conductConfirmed: number;
  /** approved visit expenses of the month's records, fen */
  expensesFen: number;
}

export const KPI_DIMENSIONS = KPI_DIMENSION_KEYS;
export type KpiDimension = (typeof KPI_DIMENSIONS)[number];

export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type Grade = (typeof GRADES)[number];

/** The policy values the KPI engine reads (a subset of the incentive policy). */
export interface KpiPolicy {
  /** the six weights; they sum to 100 */
  weights: Record<KpiDimension, number>;
  /** lower bounds, exclusive, in hundredths of a point: A > a, B > b, C > c, D > d, else E */
  gradeBands: { A: number; B: number; C: number; D: number };
  /** what a completed task may cost in approved expenses before the cost dimension loses points */
  costBudgetPerVisitFen: number;
}

/** How each dimension is measured — the same sentence is shown in the UI. */
export const KPI_DIMENSION_MEASURE: Record<KpiDimension, string> = {
  timeliness: 'tasks done by their due day ÷ tasks assigned',
  completion: 'tasks done ÷ tasks assigned (cancelled tasks excluded)',
  process: 'inspections passed after appeals ÷ inspections',
  content: 'inspections without a content finding (inaccurate, script deviation, fabricated) ÷ inspections',
  records: 'records needing no correction (no amendment, not found incomplete) ÷ records',
  cost: 'budget (completed tasks × budget per visit) ÷ approved expenses, at most 1',
};

export interface KpiDimensionScore {
  key: KpiDimension;
  weight: number;
  /** false when there is nothing to measure (no tasks, no inspections…): left out and the score rescaled */
  measured: boolean;
  /** the share of the weight earned, basis points; null when not measured */
  rateBp: number | null;
  /** points earned, hundredths (weight × rate); null when not measured */
  pointsHundredths: number | null;
}

export interface KpiResult {
  counts: KpiCounts;
  completionBp: number | null;
  onTimeBp: number | null;
  passRateBp: number | null;
  satisfactionHundredths: number | null;
  prevSatisfactionHundredths: number | null;
  /** (this month − last month) ÷ last month, signed basis points; null without both months */
  satisfactionChangeBp: number | null;
  dimensions: KpiDimensionScore[];
  /** 0–100 in hundredths, over the measured dimensions; null when none is measured */
  scoreHundredths: number | null;
  grade: Grade | null;
  /** the weights of the assessed dimensions (100 when all six are); the score is Σ points × 100 ÷ this */
  assessedWeight: number;
  /** Σ points of the assessed dimensions, hundredths (before re-weighting) */
  pointsSumHundredths: number;
  /** dimensions without evidence this month: not assessed, their weight spread over the others */
  unassessed: KpiDimension[];
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer`);
}

/** round(a / b) for integers, b > 0, half away from zero — in BigInt, so it never loses precision. */
export function divRoundSigned(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError('divisor must be positive');
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = (2n * abs + b) / (2n * b);
  return neg ? -q : q;
}

/** The mean in hundredths, half up; null when empty. */
function mean(sum: number, count: number): number | null {
  return count === 0 ? null : Number(divRoundSigned(BigInt(sum) * 100n, BigInt(count)));
}

/**
 * The relative change of a mean, exactly: (s1/n1 − s0/n0) ÷ (s0/n0) in signed basis points.
 * Null when either month has no score or last month's mean is 0.
 */
export function meanChangeBp(s1: number, n1: number, s0: number, n0: number): number | null {
  if (n1 === 0 || n0 === 0 || s0 === 0) return null;
  const num = (BigInt(s1) * BigInt(n0) - BigInt(s0) * BigInt(n1)) * 10000n;
  return Number(divRoundSigned(num, BigInt(s0) * BigInt(n1)));
}

/**
 * Whether `num / den ≥ targetNum / targetDen`, exactly: `num·targetDen ≥ targetNum·den` in BigInt
 * (docs/rules.md#r-num-2-targets-are-compared-exactly). The one comparison of a figure with a
 * target or threshold — never on a rounded figure: 899/200 (4.495, shown 4.50) misses 450/100.
 * "Below a threshold" is its negation. Integers only (BigInt refuses fractions); both
 * denominators positive — a figure with nothing to measure is the caller's case, not a comparison.
 */
export function ratioAtLeast(
  num: number | bigint,
  den: number | bigint,
  targetNum: number | bigint,
  targetDen: number | bigint,
): boolean {
  const d = BigInt(den);
  const td = BigInt(targetDen);
  if (d <= 0n || td <= 0n) throw new RangeError('denominators must be positive');
  return BigInt(num) * td >= BigInt(targetNum) * d;
}

/** Whether the mean improved by at least `minBp` basis points — compared exactly, not rounded. */
export function meanImprovedAtLeast(s1: number, n1: number, s0: number, n0: number, minBp: number): boolean {
  if (n1 === 0 || n0 === 0 || s0 === 0) return false;
  // (s1·n0 − s0·n1) / (s0·n1) ≥ minBp / 10000
  return ratioAtLeast(
    BigInt(s1) * BigInt(n0) - BigInt(s0) * BigInt(n1),
    BigInt(s0) * BigInt(n1),
    minBp,
    10000,
  );
}

export function gradeOf(scoreHundredths: number, bands: KpiPolicy['gradeBands']): Grade {
  if (scoreHundredths > bands.A) return 'A';
  if (scoreHundredths > bands.B) return 'B';
  if (scoreHundredths > bands.C) return 'C';
  if (scoreHundredths > bands.D) return 'D';
  return 'E';
}

/** The share of a dimension earned, in basis points, or null when there is nothing to measure. */
function dimensionRate(key: KpiDimension, c: KpiCounts, p: KpiPolicy): number | null {
  switch (key) {
    case 'timeliness':
      return rateBp(c.onTime, c.assigned);
    case 'completion':
      return rateBp(c.done, c.assigned);
    case 'process':
      return rateBp(c.passed, c.inspected);
    case 'content':
      return rateBp(c.inspected - c.contentFaults, c.inspected);
    case 'records':
      return rateBp(c.records - c.recordsCorrected, c.records);
    case 'cost': {
      if (c.done === 0 && c.expensesFen === 0) return null;
      const budget = BigInt(c.done) * BigInt(p.costBudgetPerVisitFen);
      const spent = BigInt(c.expensesFen);
      if (spent <= budget) return 10000;
      return Number(divRoundSigned(budget * 10000n, spent));
    }
  }
}

export function computeKpi(c: KpiCounts, p: KpiPolicy): KpiResult {
  for (const [k, v] of Object.entries(c)) assertCount(v, k);
  if (c.done > c.assigned || c.onTime > c.done) throw new RangeError('done ≤ assigned, on time ≤ done');
  if (c.passed > c.inspected || c.contentFaults > c.inspected) throw new RangeError('passed ≤ inspected');
  if (c.recordsCorrected > c.records) throw new RangeError('corrected ≤ records');

  const dimensions = KPI_DIMENSIONS.map((key): KpiDimensionScore => {
    const weight = p.weights[key];
    const rate = dimensionRate(key, c, p);
    return {
      key,
      weight,
      measured: rate !== null,
      rateBp: rate,
      // weight × rate / 10000 points, in hundredths: weight × rate / 100
      pointsHundredths: rate === null ? null : Number(divRoundSigned(BigInt(weight * rate), 100n)),
    };
  });
  const { assessedWeight, pointsSumHundredths, unassessed } = assessmentOf(dimensions);
  // Re-weighted to 100 over the dimensions with evidence (docs/rules.md#r-kpi-7-hundred-point-score).
  const scoreHundredths =
    assessedWeight === 0
      ? null
      : Number(divRoundSigned(BigInt(pointsSumHundredths) * 100n, BigInt(assessedWeight)));

  return {
    counts: c,
    completionBp: rateBp(c.done, c.assigned),
    onTimeBp: rateBp(c.onTime, c.assigned),
    passRateBp: rateBp(c.passed, c.inspected),
    satisfactionHundredths: mean(c.satisfactionSum, c.satisfactionCount),
    prevSatisfactionHundredths: mean(c.prevSatisfactionSum, c.prevSatisfactionCount),
    satisfactionChangeBp: meanChangeBp(
      c.satisfactionSum,
      c.satisfactionCount,
      c.prevSatisfactionSum,
      c.prevSatisfactionCount,
    ),
    dimensions,
    scoreHundredths,
    grade: scoreHundredths === null ? null : gradeOf(scoreHundredths, p.gradeBands),
    assessedWeight,
    pointsSumHundredths,
    unassessed,
  };
}

/**
 * Which dimensions were assessed and what they earned (docs/rules.md#r-kpi-7-hundred-point-score):
 * a dimension without evidence (no tasks due, no inspection — seed 003 第2条 assesses quality by
 * spot checks —, no record) is not assessed and the score is re-weighted over the others. From the
 * dimensions alone, so a month closed before these fields existed reports them too.
 */
export function assessmentOf(dimensions: readonly KpiDimensionScore[]): {
  assessedWeight: number;
  pointsSumHundredths: number;
  unassessed: KpiDimension[];
} {
  const assessed = dimensions.filter((d) => d.measured);
  return {
    assessedWeight: assessed.reduce((s, d) => s + d.weight, 0),
    pointsSumHundredths: assessed.reduce((s, d) => s + (d.pointsHundredths ?? 0), 0),
    unassessed: dimensions.filter((d) => !d.measured).map((d) => d.key),
  };
}

/** A KPI as stored (a month-close snapshot may predate the assessment fields) with them filled in. */
export function withAssessment<
  K extends Omit<KpiResult, 'assessedWeight' | 'pointsSumHundredths' | 'unassessed'>,
>(k: K): K & Pick<KpiResult, 'assessedWeight' | 'pointsSumHundredths' | 'unassessed'> {
  return { ...k, ...assessmentOf(k.dimensions) };
}

/** How the score was earned, for the drill-down: what each assessed dimension lost, and the grade's band. */
export function scoreExplanation(
  k: Pick<KpiResult, 'dimensions' | 'scoreHundredths' | 'grade'>,
  bands: KpiPolicy['gradeBands'],
): {
  assessedWeight: number;
  pointsSumHundredths: number;
  unassessed: KpiDimension[];
  reweighted: boolean;
  /** assessed dimensions that did not earn their whole weight, with the points lost (hundredths) */
  lost: { key: KpiDimension; rateBp: number; lostHundredths: number }[];
  /** the exclusive lower bound of the grade earned (hundredths); null for E or no grade */
  gradeAbove: number | null;
} {
  const a = assessmentOf(k.dimensions);
  const lost = k.dimensions
    .filter((d) => d.measured && d.pointsHundredths !== null && d.pointsHundredths < d.weight * 100)
    .map((d) => ({
      key: d.key,
      rateBp: d.rateBp ?? 0,
      lostHundredths: d.weight * 100 - (d.pointsHundredths ?? 0),
    }));
  const g = k.grade;
  return {
    ...a,
    reweighted: a.unassessed.length > 0 && a.assessedWeight > 0,
    lost,
    gradeAbove: g === null || g === 'E' ? null : bands[g],
  };
}

/** Where a month stands on an organisation day: over, running (today in it) or not begun. */
export type MonthPhase = 'PAST' | 'RUNNING' | 'FUTURE';

export function monthPhase(month: string, today: string): MonthPhase {
  const { first, last } = monthBounds(month);
  if (today > last) return 'PAST';
  if (today < first) return 'FUTURE';
  return 'RUNNING';
}

/**
 * The KPI of a month not over is measured on what was due so far
 * (docs/rules.md#r-kpi-12-a-month-in-progress): a task counts once its due day is before today
 * or once it is finished (work done early counts, what is not due yet is not held against
 * anyone). Returns that cut-off day (tasks due before it count) — `today` — for a month running
 * or not begun; null for a month that is over: every task of it counts, as at its close.
 */
export function kpiDueBefore(month: string, today: string): string | null {
  return monthPhase(month, today) === 'PAST' ? null : today;
}

/** Whether a task of the month counts in its KPI with the cut-off of `kpiDueBefore` (SQL: presenters/kpi-counts.ts). */
export function countsInMonthSoFar(dueDate: string, finished: boolean, dueBefore: string | null): boolean {
  return dueBefore === null || finished || dueDate < dueBefore;
}

export const ZERO_COUNTS: KpiCounts = Object.freeze({
  assigned: 0,
  done: 0,
  onTime: 0,
  inspected: 0,
  passed: 0,
  contentFaults: 0,
  records: 0,
  recordsCorrected: 0,
  satisfactionSum: 0,
  satisfactionCount: 0,
  prevSatisfactionSum: 0,
  prevSatisfactionCount: 0,
  conductConfirmed: 0,
  expensesFen: 0,
});

/** A team's or department's counts: the sum of its callers'. */
export function sumCounts(rows: readonly KpiCounts[]): KpiCounts {
  const out: KpiCounts = { ...ZERO_COUNTS };
  for (const r of rows) {
    for (const k of Object.keys(out) as (keyof KpiCounts)[]) out[k] += r[k];
  }
  return out;
}

/** Targets a department (or a caller) is held to; rates in basis points, the mean in hundredths. */
export interface KpiTargets {
  completionBp: number;
  passRateBp: number;
  satisfactionHundredths: number;
}

export type TargetState = 'MET' | 'MISSED' | 'UNMEASURED';

/**
 * Each target met, missed, or not measurable this month; `met`: all three met; `missed`: one at
 * least missed. Decided on the counts, exactly (`ratioAtLeast`), never on the rounded figures:
 * a mean of 899/200 shows as 4.50 and misses a 4.50 target.
 */
export function targetStates(k: { counts: KpiCounts }, t: KpiTargets) {
  const c = k.counts;
  const state = (num: number, den: number, target: number, scale: number): TargetState =>
    den === 0 ? 'UNMEASURED' : ratioAtLeast(num, den, target, scale) ? 'MET' : 'MISSED';
  const completion = state(c.done, c.assigned, t.completionBp, 10000);
  const passRate = state(c.passed, c.inspected, t.passRateBp, 10000);
  const satisfaction = state(c.satisfactionSum, c.satisfactionCount, t.satisfactionHundredths, 100);
  const all = [completion, passRate, satisfaction];
  return {
    completion,
    passRate,
    satisfaction,
    missed: all.includes('MISSED'),
    met: all.every((s) => s === 'MET'),
  };
}

/** A percentage of an amount in fen, rounded half up: `bp` basis points of `fen`. */
export function shareOfFen(fen: number, bp: number): number {
  assertCount(fen, 'fen');
  assertCount(bp, 'bp');
  return Number(divRoundSigned(BigInt(fen) * BigInt(bp), 10000n));
}

/**
 * Completion projected at the month's end if the caller keeps their pace so far, as an exact
 * fraction of what is assigned: min(done × daysTotal ÷ daysElapsed, assigned) ÷ assigned, i.e.
 * `num / den`; the actual `done / assigned` once the month is over. Null with nothing assigned or
 * before the month has started. Compare it with `ratioAtLeast`; `projectedCompletionBp` rounds it.
 */
export function projectedCompletion(
  assigned: number,
  done: number,
  daysElapsed: number,
  daysTotal: number,
): { num: bigint; den: bigint } | null {
  for (const [k, v] of Object.entries({ assigned, done, daysElapsed, daysTotal })) assertCount(v, k);
  if (assigned === 0 || daysElapsed === 0) return null;
  if (daysElapsed >= daysTotal) return { num: BigInt(done), den: BigInt(assigned) };
  // done × daysTotal / daysElapsed, compared with assigned, in one exact fraction
  const projected = BigInt(done) * BigInt(daysTotal);
  const cap = BigInt(assigned) * BigInt(daysElapsed);
  return { num: projected < cap ? projected : cap, den: cap };
}

/** The projection of `projectedCompletion` in basis points, half up (for display). */
export function projectedCompletionBp(
  assigned: number,
  done: number,
  daysElapsed: number,
  daysTotal: number,
): number | null {
  const p = projectedCompletion(assigned, done, daysElapsed, daysTotal);
  return p === null ? null : Number(divRoundSigned(p.num * 10000n, p.den));
}

/** Tasks still to finish for the completion rate to reach `thresholdBp` (0 when already there). */
export function tasksToReach(assigned: number, done: number, thresholdBp: number): number {
  assertCount(assigned, 'assigned');
  assertCount(done, 'done');
  // the least n with (done + n) × 10000 ≥ threshold × assigned
  const need = Math.floor((thresholdBp * assigned + 9999) / 10000) - done;
  return Math.max(0, Math.min(need, assigned - done));
}
