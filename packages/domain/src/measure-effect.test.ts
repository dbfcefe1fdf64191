import { describe, expect, it } from 'vitest';
import {
  type EffectCounts,
  EMPTY_EFFECT_COUNTS,
  effectWindows,
  isMeasureOverdue,
  MEASURE_MIN_AFTER_DAYS,
  MEASURE_MIN_CUSTOMERS,
  MEASURE_MIN_VISITS,
  measureEffect,
  measureEscalationLevel,
} from './measure-effect.ts';
import { actionsFor, checkTransition, MEASURE_WORKFLOW } from './workflow.ts';

const counts = (c: Partial<EffectCounts>): EffectCounts => ({ ...EMPTY_EFFECT_COUNTS, ...c });

describe('effectWindows', () => {
  it('takes windowDays before the start day and windowDays from it', () => {
    const w = effectWindows('2026-03-01', 30, '2026-12-31');
    expect(w.before).toEqual({ from: '2026-01-30', to: '2026-02-28', days: 30 });
    expect(w.after).toEqual({ from: '2026-03-01', to: '2026-03-30', days: 30 });
    expect(w.afterCapped).toBe(false);
  });
  it('caps the after window at today and says so', () => {
    const w = effectWindows('2026-03-01', 30, '2026-03-10');
    expect(w.after).toEqual({ from: '2026-03-01', to: '2026-03-10', days: 10 });
    expect(w.afterCapped).toBe(true);
  });
  it('leaves an empty after window when the start day is still ahead', () => {
    const w = effectWindows('2026-03-20', 30, '2026-03-18');
    expect(w.after.days).toBe(0);
    expect(w.before.days).toBe(29); // 02-18 … 03-18, cut at today
  });
  it('crosses a year boundary', () => {
    const w = effectWindows('2026-01-01', 31, '2026-06-01');
    expect(w.before).toEqual({ from: '2025-12-01', to: '2025-12-31', days: 31 });
    expect(w.after).toEqual({ from: '2026-01-01', to: '2026-01-31', days: 31 });
  });
  it('crosses a month boundary in a leap year', () => {
    const w = effectWindows('2028-03-01', 2, '2028-12-31');
    expect(w.before).toEqual({ from: '2028-02-28', to: '2028-02-29', days: 2 });
  });
  it('refuses a window of no days', () => {
    expect(() => effectWindows('2026-03-01', 0, '2026-03-01')).toThrow(RangeError);
  });
});

const full = effectWindows('2026-01-01', 30, '2026-12-31');

describe('measureEffect', () => {
  it('is INCONCLUSIVE on empty periods, stating why', () => {
    const e = measureEffect({ windows: full, customers: 0, before: counts({}), after: counts({}) });
    expect(e.outcome).toBe('INCONCLUSIVE');
    expect(e.metrics.find((m) => m.metric === 'satisfaction')).toMatchObject({
      before: null,
      after: null,
      change: null,
      verdict: 'INCONCLUSIVE',
      why: 'FEW_VISITS',
    });
    expect(e.metrics.find((m) => m.metric === 'churn')).toMatchObject({ before: null, why: 'FEW_CUSTOMERS' });
  });
  it('gives each rate as a share of the target customers', () => {
    const e = measureEffect({
      windows: full,
      customers: 2,
      before: counts({ churned: 2 }),
      after: counts({ churned: 1 }),
    });
    expect(e.customers).toBe(2);
    expect(e.metrics.find((m) => m.metric === 'churn')).toMatchObject({ before: 10000, after: 5000 });
  });
  it('is inconclusive just below the minimum samples and conclusive at them', () => {
    const below = measureEffect({
      windows: full,
      customers: MEASURE_MIN_CUSTOMERS - 1,
      before: counts({ ratedVisits: MEASURE_MIN_VISITS - 1, satisfactionSum: 90, churned: 5 }),
      after: counts({ ratedVisits: MEASURE_MIN_VISITS, satisfactionSum: 140, churned: 1 }),
    });
    expect(below.outcome).toBe('INCONCLUSIVE');
    const at = measureEffect({
      windows: full,
      customers: MEASURE_MIN_CUSTOMERS,
      before: counts({ ratedVisits: MEASURE_MIN_VISITS, satisfactionSum: 90, churned: 5 }),
      after: counts({ ratedVisits: MEASURE_MIN_VISITS, satisfactionSum: 140, churned: 1 }),
    });
    expect(at.metrics.find((m) => m.metric === 'satisfaction')?.verdict).toBe('IMPROVED');
    expect(at.metrics.find((m) => m.metric === 'churn')?.verdict).toBe('IMPROVED');
    expect(at.outcome).toBe('EFFECTIVE');
  });
  it('compares exact means, not rounded hundredths', () => {
    // 100/30 = 3.3333 and 133/40 = 3.325: both show 3.33 or so, yet the second is lower
    const e = measureEffect({
      windows: full,
      customers: 40,
      before: counts({ ratedVisits: 30, satisfactionSum: 100 }),
      after: counts({ ratedVisits: 40, satisfactionSum: 133 }),
    });
    expect(e.metrics[0]!.verdict).toBe('WORSENED');
  });
  it('compares events per day when the after window is cut short at today', () => {
    const w = effectWindows('2026-03-01', 90, '2026-04-07'); // after: 38 days
    const e = measureEffect({
      windows: w,
      customers: 100,
      before: counts({ complaints: 90 }), // 1 a day
      after: counts({ complaints: 38 }), // 1 a day
    });
    expect(e.metrics.find((m) => m.metric === 'complaints')).toMatchObject({
      verdict: 'UNCHANGED',
      before: 90,
      after: 38,
    });
    expect(e.windows.after.days).toBe(38);
  });
  it('waits until an after window cut short has run MEASURE_MIN_AFTER_DAYS days', () => {
    const input = (today: string) => ({
      windows: effectWindows('2026-03-01', 90, today),
      customers: 100,
      before: counts({ ratedVisits: 40, satisfactionSum: 120, complaints: 9 }),
      after: counts({ ratedVisits: 40, satisfactionSum: 160, complaints: 0 }),
    });
    const early = measureEffect(input('2026-03-27')); // day 27
    expect(early.windows.after.days).toBe(MEASURE_MIN_AFTER_DAYS - 1);
    expect(early.outcome).toBe('INCONCLUSIVE');
    expect(early.metrics.every((m) => m.why === 'SHORT_AFTER_WINDOW')).toBe(true);
    const ready = measureEffect(input('2026-03-28')); // day 28
    expect(ready.outcome).toBe('EFFECTIVE');
    // a window shorter than the minimum by choice is compared once it is whole
    const whole = measureEffect({
      ...input('2026-12-31'),
      windows: effectWindows('2026-03-01', 14, '2026-12-31'),
    });
    expect(whole.windows.afterCapped).toBe(false);
    expect(whole.outcome).toBe('EFFECTIVE');
  });
  it('is INCONCLUSIVE when the after window has not begun', () => {
    const w = effectWindows('2026-03-20', 30, '2026-03-18');
    const e = measureEffect({
      windows: w,
      customers: 100,
      before: counts({ ratedVisits: 50, satisfactionSum: 200 }),
      after: counts({}),
    });
    expect(e.outcome).toBe('INCONCLUSIVE');
    expect(e.metrics.every((m) => m.why === 'NO_AFTER_WINDOW')).toBe(true);
  });
  it('is NOT_EFFECTIVE when as many metrics worsen as improve', () => {
    const e = measureEffect({
      windows: full,
      customers: 50,
      before: counts({ ratedVisits: 40, satisfactionSum: 160, renewed: 10 }),
      after: counts({ ratedVisits: 40, satisfactionSum: 170, renewed: 5 }),
    });
    expect(e.improved).toBe(1);
    expect(e.worsened).toBe(1);
    expect(e.outcome).toBe('NOT_EFFECTIVE');
  });
  it('refuses negative or fractional counts, and more churned than customers', () => {
    expect(() =>
      measureEffect({
        windows: full,
        customers: 0,
        before: counts({ complaints: -1 }),
        after: counts({}),
      }),
    ).toThrow(RangeError);
    expect(() =>
      measureEffect({
        windows: full,
        customers: 1,
        before: counts({ churned: 2 }),
        after: counts({}),
      }),
    ).toThrow(RangeError);
    expect(() =>
      measureEffect({ windows: full, customers: 1.5, before: counts({}), after: counts({}) }),
    ).toThrow(RangeError);
  });
});

