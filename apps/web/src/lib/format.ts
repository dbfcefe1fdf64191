let orgTimezone = 'Asia/Shanghai';
let warmed: string | undefined;
export function setOrgTimezone(tz: string) {
  orgTimezone = tz;
  if (warmed === tz) return;
  warmed = tz;
  // The browser's first formatter in a timezone loads that zone's data (tens of milliseconds on the
  // main thread); done while the page waits for its data, not while it renders (docs/performance.md#web).
  whenIdle(() => void wallFormat(tz));
}
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1000 });
  else setTimeout(fn, 0);
}
export function getOrgTimezone() {
  return orgTimezone;
}

// One Intl formatter per timezone, made once: a table of instants formats each cell with it instead
// of building a formatter per value (dayjs' tz() does, and it was the largest single cost of a plan
// page's first render — docs/performance.md#web).
const wallFormats = new Map<string, Intl.DateTimeFormat>();
function wallFormat(tz: string): Intl.DateTimeFormat {
  let f = wallFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    wallFormats.set(tz, f);
  }
  return f;
}
interface Wall {
  year: string;
  month: string;
  day: string;
  hour: string;
  minute: string;
}
/** The wall-clock fields of an instant in a timezone. */
export function wallClock(value: string | number | Date, tz: string = orgTimezone): Wall | null {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const w: Wall = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const part of wallFormat(tz).formatToParts(date)) {
    if (part.type in w) w[part.type as keyof Wall] = part.value;
  }
  return w;
}

/** Instants are shown in the organisation's timezone, whatever the browser's. */
export function formatDateTime(value: string | Date | null | undefined): string {
  const w = value ? wallClock(value) : null;
  return w ? `${w.year}-${w.month}-${w.day} ${w.hour}:${w.minute}` : '--';
}
export function formatTime(value: string | Date | null | undefined): string {
  const w = value ? wallClock(value) : null;
  return w ? `${w.hour}:${w.minute}` : '--';
}
/** Calendar days (`YYYY-MM-DD` from the API) are shown as they are. */
export function formatDay(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '--';
}
export function todayInOrg(): string {
  const w = wallClock(Date.now()) as Wall;
  return `${w.year}-${w.month}-${w.day}`;
}
export function monthInOrg(offset = 0): string {
  const w = wallClock(Date.now()) as Wall;
  const index = Number(w.year) * 12 + Number(w.month) - 1 + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
const numberFormats = new Map<number, Intl.NumberFormat>();
export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '--';
  let f = numberFormats.get(digits);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    numberFormats.set(digits, f);
  }
  return f.format(n);
}
export function formatPercent(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '--';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** A list's total under its pagination: "共 120 条", or "超过 10000 条" when the count stopped at its cap (docs/api.md#pagination). */
export function pageTotal(
  t: (key: string, o: { count: number }) => string,
  total: number,
  more?: boolean,
): string {
  return t(more ? 'common:totalAtLeast' : 'common:total', { count: total });
}
