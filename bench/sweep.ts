// `pnpm bench:sweep [--scales 0.1,0.5,1] [--runs 10]`: the first request of every screen, by role, at
// several scales of the same organisation (docs/performance.md#how-pnpm-bench-measures-them). For each
// GET endpoint a role opens: the median and p95 latency at each scale, and how it grows with the data —
// an endpoint whose time grows faster than the data (exponent above 1 between the smallest and largest
// scale) is flagged. Writes the "Endpoint sweep" section of BENCHMARKS.md. Never part of `pnpm test`.
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../apps/api/src/config.ts';
import { addMonths, monthIn } from '../packages/domain/src/index.ts';
import { pg } from './deps.ts';
import { endpoints, serveInProcess, signInRoles } from './endpoints.ts';
import { parseMonths, prepareBenchDatabase, say, sizes, TZ } from './generate.ts';
import { fmt, type Stats, stats, time } from './measure.ts';
import { writeSection } from './report.ts';

const argValue = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const SCALES = (argValue('scales') ?? '0.1,0.5,1').split(',').map(Number);
if (SCALES.some((s) => !Number.isFinite(s) || s <= 0 || s > 10) || SCALES.length === 0)
  throw new Error('--scales takes scales in (0, 10], e.g. 0.1,0.5,1');
SCALES.sort((a, b) => a - b);
const RUNS = Number(argValue('runs') ?? 10);
/** `--months 60`: years of history, to show what grows with it (written to its own section) */
const MONTHS = parseMonths(process.argv.slice(2));
const SECTION = MONTHS === 24 ? '## Endpoint sweep' : `## Endpoint sweep, ${MONTHS} months of history`;
if (!Number.isInteger(RUNS) || RUNS < 3) throw new Error('--runs must be an integer ≥ 3');
/** Every screen's first request answers within this at full scale (issue goal, docs/performance.md). */
const GOAL_MS = 200;

type Key = string; // `${role} ${url}`
const results = new Map<Key, Map<number, Stats | string>>();
const counts = new Map<number, string>();
const loadStart = os.loadavg();
const now = new Date();
const month = monthIn(now, TZ);
const lastFull = addMonths(month, -1);
const list = endpoints(month, lastFull);

for (const scale of SCALES) {
  say(`scale ${scale}: preparing the data`);
  const { db, url } = await prepareBenchDatabase(scale, now, MONTHS);
  const { base, close } = await serveInProcess(url);
  try {
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    const c = await pool.query<{ tasks: number; records: number; customers: number }>(
      `SELECT (SELECT count(*) FROM "Task")::int AS tasks, (SELECT count(*) FROM "VisitRecord")::int AS records,
              (SELECT count(*) FROM "Customer")::int AS customers`,
    );
    await pool.end();
    const row = c.rows[0]!;
    counts.set(
      scale,
      `${sizes(scale).callers} callers, ${row.customers.toLocaleString('en')} customers, ${row.tasks.toLocaleString('en')} tasks, ${row.records.toLocaleString('en')} records`,
    );
    const sessions = await signInRoles(base);
    for (const [role, path] of list) {
      const key = `${role} ${path}`;
      const session = sessions.get(role)!;
      const byScale = results.get(key) ?? new Map<number, Stats | string>();
      results.set(key, byScale);
      const first = await session.request('GET', path);
      if (first.status !== 200) {
        byScale.set(scale, `HTTP ${first.status}`);
        say(`   ${key}: ${first.status}`);
        continue;
      }
      await session.ok('GET', path); // a second warm-up: prepared statements, caches
      const samples: number[] = [];
      for (let i = 0; i < RUNS; i++) samples.push((await time(() => session.ok('GET', path))).ms);
      const s = stats(samples);
      byScale.set(scale, s);
      say(`   ${key.padEnd(70)} median ${fmt(s.median).padStart(7)} ms, p95 ${fmt(s.p95).padStart(7)} ms`);
    }
  } finally {
    await close();
    await db.stop();
  }
}

// ---- the report --------------------------------------------------------------------------------
const lo = SCALES[0]!;
const hi = SCALES[SCALES.length - 1]!;
/** The growth exponent between the smallest and largest scale: 1 = as fast as the data. */
const exponent = (a: number, b: number) => Math.log(b / a) / Math.log(hi / lo);
const header = ['endpoint', ...SCALES.map((s) => `scale ${s}: median / p95 (ms)`), 'growth', 'flags'];
const rows: string[][] = [];
let overGoal = 0;
let superLinear = 0;
for (const [key, byScale] of results) {
  const cells = SCALES.map((s) => {
    const r = byScale.get(s);
    return r === undefined ? '—' : typeof r === 'string' ? r : `${fmt(r.median)} / ${fmt(r.p95)}`;
  });
  const a = byScale.get(lo);
  const b = byScale.get(hi);
  let growth = '—';
  const flags: string[] = [];
  if (typeof a === 'object' && typeof b === 'object' && hi > lo) {
    const e = exponent(a.median, b.median);
    growth = e.toFixed(2);
    // below 20 ms the fixed cost of a request dominates and the ratio is noise
    if (e > 1 && b.median > 20) {
      flags.push('**super-linear**');
      superLinear++;
    }
  }
  if (typeof b === 'object' && b.median > GOAL_MS) {
    flags.push(`**over ${GOAL_MS} ms**`);
    overGoal++;
  }
  const [role, ...url] = key.split(' ');
  rows.push([`${role}: \`${decodeURIComponent(url.join(' '))}\``, ...cells, growth, flags.join(', ')]);
}
const table = [
  `| ${header.join(' | ')} |`,
  `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
  ...rows.map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const md = `${SECTION}

The first request of every screen, by role, at ${SCALES.length} scales of the same organisation with ${MONTHS} months of
history (\`bench/sweep.ts\`, \`pnpm bench:sweep --scales ${SCALES.join(',')} --runs ${RUNS}${MONTHS === 24 ? '' : ` --months ${MONTHS}`}\`): 2 warm-up requests, then ${RUNS} sequential ones, over HTTP
with a real session, through the product's pool. *growth* is the exponent between the smallest and the largest
scale (time ∝ data^growth): 1 grows as fast as the data, 0 not at all; above 1 (and over 20 ms) is flagged
super-linear. The current month is ${month}, the last full month ${lastFull}. Generated on ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC;
${os.cpus().length} CPUs, load average ${loadStart.map((x) => x.toFixed(2)).join(' / ')} at start,
${os
  .loadavg()
  .map((x) => x.toFixed(2))
  .join(' / ')} at the end.

${SCALES.map((s) => `- scale ${s}: ${counts.get(s) ?? '—'}`).join('\n')}

${table}

| goal | result |
| ---- | -----: |
| every first request ≤ ${GOAL_MS} ms (median) at scale ${hi} | ${overGoal === 0 ? 'met' : `**missed** (${overGoal})`} |
| none grows faster than the data | ${superLinear === 0 ? 'met' : `**missed** (${superLinear})`} |
`;
writeSection(path.join(repoRoot, 'BENCHMARKS.md'), SECTION, md);
say(
  `wrote the "${SECTION.slice(3)}" section of BENCHMARKS.md (${overGoal} over ${GOAL_MS} ms, ${superLinear} super-linear)`,
);
process.exit(0);
