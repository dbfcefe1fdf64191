import {
  ZErrorBody,
  ZPage,
  ZReportCreate,
  ZReportDetail,
  ZReportListQuery,
  ZReportReturn,
  ZReportRollupCreate,
  ZReportSummary,
  ZReportUpdate,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { requireUser } from '../../plugins/auth.ts';
import {
  approveReport,
  createReport,
  createRollup,
  listReports,
  refreshReport,
  reportDetail,
  returnReport,
  submitReport,
  updateReport,
} from './service.ts';

const ZIdParams = z.object({ id: z.uuid() });
const tags = ['reports'];
const writeErrors = { 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };

/**
 * Monthly visit reports (月度回访报告): generated figures plus four narrative sections; a lead
 * drafts and submits, the steps of the organisation's report chain approve in turn (the last one
 * freezing the figures) or return it with a comment; the last step's role writes the department
 * roll-up, which its own chain approves (docs/rules.md#r-chain-2-reports, #r-chain-3-rollup).
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/reports',
    {
      config: { permission: 'report:read' },
      schema: {
        tags,
        summary: 'Reports, newest month first (a lead sees their own team’s)',
        querystring: ZReportListQuery,
        response: { 200: ZPage(ZReportSummary), 403: ZErrorBody },
      },
    },
    async (req) => listReports(prisma, requireUser(req), req.query),
  );

  app.post(
    '/reports',
    {
      config: { permission: 'report:write' },
      schema: {
        tags,
        summary: 'Draft the report of a month for a team (a lead: their own), with its figures',
        description: 'One report per month and team: 409 when it exists (`details.reportId`).',
        body: ZReportCreate,
        response: { 201: ZReportDetail, 403: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createReport(prisma, actorOf(req), requireUser(req), req.body)),
  );

  app.post(
    '/reports/rollup',
    {
      config: { permission: 'report:approve' },
      schema: {
        tags,
        summary:
          'Draft the department roll-up of a month (the last step of the report chain: a deputy director), built from the approved team reports',
        description:
          '422 `details.reason` NO_TEAM_REPORTS or NOT_ALL_APPROVED (`details.waiting`); 409 when it exists (`details.reportId`).',
        body: ZReportRollupCreate,
        response: { 201: ZReportDetail, 403: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createRollup(prisma, actorOf(req), requireUser(req), req.body.month)),
  );

  app.get(
    '/reports/:id',
    {
      config: { permission: 'report:read' },
      schema: {
        tags,
        summary: 'A report with its figures, narrative and timeline',
        params: ZIdParams,
        response: { 200: ZReportDetail, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (req) => reportDetail(prisma, requireUser(req), req.params.id),
  );

  app.patch(
    '/reports/:id',
    {
      config: { permission: ['report:write', 'report:approve'] },
      schema: {
        tags,
        summary: 'Edit the narrative of a draft or returned report',
        params: ZIdParams,
        body: ZReportUpdate,
        response: { 200: ZReportDetail, ...writeErrors },
      },
    },
    async (req) => updateReport(prisma, actorOf(req), requireUser(req), req.params.id, req.body),
  );

  app.post(
    '/reports/:id/refresh',
    {
      config: { permission: ['report:write', 'report:approve'] },
      schema: {
        tags,
        summary: 'Recompute the figures of a draft or returned report',
        params: ZIdParams,
        response: { 200: ZReportDetail, ...writeErrors },
      },
    },
    async (req) => refreshReport(prisma, actorOf(req), requireUser(req), req.params.id),
  );

  app.post(
    '/reports/:id/submit',
    {
      config: { permission: ['report:write', 'report:approve'] },
      schema: {
        tags,
        summary: 'Submit for approval (all four narrative sections filled, else 422 with `details.missing`)',
        params: ZIdParams,
        response: { 200: ZReportDetail, ...writeErrors },
      },
    },
    async (req) => submitReport(prisma, actorOf(req), requireUser(req), req.params.id),
  );

  app.post(
    '/reports/:id/approve',
    {
      config: { permission: 'report:approve' },
      schema: {
        tags,
        summary: 'Approve a submitted report: figures recomputed one last time and frozen',
        params: ZIdParams,
        response: { 200: ZReportDetail, ...writeErrors },
      },
    },
    async (req) => approveReport(prisma, actorOf(req), requireUser(req), req.params.id),
  );

  app.post(
    '/reports/:id/return',
    {
      config: { permission: 'report:approve' },
      schema: {
        tags,
        summary: 'Return a submitted report to its author with a comment',
        params: ZIdParams,
        body: ZReportReturn,
        response: { 200: ZReportDetail, ...writeErrors },
      },
    },
    async (req) => returnReport(prisma, actorOf(req), requireUser(req), req.params.id, req.body),
  );
};
export default routes;
