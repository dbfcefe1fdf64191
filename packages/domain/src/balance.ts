// Balancing a visit plan across a team's callers: even load, a per-caller daily cap, due
// dates spread over each item's window, manual placements respected. Pure and deterministic:
// the same input always gives the same output (ties between callers go by their order in
// `callers`, ties between items by deadline, then window, then id — never by input order).
import { addDays } from './time.ts';

export interface BalanceItem {
  id: string;
  /** first day of the visit window, `YYYY-MM-DD` */
  windowFrom: string;
  /** last day of the visit window, `YYYY-MM-DD` */
  windowTo: string;
  callerId?: string | null;
  dueDate?: string | null;
  /**
   * Placed by hand: its caller and due date (when given) are kept as they are and count
   * toward that caller's load and daily cap. A manual item missing one of the two gets the
   * missing one from the balancer.
   */
  manual: boolean;
}

export interface BalanceInput {
  items: readonly BalanceItem[];
  /** the callers who can take items, in the order ties are broken */
  callers: readonly string[];
  /** at most this many items per caller per day */
  dailyCap: number;
}

export type UnassignedReason =
  /** there is no caller to give the item to */
  | 'NO_CALLERS'
  /** every caller is at the daily cap on every day of the item's window */
  | 'NO_CAPACITY'
  /** the window ends before it starts */
  | 'INVALID_WINDOW';

export interface BalanceAssignment {
  id: string;
  callerId: string;
  dueDate: string;
}

export interface BalanceResult {
  /** every placed item (manual ones included), in input order */
  assignments: BalanceAssignment[];
  /** the items that could not be placed, in input order */
  unassigned: Array<{ id: string; reason: UnassignedReason }>;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Days from `from` to `to` inclusive (empty when `to` < `from`). */
function windowDays(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export function balancePlan(input: BalanceInput): BalanceResult {
  const cap = Math.max(0, Math.floor(input.dailyCap));
  // Unique callers; ties are broken by this order.
  const callers = [...new Set(input.callers)];
  const rank = new Map(callers.map((c, i) => [c, i]));

  const load = new Map<string, number>(callers.map((c) => [c, 0]));
  /** caller → day → items */
  const perDay = new Map<string, Map<string, number>>(callers.map((c) => [c, new Map()]));
  /** day → items of the whole team, to spread the team's work over the window */
  const teamDay = new Map<string, number>();

  const placed = new Map<string, BalanceAssignment>();
  const failed = new Map<string, UnassignedReason>();
  const daysCache = new Map<string, string[]>();
  const daysOf = (item: BalanceItem): string[] => {
    const key = `${item.windowFrom}|${item.windowTo}`;
    let days = daysCache.get(key);
    if (!days) {
      days =
        DAY_RE.test(item.windowFrom) && DAY_RE.test(item.windowTo)
          ? windowDays(item.windowFrom, item.windowTo)
          : [];
      daysCache.set(key, days);
    }
    return days;
  };

  const take = (item: BalanceItem, callerId: string, day: string) => {
    placed.set(item.id, { id: item.id, callerId, dueDate: day });
    if (load.has(callerId)) {
      load.set(callerId, (load.get(callerId) ?? 0) + 1);
      const days = perDay.get(callerId)!;
      days.set(day, (days.get(day) ?? 0) + 1);
    }
    teamDay.set(day, (teamDay.get(day) ?? 0) + 1);
  };

  /** The least busy day of `callerId` in `days` under the cap; ties → least busy team day → earliest. */
  const bestDay = (callerId: string, days: readonly string[]): string | null => {
    const own = perDay.get(callerId);
    let best: string | null = null;
    let bestOwn = Number.POSITIVE_INFINITY;
    let bestTeam = Number.POSITIVE_INFINITY;
    for (const day of days) {
      const n = own?.get(day) ?? 0;
      if (n >= cap) continue;
      const team = teamDay.get(day) ?? 0;
      if (n < bestOwn || (n === bestOwn && team < bestTeam)) {
        best = day;
        bestOwn = n;
        bestTeam = team;
      }
    }
    return best;
  };

  /** Callers from the least loaded up (ties by their order in the input). */
  const byLoad = () =>
    [...callers].sort((a, b) => (load.get(a) ?? 0) - (load.get(b) ?? 0) || rank.get(a)! - rank.get(b)!);

  // 1. Manual items first: they stay where the lead put them and take up capacity.
  const pending: BalanceItem[] = [];
  for (const item of input.items) {
    if (item.manual && item.callerId && item.dueDate) take(item, item.callerId, item.dueDate);
    else pending.push(item);
  }

  // 2. The rest, earliest deadline first (then the shortest window, then the id): the items
  //    with the least room get the first pick of days.
  pending.sort(
    (a, b) =>
      (a.windowTo < b.windowTo ? -1 : a.windowTo > b.windowTo ? 1 : 0) ||
      (a.windowFrom > b.windowFrom ? -1 : a.windowFrom < b.windowFrom ? 1 : 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );

  for (const item of pending) {
    const days = daysOf(item);
    if (days.length === 0) {
      failed.set(item.id, 'INVALID_WINDOW');
      continue;
    }
    const pinnedCaller = item.manual && item.callerId ? item.callerId : null;
    const pinnedDay = item.manual && item.dueDate ? item.dueDate : null;
    if (pinnedCaller) {
      const day = bestDay(pinnedCaller, days);
      if (day) take(item, pinnedCaller, day);
      else failed.set(item.id, 'NO_CAPACITY');
      continue;
    }
    if (callers.length === 0) {
      failed.set(item.id, 'NO_CALLERS');
      continue;
    }
    let done = false;
    for (const callerId of byLoad()) {
      const day = pinnedDay
        ? (perDay.get(callerId)?.get(pinnedDay) ?? 0) < cap
          ? pinnedDay
          : null
        : bestDay(callerId, days);
      if (day) {
        take(item, callerId, day);
        done = true;
        break;
      }
    }
    if (!done) failed.set(item.id, 'NO_CAPACITY');
  }

  const assignments: BalanceAssignment[] = [];
  const unassigned: BalanceResult['unassigned'] = [];
  for (const item of input.items) {
    const a = placed.get(item.id);
    if (a) assignments.push(a);
    else unassigned.push({ id: item.id, reason: failed.get(item.id) ?? 'NO_CAPACITY' });
  }
  return { assignments, unassigned };
}
