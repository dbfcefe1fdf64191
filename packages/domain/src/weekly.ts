// The weekly figures of the cadence rules (docs/rules.md#r-cad-9-weekly-figures, seed 003
// "美容医院每周对回访数据进行统计、分析") and whose completion a task counts in
// (docs/rules.md#r-kpi-13-what-counts-toward-completion-and-satisfaction). Pure: days and counts are
// handed in.
import { ratio } from './report-math.ts';
import { addDays } from './time.ts';

const WEEK_RE = /^(\d{4})-W(\d{2})$/;

/** ISO weekday (1 = Monday … 7 = Sunday) of a `YYYY-MM-DD` day. */
function weekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const daysFrom = (a: string, b: string): number =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;

/** The Monday of ISO week 1 of `year`: the week holding the year's first Thursday (4 January). */
function week1Monday(year: number): string {
  const jan4 = `${String(year).padStart(4, '0')}-01-04`;
  return addDays(jan4, 1 - weekday(jan4));
}

/** The ISO weeks of a year: 53 when it starts on a Thursday, or a leap year starting on a Wednesday. */
export function isoWeeksInYear(year: number): number {
  return daysFrom(week1Monday(year), week1Monday(year + 1)) / 7;
}

/** The ISO week (`YYYY-Www`) a day falls in: 2027-01-01 is in 2026-W53, 2024-12-30 in 2025-W01. */
export function isoWeekOf(day: string): string {
  const thursday = addDays(day, 4 - weekday(day));
  const year = Number(thursday.slice(0, 4));
  const n = Math.floor(daysFrom(week1Monday(year), thursday) / 7) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/** Monday and Sunday of an ISO week, or null when it is not one (`2025-W53`, `2026-W00`, `2026-49`). */
export function isoWeekBounds(week: string): { first: string; last: string } | null {
  const m = WEEK_RE.exec(week);
  if (!m) return null;
  const year = Number(m[1]);
  const n = Number(m[2]);
  if (year < 1970 || n < 1 || n > isoWeeksInYear(year)) return null;
  const first = addDays(week1Monday(year), (n - 1) * 7);
  return { first, last: addDays(first, 6) };
}

/** The week `n` weeks after (before, when negative) a valid ISO week. */
export function addWeeks(week: string, n: number): string {
  const b = isoWeekBounds(week);
  if (!b) throw new RangeError(`not an ISO week: ${week}`);
  return isoWeekOf(addDays(b.first, n * 7));
}

/**
 * 线上回复率: links answered ÷ links sent of a week, as counts and basis points (`bp` null when none
 * was sent). A link counts in the week it was sent; answered means answered, whenever.
 */
export function onlineResponseRate(answered: number, sent: number) {
  return ratio(answered, sent);
}

/**
 * Whether a task counts toward its assignee's completion (assigned, done, on time). Every task does —
 * one a cadence rule made (no plan) exactly like a planned one — except a task finished by the
 * customer's online answer to a survey link someone else sent (the task was reassigned after the
 * link went out): the assignee did not do it, so it counts for them neither as done nor as assigned.
 * The answer itself (its satisfaction, the record) is the sender's, as every record is its caller's.
 * `answeredLinkSentById`: the sender of the task's answered survey link, null when none was answered.
 * Mirrored in SQL by `SQL_CREDITED_TASK` (apps/api/src/db/rule-sql.ts).
 */
export function countsForAssignee(task: {
  assigneeId: string;
  answeredLinkSentById: string | null;
}): boolean {
  return task.answeredLinkSentById === null || task.answeredLinkSentById === task.assigneeId;
}
