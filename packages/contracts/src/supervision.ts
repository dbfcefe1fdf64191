// Contracts of supervision (docs/rules.md#r-samp-1-sampling-quota): rubrics, sampling runs, inspections and appeals.
import { z } from 'zod';
import { ZChannel, ZMonth, ZVisitOutcome } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { ZAnswerValue, ZQuestionKind, ZStoredAnswer } from './questionnaires.ts';
import { CALLBACK_OUTCOMES, FINDINGS, INSPECTION_METHODS } from './values.ts';
import { ZPerson } from './visits.ts';

export const ZInspectionMethod = z.enum(INSPECTION_METHODS);
export type TInspectionMethod = z.infer<typeof ZInspectionMethod>;

export const INSPECTION_STATUSES = ['PENDING', 'IN_PROGRESS', 'SUBMITTED'] as const;
export const ZInspectionStatus = z.enum(INSPECTION_STATUSES);
export type TInspectionStatus = z.infer<typeof ZInspectionStatus>;

export const ZFinding = z.enum(FINDINGS);
export type TFinding = z.infer<typeof ZFinding>;

export const ZCallbackOutcome = z.enum(CALLBACK_OUTCOMES);
export type TCallbackOutcome = z.infer<typeof ZCallbackOutcome>;

export const APPEAL_STATUSES = ['PENDING', 'UPHELD', 'OVERTURNED'] as const;
export const ZAppealStatus = z.enum(APPEAL_STATUSES);
export type TAppealStatus = z.infer<typeof ZAppealStatus>;

export const SAMPLING_MODES = ['RATE', 'PER_CALLER'] as const;
export const ZSamplingMode = z.enum(SAMPLING_MODES);
export type TSamplingMode = z.infer<typeof ZSamplingMode>;

// ---------------------------------------------------------------- rubrics

export const ZRubricCriterion = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'),
  name: z.string().trim().max(100),
  /** points of this criterion; the weights of a rubric sum to 100 */
  weight: z.number().int(),
  /** 否决项: failing it fails the inspection whatever the total */
  critical: z.boolean().default(false),
  guidance: z.string().trim().max(1000).default(''),
});
export type TRubricCriterion = z.infer<typeof ZRubricCriterion>;

export const ZRubric = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  criteria: z.array(ZRubricCriterion),
  active: z.boolean(),
  isDefault: z.boolean(),
  version: ZVersion,
  inspectionCount: z.number().int(),
  updatedAt: z.string(),
});
export type TRubric = z.infer<typeof ZRubric>;

export const ZRubricCreate = z.object({
  name: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).nullish(),
  criteria: z.array(ZRubricCriterion).min(1).max(30),
  isDefault: z.boolean().optional(),
});
export type TRubricCreate = z.infer<typeof ZRubricCreate>;

export const ZRubricUpdate = ZRubricCreate.partial().extend({
  active: z.boolean().optional(),
  version: ZVersion.optional(),
});
export type TRubricUpdate = z.infer<typeof ZRubricUpdate>;

// ---------------------------------------------------------------- sampling

export const ZSamplingStrata = z.object({
  channels: z.array(ZChannel).max(10).optional(),
  /** default: COMPLETED only */
  outcomes: z.array(ZVisitOutcome).max(10).optional(),
  /** records with satisfaction ≤ 3 are picked first */
  lowSatisfactionFirst: z.boolean().optional(),
});
export type TSamplingStrata = z.infer<typeof ZSamplingStrata>;

