import {
  ZAbuseFlag,
  ZAbuseFlagLift,
  ZAbuseReport,
  ZAbuseReportCreate,
  ZAbuseReportDecide,
  ZAbuseReportList,
  ZAbuseReportListQuery,
  ZErrorBody,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import {
  abuseFlagOf,
  createAbuseReport,
  decideAbuseReport,
  liftAbuseFlag,
  listAbuseReports,
} from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
const ZId = z.object({ id: z.uuid() });

/** Customer-abuse reports from staff (docs/api.md#abuse-reports, docs/rules.md#r-disc-2-customer-abuse-reports). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/abuse-reports',
    {
      config: { permission: ['abuse:report', 'abuse:decide'] },
      schema: {
        tags: ['abuse-reports'],
        summary: "Customer-abuse reports: one's own; a lead's team's too; every one for managers",
        description: '`queue=true`: the pending reports the viewer may decide (the superior’s queue).',
        querystring: ZAbuseReportListQuery,
        response: { 200: ZAbuseReportList, ...errors },
      },
    },
    async (req) => listAbuseReports(prisma, actorOf(req), req.query),
  );

  app.post(
    '/abuse-reports',
    {
      config: { permission: 'abuse:report' },
      schema: {
        tags: ['abuse-reports'],
        summary: 'Report a customer who abused you, with what happened; it goes to your superior',
        description:
          'To the lead of your team, or to the managers when there is none. 404 for a customer you cannot see; 409 while your earlier report on the customer waits.',
        body: ZAbuseReportCreate,
        response: { 201: ZAbuseReport, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await createAbuseReport(prisma, actorOf(req), req.body)),
  );

  app.post(
    '/abuse-reports/:id/decide',
    {
      config: { permission: 'abuse:decide' },
      schema: {
        tags: ['abuse-reports'],
        summary: 'Confirm or dismiss a report (the reporter’s superior or a manager)',
        description:
          'CONFIRM protects the reporter’s figures, flags the customer and pauses visits to them. 403 for a lead of another team; 409 once decided or on a stale version.',
        params: ZId,
        body: ZAbuseReportDecide,
        response: { 200: ZAbuseReport, ...writeErrors },
      },
    },
    async (req) => decideAbuseReport(prisma, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/customers/:id/abuse-flag',
    {
      config: { permission: ['customer:read:any', 'customer:read:assigned'] },
      schema: {
        tags: ['abuse-reports'],
        summary: 'Is the customer flagged for abusing staff (visits paused), and may the viewer lift it',
        params: ZId,
        response: { 200: ZAbuseFlag, ...errors },
      },
    },
    async (req) => abuseFlagOf(prisma, actorOf(req), req.params.id),
  );

  app.post(
    '/customers/:id/abuse-flag/lift',
    {
      config: { permission: 'abuse:lift' },
      schema: {
        tags: ['abuse-reports'],
        summary: 'Lift the customer’s abuse flag (a manager): visits to them resume',
        description: '409 when the customer is not flagged.',
        params: ZId,
        body: ZAbuseFlagLift,
        response: { 200: ZAbuseFlag, ...writeErrors },
      },
    },
    async (req) => liftAbuseFlag(prisma, actorOf(req), req.params.id, req.body.comment),
  );
};

export default routes;
