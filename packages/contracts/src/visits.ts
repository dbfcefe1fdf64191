// Contracts of the visits module: request and response schemas shared by the API and the web app.
import { z } from 'zod';
import { ZCustomerEventKind } from './customer-events.ts';
import { ZRealDay } from './customers.ts';
import { ZChannel, ZMonth, ZSegment, ZTaskStatus, ZTicketStatus, ZTier, ZVisitOutcome } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { ZTicketCategory, ZTicketSeverity } from './policy.ts';
import { ZAnswer, ZStoredAnswer } from './questionnaires.ts';

const ZInstant = z.iso.datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);

/** The header that makes a retried submission return the first record instead of a second one. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * A problem the customer raised during the visit, raised as a ticket (问题工单) with the record in
 * one step (docs/rules.md R-VISIT-5): the ticket's source is the new record.
 */
export const ZVisitTicket = z.object({
  category: ZTicketCategory,
  severity: ZTicketSeverity,
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(4000),
});
export type TVisitTicket = z.infer<typeof ZVisitTicket>;

/** A ticket raised from a record, as the record lists it. */
export const ZVisitTicketRef = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  status: ZTicketStatus,
});
export type TVisitTicketRef = z.infer<typeof ZVisitTicketRef>;

/** POST /tasks/:id/visits — one attempt at a task (回访记录表). */
export const ZVisitCreate = z.object({
  channel: ZChannel,
  outcome: ZVisitOutcome,
  /**
   * when the call/visit started; default now. Never in the future, not before the task was
   * created, at most 48 hours back (422 on `startedAt`). Only shown: the rules count an attempt
   * on the day the server receives it.
   */
  startedAt: ZInstant.optional(),
  durationSec: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .nullish(),
  /** overall satisfaction 1–5, COMPLETED only (checked by the service: 422) */
  satisfaction: z.number().nullish(),
  answers: z.array(ZAnswer).max(100).nullish(),
  opinions: text(2000).nullish(),
  suggestions: text(2000).nullish(),
  recordingRef: text(500).nullish(),
  /** the customer's signature of a face-to-face visit, a PNG data URL */
  signature: z
    .string()
    .max(1_000_000)
    .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, 'expected a PNG data URL')
    .nullish(),
  /** CALL_BACK_LATER only: the agreed time, in the future */
  callBackAt: ZInstant.nullish(),
  /** a ticket for the problem the customer raised, saved with the record (not after NO_ANSWER / WRONG_NUMBER) */
  ticket: ZVisitTicket.nullish(),
  /**
   * what the customer told of in a completed visit (they enrolled, finished a course, asked for a
   * refund …), saved with the record as their event (docs/rules.md#r-evt-1-customer-events)
   */
  event: z.strictObject({ kind: ZCustomerEventKind, day: ZRealDay }).nullish(),
});
export type TVisitCreate = z.infer<typeof ZVisitCreate>;

export const ZPerson = z.object({ id: z.string(), name: z.string() });
export type TPerson = z.infer<typeof ZPerson>;

/** The values of a record that amendments may change. */
export const AMENDABLE_FIELDS = [
  'satisfaction',
  'answers',
  'opinions',
  'suggestions',
  'recordingRef',
  'durationSec',
] as const;
export type TAmendableField = (typeof AMENDABLE_FIELDS)[number];

export const ZVisitAmendment = z.object({
  id: z.string(),
  author: ZPerson,
  reason: z.string(),
  /** { field: { before, after } } */
  changes: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  createdAt: z.string(),
});
export type TVisitAmendment = z.infer<typeof ZVisitAmendment>;

