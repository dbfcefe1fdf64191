// The one place that talks to Prisma's schema engine (the WebAssembly build, which needs
// no download). Its API is internal to a pinned engine version: keep every call here.
// See docs/decisions/002-prisma-offline.md.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { repoRoot } from '../config.ts';

// From the checkout's root, which the compiled server (dist/) finds as the source does (config.ts).
export const prismaDir = path.join(repoRoot, 'prisma');
export const migrationsDir = path.join(prismaDir, 'migrations');
export const schemaPath = path.join(prismaDir, 'schema.prisma');
/** the schema as of the newest migration; `pnpm db:migration` diffs against it */
export const snapshotPath = path.join(migrationsDir, 'schema.snapshot.prisma');

/** An arbitrary constant: one process at a time applies migrations. */
const MIGRATION_LOCK = 7_207_340_113;

type EngineModule = typeof import('@prisma/schema-engine-wasm');
interface WasmApi {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
}
let engineModule: Promise<EngineModule> | undefined;

/**
 * The package's entry imports its .wasm as an ES module (a bundler's convention Node does
 * not follow), so instantiate the module by hand and hand it to the generated glue.
 */
function loadEngine(): Promise<EngineModule> {
  engineModule ??= (async () => {
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as EngineModule & {
      __wbg_set_wasm(exports: Record<string, unknown>): void;
    };
    // @types/node does not declare WebAssembly; Node has it.
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const gluePath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const wasmPath = path.join(path.dirname(gluePath), 'schema_engine_bg.wasm');
    const { instance } = await wasm.instantiate(readFileSync(wasmPath), { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return engineModule;
}

async function withEngine<T>(url: string, run: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const { SchemaEngine } = await loadEngine();
  // Our own pool, so that its connections close with the engine (a template database
  // with idle connections left on it cannot be cloned).
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const engine = await SchemaEngine.new({ datamodels: undefined }, () => {}, adapter);
  try {
    return await run(engine);
  } finally {
    engine.free();
    await pool.end();
  }
}

export function listMigrations(dir = migrationsDir): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
}

/**
 * Applies the committed migrations that the database has not seen, writing the same
 * `_prisma_migrations` rows as `prisma migrate deploy`. Safe when several processes start
 * at once: they queue on an advisory lock and the later ones find nothing left to do.
 */
export async function applyMigrations(url: string, dir = migrationsDir): Promise<string[]> {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const names = listMigrations(dir);
    const lockPath = path.join(dir, 'migration_lock.toml');
    const result = await withEngine(url, (engine) =>
      engine.applyMigrations({
        migrationsList: {
          baseDir: dir,
          lockfile: {
            path: 'migration_lock.toml',
            content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
          },
          shadowDbInitScript: '',
          migrationDirectories: names.map((name) => ({
            path: name,
            migrationFile: {
              path: 'migration.sql',
              content: { tag: 'ok', value: readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') },
            },
          })),
        },
        filters: { externalTables: [], externalEnums: [] },
      }),
    );
    return result.appliedMigrationNames;
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await lock.end();
  }
}

/** SQL that turns a database built from schema `from` into one built from `to` ('' when equal). */
export async function diffSchemas(url: string, from: string | null, to: string): Promise<string> {
  return withEngine(url, async (engine) => {
    const result = await engine.diff({
      from:
        from === null
          ? { tag: 'empty' }
          : { tag: 'schemaDatamodel', files: [{ path: 'from.prisma', content: from }] },
      to: { tag: 'schemaDatamodel', files: [{ path: 'schema.prisma', content: to }] },
      script: true,
      exitCode: null,
      filters: { externalTables: [], externalEnums: [] },
    } as Parameters<SchemaEngine['diff']>[0]);
    return normaliseDiff(result);
  });
}

function normaliseDiff(result: unknown): string {
  const r = result as { stdout?: string };
  const sql = (r.stdout ?? '').trim();
  return sql === '-- This is an empty migration.' ? '' : sql;
}
