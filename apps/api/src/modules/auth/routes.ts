import {
  ROLE_PERMISSIONS,
  ZErrorBody,
  ZLoginBody,
  ZMe,
  ZSession,
  ZSetupBody,
  ZSetupStatus,
} from '@huifang/contracts';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../lib/errors.ts';
import { assertStrongPassword } from '../../lib/password-strength.ts';
import { hashPassword, verifyPassword } from '../../lib/passwords.ts';
import { endSession, requireUser, startSession } from '../../plugins/auth.ts';
import { createOrganization } from '../../seed/organization.ts';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const { prisma, config } = app;

  async function me(userId: string) {
    const u = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { organization: true } });
    return {
      id: u.id,
      email: u.email,
      name: u.name,
      role: u.role,
      title: u.title,
      locale: u.locale,
      organization: {
        id: u.organization.id,
        name: u.organization.name,
        timezone: u.organization.timezone,
        demo: u.organization.demo,
      },
      departmentId: u.departmentId,
      teamId: u.teamId,
      permissions: [...ROLE_PERMISSIONS[u.role]],
    };
  }

  // Per address, only failed sign-ins count, across accounts: an office behind one NAT signs in
  // together without trouble, one address trying many accounts is stopped. Past the budget every
  // attempt is refused and starts the window again, so the wait grows as long as the guessing goes on.
  const failuresOfAddress = app.createRateLimit({
    max: config.loginRateLimit.addressFailures,
    timeWindow: config.loginRateLimit.addressWindowMs,
    keyGenerator: (req) => `login-failures|${req.ip}`,
    // honoured by the store (as in a route's rateLimit config), missing from the typings
    ...{ continueExceeding: true },
  });
  type Count = Awaited<ReturnType<typeof failuresOfAddress>>;
  const exceeded = (c: Count) => !c.isAllowed && c.isExceeded;
  const waitSeconds = (c: Count) => (c.isAllowed ? 1 : Math.max(1, c.ttlInSeconds));
  const tooManyFailures = (reply: FastifyReply, seconds: number) => {
    void reply.header('retry-after', String(seconds));
    return new AppError(
      'RATE_LIMITED',
      `Too many failed sign-ins from this address; try again in ${seconds} s`,
      undefined,
      429,
    );
  };

  app.post(
    '/auth/login',
    {
      config: {
        public: true,
        rateLimit: {
          max: config.loginRateLimit.max,
          timeWindow: config.loginRateLimit.windowMs,
          // Per address and account: one user's typos do not lock out a whole office behind one NAT.
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { email?: unknown } | undefined)?.email ?? '').toLowerCase()}`,
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with e-mail and password; sets the session cookie',
        body: ZLoginBody,
        response: { 200: ZMe, 401: ZErrorBody, 429: ZErrorBody },
      },
    },
    async (req, reply) => {
      if (exceeded(await failuresOfAddress(req, { increment: false }))) {
        throw tooManyFailures(reply, waitSeconds(await failuresOfAddress(req)));
      }
      const user = await prisma.user.findUnique({ where: { email: req.body.email } });
      const ok = await verifyPassword(user?.active ? user.passwordHash : null, req.body.password);
      if (!user || !ok) {
        const failures = await failuresOfAddress(req);
        if (failures.isAllowed === false && failures.isExceeded)
          throw tooManyFailures(reply, failures.ttlInSeconds);
        throw new AppError('INVALID_CREDENTIALS', 'Wrong e-mail or password', undefined, 401);
      }
      await startSession(prisma, config, req, reply, user.id);
      await prisma.auditLog.create({
        data: {
          organizationId: user.organizationId,
          actorId: user.id,
          action: 'LOGIN',
          entity: 'User',
          entityId: user.id,
          ip: req.ip,
        },
      });
      return me(user.id);
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['auth'], summary: 'End the session', response: { 204: z.null() } },
    },
    async (req, reply) => {
      await endSession(prisma, req, reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    { schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: ZMe, 401: ZErrorBody } } },
    async (req) => me(requireUser(req).id),
  );

  // The app asks this on every first load, the sign-in page included: a 401 there would be an
  // error in the browser's console for the expected case of nobody being signed in yet.
  app.get(
    '/auth/session',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user, or null when no one is signed in (never 401)',
        response: { 200: ZSession },
      },
    },
    async (req) => ({ user: req.user ? await me(req.user.id) : null }),
  );

  app.patch(
    '/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: "Change the signed-in user's interface language",
        body: z.object({ locale: z.enum(['zh-CN', 'en']) }),
        response: { 200: ZMe },
      },
    },
    async (req) => {
      const user = requireUser(req);
      await prisma.user.update({ where: { id: user.id }, data: { locale: req.body.locale } });
      return me(user.id);
    },
  );

  app.get(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Whether this installation still needs its first administrator',
        response: { 200: ZSetupStatus },
      },
    },
    async () => ({ needsAdmin: (await prisma.user.count()) === 0 }),
  );

  app.post(
    '/setup',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Create the organisation and its first administrator (only on an empty installation)',
        body: ZSetupBody,
        response: { 201: ZMe, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) => {
      const body = req.body;
      assertStrongPassword(body.password, {
        name: body.name,
        email: body.email,
        organization: body.organizationName,
      });
      const passwordHash = await hashPassword(body.password);
      const adminId = await prisma.$transaction(async (tx) => {
        // Serialise concurrent set-ups: only the first one on an empty database wins.
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(7207340114)`;
        if ((await tx.user.count()) > 0)
          throw new AppError('CONFLICT', 'This installation is already set up');
        const org = await createOrganization(tx, {
          name: body.organizationName,
          timezone: body.timezone,
          demo: false,
          now: req.now,
        });
        const admin = await tx.user.create({
          data: {
            organizationId: org.id,
            email: body.email,
            name: body.name,
            role: 'ADMIN',
            passwordHash,
            departmentId: org.departments.ADMIN,
          },
        });
        await tx.auditLog.create({
          data: {
            organizationId: org.id,
            actorId: admin.id,
            action: 'SETUP',
            entity: 'Organization',
            entityId: org.id,
            ip: req.ip,
          },
        });
        return admin.id;
      });
      await startSession(prisma, config, req, reply, adminId);
      return reply.status(201).send(await me(adminId));
    },
  );
};
