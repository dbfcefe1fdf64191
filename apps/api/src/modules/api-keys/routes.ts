import { ZApiKey, ZApiKeyCreate, ZApiKeyCreated, ZApiKeyList, ZErrorBody } from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { createApiKey, listApiKeys, revokeApiKey } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

/** Integration keys (docs/api.md#integrations): made and revoked by an administrator. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/api-keys',
    {
      config: { permission: 'api-key:manage' },
      schema: {
        tags: ['api-keys'],
        summary: "The organisation's integration keys, newest first (never the keys themselves)",
        response: { 200: ZApiKeyList, ...errors },
      },
    },
    async (req) => listApiKeys(prisma, actorOf(req)),
  );

  app.post(
    '/api-keys',
    {
      config: { permission: 'api-key:manage' },
      schema: {
        tags: ['api-keys'],
        summary:
          'Make a key for another system to post customer events (scope EVENTS, the default) or upload call recordings (RECORDINGS) with; the key is in this answer only',
        body: ZApiKeyCreate,
        response: { 201: ZApiKeyCreated, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createApiKey(prisma, actorOf(req), req.body.name, req.body.scopes)),
  );

  app.post(
    '/api-keys/:id/revoke',
    {
      config: { permission: 'api-key:manage' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke a key at once (409 when already revoked)',
        params: z.object({ id: z.uuid() }),
        response: { 200: ZApiKey, ...errors },
      },
    },
    async (req) => revokeApiKey(prisma, actorOf(req), req.params.id),
  );
};
export default routes;
