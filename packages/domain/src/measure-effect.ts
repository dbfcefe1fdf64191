// The measured effect of an improvement measure (docs/rules.md#r-meas-3-effect-evaluation, seed 002
// 三.4 效果評估: 設立指標 … 數據對比). Pure: the API gathers the counts of the measure's target
// customers in two windows — the `windowDays` before its start day and the `windowDays` from it on,
// the latter capped at today — and this compares them metric by metric.
//
// Exact integer math only: means in hundredths and rates in basis points are for display; every
// comparison is made on the counts themselves (cross-multiplied), never on a rounded figure.
import type { MEASURE_OUTCOMES } from '@huifang/contracts/values';
import { meanHundredths, rateBp } from './report-math.ts';
import { addDays, dayCount } from './time.ts';

export type MeasureOutcome = (typeof MEASURE_OUTCOMES)[number];

/** Below this many rated visits in a window, satisfaction is not compared. */
export const MEASURE_MIN_VISITS = 30;
/** Below this many target customers, no rate is compared. */
export const MEASURE_MIN_CUSTOMERS = 30;
/** An after window cut short at today is compared only once it has run this many days. */
export const MEASURE_MIN_AFTER_DAYS = 28;

export const MEASURE_METRICS = ['satisfaction', 'churn', 'renewal', 'referral', 'complaints'] as const;
export type MeasureMetric = (typeof MEASURE_METRICS)[number];

/** Which way is better: satisfaction, renewals and referrals up; churn and complaints down. */
export const METRIC_BETTER: Record<MeasureMetric, 'UP' | 'DOWN'> = {
  satisfaction: 'UP',
  churn: 'DOWN',
  renewal: 'UP',
  referral: 'UP',
  complaints: 'DOWN',
};

export const METRIC_VERDICTS = ['IMPROVED', 'WORSENED', 'UNCHANGED', 'INCONCLUSIVE'] as const;
export type MetricVerdict = (typeof METRIC_VERDICTS)[number];

/** Why a metric is INCONCLUSIVE. */
export type InconclusiveWhy =
  | 'FEW_VISITS'
  | 'FEW_CUSTOMERS'
  | 'NO_AFTER_WINDOW'
  | 'NO_BEFORE_WINDOW'
  | 'SHORT_AFTER_WINDOW';

export interface EffectWindow {
  /** first day, inclusive (organisation time) */
  from: string;
  /** last day, inclusive; when `days` is 0 the window is empty and `to` is the day before `from` */
  to: string;
  days: number;
}

export interface EffectWindows {
  before: EffectWindow;
  after: EffectWindow;
  /** the after window was cut short at today (its full length is `windowDays`) */
  afterCapped: boolean;
}

/**
 * The two windows around `startDay`: the `windowDays` days before it, and the `windowDays` days from
 * it on — both cut at `today` (a window cannot see the future), so their actual lengths are stated.
 */
export function effectWindows(startDay: string, windowDays: number, today: string): EffectWindows {
  if (!Number.isInteger(windowDays) || windowDays < 1) throw new RangeError('windowDays must be ≥ 1');
  const cap = (from: string, fullTo: string): EffectWindow => {
    const to = fullTo <= today ? fullTo : today;
    const days = Math.max(0, dayCount(from, to) + 1);
    return days === 0 ? { from, to: addDays(from, -1), days } : { from, to, days };
  };
  const before = cap(addDays(startDay, -windowDays), addDays(startDay, -1));
  const fullAfterTo = addDays(startDay, windowDays - 1);
  const after = cap(startDay, fullAfterTo);
  return { before, after, afterCapped: after.days < windowDays };
}

/** What the SQL counted in one window, over the target customers. */
export interface EffectCounts {
  /** completed visits with a satisfaction score (1–5) */
  ratedVisits: number;
  /** their scores' sum */
  satisfactionSum: number;
  /** distinct customers with a confirmed churn case dated in the window */
  churned: number;
  /** distinct customers with a RENEWED event in the window */
  renewed: number;
  /** distinct customers with a REFERRAL event in the window */
  referred: number;
  /** complaint tickets (TICKET categories in MEASURE_COMPLAINT_CATEGORIES) raised in the window */
  complaints: number;
}

