import {
  ZCustomerEvent,
  ZCustomerEventCancel,
  ZCustomerEventCreate,
  ZCustomerEventListQuery,
  ZErrorBody,
  ZImportJob,
  ZImportQuery,
  ZImportTemplateQuery,
  ZPage,
} from '@huifang/contracts';
import { dayIn, EVENT_IMPORT_HEADERS, EVENT_IMPORT_TEMPLATE, EVENT_KIND_LABELS } from '@huifang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { type AnyActor, actorOf, systemActor } from '../../lib/actor.ts';
import { invalid } from '../../lib/errors.ts';
import { runCadenceFor } from '../cadence/run.ts';
import { suggestChurnCases } from '../churn/suggest.ts';
import { getImportJob } from '../customers/import.ts';
import {
  acceptRawUploads,
  type ImportTemplate,
  readUpload,
  refuseOversizedRaw,
  sendTemplate,
} from '../customers/import-file.ts';
import { eventFile, runEventImport } from './import.ts';
import { cancelCustomerEvent, createCustomerEvent, listCustomerEvents } from './service.ts';

const READ = ['customer:read:any', 'customer:read:assigned'] as const;
const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
/** Posts of events a minute, per integration key or user (docs/api.md#integrations). */
export const EVENT_POSTS_PER_MINUTE = 120;

/** The event import's template: the Chinese column names, an example row, and what each column takes. */
const EVENT_TEMPLATE: ImportTemplate = {
  sheetName: '客户事件',
  header: EVENT_IMPORT_TEMPLATE.header,
  example: EVENT_IMPORT_TEMPLATE.example,
  help: [
    [EVENT_IMPORT_HEADERS.phone, '必填', '客户的手机号（7–15 位数字），须是已有客户'],
    [
      EVENT_IMPORT_HEADERS.kind,
      '必填',
      Object.entries(EVENT_KIND_LABELS)
        .map(([code, [label]]) => `${label}（${code}）`)
        .join(' / '),
    ],
    [EVENT_IMPORT_HEADERS.day, '必填', 'YYYY-MM-DD，不能晚于今天（机构所在时区）'],
    [
      EVENT_IMPORT_HEADERS.externalId,
      '选填',
      '其他系统中的事件编号；留空时由手机、事件、日期生成，同一行重复导入不会重复记录',
    ],
    [EVENT_IMPORT_HEADERS.note, '选填', '最多 500 字'],
  ],
  footnote: '重复导入同一文件不会产生变化；外部编号相同而内容不同的行不会导入。',
};

