import { CHURN_CATEGORIES } from '@huifang/contracts/values';
import { describe, expect, it } from 'vitest';
import {
  CHURN_ATTENDANCE_EVENT_KINDS,
  CHURN_CATEGORY_DEPARTMENT,
  CHURN_EVIDENCE_STAGE,
  CHURN_LOW_SATISFACTION_MAX,
  CHURN_REPEAT_WINDOW_DAYS,
  CHURN_TICKET_CATEGORY,
  churnDedupeKey,
  complaintDeadline,
  DEFAULT_CHURN_REASONS,
  evidenceKindsOfVisit,
  isChurnLowSatisfaction,
  isComplaintWithoutAttendance,
  isDeclinedWithReason,
  isRefund,
  repeatWindow,
  shouldSuggest,
  withinRepeatWindow,
} from './churn.ts';

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

describe('suggestions from evidence (docs/rules.md#r-churn-3-suggestions-from-evidence)', () => {
  it('a declined visit suggests only with a reason written down', () => {
    expect(isDeclinedWithReason({ outcome: 'DECLINED', opinions: '太贵了', suggestions: null })).toBe(true);
    expect(isDeclinedWithReason({ outcome: 'DECLINED', opinions: null, suggestions: '换个时间' })).toBe(true);
    expect(isDeclinedWithReason({ outcome: 'DECLINED', opinions: '  \n ', suggestions: '' })).toBe(false);
    expect(isDeclinedWithReason({ outcome: 'DECLINED', opinions: null, suggestions: null })).toBe(false);
    expect(isDeclinedWithReason({ outcome: 'COMPLETED', opinions: '太贵了', suggestions: null })).toBe(false);
  });

  it('low satisfaction: a completed visit rated at or below the threshold, not above, not unrated', () => {
    expect(CHURN_LOW_SATISFACTION_MAX).toBe(2);
    expect(isChurnLowSatisfaction({ outcome: 'COMPLETED', satisfaction: 1 })).toBe(true);
    expect(isChurnLowSatisfaction({ outcome: 'COMPLETED', satisfaction: 2 })).toBe(true);
    expect(isChurnLowSatisfaction({ outcome: 'COMPLETED', satisfaction: 3 })).toBe(false);
    expect(isChurnLowSatisfaction({ outcome: 'COMPLETED', satisfaction: null })).toBe(false);
    expect(isChurnLowSatisfaction({ outcome: 'DECLINED', satisfaction: 1 })).toBe(false);
  });

  it('a refund event suggests the REFUNDED stage unless cancelled', () => {
    expect(isRefund({ kind: 'REFUND', cancelled: false })).toBe(true);
    expect(isRefund({ kind: 'REFUND', cancelled: true })).toBe(false);
    expect(isRefund({ kind: 'PURCHASE', cancelled: false })).toBe(false);
    expect(CHURN_EVIDENCE_STAGE.REFUND_EVENT).toBe('REFUNDED');
  });

  describe('a closed complaint followed by no attendance', () => {
    const closedAt = new Date('2026-02-01T04:00:00Z');
    const deadline = complaintDeadline(closedAt);
    const base = {
      closedAt,
      closedDay: '2026-02-01',
      deadlineDay: '2026-03-03',
      attendanceDays: [] as string[],
      completedVisitsAt: [] as Date[],
    };
    it('is judged exactly at its deadline, not a millisecond before', () => {
      expect(deadline.toISOString()).toBe('2026-03-03T04:00:00.000Z');
      expect(isComplaintWithoutAttendance({ ...base, now: deadline })).toBe(true);
      expect(isComplaintWithoutAttendance({ ...base, now: new Date(deadline.getTime() - 1) })).toBe(false);
      expect(
        isComplaintWithoutAttendance({ ...base, now: new Date(deadline.getTime() + 86_400_000 * 10) }),
      ).toBe(true);
    });
    it('attendance within the quiet days clears it, before or after them does not', () => {
      const now = deadline;
      expect(isComplaintWithoutAttendance({ ...base, now, attendanceDays: ['2026-02-01'] })).toBe(false);
      expect(isComplaintWithoutAttendance({ ...base, now, attendanceDays: ['2026-03-03'] })).toBe(false);
      expect(
        isComplaintWithoutAttendance({ ...base, now, attendanceDays: ['2026-01-31', '2026-03-04'] }),
      ).toBe(true);
      expect(
        isComplaintWithoutAttendance({ ...base, now, completedVisitsAt: [new Date('2026-02-15T02:00:00Z')] }),
      ).toBe(false);
      // a visit before the closing (the one that raised it) is not attendance after it
      expect(isComplaintWithoutAttendance({ ...base, now, completedVisitsAt: [closedAt] })).toBe(true);
      expect(isComplaintWithoutAttendance({ ...base, now, completedVisitsAt: [deadline] })).toBe(false);
    });
  });

  describe('whether evidence becomes a suggestion', () => {
    const base = {
      dedupeKey: churnDedupeKey('REFUND_EVENT', 'e1'),
      day: '2026-03-18',
      stage: 'REFUNDED' as const,
    };
    it('once per piece of evidence: a dismissed (or any earlier) suggestion never comes back', () => {
      expect(base.dedupeKey).toBe('REFUND_EVENT:e1');
      expect(shouldSuggest({ ...base, existingKeys: new Set(), confirmed: [] })).toBe(true);
      expect(shouldSuggest({ ...base, existingKeys: new Set(['REFUND_EVENT:e1']), confirmed: [] })).toBe(
        false,
      );
    });
    it('not while the customer has a confirmed case of that stage within the repeat window', () => {
      const none = new Set<string>();
      const at = (day: string, stage = 'REFUNDED') =>
        shouldSuggest({ ...base, existingKeys: none, confirmed: [{ stage, day }] });
      expect(CHURN_REPEAT_WINDOW_DAYS).toBe(90);
      expect(at('2025-12-19')).toBe(false); // 89 days before
      expect(at('2025-12-18')).toBe(true); // 90 days before
      expect(at('2026-06-15')).toBe(false); // 89 days after
      expect(at('2026-03-18', 'DROPPED_OUT')).toBe(true); // another stage
      expect(repeatWindow('2026-03-18')).toEqual({ from: '2025-12-19', to: '2026-06-15' });
      expect(withinRepeatWindow('2026-03-18', '2026-06-15')).toBe(true);
    });
  });

  it('maps every ticket category to a churn category or none', () => {
    expect(CHURN_TICKET_CATEGORY.CALLER_CONDUCT).toBe('SERVICE');
    expect(CHURN_TICKET_CATEGORY.OTHER).toBeNull();
    expect(CHURN_ATTENDANCE_EVENT_KINDS).toContain('COURSE_STARTED');
  });
});