describe('overdue and escalation', () => {
  const end = new Date('2026-03-18T16:00:00Z'); // 2026-03-19 00:00 Asia/Shanghai
  it('is overdue from the end of the deadline day on, open measures only', () => {
    expect(isMeasureOverdue('IN_PROGRESS', end, new Date(end.getTime() - 1))).toBe(false);
    expect(isMeasureOverdue('IN_PROGRESS', end, end)).toBe(true);
    expect(isMeasureOverdue('APPROVED', end, end)).toBe(true);
    expect(isMeasureOverdue('DONE', end, end)).toBe(false);
    expect(isMeasureOverdue('DRAFT', end, end)).toBe(false);
  });
  it('climbs to the head after N days and to management after M', () => {
    const at = (days: number) => new Date(end.getTime() + days * 86_400_000);
    expect(measureEscalationLevel(end, at(2.99), 3, 7)).toBe(0);
    expect(measureEscalationLevel(end, at(3), 3, 7)).toBe(1);
    expect(measureEscalationLevel(end, at(7), 3, 7)).toBe(2);
  });
});

describe('MEASURE_WORKFLOW', () => {
  it('lets a manager approve and evaluate, the owner’s roles start and complete', () => {
    expect(checkTransition(MEASURE_WORKFLOW, 'approve', 'DRAFT', 'MANAGER').ok).toBe(true);
    expect(checkTransition(MEASURE_WORKFLOW, 'approve', 'DRAFT', 'LEAD')).toEqual({
      ok: false,
      reason: 'PERMISSION',
    });
    expect(checkTransition(MEASURE_WORKFLOW, 'start', 'APPROVED', 'HANDLER').ok).toBe(true);
    expect(checkTransition(MEASURE_WORKFLOW, 'start', 'DRAFT', 'HANDLER')).toEqual({
      ok: false,
      reason: 'STATE',
    });
    expect(checkTransition(MEASURE_WORKFLOW, 'complete', 'IN_PROGRESS', 'SUPERVISOR').ok).toBe(true);
    expect(checkTransition(MEASURE_WORKFLOW, 'evaluate', 'DONE', 'MANAGER').ok).toBe(true);
    expect(checkTransition(MEASURE_WORKFLOW, 'evaluate', 'IN_PROGRESS', 'MANAGER').ok).toBe(false);
    expect(checkTransition(MEASURE_WORKFLOW, 'edit', 'APPROVED', 'LEAD').ok).toBe(false);
    expect(checkTransition(MEASURE_WORKFLOW, 'reject', 'APPROVED', 'MANAGER').ok).toBe(true);
  });
  it('gives an admin no step (read only)', () => {
    for (const s of MEASURE_WORKFLOW.states) {
      expect(Object.values(actionsFor(MEASURE_WORKFLOW, s, 'ADMIN')).some(Boolean)).toBe(false);
    }
  });
});
