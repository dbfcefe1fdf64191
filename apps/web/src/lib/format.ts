import { addMonths, dayIn, monthIn, timeIn } from '@huifang/domain';

let orgTimezone = 'Asia/Shanghai';
let warmed: string | undefined;
export function setOrgTimezone(tz: string) {
  orgTimezone = tz;
  if (warmed === tz) return;
  warmed = tz;
  // The browser's first formatter in a timezone loads that zone's data (tens of milliseconds on the
  // main thread); done while the page waits for its data, not while it renders (docs/performance.md#web).
  whenIdle(() => void dayIn(new Date(), tz));
}
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1000 });
  else setTimeout(fn, 0);
}
export function getOrgTimezone() {
  return orgTimezone;
}

// Instants are read on the organisation's wall clock with the domain's calendar functions
// (packages/domain/src/time.ts), which keep one Intl formatter per timezone: dayjs' tz() built one
// per value, the largest single cost of a plan page's first render (docs/performance.md#web).
function instant(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Instants are shown in the organisation's timezone, whatever the browser's. */
export function formatDateTime(value: string | Date | null | undefined): string {
  const d = value ? instant(value) : null;
  return d ? `${dayIn(d, orgTimezone)} ${timeIn(d, orgTimezone)}` : '--';
}
export function formatTime(value: string | Date | null | undefined): string {
  const d = value ? instant(value) : null;
  return d ? timeIn(d, orgTimezone) : '--';
}
/** Calendar days (`YYYY-MM-DD` from the API) are shown as they are. */
export function formatDay(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '--';
}
export function todayInOrg(): string {
  return dayIn(new Date(), orgTimezone);
}
export function monthInOrg(offset = 0): string {
  return addMonths(monthIn(new Date(), orgTimezone), offset);
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
