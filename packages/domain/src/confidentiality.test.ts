import { REVEAL_POLICIES } from '@huifang/contracts/values';
import { describe, expect, it } from 'vitest';
import {
  agreementSatisfied,
  isRevealReason,
  mayDecideRevealRequest,
  mayExportPersonalData,
  type RevealContext,
  revealVerdict,
  showsFullContact,
} from './confidentiality.ts';

describe('agreementSatisfied (R-CONF-1)', () => {
  it('needs nothing while no agreement is published', () => {
    expect(agreementSatisfied(null, [])).toBe(true);
  });
  it('needs a signature of the current version; an older one does not count', () => {
    expect(agreementSatisfied(2, [2])).toBe(true);
    expect(agreementSatisfied(2, [1, 2])).toBe(true);
    expect(agreementSatisfied(2, [1])).toBe(false);
    expect(agreementSatisfied(1, [])).toBe(false);
  });
});

describe('showsFullContact (R-CONF-2)', () => {
  it('shows a full contact only where the object grants it and the agreement is signed', () => {
    expect(showsFullContact({ grantedByObject: true, signed: true })).toBe(true);
    expect(showsFullContact({ grantedByObject: true, signed: false })).toBe(false);
    expect(showsFullContact({ grantedByObject: false, signed: true })).toBe(false);
    expect(showsFullContact({ grantedByObject: false, signed: false })).toBe(false);
  });
});

describe('isRevealReason', () => {
  it('counts characters besides spaces', () => {
    expect(isRevealReason(undefined)).toBe(false);
    expect(isRevealReason(null)).toBe(false);
    expect(isRevealReason('   ')).toBe(false);
    expect(isRevealReason('a b c')).toBe(false);
    expect(isRevealReason('投诉回电')).toBe(true);
    expect(isRevealReason(' abcd ')).toBe(true);
  });
});

describe('revealVerdict (R-CONF-2, R-CONF-3)', () => {
  const base: RevealContext = {
    signed: true,
    ownOpenTask: false,
    mayRevealAny: true,
    policy: 'NONE',
    reason: null,
    approved: false,
  };

  it('refuses a user with no right to the customer before anything else', () => {
    for (const signed of [true, false])
      for (const policy of REVEAL_POLICIES)
        expect(revealVerdict({ ...base, signed, policy, mayRevealAny: false, approved: true })).toEqual({
          ok: false,
          refusal: 'FORBIDDEN',
        });
  });

  it('asks for the signature before any policy, own task or not', () => {
    for (const ownOpenTask of [true, false])
      for (const policy of REVEAL_POLICIES)
        expect(
          revealVerdict({
            ...base,
            signed: false,
            ownOpenTask,
            policy,
            reason: 'a good reason',
            approved: true,
          }),
        ).toEqual({ ok: false, refusal: 'AGREEMENT_REQUIRED' });
  });

  it("allows the customer of one's own open task whatever the policy", () => {
    for (const policy of REVEAL_POLICIES)
      for (const mayRevealAny of [true, false])
        expect(revealVerdict({ ...base, ownOpenTask: true, mayRevealAny, policy })).toEqual({
          ok: true,
          via: 'OWN_TASK',
        });
  });

  it('NONE allows a signed user with the right', () => {
    expect(revealVerdict(base)).toEqual({ ok: true, via: 'POLICY_NONE' });
  });

  it('REASON asks for a reason', () => {
    const p = { ...base, policy: 'REASON' as const };
    expect(revealVerdict(p)).toEqual({ ok: false, refusal: 'REVEAL_REASON_REQUIRED' });
    expect(revealVerdict({ ...p, reason: ' x ' })).toEqual({ ok: false, refusal: 'REVEAL_REASON_REQUIRED' });
    expect(revealVerdict({ ...p, approved: true })).toEqual({ ok: false, refusal: 'REVEAL_REASON_REQUIRED' });
    expect(revealVerdict({ ...p, reason: 'customer complaint call-back' })).toEqual({
      ok: true,
      via: 'REASON',
    });
  });

  it('APPROVAL asks for an approved request; a reason alone is not enough', () => {
    const p = { ...base, policy: 'APPROVAL' as const };
    expect(revealVerdict(p)).toEqual({ ok: false, refusal: 'REVEAL_APPROVAL_REQUIRED' });
    expect(revealVerdict({ ...p, reason: 'customer complaint call-back' })).toEqual({
      ok: false,
      refusal: 'REVEAL_APPROVAL_REQUIRED',
    });
    expect(revealVerdict({ ...p, approved: true })).toEqual({ ok: true, via: 'APPROVAL' });
  });
});

describe('mayExportPersonalData (R-CONF-2)', () => {
  it('needs the signature', () => {
    expect(mayExportPersonalData(true)).toBe(true);
    expect(mayExportPersonalData(false)).toBe(false);
  });
});

describe('mayDecideRevealRequest (R-CONF-4)', () => {
  const r = { deciderId: 'a', requesterId: 'b', mayApprove: true, status: 'PENDING' as const };
  it('lets an approver decide a pending request of someone else', () => {
    expect(mayDecideRevealRequest(r)).toBe(true);
  });
  it('never the requester, nobody without the right, nothing already decided', () => {
    expect(mayDecideRevealRequest({ ...r, deciderId: 'b' })).toBe(false);
    expect(mayDecideRevealRequest({ ...r, mayApprove: false })).toBe(false);
    for (const status of ['APPROVED', 'REFUSED', 'USED'] as const)
      expect(mayDecideRevealRequest({ ...r, status })).toBe(false);
  });
});

describe('revealVerdict over every combination', () => {
  const bools = [true, false];
  const reasons = [null, '', ' x ', 'a real reason'];
  const all: RevealContext[] = [];
  for (const signed of bools)
    for (const ownOpenTask of bools)
      for (const mayRevealAny of bools)
        for (const approved of bools)
          for (const reason of reasons)
            for (const policy of REVEAL_POLICIES)
              all.push({ signed, ownOpenTask, mayRevealAny, approved, reason, policy });

  it('never allows an unsigned user, nor one without any right to the customer', () => {
    for (const c of all) {
      const v = revealVerdict(c);
      if (!c.signed || (!c.ownOpenTask && !c.mayRevealAny)) expect(v.ok, JSON.stringify(c)).toBe(false);
    }
  });

  it('always allows a signed user their own open task', () => {
    for (const c of all.filter((x) => x.signed && x.ownOpenTask)) expect(revealVerdict(c).ok).toBe(true);
  });

  it('outside their own tasks, allows exactly what the policy asks', () => {
    for (const c of all.filter((x) => x.signed && !x.ownOpenTask && x.mayRevealAny)) {
      const expected =
        c.policy === 'NONE' ||
        (c.policy === 'REASON' && isRevealReason(c.reason)) ||
        (c.policy === 'APPROVAL' && c.approved);
      expect(revealVerdict(c).ok, JSON.stringify(c)).toBe(expected);
    }
  });
});
