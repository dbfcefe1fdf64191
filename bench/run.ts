// `pnpm bench [--scale 1] [--runs 30] [--duration 10] [--only d,e]`: the rerunnable benchmark of docs/performance.md#how-pnpm-bench-measures-them.
// Generates (or reuses) the large organisation, starts the real API in this process on it, and
// measures each product figure beside the same SQL run bare through `pg` (and, under load, beside
// a bare Fastify route serving that SQL), then prints a table and writes BENCHMARKS.md.
// Never part of `pnpm test`.
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../apps/api/src/config.ts';
import { addMonths, dayIn, monthBounds, monthIn, startOfDay } from '../packages/domain/src/index.ts';
import { Fastify, pg } from './deps.ts';
import { serveInProcess } from './endpoints.ts';
import { BENCH_PASSWORD, parseScale, prepareBenchDatabase, say, sizes, TZ } from './generate.ts';
import { EndpointMissing, fmt, load, Session, type Stats, stats, time } from './measure.ts';
import { type Figure, writeReport } from './report.ts';
import * as SQL from './sql.ts';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

const scale = parseScale(process.argv.slice(2));
const RUNS = arg('runs', 30);
const DURATION = arg('duration', 10);
const CONNECTIONS = 50;
const PLAN_ITEMS = Math.min(5000, Math.round(5000 * Math.max(scale, 0.2)));
const PLAN_REPS = arg('plan-reps', 3);
/** `--only d,e`: measure just these figures (for development); BENCHMARKS.md is then left alone. */
const ONLY = (() => {
  const i = process.argv.indexOf('--only');
  if (i < 0) return null;
  const ids = (process.argv[i + 1] ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  if (ids.length === 0 || ids.some((x) => !/^[a-f]$/.test(x)))
    throw new Error('--only takes figure letters a–f, e.g. d,e');
  return new Set(ids);
})();
const want = (id: string) => ONLY === null || ONLY.has(id);

const loadStart = os.loadavg();
const { db, url, meta, reused } = await prepareBenchDatabase(scale);
const orgId = meta.orgId;
const now = new Date();
const month = monthIn(now, TZ);
const lastFull = addMonths(month, -1);

// the product's pool, as server.ts makes it; every request computes: the figures compare the
// statement's own cost, not the minute's cache
const { base, close } = await serveInProcess(url);

const pool = new pg.Pool({ connectionString: url, max: 10 }); // the raw side, same pool size
pool.on('error', () => {}); // idle connections closed by the database's shutdown at the end
const raw = Fastify({ logger: false });
raw.get('/raw/queue', async (req) => {
  const assignee = req.headers['x-assignee'] as string;
  const today = dayIn(new Date(), TZ);
  const nowIso = new Date().toISOString();
  // the statement listTasks sends: the page and its total in one
  const rows = await pool.query(SQL.QUEUE_PAGE_SQL, [orgId, assignee, today, nowIso, 20, 0]);
  return { items: rows.rows, total: rows.rows[0]?.total ?? 0, page: 1, size: 20 };
});
await raw.listen({ port: 0, host: '127.0.0.1' });
const rawBase = `http://127.0.0.1:${(raw.server.address() as { port: number }).port}`;

const figures: Figure[] = [];
const plans: Array<{ title: string; text: string }> = [];
const teardown = async () => {
  await raw.close().catch(() => {});
  await close();
  await pool.end().catch(() => {});
  await db.stop();
};

try {
  const users = await pool.query<{ id: string; email: string; role: string; teamId: string | null }>(
    `SELECT id, email, role, "teamId" FROM "User" WHERE "organizationId" = $1::uuid ORDER BY email`,
    [orgId],
  );
  const callers = users.rows.filter((u) => u.role === 'CALLER');
  const managerRow = users.rows.find((u) => u.email === 'manager@bench.local')!;
  say(`signing in the manager and ${Math.min(CONNECTIONS, callers.length)} callers over HTTP`);
  const manager = await Session.signIn(base, 'manager@bench.local', BENCH_PASSWORD);
  const callerSessions: Array<{ session: Session; id: string }> = [];
  for (const c of callers.slice(0, CONNECTIONS)) {
    callerSessions.push({ session: await Session.signIn(base, c.email, BENCH_PASSWORD), id: c.id });
  }

  const kpiParams = SQL.kpiMonthParams(orgId, lastFull, TZ);
  const firstMonth = addMonths(month, -12);
  const trendParams = [
    orgId,
    monthBounds(firstMonth).first,
    monthBounds(lastFull).last,
    startOfDay(monthBounds(firstMonth).first, TZ),
    startOfDay(monthBounds(month).first, TZ),
    TZ,
  ];
  const snapParams = [orgId, firstMonth, lastFull];

  // ---- a. KPI for a month, all callers --------------------------------------------------------
  if (want('a')) {
    say(`a. KPI ${lastFull}, all callers: ${RUNS} runs each, interleaved`);
    const kpiUrl = `/api/kpi?month=${lastFull}&scope=caller`;
    const pair = await interleaved(
      () => pool.query(SQL.KPI_MONTH_SQL, [...kpiParams]),
      () => manager.ok('GET', kpiUrl),
    );
    figures.push(ratioFigure('a', `KPI of ${lastFull}, all callers — \`GET ${kpiUrl}\``, pair, 1.2));
  }

  // ---- f. month close for the last 12 full months ---------------------------------------------
  if (want('f')) {
    say('f. month close of the last 12 full months');
    const closeTimes: Array<{ month: string; ms: number; status: number }> = [];
    let closeMissing = false;
    for (let i = 12; i >= 1; i--) {
      const m = addMonths(month, -i);
      try {
        const r = await time(() => manager.request('POST', '/api/month-closes', { month: m }));
        closeTimes.push({ month: m, ms: r.ms, status: r.value.status });
        say(`   ${m}: ${r.value.status} in ${fmt(r.ms, 0)} ms`);
      } catch (error) {
        if (!(error instanceof EndpointMissing)) throw error;
        closeMissing = true;
        break;
      }
    }
    figures.push(closeFigure(closeTimes, closeMissing, callers.length));
  }

  // ---- b. manager dashboard -------------------------------------------------------------------
  if (want('b')) {
    say(`b. manager dashboard ${lastFull}: ${RUNS} runs`);
    figures.push(await latencyFigure('b', `/api/dashboards/manager?month=${lastFull}`, manager, 100));
  }

  // ---- c. 12-month trend ----------------------------------------------------------------------
  if (want('c')) {
    say(`c. 12-month trend: ${RUNS} runs each (raw aggregation, raw snapshot read, endpoint)`);
    const trendRaw = await series(() => pool.query(SQL.TREND_RAW_SQL, trendParams), Math.max(5, RUNS / 3));
    const snapRaw = await series(() => pool.query(SQL.TREND_SNAPSHOT_SQL, snapParams), RUNS);
    const snapRows = (await pool.query(SQL.TREND_SNAPSHOT_SQL, snapParams)).rowCount ?? 0;
    figures.push(await trendFigure(trendRaw, snapRaw, snapRows, manager));
  }

  // ---- d. caller queue under load -------------------------------------------------------------
  if (want('d')) {
    say(`d. caller queue: ${CONNECTIONS} connections × ${DURATION} s, raw route then product`);
    const queueUrl = '/api/tasks?assignee=me&bucket=today&page=1&size=20';
    const sample = (await callerSessions[0]!.session.ok('GET', queueUrl)) as {
      total: number;
      items: unknown[];
    };
    const rawHeaders = callerSessions.map((c) => ({ 'x-assignee': c.id }));
    const productHeaders = callerSessions.map((c) => ({ cookie: c.session.cookie }));
    await load({ url: `${rawBase}/raw/queue`, connections: CONNECTIONS, duration: 2, headers: rawHeaders });
    const rawLoad = await load({
      url: `${rawBase}/raw/queue`,
      connections: CONNECTIONS,
      duration: DURATION,
      headers: rawHeaders,
    });
    await load({ url: `${base}${queueUrl}`, connections: CONNECTIONS, duration: 2, headers: productHeaders });
    const prodLoad = await load({
      url: `${base}${queueUrl}`,
      connections: CONNECTIONS,
      duration: DURATION,
      headers: productHeaders,
    });
    figures.push({
      id: 'd',
      title: `Caller queue under load — \`GET ${queueUrl}\` (${callerSessions.length} callers' sessions, ${CONNECTIONS} connections, ${DURATION} s; the page holds ${sample.items.length} of ${sample.total} tasks)`,
      rows: [
        ['', 'raw route (pg)', 'product', 'ratio', 'goal', 'result'],
        [
          'req/s',
          fmt(rawLoad.rps, 0),
          fmt(prodLoad.rps, 0),
          fmt(prodLoad.rps / rawLoad.rps, 2),
          '≥ 0.7× raw',
          verdict(prodLoad.rps / rawLoad.rps >= 0.7),
        ],
        [
          'p99 latency (ms)',
          fmt(rawLoad.p99, 0),
          fmt(prodLoad.p99, 0),
          fmt(prodLoad.p99 / rawLoad.p99, 2),
          '≤ 50 ms',
          verdict(prodLoad.p99 <= 50),
        ],
        [
          'p50 / p97.5 (ms)',
          `${rawLoad.p50} / ${rawLoad.p97_5}`,
          `${prodLoad.p50} / ${prodLoad.p97_5}`,
          '',
          '',
          '',
        ],
        [
          'non-2xx / errors',
          `${rawLoad.non2xx} / ${rawLoad.errors}`,
          `${prodLoad.non2xx} / ${prodLoad.errors}`,
          '',
          '',
          '',
        ],
      ],
      summary: {
        raw: `${fmt(rawLoad.rps, 0)} req/s`,
        product: `${fmt(prodLoad.rps, 0)} req/s, p99 ${prodLoad.p99} ms`,
        ratio: fmt(prodLoad.rps / rawLoad.rps, 2),
        goal: '≥ 0.7×, p99 ≤ 50 ms',
        met: prodLoad.rps / rawLoad.rps >= 0.7 && prodLoad.p99 <= 50 && prodLoad.non2xx === 0,
      },
    });
  }

  // ---- e. approval of a 5 000-item plan -------------------------------------------------------
  if (want('e')) {
    say(`e. plan approval: ${PLAN_REPS} × (raw, product) on fresh ${PLAN_ITEMS}-item plans`);
    const team = users.rows.find((u) => u.role === 'LEAD')!;
    const teamCallers = callers.filter((c) => c.teamId === team.teamId).map((c) => c.id);
    const planMonth = addMonths(month, 1);
    const rawTimes: number[] = [];
    const productTimes: number[] = [];
    for (let rep = 0; rep < PLAN_REPS; rep++) {
      const free = (
        await pool.query<{ id: string }>(SQL.FREE_CUSTOMERS_SQL, [orgId, PLAN_ITEMS * 2])
      ).rows.map((r) => r.id);
      const makePlan = async (ids: string[], tag: string) => {
        const { first, last } = monthBounds(planMonth);
        const r = await pool.query<{ planId: string }>(SQL.CREATE_PLAN_SQL, [
          orgId,
          team.teamId,
          planMonth,
          `基准 ${tag} ${rep + 1}`,
          team.id,
          first,
          last,
          Number(last.slice(8)),
          teamCallers,
          ids,
        ]);
        return r.rows[0]!.planId;
      };
      const rawPlan = await makePlan(free.slice(0, PLAN_ITEMS), 'raw');
      const productPlan = await makePlan(free.slice(PLAN_ITEMS), 'product');
      const runRaw = async () => {
        const c = await pool.connect();
        try {
          await c.query('BEGIN');
          await c.query(SQL.RAW_APPROVE_STATUS_SQL, [rawPlan, managerRow.id]);
          const ins = await c.query(SQL.RAW_APPROVE_TASKS_SQL, [rawPlan, managerRow.id, orgId]);
          await c.query('COMMIT');
          if (ins.rowCount !== PLAN_ITEMS) throw new Error(`raw approval created ${ins.rowCount} tasks`);
        } finally {
          c.release();
        }
      };
      const runProduct = async () => {
        const body = (await manager.ok('POST', `/api/plans/${productPlan}/approve`, {})) as {
          status: string;
        };
        if (body.status !== 'APPROVED') throw new Error(`plan approval answered status ${body.status}`);
      };
      // alternate which goes first, so neither always meets the other's dead tuples
      if (rep % 2 === 0) {
        rawTimes.push((await time(runRaw)).ms);
        productTimes.push((await time(runProduct)).ms);
      } else {
        productTimes.push((await time(runProduct)).ms);
        rawTimes.push((await time(runRaw)).ms);
      }
      const made = await pool.query(`SELECT count(*)::int AS n FROM "Task" WHERE "planId" = $1::uuid`, [
        productPlan,
      ]);
      if (made.rows[0]?.n !== PLAN_ITEMS)
        throw new Error(`product approval created ${made.rows[0]?.n} tasks`);
      for (const sql of SQL.DROP_PLANS_SQL) await pool.query(sql, [[rawPlan, productPlan]]);
      say(`   rep ${rep + 1}: raw ${fmt(rawTimes.at(-1))} ms, product ${fmt(productTimes.at(-1))} ms`);
    }
    // the deleted tasks leave dead index entries on the callers' queues: clean them for the next run
    await pool.query('VACUUM (ANALYZE) "Task", "TaskAssignment", "PlanItem", "VisitPlan"');
    const rawS = stats(rawTimes);
    const prodS = stats(productTimes);
    figures.push({
      id: 'e',
      title: `Approval of a ${PLAN_ITEMS}-item plan — \`POST /api/plans/:id/approve\` vs one raw transaction (${PLAN_REPS} fresh plans each)`,
      rows: [
        ['', 'raw (pg, 1 transaction)', 'product', 'ratio', 'goal', 'result'],
        [
          'median (ms)',
          fmt(rawS.median),
          fmt(prodS.median),
          fmt(prodS.median / rawS.median, 2),
          '≤ 1.3× raw',
          verdict(prodS.median / rawS.median <= 1.3),
        ],
        [
          'min / max (ms)',
          `${fmt(rawS.min)} / ${fmt(rawS.max)}`,
          `${fmt(prodS.min)} / ${fmt(prodS.max)}`,
          '',
          '',
          '',
        ],
      ],
      summary: {
        raw: `${fmt(rawS.median)} ms`,
        product: `${fmt(prodS.median)} ms`,
        ratio: fmt(prodS.median / rawS.median, 2),
        goal: '≤ 1.3×',
        met: prodS.median / rawS.median <= 1.3,
      },
    });
  }

  await pool.query(`DELETE FROM "Session" WHERE "createdAt" >= $1`, [now]);
  if (ONLY !== null) {
    printSummary(figures);
    for (const f of figures) say(`${f.id}:\n${f.rows.map((r) => r.join(' | ')).join('\n')}`);
    say(`--only ${[...ONLY].join(',')}: BENCHMARKS.md left as it was`);
  } else {
    // ---- plans of the raw statements ------------------------------------------------------------
    say('EXPLAIN (ANALYZE, BUFFERS) of the raw statements');
    const explain = async (title: string, sql: string, params: unknown[]) => {
      const r = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
      plans.push({ title, text: r.rows.map((x) => x['QUERY PLAN']).join('\n') });
    };
    await explain(`KPI month ${lastFull} (KPI_MONTH_SQL)`, SQL.KPI_MONTH_SQL, [...kpiParams]);
    await explain('12-month trend, raw aggregation', SQL.TREND_RAW_SQL, trendParams);
    await explain('12-month trend, snapshot read', SQL.TREND_SNAPSHOT_SQL, snapParams);
    const today = dayIn(new Date(), TZ);
    const q = [orgId, callerSessions[0]!.id, today, new Date().toISOString()];
    await explain('caller queue page with its total (listTasks, bucket today)', SQL.QUEUE_PAGE_SQL, [
      ...q,
      20,
      0,
    ]);
    await explain('caller queue count alone (listTasks, only past the last page)', SQL.QUEUE_COUNT_SQL, q);

    const version = await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
    const file = path.join(repoRoot, 'BENCHMARKS.md');
    writeReport(file, {
      scale,
      meta,
      reused,
      sizes: sizes(scale),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? '?',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        postgres: version.rows[0]?.v ?? '?',
        node: process.version,
        loadStart,
        loadEnd: os.loadavg(),
      },
      runs: RUNS,
      duration: DURATION,
      figures,
      plans,
      date: now.toISOString(),
    });
    printSummary(figures);
    say(`wrote ${file}`);
  }
} finally {
  await teardown();
}

