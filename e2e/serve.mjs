// Starts the compiled API (`pnpm build`: apps/api/dist) with the built web app on a fresh embedded
// database for the browser tests.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

rmSync(path.resolve(process.env.HUIFANG_DATA_DIR ?? '.data/e2e'), { recursive: true, force: true });
const child = spawn(process.execPath, ['--enable-source-maps', 'dist/server.js'], {
  cwd: 'apps/api',
  stdio: 'inherit',
  env: process.env,
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
