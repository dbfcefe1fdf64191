// A version created later may take effect from an earlier month than one created before it.
import { describe, expect, it } from 'vitest';
import { policyInForce } from './policy-versions.ts';

const v = (version: number, effectiveMonth: string) => ({ version, effectiveMonth });

describe('a backdated version', () => {
  it('the version effective from the latest month wins, whatever its number', () => {
    // v3 was saved after v2 but takes effect earlier
    const versions = [v(1, '2026-01'), v(2, '2026-06'), v(3, '2026-03')];
    expect(policyInForce(versions, '2026-07')).toEqual(v(2, '2026-06'));
    expect(policyInForce(versions, '2026-05')).toEqual(v(3, '2026-03'));
    expect(policyInForce([v(3, '2026-03'), v(2, '2026-06')], '2026-07')).toEqual(v(2, '2026-06'));
  });
});
