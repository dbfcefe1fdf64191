// bench/ is not a workspace package: `pg` and `fastify` are the API's dependencies, so they are
// loaded from apps/api at run time (their types come through bench/tsconfig.json's `paths`).
import { createRequire } from 'node:module';
import type FastifyNs from 'fastify';
import type PgNs from 'pg';

const requireApi = createRequire(new URL('../apps/api/package.json', import.meta.url));

export const pg = requireApi('pg') as typeof PgNs;
export const Fastify = requireApi('fastify') as typeof FastifyNs;
export type { Pool, PoolClient } from 'pg';