export const ZSamplingRunInput = z
  .object({
    month: ZMonth,
    mode: ZSamplingMode,
    /** RATE: basis points of each caller's records (1000 = 10 %) */
    rateBp: z.number().int().min(1).max(10000).optional(),
    /** PER_CALLER: records per caller */
    perCaller: z.number().int().min(1).max(1000).optional(),
    minPerCaller: z.number().int().min(0).max(1000).default(0),
    strata: ZSamplingStrata.default({}),
    seed: z.number().int().min(0).max(2_147_483_647),
    /** who inspects; the work is spread evenly over them */
    inspectorIds: z.array(z.uuid()).min(1).max(50),
    /** only these callers' records (default: every caller) */
    callerIds: z.array(z.uuid()).max(500).optional(),
    /** default: the organisation's default rubric */
    rubricId: z.uuid().optional(),
  })
  .refine((v) => (v.mode === 'RATE' ? v.rateBp !== undefined : v.perCaller !== undefined), {
    message: 'RATE needs rateBp, PER_CALLER needs perCaller',
    path: ['mode'],
  });
export type TSamplingRunInput = z.infer<typeof ZSamplingRunInput>;

export const ZSamplingPreview = z.object({
  month: z.string(),
  /** the records of the month that match the strata and were never sampled */
  eligible: z.number().int(),
  total: z.number().int(),
  perCaller: z.array(z.object({ caller: ZPerson, eligible: z.number().int(), picked: z.number().int() })),
  perInspector: z.array(z.object({ inspector: ZPerson, assigned: z.number().int() })),
  rubric: z.object({ id: z.string(), name: z.string(), version: ZVersion }),
});
export type TSamplingPreview = z.infer<typeof ZSamplingPreview>;

export const ZSamplingRun = z.object({
  id: z.string(),
  month: z.string(),
  mode: ZSamplingMode,
  rateBp: z.number().int().nullable(),
  perCaller: z.number().int().nullable(),
  minPerCaller: z.number().int(),
  strata: ZSamplingStrata,
  seed: z.number().int(),
  rubricId: z.string(),
  inspectors: z.array(ZPerson),
  createdBy: ZPerson,
  createdAt: z.string(),
  counts: z.object({
    total: z.number().int(),
    pending: z.number().int(),
    inProgress: z.number().int(),
    submitted: z.number().int(),
    passed: z.number().int(),
  }),
});
export type TSamplingRun = z.infer<typeof ZSamplingRun>;

export const ZSamplingRunListQuery = ZPageQuery.extend({ month: ZMonth.optional() });

// ---------------------------------------------------------------- inspections

export const ZCriterionScore = z.object({
  criterionId: z.string(),
  score: z.number().int().min(0).max(100),
  /** a critical item marked failed by the inspector */
  failed: z.boolean().optional(),
  comment: z.string().trim().max(1000).nullish(),
});
export type TCriterionScore = z.infer<typeof ZCriterionScore>;

/** An item a manager overturned in an appeal decision: its score from → to. */
export const ZAppealItemDecision = z.object({
  criterionId: z.string(),
  from: z.number().int(),
  to: z.number().int(),
  /** a critical item the inspector had marked failed, no longer failed */
  clearedFail: z.boolean(),
});
export type TAppealItemDecision = z.infer<typeof ZAppealItemDecision>;

export const ZAppeal = z.object({
  id: z.string(),
  inspectionId: z.string(),
  caller: ZPerson,
  reason: z.string(),
  items: z.array(z.object({ criterionId: z.string(), proposedScore: z.number().int().nullish() })),
  status: ZAppealStatus,
  /** the items overturned one by one (empty: upheld, or the whole inspection overturned) */
  decisions: z.array(ZAppealItemDecision),
  decidedBy: ZPerson.nullable(),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  /** what the user may do to it now (computed on the server from the workflow) */
  can: z.object({ uphold: z.boolean(), overturn: z.boolean(), overturnItems: z.boolean() }),
});
export type TAppeal = z.infer<typeof ZAppeal>;

