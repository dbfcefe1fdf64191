import { createHash } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { type Prisma, PrismaClient } from './generated/client.ts';

export type { Prisma };
export { PrismaClient };

export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

/**
 * Short statements with few parameters are prepared once per connection and reused by name: the
 * hot paths (the session read, the caller's queue) are parsed and planned once instead of on every
 * request (BENCHMARKS.md). Long statements stay unnamed: the month's KPI and other analytic
 * statements get a plan for their actual parameters each time (a cached generic plan made the KPI
 * statement 40 % slower), and statements with many parameters (IN lists, bulk inserts) would only
 * fill the per-connection cache.
 */
function statementName(query: { sql: string; args: unknown[] }): string {
  // pg sends a statement without a name (undefined) unprepared; the adapter's type wants a string
  if (query.args.length > 16 || query.sql.length > 3000) return undefined as unknown as string;
  return `hf_${createHash('sha1').update(query.sql).digest('base64url')}`;
}

const pools = new WeakMap<PrismaClient, pg.Pool>();

export function createPrisma(connectionString: string, max = 10): PrismaClient {
  const pool = new pg.Pool({ connectionString, max });
  // An idle connection the server closed (a restart, a terminated backend) is dropped by the pool;
  // without a listener its 'error' event would end the process.
  pool.on('error', () => {});
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { statementNameGenerator: statementName, disposeExternalPool: true }),
  });
  pools.set(prisma, pool);
  return prisma;
}

/**
 * The connection pool under a client, for the one read on every request (the session) that is
 * sent as a named prepared statement straight through `pg`, without the ORM's per-query cost.
 * Same pool, same connections: no extra load on the database.
 */
export function poolOf(prisma: PrismaClient): pg.Pool {
  const pool = pools.get(prisma);
  if (!pool) throw new Error('not a client made by createPrisma');
  return pool;
}

/**
 * A read on a hot path (the caller's queue) sent straight through the pool, prepared by name like
 * the ORM's short statements, without the ORM's per-query cost. Rows come back as `pg` gives them:
 * timestamps as Dates, `::int` as numbers, `::text` as strings — the same as `$queryRaw`.
 */
export async function hotRead<T>(prisma: PrismaClient, sql: Prisma.Sql): Promise<T[]> {
  const name = statementName({ sql: sql.text, args: sql.values });
  const { rows } = await poolOf(prisma).query({ name, text: sql.text, values: sql.values });
  return rows as T[];
}
