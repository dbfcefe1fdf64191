import { z } from 'zod';

/**
 * Why the statement statistics cannot be shown: the server does not load pg_stat_statements
 * (`shared_preload_libraries`), or it is not installed / the database user may not create it.
 */
export const ZStatementStatsUnavailable = z.enum(['NOT_LOADED', 'NOT_INSTALLED']);

/** One normalised statement (constants replaced by $n: no data of any customer or user). */
export const ZStatementStat = z.object({
  id: z.string(),
  query: z.string(),
  calls: z.number().int(),
  /** total and mean execution time in milliseconds */
  totalMs: z.number(),
  meanMs: z.number(),
  rows: z.number().int(),
  /** share of the blocks read that were already in PostgreSQL's cache, in basis points; null when none were read */
  cacheHitBp: z.number().int().nullable(),
});
export type TStatementStat = z.infer<typeof ZStatementStat>;

/** The statements that took the database's time, most first (docs/performance.md, database health). */
export const ZStatementStats = z.object({
  available: z.boolean(),
  reason: ZStatementStatsUnavailable.nullable(),
  /** when the statistics were last reset (they count from then) */
  since: z.string().nullable(),
  statements: z.array(ZStatementStat),
});
export type TStatementStats = z.infer<typeof ZStatementStats>;
