import {
  ZErrorBody,
  ZQualityDashboard,
  ZQualityDashboardQuery,
  ZTicketDashboard,
  ZTicketDashboardQuery,
} from '@huifang/contracts';
import { monthIn } from '@huifang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireUser } from '../../plugins/auth.ts';
import { qualityDashboard } from '../../presenters/quality-dashboard.ts';
import { ticketDashboard } from '../../presenters/ticket-dashboard.ts';
import { policyForMonth } from '../kpi/policy.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

/** Dashboards (docs/product.md#dashboards): figures a person would rather look at than read. */
const routes: FastifyPluginAsyncZod = async (app) => {
  // every dashboard reads through the analytics' own pool (app.ts, docs/performance.md)
  const { analytics: prisma } = app;

  app.get(
    '/dashboards/quality',
    {
      config: { analytics: true, permission: 'dashboard:quality' },
      schema: {
        tags: ['dashboards'],
        summary:
          "The supervisor's quality dashboard: inspection backlog, pass rate by caller and over six months, findings, appeals and reports waiting",
        description:
          "`month` (default: this month, organisation time) selects the inspected visit records by their start in the organisation's timezone; " +
          'passed = counts as passed after appeals. Backlog, appeals waiting and reports waiting (SUBMITTED) are the state at `asOf`: ' +
          'the figures are computed at most once a minute per organisation and month and shared by everyone who opens the dashboard meanwhile.',
        querystring: ZQualityDashboardQuery,
        response: { 200: ZQualityDashboard, ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const month = req.query.month ?? monthIn(req.now, user.timezone);
      const policy = await policyForMonth(prisma, user.organizationId, month);
      return qualityDashboard(
        prisma,
        user.organizationId,
        user.timezone,
        month,
        policy.values.targets.passRateBp,
        req.now,
      );
    },
  );

  app.get(
    '/dashboards/tickets',
    {
      config: { analytics: true, permission: ['ticket:read:department', 'ticket:read:any'] },
      schema: {
        tags: ['dashboards'],
        summary:
          'The ticket dashboard: tickets by status and category, overdue, at risk, due today, closed and answered on time',
        description:
          'The tickets the user may see, as in the ticket list (a handler: their department; a lead: raised by or about their team; ' +
          'management: all). Open = OPEN, IN_PROGRESS, REOPENED. `month` (default: this month, organisation time) selects the ' +
          'tickets closed and the responses counted for the on-time rate (responded by the due time).',
        querystring: ZTicketDashboardQuery,
        response: { 200: ZTicketDashboard, ...errors },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const month = req.query.month ?? monthIn(req.now, user.timezone);
      return ticketDashboard(prisma, user, month, req.now);
    },
  );
};

export default routes;
