import { ZErrorBody, ZNotification, ZNotificationQuery, ZPage, ZUnreadCount } from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../lib/errors.ts';
import { requireUser } from '../../plugins/auth.ts';

/** Every signed-in user reads and marks their own notifications; nobody else's. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: 'My notifications, newest first',
        querystring: ZNotificationQuery,
        response: { 200: ZPage(ZNotification).extend({ unread: z.number().int() }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const q = req.query;
      const where = {
        userId: user.id,
        ...(q.unread === 'true' ? { readAt: null } : q.unread === 'false' ? { NOT: { readAt: null } } : {}),
      };
      const [total, unread, rows] = await Promise.all([
        prisma.notification.count({ where }),
        prisma.notification.count({ where: { userId: user.id, readAt: null } }),
        prisma.notification.findMany({
          where,
          orderBy: { createdAt: 'desc' },
          skip: (q.page - 1) * q.size,
          take: q.size,
        }),
      ]);
      return {
        total,
        unread,
        page: q.page,
        size: q.size,
        items: rows.map((n) => ({
          id: n.id,
          type: n.type,
          entity: n.entity,
          entityId: n.entityId,
          payload: (n.payload ?? {}) as Record<string, unknown>,
          readAt: n.readAt?.toISOString() ?? null,
          createdAt: n.createdAt.toISOString(),
        })),
      };
    },
  );

  app.get(
    '/notifications/unread-count',
    {
      schema: {
        tags: ['notifications'],
        summary: 'How many of my notifications are unread',
        response: { 200: ZUnreadCount },
      },
    },
    async (req) => ({
      unread: await prisma.notification.count({ where: { userId: requireUser(req).id, readAt: null } }),
    }),
  );

  app.post(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of my notifications read',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZUnreadCount, 404: ZErrorBody },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const res = await prisma.notification.updateMany({
        where: { id: req.params.id, userId: user.id },
        data: { readAt: req.now },
      });
      if (res.count === 0) throw notFound('Notification');
      return { unread: await prisma.notification.count({ where: { userId: user.id, readAt: null } }) };
    },
  );

  app.post(
    '/notifications/read-all',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark all my notifications read',
        response: { 200: ZUnreadCount },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await prisma.notification.updateMany({
        where: { userId: user.id, readAt: null },
        data: { readAt: req.now },
      });
      return { unread: 0 };
    },
  );
};
export default routes;
