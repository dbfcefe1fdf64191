// The compiled server (`node apps/api/dist/server.js`, NODE_ENV=production) on a scratch copy of
// the bench organisation, for the benchmarks that load it the way users would (bench/visit-writes.ts,
// bench/mixed-load.ts): the product's pools and waits, its own process.
import { execFileSync, spawn } from 'node:child_process';
import { repoRoot } from '../apps/api/src/config.ts';
import { freePort } from '../apps/api/src/db/embedded.ts';
import { pg } from './deps.ts';
import { type BenchDatabase, say } from './generate.ts';

export interface CompiledServer {
  base: string;
  /** the scratch copy's URL */
  url: string;
  /** the server process (for its memory: /proc/<pid>/status) */
  pid: number;
  /** stops the server and drops the copy (the bench cluster keeps running) */
  stop: () => Promise<void>;
}

export async function startCompiledServer(bench: BenchDatabase, scratch: string): Promise<CompiledServer> {
  const admin = new pg.Client({ connectionString: bench.url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`);
  const source = new URL(bench.url).pathname.slice(1);
  say('copying the bench database');
  await admin.query(`CREATE DATABASE ${scratch} TEMPLATE "${source}"`);
  const url = bench.url.replace(/\/[^/]+$/, `/${scratch}`);

  say('compiling the server (pnpm --filter @huifang/api build)');
  execFileSync('pnpm', ['--filter', '@huifang/api', 'build'], { cwd: repoRoot, stdio: 'ignore' });
  const port = await freePort();
  // BENCH_PROF=<dir>: the server writes a CPU profile there when it stops (docs/performance.md)
  const server = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []),
      '--enable-source-maps',
      'apps/api/dist/server.js',
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: url,
        PORT: String(port),
        HUIFANG_DEMO: '0',
        LOG_LEVEL: 'warn',
        // one address signs all the users in within seconds
        HUIFANG_LOGIN_RATE_MAX: '100000',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
  });
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await admin.query(`DROP DATABASE IF EXISTS ${scratch} WITH (FORCE)`).catch(() => {});
    await admin.end();
  };
  try {
    for (let waited = 0; !out.includes('Huifang is running'); waited += 100) {
      if (server.exitCode !== null || waited > 120_000) throw new Error(`the server did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { base: `http://127.0.0.1:${port}`, url, pid: server.pid as number, stop };
}
