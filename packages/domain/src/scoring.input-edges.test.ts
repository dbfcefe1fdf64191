// Scoring input as it may arrive from a form: comments left out, ids and names missing.
import { describe, expect, it } from 'vitest';
import { type ScoringCriterion, scoreInspection, validateRubric } from './scoring.ts';

const RUBRIC: ScoringCriterion[] = [
  { id: 'a', name: 'A', weight: 40, critical: false },
  { id: 'b', name: 'B', weight: 60, critical: true },
];

describe('scoreInspection without a comment field', () => {
  it('asks for a comment on a low score when none was given at all', () => {
    const r = scoreInspection(
      RUBRIC,
      [
        { criterionId: 'a', score: 10 },
        { criterionId: 'b', score: 60 },
      ],
      60,
    );
    expect(r.errors).toEqual([{ criterionId: 'a', code: 'COMMENT_REQUIRED' }]);
    expect(r.low).toEqual(['a']);
    expect(r.passed).toBe(false);
  });
  it('needs none on a score that is not low', () => {
    const r = scoreInspection(
      RUBRIC,
      [
        { criterionId: 'a', score: 24 },
        { criterionId: 'b', score: 36 },
      ],
      60,
    );
    expect(r).toMatchObject({ total: 60, errors: [], low: [], passed: true, criticalFailed: false });
  });
});

describe('validateRubric with fields missing', () => {
  it('reports a missing id or name as empty rather than failing', () => {
    const criteria = [
      { id: undefined, name: 'A', weight: 50 },
      { id: 'b', name: null, weight: 50 },
    ] as unknown as Parameters<typeof validateRubric>[0];
    expect(validateRubric(criteria)).toEqual([
      { index: 0, code: 'ID_EMPTY' },
      { index: 1, code: 'NAME_EMPTY' },
    ]);
  });
});
