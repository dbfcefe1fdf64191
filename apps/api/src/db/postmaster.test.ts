// What a start does with a data folder's lock file before its server starts: a process that is not
// the folder's PostgreSQL is never signalled, and a server whose owner still runs is refused.
// (The orphan of a killed app being stopped is shown with real servers: test/crash.test.ts.)
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import {
  clearLeftover,
  forgetOwner,
  isPostgresOf,
  processFacts,
  readLockFile,
  recordOwner,
} from './postmaster.ts';

describe('the lock file of a data folder', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'hf-postmaster-'));
  const started: ChildProcess[] = [];
  const run = async (command: string, args: string[], options: { cwd?: string; argv0?: string } = {}) => {
    const child = spawn(command, args, { stdio: ['pipe', 'ignore', 'ignore'], ...options });
    started.push(child);
    const pid = child.pid as number;
    // spawn can return while the child is still becoming `command`: /proc then shows an empty
    // command line for a moment (seen once in 300 spawns on a busy machine), which no lock names
    const expected = options.argv0 ?? command;
    for (let i = 0; i < 250 && processFacts(pid).argv?.[0] !== expected; i++)
      await new Promise((r) => setTimeout(r, 20));
    return pid;
  };
  afterEach(() => {
    for (const child of started.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  let n = 0;
  function folderLockedBy(pid: number): string {
    const dir = path.join(base, `pg${n++}`);
    mkdirSync(dir);
    writeFileSync(
      path.join(dir, 'postmaster.pid'),
      `${pid}\n${dir}\n1796216849\n5432\n\n127.0.0.1\n  1 2\nready   \n`,
    );
    return dir;
  }
  const logs: string[] = [];
  const log = (m: string) => logs.push(m);

  it('is read for the pid and the folder', () => {
    const dir = folderLockedBy(4242);
    expect(readLockFile(dir)).toEqual({ pid: 4242, dataDir: dir });
    expect(readLockFile(path.join(base, 'nowhere'))).toBeNull();
  });

  it('tells a postmaster of the folder by its command line', () => {
    const dir = folderLockedBy(1);
    expect(isPostgresOf(['/opt/pg/bin/postgres', '-D', dir, '-p', '5432'], dir)).toBe(true);
    expect(isPostgresOf(['/opt/pg/bin/postgres', '-D', `${dir}/../${path.basename(dir)}`], dir)).toBe(true);
    expect(isPostgresOf(['/opt/pg/bin/postgres', '-D', '/var/lib/postgresql/17/main'], dir)).toBe(false);
    expect(isPostgresOf(['/usr/bin/sleep', '-D', dir], dir)).toBe(false);
  });

  it('naming a dead process is left to PostgreSQL, which takes a stale lock over itself', async () => {
    const pid = await run('sleep', ['600']);
    started[0]?.kill('SIGKILL');
    await new Promise((r) => started[0]?.once('exit', r));
    const dir = folderLockedBy(pid);
    await clearLeftover(dir, log);
    expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(true);
  });

  it('naming a live process that is not its PostgreSQL (a reused pid): the process is left alone, the stale lock goes', async () => {
    const pid = await run('sleep', ['600']);
    const dir = folderLockedBy(pid);
    await clearLeftover(dir, log);
    expect(processFacts(pid).alive).toBe(true);
    expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(false);
    expect(logs.at(-1)).toContain(`process ${pid} is not its PostgreSQL`);
  });

  it.runIf(process.platform === 'linux')(
    'is kept, and the start refused, while some process still runs in the folder',
    async () => {
      const stranger = await run('sleep', ['600']);
      const dir = folderLockedBy(stranger);
      const inside = await run('sleep', ['600'], { cwd: dir });
      await expect(clearLeftover(dir, log)).rejects.toThrow(`processes ${inside} still run in it`);
      expect(processFacts(stranger).alive).toBe(true);
      expect(processFacts(inside).alive).toBe(true);
      expect(existsSync(path.join(dir, 'postmaster.pid'))).toBe(true);
    },
  );

  it('naming a PostgreSQL of the folder whose owner still runs: another Huifang, refused, nothing signalled', async () => {
    const dir = folderLockedBy(0);
    // A stand-in with a postmaster's command line (`postgres -D <dir>`), a child of this process,
    // which is the recorded owner; `read` waits on stdin without starting a child.
    const pid = await run('/bin/sh', ['-c', 'read line', '-D', dir], { argv0: 'postgres' });
    writeFileSync(path.join(dir, 'postmaster.pid'), `${pid}\n${dir}\n`);
    recordOwner(dir);
    try {
      await expect(clearLeftover(dir, log)).rejects.toThrow(
        `belongs to a running process (pid ${process.pid}): another Huifang uses this data folder`,
      );
      expect(processFacts(pid).alive).toBe(true);
    } finally {
      forgetOwner(dir);
    }
  });
});
