import {
  ZCallerDashboard,
  ZCallerDashboardQuery,
  ZDashboardMonthQuery,
  ZErrorBody,
  ZIncentivePolicy,
  ZIncentivePolicyCreate,
  ZIncentivePolicyList,
  ZKpiQuery,
  ZKpiResponse,
  ZKpiTrend,
  ZKpiTrendQuery,
  ZLeadDashboard,
  ZManagerDashboard,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { sendJson } from '../../lib/json-bodies.ts';
import { callerDashboard, getTrend, leadDashboard, managerDashboard } from './dashboards.ts';
import { createPolicy, listPolicies } from './policy.ts';
import { getKpi } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

/** KPI figures (docs/rules.md#r-kpi-1-the-month-of-a-caller) and the incentive policy's versions (docs/rules.md#r-inc-14-policy-versions). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma, analytics } = app;

  app.get(
    '/kpi',
    {
      config: { analytics: true, permission: ['kpi:read:any', 'kpi:read:team', 'kpi:read:own'] },
      schema: {
        tags: ['kpi'],
        summary: "A month's KPI per caller, team or department, with the 100-point score and grade",
        description:
          'Computed live from the tasks due in the month, its visit records and their inspections (after appeals), ' +
          'in the organisation timezone. Managers, administrators and supervisors see everybody; a lead their team; ' +
          'a caller themself. Rates are basis points, means and scores hundredths, money fen.',
        querystring: ZKpiQuery,
        response: {
          200: ZKpiResponse,
          304: z.null().describe('The answer named by If-None-Match is still the answer: no body'),
          ...errors,
        },
      },
    },
    async (req, reply) => sendJson(req, reply, await getKpi(analytics, actorOf(req), req.query)),
  );

  app.get(
    '/kpi/trend',
    {
      config: { analytics: true, permission: ['kpi:read:any', 'kpi:read:team', 'kpi:read:own'] },
      schema: {
        tags: ['kpi'],
        summary: 'Headline figures per month from the month-close snapshots (closed months only)',
        description:
          'One indexed read. Callers get their own line; a lead their team and its callers; others anything.',
        querystring: ZKpiTrendQuery,
        response: { 200: ZKpiTrend, ...errors, 404: ZErrorBody },
      },
    },
    async (req) => getTrend(analytics, actorOf(req), req.query),
  );

  app.get(
    '/dashboards/manager',
    {
      config: { analytics: true, permission: 'dashboard:manager' },
      schema: {
        tags: ['kpi'],
        summary: "The manager's KPI dashboard for a month",
        description:
          'Completion and pass rate by caller, the 12-month trend (snapshots), grades, incentive totals, ticket SLA and department targets. A closed month is read from its snapshot.',
        querystring: ZDashboardMonthQuery,
        response: { 200: ZManagerDashboard, ...errors },
      },
    },
    async (req) => managerDashboard(analytics, actorOf(req), req.query.month),
  );

  app.get(
    '/dashboards/caller',
    {
      config: { permission: ['dashboard:caller', 'kpi:read:any', 'kpi:read:team'] },
      schema: {
        tags: ['kpi'],
        summary: "A caller's own KPIs against the targets, what is left to do, and their trend",
        description:
          'With `userId`: a manager or administrator (anyone) or a lead (their team) drilling down.',
        querystring: ZCallerDashboardQuery,
        response: { 200: ZCallerDashboard, ...errors, 404: ZErrorBody },
      },
    },
    async (req) => callerDashboard(analytics, actorOf(req), req.query),
  );

  app.get(
    '/dashboards/lead',
    {
      config: { analytics: true, permission: 'dashboard:lead' },
      schema: {
        tags: ['kpi'],
        summary: "The lead's team dashboard: figures, who is at risk of a warning or retraining, the trend",
        querystring: ZDashboardMonthQuery,
        response: { 200: ZLeadDashboard, ...errors },
      },
    },
    async (req) => leadDashboard(analytics, actorOf(req), req.query.month),
  );

  app.get(
    '/incentive-policies',
    {
      config: { permission: 'incentive-policy:read' },
      schema: {
        tags: ['kpi'],
        summary: 'Every version of the incentive policy, newest first, and the one in force this month',
        response: { 200: ZIncentivePolicyList, ...errors },
      },
    },
    async (req) => listPolicies(prisma, actorOf(req)),
  );

  app.post(
    '/incentive-policies',
    {
      config: { permission: 'incentive-policy:write' },
      schema: {
        tags: ['kpi'],
        summary: 'Add a policy version, in force from a month',
        description:
          '409 when another version was added since `basedOnVersion`; 422 when the month (or a later one) has an approved incentive sheet.',
        body: ZIncentivePolicyCreate,
        response: { 201: ZIncentivePolicy, ...errors, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) => reply.code(201).send(await createPolicy(prisma, actorOf(req), req.body)),
  );
};

export default routes;
