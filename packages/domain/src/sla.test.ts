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
import { zonedTime } from './time.ts';

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
// 2026-03-02 is a Monday.

describe('isoWeekday and workingWindow', () => {
  it('numbers Monday 1 … Sunday 7', () => {
    expect(isoWeekday('2026-03-02')).toBe(1);
    expect(isoWeekday('2026-03-07')).toBe(6);
    expect(isoWeekday('2026-03-08')).toBe(7);
  });
  it('gives the window of a working day and none on weekends and holidays', () => {
    expect(workingWindow('2026-03-02', cal)).toEqual({
      from: at('2026-03-02', '09:00'),
      to: at('2026-03-02', '18:00'),
    });
    expect(workingWindow('2026-03-07', cal)).toBeNull();
    expect(workingWindow('2026-03-02', { ...cal, holidays: ['2026-03-02'] })).toBeNull();
  });
});

describe('addBusinessHours', () => {
  it('adds within the same day', () => {
    expect(addBusinessHours(at('2026-03-02', '10:00'), 4, cal)).toEqual(at('2026-03-02', '14:00'));
  });
  it('ends exactly at closing time rather than the next morning', () => {
    expect(addBusinessHours(at('2026-03-02', '10:00'), 8, cal)).toEqual(at('2026-03-02', '18:00'));
  });
  it('carries across the night', () => {
    expect(addBusinessHours(at('2026-03-02', '16:00'), 4, cal)).toEqual(at('2026-03-03', '11:00'));
  });
  it('carries across a weekend', () => {
    expect(addBusinessHours(at('2026-03-06', '17:00'), 2, cal)).toEqual(at('2026-03-09', '10:00'));
  });
  it('skips holidays', () => {
    const c = { ...cal, holidays: ['2026-03-03', '2026-03-04'] };
    expect(addBusinessHours(at('2026-03-02', '17:00'), 2, c)).toEqual(at('2026-03-05', '10:00'));
  });
  it('starts counting at the next opening when started at night, on a weekend or on a holiday', () => {
    expect(addBusinessHours(at('2026-03-02', '20:00'), 1, cal)).toEqual(at('2026-03-03', '10:00'));
    expect(addBusinessHours(at('2026-03-03', '06:30'), 1, cal)).toEqual(at('2026-03-03', '10:00'));
    expect(addBusinessHours(at('2026-03-07', '12:00'), 1, cal)).toEqual(at('2026-03-09', '10:00'));
    expect(addBusinessHours(at('2026-03-02', '12:00'), 1, { ...cal, holidays: ['2026-03-02'] })).toEqual(
      at('2026-03-03', '10:00'),
    );
  });
  it('spans several weeks (40 h = one working week)', () => {
    expect(addBusinessHours(at('2026-03-02', '09:00'), 40, { ...cal, end: '17:00' })).toEqual(
      at('2026-03-06', '17:00'),
    );
    expect(addBusinessHours(at('2026-03-02', '09:00'), 45, cal)).toEqual(at('2026-03-06', '18:00'));
    expect(addBusinessHours(at('2026-03-02', '09:00'), 46, cal)).toEqual(at('2026-03-09', '10:00'));
  });
  it('honours custom weekdays (a Saturday shift) and fractions of an hour', () => {
    const c = { ...cal, weekdays: [1, 2, 3, 4, 5, 6] };
    expect(addBusinessHours(at('2026-03-06', '17:00'), 2, c)).toEqual(at('2026-03-07', '10:00'));
    expect(addBusinessHours(at('2026-03-02', '09:00'), 0.5, cal)).toEqual(at('2026-03-02', '09:30'));
  });
  it('returns the start for zero hours', () => {
    expect(addBusinessHours(at('2026-03-07', '12:00'), 0, cal)).toEqual(at('2026-03-07', '12:00'));
  });
  it('refuses a calendar without working time', () => {
    expect(() => addBusinessHours(at('2026-03-02', '09:00'), 1, { ...cal, weekdays: [] })).toThrow();
    expect(() =>
      addBusinessHours(at('2026-03-02', '09:00'), 1, { ...cal, start: '18:00', end: '09:00' }),
    ).toThrow();
  });
  it('counts wall-clock hours across a DST change (Europe/Berlin, 2026-03-29)', () => {
    const berlin: BusinessCalendar = { ...cal, tz: 'Europe/Berlin', weekdays: [1, 2, 3, 4, 5, 6, 7] };
    // Sat 17:00 CET + 3 h → Sun (CEST) 11:00: a 9-hour local day on both sides of the change.
    const start = at('2026-03-28', '17:00', berlin);
    const due = addBusinessHours(start, 3, berlin);
    expect(due).toEqual(at('2026-03-29', '11:00', berlin));
    expect(due.toISOString()).toBe('2026-03-29T09:00:00.000Z');
    expect(businessMsBetween(start, due, berlin)).toBe(3 * H);
  });
});

