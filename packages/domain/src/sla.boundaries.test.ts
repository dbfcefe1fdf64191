// Boundaries of the business-hours SLA clock: the calendar checks, the search limits, the
// exact instants at opening and closing, and the at-risk / overdue edges.
import { describe, expect, it } from 'vitest';
import {
  addBusinessHours,
  addBusinessMs,
  type BusinessCalendar,
  businessMsBetween,
  isoWeekday,
  resumeSla,
  slaState,
  workingWindow,
} from './sla.ts';
import { addDays, daysBetween, zonedTime } from './time.ts';

const H = 3_600_000;
const SH = 'Asia/Shanghai';
const cal: BusinessCalendar = {
  tz: SH,
  start: '09:00',
  end: '18:00',
  weekdays: [1, 2, 3, 4, 5],
  holidays: [],
};
const at = (day: string, time: string, c: BusinessCalendar = cal) => zonedTime(day, time, c.tz);
const NO_WORKING_TIME = /^The business calendar has no working time$/;
const NOTHING_IN_THREE_YEARS = /^The business calendar has no working time within three years$/;
// 2026-03-02 is a Monday.

describe('isoWeekday', () => {
  it('numbers every day of a week, Monday 1 to Sunday 7', () => {
    expect(daysBetween('2026-03-02', '2026-03-08').map(isoWeekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(isoWeekday('2026-12-31')).toBe(4);
  });
});

describe('workingWindow', () => {
  it('runs from the opening to the closing instant of a working day', () => {
    const w = workingWindow('2026-03-04', cal);
    expect(w).toEqual({ from: new Date('2026-03-04T01:00:00Z'), to: new Date('2026-03-04T10:00:00Z') });
  });
  it('is null on a day that is not a listed weekday, and on a holiday', () => {
    expect(workingWindow('2026-03-08', cal)).toBeNull(); // Sunday
    expect(workingWindow('2026-03-08', { ...cal, weekdays: [7] })).not.toBeNull();
    expect(workingWindow('2026-03-04', { ...cal, holidays: ['2026-03-04'] })).toBeNull();
  });
  it('is null when the day closes when it opens, or before', () => {
    expect(workingWindow('2026-03-04', { ...cal, start: '09:00', end: '09:00' })).toBeNull();
    expect(workingWindow('2026-03-04', { ...cal, start: '18:00', end: '09:00' })).toBeNull();
    expect(workingWindow('2026-03-04', { ...cal, start: '09:00', end: '09:01' })).toEqual({
      from: at('2026-03-04', '09:00'),
      to: at('2026-03-04', '09:01'),
    });
  });
});

describe('the business calendar check', () => {
  const start = at('2026-03-02', '09:00');
  it('refuses a calendar without a weekday from 1 to 7', () => {
    expect(() => addBusinessHours(start, 1, { ...cal, weekdays: [] })).toThrow(NO_WORKING_TIME);
    expect(() => addBusinessHours(start, 1, { ...cal, weekdays: [0] })).toThrow(NO_WORKING_TIME);
    expect(() => addBusinessHours(start, 1, { ...cal, weekdays: [8] })).toThrow(NO_WORKING_TIME);
    expect(() => addBusinessHours(start, 1, { ...cal, weekdays: [0, 8, -1] })).toThrow(NO_WORKING_TIME);
  });
  it('refuses a day that closes when it opens, or before, whatever the weekdays', () => {
    expect(() => addBusinessHours(start, 1, { ...cal, start: '09:00', end: '09:00' })).toThrow(
      NO_WORKING_TIME,
    );
    expect(() => addBusinessHours(start, 1, { ...cal, start: '18:00', end: '09:00' })).toThrow(
      NO_WORKING_TIME,
    );
    expect(() => addBusinessHours(start, 1, { ...cal, weekdays: [], start: '18:00', end: '09:00' })).toThrow(
      NO_WORKING_TIME,
    );
  });
  it('accepts Monday alone and Sunday alone, and ignores stray values beside a valid weekday', () => {
    expect(addBusinessHours(start, 1, { ...cal, weekdays: [1] })).toEqual(at('2026-03-02', '10:00'));
    expect(addBusinessHours(start, 1, { ...cal, weekdays: [7] })).toEqual(at('2026-03-08', '10:00'));
    expect(addBusinessHours(start, 10, { ...cal, weekdays: [0, 1, 9] })).toEqual(at('2026-03-09', '10:00'));
  });
  it('needs no calendar check for a zero or negative duration', () => {
    const broken = { ...cal, weekdays: [] };
    expect(addBusinessMs(start, 0, broken)).toEqual(start);
    expect(addBusinessMs(start, -H, broken)).toEqual(start);
    expect(addBusinessMs(start, -H, broken)).not.toBe(start);
  });
});

describe('addBusinessMs', () => {
  it('lands on exact instants: the closing time itself, then the next opening plus the rest', () => {
    expect(addBusinessMs(at('2026-03-02', '17:00'), H, cal)).toEqual(at('2026-03-02', '18:00'));
    expect(addBusinessMs(at('2026-03-02', '17:00'), H + 1, cal)).toEqual(
      new Date(at('2026-03-03', '09:00').getTime() + 1),
    );
    expect(addBusinessMs(at('2026-03-02', '09:00'), 1, cal)).toEqual(
      new Date(at('2026-03-02', '09:00').getTime() + 1),
    );
  });
  it('counts from the next opening when started exactly at closing time', () => {
    expect(addBusinessMs(at('2026-03-02', '18:00'), H, cal)).toEqual(at('2026-03-03', '10:00'));
  });
  it('carries the remainder over several days and days off, subtracting each day’s hours', () => {
    // Mon 12:00 + 30 h: Mon 6 h, Tue 9 h, Wed 9 h, Thu 6 h → Thu 15:00
    expect(addBusinessMs(at('2026-03-02', '12:00'), 30 * H, cal)).toEqual(at('2026-03-05', '15:00'));
    // Fri 12:00 + 8 h: Fri 6 h, the weekend off, Mon 2 h
    expect(addBusinessMs(at('2026-03-06', '12:00'), 8 * H, cal)).toEqual(at('2026-03-09', '11:00'));
  });
  it('rounds fractional hours to the millisecond', () => {
    expect(addBusinessHours(at('2026-03-02', '09:00'), 1 / 3, cal)).toEqual(
      new Date(at('2026-03-02', '09:00').getTime() + 1_200_000),
    );
    expect(addBusinessHours(at('2026-03-02', '09:00'), 0.0000001, cal)).toEqual(
      new Date(at('2026-03-02', '09:00').getTime()),
    );
  });
  it('looks for working time 3 × 366 days ahead and no further', () => {
    const everyDay = { ...cal, weekdays: [1, 2, 3, 4, 5, 6, 7] };
    const first = '2026-03-02';
    const holidaysFor = (n: number) => Array.from({ length: n }, (_, i) => addDays(first, i));
    // the first working day is the 1 098th day after the start's: the last one looked at
    const reachable = { ...everyDay, holidays: holidaysFor(3 * 366 - 1) };
    expect(addBusinessHours(at(first, '12:00'), 1, reachable)).toEqual(
      at(addDays(first, 3 * 366 - 1), '10:00'),
    );
    // one day later it is out of reach
    const unreachable = { ...everyDay, holidays: holidaysFor(3 * 366) };
    expect(() => addBusinessHours(at(first, '12:00'), 1, unreachable)).toThrow(NOTHING_IN_THREE_YEARS);
  });
});

describe('businessMsBetween', () => {
  it('is zero between two instants of the same closed stretch', () => {
    expect(businessMsBetween(at('2026-03-02', '18:00'), at('2026-03-03', '09:00'), cal)).toBe(0);
    expect(businessMsBetween(at('2026-03-02', '12:00'), at('2026-03-02', '12:00'), cal)).toBe(0);
  });
  it('counts to the millisecond across the night and a holiday', () => {
    const c = { ...cal, holidays: ['2026-03-03'] };
    expect(businessMsBetween(at('2026-03-02', '17:59'), at('2026-03-04', '09:01'), c)).toBe(2 * 60_000);
    expect(businessMsBetween(at('2026-03-04', '09:01'), at('2026-03-02', '17:59'), c)).toBe(-2 * 60_000);
  });
  it('measures spans of up to 10 × 3 × 366 days and refuses longer ones', () => {
    const sundays = { ...cal, weekdays: [7] };
    const from = '2026-03-02';
    const a = at(from, '00:00');
    // day 0 … day 10 980: 10 981 days, the longest span measured
    const longest = businessMsBetween(a, at(addDays(from, 10 * 3 * 366), '00:00'), sundays);
    expect(longest).toBe(1568 * 9 * H); // the 1 568 Sundays before the last day, 9 h each
    expect(() => businessMsBetween(a, at(addDays(from, 10 * 3 * 366 + 1), '00:00'), sundays)).toThrow(
      /^The span is too long$/,
    );
  });
});

describe('slaState boundaries', () => {
  const createdAt = at('2026-03-02', '10:00');
  const dueAt = at('2026-03-03', '11:00'); // 10 business hours after creation
  const base = { createdAt, dueAt, pausedAt: null, pausedMs: 0 };

  it('is not overdue at the due instant itself, with nothing left and at risk', () => {
    expect(slaState({ ...base, now: dueAt }, cal)).toEqual({
      remainingMs: 0,
      overdue: false,
      overdueMs: 0,
      paused: false,
      atRisk: true,
    });
    expect(slaState({ ...base, now: new Date(dueAt.getTime() + 1) }, cal)).toEqual({
      remainingMs: -1,
      overdue: true,
      overdueMs: 1,
      paused: false,
      atRisk: false,
    });
  });
  it('is at risk below 20 % of the budget, not at exactly 20 %', () => {
    // 2 h of 10 h left at Monday's closing time
    expect(slaState({ ...base, now: at('2026-03-02', '18:00') }, cal)).toMatchObject({
      remainingMs: 2 * H,
      atRisk: false,
    });
    expect(slaState({ ...base, now: new Date(at('2026-03-03', '09:00').getTime() + 1) }, cal)).toMatchObject({
      remainingMs: 2 * H - 1,
      atRisk: true,
    });
  });
  it('counts the pauses out of the budget', () => {
    // due 10 h after creation, 5 h of them paused: a budget of 5 h, at risk below 1 h left
    const s = (now: Date) => slaState({ ...base, pausedMs: 5 * H, now }, cal);
    expect(s(at('2026-03-03', '10:00'))).toMatchObject({ remainingMs: H, atRisk: false });
    expect(s(new Date(at('2026-03-03', '10:00').getTime() + 1))).toMatchObject({ atRisk: true });
    // pauses longer than the span leave no budget: never at risk before the due time
    expect(slaState({ ...base, pausedMs: 20 * H, now: at('2026-03-03', '10:59') }, cal)).toMatchObject({
      remainingMs: 60_000,
      atRisk: false,
    });
  });
  it('reads a pause that starts after now (a clock ahead) as running until now', () => {
    const s = slaState({ ...base, pausedAt: at('2026-03-02', '15:00'), now: at('2026-03-02', '12:00') }, cal);
    expect(s).toEqual({ remainingMs: 8 * H, overdue: false, overdueMs: 0, paused: true, atRisk: false });
  });
  it('stops the lateness at the pause too', () => {
    const pausedAt = new Date(dueAt.getTime() + 26 * H);
    expect(slaState({ ...base, pausedAt, now: at('2026-03-20', '12:00') }, cal)).toMatchObject({
      overdue: true,
      overdueMs: 26 * H,
    });
  });
  it('stops the clock at the pause: overdue only if the pause came after the due time', () => {
    expect(slaState({ ...base, pausedAt: dueAt, now: at('2026-03-09', '12:00') }, cal)).toEqual({
      remainingMs: 0,
      overdue: false,
      overdueMs: 0,
      paused: true,
      atRisk: true,
    });
  });
});

describe('resumeSla boundaries', () => {
  it('adds nothing for a resume before the pause (a clock behind)', () => {
    const dueAt = at('2026-03-03', '11:00');
    expect(
      resumeSla(
        { dueAt, pausedAt: at('2026-03-02', '15:00'), pausedMs: H, now: at('2026-03-02', '14:00') },
        cal,
      ),
    ).toEqual({ dueAt, pausedMs: H });
  });
});