export const ZInspectionListItem = z.object({
  id: z.string(),
  runId: z.string().nullable(),
  visitId: z.string(),
  caller: ZPerson,
  inspector: ZPerson,
  customer: z.object({ id: z.string(), name: z.string() }),
  visitStartedAt: z.string(),
  channel: ZChannel,
  satisfaction: z.number().int().nullable(),
  method: ZInspectionMethod,
  status: ZInspectionStatus,
  total: z.number().int().nullable(),
  passed: z.boolean().nullable(),
  effectivePassed: z.boolean().nullable(),
  /** the total after appeals (item-level overturns recompute it) */
  effectiveTotal: z.number().int().nullable(),
  findings: z.array(ZFinding),
  submittedAt: z.string().nullable(),
  /** last day an appeal may be filed (submitted inspections) */
  appealDeadline: z.string().nullable(),
  appealStatus: ZAppealStatus.nullable(),
  version: ZVersion,
});
export type TInspectionListItem = z.infer<typeof ZInspectionListItem>;

export const ZInspectionListQuery = ZPageQuery.extend({
  status: ZInspectionStatus.optional(),
  /** 'me' or a user id */
  inspectorId: z.union([z.literal('me'), z.uuid()]).optional(),
  callerId: z.uuid().optional(),
  /** YYYY-MM of the visit record (organisation time) */
  month: ZMonth.optional(),
  passed: z.enum(['true', 'false']).optional(),
  runId: z.uuid().optional(),
  /** PENDING and IN_PROGRESS together (an inspector's queue) */
  open: z.enum(['true', 'false']).optional(),
});
export type TInspectionListQuery = z.infer<typeof ZInspectionListQuery>;

export const ZInspectionDetail = ZInspectionListItem.extend({
  rubric: z.object({ id: z.string(), name: z.string(), version: ZVersion }),
  rubricSnapshot: z.array(ZRubricCriterion),
  scores: z.array(ZCriterionScore),
  criticalFailed: z.boolean().nullable(),
  callbackOutcome: ZCallbackOutcome.nullable(),
  comment: z.string().nullable(),
  timeSpentSec: z.number().int(),
  startedAt: z.string().nullable(),
  passThreshold: z.number().int(),
  visit: z.object({
    id: z.string(),
    startedAt: z.string(),
    durationSec: z.number().int().nullable(),
    channel: ZChannel,
    outcome: ZVisitOutcome,
    satisfaction: z.number().int().nullable(),
    purpose: z.string(),
    dueDate: z.string(),
    answers: z.array(ZStoredAnswer),
    opinions: z.string().nullable(),
    suggestions: z.string().nullable(),
    recordingRef: z.string().nullable(),
    /** audio files uploaded to the record (GET /recordings?visitId=) */
    uploadedRecordings: z.number().int(),
    /** a reference or an uploaded file: listening to it is the default method (docs/rules.md#r-rec-6-the-inspection-method) */
    hasRecording: z.boolean(),
    amendmentCount: z.number().int(),
    /** made on a later day than the task was due (organisation time) */
    late: z.boolean(),
    /** the whole questionnaire of the visit, each question with its answer (null: not answered) */
    questionnaire: z
      .object({
        name: z.string(),
        items: z.array(
          z.object({
            questionId: z.string(),
            label: z.string(),
            kind: ZQuestionKind,
            value: ZAnswerValue.nullable(),
            answered: z.boolean(),
          }),
        ),
      })
      .nullable(),
  }),
  history: z.array(
    z.object({
      id: z.string(),
      startedAt: z.string(),
      channel: ZChannel,
      outcome: ZVisitOutcome,
      satisfaction: z.number().int().nullable(),
      caller: ZPerson,
      opinions: z.string().nullable(),
    }),
  ),
  appeals: z.array(ZAppeal),
  canAppeal: z.boolean(),
  /** the inspection's next steps for this user: the workflow's, and only for its inspector */
  can: z.object({ start: z.boolean(), saveDraft: z.boolean(), submit: z.boolean() }),
});
export type TInspectionDetail = z.infer<typeof ZInspectionDetail>;