// ---------------------------------------------------------------------------------------------

/** Warm-up (5 each), then RUNS alternating raw/product runs, so both meet the same conditions. */
async function interleaved(rawRun: () => Promise<unknown>, productRun: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) {
    await rawRun();
    await productRun();
  }
  const r: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    r.push((await time(rawRun)).ms);
    p.push((await time(productRun)).ms);
  }
  return { raw: stats(r), product: stats(p) };
}

async function series(run: () => Promise<unknown>, runs: number): Promise<Stats> {
  for (let i = 0; i < 3; i++) await run();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) t.push((await time(run)).ms);
  return stats(t);
}

function verdict(ok: boolean | null): string {
  return ok === null ? 'n/a' : ok ? 'met' : '**missed**';
}

function ratioFigure(id: string, title: string, s: { raw: Stats; product: Stats }, goal: number): Figure {
  const ratio = s.product.median / s.raw.median;
  return {
    id,
    title,
    rows: [
      ['', 'raw (pg)', 'product (HTTP)', 'ratio', 'goal', 'result'],
      [
        'median (ms)',
        fmt(s.raw.median),
        fmt(s.product.median),
        fmt(ratio, 2),
        `≤ ${goal}× raw`,
        verdict(ratio <= goal),
      ],
      ['p95 (ms)', fmt(s.raw.p95), fmt(s.product.p95), fmt(s.product.p95 / s.raw.p95, 2), '', ''],
      [
        'min / max (ms)',
        `${fmt(s.raw.min)} / ${fmt(s.raw.max)}`,
        `${fmt(s.product.min)} / ${fmt(s.product.max)}`,
        '',
        '',
        '',
      ],
    ],
    summary: {
      raw: `${fmt(s.raw.median)} ms`,
      product: `${fmt(s.product.median)} ms`,
      ratio: fmt(ratio, 2),
      goal: `≤ ${goal}×`,
      met: ratio <= goal,
    },
  };
}

