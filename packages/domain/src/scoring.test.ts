import { describe, expect, it } from 'vitest';
import {
  isLowScore,
  rubricWeightSum,
  type ScoringCriterion,
  scoreInspection,
  validateRubric,
} from './scoring.ts';

const RUBRIC: ScoringCriterion[] = [
  { id: 'timeliness', name: '回访及时性', weight: 20, critical: false },
  { id: 'process', name: '流程与话术', weight: 20, critical: false },
  { id: 'record', name: '记录完整与准确', weight: 25, critical: true },
  { id: 'attitude', name: '服务态度与礼仪', weight: 20, critical: true },
  { id: 'handling', name: '问题处理', weight: 15, critical: false },
];
const full = () => RUBRIC.map((c) => ({ criterionId: c.id, score: c.weight }));
const withScore = (id: string, score: number, extra: Record<string, unknown> = {}) =>
  full().map((s) => (s.criterionId === id ? { ...s, score, ...extra } : s));

describe('scoreInspection', () => {
  it('full marks pass with total 100', () => {
    const r = scoreInspection(RUBRIC, full(), 80);
    expect(r).toMatchObject({ total: 100, criticalFailed: false, passed: true, missing: [], errors: [] });
  });

  it('passes exactly at the threshold and fails one point below', () => {
    // 100 - 20 = 80: timeliness 0 needs a comment
    const at = scoreInspection(RUBRIC, withScore('timeliness', 0, { comment: '逾期 5 天' }), 80);
    expect(at.total).toBe(80);
    expect(at.passed).toBe(true);
    const below = scoreInspection(
      RUBRIC,
      withScore('timeliness', 0, { comment: '逾期' }).map((s) =>
        s.criterionId === 'handling' ? { ...s, score: 14 } : s,
      ),
      80,
    );
    expect(below.total).toBe(79);
    expect(below.passed).toBe(false);
    expect(below.criticalFailed).toBe(false);
  });

  it('a critical item marked failed fails the inspection whatever the total', () => {
    const r = scoreInspection(RUBRIC, withScore('attitude', 20, { failed: true }), 80);
    expect(r.total).toBe(100);
    expect(r.criticalFailed).toBe(true);
    expect(r.failedCritical).toEqual(['attitude']);
    expect(r.passed).toBe(false);
  });

  it('a critical item below 60 % of its weight counts as failed; at 60 % it does not', () => {
    // record weighs 25: 15 is exactly 60 %, 14 is below
    const at = scoreInspection(RUBRIC, withScore('record', 15), 80);
    expect(at.criticalFailed).toBe(false);
    expect(at.low).toEqual([]);
    const below = scoreInspection(RUBRIC, withScore('record', 14, { comment: '漏记意见' }), 80);
    expect(below.criticalFailed).toBe(true);
    expect(below.failedCritical).toEqual(['record']);
    expect(below.total).toBe(89);
    expect(below.passed).toBe(false);
  });

  it('failed on a non-critical item is ignored', () => {
    const r = scoreInspection(RUBRIC, withScore('handling', 15, { failed: true }), 80);
    expect(r.criticalFailed).toBe(false);
    expect(r.passed).toBe(true);
  });

  it('a low score needs a comment; a blank comment does not count', () => {
    const r = scoreInspection(RUBRIC, withScore('process', 11, { comment: '  ' }), 80);
    expect(r.errors).toEqual([{ criterionId: 'process', code: 'COMMENT_REQUIRED' }]);
    expect(r.low).toEqual(['process']);
    expect(r.passed).toBe(false);
    const ok = scoreInspection(RUBRIC, withScore('process', 11, { comment: '未核实身份' }), 80);
    expect(ok.errors).toEqual([]);
    expect(ok.passed).toBe(true);
    expect(isLowScore(12, 20)).toBe(false);
    expect(isLowScore(11, 20)).toBe(true);
  });

  it('reports missing criteria and does not pass', () => {
    const r = scoreInspection(RUBRIC, full().slice(0, 3), 0);
    expect(r.missing).toEqual(['attitude', 'handling']);
    expect(r.total).toBe(65);
    expect(r.passed).toBe(false);
  });

  it('rejects unknown, duplicate, fractional and out-of-range scores', () => {
    const r = scoreInspection(
      RUBRIC,
      [
        { criterionId: 'nope', score: 5 },
        { criterionId: 'timeliness', score: 21 },
        { criterionId: 'process', score: 10.5 },
        { criterionId: 'record', score: -1 },
        { criterionId: 'attitude', score: 20 },
        { criterionId: 'attitude', score: 20 },
        { criterionId: 'handling', score: 15 },
      ],
      80,
    );
    expect(r.errors).toEqual([
      { criterionId: 'nope', code: 'UNKNOWN_CRITERION' },
      { criterionId: 'timeliness', code: 'OUT_OF_RANGE' },
      { criterionId: 'process', code: 'NOT_INTEGER' },
      { criterionId: 'record', code: 'OUT_OF_RANGE' },
      { criterionId: 'attitude', code: 'DUPLICATE_SCORE' },
    ]);
    expect(r.total).toBe(35);
    expect(r.passed).toBe(false);
  });

  it('a forced critical failure (no visit took place) fails a perfect score', () => {
    const r = scoreInspection(RUBRIC, full(), 80, { forceCriticalFail: true });
    expect(r.total).toBe(100);
    expect(r.criticalFailed).toBe(true);
    expect(r.failedCritical).toEqual([]);
    expect(r.passed).toBe(false);
  });

  it('uses the given threshold', () => {
    const s = withScore('timeliness', 12).map((x) => (x.criterionId === 'process' ? { ...x, score: 12 } : x));
    expect(scoreInspection(RUBRIC, s, 84).passed).toBe(true);
    expect(scoreInspection(RUBRIC, s, 85).passed).toBe(false);
  });
});

