// Confidentiality (保密, docs/rules.md#r-conf-1-agreements): whether a user's signature covers the
// current agreement, who may see or reveal a full contact and what the reveal policy asks first,
// who may export personal data, and who may decide a reveal request.
import {
  type REVEAL_POLICIES,
  REVEAL_REASON_MIN,
  type REVEAL_REQUEST_STATUSES,
} from '@huifang/contracts/values';

export type RevealPolicy = (typeof REVEAL_POLICIES)[number];
export type RevealRequestStatus = (typeof REVEAL_REQUEST_STATUSES)[number];

/**
 * Whether a user has signed the current agreement (R-CONF-1): with no agreement published yet there
 * is nothing to sign; otherwise an unarchived signature of the newest version is needed, an older
 * version's signature does not count.
 */
export function agreementSatisfied(
  currentVersion: number | null,
  signedVersions: readonly number[],
): boolean {
  if (currentVersion === null) return true;
  return signedVersions.includes(currentVersion);
}

/**
 * A full contact in a detail view (a task, a customer, an enquiry): only where the object already
 * grants it (the assignee's open task, the enquiry's handler) and only once the agreement is signed
 * (R-CONF-2). Everything else is masked.
 */
export function showsFullContact(c: { grantedByObject: boolean; signed: boolean }): boolean {
  return c.grantedByObject && c.signed;
}

export interface RevealContext {
  /** the user has signed the current agreement (agreementSatisfied) */
  signed: boolean;
  /** the customer is on one of the user's own open tasks */
  ownOpenTask: boolean;
  /** the user's role may reveal any customer's contact (customer:contact:reveal) */
  mayRevealAny: boolean;
  policy: RevealPolicy;
  /** the reason the user gave, if any */
  reason?: string | null;
  /** the user holds an approved, unused reveal request for this customer */
  approved: boolean;
}

export type RevealRefusal =
  | 'FORBIDDEN'
  | 'AGREEMENT_REQUIRED'
  | 'REVEAL_REASON_REQUIRED'
  | 'REVEAL_APPROVAL_REQUIRED';

export type RevealVerdict =
  | { ok: true; via: 'OWN_TASK' | 'POLICY_NONE' | 'REASON' | 'APPROVAL' }
  | { ok: false; refusal: RevealRefusal };

/** A reason counts when it has at least REVEAL_REASON_MIN characters besides spaces. */
export function isRevealReason(reason: string | null | undefined): boolean {
  return (reason ?? '').replace(/\s+/g, '').length >= REVEAL_REASON_MIN;
}

/**
 * Whether a user may reveal a customer's full contact (R-CONF-2, R-CONF-3), checked in this order:
 * no right to the customer at all → FORBIDDEN; not signed → AGREEMENT_REQUIRED; the customer is on
 * the user's own open task → allowed whatever the policy; otherwise the policy: NONE allows, REASON
 * asks for a reason, APPROVAL for an approved request.
 */
export function revealVerdict(c: RevealContext): RevealVerdict {
  if (!c.ownOpenTask && !c.mayRevealAny) return { ok: false, refusal: 'FORBIDDEN' };
  if (!c.signed) return { ok: false, refusal: 'AGREEMENT_REQUIRED' };
  if (c.ownOpenTask) return { ok: true, via: 'OWN_TASK' };
  switch (c.policy) {
    case 'NONE':
      return { ok: true, via: 'POLICY_NONE' };
    case 'REASON':
      return isRevealReason(c.reason)
        ? { ok: true, via: 'REASON' }
        : { ok: false, refusal: 'REVEAL_REASON_REQUIRED' };
    case 'APPROVAL':
      return c.approved ? { ok: true, via: 'APPROVAL' } : { ok: false, refusal: 'REVEAL_APPROVAL_REQUIRED' };
  }
}

/** An export of personal data (customers, incentive sheets, the churn week) needs the signature (R-CONF-2). */
export function mayExportPersonalData(signed: boolean): boolean {
  return signed;
}

/**
 * Who may decide a reveal request (R-CONF-4): a user with the right to approve, never the requester,
 * and only while it is pending.
 */
export function mayDecideRevealRequest(r: {
  deciderId: string;
  requesterId: string;
  mayApprove: boolean;
  status: RevealRequestStatus;
}): boolean {
  return r.mayApprove && r.deciderId !== r.requesterId && r.status === 'PENDING';
}
