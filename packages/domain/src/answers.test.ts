import type { TQuestion, TStoredAnswer } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { questionsAnsweredWith, validateAnswers } from './answers.ts';

const Q: TQuestion[] = [
  { id: 'overall', kind: 'SATISFACTION', label: '整体满意度', required: true },
  { id: 'nps', kind: 'NPS', label: '推荐度', required: true },
  { id: 'clear', kind: 'YES_NO', label: '是否说明清楚', required: true },
  { id: 'source', kind: 'SINGLE_CHOICE', label: '渠道', required: false, options: ['朋友推荐', '网络搜索'] },
  { id: 'comment', kind: 'TEXT', label: '其他意见', required: false },
];
const valid = [
  { questionId: 'overall', value: 5 },
  { questionId: 'nps', value: 9 },
  { questionId: 'clear', value: true },
];
const errorsOf = (answers: Array<{ questionId: string; value: number | boolean | string }>, q = Q) => {
  const r = validateAnswers(q, answers);
  return r.ok ? [] : r.errors.map((e) => [e.questionId, e.code]);
};

describe('validateAnswers', () => {
  it('accepts the required answers and stores them with label and kind, in the template order', () => {
    const r = validateAnswers(Q, [
      { questionId: 'source', value: '网络搜索' },
      { questionId: 'clear', value: false },
      { questionId: 'nps', value: 0 },
      { questionId: 'overall', value: 1 },
      { questionId: 'comment', value: '  老师很好  ' },
    ]);
    expect(r).toEqual({
      ok: true,
      stored: [
        { questionId: 'overall', label: '整体满意度', kind: 'SATISFACTION', value: 1 },
        { questionId: 'nps', label: '推荐度', kind: 'NPS', value: 0 },
        { questionId: 'clear', label: '是否说明清楚', kind: 'YES_NO', value: false },
        { questionId: 'source', label: '渠道', kind: 'SINGLE_CHOICE', value: '网络搜索' },
        { questionId: 'comment', label: '其他意见', kind: 'TEXT', value: '老师很好' },
      ],
    });
  });

  it('leaves optional questions out when unanswered or blank', () => {
    const r = validateAnswers(Q, [...valid, { questionId: 'comment', value: '   ' }]);
    expect(r.ok && r.stored.map((a) => a.questionId)).toEqual(['overall', 'nps', 'clear']);
  });

  it('reports every missing required question', () => {
    expect(errorsOf([])).toEqual([
      ['overall', 'REQUIRED'],
      ['nps', 'REQUIRED'],
      ['clear', 'REQUIRED'],
    ]);
    // a question without `required` counts as required (the template's default)
    const q = [{ id: 'x', kind: 'TEXT', label: 'x' } as TQuestion];
    expect(errorsOf([], q)).toEqual([['x', 'REQUIRED']]);
    expect(errorsOf([{ questionId: 'x', value: '' }], q)).toEqual([['x', 'REQUIRED']]);
  });

  it('SATISFACTION takes whole numbers 1–5 only', () => {
    for (const v of [1, 2, 3, 4, 5])
      expect(errorsOf([...valid.slice(1), { questionId: 'overall', value: v }])).toEqual([]);
    for (const v of [0, 6, 4.5, -1, '5', true]) {
      expect(errorsOf([...valid.slice(1), { questionId: 'overall', value: v }])).toEqual([
        ['overall', 'INVALID_VALUE'],
      ]);
    }
  });

  it('NPS takes whole numbers 0–10 only', () => {
    const rest = valid.filter((a) => a.questionId !== 'nps');
    for (const v of [0, 5, 10]) expect(errorsOf([...rest, { questionId: 'nps', value: v }])).toEqual([]);
    for (const v of [-1, 11, 7.5, '9', false]) {
      expect(errorsOf([...rest, { questionId: 'nps', value: v }])).toEqual([['nps', 'INVALID_VALUE']]);
    }
  });

  it('YES_NO takes booleans only', () => {
    const rest = valid.filter((a) => a.questionId !== 'clear');
    for (const v of [true, false]) expect(errorsOf([...rest, { questionId: 'clear', value: v }])).toEqual([]);
    for (const v of [1, 0, 'true', '是']) {
      expect(errorsOf([...rest, { questionId: 'clear', value: v }])).toEqual([['clear', 'INVALID_VALUE']]);
    }
  });

  it('SINGLE_CHOICE takes one of its options only', () => {
    expect(errorsOf([...valid, { questionId: 'source', value: '朋友推荐' }])).toEqual([]);
    for (const v of ['其他', '朋友推荐 ', 1, true]) {
      expect(errorsOf([...valid, { questionId: 'source', value: v }])).toEqual([['source', 'INVALID_VALUE']]);
    }
  });

  it('TEXT takes strings of at most 2000 characters', () => {
    expect(errorsOf([...valid, { questionId: 'comment', value: 'x'.repeat(2000) }])).toEqual([]);
    expect(errorsOf([...valid, { questionId: 'comment', value: 'x'.repeat(2001) }])).toEqual([
      ['comment', 'INVALID_VALUE'],
    ]);
    expect(errorsOf([...valid, { questionId: 'comment', value: 3 }])).toEqual([['comment', 'INVALID_VALUE']]);
  });

  it('rejects unknown question ids and duplicate answers', () => {
    expect(errorsOf([...valid, { questionId: 'nope', value: 1 }])).toEqual([['nope', 'UNKNOWN_QUESTION']]);
    expect(errorsOf([...valid, { questionId: 'overall', value: 4 }])).toEqual([['overall', 'DUPLICATE']]);
  });

  it('collects all errors at once with a message for each', () => {
    const r = validateAnswers(Q, [
      { questionId: 'overall', value: 9 },
      { questionId: 'ghost', value: 'x' },
    ]);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.questionId)).toEqual(['ghost', 'overall', 'nps', 'clear']);
      for (const e of r.errors) expect(e.message.length).toBeGreaterThan(0);
    }
  });
});

