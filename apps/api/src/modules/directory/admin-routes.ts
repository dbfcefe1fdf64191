import {
  ZDirectoryUser,
  ZErrorBody,
  ZTeam,
  ZTeamCreate,
  ZTeamUpdate,
  ZUserCreate,
  ZUserUpdate,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Tx } from '../../db/prisma.ts';
import { actorOf } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, notFound, ruleViolation } from '../../lib/errors.ts';
import { assertStrongPassword } from '../../lib/password-strength.ts';
import { hashPassword } from '../../lib/passwords.ts';
import { requireUser } from '../../plugins/auth.ts';

const ZIdParams = z.object({ id: z.uuid() });
const userSelect = {
  id: true,
  name: true,
  email: true,
  title: true,
  role: true,
  teamId: true,
  departmentId: true,
  active: true,
} as const;

/** The administrator's side of the directory: accounts and teams. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  async function organizationName(id: string): Promise<string> {
    return (await prisma.organization.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;
  }

  async function checkPlacement(tx: Tx, orgId: string, departmentId?: string | null, teamId?: string | null) {
    if (
      departmentId &&
      !(await tx.department.findFirst({ where: { id: departmentId, organizationId: orgId } }))
    ) {
      throw ruleViolation('Unknown department', { field: 'departmentId' });
    }
    if (teamId && !(await tx.team.findFirst({ where: { id: teamId, organizationId: orgId } }))) {
      throw ruleViolation('Unknown team', { field: 'teamId' });
    }
  }

  app.post(
    '/users',
    {
      config: { permission: 'user:manage' },
      schema: {
        tags: ['directory'],
        summary: 'Create a user account',
        body: ZUserCreate,
        response: { 201: ZDirectoryUser, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) => {
      const me = requireUser(req);
      const body = req.body;
      assertStrongPassword(body.password, {
        name: body.name,
        email: body.email,
        organization: await organizationName(me.organizationId),
      });
      const passwordHash = await hashPassword(body.password);
      const user = await prisma.$transaction(async (tx) => {
        await checkPlacement(tx, me.organizationId, body.departmentId, body.teamId);
        if (await tx.user.findUnique({ where: { email: body.email } }))
          throw conflict('This e-mail is already in use');
        const created = await tx.user.create({
          data: {
            organizationId: me.organizationId,
            email: body.email,
            name: body.name,
            role: body.role,
            title: body.title ?? null,
            departmentId: body.departmentId ?? null,
            teamId: body.teamId ?? null,
            passwordHash,
          },
          select: userSelect,
        });
        await audit(tx, actorOf(req), {
          action: 'USER_CREATED',
          entity: 'User',
          entityId: created.id,
          after: created,
        });
        return created;
      });
      return reply.status(201).send(user);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { permission: 'user:manage' },
      schema: {
        tags: ['directory'],
        summary: 'Change a user: name, role, placement, active, password',
        params: ZIdParams,
        body: ZUserUpdate,
        response: { 200: ZDirectoryUser, 404: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req) => {
      const me = requireUser(req);
      const { password, ...changes } = req.body;
      if (
        req.params.id === me.id &&
        (changes.active === false || (changes.role && changes.role !== 'ADMIN'))
      ) {
        throw ruleViolation('You cannot deactivate yourself or give up your own administrator role');
      }
      if (password) {
        const target = await prisma.user.findFirst({
          where: { id: req.params.id, organizationId: me.organizationId },
          select: { name: true, email: true },
        });
        if (!target) throw notFound('User');
        assertStrongPassword(password, {
          name: changes.name ?? target.name,
          email: target.email,
          organization: await organizationName(me.organizationId),
        });
      }
      const passwordHash = password ? await hashPassword(password) : undefined;
      return prisma.$transaction(async (tx) => {
        const before = await tx.user.findFirst({
          where: { id: req.params.id, organizationId: me.organizationId },
          select: userSelect,
        });
        if (!before) throw notFound('User');
        await checkPlacement(tx, me.organizationId, changes.departmentId, changes.teamId);
        const after = await tx.user.update({
          where: { id: before.id },
          data: { ...changes, ...(passwordHash ? { passwordHash } : {}) },
          select: userSelect,
        });
        // A deactivated account or a new password ends the sessions it had.
        if (changes.active === false || passwordHash)
          await tx.session.deleteMany({ where: { userId: before.id } });
        await audit(tx, actorOf(req), {
          action: passwordHash ? 'USER_UPDATED_PASSWORD' : 'USER_UPDATED',
          entity: 'User',
          entityId: before.id,
          before,
          after,
        });
        return after;
      });
    },
  );

  app.post(
    '/teams',
    {
      config: { permission: 'user:manage' },
      schema: {
        tags: ['directory'],
        summary: 'Create a team',
        body: ZTeamCreate,
        response: { 201: ZTeam, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) => {
      const me = requireUser(req);
      const team = await prisma.$transaction(async (tx) => {
        await checkPlacement(tx, me.organizationId, req.body.departmentId);
        await checkLeader(tx, me.organizationId, req.body.leaderId);
        if (await tx.team.findFirst({ where: { organizationId: me.organizationId, name: req.body.name } })) {
          throw conflict('A team with this name exists');
        }
        const created = await tx.team.create({
          data: {
            organizationId: me.organizationId,
            name: req.body.name,
            departmentId: req.body.departmentId,
            leaderId: req.body.leaderId ?? null,
          },
        });
        await audit(tx, actorOf(req), {
          action: 'TEAM_CREATED',
          entity: 'Team',
          entityId: created.id,
          after: created,
        });
        return created;
      });
      return reply.status(201).send({
        id: team.id,
        name: team.name,
        departmentId: team.departmentId,
        leaderId: team.leaderId,
        memberCount: 0,
      });
    },
  );

  app.patch(
    '/teams/:id',
    {
      config: { permission: 'user:manage' },
      schema: {
        tags: ['directory'],
        summary: 'Rename a team or change its leader',
        params: ZIdParams,
        body: ZTeamUpdate,
        response: { 200: ZTeam, 404: ZErrorBody },
      },
    },
    async (req) => {
      const me = requireUser(req);
      return prisma.$transaction(async (tx) => {
        const before = await tx.team.findFirst({
          where: { id: req.params.id, organizationId: me.organizationId },
        });
        if (!before) throw notFound('Team');
        await checkPlacement(tx, me.organizationId, req.body.departmentId);
        await checkLeader(tx, me.organizationId, req.body.leaderId);
        const after = await tx.team.update({
          where: { id: before.id },
          data: req.body,
          include: { _count: { select: { members: true } } },
        });
        await audit(tx, actorOf(req), {
          action: 'TEAM_UPDATED',
          entity: 'Team',
          entityId: before.id,
          before,
          after,
        });
        return {
          id: after.id,
          name: after.name,
          departmentId: after.departmentId,
          leaderId: after.leaderId,
          memberCount: after._count.members,
        };
      });
    },
  );
};
export default routes;

/** A team's leader is a user of the same organisation (422 otherwise, on creation as on change). */
async function checkLeader(
  tx: Tx,
  organizationId: string,
  leaderId: string | null | undefined,
): Promise<void> {
  if (!leaderId) return;
  if (!(await tx.user.findFirst({ where: { id: leaderId, organizationId }, select: { id: true } }))) {
    throw ruleViolation('Unknown leader', { field: 'leaderId' });
  }
}
