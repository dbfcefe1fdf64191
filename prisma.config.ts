import { defineConfig } from 'prisma/config';

// The URL is only needed by CLI commands that talk to a database; `generate` does not.
// `env()` would throw when DATABASE_URL is unset, so fall back to a placeholder.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://unset@localhost/unset' },
});
