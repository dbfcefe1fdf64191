// The items the incentive rules propose, field by field: each carries its person, department,
// kind, amount, pairing, figures and a dedupe key that stays the same from one close to the
// next (a rerun updates the item it finds under that key). Plus the rules' switches (a rule
// configured to 0 is off) and how far back they look.
import { describe, expect, it } from 'vitest';
import {
  type CallerMonth,
  type DepartmentMonth,
  type IncentivePolicyValues,
  netFen,
  DEFAULT_INCENTIVE_POLICY as P,
  proposeIncentives,
  remediationDeduction,
} from './incentives.ts';
import { computeKpi, type KpiCounts, ZERO_COUNTS } from './kpi.ts';

const counts = (c: Partial<KpiCounts>): KpiCounts => ({ ...ZERO_COUNTS, ...c });
const caller = (c: Partial<KpiCounts>, more: Partial<CallerMonth> = {}): CallerMonth => ({
  userId: 'u7',
  departmentId: 'd3',
  kpi: computeKpi(counts(c), P),
  previousGrades: [],
  conductTickets: [],
  ...more,
});
const propose = (callers: CallerMonth[], policy: IncentivePolicyValues = P, month = '2026-10') =>
  proposeIncentives({ month, policy, callers, departments: [] });

/** 17 of 20 done (none on time), 8 of 10 inspections passed: grade D, a warning and a retraining. */
const struggling = { assigned: 20, done: 17, onTime: 0, inspected: 10, passed: 8, records: 20 };
/** 5 of 10 done, none on time, nothing inspected: score 37.50, grade E. */
const gradeE = { assigned: 10, done: 5, onTime: 0 };

describe('caller items, field by field', () => {
  it('a warning, a retraining (its days of pay come from the attendance), and a conduct deduction with its criticism', () => {
    const policy = { ...P, retraining: { ...P.retraining, deductionDays: 2 } };
    const items = propose([caller(struggling, { conductTickets: [{ id: 't1', number: 12 }] })], policy);
    const who = { userId: 'u7', departmentId: 'd3' };
    const retrainingFigures = { inspected: 10, passed: 8, passRateBp: 8000, thresholdBp: 9000 };
    expect(items).toEqual([
      {
        ...who,
        rule: 'COMPLETION_WARNING',
        kind: 'WARNING',
        amountFen: null,
        dedupeKey: 'COMPLETION_WARNING:u7',
        remediationDays: 7,
        figures: { assigned: 20, done: 17, completionBp: 8500, thresholdBp: 9000, remediationDays: 7 },
      },
      {
        ...who,
        rule: 'PASS_RATE_RETRAINING',
        kind: 'RETRAINING',
        amountFen: null,
        dedupeKey: 'PASS_RATE_RETRAINING:u7',
        figures: retrainingFigures,
      },
      {
        ...who,
        rule: 'CONDUCT_DEDUCTION',
        kind: 'DEDUCTION',
        amountFen: 50000,
        dedupeKey: 'CONDUCT_DEDUCTION:u7:t1',
        figures: { ticketNumber: 12, ticketId: 't1', deductionBp: 5000, performanceBonusFen: 100000 },
      },
      {
        ...who,
        rule: 'CONDUCT_CRITICISM',
        kind: 'PUBLIC_CRITICISM',
        amountFen: null,
        dedupeKey: 'CONDUCT_CRITICISM:u7:t1',
        pairedWith: 'CONDUCT_DEDUCTION',
        figures: { ticketNumber: 12, ticketId: 't1' },
      },
    ]);
  });
  it('the grade bonus', () => {
    const perfect = { assigned: 10, done: 10, onTime: 10, inspected: 2, passed: 2, records: 10 };
    expect(propose([caller(perfect)])).toEqual([
      {
        userId: 'u7',
        departmentId: 'd3',
        rule: 'GRADE_BONUS',
        kind: 'BONUS',
        amountFen: 30000,
        dedupeKey: 'GRADE_BONUS:u7',
        figures: { grade: 'A', scoreHundredths: 10000 },
      },
    ]);
  });
  it('the grade E deduction', () => {
    expect(computeKpi(counts(gradeE), P)).toMatchObject({ scoreHundredths: 3750, grade: 'E' });
    expect(propose([caller(gradeE, { previousGrades: ['E'] })])).toContainEqual({
      userId: 'u7',
      departmentId: 'd3',
      rule: 'GRADE_E_DEDUCTION',
      kind: 'DEDUCTION',
      amountFen: 10000,
      dedupeKey: 'GRADE_E_DEDUCTION:u7',
      figures: {
        scoreHundredths: 3750,
        consecutiveMonths: 2,
        deductionBp: 1000,
        performanceBonusFen: 100000,
      },
    });
  });
  it('refuses a month that would propose the same item twice', () => {
    const ticket = { id: 't1', number: 12 };
    expect(() => propose([caller(struggling, { conductTickets: [ticket, ticket] })])).toThrow(
      new Error('duplicate item CONDUCT_DEDUCTION:u7:t1'),
    );
    expect(() => propose([caller(struggling), caller(struggling)])).toThrow(
      new Error('duplicate item COMPLETION_WARNING:u7'),
    );
  });
});

