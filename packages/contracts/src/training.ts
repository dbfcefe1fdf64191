// Contracts of training (docs/rules.md#r-trn-1-training-plans-and-sessions): the year's
// plans, sessions with their attendance, test scores and the attendees' evaluation, and the
// retraining assignments a failed pass rate makes (R-TRN-2 … R-TRN-4).
import { z } from 'zod';
import { ZRealDay } from './customers.ts';
import { ZMonth } from './enums.ts';
import {
  TRAINING_ASSIGNMENT_STATUSES,
  TRAINING_MAX_DAYS,
  TRAINING_MAX_SCORE,
  TRAINING_TOPICS,
} from './values.ts';

const int = z.number().int();
const text = (max: number) => z.string().trim().min(1).max(max);

export const ZTrainingTopic = z.enum(TRAINING_TOPICS);
export type TTrainingTopic = z.infer<typeof ZTrainingTopic>;
export const ZTrainingAssignmentStatus = z.enum(TRAINING_ASSIGNMENT_STATUSES);
export type TTrainingAssignmentStatus = z.infer<typeof ZTrainingAssignmentStatus>;

export const ZTrainingPlanCreate = z.object({
  year: int.min(2000).max(2199),
  title: text(200),
  goals: z.string().trim().max(4000).nullish(),
});
export type TTrainingPlanCreate = z.infer<typeof ZTrainingPlanCreate>;

export const ZTrainingPlan = z.object({
  id: z.string(),
  year: int,
  title: z.string(),
  goals: z.string().nullable(),
  sessionCount: int,
  createdAt: z.string(),
});
export type TTrainingPlan = z.infer<typeof ZTrainingPlan>;

export const ZTrainingPlanListQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2199).optional(),
});
export const ZTrainingPlanList = z.object({
  items: z.array(ZTrainingPlan),
  can: z.object({ write: z.boolean() }),
});
export type TTrainingPlanList = z.infer<typeof ZTrainingPlanList>;

export const ZTrainingSessionCreate = z.object({
  planId: z.uuid().nullish(),
  topic: ZTrainingTopic,
  title: text(200),
  day: ZRealDay,
  trainer: text(100),
  durationDays: int.min(1).max(TRAINING_MAX_DAYS),
  passMark: int.min(0).max(TRAINING_MAX_SCORE),
  /** retraining assignments to put on this session (R-TRN-2) */
  assignmentIds: z.array(z.uuid()).max(200).optional(),
});
export type TTrainingSessionCreate = z.infer<typeof ZTrainingSessionCreate>;

export const ZTrainingAttendance = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  daysAttended: int,
  score: int.nullable(),
  passed: z.boolean().nullable(),
  evaluationRating: int.nullable(),
  evaluationComment: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  /** the retraining assignment this attendance serves, if any */
  assignmentId: z.string().nullable(),
  version: int,
});
export type TTrainingAttendance = z.infer<typeof ZTrainingAttendance>;

export const ZTrainingSession = z.object({
  id: z.string(),
  planId: z.string().nullable(),
  topic: ZTrainingTopic,
  title: z.string(),
  day: z.string(),
  trainer: z.string(),
  durationDays: int,
  passMark: int,
  /** everyone's for staff; a caller sees their own row only */
  attendance: z.array(ZTrainingAttendance),
  /** the mean of the attendees' ratings, hundredths; null without any */
  meanRatingHundredths: int.nullable(),
});
export type TTrainingSession = z.infer<typeof ZTrainingSession>;

export const ZTrainingAssignment = z.object({
  id: z.string(),
  userId: z.string(),
  userName: z.string(),
  /** the month whose pass rate failed */
  month: ZMonth,
  itemId: z.string(),
  sessionId: z.string().nullable(),
  status: ZTrainingAssignmentStatus,
  recheckMonth: z.string().nullable(),
});
export type TTrainingAssignment = z.infer<typeof ZTrainingAssignment>;

export const ZTrainingSessionListQuery = z.object({
  planId: z.uuid().optional(),
  from: ZRealDay.optional(),
  to: ZRealDay.optional(),
});
export const ZTrainingSessionList = z.object({
  items: z.array(ZTrainingSession),
  /** staff: every assignment; a caller: their own */
  assignments: z.array(ZTrainingAssignment),
  /** who may be put on a session (staff only; empty for a caller) */
  people: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  can: z.object({ write: z.boolean(), record: z.boolean() }),
});
export type TTrainingSessionList = z.infer<typeof ZTrainingSessionList>;

/**
 * POST /training-sessions/{id}/attendance: staff record a person's days and score (enrolling them
 * when new); the attendee evaluates the session (rating, comment) for themselves.
 */
export const ZTrainingAttendanceWrite = z
  .object({
    userId: z.uuid().optional(),
    daysAttended: int.min(0).max(TRAINING_MAX_DAYS).optional(),
    score: int.min(0).max(TRAINING_MAX_SCORE).nullish(),
    evaluationRating: int.min(1).max(5).optional(),
    evaluationComment: z.string().trim().max(2000).nullish(),
    /** the row's version when changing it (409 when stale) */
    version: int.min(1).optional(),
  })
  .refine(
    (v) =>
      v.daysAttended !== undefined ||
      v.score !== undefined ||
      v.evaluationRating !== undefined ||
      v.userId !== undefined,
    { message: 'nothing to record', path: ['userId'] },
  );
export type TTrainingAttendanceWrite = z.infer<typeof ZTrainingAttendanceWrite>;
