import type { FastifyInstance } from 'fastify';

/**
 * The business modules, each a folder under modules/ with its routes, service and tests.
 * Mounted under /api.
 */
export async function registerDomainRoutes(app: FastifyInstance): Promise<void> {
  const modules: Array<() => Promise<{ default: (a: FastifyInstance) => Promise<void> }>> = [];
  for (const load of modules) {
    const mod = await load();
    await app.register(mod.default, { prefix: '/api' });
  }
}
