// The sampler of a sampling run (docs/rules.md#r-samp-2-sample-selection-and-inspector-assignment): which visit records are inspected, and by
// whom. Random but reproducible (a seeded PRNG over inputs sorted by id, so the order the
// database returns rows in does not matter), never a record already sampled, never an
// inspector on their own records, and the work spread evenly over the inspectors.

export interface SampleRecord {
  id: string;
  callerId: string;
  channel: string;
  outcome: string;
  satisfaction: number | null;
}

export interface SampleStrata {
  channels?: readonly string[];
  outcomes?: readonly string[];
  /** records with satisfaction ≤ 3 come first, then the random fill */
  lowSatisfactionFirst?: boolean;
}

export interface SampleInspector {
  id: string;
}

export interface SampleInput {
  records: readonly SampleRecord[];
  alreadySampled: ReadonlySet<string>;
  mode: 'RATE' | 'PER_CALLER';
  /** RATE: basis points of each caller's eligible records, rounded up */
  rateBp?: number;
  /** PER_CALLER: records per caller */
  perCaller?: number;
  /** at least this many per caller (when they have that many) */
  minPerCaller: number;
  strata: SampleStrata;
  inspectors: readonly SampleInspector[];
  seed: number;
}

export interface SamplePick {
  recordId: string;
  callerId: string;
  inspectorId: string;
}

export interface SampleResult {
  picks: SamplePick[];
  /** per caller (sorted by id): eligible records, quota, and picks made */
  perCaller: { callerId: string; eligible: number; quota: number; picked: number }[];
  /** per inspector (in the order given): records assigned */
  perInspector: { inspectorId: string; assigned: number }[];
  /** records chosen but left out because no inspector other than their caller exists */
  unassignable: number;
}

/** mulberry32: a small, fast, well-distributed 32-bit PRNG; the same seed gives the same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], rand: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const isLowSatisfaction = (s: number | null) => s !== null && s <= 3;

/** How many of a caller's `eligible` records the run takes. */
export function callerQuota(
  eligible: number,
  opts: Pick<SampleInput, 'mode' | 'rateBp' | 'perCaller' | 'minPerCaller'>,
): number {
  const base =
    opts.mode === 'RATE'
      ? Math.ceil((eligible * Math.max(0, opts.rateBp ?? 0)) / 10000)
      : Math.max(0, opts.perCaller ?? 0);
  return Math.min(eligible, Math.max(base, Math.max(0, opts.minPerCaller)));
}

export function sampleRecords(input: SampleInput): SampleResult {
  const rand = mulberry32(input.seed);
  const channels = input.strata.channels?.length ? new Set(input.strata.channels) : null;
  const outcomes = input.strata.outcomes?.length ? new Set(input.strata.outcomes) : null;
  const inspectorIds = [...new Set(input.inspectors.map((i) => i.id))];

  // Unique records, sorted by id, filtered by the strata and what earlier runs took.
  const unique = new Map<string, SampleRecord>();
  for (const r of input.records) unique.set(r.id, r);
  const eligible = [...unique.values()]
    .sort(byId)
    .filter(
      (r) =>
        !input.alreadySampled.has(r.id) &&
        (!channels || channels.has(r.channel)) &&
        (!outcomes || outcomes.has(r.outcome)),
    );

  const byCaller = new Map<string, SampleRecord[]>();
  for (const r of eligible) {
    const list = byCaller.get(r.callerId) ?? [];
    list.push(r);
    byCaller.set(r.callerId, list);
  }
  const callers = [...byCaller.keys()].sort();

  // Per caller: the records in a random order (low satisfaction first if asked), take the quota.
  const chosen: SampleRecord[] = [];
  const perCaller: SampleResult['perCaller'] = [];
  let unassignable = 0;
  for (const callerId of callers) {
    const list = byCaller.get(callerId) ?? [];
    const quota = callerQuota(list.length, input);
    const ordered = input.strata.lowSatisfactionFirst
      ? [
          ...shuffle(
            list.filter((r) => isLowSatisfaction(r.satisfaction)),
            rand,
          ),
          ...shuffle(
            list.filter((r) => !isLowSatisfaction(r.satisfaction)),
            rand,
          ),
        ]
      : shuffle([...list], rand);
    const canBeInspected = inspectorIds.some((i) => i !== callerId);
    const take = canBeInspected ? ordered.slice(0, quota) : [];
    if (!canBeInspected) unassignable += quota;
    chosen.push(...take);
    perCaller.push({ callerId, eligible: list.length, quota, picked: take.length });
  }

  // Assign: the least-loaded inspector who is not the record's caller; ties by a seeded order.
  // Records whose caller is also an inspector have fewer choices, so they go first.
  const tieOrder = new Map(shuffle([...inspectorIds], rand).map((id, k) => [id, k]));
  const load = new Map(inspectorIds.map((id) => [id, 0]));
  const inspectorSet = new Set(inspectorIds);
  const constrained = chosen.filter((r) => inspectorSet.has(r.callerId));
  const free = chosen.filter((r) => !inspectorSet.has(r.callerId));
  const picks: SamplePick[] = [];
  for (const r of [...constrained, ...shuffle(free, rand)]) {
    let best: string | undefined;
    for (const id of inspectorIds) {
      if (id === r.callerId) continue;
      if (
        best === undefined ||
        (load.get(id) ?? 0) < (load.get(best) ?? 0) ||
        ((load.get(id) ?? 0) === (load.get(best) ?? 0) && (tieOrder.get(id) ?? 0) < (tieOrder.get(best) ?? 0))
      )
        best = id;
    }
    if (!best) continue; // unreachable: callers without another inspector took nothing
    load.set(best, (load.get(best) ?? 0) + 1);
    picks.push({ recordId: r.id, callerId: r.callerId, inspectorId: best });
  }
  picks.sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));

  return {
    picks,
    perCaller,
    perInspector: inspectorIds.map((inspectorId) => ({ inspectorId, assigned: load.get(inspectorId) ?? 0 })),
    unassignable,
  };
}
