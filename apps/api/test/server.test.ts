// The start-up paths of docs/product.md#how-it-runs: the real server process on an embedded database
// (first start seeds, a second start reuses the data, SIGTERM stops app and database cleanly),
// on an external DATABASE_URL (starts empty), and the embedded database from a folder the
// postgres user cannot enter.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/config.ts';
import { freePort, postgresIdentity, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { firstUntraversable } from '../src/db/traverse.ts';
import { createTestDatabase } from './helper.ts';
import { type ServerProcess, startServer, stopServer, waitFor } from './server-process.ts';

/** waits (up to 10 s) for a line the server prints after it says it is running */
const waitForOutput = (running: ServerProcess, text: string) =>
  waitFor(() => running.output().includes(text), 10_000).catch(() => undefined);

describe('server start-up', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'hf-server-test-'));
  chmodSync(base, 0o755);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it('starts on an embedded database with demo data, stops cleanly on SIGTERM, and reuses the data', async () => {
    const dataDir = path.join(base, 'data');
    const first = await startServer({ HUIFANG_DATA_DIR: dataDir });
    try {
      await waitForOutput(first, 'caller1@demo.local');
      expect(first.output()).toContain('seeded the demo organisation');
      expect(first.output()).toContain('caller1@demo.local');
      const health = await fetch(`http://127.0.0.1:${first.port}/api/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', database: 'up' });
      const login = await fetch(`http://127.0.0.1:${first.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.local', password: 'demo1234' }),
      });
      expect(login.status).toBe(200);
    } finally {
      expect(await stopServer(first)).toBe(0);
    }
    expect(first.output()).toContain('stopped');
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startServer({ HUIFANG_DATA_DIR: dataDir });
    try {
      expect(second.output()).not.toContain('seeded the demo organisation');
      expect(second.output()).not.toContain('applied migrations');
      const login = await fetch(`http://127.0.0.1:${second.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.local', password: 'demo1234' }),
      });
      expect(login.status).toBe(200);
    } finally {
      expect(await stopServer(second, 'SIGINT')).toBe(0);
    }
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 180_000);

  it('uses DATABASE_URL when set: no embedded database, empty, asks for an administrator', async () => {
    const url = await createTestDatabase('empty');
    const running = await startServer({ DATABASE_URL: url, HUIFANG_DATA_DIR: path.join(base, 'unused') });
    try {
      await waitForOutput(running, 'create the first administrator');
      expect(running.output()).toContain('create the first administrator');
      expect(running.output()).not.toContain('embedded PostgreSQL');
      const setup = await fetch(`http://127.0.0.1:${running.port}/api/setup`);
      expect(await setup.json()).toEqual({ needsAdmin: true });
    } finally {
      expect(await stopServer(running)).toBe(0);
    }
    expect(existsSync(path.join(base, 'unused'))).toBe(false);
  }, 120_000);
});

