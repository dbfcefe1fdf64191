// Runs `prisma generate` after install. Prisma 7's CLI wants to download a native
// schema engine on every command; generate never runs it, so any existing file will do
// (see docs/decisions/002-prisma-offline.md). Where the variable is already set, keep it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync('/bin/true')) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = '/bin/true';
}
execFileSync('pnpm', ['exec', 'prisma', 'generate'], { stdio: 'inherit', env });
