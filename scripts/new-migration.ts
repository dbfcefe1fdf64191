// Authors a migration offline: diffs the schema as of the last migration
// (prisma/migrations/schema.snapshot.prisma) against prisma/schema.prisma and writes
// prisma/migrations/<timestamp>_<name>/migration.sql, then moves the snapshot forward.
// Usage: pnpm db:migration <name>     (docs/decisions/002-prisma-offline.md)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../apps/api/src/db/embedded.ts';
import { diffSchemas, migrationsDir, schemaPath, snapshotPath } from '../apps/api/src/db/migrate.ts';

const name = (process.argv[2] ?? '').replace(/[^a-z0-9_]+/gi, '_').toLowerCase();
if (!name) {
  console.error('usage: pnpm db:migration <name>');
  process.exit(2);
}

// The engine wants a reachable PostgreSQL for its adapter, though a diff of two schema files never queries it.
const scratch = process.env.DATABASE_URL
  ? null
  : await startEmbeddedPostgres({ dataDir: path.join(os.tmpdir(), 'huifang-migration-scratch', 'pg') });
try {
  const url = process.env.DATABASE_URL ?? scratch?.url ?? '';
  const before = existsSync(snapshotPath) ? readFileSync(snapshotPath, 'utf8') : null;
  const after = readFileSync(schemaPath, 'utf8');
  const sql = await diffSchemas(url, before, after);
  if (!sql) {
    console.log('schema.prisma matches the last migration: nothing to write.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const dir = path.join(migrationsDir, `${stamp}_${name}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'migration.sql'), `${sql}\n`);
    writeFileSync(snapshotPath, after);
    const lock = path.join(migrationsDir, 'migration_lock.toml');
    if (!existsSync(lock)) writeFileSync(lock, 'provider = "postgresql"\n');
    console.log(`wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
  }
} finally {
  await scratch?.stop();
}
