import {
  ZChurnCase,
  ZChurnCaseConfirm,
  ZChurnCaseCreate,
  ZChurnCaseDetail,
  ZChurnCaseDismiss,
  ZChurnCaseListQuery,
  ZChurnCaseUpdate,
  ZChurnReason,
  ZChurnReasonCreate,
  ZChurnReasonUpdate,
  ZChurnWinBack,
  ZErrorBody,
  ZPage,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import {
  confirmChurnCase,
  createChurnCase,
  dismissChurnCase,
  getChurnCase,
  listChurnCases,
  planWinBack,
  updateChurnCase,
} from './cases.ts';
import { createChurnReason, listChurnReasons, updateChurnReason } from './reasons.ts';

const READ = ['churn:read:any', 'churn:read:department', 'churn:read:own'] as const;
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
const params = z.object({ id: z.uuid() });

/** The churn register (docs/product.md#the-churn-register): reasons, cases, suggestions, win-back visits. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/churn-reasons',
    {
      config: { permission: [...READ, 'churn:write', 'churn-reason:write'] },
      schema: {
        tags: ['churn'],
        summary: "The organisation's churn reasons by category (retired ones too, marked inactive)",
        response: { 200: z.object({ items: z.array(ZChurnReason) }), ...errors },
      },
    },
    async (req) => listChurnReasons(prisma, actorOf(req)),
  );

  app.post(
    '/churn-reasons',
    {
      config: { permission: 'churn-reason:write' },
      schema: {
        tags: ['churn'],
        summary: 'Add a sub-reason to a category',
        description: '409 CONFLICT (reason DUPLICATE_LABEL) when the category has a reason of that label.',
        body: ZChurnReasonCreate,
        response: { 201: ZChurnReason, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createChurnReason(prisma, actorOf(req), req.body)),
  );

  app.patch(
    '/churn-reasons/:id',
    {
      config: { permission: 'churn-reason:write' },
      schema: {
        tags: ['churn'],
        summary: 'Rename, re-sort, retire (active=false) or restore a reason; its category is fixed',
        description:
          'A retired reason stays on the cases that name it and is no longer offered for new ones. 409 STALE_VERSION on a stale version, 409 CONFLICT for a duplicate label.',
        params,
        body: ZChurnReasonUpdate,
        response: { 200: ZChurnReason, ...writeErrors },
      },
    },
    async (req) => updateChurnReason(prisma, actorOf(req), req.params.id, req.body),
  );

  app.get(
    '/churn-cases',
    {
      config: { permission: READ },
      schema: {
        tags: ['churn'],
        summary:
          'Churn cases, latest day first, filtered by status, stage, category, reason, department, days, customer',
        description:
          "A handler sees their department's cases, a caller those of customers they are or were assigned and those they recorded. Phones are masked.",
        querystring: ZChurnCaseListQuery,
        response: { 200: ZPage(ZChurnCase), ...errors },
      },
    },
    async (req) => listChurnCases(prisma, actorOf(req), req.query),
  );

  app.post(
    '/churn-cases',
    {
      config: { permission: 'churn:write' },
      schema: {
        tags: ['churn'],
        summary: 'Record a churn case by hand (CONFIRMED at once)',
        description:
          "The department defaults to the one answering for the reason's category. 404 for a customer out of sight; 409 CONFLICT (reason DUPLICATE_CASE, existingId) when the customer has a confirmed case of the stage within 90 days of the day; 422 for a retired reason or a day after today.",
        body: ZChurnCaseCreate,
        response: { 201: ZChurnCase, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createChurnCase(prisma, actorOf(req), req.body)),
  );

  app.get(
    '/churn-cases/:id',
    {
      config: { permission: READ },
      schema: {
        tags: ['churn'],
        summary:
          "One case with its evidence, the win-back task, and the customer's recent visits and tickets",
        params,
        response: { 200: ZChurnCaseDetail, ...errors },
      },
    },
    async (req) => getChurnCase(prisma, actorOf(req), req.params.id),
  );

  app.patch(
    '/churn-cases/:id',
    {
      config: { permission: 'churn:write' },
      schema: {
        tags: ['churn'],
        summary: 'Correct a case: stage, day, department, reason, note',
        description:
          '409 STALE_VERSION on a stale version; 409 CONFLICT for a dismissed suggestion or a duplicate case.',
        params,
        body: ZChurnCaseUpdate,
        response: { 200: ZChurnCase, ...writeErrors },
      },
    },
    async (req) => updateChurnCase(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/churn-cases/:id/confirm',
    {
      config: { permission: 'churn:write' },
      schema: {
        tags: ['churn'],
        summary: 'Confirm a suggestion with its stage and reason',
        description:
          "409 CONFLICT when it is not a suggestion or the customer already has a confirmed case of the stage within 90 days; the department defaults to the one answering for the reason's category.",
        params,
        body: ZChurnCaseConfirm,
        response: { 200: ZChurnCase, ...writeErrors },
      },
    },
    async (req) => confirmChurnCase(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/churn-cases/:id/dismiss',
    {
      config: { permission: 'churn:write' },
      schema: {
        tags: ['churn'],
        summary: 'Dismiss a suggestion with a reason (it never comes back)',
        params,
        body: ZChurnCaseDismiss,
        response: { 200: ZChurnCase, ...writeErrors },
      },
    },
    async (req) => dismissChurnCase(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/churn-cases/:id/win-back',
    {
      config: { permission: 'churn:write' },
      schema: {
        tags: ['churn'],
        summary: 'Plan a win-back visit (挽回): a task for the customer, for a caller, due within a window',
        description:
          "Assigned to `assigneeId` (an active caller) or the customer's last caller; due by `dueDay` (a week from today by default). 422 RULE_VIOLATION (reason NO_CUSTOMER, REFUSES_VISITS, OPEN_TASK, NO_CALLER, NOT_A_CALLER) and nothing written.",
        params,
        body: ZChurnWinBack,
        response: { 200: ZChurnCase, ...writeErrors },
      },
    },
    async (req) => planWinBack(prisma, actorOf(req), req.params.id, req.body),
  );
};
export default routes;
