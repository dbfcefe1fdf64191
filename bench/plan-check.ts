// Reading a plan for bench/plans.ts: which indexes it scans, which large tables it reads whole, and
// whether that is a regression against the accepted plans (docs/performance.md#query-plans).

/** What one endpoint's statements read, summed over its statements. */
export interface PlanSummary {
  /** "Table.index" for every index (or index-only) scan, sorted */
  indexes: string[];
  /** tables of at least LARGE_ROWS rows read by a sequential scan, sorted */
  seqScans: string[];
}
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}
/**
 * Adds the scans of a plan (`EXPLAIN (FORMAT JSON)`'s `Plan`) to `out`: every index it scans as
 * "Table.index" (a bitmap index scan names its table through the heap scan above it) and every
 * table of `large` it reads by a sequential scan (parallel or not).
 */
export function scans(node: PlanNode, large: Set<string>, out: PlanSummary, heap?: string): void {
  const rel = node['Relation Name'] ?? (node['Node Type'] === 'Bitmap Index Scan' ? heap : undefined);
  if (rel && node['Index Name']) out.indexes.push(`${rel}.${node['Index Name']}`);
  else if (rel && node['Node Type'] === 'Seq Scan' && large.has(rel)) out.seqScans.push(rel);
  const below = node['Node Type'] === 'Bitmap Heap Scan' ? node['Relation Name'] : heap;
  for (const child of node.Plans ?? []) scans(child, large, out, below);
}
/** A statement in one line, short: its start and what follows its first FROM, enough to find it in the code. */
export function excerpt(sql: string): string {
  const one = sql.replace(/\s+/g, ' ').trim();
  const from = one.search(/ FROM /i);
  const short =
    from < 0 || from < 60
      ? `${one.slice(0, 110)}…`
      : `${one.slice(0, 40)}… ${one.slice(from + 1, from + 71)}…`;
  return short.replaceAll('|', '\\|').replaceAll('`', "'");
}
export const uniqueSorted = (xs: string[]) => [...new Set(xs)].sort();
export const readOnly = (sql: string) =>
  /^\s*(select|with)\b/i.test(sql) && !/\b(insert|update|delete)\b/i.test(sql);

/** An accepted index no longer used, or a new sequential scan of a large table. */
export function regressions(expected: PlanSummary | undefined, now: PlanSummary): string[] {
  if (!expected) return [];
  return [
    ...expected.indexes.filter((i) => !now.indexes.includes(i)).map((i) => `no longer uses ${i}`),
    ...now.seqScans.filter((t) => !expected.seqScans.includes(t)).map((t) => `now reads ${t} whole`),
  ];
}
