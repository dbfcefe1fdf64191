// Cadence rules (docs/rules.md#r-cad-1-cadence-rules): which follow-up visits customer events call
// for, and when. Pure: events + rules + the day range asked about (+ the visits already made) → the
// visits due, each with a stable key, and the ones left out with their reason. The daily job turns
// the due ones into tasks or plan proposals; the annual view asks the same question for a year.
import type { CADENCE_UNITS } from '@huifang/contracts/values';
import { mulberry32 } from './sampling.ts';
import { addDays } from './time.ts';

export type CadenceUnit = (typeof CADENCE_UNITS)[number];

/** One visit of an event rule: `amount` units after the event, to be made within `windowDays` more days. */
export interface CadenceOffset {
  /** stable across edits of the rule: a visit already made for this key is never made again */
  key: string;
  amount: number;
  unit: CadenceUnit;
  windowDays: number;
}

export type CadenceTrigger =
  /** visits at fixed offsets after each event of a kind (discharge +3 d, surgery +3 d / +1 w / +1 m) */
  | { kind: 'AFTER_EVENT'; eventKind: string; offsets: readonly CadenceOffset[] }
  /**
   * periodic visits counted from an event's date (a purchase), every `everyMonths[tier]` months by the
   * customer's value tier (high quarterly, middle half-yearly, low yearly); tiers not listed are not visited
   */
  | {
      kind: 'EVERY_MONTHS';
      eventKind: string;
      everyMonths: Readonly<Record<string, number>>;
      windowDays: number;
    };

export interface CadenceRule {
  /** stable across versions of the rule */
  id: string;
  trigger: CadenceTrigger;
  /** basis points of the matching events that get the visits (5000: half of the closed complaints) */
  shareBp: number;
  /** the sampler's seed: the same events give the same sample in any order */
  seed: number;
}

export interface CadenceEvent {
  id: string;
  customerId: string;
  kind: string;
  /** the day it happened, organisation time (`YYYY-MM-DD`) */
  day: string;
  cancelled: boolean;
}

export interface CadenceInput {
  rules: readonly CadenceRule[];
  events: readonly CadenceEvent[];
  /** the first and last day asked about (both included): today for the daily job, a year for the annual view */
  from: string;
  to: string;
  /** keys of the visits already made (tasks or plan items, whatever the rule's version then) */
  made: ReadonlySet<string>;
  /** the customers' value tiers, for EVERY_MONTHS rules */
  tiers?: ReadonlyMap<string, string>;
  /**
   * false: leave `skipped` empty. The daily run and the annual view need only the due visits; over a
   * large history the skipped ones (mostly windows long closed) were most of the work.
   */
  listSkipped?: boolean;
}

export interface DueVisit {
  key: string;
  ruleId: string;
  eventId: string;
  customerId: string;
  /** when the rule wants it */
  dueDay: string;
  /** the last day it may be made */
  windowEnd: string;
  /** its due day is before `from` but its window is still open (an event recorded late) */
  late: boolean;
}

export const CADENCE_SKIP_REASONS = [
  /** the event was withdrawn */
  'EVENT_CANCELLED',
  /** outside the rule's sampled share */
  'NOT_SAMPLED',
  /** its window closed before `from` (an event recorded too late) */
  'WINDOW_PASSED',
  /** a visit for this key exists already */
  'ALREADY_MADE',
  /** an EVERY_MONTHS rule with no period for the customer's tier */
  'TIER_NOT_VISITED',
] as const;
export type CadenceSkipReason = (typeof CADENCE_SKIP_REASONS)[number];

export interface SkippedVisit {
  key: string;
  ruleId: string;
  eventId: string;
  customerId: string;
  dueDay: string;
  reason: CadenceSkipReason;
}

export interface CadenceResult {
  due: DueVisit[];
  skipped: SkippedVisit[];
  /** visits made for events since cancelled: the job withdraws those still open */
  withdraw: string[];
}

/** The day `amount` units after `day`; a month or year from the 31st (or 29 February) ends on the month's last day. */
export function addCadence(day: string, amount: number, unit: CadenceUnit): string {
  if (unit === 'DAY') return addDays(day, amount);
  if (unit === 'WEEK') return addDays(day, amount * 7);
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const months = unit === 'MONTH' ? amount : amount * 12;
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, last));
  return first.toISOString().slice(0, 10);
}

/** FNV-1a over the text: the sampler's draw depends on the rule's seed and the event alone. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Whether an event is in the rule's sampled share: reproducible, independent of the other events. */
export function inSample(rule: Pick<CadenceRule, 'seed' | 'shareBp'>, eventId: string): boolean {
  if (rule.shareBp >= 10_000) return true;
  if (rule.shareBp <= 0) return false;
  const draw = mulberry32(hash(`${rule.seed}:${eventId}`))();
  return draw * 10_000 < rule.shareBp;
}

