// How a visit attempt moves a task (docs/rules.md#r-task-2-unreachable-rule): every attempt counts; COMPLETED and DECLINED
// finish the task; a task is given up as UNREACHABLE only after ≥ 3 unsuccessful attempts
// (NO_ANSWER or WRONG_NUMBER) on ≥ 2 different days; CALL_BACK_LATER keeps it open with the
// agreed time.
import type { TTaskStatus, TVisitOutcome } from '@huifang/contracts';
import { dayCount } from './time.ts';

export const OPEN_TASK_STATUSES = ['PENDING', 'IN_PROGRESS'] as const satisfies readonly TTaskStatus[];
export const CLOSED_TASK_STATUSES = [
  'DONE',
  'UNREACHABLE',
  'CANCELLED',
] as const satisfies readonly TTaskStatus[];
/** Statuses that count as "done" for the queue and the KPIs (CANCELLED does not). */
export const FINISHED_TASK_STATUSES = ['DONE', 'UNREACHABLE'] as const satisfies readonly TTaskStatus[];

/** Outcomes of an unsuccessful attempt: they count toward UNREACHABLE. */
export const UNSUCCESSFUL_OUTCOMES = [
  'NO_ANSWER',
  'WRONG_NUMBER',
] as const satisfies readonly TVisitOutcome[];

export function isUnsuccessful(outcome: TVisitOutcome): boolean {
  return (UNSUCCESSFUL_OUTCOMES as readonly TVisitOutcome[]).includes(outcome);
}

/** Unsuccessful attempts needed before a task is given up as UNREACHABLE … */
export const UNREACHABLE_MIN_ATTEMPTS = 3;
/** … and the number of different days they must be spread over. */
export const UNREACHABLE_MIN_DAYS = 2;

/** Open: the task is still to be worked (the queue, the one-open-task-per-customer rule). */
export function isTaskOpen(status: TTaskStatus): boolean {
  return (OPEN_TASK_STATUSES as readonly TTaskStatus[]).includes(status);
}

/**
 * How many calendar days an open task is past its due day on `today` (docs/rules.md R-TASK-3):
 * 0 when it is due today or later, or no longer open.
 */
export function daysOverdue(status: TTaskStatus, dueDate: string, today: string): number {
  if (!isTaskOpen(status)) return 0;
  return Math.max(0, dayCount(dueDate.slice(0, 10), today));
}

/** Finished: the task counts as done for the queue and the KPI. */
export function isTaskFinished(status: TTaskStatus): boolean {
  return (FINISHED_TASK_STATUSES as readonly TTaskStatus[]).includes(status);
}

export interface TaskStateBefore {
  status: TTaskStatus;
  attempts: number;
  /**
   * The org-timezone days (`YYYY-MM-DD`) of the task's previous unsuccessful attempts (NO_ANSWER,
   * WRONG_NUMBER), one per attempt. The day is the one the server received the attempt on,
   * never a time the client claims.
   */
  unsuccessfulDays: readonly string[];
}

export interface TaskAttempt {
  outcome: TVisitOutcome;
  /** the org-timezone day of this attempt (the day the server receives it) */
  day: string;
  /** the agreed time of a CALL_BACK_LATER attempt */
  callBackAt?: Date | null;
}

export interface TaskStateAfter {
  status: TTaskStatus;
  attempts: number;
  /** the time to call back, kept only while a CALL_BACK_LATER is pending */
  callBackAt: Date | null;
  /** the task is done (COMPLETED or DECLINED) */
  done: boolean;
  /** the task leaves the queue (done or UNREACHABLE) */
  closes: boolean;
  /** the customer refused visits: their consent changes */
  consentRefused: boolean;
}

export type TaskStateErrorCode = 'TASK_CLOSED' | 'CALL_BACK_TIME_REQUIRED';

export class TaskStateError extends Error {
  constructor(
    readonly code: TaskStateErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TaskStateError';
  }
}

/** The task after one more attempt; throws TaskStateError for a closed task. */
export function nextTaskState(before: TaskStateBefore, attempt: TaskAttempt): TaskStateAfter {
  if (!isTaskOpen(before.status)) {
    throw new TaskStateError('TASK_CLOSED', `task is closed (${before.status})`);
  }
  const attempts = before.attempts + 1;
  const base = { attempts, callBackAt: null, done: false, closes: false, consentRefused: false };
  switch (attempt.outcome) {
    case 'COMPLETED':
      return { ...base, status: 'DONE', done: true, closes: true };
    case 'DECLINED':
      return { ...base, status: 'DONE', done: true, closes: true, consentRefused: true };
    case 'NO_ANSWER':
    case 'WRONG_NUMBER': {
      const days = [...before.unsuccessfulDays, attempt.day];
      const unreachable =
        days.length >= UNREACHABLE_MIN_ATTEMPTS && new Set(days).size >= UNREACHABLE_MIN_DAYS;
      return unreachable
        ? { ...base, status: 'UNREACHABLE', closes: true }
        : { ...base, status: 'IN_PROGRESS' };
    }
    case 'CALL_BACK_LATER': {
      if (!attempt.callBackAt) {
        throw new TaskStateError('CALL_BACK_TIME_REQUIRED', 'a call-back needs the agreed time');
      }
      return { ...base, status: 'IN_PROGRESS', callBackAt: attempt.callBackAt };
    }
  }
}
