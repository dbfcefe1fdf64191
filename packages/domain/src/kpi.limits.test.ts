// The KPI engine's input checks and edges: the messages of impossible counts, what makes a
// policy invalid, and the edges of the satisfaction change, the projection and the tasks to go.
import { describe, expect, it } from 'vitest';
import {
  computeKpi,
  divRoundSigned,
  KPI_DIMENSION_MEASURE,
  KPI_DIMENSIONS,
  type KpiCounts,
  type KpiPolicy,
  meanChangeBp,
  meanImprovedAtLeast,
  projectedCompletionBp,
  shareOfFen,
  tasksToReach,
  ZERO_COUNTS,
} from './kpi.ts';

const policy: KpiPolicy = {
  weights: { timeliness: 20, completion: 20, process: 20, content: 15, records: 15, cost: 10 },
  gradeBands: { A: 9000, B: 8000, C: 7000, D: 6000 },
  costBudgetPerVisitFen: 500,
};
const counts = (c: Partial<KpiCounts>): KpiCounts => ({ ...ZERO_COUNTS, ...c });

describe('KPI_DIMENSION_MEASURE', () => {
  it('states each dimension as a ratio, one sentence per dimension', () => {
    const sentences = KPI_DIMENSIONS.map((k) => KPI_DIMENSION_MEASURE[k]);
    for (const s of sentences) expect(s).toMatch(/^\S.* ÷ .*\S$/);
    expect(new Set(sentences).size).toBe(KPI_DIMENSIONS.length);
    expect(Object.keys(KPI_DIMENSION_MEASURE).sort()).toEqual([...KPI_DIMENSIONS].sort());
  });
});

describe('computeKpi refuses impossible counts, naming the rule', () => {
  it('names a negative or fractional count', () => {
    expect(() => computeKpi(counts({ assigned: -1 }), policy)).toThrow(
      new RangeError('assigned must be a non-negative integer'),
    );
    expect(() => computeKpi(counts({ expensesFen: 1.5 }), policy)).toThrow(
      new RangeError('expensesFen must be a non-negative integer'),
    );
  });
  it('done ≤ assigned and on time ≤ done', () => {
    const msg = new RangeError('done ≤ assigned, on time ≤ done');
    expect(() => computeKpi(counts({ assigned: 2, done: 3, onTime: 0 }), policy)).toThrow(msg);
    expect(() => computeKpi(counts({ assigned: 3, done: 2, onTime: 3 }), policy)).toThrow(msg);
  });
  it('passed and content findings ≤ inspected', () => {
    const msg = new RangeError('passed ≤ inspected');
    expect(() => computeKpi(counts({ inspected: 2, passed: 3 }), policy)).toThrow(msg);
    expect(() => computeKpi(counts({ inspected: 2, passed: 2, contentFaults: 3 }), policy)).toThrow(msg);
  });
  it('corrected ≤ records', () => {
    expect(() => computeKpi(counts({ records: 2, recordsCorrected: 3 }), policy)).toThrow(
      new RangeError('corrected ≤ records'),
    );
  });
  it('accepts counts at their limits', () => {
    const k = computeKpi(
      counts({
        assigned: 3,
        done: 3,
        onTime: 3,
        inspected: 2,
        passed: 2,
        contentFaults: 2,
        records: 2,
        recordsCorrected: 2,
      }),
      policy,
    );
    expect(k.dimensions.map((d) => [d.key, d.rateBp])).toEqual([
      ['timeliness', 10000],
      ['completion', 10000],
      ['process', 10000],
      ['content', 0],
      ['records', 0],
      ['cost', 10000],
    ]);
  });
});

describe('divRoundSigned', () => {
  it('refuses a zero divisor with its own message', () => {
    expect(() => divRoundSigned(1n, 0n)).toThrow(new RangeError('divisor must be positive'));
    expect(() => divRoundSigned(0n, 0n)).toThrow(new RangeError('divisor must be positive'));
  });
});

describe('the change of the satisfaction mean', () => {
  it('is null when last month has no score or a mean of zero', () => {
    expect(meanChangeBp(8, 2, 0, 3)).toBeNull();
    expect(meanChangeBp(8, 2, 5, 0)).toBeNull();
    expect(meanChangeBp(0, 0, 5, 1)).toBeNull();
  });
  it('is no improvement without this month’s scores, or from a mean of zero', () => {
    expect(meanImprovedAtLeast(0, 0, 10, 3, 100)).toBe(false);
    expect(meanImprovedAtLeast(10, 2, 0, 3, 100)).toBe(false);
    expect(meanImprovedAtLeast(10, 2, 0, 0, 100)).toBe(false);
    expect(meanImprovedAtLeast(10, 2, 4, 1, 0)).toBe(true);
  });
});

describe('money and counts helpers name their bad argument', () => {
  it('shareOfFen', () => {
    expect(() => shareOfFen(-1, 100)).toThrow(new RangeError('fen must be a non-negative integer'));
    expect(() => shareOfFen(100, 0.5)).toThrow(new RangeError('bp must be a non-negative integer'));
  });
  it('tasksToReach', () => {
    expect(() => tasksToReach(-1, 0, 9000)).toThrow(
      new RangeError('assigned must be a non-negative integer'),
    );
    expect(() => tasksToReach(10, 1.5, 9000)).toThrow(new RangeError('done must be a non-negative integer'));
  });
  it('projectedCompletionBp', () => {
    expect(() => projectedCompletionBp(-1, 0, 1, 30)).toThrow(
      new RangeError('assigned must be a non-negative integer'),
    );
    expect(() => projectedCompletionBp(10, 0.5, 1, 30)).toThrow(
      new RangeError('done must be a non-negative integer'),
    );
    expect(() => projectedCompletionBp(10, 1, 1.5, 30)).toThrow(
      new RangeError('daysElapsed must be a non-negative integer'),
    );
    expect(() => projectedCompletionBp(10, 1, 1, -30)).toThrow(
      new RangeError('daysTotal must be a non-negative integer'),
    );
  });
});

describe('projection and tasks to go at their edges', () => {
  it('is the actual rate once the days elapsed pass the month’s length', () => {
    expect(projectedCompletionBp(10, 4, 31, 30)).toBe(4000);
    expect(projectedCompletionBp(10, 4, 30, 30)).toBe(4000);
  });
  it('never asks for more tasks than are left', () => {
    expect(tasksToReach(10, 4, 12000)).toBe(6);
    expect(tasksToReach(10, 4, 10000)).toBe(6);
    expect(tasksToReach(10, 4, 9000)).toBe(5);
    expect(tasksToReach(10, 4, 9001)).toBe(6);
    expect(tasksToReach(10, 10, 12000)).toBe(0);
  });
});
