import { ZIncentivePolicyValues } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import {
  applyDeductionCap,
  type CallerMonth,
  type DepartmentMonth,
  deductionCapFen,
  headReviewMissed,
  isQuarterEnd,
  monthsToLookBack,
  netFen,
  DEFAULT_INCENTIVE_POLICY as P,
  proposeIncentives,
  remediationDeduction,
  teamAwardJudgement,
} from './incentives.ts';
import { computeKpi, type KpiCounts, targetStates, ZERO_COUNTS } from './kpi.ts';
import { rateBp } from './report-math.ts';

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

  it('the excellent caller’s bars are compared exactly: 19 999 of 20 000 shows 100.00 % and is not 100 %', () => {
    const big = {
      ...excellent,
      assigned: 20000,
      done: 20000,
      onTime: 20000,
      inspected: 20000,
      passed: 20000,
    };
    expect(rules(caller(big))).toContain('EXCELLENT_CALLER');
    const doneShort = { ...big, done: 19999, onTime: 19999 };
    expect(computeKpi(counts(doneShort), P).completionBp).toBe(10000);
    expect(rules(caller(doneShort))).not.toContain('EXCELLENT_CALLER');
    const passShort = { ...big, passed: 19999 };
    expect(computeKpi(counts(passShort), P).passRateBp).toBe(10000);
    expect(rules(caller(passShort))).not.toContain('EXCELLENT_CALLER');
  });

  it('the warning and the retraining are compared exactly: 89.995 % shows as 90.00 % and is below 90 %', () => {
    const base = {
      ...excellent,
      assigned: 20000,
      done: 18000,
      onTime: 18000,
      inspected: 20000,
      passed: 18000,
    };
    expect(rules(caller(base))).not.toContain('COMPLETION_WARNING');
    expect(rules(caller(base))).not.toContain('PASS_RATE_RETRAINING');
    const under = { ...base, done: 17999, onTime: 17999, passed: 17999 };
    const k = computeKpi(counts(under), P);
    expect([k.completionBp, k.passRateBp]).toEqual([9000, 9000]);
    const items = proposeIncentives({
      month: '2026-10',
      policy: P,
      callers: [caller(under)],
      departments: [],
    });
    expect(items.map((i) => i.rule)).toEqual(
      expect.arrayContaining(['COMPLETION_WARNING', 'PASS_RATE_RETRAINING']),
    );
    expect(items.find((i) => i.rule === 'COMPLETION_WARNING')?.figures).toMatchObject({
      completionBp: 9000,
      thresholdBp: 9000,
    });
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

  it('pass rate below 90 % → retraining (the day of pay follows the attendance); exactly 90 % → nothing', () => {
    expect(rules(caller({ ...excellent, inspected: 10, passed: 9 }))).not.toContain('PASS_RATE_RETRAINING');
    const items = proposeIncentives({
      month: '2026-10',
      policy: P,
      callers: [caller({ ...excellent, inspected: 10, passed: 8 })],
      departments: [],
    });
    expect(
      items.filter((i) => i.rule.startsWith('PASS_RATE')).map((i) => [i.rule, i.kind, i.amountFen]),
    ).toEqual([['PASS_RATE_RETRAINING', 'RETRAINING', null]]);
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
    const three = { ...P, gradeE: { ...P.gradeE, consecutiveMonths: 3, deductionBp: 1500 } };
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
    previous: [],
    ...d,
  });
  const run = (d: DepartmentMonth, month = '2026-11', policy = P) =>
    proposeIncentives({ month, policy, callers: [], departments: [d] });
  /** a month whose completion misses the 100 % target: 15 of 20 */
  const missed = counts({ ...excellent, done: 15, onTime: 15 });

  it('missing the completion target two months running → head review and 30 % deduction for the head', () => {
    const items = run(dept({ kpi: bad, previous: [missed] }));
    expect(items.map((i) => [i.rule, i.userId, i.amountFen])).toEqual([
      ['HEAD_REVIEW', 'head', null],
      ['HEAD_REVIEW_DEDUCTION', 'head', 30000],
    ]);
    expect(items[0]?.figures).toEqual({
      assigned: 20,
      done: 15,
      completionBp: 7500,
      targetCompletionBp: 10000,
      consecutiveMonths: 2,
    });
    expect(run(dept({ kpi: bad, previous: [excellent, missed] }))).toEqual([]);
    expect(run(dept({ kpi: bad, previous: [] }))).toEqual([]);
    expect(run(dept({ kpi: bad, previous: [null] }))).toEqual([]);
    expect(run(dept({ kpi: good, previous: [missed] }))).toEqual([]);
    expect(run(dept({ kpi: bad, previous: [missed], headUserId: null }))).toEqual([]);
  });

  it('missing only pass rate or satisfaction, even two months running, is no head review (seed 000 §5.3 回訪任務目標)', () => {
    const lowSatisfaction = counts({ ...excellent, satisfactionSum: 80 }); // 4.00 < 4.50
    const lowPassRate = counts({ ...excellent, inspected: 20, passed: 18 }); // 90 % < 95 %
    for (const c of [lowSatisfaction, lowPassRate]) {
      expect(targetStates(computeKpi(c, P), P.targets).missed).toBe(true);
      expect(run(dept({ kpi: computeKpi(c, P), previous: [c] }))).toEqual([]);
    }
    // the policy may make any missed target count, as before
    const any = { ...P, headReview: { ...P.headReview, trigger: 'ANY_TARGET' as const } };
    const items = run(dept({ kpi: computeKpi(lowSatisfaction, P), previous: [lowPassRate] }), '2026-11', any);
    expect(items.map((i) => i.rule)).toEqual(['HEAD_REVIEW', 'HEAD_REVIEW_DEDUCTION']);
    expect(items[0]?.figures).toMatchObject({
      satisfactionHundredths: 400,
      targetSatisfactionHundredths: 450,
    });
  });

  it('the head review compares completion exactly: all done is met, 19 999 of 20 000 (shown 100.00 %) is missed', () => {
    const all = counts({ assigned: 20000, done: 20000 });
    const oneShort = counts({ assigned: 20000, done: 19999 });
    expect(computeKpi(oneShort, P).completionBp).toBe(10000);
    expect(headReviewMissed(all, P)).toBe(false);
    expect(headReviewMissed(oneShort, P)).toBe(true);
    expect(headReviewMissed(counts({}), P)).toBe(false); // nothing assigned: nothing missed
    expect(headReviewMissed(null, P)).toBe(false);
    expect(run(dept({ kpi: computeKpi(oneShort, P), previous: [oneShort] })).map((i) => i.rule)).toEqual([
      'HEAD_REVIEW',
      'HEAD_REVIEW_DEDUCTION',
    ]);
    expect(run(dept({ kpi: computeKpi(all, P), previous: [oneShort] }))).toEqual([]);
    // three months configured: three misses needed
    const three = { ...P, headReview: { ...P.headReview, consecutiveMonths: 3 } };
    expect(run(dept({ kpi: computeKpi(oneShort, P), previous: [oneShort] }), '2026-11', three)).toEqual([]);
    expect(
      run(dept({ kpi: computeKpi(oneShort, P), previous: [oneShort, oneShort] }), '2026-11', three),
    ).toHaveLength(2);
  });

  it('quarter ends are March, June, September and December', () => {
    expect(['2026-03', '2026-06', '2026-09', '2026-12'].every(isQuarterEnd)).toBe(true);
    expect(['2026-01', '2026-02', '2026-10', '2026-11'].some(isQuarterEnd)).toBe(false);
    expect(monthsToLookBack('2026-09', P)).toBe(5);
    expect(monthsToLookBack('2026-10', P)).toBe(1);
  });
});

