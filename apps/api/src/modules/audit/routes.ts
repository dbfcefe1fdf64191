import { ZAuditEntry, ZPage, ZPageQuery } from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/auth.ts';

const ZAuditQuery = ZPageQuery.extend({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(50).optional(),
  actorId: z.uuid().optional(),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;
  app.get(
    '/audit-log',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: ZAuditQuery,
        response: { 200: ZPage(ZAuditEntry) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const q = req.query;
      const where = {
        organizationId: user.organizationId,
        entity: q.entity,
        entityId: q.entityId,
        action: q.action,
        actorId: q.actorId,
      };
      const [total, rows] = await Promise.all([
        prisma.auditLog.count({ where }),
        prisma.auditLog.findMany({
          where,
          orderBy: { id: 'desc' },
          skip: (q.page - 1) * q.size,
          take: q.size,
        }),
      ]);
      const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
      const actors = new Map(
        (
          await prisma.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })
        ).map((u) => [u.id, u.name]),
      );
      return {
        total,
        page: q.page,
        size: q.size,
        items: rows.map((r) => ({
          id: r.id.toString(),
          actorId: r.actorId,
          actorName: r.actorId ? (actors.get(r.actorId) ?? null) : null,
          action: r.action,
          entity: r.entity,
          entityId: r.entityId,
          before: r.before ?? null,
          after: r.after ?? null,
          ip: r.ip,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );
};
export default routes;
