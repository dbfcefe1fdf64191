// Targets and thresholds are compared on the exact fractions, never on rounded figures
// (docs/rules.md#r-num-2-targets-are-compared-exactly).
import { describe, expect, it } from 'vitest';
import { projectedCompletion, ratioAtLeast } from './kpi.ts';

describe('ratioAtLeast', () => {
  it('compares the fractions, not their rounded figures', () => {
    // 899/200 = 4.495 shows as 4.50 but misses a 4.50 target
    expect(ratioAtLeast(899, 200, 450, 100)).toBe(false);
    expect(ratioAtLeast(900, 200, 450, 100)).toBe(true);
    // 17/19 = 89.47 % misses 90 %; 9/10 meets it exactly
    expect(ratioAtLeast(17, 19, 9000, 10000)).toBe(false);
    expect(ratioAtLeast(9, 10, 9000, 10000)).toBe(true);
  });
  it('takes numbers and big integers alike, beyond the safe integer range', () => {
    const big = 2n ** 60n;
    expect(ratioAtLeast(big + 1n, big, 1, 1)).toBe(true);
    expect(ratioAtLeast(big - 1n, big, 1, 1)).toBe(false);
    expect(ratioAtLeast(-1, 2, -1, 2)).toBe(true);
  });
  it('refuses a zero or negative denominator on either side', () => {
    const msg = new RangeError('denominators must be positive');
    expect(() => ratioAtLeast(1, 0, 1, 2)).toThrow(msg);
    expect(() => ratioAtLeast(1, 2, 1, 0)).toThrow(msg);
    expect(() => ratioAtLeast(1, -2, 1, 2)).toThrow(msg);
    expect(() => ratioAtLeast(1, 2, 1, -2)).toThrow(msg);
  });
});

describe('projectedCompletion', () => {
  it('is the exact fraction done ÷ assigned once the month is over', () => {
    expect(projectedCompletion(10, 4, 30, 30)).toEqual({ num: 4n, den: 10n });
    expect(projectedCompletion(10, 4, 31, 30)).toEqual({ num: 4n, den: 10n });
  });
  it('projects the pace so far, capped at everything assigned', () => {
    // 4 done in 10 of 30 days: 12 projected of 20 assigned, as 4·30 / 20·10
    expect(projectedCompletion(20, 4, 10, 30)).toEqual({ num: 120n, den: 200n });
    // 8 done in 10 of 30 days: 24 projected, capped at the 20 assigned
    expect(projectedCompletion(20, 8, 10, 30)).toEqual({ num: 200n, den: 200n });
  });
  it('is null with nothing assigned or before the month has started', () => {
    expect(projectedCompletion(0, 0, 10, 30)).toBeNull();
    expect(projectedCompletion(10, 0, 0, 30)).toBeNull();
  });
});
