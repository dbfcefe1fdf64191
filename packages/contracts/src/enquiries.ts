// Contracts of enquiries and the funnel (docs/product.md#enquiries-and-the-funnel): someone asked
// about a course; followed up until converted into an enrolled customer or closed with a reason.
import { z } from 'zod';
import { ZRealDay } from './customers.ts';
import { ZMonth } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { CHURN_CATEGORIES, ENQUIRY_CHANNELS, ENQUIRY_STATUSES, FUNNEL_STAGES } from './values.ts';

export const ZEnquiryChannel = z.enum(ENQUIRY_CHANNELS);
export type TEnquiryChannel = z.infer<typeof ZEnquiryChannel>;
export const ZEnquiryStatus = z.enum(ENQUIRY_STATUSES);
export type TEnquiryStatus = z.infer<typeof ZEnquiryStatus>;

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const ZEnquiryCreate = z.strictObject({
  name: text(1, 100),
  /** any notation; stored as digits (7–15) */
  phone: z.string().trim().min(1).max(40),
  channel: ZEnquiryChannel,
  course: text(0, 100).optional(),
  /** the day of the enquiry (organisation time), not after today; today when left out */
  day: ZRealDay.optional(),
  /** who follows it up (a user who may write enquiries); the creator when left out */
  handledById: z.uuid().nullish(),
  note: text(0, 1000).optional(),
});
export type TEnquiryCreate = z.input<typeof ZEnquiryCreate>;

export const ZEnquiryPatch = z.strictObject({
  version: ZVersion,
  name: text(1, 100).optional(),
  phone: z.string().trim().min(1).max(40).optional(),
  channel: ZEnquiryChannel.optional(),
  course: text(0, 100).nullish(),
  day: ZRealDay.optional(),
  handledById: z.uuid().nullish(),
  note: text(0, 1000).nullish(),
});
export type TEnquiryPatch = z.input<typeof ZEnquiryPatch>;

export const ZEnquiryFollowUpCreate = z.strictObject({
  note: text(1, 1000),
  /** when to follow up next: today or later */
  nextDay: ZRealDay.nullish(),
});
export type TEnquiryFollowUpCreate = z.input<typeof ZEnquiryFollowUpCreate>;

export const ZEnquiryConvert = z.strictObject({
  version: ZVersion,
  /** the day of enrolment: from the enquiry's day to today; today when left out */
  day: ZRealDay.optional(),
  /** the programme enrolled in; the enquiry's course when left out */
  course: text(1, 100).optional(),
});
export type TEnquiryConvert = z.input<typeof ZEnquiryConvert>;

export const ZEnquiryClose = z
  .strictObject({
    version: ZVersion,
    /** one of the organisation's active churn reasons */
    lostReasonId: z.uuid().optional(),
    note: text(1, 1000).optional(),
  })
  .refine((b) => b.lostReasonId !== undefined || b.note !== undefined, {
    message: 'give a reason, a note, or both',
    path: ['lostReasonId'],
  });
export type TEnquiryClose = z.input<typeof ZEnquiryClose>;

export const ZEnquiryListQuery = ZPageQuery.extend({
  status: ZEnquiryStatus.optional(),
  channel: ZEnquiryChannel.optional(),
  /** enquiries of this month (of their day) */
  month: ZMonth.optional(),
  /** first and last day (both included) */
  from: ZRealDay.optional(),
  to: ZRealDay.optional(),
  /** a user's id, or `me` */
  handledBy: z.union([z.uuid(), z.literal('me')]).optional(),
  /** a fragment of the name */
  q: z.string().trim().max(50).optional(),
});
export type TEnquiryListQuery = z.input<typeof ZEnquiryListQuery>;

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZEnquiryReason = z.object({
  id: z.string(),
  category: z.enum(CHURN_CATEGORIES),
  label: z.string(),
  labelEn: z.string().nullable(),
});
export type TEnquiryReason = z.infer<typeof ZEnquiryReason>;

export const ZEnquiry = z.object({
  id: z.string(),
  number: z.number().int(),
  name: z.string(),
  /** masked unless the user handles the enquiry or may reveal contacts (and then only in the detail) */
  phone: z.string(),
  contactMasked: z.boolean(),
  channel: ZEnquiryChannel,
  course: z.string().nullable(),
  day: z.string(),
  status: ZEnquiryStatus,
  handledBy: ZPerson.nullable(),
  createdBy: ZPerson.nullable(),
  customer: ZPerson.nullable(),
  lostReason: ZEnquiryReason.nullable(),
  lostNote: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  /** the latest follow-up's next day, if any */
  nextFollowUpDay: z.string().nullable(),
  followUpCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type TEnquiry = z.infer<typeof ZEnquiry>;

export const ZEnquiryFollowUp = z.object({
  id: z.string(),
  by: ZPerson.nullable(),
  at: z.string(),
  note: z.string(),
  nextDay: z.string().nullable(),
});
export type TEnquiryFollowUp = z.infer<typeof ZEnquiryFollowUp>;

export const ZEnquiryDetail = ZEnquiry.extend({
  followUps: z.array(ZEnquiryFollowUp),
  /** the churn case its closing recorded */
  churnCaseId: z.string().nullable(),
});
export type TEnquiryDetail = z.infer<typeof ZEnquiryDetail>;

export const ZEnquiryFunnelQuery = z.object({
  from: ZMonth,
  to: ZMonth,
  channel: ZEnquiryChannel.optional(),
});
export type TEnquiryFunnelQuery = z.infer<typeof ZEnquiryFunnelQuery>;

export const ZFunnelStage = z.enum(FUNNEL_STAGES);
const ZRate = z.number().int().nullable();
export const ZFunnelRow = z.object({
  month: z.string().nullable(),
  channel: z.string().nullable(),
  counts: z.object({
    ENQUIRED: z.number().int(),
    ENROLLED: z.number().int(),
    ATTENDED: z.number().int(),
    COMPLETED: z.number().int(),
    RETAINED: z.number().int(),
  }),
  /** each stage's rate from the one before, in basis points; null when the one before is zero */
  rates: z.object({ ENROLLED: ZRate, ATTENDED: ZRate, COMPLETED: ZRate, RETAINED: ZRate }),
});
export type TFunnelRow = z.infer<typeof ZFunnelRow>;
export const ZEnquiryFunnel = z.object({
  from: z.string(),
  to: z.string(),
  channel: ZEnquiryChannel.nullable(),
  months: z.array(ZFunnelRow),
  cells: z.array(ZFunnelRow),
  channels: z.array(ZFunnelRow),
  total: ZFunnelRow,
});
export type TEnquiryFunnel = z.infer<typeof ZEnquiryFunnel>;

/** The organisation's active churn reasons, for closing an enquiry. */
export const ZEnquiryReasons = z.array(ZEnquiryReason);
