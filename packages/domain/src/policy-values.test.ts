// The incentive policy's values are validated by the shared contract (ZIncentivePolicyValues),
// the one check the API, the policy screen and the domain's defaults all go through.
import { ZIncentivePolicyValues } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCENTIVE_POLICY } from './incentives.ts';

const issues = (v: unknown) =>
  (ZIncentivePolicyValues.safeParse(v).error?.issues ?? []).map((i) => i.path.join('.'));

describe('the incentive policy values', () => {
  it('accepts the defaults', () => {
    expect(issues(DEFAULT_INCENTIVE_POLICY)).toEqual([]);
  });

  it('refuses weights not summing to 100, negative or fractional weights', () => {
    const P = DEFAULT_INCENTIVE_POLICY;
    expect(issues({ ...P, weights: { ...P.weights, cost: P.weights.cost + 1 } })).toEqual(['weights']);
    expect(
      issues({ ...P, weights: { ...P.weights, cost: -1, records: P.weights.records + P.weights.cost + 1 } }),
    ).toContain('weights.cost');
    expect(
      issues({ ...P, weights: { ...P.weights, cost: 9.5, records: P.weights.records + 0.5 } }),
    ).toContain('weights.cost');
  });

  it('refuses grade bands that do not descend, and a negative budget', () => {
    const P = DEFAULT_INCENTIVE_POLICY;
    expect(issues({ ...P, gradeBands: { ...P.gradeBands, B: P.gradeBands.A } })).toEqual(['gradeBands']);
    expect(issues({ ...P, gradeBands: { ...P.gradeBands, D: P.gradeBands.C } })).toEqual(['gradeBands']);
    expect(issues({ ...P, costBudgetPerVisitFen: -1 })).toEqual(['costBudgetPerVisitFen']);
  });
});