describe('the quarterly team award: the quarter as a whole', () => {
  /** a month: 10 tasks all done, 10 inspections all passed, 10 ratings summing to `sat` */
  const month = (c: Partial<KpiCounts> = {}) =>
    counts({
      assigned: 10,
      done: 10,
      onTime: 10,
      inspected: 10,
      passed: 10,
      records: 10,
      satisfactionSum: 42,
      satisfactionCount: 10,
      ...c,
    });
  /** the previous quarter: mean 4.00 */
  const before = [
    month({ satisfactionSum: 40 }),
    month({ satisfactionSum: 40 }),
    month({ satisfactionSum: 40 }),
  ];
  const award = (
    quarter: KpiCounts[],
    previous: (KpiCounts | null)[] = before,
    policy = P,
    m = '2026-09',
  ) => {
    const [m1, m2, m3] = quarter as [KpiCounts, KpiCounts, KpiCounts];
    return proposeIncentives({
      month: m,
      policy,
      callers: [],
      departments: [
        { departmentId: 'd1', headUserId: 'head', kpi: computeKpi(m3, P), previous: [m2, m1, ...previous] },
      ],
    }).filter((i) => i.rule === 'TEAM_AWARD');
  };

  it('is proposed when the summed quarter meets completion and pass rate and satisfaction rose by 5 % exactly', () => {
    const items = award([month(), month(), month()]);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ kind: 'BONUS', userId: 'head', departmentId: 'd1', amountFen: 300000 });
    expect(items[0]?.figures).toEqual({
      quarter: '2026-Q3',
      assigned: 30,
      done: 30,
      completionBp: 10000,
      targetCompletionBp: 10000,
      inspected: 30,
      passed: 30,
      passRateBp: 10000,
      targetPassRateBp: 9500,
      satisfactionHundredths: 420,
      prevQuarterSatisfactionHundredths: 400,
      satisfactionChangeBp: 500,
      minImprovementBp: 500,
    });
  });

  it('one month below the pass-rate target, or below the satisfaction level, does not lose it when the quarter meets', () => {
    // July 90 % passed, the quarter 29 / 30 = 96.67 % ≥ 95 %
    expect(award([month({ passed: 9 }), month(), month()])).toHaveLength(1);
    // August's mean 3.60 misses the 4.50 level; the quarter's 4.20 still rose 5 % over 4.00
    const low = month({ satisfactionSum: 36 });
    expect(targetStates(computeKpi(low, P), P.targets).satisfaction).toBe('MISSED');
    expect(award([month({ satisfactionSum: 45 }), low, month({ satisfactionSum: 45 })])).toHaveLength(1);
  });

  it('is not proposed when the quarter misses: completion one task short, pass rate under 95 %, improvement under 5 %', () => {
    expect(award([month({ done: 9, onTime: 9 }), month(), month()])).toEqual([]);
    // 28 / 30 = 93.33 %
    expect(award([month({ passed: 9 }), month({ passed: 9 }), month()])).toEqual([]);
    // 125 / 30 = 4.1667: +4.17 %
    expect(award([month({ satisfactionSum: 41 }), month(), month()])).toEqual([]);
  });

  it('pass rate exactly 95 % meets; one passed fewer (or a rounding to 95.00 %) does not', () => {
    const q = (passed: number) => [
      month({ inspected: 20, passed }),
      month({ inspected: 0, passed: 0 }),
      month({ inspected: 0, passed: 0 }),
    ];
    expect(award(q(19))).toHaveLength(1);
    expect(award(q(18))).toEqual([]);
    // 18 999 / 20 000 = 94.995 % shows as 95.00 % and misses
    const big = [
      month({ inspected: 20000, passed: 18999 }),
      month({ inspected: 0, passed: 0 }),
      month({ inspected: 0, passed: 0 }),
    ];
    expect(rateBp(18999, 20000)).toBe(9500);
    expect(award(big)).toEqual([]);
  });

  it('the improvement is judged on the unrounded quarter means', () => {
    // previous 1 200 over 300 = 4.00; +5 % is 4.20 = 1 260 over 300, one point less misses
    const prev = [
      month({ satisfactionSum: 400, satisfactionCount: 100 }),
      month({ satisfactionSum: 400, satisfactionCount: 100 }),
      month({ satisfactionSum: 400, satisfactionCount: 100 }),
    ];
    const q = (s: number) => [
      month({ satisfactionSum: s, satisfactionCount: 100 }),
      month({ satisfactionSum: 420, satisfactionCount: 100 }),
      month({ satisfactionSum: 420, satisfactionCount: 100 }),
    ];
    expect(award(q(420), prev)).toHaveLength(1);
    expect(award(q(419), prev)).toEqual([]);
    // the rate is the policy's
    const ten = { ...P, teamAwardMinImprovementBp: 1000 };
    expect(award(q(420), prev, ten)).toEqual([]);
    const none = { ...P, teamAwardMinImprovementBp: 0 };
    expect(
      award(
        [month({ satisfactionSum: 40 }), month({ satisfactionSum: 40 }), month({ satisfactionSum: 40 })],
        before,
        none,
      ),
    ).toHaveLength(1);
  });

  it('unmeasurable is not met: no ratings in the previous quarter, no inspections, nothing assigned', () => {
    expect(award([month(), month(), month()], [null, null, null])).toEqual([]);
    const unrated = month({ satisfactionSum: 0, satisfactionCount: 0 });
    expect(award([month(), month(), month()], [unrated, unrated, unrated])).toEqual([]);
    const noInspections = month({ inspected: 0, passed: 0 });
    expect(award([noInspections, noInspections, noInspections])).toEqual([]);
    const nothing = month({ assigned: 0, done: 0, onTime: 0 });
    expect(award([nothing, nothing, nothing])).toEqual([]);
  });

  it('only at a quarter end, with the five months before known, and not when the award is 0', () => {
    expect(award([month(), month(), month()], before, P, '2026-08')).toEqual([]);
    expect(award([month(), month(), month()], before.slice(0, 2))).toEqual([]);
    expect(award([month(), month(), month()], before, { ...P, teamAwardFen: 0 })).toEqual([]);
    // a month without figures in the quarter counts nothing
    expect(teamAwardJudgement([month(), null, month()], before, P).figures).toMatchObject({
      assigned: 20,
      done: 20,
    });
  });
});

