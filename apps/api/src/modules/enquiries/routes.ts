import {
  ZEnquiry,
  ZEnquiryClose,
  ZEnquiryConvert,
  ZEnquiryCreate,
  ZEnquiryDetail,
  ZEnquiryFollowUpCreate,
  ZEnquiryFunnel,
  ZEnquiryFunnelQuery,
  ZEnquiryListQuery,
  ZEnquiryPatch,
  ZEnquiryReasons,
  ZErrorBody,
  ZId,
  ZPage,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import {
  addFollowUp,
  closeEnquiry,
  convertEnquiry,
  createEnquiry,
  enquiryFunnel,
  enquiryReasons,
  getEnquiry,
  listEnquiries,
  updateEnquiry,
} from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const changeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
const params = z.object({ id: ZId });
const SCOPE =
  'ADMIN, MANAGER and LEAD see every enquiry of the organisation; a CALLER or HANDLER those they handle or recorded (404 for others).';
const PHONE =
  'The phone is masked (as a customer phone) except in the detail for the enquiry’s handler and users with `customer:contact:reveal` (an unmasked read is audited).';

/** Enquiries (咨询) and the funnel (docs/product.md#enquiries-and-the-funnel, docs/rules.md#r-enq-1-enquiries). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/enquiries',
    {
      config: { permission: 'enquiry:read' },
      schema: {
        tags: ['enquiries'],
        summary: 'Enquiries, newest day first, filtered and paginated (phones masked)',
        description: `${SCOPE} \`q\` searches the name; \`month\` or \`from\`/\`to\` the enquiry's day.`,
        querystring: ZEnquiryListQuery,
        response: { 200: ZPage(ZEnquiry), ...errors },
      },
    },
    async (req) => listEnquiries(prisma, actorOf(req), req.query),
  );

  app.post(
    '/enquiries',
    {
      config: { permission: 'enquiry:write' },
      schema: {
        tags: ['enquiries'],
        summary: 'Record an enquiry (numbered per organisation, phone stored as digits)',
        description:
          'The day defaults to today and may not be after it; the handler defaults to the creator.',
        body: ZEnquiryCreate,
        response: { 201: ZEnquiryDetail, ...changeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createEnquiry(prisma, actorOf(req), req.body)),
  );

  app.get(
    '/enquiries/funnel',
    {
      config: { permission: 'enquiry:read' },
      schema: {
        tags: ['enquiries'],
        summary: 'The funnel per month of the enquiry day and per channel, with rates in basis points',
        description:
          'enquired → enrolled → attended (COURSE_STARTED after enrolling) → completed (COURSE_COMPLETED) → renewed or referred (RENEWED / REFERRAL), docs/rules.md#r-enq-2-the-funnel. At most 36 months. ' +
          SCOPE,
        querystring: ZEnquiryFunnelQuery,
        response: { 200: ZEnquiryFunnel, ...errors },
      },
    },
    async (req) => enquiryFunnel(prisma, actorOf(req), req.query),
  );

  app.get(
    '/enquiries/reasons',
    {
      config: { permission: 'enquiry:read' },
      schema: {
        tags: ['enquiries'],
        summary: "The organisation's active churn reasons an enquiry may be closed with",
        response: { 200: ZEnquiryReasons, ...errors },
      },
    },
    async (req) => enquiryReasons(prisma, actorOf(req).user),
  );

  app.get(
    '/enquiries/:id',
    {
      config: { permission: 'enquiry:read' },
      schema: {
        tags: ['enquiries'],
        summary: 'An enquiry with its follow-ups, newest first',
        description: `${SCOPE} ${PHONE}`,
        params,
        response: { 200: ZEnquiryDetail, ...errors },
      },
    },
    async (req) => getEnquiry(prisma, actorOf(req), req.params.id),
  );

  app.patch(
    '/enquiries/:id',
    {
      config: { permission: 'enquiry:write' },
      schema: {
        tags: ['enquiries'],
        summary: 'Edit an open enquiry; `version` guards against concurrent edits (409)',
        params,
        body: ZEnquiryPatch,
        response: { 200: ZEnquiryDetail, ...changeErrors },
      },
    },
    async (req) => updateEnquiry(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/enquiries/:id/follow-ups',
    {
      config: { permission: 'enquiry:write' },
      schema: {
        tags: ['enquiries'],
        summary: 'Add a follow-up to an open enquiry, with the day of the next one',
        params,
        body: ZEnquiryFollowUpCreate,
        response: { 201: ZEnquiryDetail, ...changeErrors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addFollowUp(prisma, actorOf(req), req.params.id, req.body)),
  );

  app.post(
    '/enquiries/:id/convert',
    {
      config: { permission: 'enquiry:write' },
      schema: {
        tags: ['enquiries'],
        summary:
          'Convert an open enquiry: the customer is created or linked, ENQUIRY and ENROLLED events recorded',
        description:
          'Links the customer of the same phone, or creates one (segment NEW_ENROLLEE, programme the course). Records the ENQUIRY event on the enquiry day and the ENROLLED event on the conversion day (source ENQUIRY, external ids `enquiry:<id>` and `enquiry:<id>:enrolled`), all in one transaction. 409 unless OPEN or on a stale version.',
        params,
        body: ZEnquiryConvert,
        response: { 200: ZEnquiryDetail, ...changeErrors },
      },
    },
    async (req) => convertEnquiry(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/enquiries/:id/close',
    {
      config: { permission: 'enquiry:write' },
      schema: {
        tags: ['enquiries'],
        summary: 'Close an open enquiry as NOT_ENROLLED with a reason; records its churn case',
        description:
          'A reason (`lostReasonId`, an active churn reason of the organisation) and/or a note. Records a CONFIRMED churn case of stage NOT_ENROLLED for the department that answers for the reason’s category. 409 unless OPEN or on a stale version.',
        params,
        body: ZEnquiryClose,
        response: { 200: ZEnquiryDetail, ...changeErrors },
      },
    },
    async (req) => closeEnquiry(prisma, actorOf(req), req.params.id, req.body),
  );
};
export default routes;
