import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

let orgTimezone = 'Asia/Shanghai';
let warmed: string | undefined;
export function setOrgTimezone(tz: string) {
  orgTimezone = tz;
  if (warmed === tz) return;
  warmed = tz;
  // The browser's first date in a timezone loads that zone's data (tens of milliseconds on the main
  // thread); done while the page waits for its data, not while it renders (docs/performance.md#web).
  whenIdle(() => void dayjs().tz(tz));
}
function whenIdle(fn: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 1000 });
  else setTimeout(fn, 0);
}
export function getOrgTimezone() {
  return orgTimezone;
}

/** Instants are shown in the organisation's timezone, whatever the browser's. */
export function formatDateTime(value: string | Date | null | undefined): string {
  return value ? dayjs(value).tz(orgTimezone).format('YYYY-MM-DD HH:mm') : '--';
}
export function formatTime(value: string | Date | null | undefined): string {
  return value ? dayjs(value).tz(orgTimezone).format('HH:mm') : '--';
}
/** Calendar days (`YYYY-MM-DD` from the API) are shown as they are. */
export function formatDay(value: string | null | undefined): string {
  return value ? value.slice(0, 10) : '--';
}
export function todayInOrg(): string {
  return dayjs().tz(orgTimezone).format('YYYY-MM-DD');
}
export function monthInOrg(offset = 0): string {
  return dayjs().tz(orgTimezone).add(offset, 'month').format('YYYY-MM');
}
export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '--';
  return n.toLocaleString(undefined, { minimumFractionDigits: digits, maximumFractionDigits: digits });
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