async function latencyFigure(id: string, url: string, who: Session, p95Goal: number): Promise<Figure> {
  const title = `Manager dashboard — \`GET ${url}\``;
  try {
    await who.ok('GET', url);
    const s = await series(() => who.ok('GET', url), RUNS);
    return {
      id,
      title,
      rows: [
        ['', 'product (HTTP)', 'goal', 'result'],
        ['p95 (ms)', fmt(s.p95), `< ${p95Goal} ms`, verdict(s.p95 < p95Goal)],
        ['median (ms)', fmt(s.median), '', ''],
        ['min / max (ms)', `${fmt(s.min)} / ${fmt(s.max)}`, '', ''],
      ],
      summary: {
        raw: '—',
        product: `p95 ${fmt(s.p95)} ms`,
        ratio: '—',
        goal: `p95 < ${p95Goal} ms`,
        met: s.p95 < p95Goal,
      },
    };
  } catch (error) {
    return missingOrFailed(id, title, error, `p95 < ${p95Goal} ms`);
  }
}

function missingOrFailed(id: string, title: string, error: unknown, goal: string): Figure {
  const missing = error instanceof EndpointMissing;
  const note = missing
    ? 'endpoint missing (404: no such route in this build)'
    : `failed: ${String(error).slice(0, 300)}`;
  say(`   ${note}`);
  return {
    id,
    title,
    rows: [],
    note,
    summary: { raw: '—', product: missing ? 'endpoint missing' : 'failed', ratio: '—', goal, met: null },
  };
}

