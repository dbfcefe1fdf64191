// Contracts of the plans module: request and response schemas shared by the API and the web app.
import { z } from 'zod';
import { ZChainStep } from './approval-chains.ts';
import { ZChannel, ZDay, ZMonth, ZPlanStatus, ZSegment, ZTier } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { EXCLUSION_REASONS } from './values.ts';

export const ZExclusionReason = z.enum(EXCLUSION_REASONS);
export type TExclusionReason = z.infer<typeof ZExclusionReason>;

/** REVIEW: the first of a two-step plan chain approved it and passed it to the next step (R-CHAIN-2) */
export const PLAN_REVIEW_ACTIONS = ['SUBMIT', 'APPROVE', 'REJECT', 'EDIT', 'REVIEW'] as const;
export const ZPlanReviewAction = z.enum(PLAN_REVIEW_ACTIONS);
export type TPlanReviewAction = z.infer<typeof ZPlanReviewAction>;

/**
 * `details.reason` of a 409 CONFLICT from the plan routes: STATUS, the plan is no longer in a
 * status that allows the step (someone else decided or submitted it; `details.status` says
 * what it is now); OPEN_TASK, another plan approved at the same moment gave some of the
 * customers a task, so this approval changed nothing and can simply be tried again.
 */
export const PLAN_CONFLICTS = ['STATUS', 'OPEN_TASK'] as const;
export type TPlanConflict = (typeof PLAN_CONFLICTS)[number];

export const ZPlanListQuery = ZPageQuery.extend({
  status: ZPlanStatus.optional(),
  month: ZMonth.optional(),
  teamId: z.uuid().optional(),
});
export type TPlanListQuery = z.infer<typeof ZPlanListQuery>;

