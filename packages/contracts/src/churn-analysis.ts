// The churn analysis group's week (每周召开一次会议, docs/rules.md#r-churn-5-weekly-analysis):
// GET /churn/weekly, PUT /churn/meetings/{week}, POST /churn/weekly/deep-dive, GET /churn/weekly/export.
import { z } from 'zod';
import { ZDay, ZWeek } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { CHURN_CATEGORIES, CHURN_STAGES } from './values.ts';

export const ZChurnWeeklyQuery = z.object({
  /** ISO week `YYYY-Www` in the organisation's timezone; the current week when left out */
  week: ZWeek.optional(),
});

export const ZChurnWeekParams = z.object({ week: ZWeek });

const ZStage = z.enum(CHURN_STAGES);
const ZCategory = z.enum(CHURN_CATEGORIES);

export const ZChurnParetoRow = z.object({
  /** the reason's id; null for the cases that name none yet */
  reasonId: z.uuid().nullable(),
  category: ZCategory.nullable(),
  label: z.string().nullable(),
  labelEn: z.string().nullable(),
  n: z.int(),
  /** this reason's share and the running share down the sorted list, in basis points (display only) */
  shareBp: z.int(),
  cumulativeBp: z.int(),
  /** among the reasons that make up the first 80 % (the "vital few") */
  vital: z.boolean(),
});

export const ZChurnWeekCase = z.object({
  id: z.uuid(),
  customerId: z.uuid().nullable(),
  /** the customer's name, or the enquiry's for someone who never enrolled */
  name: z.string(),
  stage: ZStage.nullable(),
  day: ZDay,
  category: ZCategory.nullable(),
  reasonLabel: z.string().nullable(),
  reasonLabelEn: z.string().nullable(),
  departmentName: z.string().nullable(),
  note: z.string().nullable(),
  evidenceKind: z.string().nullable(),
  /** picked for this week's deep dive */
  deepDive: z.boolean(),
  version: z.int(),
});

export const ZChurnDeepDive = ZChurnWeekCase.extend({
  visits: z.array(
    z.object({
      id: z.uuid(),
      startedAt: z.iso.datetime({ offset: true }),
      outcome: z.string(),
      satisfaction: z.int().nullable(),
      opinion: z.string().nullable(),
    }),
  ),
  tickets: z.array(
    z.object({ id: z.uuid(), number: z.int(), title: z.string(), category: z.string(), status: z.string() }),
  ),
  inspections: z.array(
    z.object({
      id: z.uuid(),
      visitId: z.uuid(),
      status: z.string(),
      score: z.int().nullable(),
      passed: z.boolean().nullable(),
    }),
  ),
});

export const ZChurnDecision = z.object({
  text: z.string().trim().min(1).max(500),
  /** the improvement measure the decision became */
  measureId: z.uuid().nullable().default(null),
});

export const ZChurnMeeting = z.object({
  id: z.uuid(),
  week: ZWeek,
  heldOn: ZDay,
  attendees: z.string().nullable(),
  minutes: z.string(),
  decisions: z.array(ZChurnDecision),
  createdByName: z.string().nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
  version: z.int(),
});

export const ZChurnMeetingWrite = z.object({
  heldOn: ZDay,
  attendees: z.string().trim().max(500).nullish(),
  minutes: z.string().trim().min(1).max(20000),
  decisions: z.array(ZChurnDecision).max(50).default([]),
  /** 0 to write the week's first minutes; the version read otherwise */
  version: ZVersion,
});

export const ZChurnWeekly = z.object({
  week: ZWeek,
  first: ZDay,
  last: ZDay,
  /** confirmed cases whose day (the day the customer left) falls in the week */
  total: z.int(),
  byStage: z.array(z.object({ stage: ZStage.nullable(), n: z.int() })),
  byCategory: z.array(z.object({ category: ZCategory.nullable(), n: z.int() })),
  pareto: z.array(ZChurnParetoRow),
  /** the 12 weeks up to and including this one, oldest first */
  trend: z.array(z.object({ week: ZWeek, total: z.int(), byStage: z.record(z.string(), z.int()) })),
  /** suggestions still waiting for a person (any week) */
  pendingSuggestions: z.int(),
  /** the week's cases (at most 200, newest day first) */
  cases: z.array(ZChurnWeekCase),
  casesTruncated: z.boolean(),
  /** the cases picked for the deep dive, with what is known of them */
  deepDives: z.array(ZChurnDeepDive),
  meeting: ZChurnMeeting.nullable(),
});

export const ZChurnDeepDivePick = z.object({
  caseId: z.uuid(),
  week: ZWeek,
  /** true to pick the case for the week's deep dive, false to take it off */
  picked: z.boolean(),
  version: ZVersion,
});

export type TChurnWeekly = z.infer<typeof ZChurnWeekly>;
export type TChurnWeekCase = z.infer<typeof ZChurnWeekCase>;
export type TChurnDeepDive = z.infer<typeof ZChurnDeepDive>;
export type TChurnMeeting = z.infer<typeof ZChurnMeeting>;
export type TChurnMeetingWrite = z.input<typeof ZChurnMeetingWrite>;
export type TChurnParetoRow = z.infer<typeof ZChurnParetoRow>;

// GET /dashboards/churn — churn on the manager's dashboard and the department head's
// (docs/rules.md#r-churn-6-churn-dashboard).

export const ZChurnDashboardQuery = z.object({
  /** the last month shown (`YYYY-MM`, organisation time); the current one when left out */
  month: z
    .string()
    .regex(/^(19[7-9]\d|2[01]\d\d)-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM (1970–2199)')
    .optional(),
});

export const ZChurnDashboard = z.object({
  month: z.string(),
  /** the department the figures are limited to (a department head), or null for the whole organisation */
  department: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  /** the 12 months up to `month`, oldest first */
  months: z.array(
    z.object({
      month: z.string(),
      /** confirmed cases whose day falls in the month, every stage */
      cases: z.int(),
      /** of those, people who had been customers (every stage but NOT_ENROLLED) */
      customerCases: z.int(),
      /** customers enrolled before the month began */
      base: z.int(),
      byStage: z.record(z.string(), z.int()),
      rate: z.object({ num: z.int(), den: z.int(), bp: z.int().nullable() }),
    }),
  ),
  /** the 12 months' reasons, largest first */
  reasons: z.array(ZChurnParetoRow),
  measures: z.object({
    byStatus: z.record(z.string(), z.int()),
    /** not done by their deadline (the day after it has begun) */
    overdue: z.int(),
    /** approved or in progress, deadline not passed */
    onTrack: z.int(),
    /** the latest evaluated, newest first */
    evaluated: z.array(
      z.object({
        id: z.uuid(),
        number: z.int(),
        title: z.string(),
        outcome: z.string().nullable(),
        evaluatedAt: z.iso.datetime({ offset: true }).nullable(),
      }),
    ),
  }),
});
export type TChurnDashboard = z.infer<typeof ZChurnDashboard>;
