import { describe, expect, it } from 'vitest';
import { policyInForce } from './policy-versions.ts';

const v = (version: number, effectiveMonth: string) => ({ version, effectiveMonth });

describe('the policy version in force for a month', () => {
  const versions = [v(1, '2026-01'), v(2, '2026-05'), v(3, '2026-05'), v(4, '2026-09')];

  it('is the newest version effective from that month or before', () => {
    expect(policyInForce(versions, '2026-01')).toEqual(v(1, '2026-01'));
    expect(policyInForce(versions, '2026-04')).toEqual(v(1, '2026-01'));
    // two versions effective from the same month: the higher version wins
    expect(policyInForce(versions, '2026-05')).toEqual(v(3, '2026-05'));
    expect(policyInForce(versions, '2026-08')).toEqual(v(3, '2026-05'));
    expect(policyInForce(versions, '2026-09')).toEqual(v(4, '2026-09'));
    expect(policyInForce(versions, '2030-12')).toEqual(v(4, '2026-09'));
  });

  it('does not depend on the order it is given the versions in', () => {
    const shuffled = [versions[3]!, versions[1]!, versions[0]!, versions[2]!];
    expect(policyInForce(shuffled, '2026-06')).toEqual(v(3, '2026-05'));
    expect(policyInForce([v(3, '2026-05'), v(2, '2026-05')], '2026-05')).toEqual(v(3, '2026-05'));
  });

  it('is none before the first version, and none of no versions', () => {
    expect(policyInForce(versions, '2025-12')).toBeNull();
    expect(policyInForce([], '2026-05')).toBeNull();
  });
});
