// The churn register's taxonomy (docs/rules.md#r-churn-1-churn-reasons): four fixed categories, each
// with the sub-reasons an organisation starts with and then edits as its own, and the department
// that answers for each category by default.
import type {
  CHURN_CATEGORIES,
  CHURN_EVIDENCE_KINDS,
  CHURN_STAGES,
  CUSTOMER_EVENT_KINDS,
} from '@huifang/contracts/values';
import { addDays, dayCount } from './time.ts';

export type ChurnCategory = (typeof CHURN_CATEGORIES)[number];

export interface DefaultChurnReason {
  category: ChurnCategory;
  /** stable key of a shipped reason */
  code: string;
  label: string;
  labelEn: string;
}

/** Seed 002 三.2 分類總結 "將客戶流失原因歸納為市場、教學、服務、硬件等幾大類,并進一步細分具體原因". */
export const DEFAULT_CHURN_REASONS: readonly DefaultChurnReason[] = [
  { category: 'MARKET', code: 'PRICE', label: '价格', labelEn: 'Price' },
  { category: 'MARKET', code: 'COMPETITOR', label: '竞争对手', labelEn: 'Competitor' },
  { category: 'MARKET', code: 'PROMOTION', label: '推广与营销', labelEn: 'Promotion' },
  { category: 'TEACHING', code: 'TEACHER_QUALITY', label: '教师水平', labelEn: 'Teacher quality' },
  { category: 'TEACHING', code: 'CONTENT', label: '课程内容', labelEn: 'Course content' },
  { category: 'TEACHING', code: 'SCHEDULE', label: '课程安排', labelEn: 'Schedule' },
  { category: 'TEACHING', code: 'RESULTS', label: '学习效果', labelEn: 'Results' },
  { category: 'SERVICE', code: 'ATTITUDE', label: '服务态度', labelEn: 'Attitude' },
  { category: 'SERVICE', code: 'RESPONSE_TIME', label: '响应速度', labelEn: 'Response time' },
  { category: 'SERVICE', code: 'COMPLAINT_HANDLING', label: '投诉处理', labelEn: 'Complaint handling' },
  { category: 'FACILITY', code: 'ENVIRONMENT', label: '学习环境', labelEn: 'Environment' },
  { category: 'FACILITY', code: 'EQUIPMENT', label: '设施设备', labelEn: 'Equipment' },
  { category: 'FACILITY', code: 'SAFETY', label: '安全', labelEn: 'Safety' },
  { category: 'FACILITY', code: 'LOCATION', label: '地点交通', labelEn: 'Location' },
];

/**
 * The department kind that answers for a category (seed 002 三.1: 市場部門 collects the conversion
 * failures, 教學部門 the teaching ones, 客服部門 complaints and refunds, 行政部門 environment and safety).
 */
export const CHURN_CATEGORY_DEPARTMENT = {
  MARKET: 'MARKET',
  TEACHING: 'TEACHING',
  SERVICE: 'SERVICE',
  FACILITY: 'ADMIN',
} as const satisfies Record<ChurnCategory, string>;

// ---------------------------------------------------------------------------------------------
// Suggestions from evidence (docs/rules.md#r-churn-3-suggestions-from-evidence): the system proposes
// a case when a record, an event or a ticket shows a customer leaving; a person confirms or dismisses
// it. The SQL of apps/api/src/modules/churn/suggest.ts applies these same rules set-based, with these
// constants.

export type ChurnStage = (typeof CHURN_STAGES)[number];
export type ChurnEvidenceKind = (typeof CHURN_EVIDENCE_KINDS)[number];

/** A completed visit rated at or below this (of 5) suggests the customer is leaving. */
export const CHURN_LOW_SATISFACTION_MAX = 2;
/** A closed complaint followed by no attendance for this many days suggests the customer has left. */
export const CHURN_COMPLAINT_QUIET_DAYS = 30;
/**
 * A customer with a confirmed case of a stage is not suggested (nor recorded) again for that stage
 * within this many days of it, before or after.
 */
export const CHURN_REPEAT_WINDOW_DAYS = 90;
/** A win-back visit is due within this many days unless another day is picked. */
export const CHURN_WIN_BACK_DAYS = 7;
/** The purpose of a win-back visit's task (挽回). */
export const CHURN_WIN_BACK_PURPOSE = '挽回';

/** The customer events that count as attendance after a complaint (besides a completed visit). */
export const CHURN_ATTENDANCE_EVENT_KINDS = [
  'ENROLLED',
  'COURSE_STARTED',
  'COURSE_COMPLETED',
] as const satisfies readonly (typeof CUSTOMER_EVENT_KINDS)[number][];

/** The stage each kind of evidence suggests. */
export const CHURN_EVIDENCE_STAGE = {
  DECLINED_VISIT: 'DROPPED_OUT',
  REFUND_EVENT: 'REFUNDED',
  LOW_SATISFACTION: 'DROPPED_OUT',
  COMPLAINT_NO_ATTENDANCE: 'DROPPED_OUT',
} as const satisfies Record<ChurnEvidenceKind, ChurnStage>;

