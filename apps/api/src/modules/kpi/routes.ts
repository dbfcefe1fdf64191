import {
  ZErrorBody,
  ZIncentivePolicy,
  ZIncentivePolicyCreate,
  ZIncentivePolicyList,
  ZKpiQuery,
  ZKpiResponse,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createPolicy, listPolicies } from './policy.ts';
import { getKpi } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody };

/** KPI figures (issue 4 §1) and the incentive policy's versions (§2). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/kpi',
    {
      config: { permission: ['kpi:read:any', 'kpi:read:team', 'kpi:read:own'] },
      schema: {
        tags: ['kpi'],
        summary: "A month's KPI per caller, team or department, with the 100-point score and grade",
        description:
          'Computed live from the tasks due in the month, its visit records and their inspections (after appeals), ' +
          'in the organisation timezone. Managers, administrators and supervisors see everybody; a lead their team; ' +
          'a caller themself. Rates are basis points, means and scores hundredths, money fen.',
        querystring: ZKpiQuery,
        response: { 200: ZKpiResponse, ...errors },
      },
    },
    async (req) => getKpi(prisma, req, req.query),
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
    async (req) => listPolicies(prisma, req),
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
    async (req, reply) => reply.code(201).send(await createPolicy(prisma, req, req.body)),
  );
};

export default routes;
