import {
  ZErrorBody,
  ZId,
  ZPage,
  ZVisitAmendmentCreate,
  ZVisitDetail,
  ZVisitListQuery,
  ZVisitSummary,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { amendVisit, getVisit, listVisits } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

/**
 * Visit records (回访记录). A record is read-only once submitted: there is no PUT/PATCH here,
 * corrections go through POST /visits/:id/amendments. Records are created on their task:
 * POST /tasks/:id/visits (tasks module).
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/visits',
    {
      config: { permission: ['visit:read:any', 'visit:read:own'] },
      schema: {
        tags: ['visits'],
        summary: 'Visit records, newest first (a caller sees only their own)',
        querystring: ZVisitListQuery,
        response: { 200: ZPage(ZVisitSummary), ...errors },
      },
    },
    async (req) => listVisits(prisma, actorOf(req), req.query),
  );

  app.get(
    '/visits/:id',
    {
      config: { permission: ['visit:read:any', 'visit:read:own'] },
      schema: {
        tags: ['visits'],
        summary: 'One visit record: current values, the values as submitted and the amendments',
        params: z.object({ id: ZId }),
        response: { 200: ZVisitDetail, ...errors },
      },
    },
    async (req) => getVisit(prisma, actorOf(req), req.params.id),
  );

  app.post(
    '/visits/:id/amendments',
    {
      config: { permission: ['visit:amend:own', 'visit:amend:any'] },
      schema: {
        tags: ['visits'],
        summary: 'Correct a record (更正) with a reason; the values before and after are kept',
        description:
          'Amendable: satisfaction, answers, opinions, suggestions, recordingRef, durationSec. ' +
          'Outcome, channel and task cannot change (422). `version` guards against concurrent edits (409). ' +
          'A caller amends their own records; a LEAD those of callers in their own team (else 403). Answers are ' +
          'checked against the questions the record was answered with, not the template as it is now.',
        params: z.object({ id: ZId }),
        body: ZVisitAmendmentCreate,
        response: { 201: ZVisitDetail, ...errors, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await amendVisit(prisma, actorOf(req), req.params.id, req.body)),
  );
};
export default routes;
