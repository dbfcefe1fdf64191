// Calendar arithmetic in an organisation's timezone, with the platform's Intl data only.
// Days are `YYYY-MM-DD` strings and months `YYYY-MM`: plain values that compare as text.

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function parts(instant: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return out;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The calendar day an instant falls on in `timeZone`. */
export function dayIn(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  return `${pad(p.year ?? 0, 4)}-${pad(p.month ?? 0)}-${pad(p.day ?? 0)}`;
}

/** The wall-clock time (`HH:mm`) of an instant in `timeZone`. */
export function timeIn(instant: Date, timeZone: string): string {
  const p = parts(instant, timeZone);
  // some engines write midnight as hour 24
  return `${pad((p.hour ?? 0) % 24)}:${pad(p.minute ?? 0)}`;
}

export function monthIn(instant: Date, timeZone: string): string {
  return dayIn(instant, timeZone).slice(0, 7);
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Asia/Shanghai: +480). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const p = parts(instant, timeZone);
  const asUtc = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/** The instant a local wall-clock time `day` `HH:mm` happens in `timeZone`. */
export function zonedTime(day: string, time: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const guess = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  const first = guess - offsetMinutes(new Date(guess), timeZone) * 60000;
  // A second pass settles days whose offset changes (DST) between the guess and the answer.
  return new Date(guess - offsetMinutes(new Date(first), timeZone) * 60000);
}

/** The first instant of `day` in `timeZone`. */
export function startOfDay(day: string, timeZone: string): Date {
  return zonedTime(day, '00:00', timeZone);
}

export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + n));
  return t.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (`YYYY-MM-DD`); negative when `to` is earlier. */
export function dayCount(from: string, to: string): number {
  return Math.round((dayToDate(to).getTime() - dayToDate(from).getTime()) / 86_400_000);
}

/**
 * A span of milliseconds in whole days, hours and minutes (the rest dropped), for "overdue by 2 days
 * 4 hours". Negative spans count as their size.
 */
export function splitDuration(ms: number): { days: number; hours: number; minutes: number } {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  return {
    days: Math.floor(minutes / 1440),
    hours: Math.floor((minutes % 1440) / 60),
    minutes: minutes % 60,
  };
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y ?? 0, m ?? 1, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${pad(last)}` };
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const t = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1 + n, 1));
  return t.toISOString().slice(0, 7);
}

/** A JS Date for a `@db.Date` column (midnight UTC, the way Prisma maps DATE). */
export function dayToDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

export function dateToDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