describe('businessMsBetween', () => {
  it('counts only working time', () => {
    expect(businessMsBetween(at('2026-03-02', '10:00'), at('2026-03-02', '12:30'), cal)).toBe(2.5 * H);
    expect(businessMsBetween(at('2026-03-02', '17:00'), at('2026-03-03', '10:00'), cal)).toBe(2 * H);
    expect(businessMsBetween(at('2026-03-06', '17:00'), at('2026-03-09', '10:00'), cal)).toBe(2 * H);
    expect(businessMsBetween(at('2026-03-07', '08:00'), at('2026-03-08', '20:00'), cal)).toBe(0);
  });
  it('is negative when the end is before the start, zero for the same instant', () => {
    expect(businessMsBetween(at('2026-03-03', '10:00'), at('2026-03-02', '17:00'), cal)).toBe(-2 * H);
    expect(businessMsBetween(at('2026-03-03', '10:00'), at('2026-03-03', '10:00'), cal)).toBe(0);
  });
  it('skips holidays', () => {
    const c = { ...cal, holidays: ['2026-03-03'] };
    expect(businessMsBetween(at('2026-03-02', '09:00'), at('2026-03-04', '18:00'), c)).toBe(18 * H);
  });
  it('is the inverse of addBusinessHours', () => {
    for (const [day, time, hours] of [
      ['2026-03-02', '10:00', 13],
      ['2026-03-06', '20:00', 7],
      ['2026-03-07', '03:00', 40],
    ] as const) {
      const start = at(day, time);
      const due = addBusinessHours(start, hours, cal);
      expect(businessMsBetween(start, due, cal)).toBe(hours * H);
    }
  });
});

describe('slaState', () => {
  const createdAt = at('2026-03-02', '10:00');
  const dueAt = addBusinessHours(createdAt, 10, cal); // Tue 11:00
  const base = { createdAt, dueAt, pausedAt: null, pausedMs: 0 };

  it('runs: time left in business hours, not at risk early on', () => {
    const s = slaState({ ...base, now: at('2026-03-02', '12:00') }, cal);
    expect(s).toEqual({ remainingMs: 8 * H, overdue: false, overdueMs: 0, paused: false, atRisk: false });
  });
  it('does not count the night', () => {
    expect(slaState({ ...base, now: at('2026-03-02', '22:00') }, cal).remainingMs).toBe(2 * H);
  });
  it('is at risk below 20 % of the budget', () => {
    expect(slaState({ ...base, now: at('2026-03-02', '17:00') }, cal).atRisk).toBe(false); // 2 h = 20 %
    expect(slaState({ ...base, now: at('2026-03-03', '09:30') }, cal)).toMatchObject({
      remainingMs: 1.5 * H,
      atRisk: true,
      overdue: false,
    });
  });
  it('is overdue after the due time, with a negative remainder, and no longer "at risk"', () => {
    const s = slaState({ ...base, now: at('2026-03-03', '13:00') }, cal);
    expect(s).toEqual({ remainingMs: -2 * H, overdue: true, overdueMs: 2 * H, paused: false, atRisk: false });
  });
  it('counts how late it is in calendar time: nights and weekends included', () => {
    // due Tue 11:00, now Fri 15:30: 3 days 4.5 hours late, of which 2 × 9 + 4.5 business hours
    const s = slaState({ ...base, now: at('2026-03-06', '15:30') }, cal);
    expect(s.overdueMs).toBe(3 * 24 * H + 4.5 * H);
    expect(s.remainingMs).toBe(-(7 + 9 + 9 + 6.5) * H);
    // over a weekend the calendar keeps counting while business time stands still
    const mon = slaState({ ...base, now: at('2026-03-09', '08:00') }, cal);
    const sat = slaState({ ...base, now: at('2026-03-07', '08:00') }, cal);
    expect(mon.remainingMs).toBe(sat.remainingMs);
    expect(mon.overdueMs - sat.overdueMs).toBe(48 * H);
  });
  it('stands still while paused', () => {
    const pausedAt = at('2026-03-02', '15:00');
    const a = slaState({ ...base, pausedAt, now: at('2026-03-02', '16:00') }, cal);
    const b = slaState({ ...base, pausedAt, now: at('2026-03-10', '16:00') }, cal);
    expect(a).toEqual({ remainingMs: 5 * H, overdue: false, overdueMs: 0, paused: true, atRisk: false });
    expect(b).toEqual(a);
  });
  it('keeps the overdue state of a late response', () => {
    const s = slaState({ ...base, pausedAt: at('2026-03-03', '12:00'), now: at('2026-03-05', '12:00') }, cal);
    expect(s).toMatchObject({ remainingMs: -1 * H, overdue: true, overdueMs: 1 * H, paused: true });
  });
  it('resuming extends the due time by the business time paused, so the time left is unchanged', () => {
    const pausedAt = at('2026-03-02', '15:00'); // 5 h left
    const now = at('2026-03-04', '10:00'); // paused 3 h + 9 h + 1 h = 13 business hours
    const resumed = resumeSla({ dueAt, pausedAt, pausedMs: 0, now }, cal);
    expect(resumed.pausedMs).toBe(13 * H);
    expect(resumed.dueAt).toEqual(at('2026-03-04', '15:00'));
    const s = slaState(
      { createdAt, dueAt: resumed.dueAt, pausedAt: null, pausedMs: resumed.pausedMs, now },
      cal,
    );
    expect(s).toEqual({ remainingMs: 5 * H, overdue: false, overdueMs: 0, paused: false, atRisk: false });
    // the budget stays 10 h: 1.5 h left is at risk
    const later = slaState(
      {
        createdAt,
        dueAt: resumed.dueAt,
        pausedAt: null,
        pausedMs: resumed.pausedMs,
        now: at('2026-03-04', '13:30'),
      },
      cal,
    );
    expect(later).toMatchObject({ remainingMs: 1.5 * H, atRisk: true });
  });
  it('a pause over a weekend and a holiday adds nothing for the days off', () => {
    const c = { ...cal, holidays: ['2026-03-09'] };
    const r = resumeSla(
      { dueAt, pausedAt: at('2026-03-06', '18:00'), pausedMs: 2 * H, now: at('2026-03-10', '09:00') },
      c,
    );
    expect(r).toEqual({ dueAt, pausedMs: 2 * H });
  });
  it('adds pauses up over several rounds', () => {
    const r1 = resumeSla(
      { dueAt, pausedAt: at('2026-03-02', '11:00'), pausedMs: 0, now: at('2026-03-02', '12:00') },
      cal,
    );
    const r2 = resumeSla({ ...r1, pausedAt: at('2026-03-02', '13:00'), now: at('2026-03-02', '15:00') }, cal);
    expect(r2.pausedMs).toBe(3 * H);
    expect(r2.dueAt).toEqual(addBusinessMs(dueAt, 3 * H, cal));
  });
});