/** A record with its current values (after amendments). */
export const ZVisitRecord = z.object({
  id: z.string(),
  taskId: z.string(),
  customerId: z.string(),
  caller: ZPerson,
  startedAt: z.string(),
  durationSec: z.number().int().nullable(),
  channel: ZChannel,
  outcome: ZVisitOutcome,
  satisfaction: z.number().int().nullable(),
  questionnaireId: z.string().nullable(),
  questionnaireVersion: z.number().int().nullable(),
  answers: z.array(ZStoredAnswer),
  opinions: z.string().nullable(),
  suggestions: z.string().nullable(),
  recordingRef: z.string().nullable(),
  signature: z.string().nullable(),
  callBackAt: z.string().nullable(),
  amendmentCount: z.number().int(),
  /** the lead's sign-off (组长审核, R-CHAIN-5): null while it waits; a sent-back record carries the comment */
  signOffStatus: z.enum(['SIGNED_OFF', 'SENT_BACK']).nullable(),
  signOffComment: z.string().nullable(),
  version: ZVersion,
  createdAt: z.string(),
  amendments: z.array(ZVisitAmendment),
  /** the tickets raised from this record (问题工单), oldest first */
  tickets: z.array(ZVisitTicketRef),
});
export type TVisitRecord = z.infer<typeof ZVisitRecord>;

/** POST /tasks/:id/visits answers the record and the task as it is now. */
export const ZVisitCreated = z.object({
  visit: ZVisitRecord,
  task: z.object({
    id: z.string(),
    status: ZTaskStatus,
    attempts: z.number().int(),
    callBackAt: z.string().nullable(),
    version: ZVersion,
  }),
});
export type TVisitCreated = z.infer<typeof ZVisitCreated>;

/** A line of a visit history (a customer's or a list). */
export const ZVisitSummary = z.object({
  id: z.string(),
  taskId: z.string(),
  caller: ZPerson,
  customer: z.object({ id: z.string(), name: z.string() }),
  purpose: z.string(),
  startedAt: z.string(),
  durationSec: z.number().int().nullable(),
  channel: ZChannel,
  outcome: ZVisitOutcome,
  satisfaction: z.number().int().nullable(),
  opinions: z.string().nullable(),
  suggestions: z.string().nullable(),
  callBackAt: z.string().nullable(),
  amendmentCount: z.number().int(),
});
export type TVisitSummary = z.infer<typeof ZVisitSummary>;

export const ZVisitListQuery = ZPageQuery.extend({
  customerId: z.uuid().optional(),
  callerId: z.uuid().optional(),
  taskId: z.uuid().optional(),
  outcome: ZVisitOutcome.optional(),
  /** YYYY-MM of startedAt in the organisation's timezone */
  month: ZMonth.optional(),
});
export type TVisitListQuery = z.infer<typeof ZVisitListQuery>;

/** GET /visits/:id — current values, the values as submitted and the amendments in between. */
export const ZVisitDetail = ZVisitRecord.extend({
  original: z.record(z.string(), z.unknown()),
  customer: z.object({
    id: z.string(),
    name: z.string(),
    phone: z.string(),
    segment: ZSegment,
    tier: ZTier,
  }),
  task: z.object({
    id: z.string(),
    status: ZTaskStatus,
    purpose: z.string(),
    dueDate: z.string(),
    assigneeId: z.string(),
  }),
});
export type TVisitDetail = z.infer<typeof ZVisitDetail>;

/**
 * POST /visits/:id/amendments. `changes` is open on purpose: fields that may not be amended
 * (outcome, channel, task…) are refused by the service with a 422 naming them.
 */
export const ZVisitAmendmentCreate = z.object({
  reason: z.string().trim().min(2).max(500),
  changes: z.looseObject({
    satisfaction: z.number().nullish(),
    answers: z.array(ZAnswer).max(100).nullish(),
    opinions: text(2000).nullish(),
    suggestions: text(2000).nullish(),
    recordingRef: text(500).nullish(),
    durationSec: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600)
      .nullish(),
  }),
  version: ZVersion.optional(),
});
export type TVisitAmendmentCreate = z.infer<typeof ZVisitAmendmentCreate>;