describe('evidenceKindsOfVisit', () => {
  const visit = { outcome: 'NO_ANSWER', satisfaction: null, opinions: null, suggestions: null };

  it('an unanswered call, a completed visit rated above the line or a declined one without a reason is no evidence', () => {
    expect(evidenceKindsOfVisit(visit)).toEqual([]);
    expect(
      evidenceKindsOfVisit({ ...visit, outcome: 'COMPLETED', satisfaction: CHURN_LOW_SATISFACTION_MAX + 1 }),
    ).toEqual([]);
    expect(evidenceKindsOfVisit({ ...visit, outcome: 'COMPLETED', satisfaction: null })).toEqual([]);
    expect(evidenceKindsOfVisit({ ...visit, outcome: 'DECLINED', opinions: '   ' })).toEqual([]);
  });

  it('names what the visit and the event told in it can be', () => {
    expect(evidenceKindsOfVisit({ ...visit, outcome: 'DECLINED', suggestions: '不想再学了' })).toEqual([
      'DECLINED_VISIT',
    ]);
    expect(
      evidenceKindsOfVisit({ ...visit, outcome: 'COMPLETED', satisfaction: CHURN_LOW_SATISFACTION_MAX }),
    ).toEqual(['LOW_SATISFACTION']);
    expect(
      evidenceKindsOfVisit({ ...visit, outcome: 'COMPLETED', satisfaction: 1, event: { kind: 'REFUND' } }),
    ).toEqual(['LOW_SATISFACTION', 'REFUND_EVENT']);
    expect(
      evidenceKindsOfVisit({ ...visit, outcome: 'COMPLETED', satisfaction: 5, event: { kind: 'ENROLLED' } }),
    ).toEqual([]);
  });
});
