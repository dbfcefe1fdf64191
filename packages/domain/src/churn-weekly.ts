// The churn analysis group's week (docs/rules.md#r-churn-5-weekly-analysis): the reasons of the week's
// cases as a Pareto list, and the trend over the weeks up to it. Pure: counts are handed in.
import { type Ratio, ratio } from './report-math.ts';
import { addWeeks } from './weekly.ts';

/** how many weeks the trend shows, the chosen one included */
export const CHURN_TREND_WEEKS = 12;

/** the share of all cases the "vital few" reasons make up together (80 %) */
export const PARETO_VITAL_SHARE_BP = 8000;

export interface ParetoInput {
  /** a stable key to order ties by */
  key: string;
  n: number;
}

/**
 * Largest first (ties by key); each row's share and the running share in basis points for display,
 * and whether it is among the vital few: the reasons needed to reach 80 % of the cases, the one
 * crossing the line included (exact integer comparison, never the rounded shares).
 */
export function pareto<T extends ParetoInput>(
  rows: readonly T[],
): Array<T & { shareBp: number; cumulativeBp: number; vital: boolean }> {
  const total = rows.reduce((s, r) => s + r.n, 0);
  const sorted = rows
    .filter((r) => r.n > 0)
    .sort((a, b) => b.n - a.n || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let before = 0;
  return sorted.map((r) => {
    const vital = before * 10000 < total * PARETO_VITAL_SHARE_BP;
    before += r.n;
    return {
      ...r,
      shareBp: Math.round((r.n * 10000) / total),
      cumulativeBp: Math.round((before * 10000) / total),
      vital,
    };
  });
}

/** The `count` ISO weeks up to and including `week`, oldest first. */
export function weeksUpTo(week: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addWeeks(week, i - count + 1));
}

/** how many months the churn dashboard shows, the chosen one included */
export const CHURN_DASHBOARD_MONTHS = 12;

/** The stage of someone who never became a customer: counted as a case, never in the churn rate. */
export const CHURN_STAGE_NOT_A_CUSTOMER = 'NOT_ENROLLED';

/**
 * The churn rate of each month (docs/rules.md#r-churn-6-churn-dashboard): the month's confirmed cases
 * of people who were customers (every stage but NOT_ENROLLED) ÷ the customers enrolled before the
 * month began. `enrolledBefore` holds, per month `YYYY-MM`, the customers whose enrolment (or, without
 * one, their record's creation) fell in it; the base of a month is the sum over the months before it.
 */
export function churnRates(
  months: readonly string[],
  cases: ReadonlyArray<{ month: string; stage: string | null; n: number }>,
  enrolledIn: ReadonlyArray<{ month: string; n: number }>,
): Array<{
  month: string;
  cases: number;
  customerCases: number;
  base: number;
  byStage: Record<string, number>;
  rate: Ratio;
}> {
  return months.map((month) => {
    const base = enrolledIn.filter((e) => e.month < month).reduce((s, e) => s + e.n, 0);
    const mine = cases.filter((c) => c.month === month);
    const byStage: Record<string, number> = {};
    for (const c of mine) byStage[c.stage ?? 'NONE'] = (byStage[c.stage ?? 'NONE'] ?? 0) + c.n;
    const total = mine.reduce((s, c) => s + c.n, 0);
    const customerCases = mine
      .filter((c) => c.stage !== CHURN_STAGE_NOT_A_CUSTOMER)
      .reduce((s, c) => s + c.n, 0);
    return { month, cases: total, customerCases, base, byStage, rate: ratio(customerCases, base) };
  });
}
