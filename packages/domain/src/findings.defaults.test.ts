import { describe, expect, it } from 'vitest';
import { questionnaireWithAnswers } from './answers.ts';
import { defaultInspectionMethod, inspectionStartDefaults, isLateVisit } from './findings.ts';

describe('isLateVisit', () => {
  const tz = 'Asia/Shanghai';
  it('is late only on a later day in the organisation timezone', () => {
    // 2026-05-10 23:30 +08:00 is still the due day
    expect(isLateVisit(new Date('2026-05-10T15:30:00Z'), '2026-05-10', tz)).toBe(false);
    // 2026-05-11 00:10 +08:00 is a day late, though UTC still says the 10th
    expect(isLateVisit(new Date('2026-05-10T16:10:00Z'), '2026-05-10', tz)).toBe(true);
    expect(isLateVisit(new Date('2026-05-01T02:00:00Z'), '2026-05-10', tz)).toBe(false);
    expect(isLateVisit(new Date('2026-06-01T02:00:00Z'), '2026-05-31', 'America/New_York')).toBe(false);
    expect(isLateVisit(new Date('2026-06-01T05:00:00Z'), '2026-05-31', 'America/New_York')).toBe(true);
  });
});

describe('inspectionStartDefaults', () => {
  it('no recording: listening to it becomes checking the record', () => {
    expect(
      inspectionStartDefaults(
        { method: 'RECORDING_REVIEW', findings: [] },
        { hasRecording: false, late: false },
      ),
    ).toEqual({ method: 'RECORD_CHECK', findings: [] });
  });
  it('a recording keeps the method; another chosen method stays', () => {
    expect(
      inspectionStartDefaults(
        { method: 'RECORDING_REVIEW', findings: [] },
        { hasRecording: true, late: false },
      ).method,
    ).toBe('RECORDING_REVIEW');
    expect(
      inspectionStartDefaults(
        { method: 'CUSTOMER_CALLBACK', findings: [] },
        { hasRecording: false, late: false },
      ).method,
    ).toBe('CUSTOMER_CALLBACK');
  });
  it('a late visit is flagged LATE once, first', () => {
    expect(
      inspectionStartDefaults(
        { method: 'RECORD_CHECK', findings: ['ATTITUDE'] },
        { hasRecording: false, late: true },
      ).findings,
    ).toEqual(['LATE', 'ATTITUDE']);
    expect(
      inspectionStartDefaults(
        { method: 'RECORD_CHECK', findings: ['LATE'] },
        { hasRecording: false, late: true },
      ).findings,
    ).toEqual(['LATE']);
    expect(
      inspectionStartDefaults(
        { method: 'RECORD_CHECK', findings: ['INCOMPLETE', 'INCOMPLETE'] },
        { hasRecording: false, late: false },
      ).findings,
    ).toEqual(['INCOMPLETE']);
  });
});

describe('defaultInspectionMethod', () => {
  it('listens when there is a recording, checks the record when not', () => {
    expect(defaultInspectionMethod(true)).toBe('RECORDING_REVIEW');
    expect(defaultInspectionMethod(false)).toBe('RECORD_CHECK');
  });
});

describe('questionnaireWithAnswers', () => {
  it('every question in order, the unanswered ones too, then answers the template dropped', () => {
    const items = questionnaireWithAnswers(
      [
        { id: 'q1', kind: 'SATISFACTION', label: '满意度', required: true },
        { id: 'q2', kind: 'TEXT', label: '建议', required: false },
        { id: 'q3', kind: 'YES_NO', label: '是否续报', required: true },
      ],
      [
        { questionId: 'q3', kind: 'YES_NO', label: '是否续报？', value: false },
        { questionId: 'old', kind: 'TEXT', label: '旧问题', value: '旧答案' },
        { questionId: 'q1', kind: 'SATISFACTION', label: '满意度', value: 4 },
      ],
    );
    expect(items).toEqual([
      { questionId: 'q1', label: '满意度', kind: 'SATISFACTION', value: 4, answered: true },
      { questionId: 'q2', label: '建议', kind: 'TEXT', value: null, answered: false },
      { questionId: 'q3', label: '是否续报？', kind: 'YES_NO', value: false, answered: true },
      { questionId: 'old', label: '旧问题', kind: 'TEXT', value: '旧答案', answered: true },
    ]);
  });
});
