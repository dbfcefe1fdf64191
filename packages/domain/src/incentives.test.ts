import { describe, expect, it } from 'vitest';
import {
  type CallerMonth,
  type DepartmentMonth,
  isQuarterEnd,
  netFen,
  DEFAULT_INCENTIVE_POLICY as P,
  proposeIncentives,
  remediationDeduction,
} from './incentives.ts';
import { computeKpi, type KpiCounts, ZERO_COUNTS } from './kpi.ts';

const counts = (c: Partial<KpiCounts>): KpiCounts => ({ ...ZERO_COUNTS, ...c });
/** 100 % done on time, 100 % passed, satisfaction 4.20 after 4.00 (+5 % exactly). */
const excellent = counts({
  assigned: 20,
  done: 20,
  onTime: 20,
  inspected: 2,
  passed: 2,
  records: 20,
  satisfactionSum: 84,
  satisfactionCount: 20,
  prevSatisfactionSum: 80,
  prevSatisfactionCount: 20,
});

const caller = (c: Partial<KpiCounts>, more: Partial<CallerMonth> = {}): CallerMonth => ({
  userId: 'u1',
  departmentId: 'd1',
  kpi: computeKpi(counts(c), P),
  previousGrades: [],
  conductTickets: [],
  ...more,
});
const rules = (c: CallerMonth, month = '2026-10') =>
  proposeIncentives({ month, policy: P, callers: [c], departments: [] }).map((i) => i.rule);

describe('caller rules', () => {
  it('月度优秀回访员 at exactly 100 %, 100 % and +5 %, plus the grade A bonus', () => {
    const items = proposeIncentives({
      month: '2026-10',
      policy: P,
      callers: [caller(excellent)],
      departments: [],
    });
    expect(items.map((i) => [i.rule, i.kind, i.amountFen])).toEqual([
      ['EXCELLENT_CALLER', 'BONUS', 50000],
      ['GRADE_BONUS', 'BONUS', 30000],
    ]);
    expect(items[0]?.figures).toMatchObject({
      completionBp: 10000,
      passRateBp: 10000,
      satisfactionChangeBp: 500,
    });
    expect(items[0]?.dedupeKey).toBe('EXCELLENT_CALLER:u1');
  });

  it('no excellent award just under any bar, without inspections or without a previous month', () => {
    expect(rules(caller({ ...excellent, done: 19, onTime: 19 }))).not.toContain('EXCELLENT_CALLER');
    expect(rules(caller({ ...excellent, passed: 1 }))).not.toContain('EXCELLENT_CALLER');
    expect(rules(caller({ ...excellent, satisfactionSum: 83 }))).not.toContain('EXCELLENT_CALLER');
    expect(rules(caller({ ...excellent, inspected: 0, passed: 0 }))).not.toContain('EXCELLENT_CALLER');
    expect(rules(caller({ ...excellent, prevSatisfactionCount: 0, prevSatisfactionSum: 0 }))).not.toContain(
      'EXCELLENT_CALLER',
    );
  });

  it('grade bonuses by grade: B gets the B amount, C none', () => {
    const b = proposeIncentives({
      month: '2026-10',
      policy: P,
      callers: [caller({ ...excellent, onTime: 10 })],
      departments: [],
    });
    expect(b.find((i) => i.rule === 'GRADE_BONUS')).toMatchObject({
      amountFen: 10000,
      figures: { grade: 'B' },
    });
    expect(rules(caller({ ...excellent, done: 10, onTime: 10 }))).not.toContain('GRADE_BONUS');
  });

  it('no tasks and no inspections: no grade, no item at all', () => {
    expect(rules(caller({}))).toEqual([]);
  });

  it('completion exactly 90 % is no warning; below it is, with the remediation window', () => {
    expect(rules(caller({ ...excellent, done: 18, onTime: 18 }))).not.toContain('COMPLETION_WARNING');
    const items = proposeIncentives({
      month: '2026-10',
      policy: P,
      callers: [caller({ ...excellent, done: 17, onTime: 17 })],
      departments: [],
    });
    const w = items.find((i) => i.rule === 'COMPLETION_WARNING');
    expect(w).toMatchObject({ kind: 'WARNING', amountFen: null, remediationDays: 7 });
    expect(w?.figures).toMatchObject({ assigned: 20, done: 17, completionBp: 8500, thresholdBp: 9000 });
  });

  it('pass rate below 90 % → retraining and one day of pay; exactly 90 % → nothing', () => {
    expect(rules(caller({ ...excellent, inspected: 10, passed: 9 }))).not.toContain('PASS_RATE_RETRAINING');
    const items = proposeIncentives({
      month: '2026-10',
      policy: P,
      callers: [caller({ ...excellent, inspected: 10, passed: 8 })],
      departments: [],
    });
    expect(
      items.filter((i) => i.rule.startsWith('PASS_RATE')).map((i) => [i.rule, i.kind, i.amountFen]),
    ).toEqual([
      ['PASS_RATE_RETRAINING', 'RETRAINING', null],
      ['PASS_RATE_DEDUCTION', 'DEDUCTION', 20000],
    ]);
  });

  it('each confirmed conduct ticket → 50 % deduction and public criticism', () => {
    const items = proposeIncentives({
      month: '2026-10',
      policy: P,
      callers: [
        caller(excellent, {
          conductTickets: [
            { id: 't1', number: 7 },
            { id: 't2', number: 9 },
          ],
        }),
      ],
      departments: [],
    });
    const conduct = items.filter((i) => i.rule.startsWith('CONDUCT'));
    expect(conduct.map((i) => [i.rule, i.amountFen, i.figures.ticketNumber])).toEqual([
      ['CONDUCT_DEDUCTION', 50000, 7],
      ['CONDUCT_CRITICISM', null, 7],
      ['CONDUCT_DEDUCTION', 50000, 9],
      ['CONDUCT_CRITICISM', null, 9],
    ]);
    expect(new Set(conduct.map((i) => i.dedupeKey)).size).toBe(4);
  });

  it('two E grades in a row → the configured deduction; one E, or E after a gap, → none', () => {
    const e = { assigned: 10, done: 5, onTime: 0 };
    expect(rules(caller(e, { previousGrades: ['E'] }))).toContain('GRADE_E_DEDUCTION');
    expect(rules(caller(e, { previousGrades: [] }))).not.toContain('GRADE_E_DEDUCTION');
    expect(rules(caller(e, { previousGrades: ['D', 'E'] }))).not.toContain('GRADE_E_DEDUCTION');
    expect(rules(caller(e, { previousGrades: [null] }))).not.toContain('GRADE_E_DEDUCTION');
    const three = { ...P, gradeE: { consecutiveMonths: 3, deductionBp: 1500 } };
    const items = proposeIncentives({
      month: '2026-10',
      policy: three,
      callers: [caller(e, { previousGrades: ['E', 'E'] })],
      departments: [],
    });
    expect(items.find((i) => i.rule === 'GRADE_E_DEDUCTION')?.amountFen).toBe(15000);
  });

  it('every amount is read from the policy', () => {
    const p = {
      ...P,
      excellentCaller: { ...P.excellentCaller, amountFen: 12345 },
      gradeBonusFen: { ...P.gradeBonusFen, A: 0 },
    };
    const items = proposeIncentives({
      month: '2026-10',
      policy: p,
      callers: [caller(excellent)],
      departments: [],
    });
    expect(items.map((i) => [i.rule, i.amountFen])).toEqual([['EXCELLENT_CALLER', 12345]]);
  });
});

