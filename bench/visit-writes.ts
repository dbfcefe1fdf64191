import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, repoRoot } from '../apps/api/src/config.ts';
import { pg } from './deps.ts';
import { BENCH_PASSWORD, prepareBenchDatabase, say } from './generate.ts';
import { Session } from './measure.ts';
import { writeSection } from './report.ts';
import { startCompiledServer } from './server.ts';

const SECTION = '## Visit writes under concurrency (issue 9)';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}
const CALLERS = arg('callers', 100);
const DURATION_S = arg('duration', 60);
const SCALE = arg('scale', 0.5);

/** What each attempt logs, in turn: mostly unanswered calls (the task stays open), some done. */
const OUTCOMES = ['NO_ANSWER', 'NO_ANSWER', 'CALL_BACK_LATER', 'NO_ANSWER', 'COMPLETED'] as const;

interface Sample {
  ms: number;
  status: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

async function main() {
  const loadStart = os.loadavg().map((l) => l.toFixed(2));
  const bench = await prepareBenchDatabase(SCALE);
  const { base, url, stop } = await startCompiledServer(bench, 'visit_writes');
  const pool = loadConfig(process.env).dbPool;
  try {
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const callers = (
      await db.query<{ email: string }>(
        `SELECT email FROM "User" WHERE role = 'CALLER' AND "organizationId" = $1 ORDER BY email LIMIT $2`,
        [bench.meta.orgId, CALLERS],
      )
    ).rows;
    await db.end();
    if (callers.length < CALLERS)
      throw new Error(`the bench data has ${callers.length} callers, not ${CALLERS}`);

    say(`signing ${CALLERS} callers in and reading their queues`);
    const workers: { session: Session; tasks: string[] }[] = [];
    for (const c of callers) {
      const session = await Session.signIn(base, c.email, BENCH_PASSWORD);
      const page = (await session.ok(
        'GET',
        '/api/tasks?assignee=me&status=PENDING,IN_PROGRESS&size=100',
      )) as {
        items: { id: string }[];
      };
      workers.push({ session, tasks: page.items.map((t) => t.id) });
    }
    const openTasks = workers.reduce((n, w) => n + w.tasks.length, 0);

    say(`${CALLERS} callers log visits for ${DURATION_S} s`);
    const samples: Sample[] = [];
    const errors = new Map<string, number>();
    const started = performance.now();
    const deadline = started + DURATION_S * 1000;
    await Promise.all(
      workers.map(async (w, k) => {
        for (let n = k; performance.now() < deadline && w.tasks.length > 0; n++) {
          const task = w.tasks[n % w.tasks.length] as string;
          const outcome = OUTCOMES[n % OUTCOMES.length] as (typeof OUTCOMES)[number];
          const body =
            outcome === 'COMPLETED'
              ? {
                  channel: 'PHONE',
                  outcome,
                  satisfaction: 4,
                  opinions: '课程安排合理，老师讲解清楚。',
                  durationSec: 180,
                }
              : outcome === 'CALL_BACK_LATER'
                ? { channel: 'PHONE', outcome, callBackAt: new Date(Date.now() + 86_400_000).toISOString() }
                : { channel: 'PHONE', outcome, durationSec: 20 };
          const t0 = performance.now();
          let status = 0;
          let text = '';
          try {
            const res = await fetch(`${base}/api/tasks/${task}/visits`, {
              method: 'POST',
              headers: {
                cookie: w.session.cookie,
                origin: base,
                'sec-fetch-site': 'same-origin',
                'content-type': 'application/json',
                'idempotency-key': randomUUID(),
              },
              body: JSON.stringify(body),
            });
            status = res.status;
            text = await res.text();
          } catch (error) {
            text = String(error);
          }
          samples.push({ ms: performance.now() - t0, status });
          if (status !== 201) {
            const key = `${status} ${text.slice(0, 160)}`;
            errors.set(key, (errors.get(key) ?? 0) + 1);
          }
          if (status === 201 && outcome === 'COMPLETED') w.tasks.splice(n % w.tasks.length, 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const loadEnd = os.loadavg().map((l) => l.toFixed(2));
    const ok = samples.filter((s) => s.status === 201).length;
    const failed = samples.length - ok;
    const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
    const ms = (q: number) => quantile(sorted, q).toFixed(0);
    const byStatus = [
      ...samples.reduce((m, s) => m.set(s.status, (m.get(s.status) ?? 0) + 1), new Map<number, number>()),
    ]
      .sort((a, b) => a[0] - b[0])
      .map(([s, n]) => `${s === 0 ? 'no answer' : s}: ${n}`)
      .join(', ');
    const line = `${samples.length} requests in ${seconds.toFixed(1)} s (${(samples.length / seconds).toFixed(0)}/s), ${failed} errors; p50 ${ms(0.5)} ms, p90 ${ms(0.9)} ms, p99 ${ms(0.99)} ms, max ${ms(1)} ms`;
    say(line);
    for (const [e, n] of errors) say(`  ${n} × ${e}`);

    const md = [
      SECTION,
      '',
      `${CALLERS} callers, each signed in with their own session, log visits on their own open tasks as fast as`,
      `the server answers, for ${DURATION_S} s: \`POST /api/tasks/:id/visits\` with an \`Idempotency-Key\`, outcomes in turn`,
      '未接通, 未接通, 约定回电 (tomorrow), 未接通, 已完成 (satisfaction 4, an opinion; the task closes). No retries:',
      'any answer other than 201 counts as an error, a 503 too. The server is the compiled one',
      `(\`node apps/api/dist/server.js\`, NODE_ENV=production) with the product's pool (${pool.size} connections,`,
      `${pool.waitMs / 1000} s wait; HUIFANG_DB_POOL, HUIFANG_DB_WAIT_MS), on a copy of the bench organisation at scale ${SCALE}`,
      `(${bench.meta.counts.Task?.toLocaleString('en') ?? '?'} tasks; ${openTasks.toLocaleString('en')} open in these callers' queues); server, database and the`,
      'callers share the machine.',
      `Generated by \`bench/visit-writes.ts\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; Node ${process.version},`,
      `${os.cpus().length} CPUs, load average ${loadStart.join(' / ')} at start, ${loadEnd.join(' / ')} at the end.`,
      '',
      '| requests | per second | errors | answers | p50 | p90 | p99 | max |',
      '| -------: | ---------: | -----: | ------- | --: | --: | --: | --: |',
      `| ${samples.length} | ${(samples.length / seconds).toFixed(0)} | ${failed} | ${byStatus} | ${ms(0.5)} ms | ${ms(0.9)} ms | ${ms(0.99)} ms | ${ms(1)} ms |`,
      '',
      `No caller pauses between submissions, so ${CALLERS} requests are always waiting for the pool's connections: the`,
      `median is mostly that queue (${CALLERS} ÷ ${(samples.length / seconds).toFixed(0)}/s ≈ ${(CALLERS / (samples.length / seconds)).toFixed(1)} s), not the time one visit takes. Real callers log a`,
      `visit every few minutes: ${CALLERS} of them send about one a second, far below this throughput.`,
      ...(seconds < DURATION_S - 0.5
        ? [
            '',
            `The run ended after ${seconds.toFixed(1)} s: the callers had finished all ${openTasks.toLocaleString('en')} open tasks of their queues (one attempt in five completes a task).`,
          ]
        : []),
      '',
      failed === 0
        ? `Goal (0 errors from ${CALLERS} concurrent callers, for ${DURATION_S} s or until their queues are done): **met**.`
        : `Goal (0 errors from ${CALLERS} concurrent callers, for ${DURATION_S} s or until their queues are done): **not met** — ${[
            ...errors,
          ]
            .map(([e, n]) => `${n} × ${e}`)
            .join('; ')}.`,
      '',
    ].join('\n');
    if (process.argv.includes('--no-write')) console.log(md);
    else {
      writeSection(path.join(repoRoot, 'BENCHMARKS.md'), SECTION, md);
      say(`BENCHMARKS.md: section "${SECTION}" written`);
    }
    process.exitCode = failed === 0 ? 0 : 1;
  } finally {
    await stop();
    await bench.db.stop();
  }
}

await main();
