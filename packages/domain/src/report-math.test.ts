import { describe, expect, it } from 'vitest';
import {
  distributionStats,
  formatBp,
  formatHundredths,
  meanHundredths,
  rateBp,
  ratio,
} from './report-math.ts';

describe('rateBp', () => {
  it('is null when nothing to divide', () => {
    expect(rateBp(0, 0)).toBeNull();
  });
  it('gives exact basis points', () => {
    expect(rateBp(0, 5)).toBe(0);
    expect(rateBp(5, 5)).toBe(10000);
    expect(rateBp(7, 8)).toBe(8750);
    expect(rateBp(1, 3)).toBe(3333);
    expect(rateBp(2, 3)).toBe(6667);
  });
  it('rounds half up', () => {
    // 1/16 = 625 bp exactly; 1/32 = 312.5 bp → 313; 1/160000 = 0.0625 bp → 0
    expect(rateBp(1, 16)).toBe(625);
    expect(rateBp(1, 32)).toBe(313);
    expect(rateBp(1, 160000)).toBe(0);
    expect(rateBp(1, 20000)).toBe(1);
  });
  it('rejects impossible counts', () => {
    expect(() => rateBp(3, 2)).toThrow(RangeError);
    expect(() => rateBp(-1, 2)).toThrow(RangeError);
    expect(() => rateBp(1.5, 2)).toThrow(RangeError);
  });
  it('ratio keeps numerator and denominator', () => {
    expect(ratio(3, 4)).toEqual({ num: 3, den: 4, bp: 7500 });
    expect(ratio(0, 0)).toEqual({ num: 0, den: 0, bp: null });
  });
});

describe('meanHundredths', () => {
  it('is null for no values', () => {
    expect(meanHundredths(0, 0)).toBeNull();
  });
  it('rounds half up to hundredths', () => {
    expect(meanHundredths(13, 3)).toBe(433); // 4.333…
    expect(meanHundredths(14, 3)).toBe(467); // 4.666…
    expect(meanHundredths(9, 2)).toBe(450);
    expect(meanHundredths(1, 8)).toBe(13); // 0.125 → 0.13
    expect(meanHundredths(25, 5)).toBe(500);
  });
});

describe('formatting', () => {
  it('formats hundredths and basis points', () => {
    expect(formatHundredths(433)).toBe('4.33');
    expect(formatHundredths(405)).toBe('4.05');
    expect(formatHundredths(0)).toBe('0.00');
    expect(formatHundredths(null)).toBeNull();
    expect(formatBp(8750)).toBe('87.50%');
    expect(formatBp(10000)).toBe('100.00%');
    expect(formatBp(1)).toBe('0.01%');
    expect(formatBp(null)).toBe('—');
  });
});

describe('distributionStats', () => {
  it('sums a distribution', () => {
    expect(distributionStats({ 1: 1, 2: 0, 3: 2, 4: 0, 5: 3 })).toEqual({ count: 6, sum: 22 });
    expect(distributionStats({})).toEqual({ count: 0, sum: 0 });
  });
  it('rejects scores outside 1–5', () => {
    expect(() => distributionStats({ 6: 1 })).toThrow(RangeError);
    expect(() => distributionStats({ 0: 1 })).toThrow(RangeError);
  });
});