export const ZPlanSummary = z.object({
  id: z.string(),
  month: ZMonth,
  title: z.string(),
  focus: z.string().nullable(),
  status: ZPlanStatus,
  teamId: z.string(),
  teamName: z.string(),
  createdById: z.string(),
  creatorName: z.string().nullable(),
  dailyCap: z.number().int(),
  itemCount: z.number().int(),
  excludedCount: z.number().int(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: ZVersion,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TPlanSummary = z.infer<typeof ZPlanSummary>;

export const ZDailyCap = z.number().int().min(1).max(200);

export const ZPlanCreate = z.object({
  month: ZMonth,
  title: z.string().trim().min(1).max(100).optional(),
  focus: z.string().trim().max(500).nullish(),
  dailyCap: ZDailyCap.default(20),
  teamId: z.uuid().optional(),
});
export type TPlanCreate = z.input<typeof ZPlanCreate>;

export const ZPlanUpdate = z.object({
  title: z.string().trim().min(1).max(100).optional(),
  focus: z.string().trim().max(500).nullish(),
  dailyCap: ZDailyCap.optional(),
  version: ZVersion.optional(),
});
export type TPlanUpdate = z.infer<typeof ZPlanUpdate>;

export const ZCallerLoad = z.object({
  callerId: z.string(),
  name: z.string(),
  /** false when the caller has left the team or was deactivated after being given items */
  active: z.boolean(),
  count: z.number().int(),
  busiestDay: ZDay.nullable(),
  busiestDayCount: z.number().int(),
});
export type TCallerLoad = z.infer<typeof ZCallerLoad>;

export const ZExcludedCustomer = z.object({
  customerId: z.string(),
  name: z.string(),
  segment: ZSegment,
  tier: ZTier,
  reason: ZExclusionReason,
  /** true: an item of the plan that got no task when the plan was approved */
  atApproval: z.boolean(),
});
export type TExcludedCustomer = z.infer<typeof ZExcludedCustomer>;

export const ZPlanFigures = z.object({
  itemCount: z.number().int(),
  /** items without a caller */
  unassigned: z.number().int(),
  /** active callers of the plan's team */
  callerCount: z.number().int(),
  dailyCap: z.number().int(),
  /** caller-days above the daily cap (only manual placements can cause them) */
  overCapDays: z.number().int(),
  perCaller: z.array(ZCallerLoad),
  perSegment: z.record(z.string(), z.number().int()),
  perTier: z.record(z.string(), z.number().int()),
  perChannel: z.record(z.string(), z.number().int()),
  /** every customer left out: by the filter while drafting, or an item skipped at approval */
  excluded: z.object({
    total: z.number().int(),
    byReason: z.record(z.string(), z.number().int()),
    /** the first 50, those skipped at approval first */
    sample: z.array(ZExcludedCustomer),
  }),
  /**
   * Items of the plan that got no task when it was approved (the customer had an open task by
   * then, had refused visits, or could take no further contact in the item's window): tasksCreated + skipped.total = itemCount once approved.
   */
  skipped: z.object({
    total: z.number().int(),
    byReason: z.record(z.string(), z.number().int()),
  }),
});
export type TPlanFigures = z.infer<typeof ZPlanFigures>;

export const ZPlanReview = z.object({
  id: z.string(),
  action: ZPlanReviewAction,
  actorId: z.string(),
  actorName: z.string().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type TPlanReview = z.infer<typeof ZPlanReview>;

export const ZPlanDetail = ZPlanSummary.extend({
  decidedById: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decisionComment: z.string().nullable(),
  /** the comment of the last rejection, kept visible while the lead reworks the plan */
  lastRejection: z
    .object({ comment: z.string().nullable(), actorName: z.string().nullable(), createdAt: z.string() })
    .nullable(),
  /** tasks created from this plan (set once approved) */
  tasksCreated: z.number().int(),
  figures: ZPlanFigures,
  reviews: z.array(ZPlanReview),
  /** what the user may do next (the plan workflow, computed by the server) */
  can: z.object({ edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), reject: z.boolean() }),
  /** the plan chain it was submitted with (or would be, while not submitted) and the step due while SUBMITTED */
  chain: z.array(ZChainStep),
  chainStep: z.number().int(),
});
export type TPlanDetail = z.infer<typeof ZPlanDetail>;

export const ZPlanItemsQuery = ZPageQuery.extend({
  /** a caller's id, or `none` for the items nobody has yet */
  callerId: z.union([z.uuid(), z.literal('none')]).optional(),
  /** customer name, or the tail of their phone number */
  q: z.string().trim().max(50).optional(),
});
export type TPlanItemsQuery = z.infer<typeof ZPlanItemsQuery>;

export const ZPlanItem = z.object({
  id: z.string(),
  customer: z.object({
    id: z.string(),
    name: z.string(),
    /** always masked here */
    phone: z.string(),
    segment: ZSegment,
    tier: ZTier,
  }),
  purpose: z.string(),
  questionnaireId: z.string().nullable(),
  questionnaireName: z.string().nullable(),
  channel: ZChannel,
  windowFrom: ZDay,
  windowTo: ZDay,
  dueDate: ZDay,
  callerId: z.string().nullable(),
  callerName: z.string().nullable(),
  manual: z.boolean(),
  /** the cadence rule not approved that proposed it (docs/rules.md#r-cad-7-rule-proposals), else null */
  rule: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type TPlanItem = z.infer<typeof ZPlanItem>;

export const ZPlanCustomerFilter = z
  .object({
    segments: z.array(ZSegment).max(6).optional(),
    tiers: z.array(ZTier).max(3).optional(),
    /** no COMPLETED visit in the last N days (never visited counts) */
    noVisitDays: z.number().int().min(1).max(3650).optional(),
    /** part of the programme's name */
    programme: z.string().trim().min(1).max(100).optional(),
    customerIds: z.array(z.uuid()).min(1).max(5000).optional(),
  })
  .refine((f) => Object.values(f).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined)), {
    message: 'choose at least one condition',
  });
export type TPlanCustomerFilter = z.infer<typeof ZPlanCustomerFilter>;

export const ZPlanItemsAdd = z.object({
  filter: ZPlanCustomerFilter,
  purpose: z.string().trim().min(1).max(100),
  questionnaireId: z.uuid().nullish(),
  /** used when the customer has no preferred channel */
  channel: ZChannel,
  windowFrom: ZDay,
  windowTo: ZDay,
});
export type TPlanItemsAdd = z.infer<typeof ZPlanItemsAdd>;

export const ZPlanItemsAddResult = z.object({
  added: z.number().int(),
  alreadyInPlan: z.number().int(),
  excluded: z.object({
    REFUSED_VISITS: z.number().int(),
    HAS_OPEN_TASK: z.number().int(),
    IN_OTHER_PLAN: z.number().int(),
  }),
  /** items the balancer could not place (no caller, or every caller at the cap) */
  unassigned: z.number().int(),
});
export type TPlanItemsAddResult = z.infer<typeof ZPlanItemsAddResult>;

export const ZPlanBalance = z.object({ dailyCap: ZDailyCap.optional() });

export const ZPlanItemUpdate = z
  .object({ callerId: z.uuid().optional(), dueDate: ZDay.optional() })
  .refine((b) => b.callerId !== undefined || b.dueDate !== undefined, {
    message: 'give a caller or a due date',
  });
export type TPlanItemUpdate = z.infer<typeof ZPlanItemUpdate>;

/**
 * GET /plans/:id/proposals — the visits the organisation's rules not approved ask for in the plan's
 * month, for the lead to take into the plan (docs/rules.md#r-cad-7-rule-proposals).
 */
export const ZPlanProposal = z.object({
  /** the visit's key: a rule's visit is proposed, planned or made once */
  key: z.string(),
  rule: z.object({ id: z.string(), name: z.string() }),
  customer: z.object({
    id: z.string(),
    name: z.string(),
    /** always masked here */
    phone: z.string(),
    tier: ZTier,
  }),
  eventKind: z.string(),
  eventDay: ZDay,
  /** the day the rule wants it (before the month when its window reaches into it) */
  dueDay: ZDay,
  /** its window, clipped to the plan's month (and to today for this month's plan) */
  windowFrom: ZDay,
  windowTo: ZDay,
});
export type TPlanProposal = z.infer<typeof ZPlanProposal>;
export const ZPlanProposals = z.object({
  items: z.array(ZPlanProposal),
  /** all the proposals; at most PLAN_PROPOSALS_SHOWN are listed */
  total: z.number().int(),
});
export type TPlanProposals = z.infer<typeof ZPlanProposals>;
export const PLAN_PROPOSALS_SHOWN = 500;

export const ZPlanProposalsAdd = z.strictObject({
  keys: z.array(z.string().min(1).max(200)).min(1).max(PLAN_PROPOSALS_SHOWN),
  /** the plan's version the lead saw (409 when it changed) */
  version: ZVersion,
});
export type TPlanProposalsAdd = z.infer<typeof ZPlanProposalsAdd>;
export const ZPlanProposalsAddResult = z.object({
  added: z.number().int(),
  /** items the balancer could not place (no caller, or every caller at the cap) */
  unassigned: z.number().int(),
});
export type TPlanProposalsAddResult = z.infer<typeof ZPlanProposalsAddResult>;

export const ZPlanApprove = z.object({ comment: z.string().trim().max(1000).optional() });
export const ZPlanReject = z.object({ comment: z.string().trim().min(1).max(1000) });
