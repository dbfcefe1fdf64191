// The app owns its embedded database (docs/decisions/009-the-app-owns-its-database.md): the real
// server process, kill -9 of the app (its postmaster lives on; the next start stops it) and kill -9
// of the postmaster (the app starts it again; /api/health says what is happening meanwhile).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processesIn, processFacts } from '../src/db/postmaster.ts';
import { getJson, postmasterOf, startServer, stopServer, waitFor } from './server-process.ts';

const ADMIN = {
  organizationName: 'Crash test',
  name: 'Admin',
  email: 'admin@crash.test',
  password: 'lantern-orbit-crash-47',
};

describe('the embedded database after a crash', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'hf-crash-test-'));
  chmodSync(base, 0o755);
  const dataDirs: string[] = [];
  afterAll(() => {
    // A failed test may leave a server of ours behind: stop it, by its pid.
    for (const dir of dataDirs) {
      const pid = postmasterOf(dir);
      if (pid) process.kill(pid, 'SIGINT');
    }
    rmSync(base, { recursive: true, force: true });
  });

  it('a start after kill -9 of the app stops the postmaster the app left running, and keeps the data', async () => {
    const env = { HUIFANG_DATA_DIR: path.join(base, 'app-killed') };
    const first = await startServer(env);
    const dataDir = first.dataDir();
    dataDirs.push(dataDir);
    const orphan = postmasterOf(dataDir);
    expect(orphan).toBeDefined();
    first.child.kill('SIGKILL');
    await first.exited;
    // What used to block every later start until someone killed it by hand:
    expect(processFacts(orphan as number).alive).toBe(true);

    const second = await startServer(env);
    try {
      expect(second.output()).toContain(`stopping PostgreSQL (pid ${orphan})`);
      expect(processFacts(orphan as number).alive).toBe(false);
      expect(postmasterOf(dataDir)).toBeDefined();
      expect(second.output()).not.toContain('seeded the demo organisation');
      const login = await getJson(second.port, '/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.local', password: 'demo1234' }),
      });
      expect(login.status).toBe(200);
    } finally {
      expect(await stopServer(second)).toBe(0);
    }
    expect(postmasterOf(dataDir)).toBeUndefined();
  }, 360_000);

  // The check reads /proc: which processes belong to the server.
  it.runIf(process.platform === 'linux')(
    'after kill -9 of its postmaster the app starts it again, says "restarting" until then, and sessions survive',
    async () => {
      const running = await startServer({
        HUIFANG_DATA_DIR: path.join(base, 'db-killed'),
        HUIFANG_DEMO: '0',
      });
      try {
        const dataDir = running.dataDir();
        dataDirs.push(dataDir);
        const setup = await fetch(`http://127.0.0.1:${running.port}/api/setup`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ADMIN),
        });
        expect(setup.status).toBe(201);
        const cookie = (setup.headers.get('set-cookie') ?? '').split(';')[0] as string;
        const postmaster = postmasterOf(dataDir) as number;
        expect(postmaster).toBeDefined();

        // Freeze one of the server's own processes first: while it lives on attached to the old
        // server's shared memory, PostgreSQL refuses to start again, so the "restarting" state
        // lasts until the test lets that process go, however slow the machine.
        const held = processesIn(dataDir).find((pid) => pid !== postmaster);
        expect(held).toBeDefined();
        process.kill(held as number, 'SIGSTOP');
        process.kill(postmaster, 'SIGKILL');
        try {
          await waitFor(
            async () => {
              const health = await getJson(running.port, '/api/health');
              return health.status === 503 && health.body?.database === 'restarting';
            },
            120_000,
            () => `/api/health never said "restarting":\n${running.output()}`,
          );
          const health = await getJson(running.port, '/api/health');
          expect(health.status).toBe(503);
          expect(health.body).toMatchObject({ status: 'degraded', database: 'restarting' });
          await waitFor(
            () => running.output().includes('restart failed'),
            120_000,
            () => `no restart was refused:\n${running.output()}`,
          );
        } finally {
          process.kill(held as number, 'SIGCONT');
        }

        // Let go, the old process notices its postmaster is gone and exits; a later attempt works.
        const seen: unknown[] = [];
        await waitFor(
          async () => {
            const health = await getJson(running.port, '/api/health');
            if (health.status !== 200) seen.push(health);
            const now = postmasterOf(dataDir);
            return health.status === 200 && now !== undefined && now !== postmaster;
          },
          180_000,
          () => `the database did not come back:\n${running.output()}`,
        );
        for (const answer of seen) {
          expect(answer).toMatchObject({ status: 503, body: { status: 'degraded' } });
          expect(['restarting', 'down']).toContain((answer as { body: { database: string } }).body.database);
        }
        expect(running.output()).toContain('PostgreSQL stopped unexpectedly');
        expect(running.output()).toContain('PostgreSQL is back');
        // The API's connections came back too, and the session (in the database) survived.
        const me = await getJson(running.port, '/api/auth/me', { headers: { cookie } });
        expect(me.status).toBe(200);
        expect(me.body).toMatchObject({ email: ADMIN.email });
      } finally {
        expect(await stopServer(running)).toBe(0);
      }
      expect(postmasterOf(running.dataDir())).toBeUndefined();
    },
    420_000,
  );

  it('exits with 1 when told not to restart the database, for a supervisor to restart both', async () => {
    const running = await startServer({
      HUIFANG_DATA_DIR: path.join(base, 'supervised'),
      HUIFANG_DEMO: '0',
      HUIFANG_DB_RESTART_ATTEMPTS: '0',
    });
    const dataDir = running.dataDir();
    dataDirs.push(dataDir);
    const postmaster = postmasterOf(dataDir) as number;
    expect(postmaster).toBeDefined();
    process.kill(postmaster, 'SIGKILL');
    expect(await running.exited).toBe(1);
    expect(running.output()).toContain('PostgreSQL stopped unexpectedly');
    expect(postmasterOf(dataDir)).toBeUndefined();
  }, 300_000);
});