describe('the close proposes no day of pay: the attendance does (R-TRN-3)', () => {
  const rules = (policy: IncentivePolicyValues) => propose([caller(struggling)], policy).map((i) => i.rule);
  it('whatever the policy days and daily pay, the retraining alone', () => {
    for (const policy of [
      P,
      { ...P, retraining: { ...P.retraining, deductionDays: 3 } },
      { ...P, dailyPayFen: 0 },
    ])
      expect(rules(policy)).toEqual(['COMPLETION_WARNING', 'PASS_RATE_RETRAINING']);
  });
});

describe('grade E months running', () => {
  const withMonths = (consecutiveMonths: number) => ({ ...P, gradeE: { ...P.gradeE, consecutiveMonths } });
  const deducted = (previousGrades: CallerMonth['previousGrades'], policy = P, c = gradeE) =>
    propose([caller(c, { previousGrades })], policy).some((i) => i.rule === 'GRADE_E_DEDUCTION');

  it('one month is enough when the policy says 1; 0 turns the rule off', () => {
    expect(deducted([], withMonths(1))).toBe(true);
    expect(deducted([], withMonths(0))).toBe(false);
    expect(deducted(['E', 'E', 'E'], withMonths(0))).toBe(false);
  });
  it('looks back only as far as the policy says, at the most recent months first', () => {
    expect(deducted(['E', 'D'])).toBe(true);
    expect(deducted(['E', 'D'], withMonths(3))).toBe(false);
    expect(deducted(['D', 'E'], withMonths(3))).toBe(false);
    expect(deducted(['E', 'E', 'D'], withMonths(3))).toBe(true);
  });
  it('needs grade E this month, whatever the months before', () => {
    expect(deducted(['E', 'E'], P, { ...gradeE, done: 10, onTime: 10 })).toBe(false);
  });
});

