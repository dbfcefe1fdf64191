import {
  ZAgreement,
  ZAgreementCreate,
  ZAgreementList,
  ZAgreementSignatures,
  ZErrorBody,
  ZHandoverCreate,
  ZHandoverPreview,
  ZRevealPolicySetting,
  ZRevealPolicyUpdate,
  ZRevealRequest,
  ZRevealRequestCreate,
  ZRevealRequestDecide,
  ZRevealRequestList,
  ZSignature,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import {
  agreementSignatures,
  createRevealRequest,
  decideRevealRequest,
  handoverPreview,
  listAgreements,
  listRevealRequests,
  performHandover,
  publishAgreement,
  putRevealPolicy,
  revealPolicyOf,
  signAgreement,
} from './service.ts';

const tags = ['confidentiality'];
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
const ZId = z.object({ id: z.uuid() });

/** Confidentiality (docs/api.md#confidentiality, docs/rules.md#r-conf-1-agreements). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/agreements',
    {
      schema: {
        tags,
        summary: "The agreement's versions, newest (current) first, with whether the viewer signed each",
        description:
          'Everyone signed in. Users with agreement:manage also see how many active users signed each version.',
        response: { 200: ZAgreementList, ...errors },
      },
    },
    async (req) => listAgreements(prisma, actorOf(req)),
  );

  app.post(
    '/agreements',
    {
      config: { permission: 'agreement:manage' },
      schema: {
        tags,
        summary: 'Publish a new version of the confidentiality agreement (it becomes the one to sign)',
        body: ZAgreementCreate,
        response: { 201: ZAgreement, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await publishAgreement(prisma, actorOf(req), req.body)),
  );

  app.post(
    '/agreements/:id/sign',
    {
      schema: {
        tags,
        summary: 'Sign the current agreement (the instant and address of the request are recorded)',
        description:
          'Everyone signed in, for themselves. 409 for a version that is no longer the current one; signing twice answers the first signature.',
        params: ZId,
        response: { 200: ZSignature, ...writeErrors },
      },
    },
    async (req) => signAgreement(prisma, actorOf(req), req.params.id),
  );

  app.get(
    '/agreements/:id/signatures',
    {
      config: { permission: 'agreement:manage' },
      schema: {
        tags,
        summary: 'Who signed a version: every user of the organisation, with when and from where',
        params: ZId,
        response: { 200: ZAgreementSignatures, ...errors },
      },
    },
    async (req) => agreementSignatures(prisma, actorOf(req), req.params.id),
  );

  app.get(
    '/confidentiality/policy',
    {
      schema: {
        tags,
        summary: 'The reveal policy: what revealing a contact outside one’s own open tasks requires',
        response: { 200: ZRevealPolicySetting, ...errors },
      },
    },
    async (req) => revealPolicyOf(prisma, actorOf(req).organizationId),
  );

  app.put(
    '/confidentiality/policy',
    {
      config: { permission: 'agreement:manage' },
      schema: {
        tags,
        summary: 'Set the reveal policy: NONE, REASON or APPROVAL (409 on a stale version)',
        body: ZRevealPolicyUpdate,
        response: { 200: ZRevealPolicySetting, ...writeErrors },
      },
    },
    async (req) => putRevealPolicy(prisma, actorOf(req), req.body),
  );

  app.get(
    '/reveal-requests',
    {
      config: { permission: ['customer:contact:reveal', 'reveal:approve'] },
      schema: {
        tags,
        summary: 'Reveal requests: all of the organisation for approvers, one’s own for others, newest first',
        response: { 200: ZRevealRequestList, ...errors },
      },
    },
    async (req) => listRevealRequests(prisma, actorOf(req)),
  );

  app.post(
    '/reveal-requests',
    {
      config: { permission: 'customer:contact:reveal' },
      schema: {
        tags,
        summary: "Ask a supervisor's approval to reveal one customer's contact (APPROVAL policy)",
        body: ZRevealRequestCreate,
        response: { 201: ZRevealRequest, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await createRevealRequest(prisma, actorOf(req), req.body)),
  );

  app.post(
    '/reveal-requests/:id/decide',
    {
      config: { permission: 'reveal:approve' },
      schema: {
        tags,
        summary: 'Approve or refuse a pending reveal request (never one’s own)',
        params: ZId,
        body: ZRevealRequestDecide,
        response: { 200: ZRevealRequest, ...writeErrors },
      },
    },
    async (req) => decideRevealRequest(prisma, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/handovers/:userId',
    {
      config: { permission: 'user:handover' },
      schema: {
        tags,
        summary:
          'A user’s hand-over checklist: open tasks, sessions, signatures, contact reads kept, past hand-overs',
        params: z.object({ userId: z.uuid() }),
        response: { 200: ZHandoverPreview, ...errors },
      },
    },
    async (req) => handoverPreview(prisma, actorOf(req), req.params.userId),
  );

  app.post(
    '/handovers/:userId',
    {
      config: { permission: 'user:handover' },
      schema: {
        tags,
        summary: 'Hand a leaving or moving user’s work over, in one transaction',
        description:
          'Open tasks reassigned to `toUserId` (an active caller; required while there are any), every session ended, signatures archived, a LEAVING user deactivated; the audit trail of what the user read is kept.',
        params: z.object({ userId: z.uuid() }),
        body: ZHandoverCreate,
        response: { 200: ZHandoverPreview, ...writeErrors },
      },
    },
    async (req) => performHandover(prisma, actorOf(req), req.params.userId, req.body),
  );
};

export default routes;