describe('embedded PostgreSQL and the process around it', () => {
  function runScript(code: string): Promise<{ status: number | null; out: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
        cwd: path.join(repoRoot, 'apps/api'),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout.on('data', (d) => {
        out += d;
      });
      child.stderr.on('data', (d) => {
        out += d;
      });
      child.on('exit', (status) => resolve({ status, out }));
    });
  }

  it('leaves the exit code alone (a failing test run must not exit 0) and takes an unstopped server down on exit', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hf-exit-'));
    chmodSync(dir, 0o755);
    try {
      const dataDir = path.join(dir, 'pg');
      // Stopped, then left to drain: exits with the code it set (async-exit-hook used to force 0).
      const drained = await runScript(`
        import { startEmbeddedPostgres } from './src/db/embedded.ts';
        const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
        await db.stop();
        process.exitCode = 3;`);
      expect(drained).toMatchObject({ status: 3 });
      // Exiting with the server still up takes the server down too: no orphaned postmaster.
      const abrupt = await runScript(`
        import { startEmbeddedPostgres } from './src/db/embedded.ts';
        await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)} });
        process.exit(4);`);
      expect(abrupt.status).toBe(4);
      const deadline = Date.now() + 10_000;
      while (existsSync(path.join(dataDir, 'postmaster.pid')) && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  // The binaries sit in this checkout's node_modules: a checkout below /root moves them whatever the data folder.
  const checkoutOpen = process.getuid?.() !== 0 || firstUntraversable(repoRoot, postgresIdentity()) === null;

  it.runIf(checkoutOpen)(
    'runs from the folder it is given when the postgres user can enter it',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'hf-open-'));
      chmodSync(dir, 0o755);
      const db = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
      try {
        expect(db.relocated).toBe(false);
        expect(db.dataDir).toBe(path.join(dir, 'pg'));
      } finally {
        await db.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );

  it('tries another port when the one it chose is taken before PostgreSQL starts', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hf-port-'));
    chmodSync(dir, 0o755);
    // What a busy machine can do between choosing a port and PostgreSQL binding it.
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const taken = (holder.address() as net.AddressInfo).port;
    const offered: number[] = [];
    const logs: string[] = [];
    const db = await startEmbeddedPostgres({
      dataDir: path.join(dir, 'pg'),
      log: (m) => logs.push(m),
      choosePort: async () => {
        const port = offered.length === 0 ? taken : await freePort();
        offered.push(port);
        return port;
      },
    });
    try {
      expect(offered).toHaveLength(2);
      expect(db.url).toContain(`127.0.0.1:${offered[1]}/`);
      expect(logs).toContain(`port ${taken} was taken before PostgreSQL could use it; trying another`);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      await client.end();
    } finally {
      await db.stop();
      holder.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  // Only root hands the server to another user; as anyone else there is nothing to move.
  it.runIf(process.getuid?.() === 0)(
    'moves to a temp folder, and says so, below a folder the postgres user cannot enter; a new folder starts afresh',
    async () => {
      const closed = mkdtempSync(path.join(os.tmpdir(), 'hf-closed-'));
      chmodSync(closed, 0o700);
      mkdirSync(path.join(closed, 'clone'));
      const logs: string[] = [];
      const db = await startEmbeddedPostgres({
        dataDir: path.join(closed, 'clone', '.data', 'pg'),
        log: (m) => logs.push(m),
      });
      try {
        expect(db.relocated).toBe(true);
        expect(db.dataDir.startsWith(os.tmpdir())).toBe(true);
        expect(db.dataDir.startsWith(closed)).toBe(false);
        // the first closed folder on the way: this one, or the closed folder the checkout lives in
        // (/root, or a private temporary folder made by mktemp -d)
        expect(logs.join('\n')).toContain(
          `cannot enter ${checkoutOpen ? closed : firstUntraversable(repoRoot, postgresIdentity())}`,
        );
        const { default: pg } = await import('pg');
        const client = new pg.Client({ connectionString: db.url });
        await client.connect();
        expect((await client.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
        await client.query('CREATE TABLE left_behind (x int)');
        await client.end();
      } finally {
        await db.stop();
      }
      // Kept while the folder is there; a new folder at the same path (deleted to start afresh, a
      // new clone) starts on an empty database, not on the copy an earlier one left in /tmp.
      const tables = async (d: { url: string }) => {
        const { default: pg } = await import('pg');
        const client = new pg.Client({ connectionString: d.url });
        await client.connect();
        const rows = (await client.query(`SELECT to_regclass('left_behind') IS NOT NULL AS kept`)).rows;
        await client.end();
        return rows[0].kept as boolean;
      };
      const again = await startEmbeddedPostgres({ dataDir: path.join(closed, 'clone', '.data', 'pg') });
      try {
        expect(again.dataDir).toBe(db.dataDir);
        expect(await tables(again)).toBe(true);
      } finally {
        await again.stop();
      }
      rmSync(path.join(closed, 'clone', '.data'), { recursive: true, force: true });
      const fresh = await startEmbeddedPostgres({ dataDir: path.join(closed, 'clone', '.data', 'pg') });
      try {
        expect(fresh.dataDir).toBe(db.dataDir);
        expect(await tables(fresh)).toBe(false);
      } finally {
        await fresh.stop();
        rmSync(fresh.dataDir, { recursive: true, force: true });
        rmSync(`${fresh.dataDir}.auth.json`, { force: true });
        rmSync(closed, { recursive: true, force: true });
      }
    },
    180_000,
  );
});
