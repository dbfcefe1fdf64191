// Starts Huifang: the database (embedded unless DATABASE_URL is set), migrations, demo data
// on first start, then the API and the built web app on one port.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type PgBoss from 'pg-boss';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.ts';
import { applyMigrations } from './db/migrate.ts';
import { createPrisma, type PrismaClient } from './db/prisma.ts';
import { startJobs } from './jobs/boss.ts';
import { systemClock } from './lib/actor.ts';
import { ensureDefaultCadenceRulesEverywhere } from './modules/cadence/service.ts';
import { ensureDefaultChurnReasonsEverywhere } from './modules/churn/reasons.ts';
import { reportDatabaseState } from './modules/health/database-state.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from './seed/demo.ts';

const config = loadConfig();
const say = (line: string) => process.stdout.write(`[huifang] ${line}\n`);

let embedded: EmbeddedDatabase | undefined;
let prisma: PrismaClient | undefined;
let analytics: PrismaClient | undefined;
let app: FastifyInstance | undefined;
let jobs: PgBoss | undefined;
let shuttingDown = false;

/** Stops jobs, the API and the database, in that order, and exits with `code`. */
async function shutdown(reason: string, code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  // The database may go down from here on (Ctrl-C reaches it too): do not bring it back.
  embedded?.expectStop();
  say(`${reason}: stopping`);
  try {
    await jobs?.stop({ graceful: code === 0, timeout: 5000, wait: true });
    await app?.close();
    await prisma?.$disconnect();
    await analytics?.$disconnect();
  } catch (error) {
    console.error(error);
  } finally {
    await embedded?.stop();
    say('stopped');
    process.exit(code);
  }
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown(signal, 0));

// The app owns its embedded database: it stops a server an earlier, killed run left behind, and
// starts the server again when it dies; when that fails it exits with 1, so that a supervisor
// restarts both (docs/decisions/009-the-app-owns-its-database.md).
let url = config.databaseUrl;
if (!url) {
  try {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(config.dataDir, 'pg'),
      log: say,
      restart: {
        attempts: config.dbRestartAttempts,
        onGiveUp: (error) => {
          console.error(error.message);
          void shutdown('the database is gone', 1);
        },
      },
    });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  url = embedded.url;
  say(`embedded PostgreSQL running, data in ${embedded.dataDir}`);
}

prisma = createPrisma(url, config.dbPool.size, config.dbPool.waitMs);
// the analytics' own pool (docs/performance.md, mixed load): a few heavy statements at a time, each
// at most HUIFANG_ANALYTICS_TIMEOUT_MS, and no parallel workers taking the callers' cores
analytics = createPrisma(url, config.analyticsPool.size, config.dbPool.waitMs, {
  statement_timeout: config.analyticsPool.statementTimeoutMs,
  max_parallel_workers_per_gather: 0,
});
const keeper = embedded;
if (keeper) {
  reportDatabaseState(prisma, () => {
    const state = keeper.state();
    return state === 'up' || state === 'restarting' ? state : 'down';
  });
}

try {
  const applied = await applyMigrations(url);
  if (applied.length) say(`applied migrations: ${applied.join(', ')}`);
  // The one clock of the process: the demo is seeded for its "now", requests and jobs read it.
  const clock = systemClock;
  if (config.demo && (await seedDemoIfEmpty(prisma, { now: clock() }))) say('seeded the demo organisation');
  const defaults = await ensureDefaultCadenceRulesEverywhere(prisma, clock());
  if (defaults) say(`added ${defaults} default cadence rule(s)`);
  const reasons = await ensureDefaultChurnReasonsEverywhere(prisma, clock());
  if (reasons) say(`added ${reasons} default churn reason(s)`);

  const needsAdmin = !config.demo && (await prisma.user.count()) === 0;

  app = await buildApp({ prisma, analytics, config, clock });
  jobs = await startJobs(app, prisma, url); // background jobs (pg-boss)
  await app.listen({ port: config.port, host: config.host });
  // From here on the database may come and go (the embedded one is restarted): nothing below
  // reads it, so a crash now is no failed start.

  // PORT=0 listens on any free port: say which one
  const shown = `http://localhost:${(app.server.address() as AddressInfo | null)?.port ?? config.port}`;
  say(`Huifang is running at ${shown}  (API docs: ${shown}/api/docs)`);
  if (config.demo) {
    say(`demo sign-ins (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) say(`  ${u.email.padEnd(24)} ${u.role}`);
  } else if (needsAdmin) {
    say(`no users yet: open ${shown} to create the first administrator`);
  }
} catch (error) {
  console.error(error);
  await shutdown('start-up failed', 1);
}
