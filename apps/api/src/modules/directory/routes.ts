import { ZDepartment, ZDirectoryUser, ZTeam, ZUserListQuery } from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../plugins/auth.ts';

/** Who works where: the people, teams and departments of the signed-in user's organisation. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/users',
    {
      config: { permission: 'directory:read' },
      schema: {
        tags: ['directory'],
        summary: 'Users of the organisation, filtered by role and team',
        querystring: ZUserListQuery,
        response: { 200: z.object({ items: z.array(ZDirectoryUser) }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const q = req.query;
      const items = await prisma.user.findMany({
        where: {
          organizationId: user.organizationId,
          role: q.role,
          teamId: q.teamId,
          active: q.active === undefined ? undefined : q.active === 'true',
        },
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          title: true,
          teamId: true,
          departmentId: true,
          active: true,
        },
        orderBy: [{ role: 'asc' }, { email: 'asc' }],
      });
      return { items };
    },
  );

  app.get(
    '/teams',
    {
      config: { permission: 'directory:read' },
      schema: {
        tags: ['directory'],
        summary: 'Visit teams with their leader and size',
        response: { 200: z.object({ items: z.array(ZTeam) }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const teams = await prisma.team.findMany({
        where: { organizationId: user.organizationId },
        include: { _count: { select: { members: true } } },
        orderBy: { name: 'asc' },
      });
      return {
        items: teams.map((t) => ({
          id: t.id,
          name: t.name,
          departmentId: t.departmentId,
          leaderId: t.leaderId,
          memberCount: t._count.members,
        })),
      };
    },
  );

  app.get(
    '/departments',
    {
      config: { permission: 'directory:read' },
      schema: {
        tags: ['directory'],
        summary: 'Departments',
        response: { 200: z.object({ items: z.array(ZDepartment) }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const items = await prisma.department.findMany({
        where: { organizationId: user.organizationId },
        select: { id: true, name: true, kind: true, headUserId: true },
        orderBy: { createdAt: 'asc' },
      });
      return { items };
    },
  );
};
export default routes;
