import { describe, expect, it } from 'vitest';
import { CHURN_TREND_WEEKS, churnRates, pareto, weeksUpTo } from './churn-weekly.ts';

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

describe('churnRates', () => {
  const months = ['2025-12', '2026-01', '2026-02'];

  it('divides the customers’ cases of a month by those enrolled before it began', () => {
    const out = churnRates(
      months,
      [
        { month: '2026-01', stage: 'REFUNDED', n: 2 },
        { month: '2026-01', stage: 'NOT_ENROLLED', n: 5 },
        { month: '2026-01', stage: null, n: 1 },
        { month: '2026-02', stage: 'DROPPED_OUT', n: 1 },
      ],
      [
        { month: '2025-06', n: 90 },
        { month: '2025-12', n: 10 },
        { month: '2026-01', n: 100 },
      ],
    );
    expect(out.map((m) => [m.month, m.cases, m.customerCases, m.base, m.rate.bp])).toEqual([
      ['2025-12', 0, 0, 90, 0],
      ['2026-01', 8, 3, 100, 300],
      ['2026-02', 1, 1, 200, 50],
    ]);
    expect(out[1]!.byStage).toEqual({ REFUNDED: 2, NOT_ENROLLED: 5, NONE: 1 });
  });

  it('has no rate for a month with nobody enrolled before it, and counts a never-enrolled case only as a case', () => {
    const [m] = churnRates(['2026-01'], [{ month: '2026-01', stage: 'NOT_ENROLLED', n: 3 }], []);
    expect(m).toMatchObject({ cases: 3, customerCases: 0, base: 0, rate: { num: 0, den: 0, bp: null } });
  });
});
