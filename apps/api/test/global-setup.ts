// One embedded PostgreSQL for the whole run (or TEST_DATABASE_URL's server), with two
// template databases: `hf_tpl_empty` (migrations only) and `hf_tpl_demo` (plus demo data).
// Each test file clones one of them (test/helper.ts), so files run in parallel, isolated.
import { rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '../src/config.ts';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../src/db/embedded.ts';
import { applyMigrations } from '../src/db/migrate.ts';
import { createPrisma } from '../src/db/prisma.ts';
import { seedDemoIfEmpty } from '../src/seed/demo.ts';
import { TEST_NOW } from './clock.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}

let embedded: EmbeddedDatabase | undefined;

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

export async function setup(project: TestProject) {
  let adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    embedded = await startEmbeddedPostgres({
      // One cluster per run, so that runs side by side do not share a data folder.
      dataDir: path.join(repoRoot, '.data', 'test-pg', String(process.pid)),
      database: 'postgres',
      // Durability is not what tests measure.
      settings: { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '300' },
    });
    adminUrl = embedded.url;
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Leftovers of an interrupted run
    const old = await admin.query(`SELECT datname FROM pg_database WHERE datname LIKE 'hf_%'`);
    for (const row of old.rows) {
      await admin.query(`UPDATE pg_database SET datistemplate = false WHERE datname = $1`, [row.datname]);
      await admin.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
    for (const name of ['hf_tpl_empty', 'hf_tpl_demo']) {
      await admin.query(`CREATE DATABASE "${name}"`);
      const url = withDb(adminUrl, name);
      await applyMigrations(url);
      if (name === 'hf_tpl_demo') {
        const prisma = createPrisma(url, 2);
        await seedDemoIfEmpty(prisma, { now: TEST_NOW });
        await prisma.$disconnect();
      }
      await admin.query(`UPDATE pg_database SET datistemplate = true WHERE datname = $1`, [name]);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [name]);
    }
  } finally {
    await admin.end();
  }
  project.provide('pgAdminUrl', adminUrl);
}

export async function teardown() {
  await embedded?.stop();
  if (embedded) {
    rmSync(embedded.dataDir, { recursive: true, force: true });
    rmSync(`${embedded.dataDir}.auth.json`, { force: true });
  }
}
