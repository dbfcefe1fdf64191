// How late something is, in the units people read it in: tasks in calendar days past their due
// day (docs/rules.md R-TASK-3), tickets in days, hours and minutes since their due time (R-TKT-5).
import { describe, expect, it } from 'vitest';
import { daysOverdue } from './task-state.ts';
import { dayCount, splitDuration } from './time.ts';

const H = 3_600_000;
const MIN = 60_000;

describe('dayCount', () => {
  it('counts calendar days, negative backwards', () => {
    expect(dayCount('2026-12-01', '2026-12-01')).toBe(0);
    expect(dayCount('2026-12-01', '2026-12-03')).toBe(2);
    expect(dayCount('2026-12-03', '2026-12-01')).toBe(-2);
  });
  it('crosses months, years and leap days', () => {
    expect(dayCount('2026-12-31', '2027-01-01')).toBe(1);
    expect(dayCount('2028-02-28', '2028-03-01')).toBe(2);
    expect(dayCount('2027-02-28', '2027-03-01')).toBe(1);
    expect(dayCount('2026-01-01', '2027-01-01')).toBe(365);
    expect(dayCount('2028-01-01', '2029-01-01')).toBe(366);
  });
  it('is not moved by a change to daylight time (days are dates, not instants)', () => {
    expect(dayCount('2027-03-13', '2027-03-15')).toBe(2);
    expect(dayCount('2027-11-06', '2027-11-08')).toBe(2);
  });
});

describe('daysOverdue', () => {
  it('is 0 on the due day and before it', () => {
    expect(daysOverdue('PENDING', '2026-12-03', '2026-12-03')).toBe(0);
    expect(daysOverdue('PENDING', '2026-12-05', '2026-12-03')).toBe(0);
  });
  it('counts the days since the due day for an open task', () => {
    expect(daysOverdue('PENDING', '2026-12-02', '2026-12-03')).toBe(1);
    expect(daysOverdue('IN_PROGRESS', '2026-11-28', '2026-12-03')).toBe(5);
    expect(daysOverdue('PENDING', '2026-12-30', '2027-01-02')).toBe(3);
  });
  it('takes the date of an ISO instant as the API sends a DATE column', () => {
    expect(daysOverdue('PENDING', '2026-12-01T00:00:00.000Z', '2026-12-03')).toBe(2);
  });
  it('is 0 for a task that is no longer open', () => {
    for (const status of ['DONE', 'UNREACHABLE', 'CANCELLED'] as const) {
      expect(daysOverdue(status, '2026-11-01', '2026-12-03')).toBe(0);
    }
  });
});

describe('splitDuration', () => {
  it('splits into whole days, hours and minutes, dropping seconds', () => {
    expect(splitDuration(0)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(splitDuration(59_999)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(splitDuration(MIN)).toEqual({ days: 0, hours: 0, minutes: 1 });
    expect(splitDuration(3 * H + 20 * MIN + 59_000)).toEqual({ days: 0, hours: 3, minutes: 20 });
    expect(splitDuration(24 * H - 1)).toEqual({ days: 0, hours: 23, minutes: 59 });
    expect(splitDuration(24 * H)).toEqual({ days: 1, hours: 0, minutes: 0 });
    expect(splitDuration(76.5 * H)).toEqual({ days: 3, hours: 4, minutes: 30 });
  });
  it('takes the size of a negative span', () => {
    expect(splitDuration(-(26 * H + 5 * MIN))).toEqual({ days: 1, hours: 2, minutes: 5 });
  });
});