export const EMPTY_EFFECT_COUNTS: EffectCounts = {
  ratedVisits: 0,
  satisfactionSum: 0,
  churned: 0,
  renewed: 0,
  referred: 0,
  complaints: 0,
};

/** The ticket categories that count as a complaint about the service the customer got. */
export const MEASURE_COMPLAINT_CATEGORIES = ['TEACHING', 'SERVICE', 'MARKET', 'FACILITY'] as const;

export interface EffectInput {
  windows: EffectWindows;
  /** how many customers the measure targets, each once (a customer with cases in two stages is one) */
  customers: number;
  before: EffectCounts;
  after: EffectCounts;
}

export interface MetricFigures {
  metric: MeasureMetric;
  better: 'UP' | 'DOWN';
  /**
   * satisfaction: mean in hundredths (432 = 4.32); churn, renewal, referral: share of the target
   * customers in basis points; complaints: the count. Null when there is nothing to show.
   */
  before: number | null;
  after: number | null;
  /** after − before in the same unit (null when either is null) */
  change: number | null;
  /** sample sizes: rated visits (satisfaction) or target customers (the rates), or the count */
  beforeSample: number;
  afterSample: number;
  /** the raw counts the figures come from */
  beforeCount: number;
  afterCount: number;
  verdict: MetricVerdict;
  why: InconclusiveWhy | null;
}

export interface MeasureEffect {
  windows: EffectWindows;
  customers: number;
  metrics: MetricFigures[];
  outcome: MeasureOutcome;
  /** counts of the conclusive metrics' verdicts the outcome was decided on */
  improved: number;
  worsened: number;
  minVisits: number;
  minCustomers: number;
}

function assertCounts(c: EffectCounts, label: string): void {
  for (const [k, v] of Object.entries(c)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`${label}.${k} must be a count`);
  }
}

/** −1, 0 or 1: the sign of a/b − c/d for b, d > 0, exactly. */
function compareFractions(a: number, b: number, c: number, d: number): number {
  const l = BigInt(a) * BigInt(d);
  const r = BigInt(c) * BigInt(b);
  return l > r ? 1 : l < r ? -1 : 0;
}

function verdictOf(better: 'UP' | 'DOWN', sign: number): MetricVerdict {
  if (sign === 0) return 'UNCHANGED';
  return sign > 0 === (better === 'UP') ? 'IMPROVED' : 'WORSENED';
}

/**
 * Compares the two windows metric by metric, and decides the outcome:
 * - a metric is INCONCLUSIVE when a window is empty, when the after window is cut short at today
 *   before it has run MEASURE_MIN_AFTER_DAYS days (a few days say nothing), when either window has fewer than
 *   MEASURE_MIN_VISITS rated visits (satisfaction), or when there are fewer than
 *   MEASURE_MIN_CUSTOMERS target customers (the rates and complaints);
 * - satisfaction compares the two means; the rates and complaints compare what happened per day of
 *   each window (the same customers in both), so a shorter after window is not favoured;
 * - the outcome is INCONCLUSIVE when no metric is conclusive, EFFECTIVE when more conclusive
 *   metrics improved than worsened, else NOT_EFFECTIVE.
 */
