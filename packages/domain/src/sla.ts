// SLA clocks in business hours (docs/rules.md#r-tkt-3-business-hour-sla; users complained of "SLA timers in calendar time when the team
// works business hours"). All arithmetic happens on the organisation's wall clock: a working
// day runs from `start` to `end` on the listed weekdays, holidays excepted.
import { addDays, dayIn, zonedTime } from './time.ts';

export interface BusinessCalendar {
  /** IANA timezone of the organisation */
  tz: string;
  /** `HH:mm`, local */
  start: string;
  /** `HH:mm`, local, after `start` */
  end: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday */
  weekdays: number[];
  /** `YYYY-MM-DD` days off */
  holidays: string[];
}

const HOUR = 3_600_000;
/** Guards the day loops: a calendar with no working day at all would never end. */
const MAX_DAYS = 3 * 366;

/** ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` day. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The working window of `day` as instants, or null on a day off. */
export function workingWindow(day: string, cal: BusinessCalendar): { from: Date; to: Date } | null {
  const w = windowMs(day, cal);
  return w ? { from: new Date(w.from), to: new Date(w.to) } : null;
}

type Window = { from: number; to: number } | null;
/**
 * Working windows already computed, per calendar (by its content) and day. A ticket list asks for
 * the same days once per ticket and each costs two timezone conversions; the cache makes the list
 * cost one conversion per day instead (docs/performance.md). Bounded: cleared when full.
 */
const windows = new Map<string, Map<string, Window>>();
const keys = new WeakMap<BusinessCalendar, string>();
const MAX_CALENDARS = 64;
const MAX_DAYS_CACHED = 8_192;

function windowsOf(cal: BusinessCalendar): Map<string, Window> {
  let key = keys.get(cal);
  if (key === undefined) {
    key = JSON.stringify([cal.tz, cal.start, cal.end, cal.weekdays, cal.holidays]);
    keys.set(cal, key);
  }
  let days = windows.get(key);
  if (!days) {
    if (windows.size >= MAX_CALENDARS) windows.clear();
    days = new Map();
    windows.set(key, days);
  }
  return days;
}

function windowMs(day: string, cal: BusinessCalendar): Window {
  const days = windowsOf(cal);
  const known = days.get(day);
  if (known !== undefined) return known;
  let w: Window = null;
  if (cal.weekdays.includes(isoWeekday(day)) && !cal.holidays.includes(day)) {
    const from = zonedTime(day, cal.start, cal.tz).getTime();
    const to = zonedTime(day, cal.end, cal.tz).getTime();
    if (to > from) w = { from, to };
  }
  if (days.size >= MAX_DAYS_CACHED) days.clear();
  days.set(day, w);
  return w;
}

function assertCalendar(cal: BusinessCalendar): void {
  const ok = cal.weekdays.some((w) => w >= 1 && w <= 7) && cal.start < cal.end;
  if (!ok) throw new Error('The business calendar has no working time');
}

/** The instant `ms` business milliseconds after `start` (start outside hours: counting begins at the next opening). */
export function addBusinessMs(start: Date, ms: number, cal: BusinessCalendar): Date {
  if (ms <= 0) return new Date(start.getTime());
  assertCalendar(cal);
  let remaining = ms;
  let day = dayIn(start, cal.tz);
  for (let i = 0; i < MAX_DAYS; i++, day = addDays(day, 1)) {
    const w = windowMs(day, cal);
    if (!w) continue;
    const from = Math.max(start.getTime(), w.from);
    const available = w.to - from;
    if (available <= 0) continue;
    if (remaining <= available) return new Date(from + remaining);
    remaining -= available;
  }
  throw new Error('The business calendar has no working time within three years');
}

export function addBusinessHours(start: Date, hours: number, cal: BusinessCalendar): Date {
  return addBusinessMs(start, Math.round(hours * HOUR), cal);
}

/** Business milliseconds from `a` to `b`; negative when `b` is before `a`. */
export function businessMsBetween(a: Date, b: Date, cal: BusinessCalendar): number {
  if (b.getTime() < a.getTime()) return -businessMsBetween(b, a, cal);
  if (b.getTime() === a.getTime()) return 0;
  let total = 0;
  const last = dayIn(b, cal.tz);
  let day = dayIn(a, cal.tz);
  for (let i = 0; day <= last; i++, day = addDays(day, 1)) {
    if (i > MAX_DAYS * 10) throw new Error('The span is too long');
    const w = windowMs(day, cal);
    if (!w) continue;
    const from = Math.max(a.getTime(), w.from);
    const to = Math.min(b.getTime(), w.to);
    if (to > from) total += to - from;
  }
  return total;
}

export interface SlaInput {
  createdAt: Date;
  /** the due instant, already moved by the pauses so far */
  dueAt: Date;
  /** set while the clock is paused (waiting on the customer, or done) */
  pausedAt: Date | null;
  /** business milliseconds paused before, already added to `dueAt` */
  pausedMs: number;
  now: Date;
}

export interface SlaState {
  /** business milliseconds left until the due time; negative once overdue */
  remainingMs: number;
  /** the due time passed before the clock stopped (or before now, when it runs) */
  overdue: boolean;
  /**
   * Calendar milliseconds from the due time to the clock's instant once overdue, else 0: how long
   * it has been late, the way people count it ("2 days 4 hours"), while `remainingMs` counts the
   * working time left.
   */
  overdueMs: number;
  paused: boolean;
  /** less than 20 % of the allowed business time left, not yet overdue */
  atRisk: boolean;
}

export const AT_RISK_SHARE = 0.2;

/**
 * Where a ticket's clock stands. The clock stops at `pausedAt` while paused; the budget is the
 * business time from creation to the due time less the pauses already added to it.
 */
export function slaState(input: SlaInput, cal: BusinessCalendar): SlaState {
  const paused = input.pausedAt !== null;
  const clock = paused && input.pausedAt! < input.now ? input.pausedAt! : input.now;
  const remainingMs = businessMsBetween(clock, input.dueAt, cal);
  const overdue = clock.getTime() > input.dueAt.getTime();
  const budget = Math.max(0, businessMsBetween(input.createdAt, input.dueAt, cal) - input.pausedMs);
  const atRisk = !overdue && remainingMs < AT_RISK_SHARE * budget;
  const overdueMs = overdue ? clock.getTime() - input.dueAt.getTime() : 0;
  return { remainingMs, overdue, overdueMs, paused, atRisk };
}

/**
 * Resuming a paused clock: the business time it stood still is added to the pauses and to the
 * due time, so the time left is what it was when the clock stopped.
 */
export function resumeSla(
  input: { dueAt: Date; pausedAt: Date; pausedMs: number; now: Date },
  cal: BusinessCalendar,
): { dueAt: Date; pausedMs: number } {
  const stood = Math.max(0, businessMsBetween(input.pausedAt, input.now, cal));
  return { dueAt: addBusinessMs(input.dueAt, stood, cal), pausedMs: input.pausedMs + stood };
}
