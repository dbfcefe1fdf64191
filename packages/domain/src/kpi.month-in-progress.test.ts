import { describe, expect, it } from 'vitest';
import { DEFAULT_INCENTIVE_POLICY as P } from './incentives.ts';
import {
  assessmentOf,
  computeKpi,
  countsInMonthSoFar,
  KPI_DIMENSIONS,
  type KpiCounts,
  type KpiDimensionScore,
  kpiDueBefore,
  monthPhase,
  scoreExplanation,
  withAssessment,
  ZERO_COUNTS,
} from './kpi.ts';
import { addDays, daysBetween, monthBounds } from './time.ts';

// docs/rules.md#r-kpi-12-a-month-in-progress: a month in progress measured on what was due so far (R-KPI-12), dimensions
// without evidence not assessed and the score re-weighted over the others, said so (R-KPI-7).

const counts = (c: Partial<KpiCounts>): KpiCounts => ({ ...ZERO_COUNTS, ...c });

describe('monthPhase and kpiDueBefore (R-KPI-12)', () => {
  const months = ['2026-12', '2027-01', '2028-02', '2027-02', '2026-03', '2026-04'];
  for (const month of months) {
    const { first, last } = monthBounds(month);
    it(`${month}: every day of it is RUNNING and cut at that day; the days around it are not`, () => {
      for (const day of daysBetween(first, last)) {
        expect(monthPhase(month, day)).toBe('RUNNING');
        expect(kpiDueBefore(month, day)).toBe(day);
      }
      expect(monthPhase(month, addDays(first, -1))).toBe('FUTURE');
      expect(kpiDueBefore(month, addDays(first, -1))).toBe(addDays(first, -1));
      expect(monthPhase(month, addDays(last, 1))).toBe('PAST');
      expect(kpiDueBefore(month, addDays(last, 1))).toBeNull();
      expect(kpiDueBefore(month, addDays(last, 400))).toBeNull();
    });
  }
  it('the leap day belongs to a running February 2028', () => {
    expect(monthPhase('2028-02', '2028-02-29')).toBe('RUNNING');
    expect(monthPhase('2028-02', '2028-03-01')).toBe('PAST');
  });
});

describe('countsInMonthSoFar (R-KPI-12)', () => {
  const cut = '2026-12-02';
  it.each([
    // due day, finished, counts?
    ['2026-12-01', false, true], // due yesterday, open: overdue, held against the caller
    ['2026-12-01', true, true],
    ['2026-12-02', false, false], // due today, still open: not due yet
    ['2026-12-02', true, true], // due today and done: counts
    ['2026-12-31', false, false], // due later: not held against anyone
    ['2026-12-31', true, true], // done early: counts
  ] as const)('due %s, finished %s → %s', (due, finished, expected) => {
    expect(countsInMonthSoFar(due, finished, cut)).toBe(expected);
  });
  it('a month that is over counts every task, whatever its state', () => {
    for (const finished of [true, false])
      for (const due of ['2026-11-01', '2026-11-30'])
        expect(countsInMonthSoFar(due, finished, null)).toBe(true);
  });
  it('on 2 December: 2 done of 45 in the month is 4.44 %, of the 2 due so far 100 %', () => {
    // 45 tasks in December, 2 due on the 1st (both done), 1 due today open, the rest later
    const tasks = [
      { due: '2026-12-01', done: true },
      { due: '2026-12-01', done: true },
      { due: '2026-12-02', done: false },
      ...Array.from({ length: 42 }, (_, i) => ({
        due: `2026-12-${String(3 + (i % 28)).padStart(2, '0')}`,
        done: false,
      })),
    ];
    const tally = (dueBefore: string | null) => {
      const inMonth = tasks.filter((x) => countsInMonthSoFar(x.due, x.done, dueBefore));
      return counts({
        assigned: inMonth.length,
        done: inMonth.filter((x) => x.done).length,
        onTime: inMonth.filter((x) => x.done).length,
      });
    };
    const whole = computeKpi(tally(null), P);
    expect(whole.completionBp).toBe(444);
    expect(whole.grade).toBe('E');
    const soFar = computeKpi(tally(kpiDueBefore('2026-12', '2026-12-02')), P);
    expect(soFar.counts.assigned).toBe(2);
    expect(soFar.completionBp).toBe(10000);
    expect(soFar.grade).toBe('A');
  });
  it('on the 1st, before anything is due or done, completion and timeliness are not assessed', () => {
    const k = computeKpi(counts({}), P);
    expect(k.completionBp).toBeNull();
    expect(k.unassessed).toEqual([...KPI_DIMENSIONS]);
    expect(k.scoreHundredths).toBeNull();
    expect(k.grade).toBeNull();
  });
});