describe('questionsAnsweredWith (amending a record after its questionnaire changed)', () => {
  const stored: TStoredAnswer[] = [
    { questionId: 'overall', label: '整体满意度（旧）', kind: 'SATISFACTION', value: 4 },
    { questionId: 'source', label: '渠道', kind: 'SINGLE_CHOICE', value: '朋友推荐' },
    { questionId: 'gone', label: '已删除的问题', kind: 'SINGLE_CHOICE', value: '甲' },
    { questionId: 'comment', label: '其他意见', kind: 'TEXT', value: '好' },
  ];
  // The template today: a label changed, an option renamed, a question removed, a required one added.
  const current: TQuestion[] = [
    { id: 'overall', kind: 'SATISFACTION', label: '整体满意度', required: true },
    { id: 'source', kind: 'SINGLE_CHOICE', label: '渠道', required: false, options: ['网络搜索', '广告'] },
    { id: 'comment', kind: 'TEXT', label: '其他意见', required: false },
    { id: 'added', kind: 'YES_NO', label: '后来新增的必答题', required: true },
  ];
  const rebuilt = questionsAnsweredWith(stored, current);
  const answers = stored.map(({ questionId, value }) => ({ questionId, value }));

  it('asks the questions of the record with the labels and kinds they were answered with', () => {
    expect(rebuilt).toEqual([
      { id: 'overall', kind: 'SATISFACTION', label: '整体满意度（旧）', required: true },
      {
        id: 'source',
        kind: 'SINGLE_CHOICE',
        label: '渠道',
        required: false,
        options: ['网络搜索', '广告', '朋友推荐'],
      },
      { id: 'gone', kind: 'SINGLE_CHOICE', label: '已删除的问题', required: true },
      { id: 'comment', kind: 'TEXT', label: '其他意见', required: false },
    ]);
  });

  it('a required question added to the template later does not block an amendment', () => {
    const r = validateAnswers(
      rebuilt,
      answers.map((a) => (a.questionId === 'overall' ? { ...a, value: 2 } : a)),
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.stored.map((a) => [a.questionId, a.label, a.value])).toEqual([
        ['overall', '整体满意度（旧）', 2],
        ['source', '渠道', '朋友推荐'],
        ['gone', '已删除的问题', '甲'],
        ['comment', '其他意见', '好'],
      ]);
    }
  });

  it('rejects an answer to a question that was not on the record', () => {
    expect(errorsOf([...answers, { questionId: 'added', value: true }], rebuilt)).toEqual([
      ['added', 'UNKNOWN_QUESTION'],
    ]);
  });

  it('SINGLE_CHOICE: the current options (and the stored choice) while the question exists, else any text', () => {
    const withSource = (value: unknown) =>
      errorsOf(answers.map((a) => (a.questionId === 'source' ? { ...a, value } : a)) as never, rebuilt);
    expect(withSource('网络搜索')).toEqual([]);
    expect(withSource('朋友推荐')).toEqual([]);
    expect(withSource('电视')).toEqual([['source', 'INVALID_VALUE']]);
    const withGone = (value: unknown) =>
      errorsOf(answers.map((a) => (a.questionId === 'gone' ? { ...a, value } : a)) as never, rebuilt);
    expect(withGone('乙')).toEqual([]);
    expect(withGone(3)).toEqual([['gone', 'INVALID_VALUE']]);
    expect(withGone(true)).toEqual([['gone', 'INVALID_VALUE']]);
  });

  it('keeps the stored kind when the template changed a question’s kind, and counts it required', () => {
    const changedKind: TQuestion[] = [{ id: 'overall', kind: 'TEXT', label: '整体评价', required: false }];
    expect(questionsAnsweredWith(stored.slice(0, 1), changedKind)).toEqual([
      { id: 'overall', kind: 'SATISFACTION', label: '整体满意度（旧）', required: true },
    ]);
    expect(
      errorsOf([{ questionId: 'overall', value: '很好' }], questionsAnsweredWith(stored.slice(0, 1))),
    ).toEqual([['overall', 'INVALID_VALUE']]);
    expect(errorsOf([], questionsAnsweredWith(stored.slice(0, 1)))).toEqual([['overall', 'REQUIRED']]);
  });

  it('takes a question once when the answers as submitted and as they are now both name it', () => {
    const now: TStoredAnswer[] = [
      { questionId: 'overall', label: '整体满意度（旧）', kind: 'SATISFACTION', value: 2 },
    ];
    expect(questionsAnsweredWith([...now, ...stored], current).map((q) => q.id)).toEqual([
      'overall',
      'source',
      'gone',
      'comment',
    ]);
    expect(questionsAnsweredWith([])).toEqual([]);
  });
});
