// The statements that took the database's time (docs/performance.md, database health), read from
// pg_stat_statements: the embedded server loads it (db/embedded.ts); on an external server the
// administrator adds it to shared_preload_libraries. Statements are normalised by PostgreSQL
// (constants become $1, $2 …), so no customer's or user's data is shown.
import type { TStatementStats } from '@huifang/contracts';
import type { PrismaClient } from '../../db/prisma.ts';

const TOP = 25;
/** PostgreSQL's error codes met on the way: missing view, not preloaded, not installed or not allowed. */
const UNDEFINED_TABLE = '42P01';
const NOT_LOADED = '55000';

function pgCode(error: unknown): string | undefined {
  // Prisma's raw-query error names PostgreSQL's code in its message ("Code: `42P01`")
  const e = error as { code?: string; message?: string };
  return /Code: `([0-9A-Z]{5})`/.exec(e?.message ?? '')?.[1] ?? e?.code;
}

type Row = {
  id: string;
  query: string;
  calls: bigint;
  totalMs: number;
  meanMs: number;
  rows: bigint;
  hit: bigint;
  read: bigint;
};

async function read(prisma: PrismaClient): Promise<Row[]> {
  return prisma.$queryRaw<Row[]>`
    SELECT s.queryid::text AS id, left(s.query, 4000) AS query, sum(s.calls)::bigint AS calls,
           sum(s.total_exec_time)::float8 AS "totalMs",
           (sum(s.total_exec_time) / greatest(sum(s.calls), 1))::float8 AS "meanMs",
           sum(s.rows)::bigint AS rows, sum(s.shared_blks_hit)::bigint AS hit,
           sum(s.shared_blks_read)::bigint AS read
    FROM pg_stat_statements s
    WHERE s.dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
    GROUP BY s.queryid, s.query
    ORDER BY sum(s.total_exec_time) DESC, s.queryid
    LIMIT ${TOP}`;
}

export async function statementStats(prisma: PrismaClient): Promise<TStatementStats> {
  let rows: Row[];
  try {
    rows = await read(prisma);
  } catch (error) {
    if (pgCode(error) === NOT_LOADED) return unavailable('NOT_LOADED');
    if (pgCode(error) !== UNDEFINED_TABLE) throw error;
    // the library is loaded but the extension's view not yet created in this database
    try {
      await prisma.$executeRawUnsafe('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      rows = await read(prisma);
    } catch (again) {
      return unavailable(pgCode(again) === NOT_LOADED ? 'NOT_LOADED' : 'NOT_INSTALLED');
    }
  }
  const info = await prisma.$queryRaw<Array<{ since: Date | null }>>`
    SELECT stats_reset AS since FROM pg_stat_statements_info`.catch(() => [{ since: null }]);
  return {
    available: true,
    reason: null,
    since: info[0]?.since?.toISOString() ?? null,
    statements: rows.map((r) => {
      const blocks = Number(r.hit) + Number(r.read);
      return {
        id: r.id,
        query: r.query,
        calls: Number(r.calls),
        totalMs: r.totalMs,
        meanMs: r.meanMs,
        rows: Number(r.rows),
        cacheHitBp: blocks === 0 ? null : Math.floor((Number(r.hit) * 10_000) / blocks),
      };
    }),
  };
}

function unavailable(reason: 'NOT_LOADED' | 'NOT_INSTALLED'): TStatementStats {
  return { available: false, reason, since: null, statements: [] };
}
