// Starts the compiled API (`pnpm build`: apps/api/dist) with the built web app on a fresh embedded
// database for the browser tests.
//
// With E2E_CLOCK_FILE set, the server (and the PostgreSQL it starts) reads the time through Debian's
// libfaketime from that file: an offset such as "+0" or "+2678400" (seconds), re-read every second.
// A spec moves this server's clock forward by writing the file (e2e/clock.ts), e.g. to close a month
// that the real calendar has not ended yet. The monotonic clock is left alone, so timers keep time.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

rmSync(path.resolve(process.env.HUIFANG_DATA_DIR ?? '.data/e2e'), { recursive: true, force: true });

const env = { ...process.env };
if (env.E2E_CLOCK_FILE) {
  mkdirSync(path.dirname(path.resolve(env.E2E_CLOCK_FILE)), { recursive: true });
  writeFileSync(env.E2E_CLOCK_FILE, '+0\n');
  const lib = readdirSync('/usr/lib', { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => path.join('/usr/lib', d.name, 'faketime', 'libfaketime.so.1'))
    .concat(['/usr/lib/faketime/libfaketime.so.1'])
    .find((p) => existsSync(p));
  if (!lib) {
    console.error("e2e/serve.mjs: E2E_CLOCK_FILE needs Debian's faketime (apt-get install faketime)");
    process.exit(2);
  }
  Object.assign(env, {
    LD_PRELOAD: lib,
    FAKETIME_TIMESTAMP_FILE: path.resolve(env.E2E_CLOCK_FILE),
    FAKETIME_CACHE_DURATION: '1',
    FAKETIME_DONT_FAKE_MONOTONIC: '1',
  });
}

const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.js'], {
  cwd: 'apps/api',
  stdio: 'inherit',
  env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
