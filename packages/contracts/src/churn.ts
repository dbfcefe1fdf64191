// Contracts of the churn register (docs/product.md#the-churn-register): the organisation's churn
// reasons, and the cases — suggested by the system from evidence, confirmed or dismissed by a
// person, or recorded by hand — with the win-back visit planned for one.
import { z } from 'zod';
import { ZRealDay } from './customers.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { CHURN_CASE_STATUSES, CHURN_CATEGORIES, CHURN_EVIDENCE_KINDS, CHURN_STAGES } from './values.ts';

export const ZChurnStage = z.enum(CHURN_STAGES);
export type TChurnStage = z.infer<typeof ZChurnStage>;
export const ZChurnCategory = z.enum(CHURN_CATEGORIES);
export type TChurnCategory = z.infer<typeof ZChurnCategory>;
export const ZChurnCaseStatus = z.enum(CHURN_CASE_STATUSES);
export type TChurnCaseStatus = z.infer<typeof ZChurnCaseStatus>;
export const ZChurnEvidenceKind = z.enum(CHURN_EVIDENCE_KINDS);
export type TChurnEvidenceKind = z.infer<typeof ZChurnEvidenceKind>;

const ZLabel = z.string().trim().min(1).max(50);
const ZSort = z.number().int().min(0).max(10_000);

export const ZChurnReason = z.object({
  id: z.string(),
  category: ZChurnCategory,
  code: z.string().nullable(),
  label: z.string(),
  labelEn: z.string().nullable(),
  active: z.boolean(),
  sort: z.number().int(),
  /** how many cases name it */
  cases: z.number().int(),
  version: z.number().int(),
});
export type TChurnReason = z.infer<typeof ZChurnReason>;

export const ZChurnReasonCreate = z.strictObject({
  category: ZChurnCategory,
  label: ZLabel,
  labelEn: ZLabel.optional(),
  sort: ZSort.optional(),
});
export type TChurnReasonCreate = z.input<typeof ZChurnReasonCreate>;

/** The category is fixed: a reason of another category is another reason. */
export const ZChurnReasonUpdate = z.strictObject({
  version: ZVersion,
  label: ZLabel.optional(),
  labelEn: ZLabel.nullable().optional(),
  active: z.boolean().optional(),
  sort: ZSort.optional(),
});
export type TChurnReasonUpdate = z.input<typeof ZChurnReasonUpdate>;

const ZNote = z.string().trim().max(1000);

export const ZChurnCaseCreate = z.strictObject({
  customerId: z.uuid(),
  stage: ZChurnStage,
  /** the day the customer left, organisation time; not after today */
  day: ZRealDay,
  reasonId: z.uuid(),
  /** defaults to the department that answers for the reason's category */
  departmentId: z.uuid().optional(),
  note: ZNote.optional(),
});
export type TChurnCaseCreate = z.input<typeof ZChurnCaseCreate>;

export const ZChurnCaseUpdate = z.strictObject({
  version: ZVersion,
  stage: ZChurnStage.optional(),
  day: ZRealDay.optional(),
  reasonId: z.uuid().optional(),
  departmentId: z.uuid().nullable().optional(),
  note: ZNote.nullable().optional(),
});
export type TChurnCaseUpdate = z.input<typeof ZChurnCaseUpdate>;

export const ZChurnCaseConfirm = z.strictObject({
  version: ZVersion,
  stage: ZChurnStage,
  reasonId: z.uuid(),
  day: ZRealDay.optional(),
  departmentId: z.uuid().optional(),
  note: ZNote.optional(),
});
export type TChurnCaseConfirm = z.input<typeof ZChurnCaseConfirm>;

export const ZChurnCaseDismiss = z.strictObject({
  version: ZVersion,
  reason: z.string().trim().min(1).max(500),
});
export type TChurnCaseDismiss = z.input<typeof ZChurnCaseDismiss>;

export const ZChurnWinBack = z.strictObject({
  version: ZVersion,
  /** a caller; by default the customer's last caller */
  assigneeId: z.uuid().optional(),
  /** the day it is due by, today at the earliest; by default a week from today */
  dueDay: ZRealDay.optional(),
});
export type TChurnWinBack = z.input<typeof ZChurnWinBack>;

export const ZChurnCaseListQuery = ZPageQuery.extend({
  status: ZChurnCaseStatus.optional(),
  stage: ZChurnStage.optional(),
  category: ZChurnCategory.optional(),
  reasonId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
  customerId: z.uuid().optional(),
  /** first and last day (both included), organisation time */
  from: ZRealDay.optional(),
  to: ZRealDay.optional(),
});
export interface TChurnCaseListQuery {
  status?: TChurnCaseStatus;
  stage?: TChurnStage;
  category?: TChurnCategory;
  reasonId?: string;
  departmentId?: string;
  customerId?: string;
  from?: string;
  to?: string;
  page?: number;
  size?: number;
}

const ZRef = z.object({ id: z.string(), name: z.string() });

export const ZChurnCase = z.object({
  id: z.string(),
  status: ZChurnCaseStatus,
  stage: ZChurnStage.nullable(),
  day: z.string(),
  /** the customer; null for an enquiry that never became one */
  customer: z.object({ id: z.string(), name: z.string(), phone: z.string() }).nullable(),
  /** the enquiry it came from (an enquiry not enrolled), phone masked */
  enquiry: z
    .object({ id: z.string(), number: z.number().int(), name: z.string(), phone: z.string() })
    .nullable(),
  reason: z
    .object({
      id: z.string(),
      category: ZChurnCategory,
      label: z.string(),
      labelEn: z.string().nullable(),
      active: z.boolean(),
    })
    .nullable(),
  /** the category the evidence suggests (a suggestion without a reason yet) */
  categoryGuess: ZChurnCategory.nullable(),
  department: ZRef.nullable(),
  note: z.string().nullable(),
  evidenceKind: ZChurnEvidenceKind.nullable(),
  evidenceId: z.string().nullable(),
  evidence: z.record(z.string(), z.unknown()),
  winBackTask: z
    .object({ id: z.string(), status: z.string(), dueDate: z.string(), assignee: ZRef })
    .nullable(),
  createdBy: ZRef.nullable(),
  decidedBy: ZRef.nullable(),
  decidedAt: z.string().nullable(),
  dismissReason: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type TChurnCase = z.infer<typeof ZChurnCase>;

/** A case with what surrounds it: the customer's recent visits and tickets. */
export const ZChurnCaseDetail = ZChurnCase.extend({
  visits: z.array(
    z.object({
      id: z.string(),
      startedAt: z.string(),
      outcome: z.string(),
      satisfaction: z.number().int().nullable(),
      caller: z.string(),
      opinions: z.string().nullable(),
    }),
  ),
  tickets: z.array(
    z.object({
      id: z.string(),
      number: z.number().int(),
      title: z.string(),
      status: z.string(),
      closedAt: z.string().nullable(),
    }),
  ),
});
export type TChurnCaseDetail = z.infer<typeof ZChurnCaseDetail>;
