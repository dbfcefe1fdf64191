// The arithmetic of the monthly report: exact rates and means from counts, integers only.
// Rates are basis points (1 bp = 0.01 %), means are hundredths; both rounded half up.

/** A rate kept exact: numerator, denominator, and the basis points (null when nothing to divide). */
export interface Ratio {
  num: number;
  den: number;
  bp: number | null;
}

function assertCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} must be a non-negative integer`);
}

/** `round(a / b)` half up for non-negative integers, exactly (no floating point). */
function divRound(a: number, b: number): number {
  return Math.floor((2 * a + b) / (2 * b));
}

/** num / den in basis points, rounded half up; null when den is 0. */
export function rateBp(num: number, den: number): number | null {
  assertCount(num, 'num');
  assertCount(den, 'den');
  if (num > den) throw new RangeError('num must not exceed den');
  if (den === 0) return null;
  return divRound(num * 10000, den);
}

export function ratio(num: number, den: number): Ratio {
  return { num, den, bp: rateBp(num, den) };
}

/** The mean of `count` values summing to `sum`, in hundredths rounded half up; null when empty. */
export function meanHundredths(sum: number, count: number): number | null {
  assertCount(sum, 'sum');
  assertCount(count, 'count');
  if (count === 0) return null;
  return divRound(sum * 100, count);
}

/** 432 → "4.32"; null → null. */
export function formatHundredths(h: number | null): string | null {
  if (h === null) return null;
  const whole = Math.floor(h / 100);
  return `${whole}.${String(h % 100).padStart(2, '0')}`;
}

/** 8750 → "87.50%"; null → "—". */
export function formatBp(bp: number | null): string {
  if (bp === null) return '—';
  return `${formatHundredths(bp)}%`;
}

/** Count and sum of a 1–5 distribution given as counts per score. */
export function distributionStats(counts: Record<number, number>): { count: number; sum: number } {
  let count = 0;
  let sum = 0;
  for (const [score, n] of Object.entries(counts)) {
    const s = Number(score);
    if (!Number.isInteger(s) || s < 1 || s > 5) throw new RangeError(`score ${score} out of 1–5`);
    assertCount(n, 'count');
    count += n;
    sum += s * n;
  }
  return { count, sum };
}
