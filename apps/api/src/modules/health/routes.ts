import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reportedDatabaseState } from './database-state.ts';

/** A health check answers even when the database hangs. */
const PROBE_TIMEOUT_MS = 3000;

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database status',
        description:
          '200 when the database answers; 503 `restarting` while the embedded database is being ' +
          'brought back after it died, 503 `down` when it does not answer.',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.literal('up'), time: z.string() }),
          503: z.object({
            status: z.literal('degraded'),
            database: z.enum(['restarting', 'down']),
            time: z.string(),
          }),
        },
      },
    },
    async (req, reply) => {
      const time = req.now.toISOString();
      const degraded = (database: 'restarting' | 'down') =>
        reply.status(503).send({ status: 'degraded' as const, database, time });
      const reported = reportedDatabaseState(app.prisma);
      if (reported === 'restarting' || reported === 'down') return degraded(reported);
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          app.prisma.$queryRaw`SELECT 1`,
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('no answer')), PROBE_TIMEOUT_MS);
          }),
        ]);
        return { status: 'ok' as const, database: 'up' as const, time };
      } catch {
        return degraded('down');
      } finally {
        clearTimeout(timer);
      }
    },
  );
};
