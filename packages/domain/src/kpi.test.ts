import { describe, expect, it } from 'vitest';
import { DEFAULT_INCENTIVE_POLICY as P } from './incentives.ts';
import {
  computeKpi,
  divRoundSigned,
  gradeOf,
  type KpiCounts,
  meanChangeBp,
  meanImprovedAtLeast,
  projectedCompletion,
  projectedCompletionBp,
  ratioAtLeast,
  shareOfFen,
  sumCounts,
  targetStates,
  tasksToReach,
  ZERO_COUNTS,
} from './kpi.ts';

const counts = (c: Partial<KpiCounts>): KpiCounts => ({ ...ZERO_COUNTS, ...c });

/** A month where everything is perfect: 20 tasks done on time, 4 inspections passed. */
const perfect = counts({
  assigned: 20,
  done: 20,
  onTime: 20,
  inspected: 4,
  passed: 4,
  records: 24,
  satisfactionSum: 90,
  satisfactionCount: 20,
  prevSatisfactionSum: 80,
  prevSatisfactionCount: 20,
});

describe('divRoundSigned', () => {
  it('rounds half away from zero', () => {
    expect(divRoundSigned(5n, 2n)).toBe(3n);
    expect(divRoundSigned(-5n, 2n)).toBe(-3n);
    expect(divRoundSigned(4n, 3n)).toBe(1n);
    expect(divRoundSigned(-4n, 3n)).toBe(-1n);
    expect(divRoundSigned(0n, 7n)).toBe(0n);
  });
  it('refuses a zero or negative divisor', () => {
    expect(() => divRoundSigned(1n, 0n)).toThrow(RangeError);
    expect(() => divRoundSigned(1n, -1n)).toThrow(RangeError);
  });
});

describe('gradeOf — A > 90, B (80, 90], C (70, 80], D (60, 70], E ≤ 60', () => {
  const b = P.gradeBands;
  it.each([
    [10000, 'A'],
    [9001, 'A'],
    [9000, 'B'],
    [8001, 'B'],
    [8000, 'C'],
    [7001, 'C'],
    [7000, 'D'],
    [6001, 'D'],
    [6000, 'E'],
    [0, 'E'],
  ] as const)('%i hundredths → %s', (score, grade) => {
    expect(gradeOf(score, b)).toBe(grade);
  });
});

