// Contracts of confidentiality (保密, docs/rules.md#r-conf-1-agreements): versioned agreements every
// user signs, the reveal policy and reveal requests, and the hand-over when a user leaves or moves.
import { z } from 'zod';
import { HANDOVER_KINDS, REVEAL_POLICIES, REVEAL_REQUEST_STATUSES } from './values.ts';

export const ZRevealPolicy = z.enum(REVEAL_POLICIES);
export type TRevealPolicy = z.infer<typeof ZRevealPolicy>;
export const ZRevealRequestStatus = z.enum(REVEAL_REQUEST_STATUSES);
export type TRevealRequestStatus = z.infer<typeof ZRevealRequestStatus>;
export const ZHandoverKind = z.enum(HANDOVER_KINDS);
export type THandoverKind = z.infer<typeof ZHandoverKind>;

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZAgreement = z.object({
  id: z.string(),
  version: z.number().int(),
  title: z.string(),
  body: z.string(),
  publishedAt: z.string(),
  publishedBy: ZPerson.nullable(),
  /** the newest version: the one to sign */
  current: z.boolean(),
  /** when the viewer signed this version (null: not signed) */
  signedAt: z.string().nullable(),
  /** for agreement:manage: how many active users have signed it, of how many */
  signedCount: z.number().int().nullable(),
  activeUsers: z.number().int().nullable(),
});
export type TAgreement = z.infer<typeof ZAgreement>;

/** GET /agreements */
export const ZAgreementList = z.object({
  items: z.array(ZAgreement),
  /** the viewer has signed the current version (true while none is published) */
  signed: z.boolean(),
  currentId: z.string().nullable(),
  revealPolicy: ZRevealPolicy,
});
export type TAgreementList = z.infer<typeof ZAgreementList>;

/** POST /agreements: publishes a new version */
export const ZAgreementCreate = z.object({
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(20_000),
});
export type TAgreementCreate = z.infer<typeof ZAgreementCreate>;

export const ZSignature = z.object({
  agreementId: z.string(),
  version: z.number().int(),
  signedAt: z.string(),
  ip: z.string().nullable(),
});
export type TSignature = z.infer<typeof ZSignature>;

/** GET /agreements/{id}/signatures */
export const ZAgreementSignatures = z.object({
  items: z.array(
    z.object({
      user: ZPerson,
      active: z.boolean(),
      signedAt: z.string().nullable(),
      ip: z.string().nullable(),
      archivedAt: z.string().nullable(),
    }),
  ),
});
export type TAgreementSignatures = z.infer<typeof ZAgreementSignatures>;

/** PUT /confidentiality/policy */
export const ZRevealPolicyUpdate = z.object({
  revealPolicy: ZRevealPolicy,
  version: z.number().int().min(1),
});
export const ZRevealPolicySetting = z.object({ revealPolicy: ZRevealPolicy, version: z.number().int() });
export type TRevealPolicySetting = z.infer<typeof ZRevealPolicySetting>;

/** GET /customers/{id}/contact?reason= (the reason the REASON policy asks for) */
export const ZRevealQuery = z.object({ reason: z.string().max(500).optional() });

export const ZRevealRequest = z.object({
  id: z.string(),
  requester: ZPerson,
  customer: z.object({ id: z.string(), name: z.string() }),
  reason: z.string(),
  status: ZRevealRequestStatus,
  createdAt: z.string(),
  decidedBy: ZPerson.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** the viewer may approve or refuse it now */
  mayDecide: z.boolean(),
});
export type TRevealRequest = z.infer<typeof ZRevealRequest>;

export const ZRevealRequestList = z.object({ items: z.array(ZRevealRequest) });
export const ZRevealRequestCreate = z.object({
  customerId: z.uuid(),
  reason: z.string().trim().min(1).max(500),
});
export const ZRevealRequestDecide = z.object({
  decision: z.enum(['APPROVED', 'REFUSED']),
  note: z.string().trim().max(500).optional(),
});

/** GET /users/{id}/handover: what a hand-over would do */
export const ZHandoverPreview = z.object({
  user: ZPerson.extend({ active: z.boolean(), role: z.string() }),
  openTasks: z.number().int(),
  sessions: z.number().int(),
  signatures: z.number().int(),
  /** audit rows of contact data the user read: kept, never deleted */
  contactReads: z.number().int(),
  handovers: z.array(
    z.object({
      id: z.string(),
      kind: ZHandoverKind,
      toUser: ZPerson.nullable(),
      tasksReassigned: z.number().int(),
      sessionsEnded: z.number().int(),
      agreementsArchived: z.number().int(),
      by: ZPerson.nullable(),
      at: z.string(),
      note: z.string().nullable(),
    }),
  ),
});
export type THandoverPreview = z.infer<typeof ZHandoverPreview>;

/** POST /users/{id}/handover */
export const ZHandoverCreate = z.object({
  kind: ZHandoverKind,
  /** who takes over the open tasks (an active caller of the organisation); required while there are any */
  toUserId: z.uuid().optional(),
  note: z.string().trim().max(1000).optional(),
});
export type THandoverCreate = z.infer<typeof ZHandoverCreate>;
