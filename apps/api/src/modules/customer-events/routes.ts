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
import { actorOf } from '../../lib/actor.ts';
import { cancelCustomerEvent, createCustomerEvent, listCustomerEvents } from './service.ts';

const READ = ['customer:read:any', 'customer:read:assigned'] as const;
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };

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
      config: { permission: 'customer:write' },
      schema: {
        tags: ['customer-events'],
        summary: 'Record what happened to a customer (a discharge, a surgery …) on a day, source MANUAL',
        description:
          "201 with the event; 200 with the event already recorded when `externalId` was posted before with the same content, 409 CONFLICT (reason EXTERNAL_ID_REUSED) with other content. 404 for an unknown customer; 422 RULE_VIOLATION (reason FUTURE_DAY) for a day after today in the organisation's timezone.",
        body: ZCustomerEventCreate,
        response: { 200: ZCustomerEvent, 201: ZCustomerEvent, ...writeErrors },
      },
    },
    async (req, reply) => {
      const { event, created } = await createCustomerEvent(prisma, actorOf(req), {
        ...req.body,
        source: 'MANUAL',
      });
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
