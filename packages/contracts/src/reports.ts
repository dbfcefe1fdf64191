import { z } from 'zod';
import { ZChainStep } from './approval-chains.ts';
import { ZMonth } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { type NARRATIVE_SECTIONS, REPORT_STATUSES } from './values.ts';

export const ZReportStatus = z.enum(REPORT_STATUSES);
export type TReportStatus = z.infer<typeof ZReportStatus>;

export type TNarrativeSection = (typeof NARRATIVE_SECTIONS)[number];

/** A rate kept exact: numerator, denominator and basis points (null when the denominator is 0). */
export const ZRatio = z.object({ num: z.int(), den: z.int(), bp: z.int().nullable() });
export type TRatio = z.infer<typeof ZRatio>;

export const ZReportCallerRow = z.object({
  userId: z.uuid(),
  name: z.string(),
  assigned: z.int(),
  done: z.int(),
  completionBp: z.int().nullable(),
  satisfactionCount: z.int(),
  /** mean satisfaction in hundredths (432 = 4.32) */
  satisfactionMean: z.int().nullable(),
  inspected: z.int(),
  passed: z.int(),
  passRateBp: z.int().nullable(),
});
export type TReportCallerRow = z.infer<typeof ZReportCallerRow>;

/** The generated figures of a month (and optionally one team), in the organisation's timezone. */
export const ZReportFigures = z.object({
  month: ZMonth,
  teamId: z.uuid().nullable(),
  timezone: z.string(),
  computedAt: z.string(),
  tasks: z.object({ assigned: z.int(), done: z.int(), completion: ZRatio }),
  satisfaction: z.object({
    count: z.int(),
    sum: z.int(),
    /** hundredths (432 = 4.32), null without answers */
    meanHundredths: z.int().nullable(),
    mean: z.string().nullable(),
    /** counts for scores 1..5 */
    distribution: z.array(z.object({ score: z.int(), count: z.int() })),
  }),
  problems: z.array(z.object({ category: z.string(), count: z.int() })),
  tickets: z.object({
    created: z.int(),
    closed: z.int(),
    respondedOnTime: z.int(),
    respondedLate: z.int(),
    onTime: ZRatio,
    overdueNow: z.int(),
    reopened: z.int(),
  }),
  inspections: z.object({
    submitted: z.int(),
    passed: z.int(),
    passRate: ZRatio,
    findings: z.array(z.object({ finding: z.string(), count: z.int() })),
  }),
  callers: z.array(ZReportCallerRow),
});
export type TReportFigures = z.infer<typeof ZReportFigures>;

export const ZReportNarrative = z.object({
  overview: z.string().max(20000).default(''),
  satisfaction: z.string().max(20000).default(''),
  problems: z.string().max(20000).default(''),
  suggestions: z.string().max(20000).default(''),
});
export type TReportNarrative = z.infer<typeof ZReportNarrative>;

export const ZReportSummary = z.object({
  id: z.uuid(),
  month: ZMonth,
  teamId: z.uuid().nullable(),
  teamName: z.string().nullable(),
  status: ZReportStatus,
  /** TEAM: a team's report; ROLLUP: the department's month, built from the approved team reports */
  kind: z.enum(['TEAM', 'ROLLUP']),
  createdById: z.uuid(),
  creatorName: z.string().nullable(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  version: ZVersion,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TReportSummary = z.infer<typeof ZReportSummary>;

export const ZReportReview = z.object({
  id: z.uuid(),
  /** FORWARD: a step of the chain approved and passed the report to the next one */
  action: z.enum(['SUBMIT', 'RETURN', 'APPROVE', 'FORWARD']),
  actorId: z.uuid(),
  actorName: z.string().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type TReportReview = z.infer<typeof ZReportReview>;

export const ZReportDetail = ZReportSummary.extend({
  figures: ZReportFigures,
  narrative: ZReportNarrative,
  decidedById: z.uuid().nullable(),
  deciderName: z.string().nullable(),
  returnComment: z.string().nullable(),
  /** what the user may do next (the report workflow, computed by the server) */
  can: z.object({
    edit: z.boolean(),
    refresh: z.boolean(),
    submit: z.boolean(),
    approve: z.boolean(),
    return: z.boolean(),
  }),
  timeline: z.array(ZReportReview),
  /** the chain it was submitted with (or would be, while a draft) and the step due while SUBMITTED */
  chain: z.array(ZChainStep),
  chainStep: z.number().int(),
  /** a roll-up: the approved team reports it was built from */
  sources: z.array(z.object({ id: z.uuid(), teamName: z.string().nullable(), status: ZReportStatus })),
});
export type TReportDetail = z.infer<typeof ZReportDetail>;

export const ZReportListQuery = ZPageQuery.extend({
  month: ZMonth.optional(),
  status: ZReportStatus.optional(),
});
export type TReportListQuery = z.infer<typeof ZReportListQuery>;

export const ZReportCreate = z.object({ month: ZMonth, teamId: z.uuid().optional() });
export type TReportCreate = z.infer<typeof ZReportCreate>;

export const ZReportUpdate = z.object({
  /** the sections to change; the others stay as they are */
  narrative: z
    .object({
      overview: z.string().max(20000).optional(),
      satisfaction: z.string().max(20000).optional(),
      problems: z.string().max(20000).optional(),
      suggestions: z.string().max(20000).optional(),
    })
    .optional(),
  version: ZVersion.min(1).optional(),
});
export type TReportUpdate = z.infer<typeof ZReportUpdate>;

/** The department roll-up of a month (R-CHAIN-3): every team report of the month must be approved. */
export const ZReportRollupCreate = z.strictObject({ month: ZMonth });

export const ZReportReturn = z.object({ comment: z.string().trim().min(1).max(2000) });
export type TReportReturn = z.infer<typeof ZReportReturn>;
