import { ZStatementStats } from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { statementStats } from './statements.ts';

/** The administrator's view of what takes the database's time (docs/api.md, database health). */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/database/statements',
    {
      config: { permission: 'database:read' },
      schema: {
        tags: ['system'],
        summary: 'The 25 statements that took the database the most time since the statistics were reset',
        description:
          'From pg_stat_statements, normalised by PostgreSQL (constants replaced by $n). `available` is false, ' +
          'with the reason, when the server does not load the extension.',
        response: { 200: ZStatementStats },
      },
    },
    async () => statementStats(app.prisma),
  );
};

export default routes;
