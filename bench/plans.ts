// `pnpm bench:plans [--scale 1] [--accept]`: the plan of every statement each screen's first request
// runs (docs/performance.md#query-plans). The product serves the endpoint list of the sweep
// (bench/endpoints.ts) on the bench data; every statement it sends to PostgreSQL is recorded with its
// values and, when it only reads, explained with them (`EXPLAIN (FORMAT JSON)`, the plan the
// planner picks for those values) and as the generic plan a prepared statement may switch to
// (`EXPLAIN (GENERIC_PLAN)`). The section "Query plans" of BENCHMARKS.md names, per endpoint, the
// indexes its statements use and any sequential scan of a large table.
//
// The accepted plans live in bench/plans.expected.json (`--accept` writes them from this run). An
// accepted index the endpoint no longer uses, or a new sequential scan of a large table, is a
// regression: it is written as such and the command exits with status 1.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../apps/api/src/config.ts';
import { addMonths, monthIn } from '../packages/domain/src/index.ts';
import { pg } from './deps.ts';
import { endpoints, serveInProcess, signInRoles } from './endpoints.ts';
import { prepareBenchDatabase, say, TZ } from './generate.ts';
import {
  excerpt,
  type PlanNode,
  type PlanSummary,
  readOnly,
  regressions,
  scans,
  uniqueSorted,
} from './plan-check.ts';
import { writeSection } from './report.ts';

const SECTION = '## Query plans';
const EXPECTED_FILE = path.join(repoRoot, 'bench', 'plans.expected.json');
const argValue = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SCALE = Number(argValue('scale') ?? 1);
if (!Number.isFinite(SCALE) || SCALE <= 0 || SCALE > 10) throw new Error('--scale takes a number in (0, 10]');
const ACCEPT = process.argv.includes('--accept');
/** A table this large read whole is worth naming (and, when new, a regression). */
const LARGE_ROWS = 50_000;

interface Explained extends PlanSummary {
  statements: number;
  /** where each large sequential scan comes from: the table and the start of its statement */
  seqScanSources: string[];
  explained: number;
  /** large tables the generic plan would read whole where the custom plan does not */
  genericSeqScans: string[];
  errors: string[];
}

// ---- recording what the product sends ----------------------------------------------------------
interface Sent {
  text: string;
  values: unknown[];
}
let recording: Sent[] | null = null;
const clientProto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
const originalQuery = clientProto.query;
clientProto.query = function query(this: unknown, ...args: unknown[]) {
  if (recording) {
    const [config, values] = args;
    if (typeof config === 'string')
      recording.push({ text: config, values: Array.isArray(values) ? values : [] });
    else if (config && typeof (config as { text?: unknown }).text === 'string') {
      const c = config as { text: string; values?: unknown[] };
      recording.push({ text: c.text, values: c.values ?? (Array.isArray(values) ? values : []) });
    }
  }
  return originalQuery.apply(this, args);
};

async function explainAll(
  db: InstanceType<typeof pg.Client>,
  sent: Sent[],
  large: Set<string>,
): Promise<Explained> {
  const distinct = new Map<string, Sent>();
  for (const s of sent) if (!distinct.has(s.text)) distinct.set(s.text, s);
  const custom: PlanSummary = { indexes: [], seqScans: [] };
  const generic: PlanSummary = { indexes: [], seqScans: [] };
  const errors: string[] = [];
  const sources: string[] = [];
  let explained = 0;
  for (const { text, values } of distinct.values()) {
    if (!readOnly(text)) continue;
    try {
      const r = await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
        `EXPLAIN (FORMAT JSON) ${text}`,
        values,
      );
      const one: PlanSummary = { indexes: [], seqScans: [] };
      scans(r.rows[0]!['QUERY PLAN'][0]!.Plan, large, one);
      custom.indexes.push(...one.indexes);
      custom.seqScans.push(...one.seqScans);
      for (const t of uniqueSorted(one.seqScans)) sources.push(`${t} in \`${excerpt(text)}\``);
      explained++;
    } catch (error) {
      errors.push(`${(error as Error).message} in \`${excerpt(text)}\``);
      continue;
    }
    if (values.length === 0) continue;
    try {
      const g = await db.query<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>(
        `EXPLAIN (GENERIC_PLAN, FORMAT JSON) ${text}`,
      );
      scans(g.rows[0]!['QUERY PLAN'][0]!.Plan, large, generic);
    } catch {
      // a parameter whose type only its value tells (e.g. `$1 AS x`): no generic plan to show
    }
  }
  const seqScans = uniqueSorted(custom.seqScans);
  return {
    statements: distinct.size,
    explained,
    indexes: uniqueSorted(custom.indexes),
    seqScans,
    seqScanSources: sources,
    genericSeqScans: uniqueSorted(generic.seqScans).filter((t) => !seqScans.includes(t)),
    errors,
  };
}

