import { describe, expect, it } from 'vitest';
import { DEFAULT_INCENTIVE_POLICY as P } from './incentives.ts';
import {
  failedTestItem,
  gradeEImprovement,
  improvementDeadline,
  type RecheckInput,
  retrainingRecheck,
  testPassed,
  trainingDayDeduction,
  validDaysAttended,
} from './training.ts';

describe('a training test (R-TRN-2)', () => {
  it('passes at the pass mark and above, fails below it, is undecided without a score', () => {
    expect(testPassed(60, 60)).toBe(true);
    expect(testPassed(100, 60)).toBe(true);
    expect(testPassed(59, 60)).toBe(false);
    expect(testPassed(0, 0)).toBe(true);
    expect(testPassed(null, 60)).toBeNull();
  });
  it('days attended are whole days from 0 to the session length', () => {
    expect(validDaysAttended(0, 2)).toBe(true);
    expect(validDaysAttended(2, 2)).toBe(true);
    expect(validDaysAttended(3, 2)).toBe(false);
    expect(validDaysAttended(-1, 2)).toBe(false);
    expect(validDaysAttended(1.5, 2)).toBe(false);
  });
});

describe('the retraining deduction follows the days actually trained (R-TRN-3)', () => {
  const base = {
    userId: 'u1',
    departmentId: 'd1',
    assignmentId: 'a1',
    retrainingMonth: '2026-03',
    sessionDay: '2026-04-08',
    policy: P,
  };
  it('days attended × the day’s pay, paired with the retraining, the evidence in its figures', () => {
    expect(trainingDayDeduction({ ...base, daysAttended: 2 })).toEqual({
      rule: 'PASS_RATE_DEDUCTION',
      kind: 'DEDUCTION',
      userId: 'u1',
      departmentId: 'd1',
      amountFen: 40000,
      dedupeKey: 'PASS_RATE_DEDUCTION:u1:a1',
      pairedWith: 'PASS_RATE_RETRAINING',
      figures: { daysAttended: 2, dailyPayFen: 20000, retrainingMonth: '2026-03', sessionDay: '2026-04-08' },
    });
    expect(trainingDayDeduction({ ...base, daysAttended: 1 })?.amountFen).toBe(20000);
    expect(
      trainingDayDeduction({ ...base, daysAttended: 3, policy: { dailyPayFen: 12345 } })?.amountFen,
    ).toBe(37035);
  });
  it('nothing for no day attended or no day’s pay', () => {
    expect(trainingDayDeduction({ ...base, daysAttended: 0 })).toBeNull();
    expect(trainingDayDeduction({ ...base, daysAttended: 2, policy: { dailyPayFen: 0 } })).toBeNull();
  });
});

