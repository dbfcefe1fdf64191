import { DEFAULT_INCENTIVE_POLICY } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { CHOICES, FIELDS, fromForm, parseField, toForm, weightSum } from './policy-fields';

describe('the policy form', () => {
  it('round-trips every value of the default policy exactly', () => {
    const form = toForm(DEFAULT_INCENTIVE_POLICY);
    expect(form.completionTarget).toBe('100');
    expect(form.passRateTarget).toBe('95');
    expect(form.satisfactionTarget).toBe('4.50');
    expect(form.performanceBonus).toBe('1000.00');
    expect(form.gradeA).toBe('90.00');
    // seed 000's wording as the defaults: team award +5 %, the head review on the visit task target, the cap
    expect(form.teamAwardImprovement).toBe('5');
    expect(form.headReviewTrigger).toBe('COMPLETION_TARGET');
    expect(form.deductionCap).toBe('PERFORMANCE_BONUS');
    expect(fromForm(form, DEFAULT_INCENTIVE_POLICY)).toEqual(DEFAULT_INCENTIVE_POLICY);
    expect(weightSum(form.weights)).toBe(100);
  });
  it('converts typed decimals to integers without floating point', () => {
    const form = toForm(DEFAULT_INCENTIVE_POLICY);
    const v = fromForm(
      { ...form, specialAward: '1234.56', warningDeduction: '12.5', satisfactionTarget: '4.3' },
      DEFAULT_INCENTIVE_POLICY,
    );
    expect(v.specialAwardFen).toBe(123456);
    expect(v.warning.deductionBp).toBe(1250);
    expect(v.targets.satisfactionHundredths).toBe(430);
  });
  it('sets the team award rate and the choices; refuses an unknown choice', () => {
    const form = toForm(DEFAULT_INCENTIVE_POLICY);
    const v = fromForm(
      { ...form, teamAwardImprovement: '7.5', headReviewTrigger: 'ANY_TARGET', deductionCap: 'NONE' },
      DEFAULT_INCENTIVE_POLICY,
    );
    expect(v.teamAwardMinImprovementBp).toBe(750);
    expect(v.headReview).toEqual({ ...DEFAULT_INCENTIVE_POLICY.headReview, trigger: 'ANY_TARGET' });
    expect(v.deductionCap).toBe('NONE');
    expect(() => fromForm({ ...form, deductionCap: 'HALF' }, DEFAULT_INCENTIVE_POLICY)).toThrow();
    expect(CHOICES.every((c) => c.clause)).toBe(true);
  });
  it('rejects values out of range or with too many decimals', () => {
    const f = (name: string) => FIELDS.find((x) => x.name === name)!;
    expect(parseField(f('warningDeduction'), '100.01')).toBeNull();
    expect(parseField(f('warningDeduction'), '0.001')).toBeNull();
    expect(parseField(f('satisfactionTarget'), '0.9')).toBeNull();
    expect(parseField(f('satisfactionTarget'), '5')).toBe(500);
    expect(parseField(f('remediationDays'), '0')).toBeNull();
    expect(parseField(f('remediationDays'), 7)).toBe(7);
    expect(parseField(f('appealWindow'), '2.5')).toBeNull();
    expect(parseField(f('excellentImprovement'), '250')).toBe(25000);
  });
});