describe('computeKpi', () => {
  it('a perfect month scores 100 and grade A', () => {
    const k = computeKpi(perfect, P);
    expect(k.completionBp).toBe(10000);
    expect(k.onTimeBp).toBe(10000);
    expect(k.passRateBp).toBe(10000);
    expect(k.scoreHundredths).toBe(10000);
    expect(k.grade).toBe('A');
    expect(k.dimensions.map((d) => d.pointsHundredths)).toEqual([2500, 2500, 1500, 1500, 1000, 1000]);
  });

  it('exactly 90 % completion', () => {
    const k = computeKpi(counts({ ...perfect, done: 18, onTime: 18 }), P);
    expect(k.completionBp).toBe(9000);
    // 22.5 + 22.5 + 15 + 15 + 10 + 10 = 95
    expect(k.scoreHundredths).toBe(9500);
    expect(k.grade).toBe('A');
  });

  it('rates are exact and rounded once, half up', () => {
    const k = computeKpi(counts({ assigned: 3, done: 2, onTime: 1 }), P);
    expect(k.completionBp).toBe(6667);
    expect(k.onTimeBp).toBe(3333);
    // timeliness 25 × 0.3333 = 8.3325 → 8.33; completion 25 × 0.6667 = 16.6675 → 16.67;
    // cost: 2 done, no expenses → 10 of 10; rescaled over 60: (8.33 + 16.67 + 10) / 60 × 100 = 58.33
    expect(k.dimensions.find((d) => d.key === 'timeliness')?.pointsHundredths).toBe(833);
    expect(k.dimensions.find((d) => d.key === 'completion')?.pointsHundredths).toBe(1667);
    expect(k.scoreHundredths).toBe(5833);
    expect(k.grade).toBe('E');
  });

  it('no tasks, no records, no inspections: nothing measured, no score, no grade', () => {
    const k = computeKpi(ZERO_COUNTS, P);
    expect(k.completionBp).toBeNull();
    expect(k.passRateBp).toBeNull();
    expect(k.satisfactionHundredths).toBeNull();
    expect(k.satisfactionChangeBp).toBeNull();
    expect(k.dimensions.every((d) => !d.measured && d.pointsHundredths === null)).toBe(true);
    expect(k.scoreHundredths).toBeNull();
    expect(k.grade).toBeNull();
  });

  it('no inspections: process and content are not measured and the score is rescaled over the rest', () => {
    const k = computeKpi(counts({ ...perfect, inspected: 0, passed: 0, done: 19, onTime: 19 }), P);
    expect(k.passRateBp).toBeNull();
    const measured = k.dimensions.filter((d) => d.measured).map((d) => d.key);
    expect(measured).toEqual(['timeliness', 'completion', 'records', 'cost']);
    // timeliness 25 × 0.95 = 23.75, completion 23.75, records 10, cost 10 → 67.5 of 70 → 96.43
    expect(k.scoreHundredths).toBe(9643);
  });

  it('late tasks cost timeliness only; open tasks cost both', () => {
    const late = computeKpi(counts({ ...perfect, onTime: 10 }), P);
    expect(late.onTimeBp).toBe(5000);
    expect(late.completionBp).toBe(10000);
    expect(late.scoreHundredths).toBe(8750);
    expect(late.grade).toBe('B');
    const open = computeKpi(counts({ ...perfect, done: 10, onTime: 10 }), P);
    expect(open.scoreHundredths).toBe(7500);
    expect(open.grade).toBe('C');
  });

  it('failed inspections, content findings and corrected records each cost their dimension', () => {
    const k = computeKpi(
      counts({ ...perfect, passed: 2, contentFaults: 1, records: 10, recordsCorrected: 5 }),
      P,
    );
    const pts = Object.fromEntries(k.dimensions.map((d) => [d.key, d.pointsHundredths]));
    expect(pts).toMatchObject({ process: 750, content: 1125, records: 500 });
    // 25 + 25 + 7.5 + 11.25 + 5 + 10 = 83.75
    expect(k.scoreHundredths).toBe(8375);
  });

  it('cost control: within budget is full marks, over budget is budget ÷ spent', () => {
    const within = computeKpi(counts({ ...perfect, expensesFen: 20 * 500 }), P);
    expect(within.dimensions.find((d) => d.key === 'cost')?.rateBp).toBe(10000);
    const over = computeKpi(counts({ ...perfect, expensesFen: 30000 }), P);
    // budget 10 000 fen ÷ spent 30 000 fen = 33.33 %
    expect(over.dimensions.find((d) => d.key === 'cost')?.rateBp).toBe(3333);
    expect(over.dimensions.find((d) => d.key === 'cost')?.pointsHundredths).toBe(333);
    const nothingDone = computeKpi(counts({ assigned: 2, expensesFen: 100 }), P);
    expect(nothingDone.dimensions.find((d) => d.key === 'cost')?.rateBp).toBe(0);
    const noCost = computeKpi(counts({ assigned: 2 }), P);
    expect(noCost.dimensions.find((d) => d.key === 'cost')?.measured).toBe(false);
  });

  it('weights come from the policy', () => {
    const p = {
      ...P,
      weights: { timeliness: 0, completion: 100, process: 0, content: 0, records: 0, cost: 0 },
    };
    const k = computeKpi(counts({ ...perfect, done: 17, onTime: 0 }), p);
    expect(k.scoreHundredths).toBe(8500);
  });

  it('satisfaction mean and its change against last month, signed', () => {
    const up = computeKpi(perfect, P);
    expect(up.satisfactionHundredths).toBe(450);
    expect(up.prevSatisfactionHundredths).toBe(400);
    expect(up.satisfactionChangeBp).toBe(1250);
    const down = computeKpi(counts({ ...perfect, satisfactionSum: 70 }), P);
    expect(down.satisfactionChangeBp).toBe(-1250);
    const noPrev = computeKpi(counts({ ...perfect, prevSatisfactionCount: 0, prevSatisfactionSum: 0 }), P);
    expect(noPrev.satisfactionChangeBp).toBeNull();
    expect(noPrev.prevSatisfactionHundredths).toBeNull();
  });

  it('refuses impossible counts', () => {
    expect(() => computeKpi(counts({ assigned: 1, done: 2 }), P)).toThrow(RangeError);
    expect(() => computeKpi(counts({ assigned: 2, done: 1, onTime: 2 }), P)).toThrow(RangeError);
    expect(() => computeKpi(counts({ inspected: 1, passed: 2 }), P)).toThrow(RangeError);
    expect(() => computeKpi(counts({ records: 1, recordsCorrected: 2 }), P)).toThrow(RangeError);
    expect(() => computeKpi(counts({ assigned: -1 }), P)).toThrow(RangeError);
    expect(() => computeKpi(counts({ assigned: 1.5 }), P)).toThrow(RangeError);
  });
});