describe('the re-check after retraining (R-TRN-4)', () => {
  const r: RecheckInput = {
    assignmentId: 'a1',
    userId: 'u1',
    departmentId: 'd1',
    retrainingMonth: '2026-03',
    month: '2026-04',
    sessionDay: '2026-04-08',
    daysAttended: 2,
    score: 80,
    passMark: 60,
    inspected: 10,
    passed: 9,
    earlierEscalations: 0,
    policy: P,
  };
  it('passing the bar (exactly 90 % too) closes it', () => {
    expect(retrainingRecheck(r)).toEqual({ outcome: 'PASSED' });
    expect(retrainingRecheck({ ...r, passed: 10 })).toEqual({ outcome: 'PASSED' });
  });
  it('still below → a demotion proposal carrying the evidence', () => {
    expect(retrainingRecheck({ ...r, passed: 8 })).toEqual({
      outcome: 'STILL_BELOW',
      proposal: {
        rule: 'RETRAINING_RECHECK',
        kind: 'DEMOTION_PROPOSAL',
        userId: 'u1',
        departmentId: 'd1',
        amountFen: null,
        dedupeKey: 'RETRAINING_RECHECK:u1:a1',
        figures: {
          inspected: 10,
          passed: 8,
          passRateBp: 8000,
          thresholdBp: 9000,
          retrainingMonth: '2026-03',
          sessionDay: '2026-04-08',
          daysAttended: 2,
          score: 80,
          passMark: 60,
          earlierEscalations: 0,
        },
      },
    });
  });
  it('a caller already escalated once → a dismissal proposal', () => {
    const out = retrainingRecheck({ ...r, passed: 0, earlierEscalations: 1 });
    expect(out.outcome === 'STILL_BELOW' && out.proposal.kind).toBe('DISMISSAL_PROPOSAL');
  });
  it('compared exactly: 8999 of 10000 is below 90 %', () => {
    expect(retrainingRecheck({ ...r, inspected: 10000, passed: 8999 }).outcome).toBe('STILL_BELOW');
    expect(retrainingRecheck({ ...r, inspected: 10000, passed: 9000 }).outcome).toBe('PASSED');
  });
  it('the bar is the policy’s', () => {
    const strict = { ...P, retraining: { ...P.retraining, belowPassRateBp: 9500 } };
    expect(retrainingRecheck({ ...r, policy: strict }).outcome).toBe('STILL_BELOW');
  });
  it('not due: the retraining month itself or before, no session, no day attended, training after the month', () => {
    expect(retrainingRecheck({ ...r, month: '2026-03' })).toEqual({ outcome: 'NOT_DUE' });
    expect(retrainingRecheck({ ...r, month: '2026-02' })).toEqual({ outcome: 'NOT_DUE' });
    expect(retrainingRecheck({ ...r, sessionDay: null })).toEqual({ outcome: 'NOT_DUE' });
    expect(retrainingRecheck({ ...r, daysAttended: 0 })).toEqual({ outcome: 'NOT_DUE' });
    expect(retrainingRecheck({ ...r, sessionDay: '2026-05-02' })).toEqual({ outcome: 'NOT_DUE' });
  });
  it('trained in the retraining month itself → re-checked the month after', () => {
    expect(retrainingRecheck({ ...r, sessionDay: '2026-03-30' }).outcome).toBe('PASSED');
  });
  it('a later month re-checks when the next had no training yet', () => {
    expect(retrainingRecheck({ ...r, month: '2026-06', sessionDay: '2026-05-20', passed: 1 }).outcome).toBe(
      'STILL_BELOW',
    );
  });
  it('nothing inspected: no evidence, it stays open', () => {
    expect(retrainingRecheck({ ...r, inspected: 0, passed: 0 })).toEqual({ outcome: 'NO_EVIDENCE' });
  });
});

describe('the grade E improvement deadline (R-TRN-5)', () => {
  const base = { userId: 'u1', departmentId: null, scoreHundredths: 3750, policy: P };
  it('grade E → a warning with the policy’s window', () => {
    expect(gradeEImprovement({ ...base, grade: 'E' })).toEqual({
      rule: 'GRADE_E_IMPROVEMENT',
      kind: 'WARNING',
      userId: 'u1',
      departmentId: null,
      amountFen: null,
      dedupeKey: 'GRADE_E_IMPROVEMENT:u1',
      remediationDays: 30,
      figures: { scoreHundredths: 3750, improvementDays: 30 },
    });
  });
  it('other grades, no grade, or no window: nothing', () => {
    for (const grade of ['A', 'B', 'C', 'D', null]) expect(gradeEImprovement({ ...base, grade })).toBeNull();
    const none = { ...P, gradeE: { ...P.gradeE, improvementDays: 0 } };
    expect(gradeEImprovement({ ...base, grade: 'E', policy: none })).toBeNull();
  });
  it('the deadline is the days × 24 h after it opened', () => {
    const opened = new Date('2026-04-01T02:00:00Z');
    expect(improvementDeadline(opened, 30).toISOString()).toBe('2026-05-01T02:00:00.000Z');
    expect(improvementDeadline(opened, 0).getTime()).toBe(opened.getTime());
  });
});

describe('a failed test in the monthly evaluation (R-TRN-6)', () => {
  const base = {
    userId: 'u1',
    departmentId: 'd1',
    attendanceId: 't1',
    sessionTitle: '服务礼仪',
    sessionDay: '2026-04-08',
    passMark: 60,
    policy: P,
  };
  it('below the pass mark → retraining (补考或重新培训)', () => {
    expect(failedTestItem({ ...base, score: 59 })).toEqual({
      rule: 'TRAINING_TEST_FAILED',
      kind: 'RETRAINING',
      userId: 'u1',
      departmentId: 'd1',
      amountFen: null,
      dedupeKey: 'TRAINING_TEST_FAILED:u1:t1',
      figures: { sessionTitle: '服务礼仪', sessionDay: '2026-04-08', score: 59, passMark: 60 },
    });
  });
  it('a pass, or a policy that keeps training out of the evaluation: nothing', () => {
    expect(failedTestItem({ ...base, score: 60 })).toBeNull();
    expect(
      failedTestItem({ ...base, score: 10, policy: { training: { testsInEvaluation: false } } }),
    ).toBeNull();
  });
});
