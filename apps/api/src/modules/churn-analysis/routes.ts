import {
  ZChurnDashboard,
  ZChurnDashboardQuery,
  ZChurnDeepDivePick,
  ZChurnMeeting,
  ZChurnMeetingWrite,
  ZChurnWeekly,
  ZChurnWeeklyQuery,
  ZChurnWeekParams,
  ZErrorBody,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { auditedExport, requireSignedForExport } from '../confidentiality/service.ts';
import { churnDashboard } from './dashboard.ts';
import { weeklyXlsx } from './export.ts';
import { churnWeekly, pickDeepDive, writeMeeting } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const tags = ['churn-analysis'];

/** The churn analysis group's week (docs/product.md#weekly-churn-analysis). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/churn/weekly',
    {
      config: { permission: 'churn:analyse' },
      schema: {
        tags,
        summary:
          "The analysis group's week (每周流失分析): the week's confirmed cases by stage, category and reason (Pareto), the 12 weeks up to it, the cases picked for a deep dive with their visits, tickets and inspections, and the minutes",
        description:
          "`week` is an ISO week (`YYYY-Www`) in the organisation's timezone, the current one when left out; 400 VALIDATION for anything else.",
        querystring: ZChurnWeeklyQuery,
        response: { 200: ZChurnWeekly, ...errors },
      },
    },
    async (req) => churnWeekly(prisma, actorOf(req), req.query.week),
  );

  app.get(
    '/dashboards/churn',
    {
      config: { permission: ['churn:read:any', 'churn:read:department'] },
      schema: {
        tags: ['dashboards'],
        summary:
          'Churn on the dashboards: the churn rate by month and stage (12 months), the reasons, and the improvement measures on track, overdue and evaluated',
        description:
          "The whole organisation for `churn:read:any`; a department's member (`churn:read:department`) sees their department's cases and measures only.",
        querystring: ZChurnDashboardQuery,
        response: { 200: ZChurnDashboard, ...errors },
      },
    },
    async (req) => churnDashboard(prisma, actorOf(req), req.query.month),
  );

  app.get(
    '/churn/weekly/export',
    {
      config: { permission: 'churn:analyse' },
      schema: {
        tags,
        summary: 'The week as an XLSX workbook: summary, reasons (Pareto), trend, cases, minutes',
        querystring: z.object({
          week: ZChurnWeekParams.shape.week,
          lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
        }),
        produces: [XLSX],
        response: { 200: z.any().describe('the XLSX file'), ...errors },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      // the cases name customers: the agreement first, then an audit row of what left (R-CONF-2)
      await requireSignedForExport(prisma, actor.user);
      const w = await churnWeekly(prisma, actor, req.query.week);
      await auditedExport(prisma, actor, {
        kind: 'CHURN_WEEKLY',
        filter: { week: w.week },
        rows: w.cases.length,
        format: 'xlsx',
      });
      return reply
        .header('content-type', XLSX)
        .header('content-disposition', `attachment; filename="churn-${w.week}.xlsx"`)
        .send(await weeklyXlsx(w, req.query.lang));
    },
  );

  app.put(
    '/churn/meetings/:week',
    {
      config: { permission: 'churn:analyse' },
      schema: {
        tags,
        summary: "Write the week's meeting minutes and decisions (version 0 the first time)",
        description: '409 STALE_VERSION when someone wrote them meanwhile; nothing is written then.',
        params: ZChurnWeekParams,
        body: ZChurnMeetingWrite,
        response: { 200: ZChurnMeeting, ...errors, 409: ZErrorBody },
      },
    },
    async (req) => writeMeeting(prisma, actorOf(req), req.params.week, req.body),
  );

  app.post(
    '/churn/weekly/deep-dive',
    {
      config: { permission: 'churn:analyse' },
      schema: {
        tags,
        summary: "Pick a confirmed case for a week's deep dive (典型案例), or take it off",
        body: ZChurnDeepDivePick,
        response: {
          200: z.object({ id: z.uuid(), deepDiveWeek: z.string().nullable(), version: z.int() }),
          ...errors,
          409: ZErrorBody,
        },
      },
    },
    async (req) => pickDeepDive(prisma, actorOf(req), req.body),
  );
};

export default routes;
