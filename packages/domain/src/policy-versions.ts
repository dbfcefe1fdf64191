// Which version of a versioned policy is in force for a month (docs/rules.md#r-pol-1-policy-versions):
// the newest version among those effective from that month or before. Versions are never edited;
// a change is a new version.

export interface PolicyVersionRef {
  /** YYYY-MM: the first month the version applies to */
  effectiveMonth: string;
  version: number;
}

/** The version in force for `month`, or null when every version starts later. */
export function policyInForce<T extends PolicyVersionRef>(versions: readonly T[], month: string): T | null {
  let best: T | null = null;
  for (const v of versions) {
    if (v.effectiveMonth > month) continue;
    if (
      !best ||
      v.effectiveMonth > best.effectiveMonth ||
      (v.effectiveMonth === best.effectiveMonth && v.version > best.version)
    )
      best = v;
  }
  return best;
}