describe('department rules', () => {
  const good = computeKpi(counts({ ...excellent, satisfactionSum: 95 }), P);
  const bad = computeKpi(counts({ ...excellent, done: 15, onTime: 15 }), P);
  const dept = (d: Partial<DepartmentMonth>): DepartmentMonth => ({
    departmentId: 'd1',
    headUserId: 'head',
    kpi: good,
    previousMissed: [],
    quarterEarlierMet: null,
    ...d,
  });
  const run = (d: DepartmentMonth, month = '2026-11') =>
    proposeIncentives({ month, policy: P, callers: [], departments: [d] });

  it('missing targets two months running → head review and 30 % deduction for the head', () => {
    const items = run(dept({ kpi: bad, previousMissed: [true] }));
    expect(items.map((i) => [i.rule, i.userId, i.amountFen])).toEqual([
      ['HEAD_REVIEW', 'head', null],
      ['HEAD_REVIEW_DEDUCTION', 'head', 30000],
    ]);
    expect(run(dept({ kpi: bad, previousMissed: [false, true] }))).toEqual([]);
    expect(run(dept({ kpi: bad, previousMissed: [] }))).toEqual([]);
    expect(run(dept({ kpi: good, previousMissed: [true] }))).toEqual([]);
    expect(run(dept({ kpi: bad, previousMissed: [true], headUserId: null }))).toEqual([]);
  });

  it('team award at a quarter end when all three targets were met in each month', () => {
    const items = run(dept({ quarterEarlierMet: [true, true] }), '2026-09');
    expect(items.map((i) => [i.rule, i.amountFen, i.figures.quarter])).toEqual([
      ['TEAM_AWARD', 300000, '2026-Q3'],
    ]);
    expect(run(dept({ quarterEarlierMet: [true, false] }), '2026-09')).toEqual([]);
    expect(run(dept({ quarterEarlierMet: [true, true] }), '2026-08')).toEqual([]);
    expect(run(dept({ kpi: bad, quarterEarlierMet: [true, true] }), '2026-12')).toEqual([]);
    // a target that could not be measured is not met
    const unmeasured = computeKpi(counts({ ...excellent, inspected: 0, passed: 0 }), P);
    expect(run(dept({ kpi: unmeasured, quarterEarlierMet: [true, true] }), '2026-12')).toEqual([]);
  });

  it('quarter ends are March, June, September and December', () => {
    expect(['2026-03', '2026-06', '2026-09', '2026-12'].every(isQuarterEnd)).toBe(true);
    expect(['2026-01', '2026-02', '2026-10', '2026-11'].some(isQuarterEnd)).toBe(false);
  });
});

describe('remediation and totals', () => {
  it('open tasks after the window → 20 % deduction; none → nothing', () => {
    const base = {
      userId: 'u1',
      departmentId: 'd1',
      warningMonth: '2026-10',
      warningItemId: 'w1',
      policy: P,
    };
    expect(remediationDeduction({ ...base, openTasks: 0 })).toBeNull();
    expect(remediationDeduction({ ...base, openTasks: 3 })).toMatchObject({
      rule: 'REMEDIATION_DEDUCTION',
      kind: 'DEDUCTION',
      amountFen: 20000,
      dedupeKey: 'REMEDIATION_DEDUCTION:u1:w1',
      figures: { openTasks: 3, warningMonth: '2026-10' },
    });
  });

  it('nets bonuses against deductions and ignores items without money', () => {
    expect(
      netFen([
        { kind: 'BONUS', amountFen: 50000 },
        { kind: 'DEDUCTION', amountFen: 20000 },
        { kind: 'WARNING', amountFen: null },
      ]),
    ).toEqual({ bonusFen: 50000, deductionFen: 20000, netFen: 30000 });
  });
});
