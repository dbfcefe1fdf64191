// What the process that keeps the database alive says it is doing, for GET /api/health
// (docs/api.md#health). Only the embedded database has a keeper (src/db/embedded.ts); an external
// one is judged by a query alone.
import type { PrismaClient } from '../../db/prisma.ts';

/** up; restarting (it died and its keeper is bringing it back); down */
export type DatabaseState = 'up' | 'restarting' | 'down';

const keepers = new WeakMap<PrismaClient, () => DatabaseState>();

/** `state` tells what the database behind `prisma` is doing now. */
export function reportDatabaseState(prisma: PrismaClient, state: () => DatabaseState): void {
  keepers.set(prisma, state);
}

export function reportedDatabaseState(prisma: PrismaClient): DatabaseState | undefined {
  return keepers.get(prisma)?.();
}
