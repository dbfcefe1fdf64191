// Improvement measures (改进措施, docs/product.md#improvement-measures): contracts of
// /api/improvement-measures. Rules: docs/rules.md#r-meas-1-workflow … #r-meas-4-incentive-items.
import { z } from 'zod';
import { ZDay, ZSegment, ZWeek } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { CHURN_STAGES, MEASURE_OUTCOMES, MEASURE_STATUSES } from './values.ts';

export const ZMeasureStatus = z.enum(MEASURE_STATUSES);
export type TMeasureStatus = z.infer<typeof ZMeasureStatus>;
export const ZMeasureOutcome = z.enum(MEASURE_OUTCOMES);
export type TMeasureOutcome = z.infer<typeof ZMeasureOutcome>;

/** Whom the measure is for: customers of these segments / this programme, or who left at these stages. */
export const ZMeasureTarget = z.object({
  segments: z.array(ZSegment).max(10).optional(),
  programme: z.string().trim().min(1).max(200).optional(),
  stages: z.array(z.enum(CHURN_STAGES)).max(10).optional(),
});
export type TMeasureTarget = z.infer<typeof ZMeasureTarget>;

export const ZMilestoneInput = z.object({
  /** an existing milestone's id (kept, with its progress); absent for a new one */
  id: z.uuid().optional(),
  title: z.string().trim().min(1).max(200),
  dueDay: ZDay,
});

export const ZMeasureCreate = z.object({
  title: z.string().trim().min(1).max(200),
  description: z.string().max(5000).nullable().optional(),
  departmentId: z.uuid(),
  ownerId: z.uuid(),
  deadline: ZDay,
  target: ZMeasureTarget.default({}),
  startDay: ZDay.nullable().optional(),
  windowDays: z.number().int().min(7).max(365).default(90),
  reasonIds: z.array(z.uuid()).max(50).default([]),
  caseIds: z.array(z.uuid()).max(200).default([]),
  milestones: z.array(ZMilestoneInput).max(30).default([]),
  /** the weekly meeting's decision this measure carries out; linked in the same transaction */
  fromDecision: z.object({ week: ZWeek, index: z.int().min(0).max(49) }).optional(),
});
export type TMeasureCreate = z.input<typeof ZMeasureCreate>;

export const ZMeasureUpdate = z.object({
  version: ZVersion,
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().max(5000).nullable().optional(),
  departmentId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  deadline: ZDay.optional(),
  target: ZMeasureTarget.optional(),
  startDay: ZDay.nullable().optional(),
  windowDays: z.number().int().min(7).max(365).optional(),
  reasonIds: z.array(z.uuid()).max(50).optional(),
  caseIds: z.array(z.uuid()).max(200).optional(),
  milestones: z.array(ZMilestoneInput).max(30).optional(),
});
export type TMeasureUpdate = z.infer<typeof ZMeasureUpdate>;

export const ZMeasureListQuery = ZPageQuery.extend({
  status: ZMeasureStatus.optional(),
  departmentId: z.uuid().optional(),
  ownerId: z.uuid().optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type TMeasureListQuery = z.infer<typeof ZMeasureListQuery>;

/** A step's body: the version seen, and a comment (reject: required; complete: the note when milestones are short of 100 %). */
export const ZMeasureStep = z.object({
  version: ZVersion,
  comment: z.string().trim().max(2000).optional(),
});
export type TMeasureStep = z.infer<typeof ZMeasureStep>;

export const ZMeasureReject = z.object({
  version: ZVersion,
  comment: z.string().trim().min(1).max(2000),
});
export type TMeasureReject = z.infer<typeof ZMeasureReject>;

export const ZMilestoneProgress = z.object({
  version: ZVersion,
  progress: z.number().int().min(0).max(100),
});
export type TMilestoneProgress = z.infer<typeof ZMilestoneProgress>;

export const ZMeasureSummary = z.object({
  id: z.uuid(),
  number: z.int(),
  title: z.string(),
  status: ZMeasureStatus,
  departmentId: z.uuid(),
  departmentName: z.string().nullable(),
  ownerId: z.uuid(),
  ownerName: z.string().nullable(),
  deadline: ZDay,
  overdue: z.boolean(),
  escalationLevel: z.int(),
  /** mean of the milestones' progress (0–100), null without milestones */
  progress: z.int().nullable(),
  outcome: ZMeasureOutcome.nullable(),
  version: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TMeasureSummary = z.infer<typeof ZMeasureSummary>;

export const ZMeasureMetric = z.object({
  metric: z.enum(['satisfaction', 'churn', 'renewal', 'referral', 'complaints']),
  better: z.enum(['UP', 'DOWN']),
  before: z.int().nullable(),
  after: z.int().nullable(),
  change: z.int().nullable(),
  beforeSample: z.int(),
  afterSample: z.int(),
  beforeCount: z.int(),
  afterCount: z.int(),
  verdict: z.enum(['IMPROVED', 'WORSENED', 'UNCHANGED', 'INCONCLUSIVE']),
  why: z
    .enum(['FEW_VISITS', 'FEW_CUSTOMERS', 'NO_AFTER_WINDOW', 'NO_BEFORE_WINDOW', 'SHORT_AFTER_WINDOW'])
    .nullable(),
});

const ZWindow = z.object({ from: ZDay, to: ZDay, days: z.int() });

export const ZMeasureEffect = z.object({
  startDay: ZDay,
  windowDays: z.int(),
  windows: z.object({ before: ZWindow, after: ZWindow, afterCapped: z.boolean() }),
  customers: z.int(),
  metrics: z.array(ZMeasureMetric),
  outcome: ZMeasureOutcome,
  improved: z.int(),
  worsened: z.int(),
  minVisits: z.int(),
  minCustomers: z.int(),
  computedAt: z.string(),
  /** true: the figures frozen at evaluation; false: computed now */
  frozen: z.boolean(),
});
export type TMeasureEffect = z.infer<typeof ZMeasureEffect>;

export const ZMeasureDetail = ZMeasureSummary.extend({
  description: z.string().nullable(),
  target: ZMeasureTarget,
  startDay: ZDay.nullable(),
  windowDays: z.int(),
  reasons: z.array(
    z.object({ id: z.uuid(), category: z.string(), label: z.string(), labelEn: z.string().nullable() }),
  ),
  caseIds: z.array(z.uuid()),
  /** the linked cases, named by their customer (null for an enquiry that never enrolled) */
  cases: z.array(z.object({ id: z.uuid(), name: z.string().nullable(), stage: z.string().nullable() })),
  /** the week of the churn meeting whose decision this measure carries out */
  meetingWeek: ZWeek.nullable(),
  milestones: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      dueDay: ZDay,
      progress: z.int(),
      doneAt: z.string().nullable(),
    }),
  ),
  evaluationNote: z.string().nullable(),
  effect: ZMeasureEffect.nullable(),
  overdueAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  evaluatedAt: z.string().nullable(),
  createdById: z.uuid(),
  /** the steps this user may take now (the workflow, the user's role and whether they own it) */
  can: z.record(z.string(), z.boolean()),
  timeline: z.array(
    z.object({
      id: z.uuid(),
      action: z.string(),
      actorId: z.uuid().nullable(),
      actorName: z.string().nullable(),
      comment: z.string().nullable(),
      body: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
    }),
  ),
});
export type TMeasureDetail = z.infer<typeof ZMeasureDetail>;