async function trendFigure(trendRaw: Stats, snapRaw: Stats, snapRows: number, who: Session): Promise<Figure> {
  const url = '/api/kpi/trend?scope=caller&months=12';
  const title = `12-month trend by caller — \`GET ${url}\``;
  const base: Figure['rows'] = [
    ['', 'median (ms)', 'p95 (ms)', 'ratio to raw aggregation', 'goal', 'result'],
    [
      'raw aggregation over tasks/records/inspections (pg)',
      fmt(trendRaw.median),
      fmt(trendRaw.p95),
      '1.00',
      '',
      '',
    ],
    [
      `raw snapshot read (pg, ${snapRows} rows)`,
      fmt(snapRaw.median),
      fmt(snapRaw.p95),
      fmt(snapRaw.median / trendRaw.median, 3),
      '',
      '',
    ],
  ];
  try {
    await who.ok('GET', url);
    const s = await series(() => who.ok('GET', url), RUNS);
    return {
      id: 'c',
      title,
      rows: [
        ...base,
        [
          'product (HTTP)',
          fmt(s.median),
          fmt(s.p95),
          fmt(s.median / trendRaw.median, 3),
          '< 20 ms',
          verdict(s.median < 20),
        ],
      ],
      note:
        snapRows === 0
          ? 'No snapshots exist (no month close ran): the endpoint had nothing to read.'
          : undefined,
      summary: {
        raw: `${fmt(trendRaw.median)} ms (aggregation), ${fmt(snapRaw.median)} ms (snapshots)`,
        product: `${fmt(s.median)} ms (p95 ${fmt(s.p95)})`,
        ratio: fmt(s.median / trendRaw.median, 3),
        goal: '< 20 ms',
        met: s.median < 20,
      },
    };
  } catch (error) {
    const f = missingOrFailed('c', title, error, '< 20 ms');
    return { ...f, rows: base, summary: { ...f.summary, raw: `${fmt(trendRaw.median)} ms (aggregation)` } };
  }
}

