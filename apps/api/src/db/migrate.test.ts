import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../test/helper.ts';
import {
  applyMigrations,
  diffSchemas,
  listMigrations,
  migrationsDir,
  schemaPath,
  snapshotPath,
} from './migrate.ts';

describe('migrations', async () => {
  const emptyUrl = await createTestDatabase('empty');

  it('schema.prisma has no change without its migration (run `pnpm db:migration <name>`)', async () => {
    const sql = await diffSchemas(
      emptyUrl,
      readFileSync(snapshotPath, 'utf8'),
      readFileSync(schemaPath, 'utf8'),
    );
    expect(sql).toBe('');
  });

  it('authors the SQL for a schema change (what `pnpm db:migration` writes)', async () => {
    const current = readFileSync(schemaPath, 'utf8');
    const changed = current.replace(
      '  notes              String?\n',
      '  notes              String?\n  wechatId           String?\n',
    );
    expect(changed).not.toBe(current);
    const sql = await diffSchemas(emptyUrl, current, changed);
    expect(sql).toMatch(/ALTER TABLE "Customer" ADD COLUMN\s+"wechatId" TEXT/);
  });

  it('the migrations build exactly the schema in schema.prisma', async () => {
    const sql = await diffSchemas(emptyUrl, null, readFileSync(schemaPath, 'utf8'));
    const committed = listMigrations()
      .map((m) => readFileSync(path.join(migrationsDir, m, 'migration.sql'), 'utf8'))
      .join('\n');
    for (const table of sql.matchAll(/CREATE TABLE "(\w+)"/g))
      expect(committed).toContain(`CREATE TABLE "${table[1]}"`);
  });

  it('vacuums the insert-heavy tables after 2 % new rows (docs/performance.md)', async () => {
    const client = new pg.Client({ connectionString: emptyUrl });
    await client.connect();
    const rows = await client.query<{ relname: string; reloptions: string[] | null }>(
      `SELECT relname, reloptions FROM pg_class
       WHERE relname IN ('Task', 'VisitRecord', 'Inspection', 'TaskAssignment', 'AuditLog', 'Notification')`,
    );
    await client.end();
    expect(rows.rowCount).toBe(6);
    for (const r of rows.rows) expect(r.reloptions).toContain('autovacuum_vacuum_insert_scale_factor=0.02');
  });

  it('is idempotent and safe when several processes apply at once', async () => {
    const url = await createTestDatabase('empty');
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    // a database from the empty template already has everything: nothing left to apply
    expect(await applyMigrations(url)).toEqual([]);
    await client.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const results = await Promise.all([applyMigrations(url), applyMigrations(url), applyMigrations(url)]);
    expect(results.map((r) => r.length).sort()).toEqual([0, 0, listMigrations().length]);
    const rows = await client.query('SELECT migration_name, finished_at FROM _prisma_migrations');
    expect(rows.rowCount).toBe(listMigrations().length);
    expect(rows.rows.every((r) => r.finished_at !== null)).toBe(true);
    await client.end();
  });
});