/** The visits a rule asks for after one event whose due day is at most `to`, each with its window. */
function occurrences(
  rule: CadenceRule,
  event: CadenceEvent,
  from: string,
  to: string,
  tier: string | undefined,
): Array<{ key: string; dueDay: string; windowEnd: string }> | 'TIER_NOT_VISITED' {
  const t = rule.trigger;
  if (t.kind === 'AFTER_EVENT')
    return t.offsets.map((o) => {
      const dueDay = addCadence(event.day, o.amount, o.unit);
      return { key: `${rule.id}:${event.id}:${o.key}`, dueDay, windowEnd: addDays(dueDay, o.windowDays) };
    });
  const every = tier === undefined ? undefined : t.everyMonths[tier];
  if (!every || every <= 0) return 'TIER_NOT_VISITED';
  const out: Array<{ key: string; dueDay: string; windowEnd: string }> = [];
  // counted from the event's own date each time, so that the 31st does not drift to the 28th;
  // periods due more than 13 months before `from` are not looked at: a window (at most 365 days)
  // closed before `from` long since, so they could only be skipped (a purchase years ago)
  const [ey, em] = event.day.split('-').map(Number) as [number, number];
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const elapsed = (fy - ey) * 12 + (fm - em);
  for (let k = Math.max(1, Math.floor((elapsed - 13) / every)); ; k++) {
    const dueDay = addCadence(event.day, k * every, 'MONTH');
    if (dueDay > to) break;
    out.push({ key: `${rule.id}:${event.id}:@${dueDay}`, dueDay, windowEnd: addDays(dueDay, t.windowDays) });
  }
  return out;
}

const order = (a: { dueDay: string; key: string }, b: { dueDay: string; key: string }) =>
  a.dueDay < b.dueDay ? -1 : a.dueDay > b.dueDay ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/**
 * The visits due from `from` to `to`: those whose due day falls in the range, and those due earlier
 * whose window is still open on `from` (late). Visits whose window closed before `from` are skipped,
 * unless already made (then nothing is said: they were done).
 */
/**
 * A rule that asks for it tells the customer of each visit due within this many days ahead
 * (docs/rules.md#r-cad-8-week-ahead-notice; seed 003 "在回访前一周内通知相关客户").
 */
export const WEEK_AHEAD_NOTICE_DAYS = 7;

export function dueVisits(input: CadenceInput): CadenceResult {
  const due: DueVisit[] = [];
  const listed: SkippedVisit[] = [];
  const skipped = input.listSkipped === false ? { push: (_: SkippedVisit) => 0 } : listed;
  const withdraw: string[] = [];
  for (const rule of input.rules) {
    for (const event of input.events) {
      if (event.kind !== rule.trigger.eventKind) continue;
      const base = { ruleId: rule.id, eventId: event.id, customerId: event.customerId };
      const found = occurrences(rule, event, input.from, input.to, input.tiers?.get(event.customerId));
      if (found === 'TIER_NOT_VISITED') {
        skipped.push({
          ...base,
          key: `${rule.id}:${event.id}`,
          dueDay: event.day,
          reason: 'TIER_NOT_VISITED',
        });
        continue;
      }
      for (const v of found) {
        if (v.dueDay > input.to) continue;
        const made = input.made.has(v.key);
        if (event.cancelled) {
          if (made) withdraw.push(v.key);
          else if (v.windowEnd >= input.from)
            skipped.push({ ...base, key: v.key, dueDay: v.dueDay, reason: 'EVENT_CANCELLED' });
          continue;
        }
        if (v.windowEnd < input.from) {
          if (!made) skipped.push({ ...base, key: v.key, dueDay: v.dueDay, reason: 'WINDOW_PASSED' });
          continue;
        }
        if (made) {
          skipped.push({ ...base, key: v.key, dueDay: v.dueDay, reason: 'ALREADY_MADE' });
          continue;
        }
        if (!inSample(rule, event.id)) {
          skipped.push({ ...base, key: v.key, dueDay: v.dueDay, reason: 'NOT_SAMPLED' });
          continue;
        }
        due.push({
          ...base,
          key: v.key,
          dueDay: v.dueDay,
          windowEnd: v.windowEnd,
          late: v.dueDay < input.from,
        });
      }
    }
  }
  return { due: due.sort(order), skipped: listed.sort(order), withdraw: withdraw.sort() };
}

