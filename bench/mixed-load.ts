import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../apps/api/src/config.ts';
import { monthIn } from '../packages/domain/src/index.ts';
import { pg } from './deps.ts';
import { BENCH_PASSWORD, prepareBenchDatabase, say, TZ } from './generate.ts';
import { Session } from './measure.ts';
import { writeSection } from './report.ts';
import { startCompiledServer } from './server.ts';

const SECTION = '## Mixed load';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}
const CALLERS = arg('callers', 40);
const MANAGERS = arg('managers', 4);
const SUPERVISORS = arg('supervisors', 2);
const DURATION_S = arg('duration', 60);
const SCALE = arg('scale', 1);
const WRITE = !process.argv.includes('--no-write');
/** Goals (docs/performance.md): the callers keep 0.8× their throughput, p99 ≤ 150 ms; no dashboard over 500 ms. */
const GOAL_RATIO = 0.8;
const GOAL_P99 = 150;
const GOAL_DASHBOARD = 500;

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

interface Sample {
  ms: number;
  ok: boolean;
}
interface Phase {
  seconds: number;
  callers: Sample[];
  dashboards: Map<string, Sample[]>;
}

/** The entity tag each session last got per URL: what its browser's cache would send back. */
const tags = new WeakMap<Session, Map<string, string>>();

/**
 * A GET as a browser sends it, read to its end but not decoded: the load shares the machine with
 * the server, and parsing every answer (the month's KPI is ≈ 240 KB of JSON) would take the server's
 * CPU for work a browser does on another machine. Like a browser's HTTP cache, it sends back the
 * entity tag it was last given for the URL (If-None-Match); a 304 is the answer it already has
 * (docs/api.md#conditional-requests). Answers 200 or 304 count as a success.
 */
async function drained(s: Session, url: string): Promise<number> {
  const known = tags.get(s) ?? new Map<string, string>();
  tags.set(s, known);
  const etag = known.get(url);
  const res = await fetch(`${s.base}${url}`, {
    headers: { cookie: s.cookie, ...(etag ? { 'if-none-match': etag } : {}) },
  });
  await res.arrayBuffer();
  const given = res.headers.get('etag');
  if (given) known.set(url, given);
  return res.status === 304 ? 200 : res.status;
}