describe('meanChangeBp and meanImprovedAtLeast', () => {
  it('compares exactly, not through rounded means', () => {
    // 4.2 vs 4.0: +5 % exactly
    expect(meanChangeBp(42, 10, 40, 10)).toBe(500);
    expect(meanImprovedAtLeast(42, 10, 40, 10, 500)).toBe(true);
    // 419/100 vs 4: +4.75 % → not enough; 4.1999… would round to 4.20
    expect(meanImprovedAtLeast(41999, 10000, 4, 1, 500)).toBe(false);
    expect(meanChangeBp(41999, 10000, 4, 1)).toBe(500);
  });
  it('is null or false without both months', () => {
    expect(meanChangeBp(10, 2, 0, 0)).toBeNull();
    expect(meanChangeBp(0, 0, 10, 2)).toBeNull();
    expect(meanImprovedAtLeast(10, 2, 0, 0, 0)).toBe(false);
  });
  it('handles large months without losing precision', () => {
    expect(meanChangeBp(5 * 900_000, 900_000, 4 * 900_001, 900_001)).toBe(2500);
  });
});

describe('targetStates', () => {
  const t = P.targets;
  it('met when every target is reached, missed when one is not', () => {
    const k = computeKpi(perfect, P);
    expect(targetStates(k, t)).toMatchObject({
      completion: 'MET',
      passRate: 'MET',
      satisfaction: 'MET',
      met: true,
      missed: false,
    });
    const low = computeKpi(counts({ ...perfect, satisfactionSum: 80 }), P);
    expect(targetStates(low, t)).toMatchObject({ satisfaction: 'MISSED', met: false, missed: true });
  });
  it('a target that cannot be measured is neither met nor missed', () => {
    const k = computeKpi(counts({ ...perfect, inspected: 0, passed: 0 }), P);
    expect(targetStates(k, t)).toMatchObject({ passRate: 'UNMEASURED', met: false, missed: false });
  });
  it('exactly at the target is met (95 % pass rate)', () => {
    const k = computeKpi(counts({ ...perfect, inspected: 20, passed: 19 }), P);
    expect(k.passRateBp).toBe(9500);
    expect(targetStates(k, t).passRate).toBe('MET');
  });
});

describe('ratioAtLeast: a figure against a target, exactly', () => {
  it('exactly at the target is at least it; one unit below is not', () => {
    expect(ratioAtLeast(19, 20, 9500, 10000)).toBe(true);
    expect(ratioAtLeast(18, 20, 9500, 10000)).toBe(false);
    expect(ratioAtLeast(20, 20, 10000, 10000)).toBe(true);
    expect(ratioAtLeast(19999, 20000, 10000, 10000)).toBe(false);
    expect(ratioAtLeast(900, 200, 450, 100)).toBe(true);
  });
  it('899 / 200 = 4.495 misses 4.50, though it rounds to 4.50', () => {
    expect(ratioAtLeast(899, 200, 450, 100)).toBe(false);
    expect(
      computeKpi(counts({ satisfactionSum: 899, satisfactionCount: 200 }), P).satisfactionHundredths,
    ).toBe(450);
  });
  it('is exact beyond floating point, with BigInt and negative numerators', () => {
    const big = 2n ** 60n;
    expect(ratioAtLeast(big, big + 1n, 1, 1)).toBe(false);
    expect(ratioAtLeast(big + 1n, big, 1, 1)).toBe(true);
    // 9 007 199 254 740 993 / 9 007 199 254 740 992 is above 1 though both are the same double
    expect(ratioAtLeast(2n ** 53n + 1n, 2n ** 53n, 1, 1)).toBe(true);
    expect(ratioAtLeast(2n ** 53n, 2n ** 53n + 1n, 1, 1)).toBe(false);
    expect(ratioAtLeast(-5, 100, -500, 10000)).toBe(true);
    expect(ratioAtLeast(-6, 100, -500, 10000)).toBe(false);
  });
  it('refuses a zero or negative denominator and fractions', () => {
    expect(() => ratioAtLeast(0, 0, 1, 1)).toThrow(RangeError);
    expect(() => ratioAtLeast(1, 1, 1, 0)).toThrow(RangeError);
    expect(() => ratioAtLeast(1, -1, 1, 1)).toThrow(RangeError);
    expect(() => ratioAtLeast(0.5, 1, 1, 1)).toThrow(RangeError);
  });
});

