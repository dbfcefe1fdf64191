// Contracts of month close and the incentive sheet (docs/rules.md#r-inc-13-month-close-and-the-sheet).
import { z } from 'zod';
import { ZMonth } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { INCENTIVE_KIND_KEYS, INCENTIVE_RULE_KEYS } from './values.ts';

const int = z.number().int();
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const ZIncentiveRule = z.enum(INCENTIVE_RULE_KEYS);
export type TIncentiveRule = z.infer<typeof ZIncentiveRule>;

export const ZIncentiveKind = z.enum(INCENTIVE_KIND_KEYS);
export type TIncentiveKind = z.infer<typeof ZIncentiveKind>;

export const INCENTIVE_STATUSES = ['PROPOSED', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export const ZIncentiveStatus = z.enum(INCENTIVE_STATUSES);
export type TIncentiveStatus = z.infer<typeof ZIncentiveStatus>;

export const ZIncentiveAppealStatus = z.enum(['PENDING', 'UPHELD', 'OVERTURNED']);

export const ZIncentiveAppeal = z.object({
  id: z.string(),
  itemId: z.string(),
  userId: z.string(),
  userName: z.string(),
  reason: z.string(),
  status: ZIncentiveAppealStatus,
  decidedByName: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TIncentiveAppeal = z.infer<typeof ZIncentiveAppeal>;

export const ZIncentiveItem = z.object({
  id: z.string(),
  month: ZMonth,
  rule: ZIncentiveRule,
  kind: ZIncentiveKind,
  source: z.enum(['AUTO', 'REMEDIATION', 'MANUAL', 'TRAINING']),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  amountFen: int.nullable(),
  /** the figures that triggered it; keys end in their unit (Bp, Hundredths, Fen) */
  figures: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
  reason: z.string().nullable(),
  /** MANUAL items: the evidence behind the reason (docs/rules.md#r-disc-1-manual-items) */
  evidence: z
    .object({
      text: z.string(),
      visitIds: z.array(z.string()),
      ticketIds: z.array(z.string()),
      /** the linked visit records, to open on their task page (a record deleted since is left out) */
      visits: z.array(
        z.object({ id: z.string(), taskId: z.string(), customerName: z.string(), startedAt: z.string() }),
      ),
      /** the linked tickets */
      tickets: z.array(z.object({ id: z.string(), number: z.number().int(), title: z.string() })),
    })
    .nullable(),
  status: ZIncentiveStatus,
  dependsOnId: z.string().nullable(),
  remediationDueAt: z.string().nullable(),
  remediationCheckedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  /** the last day its subject may appeal it (organisation timezone), null when it cannot be appealed */
  appealableUntil: z.string().nullable(),
  appeals: z.array(ZIncentiveAppeal),
  version: int,
  createdAt: z.string(),
  /** what the user may do next: decide it while the sheet is open and no appeal waits */
  can: z.object({ approve: z.boolean(), reject: z.boolean() }),
});
export type TIncentiveItem = z.infer<typeof ZIncentiveItem>;

export const ZMonthCloseStatus = z.enum(['OPEN', 'APPROVED']);

export const ZSheetTotals = z.object({
  proposed: int,
  approved: int,
  rejected: int,
  withdrawn: int,
  /** over approved items (and proposed, for the preview): fen */
  bonusFen: int,
  deductionFen: int,
  pendingAppeals: int,
});
export type TSheetTotals = z.infer<typeof ZSheetTotals>;

export const ZMonthClose = z.object({
  id: z.string().nullable(),
  month: ZMonth,
  /** NONE: not closed yet */
  status: z.enum(['NONE', 'OPEN', 'APPROVED']),
  policyVersion: int.nullable(),
  computedAt: z.string().nullable(),
  computedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  approvedByName: z.string().nullable(),
  version: int,
  /** the month has ended in the organisation's timezone, so it can be closed */
  closable: z.boolean(),
  totals: ZSheetTotals,
  items: z.array(ZIncentiveItem),
  /** what the user may do next with the sheet (computed by the server) */
  can: z.object({
    /** run the close (again) */
    close: z.boolean(),
    /** approve and lock it: open, every item decided, no appeal waiting */
    approve: z.boolean(),
    /** add a special award or an item by hand (R-DISC-1): while the sheet is not approved, before the close too */
    propose: z.boolean(),
    export: z.boolean(),
  }),
});
export type TMonthClose = z.infer<typeof ZMonthClose>;

export const ZMonthCloseRun = z.object({ month: ZMonth });
export const ZMonthParam = z.object({ month: ZMonth });
export const ZMonthCloseApprove = z.object({ version: ZVersion });

export const ZIncentiveListQuery = z.object({ month: ZMonth.optional() });
export const ZIncentiveList = z.object({ month: ZMonth, items: z.array(ZIncentiveItem) });
export type TIncentiveList = z.infer<typeof ZIncentiveList>;

export const ZIncentiveDecision = z.object({
  comment: text(0, 1000).optional(),
  version: ZVersion.optional(),
});
export const ZIncentiveReject = z.object({ comment: text(1, 1000), version: ZVersion.optional() });
export const ZIncentiveBulkDecision = z
  .object({
    ids: z.array(z.uuid()).min(1).max(5000),
    decision: z.enum(['APPROVE', 'REJECT']),
    comment: text(0, 1000).optional(),
  })
  .refine((b) => b.decision === 'APPROVE' || (b.comment ?? '').length > 0, {
    message: 'a rejection needs a comment',
    path: ['comment'],
  });
export type TIncentiveBulkDecision = z.infer<typeof ZIncentiveBulkDecision>;

export const ZSpecialAwardCreate = z.object({
  month: ZMonth,
  userId: z.uuid(),
  reason: text(1, 1000),
  /** defaults to the policy's special award amount */
  amountFen: int.min(1).max(100_000_000).optional(),
});
export type TSpecialAwardCreate = z.infer<typeof ZSpecialAwardCreate>;

export const ZIncentiveAppealCreate = z.object({ reason: text(1, 2000) });
export const ZIncentiveAppealDecide = z.object({
  decision: z.enum(['UPHOLD', 'OVERTURN']),
  reason: text(1, 2000),
});

export const ZIncentiveExportQuery = z.object({ month: ZMonth, format: z.enum(['csv', 'xlsx']) });
