import {
  ZErrorBody,
  ZPage,
  ZPlanApprove,
  ZPlanBalance,
  ZPlanCreate,
  ZPlanDetail,
  ZPlanFigures,
  ZPlanItem,
  ZPlanItemsAdd,
  ZPlanItemsAddResult,
  ZPlanItemsQuery,
  ZPlanItemUpdate,
  ZPlanListQuery,
  ZPlanProposals,
  ZPlanProposalsAdd,
  ZPlanProposalsAddResult,
  ZPlanReject,
  ZPlanSummary,
  ZPlanUpdate,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { requireUser } from '../../plugins/auth.ts';
import { planDetail } from './figures.ts';
import { addItems, balanceItems, deleteItem, listItems, updateItem } from './items.ts';
import { addProposals, listProposals } from './proposals.ts';
import { approvePlan, createPlan, listPlans, rejectPlan, submitPlan, updatePlan } from './service.ts';

const ZIdParams = z.object({ id: z.uuid() });
const ZItemParams = z.object({ id: z.uuid(), itemId: z.uuid() });
const tags = ['plans'];
/** The failures of a write on a plan. */
const writeErrors = { 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };

/**
 * Monthly visit plans: a lead drafts one for their team (customers by filter, balanced over
 * the team's callers), submits it, and a manager approves it — creating every task at once —
 * or rejects it with a comment.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/plans',
    {
      config: { permission: 'plan:read' },
      schema: {
        tags,
        summary: 'Plans, newest month first (a lead sees their own team’s)',
        querystring: ZPlanListQuery,
        response: { 200: ZPage(ZPlanSummary), 403: ZErrorBody },
      },
    },
    async (req) => listPlans(prisma, requireUser(req), req.query),
  );

  app.post(
    '/plans',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: 'Draft a plan for this month or a later one',
        body: ZPlanCreate,
        response: { 201: ZPlanDetail, 403: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createPlan(prisma, actorOf(req), requireUser(req), req.body)),
  );

  app.get(
    '/plans/:id',
    {
      config: { permission: 'plan:read' },
      schema: {
        tags,
        summary: 'A plan with its figures and approval timeline',
        params: ZIdParams,
        response: { 200: ZPlanDetail, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (req) => planDetail(prisma, requireUser(req), req.params.id),
  );

  app.patch(
    '/plans/:id',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: 'Change title, focus or daily cap of a draft (or rejected) plan',
        params: ZIdParams,
        body: ZPlanUpdate,
        response: { 200: ZPlanDetail, ...writeErrors },
      },
    },
    async (req) => updatePlan(prisma, actorOf(req), requireUser(req), req.params.id, req.body),
  );

  app.get(
    '/plans/:id/items',
    {
      config: { permission: 'plan:read' },
      schema: {
        tags,
        summary: 'The customers of a plan (phones masked)',
        params: ZIdParams,
        querystring: ZPlanItemsQuery,
        response: { 200: ZPage(ZPlanItem), 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (req) => listItems(prisma, actorOf(req), req.params.id, req.query),
  );

  app.post(
    '/plans/:id/items',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: 'Add the customers matching a filter, then balance the plan',
        description:
          'Customers who refuse visits, have an open task or are already in another open plan of the ' +
          'month (draft, rejected or submitted) are left out and listed as exclusions; ' +
          'the channel is the customer’s preferred one when set. The window must lie inside the plan month.',
        params: ZIdParams,
        body: ZPlanItemsAdd,
        response: { 200: ZPlanItemsAddResult, ...writeErrors },
      },
    },
    async (req) => addItems(prisma, actorOf(req), requireUser(req), req.params.id, req.body),
  );

  app.get(
    '/plans/:id/proposals',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: 'The visits the cadence rules not approved propose for the plan’s month',
        description:
          'For a draft (or rejected) plan: the visits due in its month (or due before it with their window ' +
          'reaching into it; from today for this month’s plan) under the organisation’s rules that are on ' +
          'but not standing (their draft), made by a caller or the lead of the plan’s team; not planned or ' +
          'made before, for customers not in this plan or another open plan of the month and not refusing ' +
          'visits. At most 500 listed, `total` counts all (docs/rules.md#r-cad-7-rule-proposals).',
        params: ZIdParams,
        response: { 200: ZPlanProposals, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody },
      },
    },
    async (req) => listProposals(prisma, actorOf(req), requireUser(req), req.params.id),
  );

  app.post(
    '/plans/:id/proposals',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: 'Take proposed visits into the plan, then balance it',
        description:
          'One item per key, from its rule (purpose, channel, questionnaire), its window clipped to the ' +
          'month; each visit is recorded PLANNED so it is not proposed again nor made by the rule once ' +
          'approved. 422 `details.reason` NOT_PROPOSED (a key not proposed now) or SAME_CUSTOMER (two ' +
          'visits of one customer); 409 STALE_VERSION, or TAKEN when another plan took one meanwhile. ' +
          'Nothing changes on an error.',
        params: ZIdParams,
        body: ZPlanProposalsAdd,
        response: { 200: ZPlanProposalsAddResult, ...writeErrors },
      },
    },
    async (req) => addProposals(prisma, actorOf(req), requireUser(req), req.params.id, req.body),
  );

  app.post(
    '/plans/:id/balance',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: 'Balance the non-manual items over the team’s active callers',
        params: ZIdParams,
        body: ZPlanBalance.nullish(),
        response: { 200: ZPlanFigures, ...writeErrors },
      },
    },
    async (req) => balanceItems(prisma, actorOf(req), requireUser(req), req.params.id, req.body ?? {}),
  );

  app.patch(
    '/plans/:id/items/:itemId',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: 'Place one item by hand (caller and/or due date); the balancer then keeps it',
        params: ZItemParams,
        body: ZPlanItemUpdate,
        response: { 200: ZPlanItem, ...writeErrors },
      },
    },
    async (req) =>
      updateItem(prisma, actorOf(req), requireUser(req), req.params.id, req.params.itemId, req.body),
  );

  app.delete(
    '/plans/:id/items/:itemId',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: 'Remove a customer from the plan',
        params: ZItemParams,
        response: { 204: z.null(), ...writeErrors },
      },
    },
    async (req, reply) => {
      await deleteItem(prisma, actorOf(req), requireUser(req), req.params.id, req.params.itemId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/plans/:id/submit',
    {
      config: { permission: 'plan:write' },
      schema: {
        tags,
        summary: 'Submit for approval (every item needs a caller)',
        params: ZIdParams,
        response: { 200: ZPlanDetail, ...writeErrors },
      },
    },
    async (req) => submitPlan(prisma, actorOf(req), requireUser(req), req.params.id),
  );

  app.post(
    '/plans/:id/approve',
    {
      config: { permission: 'plan:approve' },
      schema: {
        tags,
        summary: 'Approve a submitted plan and create its tasks in one transaction',
        description:
          'Every item needs an active caller of the team (422 otherwise). Items whose customer has an ' +
          'open task by now, or refused visits, or who can take no further contact before the window ' +
          'ends (the contact policy), get no task and are recorded as exclusions (`figures.skipped`); ' +
          'a task whose customer can take one later in the window starts on that day. 409 with `details.reason` STATUS when the plan is no longer submitted, ' +
          'OPEN_TASK when a simultaneous approval gave some of its customers a task (nothing changed).',
        params: ZIdParams,
        body: ZPlanApprove.nullish(),
        response: { 200: ZPlanDetail, ...writeErrors },
      },
    },
    async (req) => approvePlan(prisma, actorOf(req), requireUser(req), req.params.id, req.body ?? {}),
  );

  app.post(
    '/plans/:id/reject',
    {
      config: { permission: 'plan:approve' },
      schema: {
        tags,
        summary: 'Reject a submitted plan with a comment',
        params: ZIdParams,
        body: ZPlanReject,
        response: { 200: ZPlanDetail, ...writeErrors },
      },
    },
    async (req) => rejectPlan(prisma, actorOf(req), requireUser(req), req.params.id, req.body),
  );
};
export default routes;
