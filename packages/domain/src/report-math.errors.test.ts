// The report arithmetic names what is wrong with its input.
import { describe, expect, it } from 'vitest';
import { distributionStats, meanHundredths, rateBp } from './report-math.ts';

describe('rateBp refuses impossible counts, naming the culprit', () => {
  it('num and den must be non-negative integers', () => {
    expect(() => rateBp(-1, 2)).toThrow(new RangeError('num must be a non-negative integer'));
    expect(() => rateBp(0.5, 2)).toThrow(new RangeError('num must be a non-negative integer'));
    expect(() => rateBp(1, -2)).toThrow(new RangeError('den must be a non-negative integer'));
    expect(() => rateBp(0, 2.5)).toThrow(new RangeError('den must be a non-negative integer'));
  });
  it('num must not exceed den', () => {
    expect(() => rateBp(3, 2)).toThrow(new RangeError('num must not exceed den'));
    expect(() => rateBp(1, 0)).toThrow(new RangeError('num must not exceed den'));
  });
});

describe('meanHundredths refuses impossible counts, naming the culprit', () => {
  it('sum and count must be non-negative integers', () => {
    expect(() => meanHundredths(-3, 2)).toThrow(new RangeError('sum must be a non-negative integer'));
    expect(() => meanHundredths(3, 1.5)).toThrow(new RangeError('count must be a non-negative integer'));
    expect(() => meanHundredths(3, -1)).toThrow(new RangeError('count must be a non-negative integer'));
  });
});

describe('distributionStats refuses impossible input, naming the culprit', () => {
  it('names the score outside 1–5', () => {
    expect(() => distributionStats({ 6: 1 })).toThrow(new RangeError('score 6 out of 1–5'));
    expect(() => distributionStats({ 0: 1 })).toThrow(new RangeError('score 0 out of 1–5'));
    expect(() => distributionStats({ 2.5: 1 } as Record<number, number>)).toThrow(
      new RangeError('score 2.5 out of 1–5'),
    );
  });
  it('counts must be non-negative integers', () => {
    expect(() => distributionStats({ 3: -1 })).toThrow(
      new RangeError('count must be a non-negative integer'),
    );
    expect(() => distributionStats({ 3: 1.5 })).toThrow(
      new RangeError('count must be a non-negative integer'),
    );
  });
});
