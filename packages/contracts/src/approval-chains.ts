// Contracts of the approval chains (docs/rules.md#r-chain-1-chains): per organisation, who reviews and
// approves plans, team reports and the department roll-up, in order, and who decides appeals.
import { z } from 'zod';
import { ZMonth, ZRole } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { CHAIN_LIMITS, JOB_TITLES, SIGN_OFF_STATUSES } from './values.ts';

export const ZJobTitle = z.enum(JOB_TITLES);
export type TJobTitle = z.infer<typeof ZJobTitle>;

/** One step of a chain: a user of this role, and of this title when one is named, acts at it. */
export const ZChainStep = z.strictObject({ role: ZRole, title: ZJobTitle.nullable() });
export type TChainStep = z.infer<typeof ZChainStep>;

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZApprovalChains = z.object({
  planSteps: z.array(ZChainStep),
  reportSteps: z.array(ZChainStep),
  rollupSteps: z.array(ZChainStep),
  appealDecider: ZChainStep,
  /** 0: the defaults, never changed */
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  updatedBy: ZPerson.nullable(),
  canEdit: z.boolean(),
});
export type TApprovalChains = z.infer<typeof ZApprovalChains>;

export const ZApprovalChainsPut = z.strictObject({
  planSteps: z.array(ZChainStep).min(CHAIN_LIMITS.plan.min).max(CHAIN_LIMITS.plan.max),
  reportSteps: z.array(ZChainStep).min(CHAIN_LIMITS.report.min).max(CHAIN_LIMITS.report.max),
  rollupSteps: z.array(ZChainStep).min(CHAIN_LIMITS.report.min).max(CHAIN_LIMITS.report.max),
  appealDecider: ZChainStep,
  version: ZVersion,
});
export type TApprovalChainsPut = z.input<typeof ZApprovalChainsPut>;

export const ZUserTitlePut = z.strictObject({ title: ZJobTitle.nullable() });

export const ZSignOffStatus = z.enum(SIGN_OFF_STATUSES);

/** The lead's decision on a visit record: sign it off, or send it back with a comment. */
export const ZSignOffDecision = z.strictObject({
  decision: z.enum(['SIGN_OFF', 'SEND_BACK']),
  comment: z.string().trim().max(500).optional(),
  version: ZVersion,
});
export type TSignOffDecision = z.input<typeof ZSignOffDecision>;

export const ZSignOffQuery = z.object({
  /** WAITING (default): not yet signed off nor sent back */
  status: z.enum(['WAITING', 'SIGNED_OFF', 'SENT_BACK']).default('WAITING'),
  /** YYYY-MM: the month whose records the rate covers (the organisation's time) */
  month: ZMonth,
});

export const ZSignOffItem = z.object({
  id: z.string(),
  startedAt: z.string(),
  callerId: z.string(),
  callerName: z.string().nullable(),
  customerName: z.string().nullable(),
  outcome: z.string(),
  satisfaction: z.number().int().nullable(),
  opinions: z.string().nullable(),
  signOffStatus: ZSignOffStatus.nullable(),
  signOffComment: z.string().nullable(),
  signOffAt: z.string().nullable(),
  amendmentCount: z.number().int(),
  version: z.number().int(),
});
export type TSignOffItem = z.infer<typeof ZSignOffItem>;

export const ZSignOffQueue = z.object({
  month: z.string(),
  items: z.array(ZSignOffItem),
  /** the month's records of the team: how many, signed off, sent back, waiting; rate in basis points */
  figures: z.object({
    total: z.number().int(),
    signedOff: z.number().int(),
    sentBack: z.number().int(),
    waiting: z.number().int(),
    rateBp: z.number().int().nullable(),
  }),
});
export type TSignOffQueue = z.infer<typeof ZSignOffQueue>;