// ---- the run -----------------------------------------------------------------------------------
const loadStart = os.loadavg();
const now = new Date();
const month = monthIn(now, TZ);
const lastFull = addMonths(month, -1);
const list = endpoints(month, lastFull);
const expected: Record<string, PlanSummary> = existsSync(EXPECTED_FILE)
  ? JSON.parse(readFileSync(EXPECTED_FILE, 'utf8'))
  : {};

say(`scale ${SCALE}: preparing the data`);
const bench = await prepareBenchDatabase(SCALE, now);
const { base, close } = await serveInProcess(bench.url);
const results = new Map<string, Explained | string>();
let sizes = '';
try {
  const db = new pg.Client({ connectionString: bench.url });
  await db.connect();
  const big = await db.query<{ relname: string; n: number }>(
    `SELECT c.relname, c.reltuples::bigint AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace
      WHERE s.nspname = 'public' AND c.relkind = 'r' AND c.reltuples >= $1 ORDER BY c.reltuples DESC`,
    [LARGE_ROWS],
  );
  const large = new Set(big.rows.map((r) => r.relname));
  sizes = big.rows.map((r) => `${r.relname} ≈ ${Number(r.n).toLocaleString('en')}`).join(', ');
  const sessions = await signInRoles(base);
  for (const [role, url] of list) {
    const key = `${role} ${url}`;
    const session = sessions.get(role)!;
    await session.request('GET', url); // warm: a first request may fill caches the second reads
    recording = [];
    const res = await session.request('GET', url);
    const sent = recording;
    recording = null;
    if (res.status !== 200) {
      results.set(key, `HTTP ${res.status}`);
      continue;
    }
    const e = await explainAll(db, sent, large);
    results.set(key, e);
    say(
      `   ${key.padEnd(70)} ${e.explained}/${e.statements} explained, ${e.indexes.length} indexes, ${e.seqScans.length} large seq scans`,
    );
  }
  await db.end();
} finally {
  await close();
  await bench.db.stop();
}

// ---- the report --------------------------------------------------------------------------------
const rows: string[] = [];
let regressed = 0;
const accepted: Record<string, PlanSummary> = {};
for (const [key, r] of results) {
  const [role, ...rest] = key.split(' ');
  const name = `${role}: \`${decodeURIComponent(rest.join(' '))}\``;
  if (typeof r === 'string') {
    rows.push(`| ${name} | ${r} | — | — | **failed** |`);
    regressed++;
    continue;
  }
  accepted[key] = { indexes: r.indexes, seqScans: r.seqScans };
  const found = regressions(expected[key], r);
  if (found.length) regressed++;
  const verdict = !expected[key]
    ? 'new (not accepted yet)'
    : found.length
      ? `**regression**: ${found.join('; ')}`
      : 'as accepted';
  const seq = [
    ...r.seqScanSources,
    ...r.genericSeqScans.map((t) => `${t} (generic plan only)`),
    ...r.errors.map((e) => `not explained: ${e}`),
  ];
  rows.push(
    `| ${name} | ${r.explained} of ${r.statements} | ${r.indexes.map((i) => `\`${i}\``).join(', ') || '—'} | ${seq.join('; ') || '—'} | ${verdict} |`,
  );
}
if (ACCEPT) {
  writeFileSync(EXPECTED_FILE, `${JSON.stringify(accepted, null, 2)}\n`);
  say(`accepted these plans: wrote ${path.relative(repoRoot, EXPECTED_FILE)}`);
}
const md = `${SECTION}

Every statement the first request of each screen sends to PostgreSQL (the sweep's endpoints, scale ${SCALE},
${bench.meta.counts.Task?.toLocaleString('en') ?? '?'} tasks), recorded with its values and explained with them; statements that only read are
explained, writes (a session's last-seen time) are not. *Indexes* are those the plans scan (table.index);
*sequential scans* name the tables of ${LARGE_ROWS.toLocaleString('en')} rows or more read whole (${sizes}), and those the
generic plan of a prepared statement would read whole. The accepted plans are in \`bench/plans.expected.json\`;
an accepted index no longer used or a new sequential scan of a large table is a **regression**, and
\`pnpm bench:plans\` exits with status 1. Generated by \`bench/plans.ts\` on ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC;
${os.cpus().length} CPUs, load average ${loadStart.map((x) => x.toFixed(2)).join(' / ')} at start.

| endpoint | statements explained | indexes | sequential scans of large tables | result |
|---|---:|---|---|---|
${rows.join('\n')}

| goal | result |
| ---- | -----: |
| no endpoint loses an accepted index or reads a large table whole anew | ${regressed === 0 ? 'met' : `**missed** (${regressed})`} |
`;
writeSection(path.join(repoRoot, 'BENCHMARKS.md'), SECTION, md);
say(`wrote the "${SECTION.slice(3)}" section of BENCHMARKS.md (${regressed} regressions)`);
process.exit(regressed === 0 || ACCEPT ? 0 : 1);