function closeFigure(
  times: Array<{ month: string; ms: number; status: number }>,
  missing: boolean,
  nCallers: number,
): Figure {
  const title = `Month close — \`POST /api/month-closes\` for each of the last 12 full months (${nCallers} callers)`;
  if (missing)
    return missingOrFailed('f', title, new EndpointMissing('POST /api/month-closes'), '< 5 s each');
  const s = stats(times.map((t) => t.ms));
  const allOk = times.every((t) => t.status >= 200 && t.status < 300);
  return {
    id: 'f',
    title,
    rows: [
      ['month', 'HTTP status', 'time (ms)', 'goal', 'result'],
      ...times.map((t) => [
        t.month,
        String(t.status),
        fmt(t.ms, 0),
        '< 5 000 ms',
        verdict(t.ms < 5000 && t.status < 300),
      ]),
    ],
    summary: {
      raw: '—',
      product: `median ${fmt(s.median, 0)} ms, max ${fmt(s.max, 0)} ms`,
      ratio: '—',
      goal: '< 5 s',
      met: allOk && s.max < 5000,
    },
  };
}

function printSummary(list: Figure[]) {
  const rows = [['figure', 'raw', 'product', 'ratio', 'goal', 'result']];
  for (const f of [...list].sort((a, b) => a.id.localeCompare(b.id))) {
    rows.push([
      f.id,
      f.summary.raw,
      f.summary.product,
      f.summary.ratio,
      f.summary.goal,
      verdict(f.summary.met).replace(/\*/g, ''),
    ]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const r of rows) say(r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  '));
}