/** Customer events (docs/product.md#customer-events): what happened to a customer, for the cadence rules. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  // An event file may also be posted as the body itself (scoped to this plugin's routes).
  acceptRawUploads(app);

  app.get(
    '/customer-events',
    {
      config: { permission: READ },
      schema: {
        tags: ['customer-events'],
        summary: 'Customer events, latest day first, filtered by customer, kind, source and days',
        description:
          "Callers see only the events of customers on a task assigned to them. Days are the organisation's calendar; cancelled events only with includeCancelled=true.",
        querystring: ZCustomerEventListQuery,
        response: { 200: ZPage(ZCustomerEvent), ...errors },
      },
    },
    async (req) => listCustomerEvents(prisma, actorOf(req), req.query),
  );

  app.post(
    '/customer-events',
    {
      config: {
        permission: 'customer:write',
        // another system posts with its integration key instead of a session (docs/api.md#integrations)
        integration: 'EVENTS',
        rateLimit: {
          max: EVENT_POSTS_PER_MINUTE,
          timeWindow: 60_000,
          keyGenerator: (req) => `events|${req.integration?.keyId ?? req.user?.id ?? req.ip}`,
        },
      },
      schema: {
        tags: ['customer-events'],
        summary:
          'Record what happened to a customer (a discharge, a surgery …) on a day; the visits standing rules owe it today become tasks at once',
        description:
          "With a session (customer:write) the source is MANUAL; with `Authorization: Bearer <integration key>` it is API and `externalId` is required (400 without). 201 with the event; 200 with the event already recorded when `externalId` was posted before with the same content, 409 CONFLICT (reason EXTERNAL_ID_REUSED) with other content. 404 for an unknown customer; 422 RULE_VIOLATION (reason FUTURE_DAY) for a day after today in the organisation's timezone; 429 past 120 posts a minute per key or user; 401 for an unknown or revoked key.",
        body: ZCustomerEventCreate,
        response: { 200: ZCustomerEvent, 201: ZCustomerEvent, ...writeErrors, 429: ZErrorBody },
      },
    },
    async (req, reply) => {
      const key = req.integration;
      if (key && !req.body.externalId)
        throw invalid('An integration posts each event with its own id', [
          { path: 'externalId', message: 'required with an integration key' },
        ]);
      const actor: AnyActor = key
        ? systemActor(key.organizationId, req.now, `api-key:${key.keyId}`)
        : actorOf(req);
      const timezone = key ? key.timezone : actorOf(req).user.timezone;
      const { event, created } = await createCustomerEvent(
        prisma,
        actor,
        key ? { ...req.body, source: 'API', apiKeyId: key.keyId } : { ...req.body, source: 'MANUAL' },
        timezone,
      );
      // the visits the event calls for today become tasks now rather than at the next hourly run;
      // the event is recorded whatever happens here (the hourly run makes them then)
      if (created)
        await runCadenceFor(prisma, { id: actor.organizationId, timezone }, actor.now, {
          customerId: event.customer.id,
        }).catch((err: unknown) => req.log.error({ err }, 'cadence run after an event failed'));
      // a refund becomes a suggested churn case now (R-CHURN-3); the event stands whatever happens here
      if (created)
        await suggestChurnCases(prisma, actor.organizationId, actor.now, {
          customerId: event.customer.id,
          kinds: ['REFUND_EVENT'],
        }).catch((err: unknown) => req.log.error({ err }, 'churn suggestions after an event failed'));
      return reply.status(created ? 201 : 200).send(event);
    },
  );

  app.post(
    '/customer-events/import',
    {
      config: { permission: 'customer:write' },
      schema: {
        tags: ['customer-events'],
        summary:
          'Import customer events from a .csv or .xlsx file (multipart field `file`), idempotent on external id',
        description:
          "As the customer import: multipart (field `file`) or the file itself as a text/csv or xlsx body with `fileName` in the query; `jobId` to poll GET /customer-events/imports/{jobId}. Header in Chinese or English: 手机/phone (an existing customer's), 事件/kind (code or Chinese label), 日期/day (not after today), 外部编号/externalId and 备注/note optional — without an external id one is derived from phone, kind and day. Events are recorded with source IMPORT; one imported before with the same content counts as unchanged, the same external id with other content is a row error (EXTERNAL_ID_REUSED). Valid rows are written in one transaction, then the standing rules run once for the organisation. 422 for an empty file, missing columns, more than 50 000 rows or 20 MB; 415 for other file types.",
        consumes: ['multipart/form-data'],
        querystring: ZImportQuery,
        response: { 200: ZImportJob, ...writeErrors, 415: ZErrorBody },
      },
      onRequest: refuseOversizedRaw,
    },
    async (req) => {
      const actor = actorOf(req);
      const timezone = actor.user.timezone;
      const file = await readUpload(req, eventFile(dayIn(actor.now, timezone)), req.query.fileName);
      const { job, created } = await runEventImport(prisma, actor, file, req.query.jobId);
      // the visits the new events call for today become tasks now, in one run for the organisation;
      // the events are recorded whatever happens here (the hourly run makes them then)
      if (created > 0)
        await runCadenceFor(prisma, { id: actor.organizationId, timezone }, actor.now).catch((err: unknown) =>
          req.log.error({ err }, 'cadence run after an event import failed'),
        );
      return job;
    },
  );

  app.get(
    '/customer-events/imports/:jobId',
    {
      config: { permission: 'customer:write' },
      schema: {
        tags: ['customer-events'],
        summary: 'Progress and result of an event import',
        params: z.object({ jobId: z.uuid() }),
        response: { 200: ZImportJob, ...errors },
      },
    },
    async (req) => getImportJob(prisma, actorOf(req).user, req.params.jobId, 'CUSTOMER_EVENTS'),
  );

  app.get(
    '/customer-events/import/template',
    {
      config: { permission: 'customer:write' },
      schema: {
        tags: ['customer-events'],
        summary: 'An event import template with the Chinese column names and one example row',
        querystring: ZImportTemplateQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.any().describe('the CSV or XLSX file') },
      },
    },
    async (req, reply) =>
      sendTemplate(reply, req.query.format, EVENT_TEMPLATE, {
        name: '客户事件导入模板',
        asciiName: 'customer-events-template',
      }),
  );

  app.post(
    '/customer-events/:id/cancel',
    {
      config: { permission: 'customer:write' },
      schema: {
        tags: ['customer-events'],
        summary:
          'Cancel an event recorded in error, with a reason; its follow-ups not yet made are withdrawn',
        description: '409 STALE_VERSION when `version` is stale, 409 CONFLICT when it is already cancelled.',
        params: z.object({ id: z.uuid() }),
        body: ZCustomerEventCancel,
        response: { 200: ZCustomerEvent, ...writeErrors },
      },
    },
    async (req) => cancelCustomerEvent(prisma, actorOf(req), req.params.id, req.body),
  );
};
export default routes;