describe('the head review, field by field', () => {
  const met = counts({ assigned: 20, done: 20, onTime: 20 });
  const missed = counts({ assigned: 20, done: 15, onTime: 15 });
  const dept = (kpi: KpiCounts, previous: (KpiCounts | null)[]): DepartmentMonth => ({
    departmentId: 'd1',
    headUserId: 'head',
    kpi: computeKpi(kpi, P),
    previous,
  });
  const withReview = (r: Partial<IncentivePolicyValues['headReview']>) => ({
    ...P,
    headReview: { ...P.headReview, ...r },
  });
  const run = (d: DepartmentMonth, policy = P) =>
    proposeIncentives({ month: '2026-11', policy, callers: [], departments: [d] });

  it('the review and its deduction for the head', () => {
    const figures = {
      assigned: 20,
      done: 15,
      completionBp: 7500,
      targetCompletionBp: 10000,
      consecutiveMonths: 1,
    };
    expect(run(dept(missed, []), withReview({ consecutiveMonths: 1 }))).toEqual([
      {
        rule: 'HEAD_REVIEW',
        kind: 'HEAD_REVIEW',
        userId: 'head',
        departmentId: 'd1',
        amountFen: null,
        dedupeKey: 'HEAD_REVIEW:d1',
        figures,
      },
      {
        rule: 'HEAD_REVIEW_DEDUCTION',
        kind: 'DEDUCTION',
        userId: 'head',
        departmentId: 'd1',
        amountFen: 30000,
        dedupeKey: 'HEAD_REVIEW_DEDUCTION:d1',
        pairedWith: 'HEAD_REVIEW',
        figures: { ...figures, deductionBp: 3000, performanceBonusFen: 100000 },
      },
    ]);
  });
  it('no deduction when the policy sets it to 0, the review stays', () => {
    expect(run(dept(missed, [missed]), withReview({ deductionBp: 0 })).map((i) => i.rule)).toEqual([
      'HEAD_REVIEW',
    ]);
  });
  it('0 months turns the rule off', () => {
    expect(run(dept(missed, [missed, missed]), withReview({ consecutiveMonths: 0 }))).toEqual([]);
  });
  it('looks back only as far as the policy says, at the most recent months first', () => {
    expect(run(dept(missed, [missed, met])).map((i) => i.rule)).toEqual([
      'HEAD_REVIEW',
      'HEAD_REVIEW_DEDUCTION',
    ]);
    expect(run(dept(missed, [missed, met]), withReview({ consecutiveMonths: 3 }))).toEqual([]);
    expect(run(dept(missed, [met, missed]), withReview({ consecutiveMonths: 3 }))).toEqual([]);
  });
});

describe('the team award’s dedupe key', () => {
  it('is one per department and quarter sheet', () => {
    const month = (sat: number) =>
      counts({
        assigned: 10,
        done: 10,
        onTime: 10,
        inspected: 10,
        passed: 10,
        records: 10,
        satisfactionSum: sat,
        satisfactionCount: 10,
      });
    const items = proposeIncentives({
      month: '2026-12',
      policy: P,
      callers: [],
      departments: [
        {
          departmentId: 'd9',
          headUserId: null,
          kpi: computeKpi(month(42), P),
          previous: [month(42), month(42), month(40), month(40), month(40)],
        },
      ],
    });
    expect(items).toMatchObject([
      {
        rule: 'TEAM_AWARD',
        userId: null,
        departmentId: 'd9',
        dedupeKey: 'TEAM_AWARD:d9',
        figures: { quarter: '2026-Q4' },
      },
    ]);
  });
});

describe('remediationDeduction, field by field', () => {
  const input = {
    userId: 'u7',
    departmentId: 'd3',
    warningMonth: '2026-10',
    warningItemId: 'w9',
    openTasks: 2,
    policy: P,
  };
  it('is the whole item, paired with its warning', () => {
    expect(remediationDeduction(input)).toEqual({
      rule: 'REMEDIATION_DEDUCTION',
      kind: 'DEDUCTION',
      userId: 'u7',
      departmentId: 'd3',
      amountFen: 20000,
      dedupeKey: 'REMEDIATION_DEDUCTION:u7:w9',
      pairedWith: 'COMPLETION_WARNING',
      figures: {
        warningMonth: '2026-10',
        openTasks: 2,
        remediationDays: 7,
        deductionBp: 2000,
        performanceBonusFen: 100000,
      },
    });
  });
  it('is nothing when the policy sets the deduction to 0', () => {
    expect(
      remediationDeduction({ ...input, policy: { ...P, warning: { ...P.warning, deductionBp: 0 } } }),
    ).toBeNull();
  });
});

describe('netFen', () => {
  it('counts only bonuses and deductions, whatever else carries an amount', () => {
    expect(
      netFen([
        { kind: 'BONUS', amountFen: 30000 },
        { kind: 'HEAD_REVIEW', amountFen: 99999 },
        { kind: 'DEDUCTION', amountFen: 10000 },
        { kind: 'DEDUCTION', amountFen: null },
      ]),
    ).toEqual({ bonusFen: 30000, deductionFen: 10000, netFen: 20000 });
  });
});
