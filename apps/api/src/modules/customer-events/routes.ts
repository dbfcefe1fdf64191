import {
  ZCustomerEvent,
  ZCustomerEventCancel,
  ZCustomerEventCreate,
  ZCustomerEventListQuery,
  ZErrorBody,
  ZPage,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AnyActor, actorOf, systemActor } from '../../lib/actor.ts';
import { invalid } from '../../lib/errors.ts';
import { runCadenceFor } from '../cadence/run.ts';
import { cancelCustomerEvent, createCustomerEvent, listCustomerEvents } from './service.ts';

const READ = ['customer:read:any', 'customer:read:assigned'] as const;
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
/** Posts of events a minute, per integration key or user (docs/api.md#integrations). */
export const EVENT_POSTS_PER_MINUTE = 120;

/** Customer events (docs/product.md#customer-events): what happened to a customer, for the cadence rules. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/customer-events',
    {
      config: { permission: READ },
      schema: {
        tags: ['customer-events'],
        summary: 'Customer events, latest day first, filtered by customer, kind, source and days',
        description:
          "Callers see only the events of customers on a task assigned to them. Days are the organisation's calendar; cancelled events only with includeCancelled=true.",
        querystring: ZCustomerEventListQuery,
        response: { 200: ZPage(ZCustomerEvent), ...errors },
      },
    },
    async (req) => listCustomerEvents(prisma, actorOf(req), req.query),
  );

  app.post(
    '/customer-events',
    {
      config: {
        permission: 'customer:write',
        // another system posts with its integration key instead of a session (docs/api.md#integrations)
        integration: true,
        rateLimit: {
          max: EVENT_POSTS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (req) => `events|${req.integration?.keyId ?? req.user?.id ?? req.ip}`,
        },
      },
      schema: {
        tags: ['customer-events'],
        summary:
          'Record what happened to a customer (a discharge, a surgery …) on a day; the visits standing rules owe it today become tasks at once',
        description:
          "With a session (customer:write) the source is MANUAL; with `Authorization: Bearer <integration key>` it is API and `externalId` is required (400 without). 201 with the event; 200 with the event already recorded when `externalId` was posted before with the same content, 409 CONFLICT (reason EXTERNAL_ID_REUSED) with other content. 404 for an unknown customer; 422 RULE_VIOLATION (reason FUTURE_DAY) for a day after today in the organisation's timezone; 429 past 120 posts a minute per key or user; 401 for an unknown or revoked key.",
        body: ZCustomerEventCreate,
        response: { 200: ZCustomerEvent, 201: ZCustomerEvent, ...writeErrors, 429: ZErrorBody },
      },
    },
    async (req, reply) => {
      const key = req.integration;
      if (key && !req.body.externalId)
        throw invalid('An integration posts each event with its own id', [
          { path: 'externalId', message: 'required with an integration key' },
        ]);
      const actor: AnyActor = key
        ? systemActor(key.organizationId, req.now, `api-key:${key.keyId}`)
        : actorOf(req);
      const timezone = key ? key.timezone : actorOf(req).user.timezone;
      const { event, created } = await createCustomerEvent(
        prisma,
        actor,
        key ? { ...req.body, source: 'API', apiKeyId: key.keyId } : { ...req.body, source: 'MANUAL' },
        timezone,
      );
      // the visits the event calls for today become tasks now rather than at the next hourly run;
      // the event is recorded whatever happens here (the hourly run makes them then)
      if (created)
        await runCadenceFor(prisma, { id: actor.organizationId, timezone }, actor.now, {
          customerId: event.customer.id,
        }).catch((err: unknown) => req.log.error({ err }, 'cadence run after an event failed'));
      return reply.status(created ? 201 : 200).send(event);
    },
  );

  app.post(
    '/customer-events/:id/cancel',
    {
      config: { permission: 'customer:write' },
      schema: {
        tags: ['customer-events'],
        summary:
          'Cancel an event recorded in error, with a reason; its follow-ups not yet made are withdrawn',
        description: '409 STALE_VERSION when `version` is stale, 409 CONFLICT when it is already cancelled.',
        params: z.object({ id: z.uuid() }),
        body: ZCustomerEventCancel,
        response: { 200: ZCustomerEvent, ...writeErrors },
      },
    },
    async (req) => cancelCustomerEvent(prisma, actorOf(req), req.params.id, req.body),
  );
};
export default routes;
