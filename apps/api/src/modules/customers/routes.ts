import {
  ZCustomer,
  ZCustomerContact,
  ZCustomerCreate,
  ZCustomerDetail,
  ZCustomerExportQuery,
  ZCustomerListItem,
  ZCustomerListQuery,
  ZCustomerPatch,
  ZErrorBody,
  ZImportJob,
  ZImportQuery,
  ZImportTemplateQuery,
  ZPage,
  ZRevealQuery,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { requireUser } from '../../plugins/auth.ts';
import { exportCustomers } from './export.ts';
import { getImportJob, runImport } from './import.ts';
import {
  acceptRawUploads,
  CUSTOMER_FILE,
  CUSTOMER_TEMPLATE,
  readUpload,
  refuseOversizedRaw,
  sendTemplate,
} from './import-file.ts';
import { createCustomer, getCustomer, listCustomers, revealContact, updateCustomer } from './service.ts';

const READ = ['customer:read:any', 'customer:read:assigned'] as const;
const ZIdParams = z.object({ id: z.uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const exportErrors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 422: ZErrorBody };

/** Customers: list, detail with visit history, create and edit, contact reveal, CSV/XLSX import. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  // A file may also be posted as the body itself (scoped to this plugin's routes).
  acceptRawUploads(app);

  app.get(
    '/customers',
    {
      config: { permission: READ },
      schema: {
        tags: ['customers'],
        summary:
          'Customers, searched by name or phone tail, filtered, sorted and paginated (contacts masked)',
        description:
          'Callers see only customers on a task assigned to them. `q`: a whole phone number (any notation) finds it exactly and is audited; fewer digits match only the trailing digits the mask shows (docs/rules.md#r-mask-4-searching-by-phone); anything else searches the name. `lastVisitBefore` includes customers never visited.',
        querystring: ZCustomerListQuery,
        response: { 200: ZPage(ZCustomerListItem) },
      },
    },
    async (req) => listCustomers(prisma, actorOf(req), req.query),
  );

  app.post(
    '/customers',
    {
      config: { permission: 'customer:write' },
      schema: {
        tags: ['customers'],
        summary: 'Create a customer (phone normalised to digits, unique per organisation)',
        body: ZCustomerCreate,
        response: { 201: ZCustomer },
      },
    },
    async (req, reply) => {
      const customer = await createCustomer(prisma, actorOf(req), requireUser(req), req.body);
      return reply.status(201).send(customer);
    },
  );

  app.post(
    '/customers/import',
    {
      config: { permission: 'customer:import' },
      schema: {
        tags: ['customers'],
        summary: 'Import customers from a .csv or .xlsx file (multipart field `file`), idempotent on phone',
        description:
          'Multipart (the file part, field `file`), or the file itself as a text/csv or xlsx body with `fileName` in the query. Header row in Chinese or English (姓名/name, 手机/phone, 客户类型/segment, 价值等级/tier required). Valid rows are written in one transaction; invalid rows come back with their row number and reason. Pass `jobId` to poll GET /customers/imports/{jobId} while it runs. 422 for an empty file, missing columns, more than 50 000 rows or more than 20 MB; 415 for other file types.',
        consumes: ['multipart/form-data'],
        querystring: ZImportQuery,
        response: { 200: ZImportJob },
      },
      // A raw body over the limit gets the same 422 as an oversized multipart file
      onRequest: refuseOversizedRaw,
    },
    async (req) => {
      const user = requireUser(req);
      const file = await readUpload(req, CUSTOMER_FILE, req.query.fileName);
      return runImport(prisma, actorOf(req), user, file, req.query.jobId);
    },
  );

  app.get(
    '/customers/export',
    {
      config: { permission: 'customer:export' },
      schema: {
        tags: ['customers'],
        summary:
          'Every customer the filters find, with full contacts, as CSV or XLSX in the import’s columns',
        description:
          'The list’s filters and order (docs/rules.md#r-cus-3-customer-export); a file the import reads back. ' +
          '403 AGREEMENT_REQUIRED until the current confidentiality agreement is signed; 422 TOO_MANY_ROWS over the import’s ' +
          'row limit; every export is audited with its filter and row count (R-CONF-2).',
        querystring: ZCustomerExportQuery,
        produces: ['text/csv', XLSX],
        response: { 200: z.any().describe('the CSV or XLSX file'), ...exportErrors },
      },
    },
    async (req, reply) => {
      const file = await exportCustomers(prisma, actorOf(req), req.query);
      const name = req.query.lang === 'zh-CN' ? '客户' : 'customers';
      return reply
        .header('content-type', file.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX)
        .header(
          'content-disposition',
          `attachment; filename="customers.${file.format}"; filename*=UTF-8''${encodeURIComponent(`${name}.${file.format}`)}`,
        )
        .header('x-rows', String(file.rows))
        .send(file.body);
    },
  );

  app.get(
    '/customers/imports/:jobId',
    {
      config: { permission: 'customer:import' },
      schema: {
        tags: ['customers'],
        summary: 'Progress and result of an import',
        params: z.object({ jobId: z.uuid() }),
        response: { 200: ZImportJob },
      },
    },
    async (req) => getImportJob(prisma, requireUser(req), req.params.jobId, 'CUSTOMERS'),
  );

  app.get(
    '/customers/import/template',
    {
      config: { permission: 'customer:import' },
      schema: {
        tags: ['customers'],
        summary: 'An import template with the Chinese column names and one example row',
        querystring: ZImportTemplateQuery,
        produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        response: { 200: z.any().describe('the CSV or XLSX file') },
      },
    },
    async (req, reply) =>
      sendTemplate(reply, req.query.format, CUSTOMER_TEMPLATE, {
        name: '客户导入模板',
        asciiName: 'customers-template',
      }),
  );

  app.get(
    '/customers/:id',
    {
      config: { permission: READ },
      schema: {
        tags: ['customers'],
        summary: 'A customer with consent, visit history (newest first) and tasks',
        description:
          'Contact data is masked unless the user has an open task on the customer; an unmasked read is written to the audit log. A caller without any task on the customer gets 403.',
        params: ZIdParams,
        response: { 200: ZCustomerDetail },
      },
    },
    async (req) => getCustomer(prisma, actorOf(req), requireUser(req), req.params.id),
  );

  app.patch(
    '/customers/:id',
    {
      config: { permission: 'customer:write' },
      schema: {
        tags: ['customers'],
        summary: 'Edit a customer and their consent; `version` guards against concurrent edits (409)',
        params: ZIdParams,
        body: ZCustomerPatch,
        response: { 200: ZCustomerDetail },
      },
    },
    async (req) => updateCustomer(prisma, actorOf(req), requireUser(req), req.params.id, req.body),
  );

  app.get(
    '/customers/:id/contact',
    {
      config: { permission: ['customer:contact:reveal', 'customer:read:assigned'] },
      schema: {
        tags: ['customers'],
        summary: "The customer's full phone and e-mail (written to the audit log)",
        description:
          'A caller with an open task on the customer, or a user with customer:contact:reveal as the reveal policy asks (`reason`, or an approved reveal request). 403 AGREEMENT_REQUIRED until the current confidentiality agreement is signed; 403 REVEAL_REASON_REQUIRED / REVEAL_APPROVAL_REQUIRED under the policy (docs/rules.md#r-conf-3-reveal-policy).',
        params: ZIdParams,
        querystring: ZRevealQuery,
        response: { 200: ZCustomerContact },
      },
    },
    async (req) => revealContact(prisma, actorOf(req), requireUser(req), req.params.id, req.query.reason),
  );
};
export default routes;
