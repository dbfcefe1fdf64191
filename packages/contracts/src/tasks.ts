// Contracts of the tasks module: request and response schemas shared by the API and the web app.
import { z } from 'zod';
import { ZTaskAssignmentEntry } from './board.ts';
import { type TTaskStatus, ZChannel, ZMonth, ZSegment, ZTaskStatus, ZTier } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { ZQuestionnaire } from './questionnaires.ts';
import { TASK_BUCKETS, TASK_STATUSES } from './values.ts';
import { ZPerson, ZVisitRecord, ZVisitSummary } from './visits.ts';

export const ZTaskBucket = z.enum(TASK_BUCKETS);
export type TTaskBucket = z.infer<typeof ZTaskBucket>;

export const TASK_SORTS = ['dueDate', '-dueDate', 'callBackAt', '-lastAttemptAt'] as const;
export const ZTaskSort = z.enum(TASK_SORTS);

const STATUS_LIST = new RegExp(`^(${TASK_STATUSES.join('|')})(,(${TASK_STATUSES.join('|')}))*$`);

/** The statuses of a `status` query parameter, whichever way they were given. */
export function parseStatusParam(value: string | readonly string[] | undefined): TTaskStatus[] | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? value.split(',') : value;
  return [...new Set(list)] as TTaskStatus[];
}

/** `me` or a user id */
export const ZAssigneeParam = z.union([z.literal('me'), z.uuid()]);

export const ZTaskListQuery = ZPageQuery.extend({
  /** `me` or a user id; a caller may only ask for their own tasks (and gets them by default) */
  assignee: ZAssigneeParam.optional(),
  /** one status, several (`status=A&status=B`) or a comma-separated list */
  status: z
    .union([z.array(ZTaskStatus).min(1), z.string().regex(STATUS_LIST, 'expected task statuses')])
    .optional(),
  /** YYYY-MM of the due date */
  month: ZMonth.optional(),
  bucket: ZTaskBucket.optional(),
  customerId: z.uuid().optional(),
  teamId: z.uuid().optional(),
  /** dueDate (default), -dueDate, callBackAt (default of the callback bucket), -lastAttemptAt */
  sort: ZTaskSort.optional(),
});
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;

export const ZTaskCustomer = z.object({
  id: z.string(),
  name: z.string(),
  /** masked in lists */
  phone: z.string(),
  segment: ZSegment,
  tier: ZTier,
  preferredChannel: ZChannel.nullable(),
  preferredTimeFrom: z.string().nullable(),
  preferredTimeTo: z.string().nullable(),
});

/** What every view of a task shows. */
const ZTaskCore = z.object({
  id: z.string(),
  status: ZTaskStatus,
  purpose: z.string(),
  channel: ZChannel,
  dueDate: z.string(),
  windowFrom: z.string(),
  windowTo: z.string(),
  attempts: z.number().int(),
  callBackAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  version: ZVersion,
});

export const ZTaskListItem = ZTaskCore.extend({
  customer: ZTaskCustomer,
  assignee: ZPerson,
});
export type TTaskListItem = z.infer<typeof ZTaskListItem>;

export const ZTaskSummaryQuery = z.object({ assignee: ZAssigneeParam.optional() });

/** The workbench tiles. The month is the current one in the organisation's timezone. */
export const ZTaskSummary = z.object({
  today: z.number().int(),
  overdue: z.number().int(),
  callback: z.number().int(),
  upcoming: z.number().int(),
  /** tasks due this month that are DONE or UNREACHABLE */
  doneThisMonth: z.number().int(),
  /** tasks due this month, CANCELLED excluded */
  assignedThisMonth: z.number().int(),
  /**
   * What 开始回访 opens: the most urgent task that can be worked now — a call-back that has come due,
   * then the oldest overdue, then today's by due date (docs/rules.md R-TASK-3); null when none.
   */
  nextTaskId: z.string().nullable(),
});
export type TTaskSummary = z.infer<typeof ZTaskSummary>;

/** GET /tasks/:id — everything the visit screen shows. */
export const ZTaskDetail = ZTaskCore.extend({
  doneAt: z.string().nullable(),
  createdAt: z.string(),
  planId: z.string().nullable(),
  assignee: ZPerson,
  customer: z.object({
    id: z.string(),
    name: z.string(),
    /** in full only for the assignee of an open task (and then audited) */
    phone: z.string(),
    email: z.string().nullable(),
    contactMasked: z.boolean(),
    segment: ZSegment,
    tier: ZTier,
    programme: z.string().nullable(),
    enrolledAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    lastVisitAt: z.string().nullable(),
  }),
  consent: z.object({
    refusesVisits: z.boolean(),
    refusedAt: z.string().nullable(),
    /** visits paused since (a confirmed abuse report: docs/rules.md#r-disc-2-customer-abuse-reports); no visit can be logged */
    visitsPausedAt: z.string().nullable(),
    preferredChannel: ZChannel.nullable(),
    preferredTimeFrom: z.string().nullable(),
    preferredTimeTo: z.string().nullable(),
    consentNote: z.string().nullable(),
  }),
  questionnaire: ZQuestionnaire.nullable(),
  /** this customer's visits, newest first */
  history: z.array(ZVisitSummary),
  /** this task's records, oldest first, with their amendments */
  records: z.array(ZVisitRecord),
  /** assignment history (the shape of the board's GET /tasks/:id/assignments) */
  assignments: z.array(ZTaskAssignmentEntry),
  /** the assignee's next open task in queue order, for "save and next" */
  nextTaskId: z.string().nullable(),
});
export type TTaskDetail = z.infer<typeof ZTaskDetail>;
