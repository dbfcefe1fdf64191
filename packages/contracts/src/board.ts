// Contracts of the lead's task board and of task reassignment (shared by the API and the web app).
import { z } from 'zod';
import { ZMonth, ZTaskStatus } from './enums.ts';
import { ZVersion } from './numbers.ts';

export const ZBoardQuery = z.object({
  /** defaults to the current month in the organisation's timezone */
  month: ZMonth.optional(),
  /** defaults to the caller's own team (a LEAD); required for users without a team */
  teamId: z.uuid().optional(),
});
export type TBoardQuery = z.infer<typeof ZBoardQuery>;

/**
 * One caller's month: the tasks whose due date falls in the month (docs/rules.md#r-kpi-1-the-month-of-a-caller).
 * - assigned: all but CANCELLED
 * - done: closed as DONE or UNREACHABLE (docs/rules.md#r-kpi-2-completion-rate: completion = done ÷ assigned)
 * - open: PENDING or IN_PROGRESS (assigned = done + open)
 * - overdue: open with a due date before today (organisation timezone)
 * - unreachable: closed as UNREACHABLE (a part of done)
 * - callback: open with a call-back time set
 */
export const ZBoardFigures = z.object({
  assigned: z.number().int(),
  done: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  unreachable: z.number().int(),
  callback: z.number().int(),
});
export type TBoardFigures = z.infer<typeof ZBoardFigures>;

export const ZBoardCaller = ZBoardFigures.extend({
  callerId: z.string(),
  name: z.string(),
  active: z.boolean(),
});
export type TBoardCaller = z.infer<typeof ZBoardCaller>;

export const ZBoard = z.object({
  month: ZMonth,
  /** today in the organisation's timezone, the reference of `overdue` */
  today: z.string(),
  team: z.object({ id: z.string(), name: z.string() }),
  callers: z.array(ZBoardCaller),
  totals: ZBoardFigures,
});
export type TBoard = z.infer<typeof ZBoard>;

export const ZTaskReassign = z.object({
  assigneeId: z.uuid(),
  reason: z.string().trim().max(500).nullish(),
  /** the task's version as the client saw it; stale → 409 STALE_VERSION */
  version: ZVersion.optional(),
});
export type TTaskReassign = z.infer<typeof ZTaskReassign>;

export const ZTaskReassigned = z.object({
  id: z.string(),
  assigneeId: z.string(),
  status: ZTaskStatus,
  version: ZVersion,
});
export type TTaskReassigned = z.infer<typeof ZTaskReassigned>;

export const BULK_REASSIGN_MAX = 500;

export const ZBulkReassign = z.object({
  taskIds: z.array(z.uuid()).min(1).max(BULK_REASSIGN_MAX),
  assigneeId: z.uuid(),
  reason: z.string().trim().max(500).nullish(),
});
export type TBulkReassign = z.infer<typeof ZBulkReassign>;

export const ZBulkReassigned = z.object({
  /** tasks moved to the new caller */
  reassigned: z.number().int(),
  /** tasks that already belonged to the new caller (left as they were) */
  unchanged: z.number().int(),
  items: z.array(ZTaskReassigned),
});
export type TBulkReassigned = z.infer<typeof ZBulkReassigned>;

const ZUserRef = z.object({ id: z.string(), name: z.string() });

export const ZTaskAssignmentEntry = z.object({
  id: z.string(),
  /** null for the first assignment (plan approval) */
  fromUser: ZUserRef.nullable(),
  toUser: ZUserRef,
  byUser: ZUserRef,
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export type TTaskAssignmentEntry = z.infer<typeof ZTaskAssignmentEntry>;
export const ZTaskAssignmentList = z.object({ items: z.array(ZTaskAssignmentEntry) });
