import {
  ZErrorBody,
  ZExpense,
  ZExpenseApprove,
  ZExpenseCreate,
  ZExpenseList,
  ZExpenseListQuery,
  ZExpenseReject,
  ZId,
  ZVisitExpenses,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { createExpense, decideExpense, listExpenses, listVisitExpenses } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
const ZIdParam = z.object({ id: ZId });
const READ = ['expense:read:any', 'expense:read:team', 'expense:read:own'] as const;

/** Visit expenses (回访费用): recorded by the caller on their record, decided by their lead or a manager. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.post(
    '/visits/:id/expenses',
    {
      config: { permission: 'expense:create' },
      schema: {
        tags: ['expenses'],
        summary:
          'Record an expense (amount in fen, receipt reference, note) on one of your own visit records',
        description:
          'Only the caller who made the record (404 otherwise). 409 DUPLICATE_RECEIPT when the caller already ' +
          'claimed the receipt (unless that claim was rejected); 422 MONTH_LOCKED when the incentive sheet of ' +
          "the record's month is approved.",
        params: ZIdParam,
        body: ZExpenseCreate,
        response: { 201: ZExpense, ...writeErrors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createExpense(prisma, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/visits/:id/expenses',
    {
      config: { permission: READ },
      schema: {
        tags: ['expenses'],
        summary: "A visit record's expenses, newest first",
        description:
          "Visibility as GET /expenses: a caller only their own records' (404 otherwise), a lead their team's " +
          '(403 otherwise), managers and admins all.',
        params: ZIdParam,
        response: { 200: ZVisitExpenses, ...errors },
      },
    },
    async (req) => listVisitExpenses(prisma, actorOf(req), req.params.id),
  );

  app.get(
    '/expenses',
    {
      config: { permission: READ },
      schema: {
        tags: ['expenses'],
        summary: 'Expenses, newest first, with totals in fen over everything the filter matches',
        description:
          "expense:read:any sees all, expense:read:team (a lead) their team's callers', expense:read:own one's own. " +
          "`month` is the visit record's month in the organisation's timezone (the KPI month it counts in).",
        querystring: ZExpenseListQuery,
        response: { 200: ZExpenseList, ...errors },
      },
    },
    async (req) => listExpenses(prisma, actorOf(req), req.query),
  );

  app.post(
    '/expenses/:id/approve',
    {
      config: { permission: 'expense:decide' },
      schema: {
        tags: ['expenses'],
        summary: 'Approve a pending expense; it then counts in the KPI cost dimension of its record’s month',
        description:
          "A lead only their own team's callers' (403), never one's own. 409 CONFLICT when already decided, " +
          '409 STALE_VERSION when `version` is stale, 422 MONTH_LOCKED when that month’s sheet is approved.',
        params: ZIdParam,
        body: ZExpenseApprove,
        response: { 200: ZExpense, ...writeErrors },
      },
    },
    async (req) =>
      decideExpense(prisma, actorOf(req), req.params.id, 'APPROVED', { version: req.body.version }),
  );

  app.post(
    '/expenses/:id/reject',
    {
      config: { permission: 'expense:decide' },
      schema: {
        tags: ['expenses'],
        summary: 'Reject a pending expense with a comment (required)',
        description: 'Same rules as approve.',
        params: ZIdParam,
        body: ZExpenseReject,
        response: { 200: ZExpense, ...writeErrors },
      },
    },
    async (req) => decideExpense(prisma, actorOf(req), req.params.id, 'REJECTED', req.body),
  );
};
export default routes;
