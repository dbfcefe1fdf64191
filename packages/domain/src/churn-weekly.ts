// The churn analysis group's week (docs/rules.md#r-churn-5-weekly-analysis): the reasons of the week's
// cases as a Pareto list, and the trend over the weeks up to it. Pure: counts are handed in.
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
