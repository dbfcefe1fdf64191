import { ZErrorBody, ZPolicy, ZPolicyPatch, ZTicketRoutes, ZTicketRoutesPut } from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actorOf } from '../../lib/actor.ts';
import { getPolicy, getTicketRoutes, putTicketRoutes, updatePolicy } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

/** Organisation policy (设置): thresholds, business hours, SLA hours and the ticket routing table. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/policy',
    {
      config: { permission: 'policy:read' },
      schema: {
        tags: ['policy'],
        summary: 'The organisation policy (created with the defaults when missing)',
        response: { 200: ZPolicy, ...errors },
      },
    },
    async (req) => getPolicy(prisma, actorOf(req)),
  );

  app.patch(
    '/policy',
    {
      config: { permission: 'policy:write' },
      schema: {
        tags: ['policy'],
        summary: 'Change the policy; `version` guards against a concurrent edit (409 STALE_VERSION)',
        description:
          'New SLA hours and business hours apply to tickets created afterwards; due times already set stay.',
        body: ZPolicyPatch,
        response: { 200: ZPolicy, ...errors, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req) => updatePolicy(prisma, actorOf(req), req.body),
  );

  app.get(
    '/ticket-routes',
    {
      config: { permission: 'policy:read' },
      schema: {
        tags: ['policy'],
        summary: 'Which department answers which ticket category, and the departments to choose from',
        response: { 200: ZTicketRoutes, ...errors },
      },
    },
    async (req) => getTicketRoutes(prisma, actorOf(req)),
  );

  app.put(
    '/ticket-routes',
    {
      config: { permission: 'policy:write' },
      schema: {
        tags: ['policy'],
        summary:
          'Replace the routing table: every category exactly once, departments of the organisation (422)',
        body: ZTicketRoutesPut,
        response: { 200: ZTicketRoutes, ...errors, 422: ZErrorBody },
      },
    },
    async (req) => putTicketRoutes(prisma, actorOf(req), req.body),
  );
};
export default routes;