/** The category a closed ticket's category suggests (a complaint about a caller is a service matter). */
export const CHURN_TICKET_CATEGORY: Record<string, ChurnCategory | null> = {
  TEACHING: 'TEACHING',
  SERVICE: 'SERVICE',
  MARKET: 'MARKET',
  FACILITY: 'FACILITY',
  CALLER_CONDUCT: 'SERVICE',
  OTHER: null,
};

/** `<kind>:<id>`: one suggestion per piece of evidence, however often the suggester runs. */
export function churnDedupeKey(kind: ChurnEvidenceKind, evidenceId: string): string {
  return `${kind}:${evidenceId}`;
}

const hasText = (s: string | null | undefined) => !!s && s.trim().length > 0;

/** A visit the customer declined, with the reason they gave (opinions or suggestions written down). */
export function isDeclinedWithReason(v: {
  outcome: string;
  opinions: string | null;
  suggestions: string | null;
}): boolean {
  return v.outcome === 'DECLINED' && (hasText(v.opinions) || hasText(v.suggestions));
}

/** A completed visit rated at or below CHURN_LOW_SATISFACTION_MAX (an unrated one says nothing). */
export function isChurnLowSatisfaction(v: { outcome: string; satisfaction: number | null }): boolean {
  return v.outcome === 'COMPLETED' && v.satisfaction !== null && v.satisfaction <= CHURN_LOW_SATISFACTION_MAX;
}

/** A refund the customer received (an event not cancelled). */
export function isRefund(e: { kind: string; cancelled: boolean }): boolean {
  return e.kind === 'REFUND' && !e.cancelled;
}

/**
 * The kinds of evidence a visit just logged can be (with the event told in it, if any): what is
 * looked for right after it, for its customer (docs/rules.md#r-churn-3-suggestions-from-evidence).
 * A complaint without attendance is judged at its deadline, never by a visit: the hourly run finds
 * it, and any evidence of the customer's a run after a visit would have missed.
 */
export function evidenceKindsOfVisit(v: {
  outcome: string;
  satisfaction: number | null;
  opinions: string | null;
  suggestions: string | null;
  event?: { kind: string } | null;
}): ChurnEvidenceKind[] {
  const kinds: ChurnEvidenceKind[] = [];
  if (isDeclinedWithReason(v)) kinds.push('DECLINED_VISIT');
  if (isChurnLowSatisfaction(v)) kinds.push('LOW_SATISFACTION');
  if (v.event && isRefund({ kind: v.event.kind, cancelled: false })) kinds.push('REFUND_EVENT');
  return kinds;
}

/** The instant a closed complaint is judged at: CHURN_COMPLAINT_QUIET_DAYS whole days after it closed. */
export function complaintDeadline(closedAt: Date): Date {
  return new Date(closedAt.getTime() + CHURN_COMPLAINT_QUIET_DAYS * 86_400_000);
}

/**
 * A closed complaint followed by no attendance: judged once its deadline has come (deadline ≤ now),
 * never before, on what happened between its closing and the deadline — an attendance event on a
 * day from the closing day to the deadline's day, or a completed visit in between.
 */
export function isComplaintWithoutAttendance(t: {
  closedAt: Date;
  /** the closing day and the deadline's day in the organisation's timezone */
  closedDay: string;
  deadlineDay: string;
  now: Date;
  attendanceDays: readonly string[];
  completedVisitsAt: readonly Date[];
}): boolean {
  const deadline = complaintDeadline(t.closedAt);
  if (deadline.getTime() > t.now.getTime()) return false;
  if (t.attendanceDays.some((d) => d >= t.closedDay && d <= t.deadlineDay)) return false;
  return !t.completedVisitsAt.some(
    (at) => at.getTime() > t.closedAt.getTime() && at.getTime() <= deadline.getTime(),
  );
}

/** Whether two days of one customer's cases of one stage are within CHURN_REPEAT_WINDOW_DAYS of each other. */
export function withinRepeatWindow(a: string, b: string): boolean {
  return Math.abs(dayCount(a, b)) < CHURN_REPEAT_WINDOW_DAYS;
}

/** The first and last day (both included) a repeat of a case on `day` is refused in. */
export function repeatWindow(day: string): { from: string; to: string } {
  return { from: addDays(day, 1 - CHURN_REPEAT_WINDOW_DAYS), to: addDays(day, CHURN_REPEAT_WINDOW_DAYS - 1) };
}

/**
 * Whether the evidence becomes a suggestion: not when one was made from it before (whatever became
 * of it: a dismissed suggestion never comes back), nor when the customer already has a confirmed
 * case of that stage within CHURN_REPEAT_WINDOW_DAYS of its day.
 */
export function shouldSuggest(s: {
  dedupeKey: string;
  existingKeys: ReadonlySet<string>;
  day: string;
  stage: ChurnStage;
  confirmed: readonly { stage: string | null; day: string }[];
}): boolean {
  if (s.existingKeys.has(s.dedupeKey)) return false;
  return !s.confirmed.some((c) => c.stage === s.stage && withinRepeatWindow(c.day, s.day));
}
