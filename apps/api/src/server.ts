// Starts Huifang: the database (embedded unless DATABASE_URL is set), migrations, demo data
// on first start, then the API and the built web app on one port.
import path from 'node:path';
import type PgBoss from 'pg-boss';
import { buildApp } from './app.ts';
import { loadConfig } from './config.ts';
import { type EmbeddedDatabase, startEmbeddedPostgres } from './db/embedded.ts';
import { applyMigrations } from './db/migrate.ts';
import { createPrisma } from './db/prisma.ts';
import { startJobs } from './jobs/boss.ts';
import { systemClock } from './lib/actor.ts';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoIfEmpty } from './seed/demo.ts';

const config = loadConfig();
const say = (line: string) => process.stdout.write(`[huifang] ${line}\n`);

let embedded: EmbeddedDatabase | undefined;
let url = config.databaseUrl;
if (!url) {
  embedded = await startEmbeddedPostgres({ dataDir: path.join(config.dataDir, 'pg'), log: say });
  url = embedded.url;
  say(`embedded PostgreSQL running, data in ${embedded.dataDir}`);
}

const prisma = createPrisma(url);
let shuttingDown = false;
async function shutdown(signal: string, app?: Awaited<ReturnType<typeof buildApp>>, jobs?: PgBoss) {
  if (shuttingDown) return;
  shuttingDown = true;
  say(`${signal}: stopping`);
  try {
    await jobs?.stop({ graceful: true, timeout: 5000, wait: true });
    await app?.close();
    await prisma.$disconnect();
  } finally {
    await embedded?.stop();
    say('stopped');
    process.exit(0);
  }
}

try {
  const applied = await applyMigrations(url);
  if (applied.length) say(`applied migrations: ${applied.join(', ')}`);
  // The one clock of the process: the demo is seeded for its "now", requests and jobs read it.
  const clock = systemClock;
  if (config.demo && (await seedDemoIfEmpty(prisma, { now: clock() }))) say('seeded the demo organisation');

  const app = await buildApp({ prisma, config, clock });
  const jobs = await startJobs(app, prisma, url); // background jobs (pg-boss)
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void shutdown(signal, app, jobs));
  await app.listen({ port: config.port, host: config.host });

  const shown = `http://localhost:${config.port}`;
  say(`Huifang is running at ${shown}  (API docs: ${shown}/api/docs)`);
  if (config.demo) {
    say(`demo sign-ins (password ${DEMO_PASSWORD}):`);
    for (const u of DEMO_USERS) say(`  ${u.email.padEnd(24)} ${u.role}`);
  } else if ((await prisma.user.count()) === 0) {
    say(`no users yet: open ${shown} to create the first administrator`);
  }
} catch (error) {
  console.error(error);
  await prisma.$disconnect().catch(() => {});
  await embedded?.stop();
  process.exit(1);
}
