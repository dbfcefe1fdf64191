/**
 * Figures computed at most once per `maxAgeMs` per key, for everyone who asks meanwhile (one
 * computation in flight per key). Whoever reads them is told when they were computed (`asOf`), and
 * the screens say so. `maxAgeMs` 0 computes every time. Time is the caller's `now` (docs/rules.md:
 * time is an input); an entry from "the future" (a clock moved back) counts as stale.
 */
export class FreshCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(
    public maxAgeMs: number,
    private readonly maxEntries = 500,
  ) {}

  /**
   * `stampOf` names, for a value built on other shared figures, the instant those were computed: the
   * entry ages from then, so that figures built on figures are never older than `maxAgeMs` in all.
   */
  async get(
    key: string,
    now: Date,
    compute: () => Promise<T>,
    stampOf?: (value: T) => Date | null,
  ): Promise<{ value: T; asOf: Date }> {
    const t = now.getTime();
    const hit = this.entries.get(key);
    if (hit && this.maxAgeMs > 0 && hit.at <= t && t - hit.at < this.maxAgeMs)
      return { value: await hit.value, asOf: new Date(hit.at) };
    const value = compute();
    if (this.maxAgeMs > 0) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      const entry = { at: t, value };
      this.entries.set(key, entry);
      if (stampOf)
        value.then(
          (v) => {
            const stamp = stampOf(v);
            if (stamp && stamp.getTime() < entry.at) entry.at = stamp.getTime();
          },
          () => {},
        );
      // a failure is not kept: the next reader computes again
      value.catch(() => {
        if (this.entries.get(key)?.value === value) this.entries.delete(key);
      });
    }
    return { value: await value, asOf: now };
  }

  clear(): void {
    this.entries.clear();
  }
}
