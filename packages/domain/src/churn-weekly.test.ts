import { describe, expect, it } from 'vitest';
import { CHURN_TREND_WEEKS, pareto, weeksUpTo } from './churn-weekly.ts';

describe('pareto', () => {
  it('is empty for no cases, and drops reasons without any', () => {
    expect(pareto([])).toEqual([]);
    expect(pareto([{ key: 'a', n: 0 }])).toEqual([]);
  });

  it('sorts the largest first, ties by key, with running shares ending at 100 %', () => {
    const out = pareto([
      { key: 'b', n: 2 },
      { key: 'a', n: 2 },
      { key: 'c', n: 6 },
    ]);
    expect(out.map((r) => [r.key, r.shareBp, r.cumulativeBp])).toEqual([
      ['c', 6000, 6000],
      ['a', 2000, 8000],
      ['b', 2000, 10000],
    ]);
  });

  it('marks as vital the reasons needed to reach 80 %, the one crossing the line included', () => {
    // 60 % then 80 % exactly: the second reaches the line, so the third is not vital
    expect(
      pareto([
        { key: 'a', n: 6 },
        { key: 'b', n: 2 },
        { key: 'c', n: 2 },
      ]).map((r) => r.vital),
    ).toEqual([true, true, false]);
    // 79.x % after two: the third still counts
    expect(
      pareto([
        { key: 'a', n: 70 },
        { key: 'b', n: 9 },
        { key: 'c', n: 21 },
      ]).map((r) => [r.key, r.vital]),
    ).toEqual([
      ['a', true],
      ['c', true],
      ['b', false],
    ]);
    // one reason alone is vital
    expect(pareto([{ key: 'a', n: 1 }])[0]).toMatchObject({
      vital: true,
      shareBp: 10000,
      cumulativeBp: 10000,
    });
  });

  it('decides the line on exact counts, not on rounded shares (1 of 3 twice is 66.67 %, not 80 %)', () => {
    const out = pareto([
      { key: 'a', n: 1 },
      { key: 'b', n: 1 },
      { key: 'c', n: 1 },
    ]);
    expect(out.map((r) => r.vital)).toEqual([true, true, true]);
    expect(out.map((r) => r.shareBp)).toEqual([3333, 3333, 3333]);
  });
});

describe('weeksUpTo', () => {
  it('lists 12 weeks oldest first, across a year with a week 53', () => {
    const w = weeksUpTo('2027-W05', CHURN_TREND_WEEKS);
    expect(w).toHaveLength(12);
    expect(w[0]).toBe('2026-W47');
    expect(w).toContain('2026-W53');
    expect(w[11]).toBe('2027-W05');
  });

  it('crosses into a year without a week 53', () => {
    expect(weeksUpTo('2026-W02', 3)).toEqual(['2025-W52', '2026-W01', '2026-W02']);
  });
});