async function main() {
  const loadStart = os.loadavg().map((l) => l.toFixed(2));
  const bench = await prepareBenchDatabase(SCALE);
  const { base, url, stop } = await startCompiledServer(bench, 'mixed_load');
  try {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const emails = async (role: string, n: number) =>
      (
        await db.query<{ email: string }>(
          `SELECT email FROM "User" WHERE role = $1 AND "organizationId" = $2 AND active ORDER BY email LIMIT $3`,
          [role, bench.meta.orgId, n],
        )
      ).rows.map((r) => r.email);
    const callerEmails = await emails('CALLER', CALLERS);
    const supervisorEmails = await emails('SUPERVISOR', SUPERVISORS);
    await db.end();
    if (callerEmails.length < CALLERS) throw new Error(`the bench data has ${callerEmails.length} callers`);

    say(
      `signing in ${CALLERS} callers, ${MANAGERS} manager sessions and ${supervisorEmails.length} supervisors`,
    );
    const callers: Array<{ session: Session; tasks: string[] }> = [];
    for (const email of callerEmails) {
      const session = await Session.signIn(base, email, BENCH_PASSWORD);
      const page = (await session.ok(
        'GET',
        '/api/tasks?assignee=me&status=PENDING,IN_PROGRESS&size=100',
      )) as {
        items: { id: string }[];
      };
      callers.push({ session, tasks: page.items.map((t) => t.id) });
    }
    const managers: Session[] = [];
    for (let i = 0; i < MANAGERS; i++)
      managers.push(await Session.signIn(base, 'manager@bench.local', BENCH_PASSWORD));
    const supervisors = await Promise.all(
      supervisorEmails.map((e) => Session.signIn(base, e, BENCH_PASSWORD)),
    );
    const month = monthIn(new Date(), TZ);
    const managerScreens = [`/api/dashboards/manager?month=${month}`, `/api/kpi?month=${month}&scope=caller`];
    const supervisorScreens = [
      `/api/dashboards/quality?month=${month}`,
      '/api/inspections?inspectorId=me&open=true&page=1&size=20',
    ];

    /** A caller's loop: open today's queue, log an attempt on one task (mostly unanswered: it stays open). */
    const callerLoop = async (c: (typeof callers)[number], k: number, deadline: number, out: Sample[]) => {
      for (let n = k; performance.now() < deadline && c.tasks.length > 0; n++) {
        let t0 = performance.now();
        const queue = await drained(c.session, '/api/tasks?assignee=me&bucket=today&page=1&size=20');
        out.push({ ms: performance.now() - t0, ok: queue === 200 });
        const task = c.tasks[n % c.tasks.length] as string;
        t0 = performance.now();
        let ok = false;
        try {
          const res = await fetch(`${base}/api/tasks/${task}/visits`, {
            method: 'POST',
            headers: {
              cookie: c.session.cookie,
              origin: base,
              'sec-fetch-site': 'same-origin',
              'content-type': 'application/json',
              'idempotency-key': randomUUID(),
            },
            body: JSON.stringify({ channel: 'PHONE', outcome: 'NO_ANSWER', durationSec: 20 }),
          });
          await res.text();
          ok = res.status === 201;
        } catch {}
        out.push({ ms: performance.now() - t0, ok });
      }
    };
    const screenLoop = async (
      s: Session,
      screens: string[],
      deadline: number,
      out: Map<string, Sample[]>,
    ) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const url = screens[n % screens.length] as string;
        const t0 = performance.now();
        const status = await drained(s, url);
        const list = out.get(url) ?? [];
        list.push({ ms: performance.now() - t0, ok: status === 200 });
        out.set(url, list);
      }
    };
    const run = async (mixed: boolean): Promise<Phase> => {
      const phase: Phase = { seconds: 0, callers: [], dashboards: new Map() };
      const started = performance.now();
      const deadline = started + DURATION_S * 1000;
      await Promise.all([
        ...callers.map((c, k) => callerLoop(c, k, deadline, phase.callers)),
        ...(mixed
          ? [
              ...managers.map((m) => screenLoop(m, managerScreens, deadline, phase.dashboards)),
              ...supervisors.map((s) => screenLoop(s, supervisorScreens, deadline, phase.dashboards)),
            ]
          : []),
      ]);
      phase.seconds = (performance.now() - started) / 1000;
      return phase;
    };

    say(`warm-up: 10 s of callers and dashboards`);
    const warm = performance.now() + 10_000;
    await Promise.all([
      ...callers.map((c, k) => callerLoop(c, k, warm, [])),
      screenLoop(managers[0]!, managerScreens, warm, new Map()),
      ...(supervisors[0] ? [screenLoop(supervisors[0], supervisorScreens, warm, new Map())] : []),
    ]);
    say(`callers alone for ${DURATION_S} s`);
    const alone = await run(false);
    say(`callers with the dashboards for ${DURATION_S} s`);
    const mixed = await run(true);

    const summary = (p: Phase) => {
      const sorted = p.callers.map((s) => s.ms).sort((a, b) => a - b);
      return {
        rps: p.callers.length / p.seconds,
        p50: quantile(sorted, 0.5),
        p99: quantile(sorted, 0.99),
        errors: p.callers.filter((s) => !s.ok).length,
      };
    };
    const a = summary(alone);
    const m = summary(mixed);
    const ratio = m.rps / a.rps;
    const rows = [...mixed.dashboards].map(([url, samples]) => {
      const sorted = samples.map((s) => s.ms).sort((x, y) => x - y);
      return {
        url,
        n: samples.length,
        median: quantile(sorted, 0.5),
        max: sorted.at(-1) ?? Number.NaN,
        errors: samples.filter((s) => !s.ok).length,
      };
    });
    const worst = Math.max(...rows.map((r) => r.max));
    const loadEnd = os.loadavg().map((l) => l.toFixed(2));
    const f = (x: number, d = 0) => x.toFixed(d);
    const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
    const md = [
      SECTION,
      '',
      `${CALLERS} callers, each with their own session, open today's queue and log an unanswered call on one of their`,
      `tasks, in a loop without pauses, for ${DURATION_S} s alone; then ${DURATION_S} s more while ${MANAGERS} manager sessions load the`,
      `manager dashboard and the month's KPI and ${supervisors.length} supervisors the quality dashboard and their queue, also without`,
      `pauses (current month ${month}). The compiled server (\`node apps/api/dist/server.js\`, NODE_ENV=production) on a copy of`,
      `the bench organisation at scale ${SCALE} (${bench.meta.counts.Task?.toLocaleString('en') ?? '?'} tasks); server, database and load`,
      'share the machine; the load reads each answer to its end without decoding it and, like a browser, sends back',
      'the entity tag it was last given for a URL (a 304 counts as answered). Generated by `bench/mixed-load.ts` (`pnpm bench:mixed`) on',
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${os.cpus().length} CPUs, load average ${loadStart.join(' / ')} at start, ${loadEnd.join(' / ')} at the end.`,
      '',
      '| callers | requests/s | p50 | p99 | errors |',
      '| ------- | ---------: | --: | --: | -----: |',
      `| alone | ${f(a.rps)} | ${f(a.p50)} ms | ${f(a.p99)} ms | ${a.errors} |`,
      `| with the dashboards | ${f(m.rps)} | ${f(m.p50)} ms | ${f(m.p99)} ms | ${m.errors} |`,
      '',
      '| dashboard request (while the callers work) | requests | median | max | errors |',
      '| ------------------------------------------ | -------: | -----: | --: | -----: |',
      ...rows.map((r) => `| \`${r.url}\` | ${r.n} | ${f(r.median)} ms | ${f(r.max)} ms | ${r.errors} |`),
      '',
      '| goal | result |',
      '| ---- | -----: |',
      `| callers keep ≥ ${GOAL_RATIO}× their throughput (${f(ratio, 2)}×) | ${verdict(ratio >= GOAL_RATIO)} |`,
      `| callers' p99 ≤ ${GOAL_P99} ms with the dashboards (${f(m.p99)} ms) | ${verdict(m.p99 <= GOAL_P99)} |`,
      `| no dashboard request over ${GOAL_DASHBOARD} ms (worst ${f(worst)} ms) | ${verdict(worst <= GOAL_DASHBOARD)} |`,
      '',
      "Before (2026-12-04, every visit through the ORM's interactive transaction, dashboards let in without a limit):",
      'callers alone 311 requests/s, p99 277 ms; with the dashboards 276 requests/s (0.89×), p99 282 ms. Plain attempts',
      "are now written in one statement (`apps/api/src/modules/visits/attempt.ts`) and the analytics' requests are",
      'admitted a few at a time (`apps/api/src/lib/admission.ts`): 799 and 627 requests/s (0.78×, 0.75–0.86× across',
      "runs), p99 115 ms (2026-12-05 02:29). The month's KPI (≈ 240 KB) now carries an entity tag and an unchanged",
      'answer is a 304 without a body (`apps/api/src/lib/json-bodies.ts`); docs/performance.md#mixed-load.',
      '',
    ].join('\n');
    process.stdout.write(`${md}\n`);
    if (WRITE) {
      writeSection(path.join(repoRoot, 'BENCHMARKS.md'), SECTION, md);
      say('wrote the "Mixed load" section of BENCHMARKS.md');
    }
  } finally {
    await stop();
    await bench.db.stop();
  }
}

await main();
process.exit(0);
