// The real server as an OS process (`node --import tsx src/server.ts`, or the compiled one), for tests
// of how it starts, stops and survives crashes. Deadlines are generous: these tests run on busy two-core machines.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../src/config.ts';
import { processFacts, readLockFile } from '../src/db/postmaster.ts';

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  output(): string;
  /** resolves with the exit code (null when killed by a signal) */
  exited: Promise<number | null>;
  /** the embedded database's data folder, as the server announced it */
  dataDir(): string;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** How to start the server: from its TypeScript source by default. */
export interface Launch {
  cwd: string;
  args: string[];
}
const FROM_SOURCE: Launch = {
  cwd: path.join(repoRoot, 'apps/api'),
  args: ['--import', 'tsx', 'src/server.ts'],
};

export async function startServer(
  env: Record<string, string>,
  launch: Launch = FROM_SOURCE,
): Promise<ServerProcess> {
  // PORT=0: the server listens on any free port and names it (a port chosen here could be taken
  // by the time a slow start reaches listen).
  const child = spawn(process.execPath, launch.args, {
    cwd: launch.cwd,
    env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const running: ServerProcess = {
    child,
    port: 0,
    output: () => out,
    exited,
    dataDir: () => {
      const m = /data in (\S+)/.exec(out);
      if (!m?.[1]) throw new Error(`the server named no data folder:\n${out}`);
      return m[1];
    },
  };
  await waitFor(
    () => out.includes('Huifang is running'),
    120_000,
    () => {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
      return `server did not start:\n${out}`;
    },
  );
  const named = /Huifang is running at http:\/\/localhost:(\d+)/.exec(out)?.[1];
  running.port = Number(env.PORT ?? named);
  return running;
}

/** Polls `check` every 100 ms until it holds; `failure` says why when the deadline passes (or throws). */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  deadlineMs: number,
  failure: () => string = () => 'condition not met',
): Promise<void> {
  for (let waited = 0; ; waited += 100) {
    if (await check()) return;
    const why = failure(); // may throw at once, e.g. when the process has exited
    if (waited >= deadlineMs) throw new Error(why);
    await sleep(100);
  }
}

export async function stopServer(running: ServerProcess, signal: NodeJS.Signals = 'SIGTERM') {
  if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill(signal);
  return running.exited;
}

/** The postmaster that runs on `dataDir` now, if any. */
export function postmasterOf(dataDir: string): number | undefined {
  const lock = readLockFile(dataDir);
  return lock && processFacts(lock.pid).alive ? lock.pid : undefined;
}

export async function getJson(port: number, url: string, init?: RequestInit) {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, init);
  return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, unknown> | null };
}
