import { describe, expect, it } from 'vitest';
import { rescoreAfterAppeal, type ScoringCriterion, type ScoringScore } from './scoring.ts';

const RUBRIC: ScoringCriterion[] = [
  { id: 'timeliness', name: '回访及时性', weight: 20, critical: false },
  { id: 'process', name: '流程与话术', weight: 20, critical: false },
  { id: 'record', name: '记录完整与准确', weight: 25, critical: true },
  { id: 'attitude', name: '服务态度与礼仪', weight: 20, critical: true },
  { id: 'handling', name: '问题处理', weight: 15, critical: false },
];
// 10 + 20 + 25 + 20 + 15 = 90 with timeliness low; record marked failed → fails
const SCORES: ScoringScore[] = [
  { criterionId: 'timeliness', score: 10, comment: '逾期 3 天' },
  { criterionId: 'process', score: 20 },
  { criterionId: 'record', score: 25, failed: true, comment: '漏记' },
  { criterionId: 'attitude', score: 20, failed: false },
  { criterionId: 'handling', score: 15 },
];

describe('rescoreAfterAppeal', () => {
  it('clearing a failed critical item passes the inspection and keeps the score', () => {
    const r = rescoreAfterAppeal(RUBRIC, SCORES, [{ criterionId: 'record', score: 25 }], 80);
    expect(r.errors).toEqual([]);
    expect(r.changes).toEqual([{ criterionId: 'record', from: 25, to: 25, clearedFail: true }]);
    expect(r.result).toMatchObject({ total: 90, criticalFailed: false, passed: true });
    expect(r.scores.find((s) => s.criterionId === 'record')).toMatchObject({
      failed: false,
      comment: '漏记',
    });
  });

  it('raising a score recomputes the total; a failed critical item still fails', () => {
    const r = rescoreAfterAppeal(RUBRIC, SCORES, [{ criterionId: 'timeliness', score: 18 }], 80);
    expect(r.errors).toEqual([]);
    expect(r.result).toMatchObject({
      total: 98,
      criticalFailed: true,
      passed: false,
      failedCritical: ['record'],
    });
  });

  it('several items at once', () => {
    const r = rescoreAfterAppeal(
      RUBRIC,
      SCORES,
      [
        { criterionId: 'timeliness', score: 20 },
        { criterionId: 'record', score: 25 },
      ],
      80,
    );
    expect(r.result).toMatchObject({ total: 100, passed: true });
    expect(r.changes.map((c) => c.criterionId)).toEqual(['timeliness', 'record']);
  });

  it('the total can cross the threshold upward', () => {
    const low: ScoringScore[] = [
      { criterionId: 'timeliness', score: 5, comment: 'a' },
      { criterionId: 'process', score: 10, comment: 'b' },
      { criterionId: 'record', score: 25 },
      { criterionId: 'attitude', score: 20 },
      { criterionId: 'handling', score: 15 },
    ];
    // 75 < 80
    const at = rescoreAfterAppeal(RUBRIC, low, [{ criterionId: 'timeliness', score: 10 }], 80);
    expect(at.result).toMatchObject({ total: 80, passed: true });
    const below = rescoreAfterAppeal(RUBRIC, low, [{ criterionId: 'timeliness', score: 9 }], 80);
    expect(below.result).toMatchObject({ total: 79, passed: false });
  });

  it('a raised score that is still low needs no new comment, and a low critical item still fails', () => {
    const s: ScoringScore[] = SCORES.map((x) =>
      x.criterionId === 'attitude' ? { criterionId: 'attitude', score: 5, comment: null } : x,
    );
    const r = rescoreAfterAppeal(RUBRIC, s, [{ criterionId: 'attitude', score: 10 }], 80);
    expect(r.errors).toEqual([]);
    expect(r.result.errors).toEqual([]);
    // 10 of 20 is below 60 %: the critical item still fails (and record is still marked failed)
    expect(r.result.failedCritical).toEqual(['record', 'attitude']);
    expect(r.result.passed).toBe(false);
  });

  it('the default score is the caller proposed one, else the full weight', () => {
    const proposed = rescoreAfterAppeal(RUBRIC, SCORES, [{ criterionId: 'timeliness' }], 80, {
      appealed: [{ criterionId: 'timeliness', proposedScore: 16 }],
    });
    expect(proposed.changes[0]).toMatchObject({ from: 10, to: 16 });
    const weight = rescoreAfterAppeal(RUBRIC, SCORES, [{ criterionId: 'timeliness', score: null }], 80);
    expect(weight.changes[0]).toMatchObject({ from: 10, to: 20 });
  });

  it('only appealed items can be overturned when the appeal names items', () => {
    const r = rescoreAfterAppeal(RUBRIC, SCORES, [{ criterionId: 'record', score: 25 }], 80, {
      appealed: [{ criterionId: 'timeliness' }],
    });
    expect(r.errors).toEqual([{ criterionId: 'record', code: 'NOT_APPEALED' }]);
    const any = rescoreAfterAppeal(RUBRIC, SCORES, [{ criterionId: 'record', score: 25 }], 80, {
      appealed: [],
    });
    expect(any.errors).toEqual([]);
  });

  it.each([
    [[], '', 'NO_ITEMS'],
    [[{ criterionId: 'nope', score: 1 }], 'nope', 'UNKNOWN_CRITERION'],
    [[{ criterionId: 'timeliness', score: 21 }], 'timeliness', 'OUT_OF_RANGE'],
    [[{ criterionId: 'timeliness', score: -1 }], 'timeliness', 'OUT_OF_RANGE'],
    [[{ criterionId: 'timeliness', score: 12.5 }], 'timeliness', 'NOT_INTEGER'],
    [[{ criterionId: 'timeliness', score: 9 }], 'timeliness', 'NOT_RAISED'],
    [[{ criterionId: 'timeliness', score: 10 }], 'timeliness', 'UNCHANGED'],
    [[{ criterionId: 'process', score: 20 }], 'process', 'UNCHANGED'],
    [[{ criterionId: 'attitude', score: 20 }], 'attitude', 'UNCHANGED'],
  ] as const)('refuses %j with %s %s', (overturns, criterionId, code) => {
    const r = rescoreAfterAppeal(RUBRIC, SCORES, overturns, 80);
    expect(r.errors).toEqual([{ criterionId, code }]);
    expect(r.changes).toEqual([]);
  });

  it('refuses a duplicate item, after taking the first', () => {
    const r = rescoreAfterAppeal(
      RUBRIC,
      SCORES,
      [
        { criterionId: 'timeliness', score: 15 },
        { criterionId: 'timeliness', score: 20 },
      ],
      80,
    );
    expect(r.errors).toEqual([{ criterionId: 'timeliness', code: 'DUPLICATE_ITEM' }]);
  });

  it('refuses an item the inspection never scored', () => {
    const r = rescoreAfterAppeal(
      RUBRIC,
      SCORES.filter((s) => s.criterionId !== 'handling'),
      [{ criterionId: 'handling', score: 15 }],
      80,
    );
    expect(r.errors).toEqual([{ criterionId: 'handling', code: 'NOT_SCORED' }]);
  });

  it('a forced critical fail (no visit took place) stays whatever the items', () => {
    const r = rescoreAfterAppeal(
      RUBRIC,
      SCORES,
      [
        { criterionId: 'record', score: 25 },
        { criterionId: 'timeliness', score: 20 },
      ],
      80,
      { forceCriticalFail: true },
    );
    expect(r.errors).toEqual([]);
    expect(r.result).toMatchObject({ total: 100, criticalFailed: true, failedCritical: [], passed: false });
  });

  it('leaves the items not overturned and the input untouched', () => {
    const copy: ScoringScore[] = JSON.parse(JSON.stringify(SCORES));
    const r = rescoreAfterAppeal(RUBRIC, SCORES, [{ criterionId: 'timeliness', score: 20 }], 80);
    expect(SCORES).toEqual(copy);
    expect(r.scores.filter((s) => s.criterionId !== 'timeliness')).toEqual(
      copy.filter((s) => s.criterionId !== 'timeliness'),
    );
    // a non-critical item keeps its failed flag as it was (undefined)
    expect(r.scores[0]).toEqual({ criterionId: 'timeliness', score: 20, comment: '逾期 3 天' });
  });

  it('the threshold is the policy one', () => {
    const r = rescoreAfterAppeal(RUBRIC, SCORES, [{ criterionId: 'record', score: 25 }], 95);
    expect(r.result).toMatchObject({ total: 90, passed: false, criticalFailed: false });
  });
});
