// What validateAnswers tells the caller for each wrong answer, the length limits of free
// text and of a choice without options, and how questionsAnsweredWith merges the options.
import type { TAnswer, TQuestion, TStoredAnswer } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { questionsAnsweredWith, TEXT_ANSWER_MAX, validateAnswers } from './answers.ts';

const Q: TQuestion[] = [
  { id: 'overall', kind: 'SATISFACTION', label: '整体满意度', required: true },
  { id: 'nps', kind: 'NPS', label: '推荐度', required: true },
  { id: 'clear', kind: 'YES_NO', label: '是否说明清楚', required: true },
  { id: 'source', kind: 'SINGLE_CHOICE', label: '渠道', required: false, options: ['朋友推荐', '网络搜索'] },
  { id: 'comment', kind: 'TEXT', label: '其他意见', required: false },
];
const valid: TAnswer[] = [
  { questionId: 'overall', value: 5 },
  { questionId: 'nps', value: 9 },
  { questionId: 'clear', value: true },
];
/** The answers with `questionId` set to `value` (or added). */
const withAnswer = (questionId: string, value: unknown): TAnswer[] => [
  ...valid.filter((a) => a.questionId !== questionId),
  { questionId, value } as TAnswer,
];
const errors = (questions: readonly TQuestion[], answers: readonly TAnswer[]) => {
  const r = validateAnswers(questions, answers);
  return r.ok ? [] : r.errors;
};

describe('validateAnswers messages', () => {
  it('says which values each kind takes', () => {
    expect(errors(Q, withAnswer('overall', 6))).toEqual([
      { questionId: 'overall', code: 'INVALID_VALUE', message: 'expected a whole number from 1 to 5' },
    ]);
    expect(errors(Q, withAnswer('nps', 11))).toEqual([
      { questionId: 'nps', code: 'INVALID_VALUE', message: 'expected a whole number from 0 to 10' },
    ]);
    expect(errors(Q, withAnswer('clear', 'yes'))).toEqual([
      { questionId: 'clear', code: 'INVALID_VALUE', message: 'expected yes or no (true/false)' },
    ]);
    expect(errors(Q, [...valid, { questionId: 'source', value: '电视' }])).toEqual([
      { questionId: 'source', code: 'INVALID_VALUE', message: 'expected one of: 朋友推荐, 网络搜索' },
    ]);
    expect(errors(Q, [...valid, { questionId: 'comment', value: 7 }])).toEqual([
      { questionId: 'comment', code: 'INVALID_VALUE', message: 'expected text' },
    ]);
    expect(errors(Q, [...valid, { questionId: 'comment', value: 'x'.repeat(TEXT_ANSWER_MAX + 1) }])).toEqual([
      { questionId: 'comment', code: 'INVALID_VALUE', message: 'at most 2000 characters' },
    ]);
  });
  it('says what is wrong with the answer list itself', () => {
    expect(errors(Q, [...valid, { questionId: 'ghost', value: 1 }])).toEqual([
      { questionId: 'ghost', code: 'UNKNOWN_QUESTION', message: 'no such question' },
    ]);
    expect(errors(Q, [...valid, { questionId: 'nps', value: 3 }])).toEqual([
      { questionId: 'nps', code: 'DUPLICATE', message: 'answered more than once' },
    ]);
    expect(errors(Q, valid.slice(1))).toEqual([
      { questionId: 'overall', code: 'REQUIRED', message: 'an answer is required' },
    ]);
  });
  it('treats a null answer as none: required questions ask for one, optional ones are left out', () => {
    expect(errors(Q, withAnswer('overall', null))).toEqual([
      { questionId: 'overall', code: 'REQUIRED', message: 'an answer is required' },
    ]);
    const r = validateAnswers(Q, [...valid, { questionId: 'comment', value: null } as unknown as TAnswer]);
    expect(r).toMatchObject({ ok: true });
    expect(r.ok && r.stored.map((a) => a.questionId)).toEqual(['overall', 'nps', 'clear']);
  });
});