export function measureEffect(input: EffectInput): MeasureEffect {
  assertCounts(input.before, 'before');
  assertCounts(input.after, 'after');
  const { windows } = input;
  const { customers } = input;
  if (!Number.isInteger(customers) || customers < 0) throw new RangeError('customers must be a count');
  const metrics: MetricFigures[] = [];
  const windowWhy: InconclusiveWhy | null =
    windows.before.days === 0
      ? 'NO_BEFORE_WINDOW'
      : windows.after.days === 0
        ? 'NO_AFTER_WINDOW'
        : windows.afterCapped && windows.after.days < MEASURE_MIN_AFTER_DAYS
          ? 'SHORT_AFTER_WINDOW'
          : null;

  // satisfaction
  {
    const b = input.before;
    const a = input.after;
    const before = meanHundredths(b.satisfactionSum, b.ratedVisits);
    const after = meanHundredths(a.satisfactionSum, a.ratedVisits);
    const why: InconclusiveWhy | null =
      windowWhy ??
      (b.ratedVisits < MEASURE_MIN_VISITS || a.ratedVisits < MEASURE_MIN_VISITS ? 'FEW_VISITS' : null);
    metrics.push({
      metric: 'satisfaction',
      better: 'UP',
      before,
      after,
      change: before !== null && after !== null ? after - before : null,
      beforeSample: b.ratedVisits,
      afterSample: a.ratedVisits,
      beforeCount: b.satisfactionSum,
      afterCount: a.satisfactionSum,
      verdict:
        why !== null
          ? 'INCONCLUSIVE'
          : verdictOf(
              'UP',
              compareFractions(a.satisfactionSum, a.ratedVisits, b.satisfactionSum, b.ratedVisits),
            ),
      why,
    });
  }

  const rateMetric = (metric: MeasureMetric, key: keyof EffectCounts) => {
    const nb = input.before[key];
    const na = input.after[key];
    if (metric !== 'complaints' && (nb > customers || na > customers)) {
      throw new RangeError(`${key} cannot exceed the target customers`);
    }
    const isCount = metric === 'complaints';
    const before = isCount ? nb : rateBp(nb, customers);
    const after = isCount ? na : rateBp(na, customers);
    const why: InconclusiveWhy | null =
      windowWhy ?? (customers < MEASURE_MIN_CUSTOMERS ? 'FEW_CUSTOMERS' : null);
    const better = METRIC_BETTER[metric];
    metrics.push({
      metric,
      better,
      before,
      after,
      change: before !== null && after !== null ? after - before : null,
      beforeSample: customers,
      afterSample: customers,
      beforeCount: nb,
      afterCount: na,
      verdict:
        why !== null
          ? 'INCONCLUSIVE'
          : verdictOf(better, compareFractions(na, windows.after.days, nb, windows.before.days)),
      why,
    });
  };
  rateMetric('churn', 'churned');
  rateMetric('renewal', 'renewed');
  rateMetric('referral', 'referred');
  rateMetric('complaints', 'complaints');

  const improved = metrics.filter((m) => m.verdict === 'IMPROVED').length;
  const worsened = metrics.filter((m) => m.verdict === 'WORSENED').length;
  const conclusive = metrics.some((m) => m.verdict !== 'INCONCLUSIVE');
  const outcome: MeasureOutcome = !conclusive
    ? 'INCONCLUSIVE'
    : improved > worsened
      ? 'EFFECTIVE'
      : 'NOT_EFFECTIVE';
  return {
    windows,
    customers,
    metrics,
    outcome,
    improved,
    worsened,
    minVisits: MEASURE_MIN_VISITS,
    minCustomers: MEASURE_MIN_CUSTOMERS,
  };
}

/**
 * Is a measure overdue at `now`? Its deadline is a day in the organisation's timezone; it passes at
 * the end of that day (the start of the next), whenever the job runs (R-MEAS-2). `deadlineEnd` is
 * that instant, computed by the caller with startOfDay(addDays(deadline, 1), tz).
 */
export function isMeasureOverdue(status: string, deadlineEnd: Date, now: Date): boolean {
  return (status === 'APPROVED' || status === 'IN_PROGRESS') && now.getTime() >= deadlineEnd.getTime();
}

/** The escalation level a measure overdue since `overdueAt` has reached at `now` (R-MEAS-2). */
export function measureEscalationLevel(
  overdueAt: Date,
  now: Date,
  daysToHead: number,
  daysToManagement: number,
): 0 | 1 | 2 {
  const days = (now.getTime() - overdueAt.getTime()) / 86_400_000;
  if (days >= daysToManagement) return 2;
  if (days >= daysToHead) return 1;
  return 0;
}

/** Days after a measure falls overdue before its department head is told (level 1). */
export const MEASURE_ESCALATE_HEAD_DAYS = 3;
/** Days after a measure falls overdue before management is told (level 2). */
export const MEASURE_ESCALATE_MANAGEMENT_DAYS = 7;
/** Days a criticised owner is given to put a failed measure right (整改期限). */
export const MEASURE_REMEDIATION_DAYS = 14;
