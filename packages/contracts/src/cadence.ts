// Contracts of cadence rules (docs/product.md#cadence-rules): after which customer event, or how
// often by value tier, a customer is visited, by whom, and the rule's approval.
import { z } from 'zod';
import { ZCustomerEventKind } from './customer-events.ts';
import { ZChannel, ZTier } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPage, ZPageQuery } from './pagination.ts';
import {
  CADENCE_DOERS,
  CADENCE_RULE_STATUSES,
  CADENCE_UNITS,
  CADENCE_VISIT_REASONS,
  CADENCE_VISIT_STATUSES,
} from './values.ts';

export const ZCadenceRuleStatus = z.enum(CADENCE_RULE_STATUSES);
export type TCadenceRuleStatus = z.infer<typeof ZCadenceRuleStatus>;
export const ZCadenceDoer = z.enum(CADENCE_DOERS);
export type TCadenceDoer = z.infer<typeof ZCadenceDoer>;
export const ZCadenceUnit = z.enum(CADENCE_UNITS);

const ZWindowDays = z.number().int().min(0).max(365);

export const ZCadenceOffset = z.strictObject({
  /** stable across edits: a visit already made for this key is never made again */
  key: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _'),
  amount: z.number().int().min(0).max(3660),
  unit: ZCadenceUnit,
  windowDays: ZWindowDays,
});
export type TCadenceOffset = z.infer<typeof ZCadenceOffset>;

export const ZCadenceTrigger = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('AFTER_EVENT'),
    eventKind: ZCustomerEventKind,
    offsets: z
      .array(ZCadenceOffset)
      .min(1)
      .max(12)
      .refine((o) => new Set(o.map((x) => x.key)).size === o.length, 'each visit needs its own key'),
  }),
  z.strictObject({
    kind: z.literal('EVERY_MONTHS'),
    eventKind: ZCustomerEventKind,
    everyMonths: z
      .partialRecord(ZTier, z.number().int().min(1).max(120))
      .refine((m) => Object.keys(m).length > 0, 'a period for at least one tier'),
    windowDays: ZWindowDays,
  }),
]);
export type TCadenceTrigger = z.infer<typeof ZCadenceTrigger>;

/** What a rule says; a draft and the approved (active) version each hold one. */
export const ZCadenceDefinition = z.strictObject({
  name: z.string().trim().min(1).max(60),
  trigger: ZCadenceTrigger,
  /** basis points of the matching events that get the visits (5000: half) */
  shareBp: z.number().int().min(1).max(10_000),
  /** the visits' purpose, shown on the task */
  purpose: z.string().trim().min(1).max(200),
  channel: ZChannel,
  questionnaireId: z.uuid().nullable(),
  doer: ZCadenceDoer,
  /** the team whose callers (or lead) make the visits; null: any team's */
  teamId: z.uuid().nullable(),
  /** an off rule asks for no visits */
  enabled: z.boolean(),
  /** tell the customer a week ahead of each visit, by SMS or e-mail (docs/rules.md#r-cad-8-week-ahead-notice); absent: no */
  noticeWeekAhead: z.boolean().optional(),
});
export type TCadenceDefinition = z.infer<typeof ZCadenceDefinition>;

export const ZCadenceRuleCreate = z.strictObject({ definition: ZCadenceDefinition });
export const ZCadenceRulePatch = z.strictObject({ version: ZVersion, definition: ZCadenceDefinition });
export type TCadenceRulePatch = z.input<typeof ZCadenceRulePatch>;
export const ZCadenceRuleStep = z.strictObject({ version: ZVersion });
export const ZCadenceRuleReject = z.strictObject({
  version: ZVersion,
  comment: z.string().trim().min(1).max(500),
});

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZCadenceRule = z.object({
  id: z.string(),
  /** the shipped default it started as (null: added by the organisation) */
  code: z.string().nullable(),
  status: ZCadenceRuleStatus,
  /** what is being edited or awaits approval; equal to `active` when APPROVED */
  draft: ZCadenceDefinition,
  /** the approved version the daily job runs as a standing rule; null before the first approval */
  active: ZCadenceDefinition.nullable(),
  /** how many times a version was approved */
  activeVersion: z.number().int(),
  seed: z.number().int(),
  submitted: z.object({ at: z.string(), by: ZPerson.nullable() }).nullable(),
  decided: z
    .object({ at: z.string(), by: ZPerson.nullable(), approved: z.boolean(), comment: z.string().nullable() })
    .nullable(),
  version: z.number().int(),
  can: z.object({ edit: z.boolean(), submit: z.boolean(), approve: z.boolean(), reject: z.boolean() }),
  updatedAt: z.string(),
});
export type TCadenceRule = z.infer<typeof ZCadenceRule>;
export const ZCadenceRuleList = z.object({ items: z.array(ZCadenceRule) });

/** GET /cadence-rules/forecast — the visits the rules will ask for in a year (年度随访计划). */
export const ZCadenceForecastQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100),
});
export const ZCadenceForecast = z.object({
  year: z.number().int(),
  /** `YYYY-MM` of the year, in order */
  months: z.array(z.string()),
  rules: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      /** an approved version that is on: its visits become tasks; otherwise they are proposals */
      standing: z.boolean(),
      /** visits due in each month, in the order of `months` */
      perMonth: z.array(z.number().int()),
      total: z.number().int(),
    }),
  ),
  /** active callers of the organisation, for the load per caller */
  callers: z.number().int(),
  /** the events the forecast counted from (recorded up to now) */
  events: z.number().int(),
});
export type TCadenceForecast = z.infer<typeof ZCadenceForecast>;

export const ZCadenceVisitStatus = z.enum(CADENCE_VISIT_STATUSES);
export const ZCadenceVisitReason = z.enum(CADENCE_VISIT_REASONS);
export type TCadenceVisitReason = z.infer<typeof ZCadenceVisitReason>;

/** GET /cadence-visits — the rules' visits the daily run did not make (or took back), for the lead. */
export const ZCadenceVisitQuery = ZPageQuery.extend({
  /** SUPPRESSED, POSTPONED and WITHDRAWN by default: what a lead must know about */
  status: ZCadenceVisitStatus.optional(),
  reason: ZCadenceVisitReason.optional(),
  ruleId: z.uuid().optional(),
  /** only visits whose window is still open on the organisation's today */
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type TCadenceVisitQuery = z.infer<typeof ZCadenceVisitQuery>;

export const ZCadenceVisit = z.object({
  id: z.string(),
  rule: z.object({ id: z.string(), name: z.string() }),
  customer: z.object({ id: z.string(), name: z.string() }),
  eventKind: z.string(),
  eventDay: z.string(),
  dueDay: z.string(),
  windowEnd: z.string(),
  status: ZCadenceVisitStatus,
  reason: ZCadenceVisitReason.nullable(),
  /** a postponed visit: the first day it may be made */
  notBefore: z.string().nullable(),
  taskId: z.string().nullable(),
  updatedAt: z.string(),
});
export type TCadenceVisit = z.infer<typeof ZCadenceVisit>;
export const ZCadenceVisitPage = ZPage(ZCadenceVisit);
