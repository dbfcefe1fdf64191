import { CHURN_CATEGORIES } from '@huifang/contracts/values';
import { describe, expect, it } from 'vitest';
import { CHURN_CATEGORY_DEPARTMENT, DEFAULT_CHURN_REASONS } from './churn.ts';

describe('the default churn reasons', () => {
  it('cover every category, with unique codes and labels per category', () => {
    for (const c of CHURN_CATEGORIES) expect(DEFAULT_CHURN_REASONS.some((r) => r.category === c)).toBe(true);
    const codes = DEFAULT_CHURN_REASONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    const labels = DEFAULT_CHURN_REASONS.map((r) => `${r.category}/${r.label}`);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('name a department kind for every category', () => {
    expect(Object.keys(CHURN_CATEGORY_DEPARTMENT).sort()).toEqual([...CHURN_CATEGORIES].sort());
  });
});
