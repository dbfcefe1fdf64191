// `pnpm db:seed`: seeds the demo organisation into DATABASE_URL when it has no users.
import { applyMigrations } from '../apps/api/src/db/migrate.ts';
import { createPrisma } from '../apps/api/src/db/prisma.ts';
import { systemClock } from '../apps/api/src/lib/actor.ts';
import { seedDemoIfEmpty } from '../apps/api/src/seed/demo.ts';

const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set (pnpm start seeds the embedded database by itself).');
  process.exit(2);
}
await applyMigrations(url);
const prisma = createPrisma(url);
try {
  console.log(
    (await seedDemoIfEmpty(prisma, { now: systemClock() }))
      ? 'seeded the demo organisation'
      : 'the database already has users: nothing seeded',
  );
} finally {
  await prisma.$disconnect();
}
