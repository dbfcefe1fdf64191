import { ZAuditEntry, ZPage, ZPageQuery } from '@huifang/contracts';
import { maskEmail, maskPhone } from '@huifang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/auth.ts';

const ZAuditQuery = ZPageQuery.extend({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(50).optional(),
  actorId: z.uuid().optional(),
});

const MASKS: Record<string, (v: string) => string> = { phone: maskPhone, email: maskEmail };

/**
 * A copy of an audit row's before/after with every string under a key named `phone` or `email`
 * (any depth, any case) masked. The stored row keeps the originals: it is the audit trail, but
 * reading the log must not hand out contact data.
 */
export function maskContacts(value: unknown, key?: string): unknown {
  const mask = key === undefined ? undefined : MASKS[key.toLowerCase()];
  if (typeof value === 'string') return mask ? mask(value) : value;
  if (Array.isArray(value)) return value.map((v) => maskContacts(v, mask ? key : undefined));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskContacts(v, k)]));
  return value;
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;
  app.get(
    '/audit-log',
    {
      config: { permission: 'audit:read' },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first (phones and e-mails in before/after masked)',
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
          before: maskContacts(r.before ?? null),
          after: maskContacts(r.after ?? null),
          ip: r.ip,
          createdAt: r.createdAt.toISOString(),
        })),
      };
    },
  );
};
export default routes;