describe('the deduction cap: a month’s deductions never exceed the month’s performance bonus', () => {
  const d = (userId: string, amountFen: number, status = 'PROPOSED') => ({
    userId,
    kind: 'DEDUCTION',
    amountFen,
    status,
  });

  it('exactly at the cap nothing is cut', () => {
    expect(applyDeductionCap([d('u1', 50000), d('u1', 30000), d('u1', 20000)], 100000)).toEqual([
      { amountFen: 50000, uncappedFen: null, capFen: null },
      { amountFen: 30000, uncappedFen: null, capFen: null },
      { amountFen: 20000, uncappedFen: null, capFen: null },
    ]);
  });

  it('beyond the cap the later deductions are cut to what is left, and carry their uncapped amount and the cap', () => {
    expect(
      applyDeductionCap([d('u1', 50000), d('u1', 30000), d('u1', 30000), d('u1', 20000)], 100000),
    ).toEqual([
      { amountFen: 50000, uncappedFen: null, capFen: null },
      { amountFen: 30000, uncappedFen: null, capFen: null },
      { amountFen: 20000, uncappedFen: 30000, capFen: 100000 },
      { amountFen: 0, uncappedFen: 20000, capFen: 100000 },
    ]);
    // one fen over
    expect(applyDeductionCap([d('u1', 50000), d('u1', 50001)], 100000)[1]).toEqual({
      amountFen: 50000,
      uncappedFen: 50001,
      capFen: 100000,
    });
  });

  it('with a zero bonus nothing is deducted', () => {
    expect(applyDeductionCap([d('u1', 20000), d('u1', 1)], 0)).toEqual([
      { amountFen: 0, uncappedFen: 20000, capFen: 0 },
      { amountFen: 0, uncappedFen: 1, capFen: 0 },
    ]);
  });

  it('per person; rejected and withdrawn deductions, bonuses and measures do not count', () => {
    const items = [
      d('u1', 80000, 'REJECTED'),
      d('u1', 80000, 'WITHDRAWN'),
      { userId: 'u1', kind: 'BONUS', amountFen: 500000, status: 'PROPOSED' },
      { userId: 'u1', kind: 'WARNING', amountFen: null, status: 'PROPOSED' },
      d('u1', 80000, 'APPROVED'),
      d('u2', 80000),
      d('u1', 30000),
    ];
    expect(applyDeductionCap(items, 100000).map((r) => r.amountFen)).toEqual([
      80000,
      80000,
      500000,
      null,
      80000,
      80000,
      20000,
    ]);
  });

  it('the policy may lift the cap; the default caps at the performance bonus', () => {
    expect(deductionCapFen(P)).toBe(100000);
    expect(deductionCapFen({ ...P, deductionCap: 'NONE' })).toBeNull();
    expect(applyDeductionCap([d('u1', 200000)], null)).toEqual([
      { amountFen: 200000, uncappedFen: null, capFen: null },
    ]);
    // a month's sheet at the default policy: conduct 50 % three times → 150 % is cut to 100 %
    const items = proposeIncentives({
      month: '2026-10',
      policy: P,
      callers: [
        caller(
          { ...excellent, inspected: 10, passed: 8 },
          {
            conductTickets: [
              { id: 't1', number: 1 },
              { id: 't2', number: 2 },
              { id: 't3', number: 3 },
            ],
          },
        ),
      ],
      departments: [],
    }).map((i) => ({ ...i, status: 'PROPOSED' }));
    const capped = applyDeductionCap(items, deductionCapFen(P));
    const deducted = capped.filter((_, i) => items[i]?.kind === 'DEDUCTION').map((c) => c.amountFen);
    expect(deducted).toEqual([50000, 50000, 0]);
    expect(
      netFen(items.map((i, n) => ({ kind: i.kind, amountFen: capped[n]!.amountFen }))).deductionFen,
    ).toBe(100000);
  });
});

describe('the policy values', () => {
  it('a version stored before the team award rate, the head review trigger and the cap parses to the defaults', () => {
    const { teamAwardMinImprovementBp: _a, deductionCap: _c, ...old } = P;
    const { trigger: _t, ...headReview } = old.headReview;
    const parsed = ZIncentivePolicyValues.parse({ ...old, headReview });
    expect(parsed).toEqual(P);
    expect(ZIncentivePolicyValues.parse(P)).toEqual(P);
    expect(ZIncentivePolicyValues.safeParse({ ...P, deductionCap: 'HALF' }).success).toBe(false);
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
