// Contracts of discipline and recognition by hand (docs/rules.md#r-disc-1-manual-items) and of
// customer-abuse reports from staff (docs/rules.md#r-disc-2-customer-abuse-reports).
import { z } from 'zod';
import { ZMonth } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ABUSE_REPORT_STATUSES, MANUAL_INCENTIVE_KIND_KEYS } from './values.ts';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const ZManualIncentiveKind = z.enum(MANUAL_INCENTIVE_KIND_KEYS);
export type TManualIncentiveKind = z.infer<typeof ZManualIncentiveKind>;

/** The evidence behind a manual item: what was seen, and the visit records and tickets that show it. */
export const ZIncentiveEvidence = z.object({
  text: text(1, 4000),
  visitIds: z.array(z.uuid()).max(20).default([]),
  ticketIds: z.array(z.uuid()).max(20).default([]),
});
export type TIncentiveEvidence = z.infer<typeof ZIncentiveEvidence>;

/** POST /incentives/manual */
export const ZManualItemCreate = z.object({
  month: ZMonth,
  userId: z.uuid(),
  kind: ZManualIncentiveKind,
  reason: text(1, 1000),
  evidence: ZIncentiveEvidence,
  /** a deduction's amount in fen (required for DEDUCTION, refused for every other kind) */
  amountFen: z.number().int().min(1).max(100_000_000).optional(),
});
export type TManualItemCreate = z.infer<typeof ZManualItemCreate>;

export const ZAbuseReportStatus = z.enum(ABUSE_REPORT_STATUSES);
export type TAbuseReportStatus = z.infer<typeof ZAbuseReportStatus>;

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZAbuseReport = z.object({
  id: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  reporter: ZPerson,
  taskId: z.string().nullable(),
  account: z.string(),
  status: ZAbuseReportStatus,
  /** LEAD: the reporter's superior decides it (a manager may too); MANAGERS: a manager does */
  goesTo: z.enum(['LEAD', 'MANAGERS']),
  decidedBy: ZPerson.nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  liftedBy: ZPerson.nullable(),
  liftedAt: z.string().nullable(),
  liftComment: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  /** what the viewer may do now (computed by the server) */
  can: z.object({ decide: z.boolean(), lift: z.boolean() }),
});
export type TAbuseReport = z.infer<typeof ZAbuseReport>;

/** GET /abuse-reports: `queue` = the pending reports the viewer may decide */
export const ZAbuseReportListQuery = z.object({
  customerId: z.uuid().optional(),
  status: ZAbuseReportStatus.optional(),
  queue: z.enum(['true', 'false']).optional(),
});
export const ZAbuseReportList = z.object({ items: z.array(ZAbuseReport) });
export type TAbuseReportList = z.infer<typeof ZAbuseReportList>;

/** GET /customers/{id}/abuse-flag: is the customer flagged, since when, and may the viewer lift it */
export const ZAbuseFlag = z.object({
  customerId: z.string(),
  flagged: z.boolean(),
  since: z.string().nullable(),
  /** the confirmed reports behind the flag (their accounts only for those who may decide them) */
  reports: z.number().int(),
  canLift: z.boolean(),
  /** the viewer may report this customer */
  canReport: z.boolean(),
});
export type TAbuseFlag = z.infer<typeof ZAbuseFlag>;

export const ZAbuseReportCreate = z.object({
  customerId: z.uuid(),
  taskId: z.uuid().optional(),
  account: text(1, 4000),
});
export type TAbuseReportCreate = z.infer<typeof ZAbuseReportCreate>;

export const ZAbuseReportDecide = z.object({
  decision: z.enum(['CONFIRM', 'DISMISS']),
  comment: text(1, 2000),
  version: ZVersion,
});
export type TAbuseReportDecide = z.infer<typeof ZAbuseReportDecide>;

export const ZAbuseFlagLift = z.object({ comment: text(1, 2000) });