/** What is wrong with a rule as entered (empty when it can be saved). */
export function cadenceRuleProblems(rule: CadenceRule): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(rule.shareBp) || rule.shareBp < 1 || rule.shareBp > 10_000)
    problems.push('shareBp must be a whole number from 1 to 10000');
  const t = rule.trigger;
  if (t.kind === 'AFTER_EVENT') {
    if (t.offsets.length === 0) problems.push('an AFTER_EVENT rule needs at least one visit');
    const keys = new Set<string>();
    for (const o of t.offsets) {
      if (keys.has(o.key)) problems.push(`offset key ${o.key} appears twice`);
      keys.add(o.key);
      if (!Number.isInteger(o.amount) || o.amount < 0 || o.amount > 3660)
        problems.push(`offset ${o.key}: amount must be a whole number from 0 to 3660`);
      if (!Number.isInteger(o.windowDays) || o.windowDays < 0 || o.windowDays > 365)
        problems.push(`offset ${o.key}: windowDays must be a whole number from 0 to 365`);
    }
  } else {
    const periods = Object.entries(t.everyMonths);
    if (periods.length === 0) problems.push('an EVERY_MONTHS rule needs a period for at least one tier');
    for (const [tier, months] of periods)
      if (!Number.isInteger(months) || months < 1 || months > 120)
        problems.push(`tier ${tier}: everyMonths must be a whole number from 1 to 120`);
    if (!Number.isInteger(t.windowDays) || t.windowDays < 0 || t.windowDays > 365)
      problems.push('windowDays must be a whole number from 0 to 365');
  }
  return problems;
}

/**
 * How many days after an event its rule may still ask for a visit (the last offset's due day at its
 * latest — a month counted as 31 days, a year as 366 — plus its window): older events need not be
 * read. Infinity for periodic rules, which visit for as long as the customer is a customer.
 */
export function eventReachDays(trigger: CadenceTrigger): number {
  if (trigger.kind === 'EVERY_MONTHS') return Number.POSITIVE_INFINITY;
  const PER_UNIT: Record<CadenceUnit, number> = { DAY: 1, WEEK: 7, MONTH: 31, YEAR: 366 };
  return Math.max(0, ...trigger.offsets.map((o) => o.amount * PER_UNIT[o.unit] + o.windowDays));
}

/**
 * Gives each visit to the caller with the fewest open tasks (counting the ones given here), ties
 * by the callers' order: the same input, the same result. Empty when there is no caller.
 */
export function spreadOverCallers(
  visitKeys: readonly string[],
  callers: readonly string[],
  openTasks: ReadonlyMap<string, number>,
): Map<string, string> {
  const out = new Map<string, string>();
  if (callers.length === 0) return out;
  const load = new Map(callers.map((c) => [c, openTasks.get(c) ?? 0]));
  for (const key of visitKeys) {
    let best = callers[0]!;
    for (const c of callers) if (load.get(c)! < load.get(best)!) best = c;
    out.set(key, best);
    load.set(best, load.get(best)! + 1);
  }
  return out;
}

export interface RuleProposal extends DueVisit {
  /** the visit's window clipped to the plan's month (and to today for this month's plan) */
  windowFrom: string;
  windowTo: string;
}

/**
 * What the rules not approved propose for a monthly plan (docs/rules.md#r-cad-7-rule-proposals): the
 * visits due in `month` (`YYYY-MM`) — or due before it with their window reaching into it — not made
 * or planned before, each with its window clipped to the month. For this month's plan the days before
 * `today` are gone: its window starts today at the earliest, and a window closed before today is not
 * proposed. A month already past proposes nothing.
 */
export function ruleProposals(input: {
  rules: readonly CadenceRule[];
  events: readonly CadenceEvent[];
  month: string;
  today: string;
  made: ReadonlySet<string>;
  tiers?: ReadonlyMap<string, string>;
}): RuleProposal[] {
  const first = `${input.month}-01`;
  const last = addDays(addCadence(first, 1, 'MONTH'), -1);
  const from = input.today > first ? input.today : first;
  if (from > last) return [];
  const { due } = dueVisits({
    rules: input.rules,
    events: input.events,
    from,
    to: last,
    made: input.made,
    ...(input.tiers ? { tiers: input.tiers } : {}),
    listSkipped: false,
  });
  return due.map((v) => ({
    ...v,
    windowFrom: v.late ? from : v.dueDay,
    // the days of it the month holds (ISO days compare as text)
    windowTo: [v.windowEnd, last].sort()[0]!,
  }));
}

/**
 * The definition a rule proposes a team's plan visits with (docs/rules.md#r-cad-7-rule-proposals):
 * null for a standing rule (an approved version that is on: the daily run makes its visits), a draft
 * that is off, a manager's visits, or another team's; else its draft.
 */
export function proposingDefinition<D extends { enabled: boolean; doer: string; teamId: string | null }>(
  rule: { active: D | null; draft: D },
  teamId: string,
): D | null {
  if (rule.active?.enabled) return null;
  const d = rule.draft;
  if (!d.enabled || d.doer === 'MANAGER') return null;
  return d.teamId === null || d.teamId === teamId ? d : null;
}