export const ZInspectionCreate = z.object({
  visitId: z.uuid(),
  /** default: the acting supervisor */
  inspectorId: z.uuid().optional(),
  /** default: RECORDING_REVIEW when the record has a recording, else RECORD_CHECK */
  method: ZInspectionMethod.optional(),
  rubricId: z.uuid().optional(),
});
export type TInspectionCreate = z.infer<typeof ZInspectionCreate>;

export const ZInspectionDraft = z.object({
  scores: z.array(ZCriterionScore).max(30).optional(),
  findings: z.array(ZFinding).max(6).optional(),
  comment: z.string().trim().max(2000).nullish(),
  method: ZInspectionMethod.optional(),
  callbackOutcome: ZCallbackOutcome.nullish(),
  /** seconds spent in this sitting; added to the total */
  timeSpentSec: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600)
    .optional(),
  version: ZVersion.optional(),
});
export type TInspectionDraft = z.infer<typeof ZInspectionDraft>;

export const ZInspectionSubmit = ZInspectionDraft;
export type TInspectionSubmit = TInspectionDraft;

export const ZVersionBody = z.object({ version: ZVersion.optional() }).default({});

// ---------------------------------------------------------------- appeals

export const ZAppealCreate = z.object({
  reason: z.string().trim().min(2).max(2000),
  items: z
    .array(z.object({ criterionId: z.string(), proposedScore: z.number().int().min(0).max(100).optional() }))
    .max(30)
    .optional(),
});
export type TAppealCreate = z.infer<typeof ZAppealCreate>;

export const ZAppealDecide = z
  .object({
    decision: z.enum(['UPHELD', 'OVERTURNED']),
    reason: z.string().trim().min(2).max(2000),
    /**
     * OVERTURNED only: overturn these items, not the whole inspection; each gets `score` (default:
     * the caller's proposed score, else the full weight) and the result is recomputed
     */
    items: z
      .array(
        z.object({
          criterionId: z.string().min(1).max(40),
          score: z.number().int().min(0).max(100).optional(),
        }),
      )
      .min(1)
      .max(30)
      .optional(),
    /** the inspection's version the manager saw: another → 409 STALE_VERSION */
    version: ZVersion.optional(),
  })
  .refine((v) => v.decision === 'OVERTURNED' || v.items === undefined, {
    message: 'only an OVERTURNED decision names items',
    path: ['items'],
  })
  .refine((v) => new Set(v.items?.map((i) => i.criterionId)).size === (v.items?.length ?? 0), {
    message: 'each item once',
    path: ['items'],
  });
export type TAppealDecide = z.infer<typeof ZAppealDecide>;

export const ZAppealListItem = ZAppeal.extend({
  inspection: z.object({
    id: z.string(),
    total: z.number().int().nullable(),
    passed: z.boolean().nullable(),
    effectivePassed: z.boolean().nullable(),
    effectiveTotal: z.number().int().nullable(),
    criticalFailed: z.boolean().nullable(),
    passThreshold: z.number().int(),
    version: ZVersion,
    /** every item of the rubric as scored, in the rubric's order, with the inspector's comment */
    items: z.array(
      z.object({
        criterionId: z.string(),
        name: z.string(),
        weight: z.number().int(),
        critical: z.boolean(),
        score: z.number().int().nullable(),
        failed: z.boolean(),
        comment: z.string().nullable(),
        /** the caller disputes it */
        appealed: z.boolean(),
        proposedScore: z.number().int().nullable(),
      }),
    ),
    inspector: ZPerson,
    customer: z.object({ id: z.string(), name: z.string() }),
    findings: z.array(ZFinding),
    submittedAt: z.string().nullable(),
  }),
});
export type TAppealListItem = z.infer<typeof ZAppealListItem>;

export const ZAppealListQuery = ZPageQuery.extend({ status: ZAppealStatus.optional() });
export type TAppealListQuery = z.infer<typeof ZAppealListQuery>;