describe('validateRubric', () => {
  it('accepts the default rubric', () => {
    expect(validateRubric(RUBRIC)).toEqual([]);
    expect(rubricWeightSum(RUBRIC)).toBe(100);
  });

  it('refuses an empty rubric', () => {
    expect(validateRubric([])).toEqual([{ code: 'NO_CRITERIA' }]);
  });

  it('weights must sum to exactly 100', () => {
    expect(validateRubric([{ id: 'a', name: 'A', weight: 99 }])).toEqual([{ code: 'WEIGHTS_NOT_100' }]);
    expect(
      validateRubric([
        { id: 'a', name: 'A', weight: 60 },
        { id: 'b', name: 'B', weight: 41 },
      ]),
    ).toEqual([{ code: 'WEIGHTS_NOT_100' }]);
  });

  it('weights are positive whole numbers', () => {
    expect(
      validateRubric([
        { id: 'a', name: 'A', weight: 100 },
        { id: 'b', name: 'B', weight: 0 },
      ]),
    ).toEqual([{ index: 1, code: 'WEIGHT_NOT_POSITIVE_INTEGER' }]);
    expect(
      validateRubric([
        { id: 'a', name: 'A', weight: 50.5 },
        { id: 'b', name: 'B', weight: 49.5 },
      ]),
    ).toEqual([
      { index: 0, code: 'WEIGHT_NOT_POSITIVE_INTEGER' },
      { index: 1, code: 'WEIGHT_NOT_POSITIVE_INTEGER' },
      { code: 'WEIGHTS_NOT_100' },
    ]);
    expect(
      validateRubric([
        { id: 'a', name: 'A', weight: 110 },
        { id: 'b', name: 'B', weight: -10 },
      ]),
    ).toEqual([{ index: 1, code: 'WEIGHT_NOT_POSITIVE_INTEGER' }, { code: 'WEIGHTS_NOT_100' }]);
  });

  it('ids are unique and present; names are not blank', () => {
    expect(
      validateRubric([
        { id: 'a', name: 'A', weight: 50 },
        { id: 'a', name: ' ', weight: 30 },
        { id: ' ', name: 'C', weight: 20 },
      ]),
    ).toEqual([
      { index: 1, code: 'DUPLICATE_ID' },
      { index: 1, code: 'NAME_EMPTY' },
      { index: 2, code: 'ID_EMPTY' },
    ]);
  });
});
