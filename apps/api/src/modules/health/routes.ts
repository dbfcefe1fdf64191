import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness and database status',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.literal('up'), time: z.string() }),
          503: z.object({ status: z.literal('degraded'), database: z.literal('down'), time: z.string() }),
        },
      },
    },
    async (req, reply) => {
      const time = req.now.toISOString();
      try {
        await app.prisma.$queryRaw`SELECT 1`;
        return { status: 'ok' as const, database: 'up' as const, time };
      } catch {
        return reply.status(503).send({ status: 'degraded' as const, database: 'down' as const, time });
      }
    },
  );
};
