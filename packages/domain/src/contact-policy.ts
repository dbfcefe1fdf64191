// The contact policy (docs/rules.md#r-cad-6-contact-policy): how often a customer may be contacted,
// when not at all (quiet hours), and in which order a caller's queue takes customers by the time of
// day they asked to be called. Pure: days are `YYYY-MM-DD`, times `HH:mm`, both in the
// organisation's calendar, handed in by the caller.
import { addDays } from './time.ts';

export interface ContactPolicyValues {
  /** at most this many contacts with one customer … */
  maxContacts: number;
  /** … in any this many consecutive days (today included) */
  windowDays: number;
  /** no contact from this time … (null: no quiet hours) */
  quietFrom: string | null;
  /** … until this one; earlier than `quietFrom` when the quiet hours run past midnight */
  quietTo: string | null;
}

/** What an organisation starts with: two contacts a month, nobody called between 21:00 and 09:00. */
export const DEFAULT_CONTACT_POLICY: ContactPolicyValues = {
  maxContacts: 2,
  windowDays: 30,
  quietFrom: '21:00',
  quietTo: '09:00',
};

export const CONTACT_POLICY_LIMITS = {
  maxContacts: { min: 1, max: 50 },
  windowDays: { min: 1, max: 365 },
} as const;

/** The outcomes of an attempt that did not reach the customer's phone and so are no contact. */
export const NOT_A_CONTACT_OUTCOMES = ['WRONG_NUMBER'] as const;

/**
 * Whether one more contact fits on `today`, given the days of the customer's contacts so far (any
 * order, any day, repeats for several contacts on a day). The window of `today` is the `windowDays`
 * days ending with it; contacts after `today` are not counted. When it does not fit, `notBefore` is
 * the first day it would: the day after the contact that must leave the window falls out of it.
 */
export function contactAllowed(
  policy: Pick<ContactPolicyValues, 'maxContacts' | 'windowDays'>,
  contactDays: readonly string[],
  today: string,
): { ok: true; count: number } | { ok: false; count: number; notBefore: string } {
  const since = addDays(today, 1 - policy.windowDays);
  const inWindow = contactDays.filter((d) => d >= since && d <= today).sort();
  const count = inWindow.length;
  if (count < policy.maxContacts) return { ok: true, count };
  // the newest contacts stay longest: with `maxContacts - 1` of them left in the window, one more fits
  const leaving = inWindow[count - policy.maxContacts]!;
  return { ok: false, count, notBefore: addDays(leaving, policy.windowDays) };
}

/** Whether `time` (HH:mm) falls in the quiet hours: from `quietFrom` included to `quietTo` excluded. */
export function inQuietHours(
  policy: Pick<ContactPolicyValues, 'quietFrom' | 'quietTo'>,
  time: string,
): boolean {
  const { quietFrom: from, quietTo: to } = policy;
  if (!from || !to || from === to) return false;
  return from < to ? time >= from && time < to : time >= from || time < to;
}

/**
 * A queue's order among tasks due by today, by the customer's preferred time window at `time`:
 * 0 the window is now, 1 no window given, 2 the window is later today, 3 it has passed today.
 * The SQL of the task queue (apps/api/src/modules/tasks/service.ts) computes the same ranks.
 */
export const PREFERRED_WINDOW_RANKS = { NOW: 0, NONE: 1, LATER: 2, PASSED: 3 } as const;

export function preferredWindowRank(from: string | null, to: string | null, time: string): number {
  if (!from || !to) return PREFERRED_WINDOW_RANKS.NONE;
  if (time < from) return PREFERRED_WINDOW_RANKS.LATER;
  if (time < to) return PREFERRED_WINDOW_RANKS.NOW;
  return PREFERRED_WINDOW_RANKS.PASSED;
}

/** Problems with a policy's values, by field; empty when it may be saved. */
export function contactPolicyProblems(p: ContactPolicyValues): Array<{ path: string; message: string }> {
  const out: Array<{ path: string; message: string }> = [];
  for (const key of ['maxContacts', 'windowDays'] as const) {
    const { min, max } = CONTACT_POLICY_LIMITS[key];
    if (!Number.isInteger(p[key]) || p[key] < min || p[key] > max)
      out.push({ path: key, message: `must be a whole number from ${min} to ${max}` });
  }
  if ((p.quietFrom === null) !== (p.quietTo === null))
    out.push({
      path: p.quietFrom === null ? 'quietFrom' : 'quietTo',
      message: 'give both ends of the quiet hours, or neither',
    });
  else if (p.quietFrom !== null && p.quietFrom === p.quietTo)
    out.push({ path: 'quietTo', message: 'must differ from quietFrom' });
  return out;
}
