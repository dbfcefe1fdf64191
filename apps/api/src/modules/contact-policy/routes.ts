import { ZContactPolicy, ZContactPolicyPatch, ZErrorBody } from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../lib/actor.ts';
import { requireUser } from '../../plugins/auth.ts';
import { getContactPolicy, updateContactPolicy } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };

/** The contact policy (docs/rules.md#r-cad-6-contact-policy). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/contact-policy',
    {
      schema: {
        tags: ['contact-policy'],
        summary:
          "The organisation's contact policy: at most maxContacts contacts with a customer in any windowDays days, and the quiet hours (version 0: the defaults, never changed)",
        response: { 200: ZContactPolicy, ...errors },
      },
    },
    async (req) => {
      requireUser(req);
      return getContactPolicy(prisma, actorOf(req));
    },
  );

  app.patch(
    '/contact-policy',
    {
      config: { permission: 'contact-policy:write' },
      schema: {
        tags: ['contact-policy'],
        summary:
          'Change the contact policy (administrator or manager). maxContacts 1–50, windowDays 1–365, quiet hours HH:mm with both ends or neither (null); 409 on a stale version',
        body: ZContactPolicyPatch,
        response: { 200: ZContactPolicy, ...errors },
      },
    },
    async (req) => updateContactPolicy(prisma, actorOf(req), req.body),
  );
};
export default routes;
