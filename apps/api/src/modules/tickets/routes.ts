import {
  ZErrorBody,
  ZId,
  ZPage,
  ZTicketClose,
  ZTicketCreate,
  ZTicketDetail,
  ZTicketListQuery,
  ZTicketReopen,
  ZTicketReroute,
  ZTicketRespond,
  ZTicketStart,
  ZTicketSummary,
  ZTicketVerify,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { createTicket, getTicket, listTickets } from './service.ts';
import {
  closeTicket,
  reopenTicket,
  rerouteTicket,
  respondTicket,
  startTicket,
  verifyTicket,
} from './transitions.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const changeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
const params = z.object({ id: ZId });
const READ = ['ticket:read:any', 'ticket:read:department', 'ticket:read:own'] as const;

/**
 * Issue tickets (问题工单). Transitions answer 409 from a state they do not start from (or with a
 * stale `version`) and 403 on a ticket that is not the user's to change; each writes a timeline
 * event and an audit row in one transaction on the locked ticket.
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.post(
    '/tickets',
    {
      config: { permission: 'ticket:create' },
      schema: {
        tags: ['tickets'],
        summary: 'Raise a ticket; routed to a department by category, due in business hours by severity',
        description:
          'From a visit record (`sourceVisitId`) or an inspection (`sourceInspectionId`): the customer and the ' +
          'caller who confirms the fix come from it. A CALLER raises only from their own records, a LEAD from ' +
          'records of their team (403). Without a source, `customerId` is required (not for callers: 422).',
        body: ZTicketCreate,
        response: { 201: ZTicketDetail, ...changeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createTicket(prisma, actorOf(req), req.body)),
  );

  app.get(
    '/tickets',
    {
      config: { permission: READ },
      schema: {
        tags: ['tickets'],
        summary: 'Tickets the user may see, next deadline first, each with its SLA state',
        description:
          'A HANDLER sees their department, a CALLER the tickets they raised or confirm, a LEAD those raised ' +
          'by or about their team; ADMIN, MANAGER and SUPERVISOR all.',
        querystring: ZTicketListQuery,
        response: { 200: ZPage(ZTicketSummary), ...errors },
      },
    },
    async (req) => listTickets(prisma, actorOf(req), req.query),
  );

  app.get(
    '/tickets/:id',
    {
      config: { permission: READ },
      schema: {
        tags: ['tickets'],
        summary: 'One ticket with its timeline and the actions open to the user',
        params,
        response: { 200: ZTicketDetail, ...errors },
      },
    },
    async (req) => getTicket(prisma, actorOf(req), req.params.id),
  );

  app.post(
    '/tickets/:id/start',
    {
      config: { permission: 'ticket:respond' },
      schema: {
        tags: ['tickets'],
        summary: 'A handler of the department takes the ticket: OPEN or REOPENED → IN_PROGRESS',
        params,
        body: ZTicketStart,
        response: { 200: ZTicketDetail, ...changeErrors },
      },
    },
    async (req) => startTicket(prisma, actorOf(req), req.params.id, req.body.version),
  );

  app.post(
    '/tickets/:id/respond',
    {
      config: { permission: 'ticket:respond' },
      schema: {
        tags: ['tickets'],
        summary: 'Answer with the action taken and the root cause → RESPONDED; the clock pauses',
        params,
        body: ZTicketRespond,
        response: { 200: ZTicketDetail, ...changeErrors },
      },
    },
    async (req) => respondTicket(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/tickets/:id/verify',
    {
      config: { permission: 'ticket:verify' },
      schema: {
        tags: ['tickets'],
        summary: 'The caller (or their lead) confirms with the customer: satisfied → CLOSED, else REOPENED',
        params,
        body: ZTicketVerify,
        response: { 200: ZTicketDetail, ...changeErrors },
      },
    },
    async (req) => verifyTicket(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/tickets/:id/reopen',
    {
      config: { permission: 'ticket:verify' },
      schema: {
        tags: ['tickets'],
        summary: 'Not solved: back to the department with a reason; the clock resumes',
        params,
        body: ZTicketReopen,
        response: { 200: ZTicketDetail, ...changeErrors },
      },
    },
    async (req) => reopenTicket(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/tickets/:id/close',
    {
      config: { permission: 'ticket:route' },
      schema: {
        tags: ['tickets'],
        summary: 'Close a VERIFIED ticket; a MANAGER or ADMIN may close any open one with a reason',
        params,
        body: ZTicketClose,
        response: { 200: ZTicketDetail, ...changeErrors },
      },
    },
    async (req) => closeTicket(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/tickets/:id/route',
    {
      config: { permission: 'ticket:route' },
      schema: {
        tags: ['tickets'],
        summary: 'Change the category and/or department of a ticket still being worked on',
        params,
        body: ZTicketReroute,
        response: { 200: ZTicketDetail, ...changeErrors },
      },
    },
    async (req) => rerouteTicket(prisma, actorOf(req), req.params.id, req.body),
  );
};
export default routes;