describe('length limits', () => {
  it('measures a text answer without its surrounding spaces', () => {
    const text = ` ${'字'.repeat(TEXT_ANSWER_MAX)}  `;
    const r = validateAnswers(Q, [...valid, { questionId: 'comment', value: text }]);
    expect(r.ok && r.stored[3]).toEqual({
      questionId: 'comment',
      label: '其他意见',
      kind: 'TEXT',
      value: '字'.repeat(TEXT_ANSWER_MAX),
    });
  });
  it('takes a choice of up to 2000 characters when the question’s options are unknown', () => {
    const open: TQuestion[] = [{ id: 'gone', kind: 'SINGLE_CHOICE', label: '旧题', required: true }];
    const long = 'x'.repeat(TEXT_ANSWER_MAX);
    expect(errors(open, [{ questionId: 'gone', value: long }])).toEqual([]);
    expect(errors(open, [{ questionId: 'gone', value: `${long}x` }])).toEqual([
      { questionId: 'gone', code: 'INVALID_VALUE', message: 'expected a choice (text)' },
    ]);
    expect(errors(open, [{ questionId: 'gone', value: 2 }])).toEqual([
      { questionId: 'gone', code: 'INVALID_VALUE', message: 'expected a choice (text)' },
    ]);
  });
});

describe('questionsAnsweredWith', () => {
  const current: TQuestion[] = [
    { id: 'overall', kind: 'SATISFACTION', label: '整体满意度', required: false },
    { id: 'source', kind: 'SINGLE_CHOICE', label: '渠道', required: false, options: ['网络搜索', '广告'] },
  ];
  const stored = (questionId: string, kind: TStoredAnswer['kind'], value: TStoredAnswer['value']) => ({
    questionId,
    kind,
    label: `旧的 ${questionId}`,
    value,
  });

  it('keeps `required` and the options of a question still in the template with the same kind', () => {
    expect(
      questionsAnsweredWith(
        [stored('overall', 'SATISFACTION', 4), stored('source', 'SINGLE_CHOICE', '广告')],
        current,
      ),
    ).toEqual([
      { id: 'overall', kind: 'SATISFACTION', label: '旧的 overall', required: false },
      {
        id: 'source',
        kind: 'SINGLE_CHOICE',
        label: '旧的 source',
        required: false,
        options: ['网络搜索', '广告'],
      },
    ]);
  });
  it('adds the stored choice to the current options once, and leaves the template untouched', () => {
    const rebuilt = questionsAnsweredWith(
      [stored('source', 'SINGLE_CHOICE', '朋友推荐'), stored('source', 'SINGLE_CHOICE', '朋友推荐')],
      current,
    );
    expect(rebuilt[0]?.options).toEqual(['网络搜索', '广告', '朋友推荐']);
    expect(current[1]?.options).toEqual(['网络搜索', '广告']);
  });
  it('a question no longer in the template, or of another kind there, is required and has no options', () => {
    expect(
      questionsAnsweredWith(
        [stored('source', 'TEXT', '网络'), stored('removed', 'SINGLE_CHOICE', '甲')],
        current,
      ),
    ).toEqual([
      { id: 'source', kind: 'TEXT', label: '旧的 source', required: true },
      { id: 'removed', kind: 'SINGLE_CHOICE', label: '旧的 removed', required: true },
    ]);
  });
  it('only a SINGLE_CHOICE question takes options, even where the template lists some for another kind', () => {
    const nowText: TQuestion[] = [
      { id: 'overall', kind: 'TEXT', label: '整体评价', required: false, options: ['好', '差'] },
    ];
    expect(questionsAnsweredWith([stored('overall', 'TEXT', '好')], nowText)).toEqual([
      { id: 'overall', kind: 'TEXT', label: '旧的 overall', required: false },
    ]);
  });
  it('a later answer of another kind or with a non-text value adds no option', () => {
    const rebuilt = questionsAnsweredWith(
      [
        stored('source', 'SINGLE_CHOICE', '广告'),
        stored('source', 'TEXT', '手写'),
        stored('source', 'SINGLE_CHOICE', 3),
      ],
      current,
    );
    expect(rebuilt).toEqual([
      {
        id: 'source',
        kind: 'SINGLE_CHOICE',
        label: '旧的 source',
        required: false,
        options: ['网络搜索', '广告'],
      },
    ]);
  });
  it('keeps the label and kind of the first answer to a question given twice', () => {
    const first = { questionId: 'q', kind: 'SATISFACTION' as const, label: '提交时的题目', value: 4 };
    const later = { questionId: 'q', kind: 'TEXT' as const, label: '现在的题目', value: '好' };
    expect(questionsAnsweredWith([first, later])).toEqual([
      { id: 'q', kind: 'SATISFACTION', label: '提交时的题目', required: true },
    ]);
  });
  it('works without a current template', () => {
    expect(questionsAnsweredWith([stored('source', 'SINGLE_CHOICE', '甲')])).toEqual([
      { id: 'source', kind: 'SINGLE_CHOICE', label: '旧的 source', required: true },
    ]);
  });
});