describe('targetStates compares the counts, not the rounded figures', () => {
  const t = P.targets;
  it('satisfaction 899 / 200 (shown 4.50) misses 4.50; 900 / 200 meets it', () => {
    const miss = computeKpi(counts({ ...perfect, satisfactionSum: 899, satisfactionCount: 200 }), P);
    expect(miss.satisfactionHundredths).toBe(450);
    expect(targetStates(miss, t)).toMatchObject({ satisfaction: 'MISSED', met: false, missed: true });
    const hit = computeKpi(counts({ ...perfect, satisfactionSum: 900, satisfactionCount: 200 }), P);
    expect(targetStates(hit, t)).toMatchObject({ satisfaction: 'MET', met: true });
  });
  it('completion 19 999 of 20 000 (shown 100.00 %) misses 100 %', () => {
    const k = computeKpi(counts({ ...perfect, assigned: 20000, done: 19999, onTime: 19999 }), P);
    expect(k.completionBp).toBe(10000);
    expect(targetStates(k, t).completion).toBe('MISSED');
  });
  it('pass rate 18 999 of 20 000 (shown 95.00 %) misses 95 %; 19 000 meets it', () => {
    const k = computeKpi(counts({ ...perfect, inspected: 20000, passed: 18999 }), P);
    expect(k.passRateBp).toBe(9500);
    expect(targetStates(k, t).passRate).toBe('MISSED');
    const at = computeKpi(counts({ ...perfect, inspected: 20000, passed: 19000 }), P);
    expect(targetStates(at, t).passRate).toBe('MET');
  });
  it('reads the counts only: a snapshot’s counts decide', () => {
    expect(targetStates({ counts: counts({ assigned: 3, done: 3 }) }, t)).toMatchObject({
      completion: 'MET',
      passRate: 'UNMEASURED',
      satisfaction: 'UNMEASURED',
      met: false,
      missed: false,
    });
  });
});

describe('projectedCompletion as an exact fraction', () => {
  it('is what projectedCompletionBp rounds', () => {
    expect(projectedCompletion(40, 10, 10, 30)).toEqual({ num: 300n, den: 400n });
    expect(projectedCompletion(40, 20, 10, 30)).toEqual({ num: 400n, den: 400n });
    expect(projectedCompletion(9, 8, 31, 31)).toEqual({ num: 8n, den: 9n });
    expect(projectedCompletion(9, 8, 0, 31)).toBeNull();
    expect(projectedCompletion(0, 0, 5, 31)).toBeNull();
  });
  it('decides a threshold exactly where the rounded projection would not', () => {
    // 17 999 × 30 / (20 000 × 30) = 89.995 %: shown 90.00 %, below 90 %
    const p = projectedCompletion(20000, 17999, 30, 30)!;
    expect(projectedCompletionBp(20000, 17999, 30, 30)).toBe(9000);
    expect(ratioAtLeast(p.num, p.den, 9000, 10000)).toBe(false);
    const mid = projectedCompletion(20000, 8999, 15, 30)!; // 17 998 / 20 000 projected
    expect(projectedCompletionBp(20000, 8999, 15, 30)).toBe(8999);
    expect(ratioAtLeast(mid.num, mid.den, 8999, 10000)).toBe(true);
  });
});

describe('sumCounts, shareOfFen', () => {
  it('sums callers into a team', () => {
    const s = sumCounts([perfect, counts({ assigned: 5, done: 1, expensesFen: 7 })]);
    expect(s).toMatchObject({ assigned: 25, done: 21, expensesFen: 7, satisfactionCount: 20 });
    expect(sumCounts([])).toEqual(ZERO_COUNTS);
  });
  it('takes a share of an amount in fen, half up', () => {
    expect(shareOfFen(100000, 2000)).toBe(20000);
    expect(shareOfFen(333, 5000)).toBe(167);
    expect(() => shareOfFen(-1, 1)).toThrow(RangeError);
  });
});

describe('projectedCompletionBp and tasksToReach', () => {
  it('projects the pace so far to the month end, capped at everything', () => {
    // 10 of 40 done after 10 of 30 days → 30 of 40 → 75 %
    expect(projectedCompletionBp(40, 10, 10, 30)).toBe(7500);
    expect(projectedCompletionBp(40, 20, 10, 30)).toBe(10000);
    expect(projectedCompletionBp(3, 1, 1, 3)).toBe(10000);
    expect(projectedCompletionBp(30, 8, 9, 30)).toBe(8889);
  });
  it('is the actual rate once the month is over, null before it starts or without tasks', () => {
    expect(projectedCompletionBp(9, 8, 31, 31)).toBe(8889);
    expect(projectedCompletionBp(9, 8, 0, 31)).toBeNull();
    expect(projectedCompletionBp(0, 0, 5, 31)).toBeNull();
  });
  it('counts the tasks still needed for a threshold', () => {
    expect(tasksToReach(20, 17, 9000)).toBe(1);
    expect(tasksToReach(20, 18, 9000)).toBe(0);
    expect(tasksToReach(9, 0, 9000)).toBe(9);
    expect(tasksToReach(9, 8, 10000)).toBe(1);
    expect(tasksToReach(0, 0, 10000)).toBe(0);
    expect(tasksToReach(7, 6, 9000)).toBe(1);
  });
});
