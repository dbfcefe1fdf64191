import { describe, expect, it } from 'vitest';
import {
  CONTACT_POLICY_LIMITS,
  contactAllowed,
  contactPolicyProblems,
  DEFAULT_CONTACT_POLICY,
  inQuietHours,
  preferredWindowRank,
  PREFERRED_WINDOW_RANKS as R,
} from './contact-policy.ts';

const cap = (maxContacts: number, windowDays: number) => ({ maxContacts, windowDays });

describe('contactAllowed', () => {
  it('allows while fewer contacts than the cap are in the window', () => {
    expect(contactAllowed(cap(2, 30), [], '2026-12-03')).toEqual({ ok: true, count: 0 });
    expect(contactAllowed(cap(2, 30), ['2026-12-01'], '2026-12-03')).toEqual({ ok: true, count: 1 });
  });

  it('refuses at the cap and says the day a contact leaves the window', () => {
    // window of 12-11 is 11-12 … 12-11; the older of the two leaves it on 11-01 + 30 = 12-01
    expect(contactAllowed(cap(2, 30), ['2026-11-01', '2026-11-10'], '2026-11-20')).toEqual({
      ok: false,
      count: 2,
      notBefore: '2026-12-01',
    });
    // on that day one contact is left: allowed
    expect(contactAllowed(cap(2, 30), ['2026-11-01', '2026-11-10'], '2026-12-01')).toEqual({
      ok: true,
      count: 1,
    });
    // the day before, both are in
    expect(contactAllowed(cap(2, 30), ['2026-11-01', '2026-11-10'], '2026-11-30').ok).toBe(false);
  });

  it('counts the window with today included and the first day windowDays - 1 back', () => {
    expect(contactAllowed(cap(1, 7), ['2026-12-01'], '2026-12-07').ok).toBe(false);
    expect(contactAllowed(cap(1, 7), ['2026-12-01'], '2026-12-08').ok).toBe(true);
    expect(contactAllowed(cap(1, 1), ['2026-12-07'], '2026-12-07')).toEqual({
      ok: false,
      count: 1,
      notBefore: '2026-12-08',
    });
  });

  it('ignores contacts after today and takes days in any order, repeats counted', () => {
    expect(contactAllowed(cap(2, 30), ['2026-12-05', '2026-12-09'], '2026-12-04').ok).toBe(true);
    const r = contactAllowed(cap(2, 30), ['2026-12-03', '2026-11-20', '2026-12-03'], '2026-12-03');
    // three in the window: two must leave for one more; the second oldest is 12-03
    expect(r).toEqual({ ok: false, count: 3, notBefore: '2027-01-02' });
  });

  it('crosses month, year and leap-day boundaries', () => {
    expect(contactAllowed(cap(1, 30), ['2024-02-15'], '2024-03-15')).toEqual({
      ok: false,
      count: 1,
      notBefore: '2024-03-16',
    });
    expect(contactAllowed(cap(1, 10), ['2026-12-28'], '2027-01-02')).toEqual({
      ok: false,
      count: 1,
      notBefore: '2027-01-07',
    });
  });
});

describe('inQuietHours', () => {
  it('within a day: from included, to excluded', () => {
    const p = { quietFrom: '12:00', quietTo: '14:00' };
    expect(inQuietHours(p, '11:59')).toBe(false);
    expect(inQuietHours(p, '12:00')).toBe(true);
    expect(inQuietHours(p, '13:59')).toBe(true);
    expect(inQuietHours(p, '14:00')).toBe(false);
  });

  it('past midnight', () => {
    const p = { quietFrom: '21:00', quietTo: '09:00' };
    expect(inQuietHours(p, '20:59')).toBe(false);
    expect(inQuietHours(p, '21:00')).toBe(true);
    expect(inQuietHours(p, '00:00')).toBe(true);
    expect(inQuietHours(p, '08:59')).toBe(true);
    expect(inQuietHours(p, '09:00')).toBe(false);
  });

  it('none when either end is missing or both are equal', () => {
    expect(inQuietHours({ quietFrom: null, quietTo: null }, '23:00')).toBe(false);
    expect(inQuietHours({ quietFrom: '21:00', quietTo: null }, '23:00')).toBe(false);
    expect(inQuietHours({ quietFrom: '21:00', quietTo: '21:00' }, '21:00')).toBe(false);
  });
});

describe('preferredWindowRank', () => {
  it('ranks now, none, later, passed', () => {
    expect(preferredWindowRank('10:00', '12:00', '09:59')).toBe(R.LATER);
    expect(preferredWindowRank('10:00', '12:00', '10:00')).toBe(R.NOW);
    expect(preferredWindowRank('10:00', '12:00', '11:59')).toBe(R.NOW);
    expect(preferredWindowRank('10:00', '12:00', '12:00')).toBe(R.PASSED);
    expect(preferredWindowRank(null, null, '10:00')).toBe(R.NONE);
    expect(preferredWindowRank('10:00', null, '10:30')).toBe(R.NONE);
    expect(R.NOW < R.NONE && R.NONE < R.LATER && R.LATER < R.PASSED).toBe(true);
  });
});

describe('contactPolicyProblems', () => {
  it('accepts the defaults and the limits', () => {
    expect(contactPolicyProblems(DEFAULT_CONTACT_POLICY)).toEqual([]);
    const { maxContacts: m, windowDays: w } = CONTACT_POLICY_LIMITS;
    expect(
      contactPolicyProblems({ ...DEFAULT_CONTACT_POLICY, maxContacts: m.min, windowDays: w.max }),
    ).toEqual([]);
  });

  it('names each bad field', () => {
    expect(contactPolicyProblems({ ...DEFAULT_CONTACT_POLICY, maxContacts: 0 }).map((p) => p.path)).toEqual([
      'maxContacts',
    ]);
    expect(contactPolicyProblems({ ...DEFAULT_CONTACT_POLICY, windowDays: 1.5 }).map((p) => p.path)).toEqual([
      'windowDays',
    ]);
    expect(contactPolicyProblems({ ...DEFAULT_CONTACT_POLICY, windowDays: 366 }).map((p) => p.path)).toEqual([
      'windowDays',
    ]);
    expect(contactPolicyProblems({ ...DEFAULT_CONTACT_POLICY, quietTo: null }).map((p) => p.path)).toEqual([
      'quietTo',
    ]);
    expect(contactPolicyProblems({ ...DEFAULT_CONTACT_POLICY, quietFrom: null }).map((p) => p.path)).toEqual([
      'quietFrom',
    ]);
    expect(
      contactPolicyProblems({ ...DEFAULT_CONTACT_POLICY, quietFrom: '09:00', quietTo: '09:00' }).map(
        (p) => p.path,
      ),
    ).toEqual(['quietTo']);
    expect(contactPolicyProblems({ ...DEFAULT_CONTACT_POLICY, quietFrom: null, quietTo: null })).toEqual([]);
  });
});
