import {
  ZErrorBody,
  ZIncentiveAppealCreate,
  ZIncentiveAppealDecide,
  ZIncentiveBulkDecision,
  ZIncentiveDecision,
  ZIncentiveItem,
  ZIncentiveList,
  ZIncentiveListQuery,
  ZIncentiveReject,
  ZManualItemCreate,
  ZMonthClose,
  ZMonthCloseApprove,
  ZMonthCloseRun,
  ZMonthParam,
  ZSpecialAwardCreate,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { ruleViolation } from '../../lib/errors.ts';
import { requireUser } from '../../plugins/auth.ts';
import { auditedExport, requireSignedForExport } from '../confidentiality/service.ts';
import { runMonthClose } from './close.ts';
import { sheetCsv, sheetXlsx } from './export.ts';
import { createManualItem } from './manual.ts';
import {
  approveSheet,
  bulkDecide,
  createSpecialAward,
  decideIncentiveAppeal,
  decideItem,
  fileIncentiveAppeal,
  getSheet,
  listIncentives,
} from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
const ZId = z.object({ id: z.uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Month close and the incentive sheet (docs/rules.md#r-inc-13-month-close-and-the-sheet). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.post(
    '/month-closes',
    {
      config: { permission: 'month:close' },
      schema: {
        tags: ['incentives'],
        summary:
          'Close a month: snapshot its KPI and propose the incentive items (again, while the sheet is open)',
        description:
          'A rerun recalculates: items keep their identity (one per rule and person), changed figures reopen the decision, ' +
          'items no longer proposed are withdrawn. 422 before the month has ended; 409 once the sheet is approved.',
        body: ZMonthCloseRun,
        response: { 200: ZMonthClose, ...writeErrors },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await runMonthClose(prisma, actor, actor.user.timezone, req.body.month);
      return getSheet(prisma, actorOf(req), req.body.month);
    },
  );

  app.get(
    '/month-closes/:month',
    {
      config: { permission: ['month:close', 'incentive:read:any'] },
      schema: {
        tags: ['incentives'],
        summary: "A month's incentive sheet: its state, totals and every item with its figures and appeals",
        params: ZMonthParam,
        response: { 200: ZMonthClose, ...errors },
      },
    },
    async (req) => getSheet(prisma, actorOf(req), req.params.month),
  );

  app.post(
    '/month-closes/:month/approve',
    {
      config: { permission: 'incentive:decide' },
      schema: {
        tags: ['incentives'],
        summary: 'Approve the sheet once every item is decided and no appeal waits; it is then locked',
        params: ZMonthParam,
        body: ZMonthCloseApprove,
        response: { 200: ZMonthClose, ...writeErrors },
      },
    },
    async (req) => approveSheet(prisma, actorOf(req), req.params.month, req.body.version),
  );

  app.get(
    '/incentives',
    {
      config: { permission: ['incentive:read:any', 'incentive:read:own'] },
      schema: {
        tags: ['incentives'],
        summary: "A month's incentive items: all of them for managers, one's own for everybody else",
        querystring: ZIncentiveListQuery,
        response: { 200: ZIncentiveList, ...errors },
      },
    },
    async (req) => listIncentives(prisma, actorOf(req), req.query.month),
  );

  app.post(
    '/incentives',
    {
      config: { permission: 'incentive:propose' },
      schema: {
        tags: ['incentives'],
        summary: 'Propose a special award (专项奖励) by hand, with a reason',
        body: ZSpecialAwardCreate,
        response: { 201: ZIncentiveItem, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await createSpecialAward(prisma, actorOf(req), req.body)),
  );

  app.post(
    '/incentives/manual',
    {
      config: { permission: 'incentive:propose' },
      schema: {
        tags: ['incentives'],
        summary:
          'Add an item by hand — warning, deduction, demotion proposal, certificate of honour, promotion recommendation — with a reason and evidence',
        description:
          'It goes the way of every item: proposed, decided by a manager, appealable by its subject. Only a deduction carries money ' +
          '(amountFen, required), capped with the person’s other deductions; a lead adds items for their own team only (403 otherwise).',
        body: ZManualItemCreate,
        response: { 201: ZIncentiveItem, ...writeErrors },
      },
    },
    async (req, reply) => reply.code(201).send(await createManualItem(prisma, actorOf(req), req.body)),
  );

  app.post(
    '/incentives/decide',
    {
      config: { permission: 'incentive:decide' },
      schema: {
        tags: ['incentives'],
        summary: 'Approve or reject several items at once (all or none)',
        body: ZIncentiveBulkDecision,
        response: { 200: z.object({ decided: z.number().int() }), ...writeErrors },
      },
    },
    async (req) => bulkDecide(prisma, actorOf(req), req.body),
  );

  app.post(
    '/incentives/:id/approve',
    {
      config: { permission: 'incentive:decide' },
      schema: {
        tags: ['incentives'],
        summary: 'Approve one item',
        params: ZId,
        body: ZIncentiveDecision,
        response: { 200: ZIncentiveItem, ...writeErrors },
      },
    },
    async (req) => decideItem(prisma, actorOf(req), req.params.id, 'APPROVE', req.body),
  );

  app.post(
    '/incentives/:id/reject',
    {
      config: { permission: 'incentive:decide' },
      schema: {
        tags: ['incentives'],
        summary: 'Reject one item, with a comment',
        params: ZId,
        body: ZIncentiveReject,
        response: { 200: ZIncentiveItem, ...writeErrors },
      },
    },
    async (req) => decideItem(prisma, actorOf(req), req.params.id, 'REJECT', req.body),
  );

  app.post(
    '/incentives/:id/appeal',
    {
      config: { permission: 'incentive:appeal' },
      schema: {
        tags: ['incentives'],
        summary: 'Appeal one of your own items within the policy window',
        params: ZId,
        body: ZIncentiveAppealCreate,
        response: { 201: ZIncentiveItem, ...writeErrors },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await fileIncentiveAppeal(prisma, actorOf(req), req.params.id, req.body.reason)),
  );

  app.post(
    '/incentive-appeals/:id/decide',
    {
      config: { permission: 'incentive:decide' },
      schema: {
        tags: ['incentives'],
        summary: 'Decide an appeal: OVERTURN withdraws the item and what depends on it; UPHOLD keeps it',
        params: ZId,
        body: ZIncentiveAppealDecide,
        response: { 200: ZIncentiveItem, ...writeErrors },
      },
    },
    async (req) =>
      decideIncentiveAppeal(prisma, actorOf(req), req.params.id, req.body.decision, req.body.reason),
  );

  app.get(
    '/incentives/export',
    {
      config: { permission: 'incentive:export' },
      schema: {
        tags: ['incentives'],
        summary: 'The approved sheet for payroll, as CSV or XLSX (422 while the sheet is not approved)',
        description:
          '403 AGREEMENT_REQUIRED until the current confidentiality agreement is signed; every export is audited with its month and row count (R-CONF-2).',
        querystring: z.object({
          month: ZMonthParam.shape.month,
          format: z.enum(['csv', 'xlsx']),
          lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
        }),
        produces: ['text/csv', XLSX],
        response: { 200: z.any().describe('the CSV or XLSX file'), ...errors, 422: ZErrorBody },
      },
    },
    async (req, reply) => {
      const { month, format, lang } = req.query;
      const actor = actorOf(req);
      // personal data leaves the app: the agreement first, then an audit row of what left (R-CONF-2)
      await requireSignedForExport(prisma, actor.user);
      const sheet = await getSheet(prisma, actor, month);
      if (sheet.status !== 'APPROVED')
        throw ruleViolation(`The incentive sheet of ${month} is not approved yet`);
      const csv = format === 'csv';
      const tz = requireUser(req).timezone;
      const body = csv ? sheetCsv(sheet.items, lang, tz) : await sheetXlsx(month, sheet.items, lang, tz);
      await auditedExport(prisma, actor, {
        kind: 'INCENTIVE_SHEET',
        filter: { month },
        rows: sheet.items.length,
        format,
      });
      return reply
        .header('content-type', csv ? 'text/csv; charset=utf-8' : XLSX)
        .header('content-disposition', `attachment; filename="incentives-${month}.${format}"`)
        .send(body);
    },
  );
};

export default routes;