describe('the cache of working windows', () => {
  it('keeps calendars apart that differ only in holidays, hours, weekdays or zone', () => {
    const a = at('2026-03-02', '08:00');
    const b = at('2026-03-09', '20:00');
    const week = 5 * 9 * H; // Monday 2 … Friday 6, plus Monday 9
    expect(businessMsBetween(a, b, cal)).toBe(week + 9 * H);
    expect(businessMsBetween(a, b, { ...cal, holidays: ['2026-03-03'] })).toBe(week);
    expect(businessMsBetween(a, b, { ...cal, end: '17:00' })).toBe(6 * 8 * H);
    expect(businessMsBetween(a, b, { ...cal, weekdays: [1, 2, 3, 4, 5, 6] })).toBe(week + 18 * H);
    // New York's hours fall later in the UTC day than Shanghai's: 2 March 08:00 Shanghai is before
    // 2 March 09:00 New York, and 9 March 20:00 Shanghai is 9 March 08:00 New York (before opening)
    expect(businessMsBetween(a, b, { ...cal, tz: 'America/New_York' })).toBe(week);
    // and asking again, in any order, gives the same answers
    expect(businessMsBetween(a, b, { ...cal, holidays: ['2026-03-03'] })).toBe(week);
    expect(businessMsBetween(a, b, cal)).toBe(week + 9 * H);
  });
  it('stays correct past its bound (more days than it keeps)', () => {
    const years = 25; // 9,131 days: the cache is cleared on the way
    const from = at('2026-01-01', '00:00');
    const to = at(`${2026 + years}-01-01`, '00:00');
    let weekdays = 0;
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2026 + years, 0, 1); t += 86_400_000) {
      const d = new Date(t).getUTCDay();
      if (d !== 0 && d !== 6) weekdays++;
    }
    expect(businessMsBetween(from, to, cal)).toBe(weekdays * 9 * H);
    expect(businessMsBetween(from, to, cal)).toBe(weekdays * 9 * H);
  });
});
