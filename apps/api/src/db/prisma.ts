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

/**
 * The client on a pool of `max` connections. A request waits at most `waitMs` for a connection,
 * and for its transaction to start; then it fails (P2028, or the pool's timeout) and is answered
 * 503 with Retry-After (isDatabaseBusy) — a saturated database never turns into 500s. An
 * interactive transaction may run `waitMs` × 3 (an approval of thousands of tasks takes seconds).
 */
export function createPrisma(
  connectionString: string,
  max = 20,
  waitMs = 10_000,
  /** server settings for this pool's sessions, e.g. the analytics' statement timeout */
  settings: Record<string, string | number> = {},
): PrismaClient {
  const options = Object.entries(settings)
    .map(([k, v]) => `-c ${k}=${v}`)
    .join(' ');
  const pool = new pg.Pool({
    connectionString,
    max,
    connectionTimeoutMillis: waitMs,
    ...(options ? { options } : {}),
  });
  // An idle connection the server closed (a restart, a terminated backend) is dropped by the pool;
  // without a listener its 'error' event would end the process.
  pool.on('error', () => {});
  const prisma = new PrismaClient({
    adapter: new PrismaPg(pool, { statementNameGenerator: statementName, disposeExternalPool: true }),
    transactionOptions: { maxWait: waitMs, timeout: waitMs * 3 },
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
 * A statement on a hot path (the caller's queue, an attempt logged: visits/attempt.ts) sent
 * straight through the pool, prepared by name like the ORM's short statements, without the ORM's
 * per-query cost. `prepare` names a statement of fixed shape whatever its number of parameters.
 * Rows come back as `pg` gives them: timestamps as Dates, `::int` as numbers, `::text` as strings,
 * jsonb parsed — the same as `$queryRaw`.
 */
export async function hotQuery<T>(
  prisma: PrismaClient,
  sql: Prisma.Sql,
  { prepare = false }: { prepare?: boolean } = {},
): Promise<T[]> {
  const name = prepare
    ? `hf_${createHash('sha1').update(sql.text).digest('base64url')}`
    : statementName({ sql: sql.text, args: sql.values });
  const { rows } = await poolOf(prisma).query({ name, text: sql.text, values: sql.values });
  return rows as T[];
}

/** A statement of a `pgTransaction`: its rows and how many it wrote. */
export interface SqlRunner {
  query<T>(sql: Prisma.Sql): Promise<{ rows: T[]; rowCount: number }>;
}

/**
 * A transaction straight through `pg` on one of the pool's connections (waited for as long as the
 * ORM waits, then 503 like it), for bulk writes with large parameters: the ORM copies a parameter
 * several times on its way (about 7.6 MB of heap per MB of JSON sent, against 2.6 MB through
 * `pg`), which the customer import's batches of thousands of rows would pay in memory. Statements
 * are written as Prisma.sql, so values are bound as they are for `$queryRaw`. Rolled back on any error.
 */
export async function pgTransaction<T>(prisma: PrismaClient, run: (db: SqlRunner) => Promise<T>): Promise<T> {
  const client = await poolOf(prisma).connect();
  const db: SqlRunner = {
    async query<R>(sql: Prisma.Sql) {
      const result = await client.query(sql.text, sql.values);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
  };
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await run(db);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    // A connection that cannot even roll back is not given back to the pool
    await client.query('ROLLBACK').catch((e: Error) => {
      broken = e;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}

/** Is this the failure of a request that waited too long for a connection, a transaction or its statement? */
export function isDatabaseBusy(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { message?: string } };
  if (e?.code === 'P2028') return true;
  const text = `${e?.message ?? ''} ${e?.cause?.message ?? ''}`;
  // the analytics' statement timeout (server.ts) ends a statement the same way: busy, try again
  return /timeout exceeded when trying to connect|Unable to start a transaction in the given time|canceling statement due to statement timeout|Code: `57014`/.test(
    text,
  );
}