describe('unassessed dimensions are re-weighted and reported (R-KPI-7)', () => {
  it('孙磊: everything perfect but no inspection — quality not assessed, 100.00 over the 70 points assessed', () => {
    const k = computeKpi(counts({ assigned: 10, done: 10, onTime: 10, records: 10 }), P);
    expect(k.passRateBp).toBeNull();
    expect(k.unassessed).toEqual(['process', 'content']);
    expect(k.assessedWeight).toBe(70);
    expect(k.pointsSumHundredths).toBe(7000);
    expect(k.scoreHundredths).toBe(10000);
    expect(k.grade).toBe('A');
    const e = scoreExplanation(k, P.gradeBands);
    expect(e).toMatchObject({ reweighted: true, assessedWeight: 70, lost: [], gradeAbove: 9000 });
  });
  it('with all six assessed nothing is re-weighted and the score is the sum of points', () => {
    const k = computeKpi(
      counts({ assigned: 10, done: 10, onTime: 10, inspected: 3, passed: 3, records: 10 }),
      P,
    );
    expect(k.unassessed).toEqual([]);
    expect(k.assessedWeight).toBe(100);
    expect(k.scoreHundredths).toBe(k.pointsSumHundredths);
    expect(scoreExplanation(k, P.gradeBands).reweighted).toBe(false);
  });
  it('graded A while failing the pass-rate target: the explanation names the 5.00 points process lost', () => {
    // 2 of 3 inspections passed (66.67 %, retraining territory), everything else perfect
    const k = computeKpi(
      counts({ assigned: 20, done: 20, onTime: 20, inspected: 3, passed: 2, records: 20 }),
      P,
    );
    expect(k.passRateBp).toBe(6667);
    expect(k.grade).toBe('A');
    const e = scoreExplanation(k, P.gradeBands);
    expect(e.lost).toEqual([{ key: 'process', rateBp: 6667, lostHundredths: 500 }]);
    expect(k.scoreHundredths).toBe(9500);
    expect(e.gradeAbove).toBe(P.gradeBands.A);
    expect(e.reweighted).toBe(false);
  });
  it('E and no grade have no lower band', () => {
    const e = computeKpi(counts({ assigned: 10, onTime: 0, done: 0 }), P);
    expect(e.grade).toBe('E');
    expect(scoreExplanation(e, P.gradeBands).gradeAbove).toBeNull();
    expect(scoreExplanation(computeKpi(ZERO_COUNTS, P), P.gradeBands)).toMatchObject({
      gradeAbove: null,
      reweighted: false,
      assessedWeight: 0,
    });
  });
  it('every subset of unassessed dimensions: the assessed weight is the rest, reported in order', () => {
    for (let mask = 0; mask < 64; mask++) {
      const dims: KpiDimensionScore[] = KPI_DIMENSIONS.map((key, i) => {
        const measured = (mask & (1 << i)) === 0;
        return {
          key,
          weight: P.weights[key],
          measured,
          rateBp: measured ? 10000 : null,
          pointsHundredths: measured ? P.weights[key] * 100 : null,
        };
      });
      const a = assessmentOf(dims);
      const unassessed = KPI_DIMENSIONS.filter((_, i) => (mask & (1 << i)) !== 0);
      expect(a.unassessed).toEqual(unassessed);
      expect(a.assessedWeight).toBe(100 - unassessed.reduce((s, k) => s + P.weights[k], 0));
      expect(a.pointsSumHundredths).toBe(a.assessedWeight * 100);
    }
  });
  it('computeKpi and a stored KPI without the fields report the same assessment', () => {
    const k = computeKpi(counts({ assigned: 7, done: 5, onTime: 4, records: 6, recordsCorrected: 1 }), P);
    const { assessedWeight: _w, pointsSumHundredths: _p, unassessed: _u, ...stored } = k;
    expect(withAssessment(stored)).toEqual(k);
  });
  it('the score is never compared rounded: 2 of 3 on records re-weighted over 80 keeps its hundredths', () => {
    // timeliness 25×(1/3), completion 25, records 10×(2/3): cost assessed (done > 0, no expense)
    const k = computeKpi(counts({ assigned: 3, done: 3, onTime: 1, records: 3, recordsCorrected: 1 }), P);
    expect(k.unassessed).toEqual(['process', 'content']);
    expect(k.assessedWeight).toBe(70);
    // 833 + 2500 + 667 + 1000 = 5000 points → 5000 × 100 ÷ 70 = 7142.857 → 7143
    expect(k.pointsSumHundredths).toBe(5000);
    expect(k.scoreHundredths).toBe(7143);
    expect(k.grade).toBe('C');
  });
});
