/**
 * Figures computed at most once per `maxAgeMs` per key, for everyone who asks meanwhile (one
 * computation in flight per key). Whoever reads them is told when they were computed (`asOf`), and
 * the screens say so. `maxAgeMs` 0 computes every time. Time is the caller's `now` (docs/rules.md:
 * time is an input); an entry from "the future" (a clock moved back) counts as stale.
 *
 * Past `maxAgeMs` and before twice that, the figures are *stale*: the reader gets them at once, with
 * their own `asOf`, while they are computed again in the background for the next reader — so nobody
 * waits for the computation of figures everybody shares while others work
 * (docs/performance.md#mixed-load). Older than twice `maxAgeMs`, a reader waits for fresh ones.
 * Figures built on stale shared figures (`stampOf`) are stale from the start: the read after them
 * builds them again on the fresh ones.
 */
export class FreshCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    public maxAgeMs: number,
    private readonly maxEntries = 500,
  ) {}

  /**
   * `stampOf` names, for a value built on other shared figures, the instant those were computed: the
   * entry ages from then, so that figures built on figures are never older than `maxAgeMs` in all
   * when computed on a request (twice that while stale).
   */
  async get(
    key: string,
    now: Date,
    compute: () => Promise<T>,
    stampOf?: (value: T) => Date | null,
  ): Promise<{ value: T; asOf: Date }> {
    const t = now.getTime();
    const hit = this.entries.get(key);
    if (hit && this.maxAgeMs > 0 && hit.at <= t) {
      const age = t - hit.at;
      if (age < this.maxAgeMs) return { value: await hit.value, asOf: new Date(hit.at) };
      if (age < 2 * this.maxAgeMs && hit.settled) {
        if (!hit.refreshing) {
          hit.refreshing = true;
          // the next reader's figures; a failure leaves these to be served (and tried again)
          this.start(key, t, compute, stampOf).value.catch(() => {
            hit.refreshing = false;
          });
        }
        return { value: await hit.value, asOf: new Date(hit.at) };
      }
    }
    const entry = this.start(key, t, compute, stampOf);
    return { value: await entry.value, asOf: now };
  }

  /** Starts a computation; with a positive age it takes the key's place once it has succeeded (or at once when there is none). */
  private start(
    key: string,
    t: number,
    compute: () => Promise<T>,
    stampOf?: (value: T) => Date | null,
  ): Entry<T> {
    const value = compute();
    const entry: Entry<T> = { at: t, value, settled: false, refreshing: false };
    if (this.maxAgeMs <= 0) return entry;
    const replacesAtOnce = !this.entries.get(key)?.refreshing;
    if (replacesAtOnce) this.put(key, entry);
    value.then(
      (v) => {
        entry.settled = true;
        const stamp = stampOf?.(v);
        if (stamp && stamp.getTime() < entry.at) entry.at = stamp.getTime();
        if (!replacesAtOnce) this.put(key, entry);
      },
      () => {
        // a failure is not kept: the next reader computes again
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry;
  }

  private put(key: string, entry: Entry<T>): void {
    if (!this.entries.has(key) && this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, entry);
  }

  clear(): void {
    this.entries.clear();
  }
}

interface Entry<T> {
  /** when computed (or when the figures it was built on were, if earlier) */
  at: number;
  value: Promise<T>;
  /** computed successfully: may be served stale */
  settled: boolean;
  /** stale, and its replacement is being computed */
  refreshing: boolean;
}
