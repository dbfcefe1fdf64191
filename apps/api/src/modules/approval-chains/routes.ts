import {
  ZApprovalChains,
  ZApprovalChainsPut,
  ZErrorBody,
  ZSignOffDecision,
  ZSignOffItem,
  ZSignOffQuery,
  ZSignOffQueue,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { requireUser } from '../../plugins/auth.ts';
import { getApprovalChains, putApprovalChains } from './service.ts';
import { decideSignOff, signOffQueue } from './sign-off.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };
const ZIdParams = z.object({ id: z.uuid() });

/**
 * The approval chains (docs/rules.md#r-chain-1-chains) and the lead's sign-off of visit records
 * (docs/rules.md#r-chain-5-sign-off).
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/approval-chains',
    {
      schema: {
        tags: ['approval-chains'],
        summary:
          "The organisation's approval chains: plan steps (1–2), team-report steps and roll-up steps (1–3) and the appeal decider, each step a role and an optional title (version 0: the defaults)",
        response: { 200: ZApprovalChains, ...errors },
      },
    },
    async (req) => {
      requireUser(req);
      return getApprovalChains(prisma, actorOf(req));
    },
  );

  app.put(
    '/approval-chains',
    {
      config: { permission: 'approval-chain:write' },
      schema: {
        tags: ['approval-chains'],
        summary:
          'Replace the approval chains (administrator). A step’s role must hold the approving permission; 400 names the field; 409 on a stale version. Documents already submitted keep the chain they were submitted with',
        body: ZApprovalChainsPut,
        response: { 200: ZApprovalChains, ...errors },
      },
    },
    async (req) => putApprovalChains(prisma, actorOf(req), req.body),
  );

  app.get(
    '/visit-sign-offs',
    {
      config: { permission: 'visit:sign-off' },
      schema: {
        tags: ['approval-chains'],
        summary:
          "A lead's sign-off queue: the month's visit records of their team that wait (or were signed off / sent back), with the month's signed-off rate",
        querystring: ZSignOffQuery,
        response: { 200: ZSignOffQueue, ...errors },
      },
    },
    async (req) => signOffQueue(prisma, actorOf(req), req.query),
  );

  app.post(
    '/visits/:id/sign-off',
    {
      config: { permission: 'visit:sign-off' },
      schema: {
        tags: ['approval-chains'],
        summary:
          'Sign off a waiting visit record of the team, or send it back with a comment (422 without one); the caller corrects it by an amendment, after which it waits again',
        params: ZIdParams,
        body: ZSignOffDecision,
        response: { 200: ZSignOffItem, 404: ZErrorBody, ...errors },
      },
    },
    async (req) => decideSignOff(prisma, actorOf(req), req.params.id, req.body),
  );
};
export default routes;
