import {
  ZAppealCreate,
  ZAppealDecide,
  ZAppealListItem,
  ZAppealListQuery,
  ZErrorBody,
  ZId,
  ZInspectionCreate,
  ZInspectionDetail,
  ZInspectionDraft,
  ZInspectionListItem,
  ZInspectionListQuery,
  ZPage,
  ZSamplingPreview,
  ZSamplingRun,
  ZSamplingRunInput,
  ZSamplingRunListQuery,
  ZVersionBody,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { decideAppeal, fileAppeal, listAppeals } from './appeals.ts';
import {
  createInspection,
  getInspection,
  listInspections,
  saveDraft,
  startInspection,
  submitInspection,
} from './inspections.ts';
import rubricRoutes from './rubrics.ts';
import { createRun, listRuns, previewRun } from './sampling.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
const params = z.object({ id: ZId });
const tags = ['supervision'];

/** Supervision (docs/rules.md#r-samp-1-sampling-quota): rubrics, sampling runs, inspections and appeals. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;
  await app.register(rubricRoutes);

  app.post(
    '/sampling-runs/preview',
    {
      config: { permission: 'sampling:run' },
      schema: {
        tags,
        summary: 'What a sampling run would pick: counts per caller and per inspector; writes nothing',
        body: ZSamplingRunInput,
        response: { 200: ZSamplingPreview, ...writeErrors },
      },
    },
    async (req) => previewRun(prisma, actorOf(req), req.body),
  );

  app.post(
    '/sampling-runs',
    {
      config: { permission: 'sampling:run' },
      schema: {
        tags,
        summary: 'Create a sampling run (抽检) and its inspections in one transaction',
        description:
          "The month's visit records (organisation time) with outcome COMPLETED, or strata.outcomes, are " +
          'sampled reproducibly by `seed`; a record is never sampled twice (409 ALREADY_SAMPLED when a ' +
          'concurrent run took one); nobody inspects their own records; work is spread evenly.',
        body: ZSamplingRunInput,
        response: { 201: ZSamplingRun, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createRun(prisma, actorOf(req), req.body)),
  );

  app.get(
    '/sampling-runs',
    {
      config: { permission: ['sampling:run', 'inspection:read:any'] },
      schema: {
        tags,
        summary: 'Sampling runs, newest first, with their inspection counts',
        querystring: ZSamplingRunListQuery,
        response: { 200: ZPage(ZSamplingRun), ...errors },
      },
    },
    async (req) => listRuns(prisma, actorOf(req), req.query),
  );

  app.get(
    '/inspections',
    {
      config: { permission: ['inspection:read:any', 'inspection:read:own'] },
      schema: {
        tags,
        summary: 'Inspections (a caller sees only their own submitted ones)',
        querystring: ZInspectionListQuery,
        response: { 200: ZPage(ZInspectionListItem), ...errors },
      },
    },
    async (req) => listInspections(prisma, actorOf(req), req.query),
  );

  app.post(
    '/inspections',
    {
      config: { permission: 'inspection:perform' },
      schema: {
        tags,
        summary:
          'Inspect a record by hand (409 if it was already inspected, 422 if the inspector is its caller)',
        body: ZInspectionCreate,
        response: { 201: ZInspectionDetail, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createInspection(prisma, actorOf(req), req.body)),
  );

  app.get(
    '/inspections/:id',
    {
      config: { permission: ['inspection:read:any', 'inspection:read:own'] },
      schema: {
        tags,
        summary: 'One inspection: the record, the customer history, the rubric as scored, scores and appeals',
        params,
        response: { 200: ZInspectionDetail, ...errors },
      },
    },
    async (req) => getInspection(prisma, actorOf(req), req.params.id),
  );

  app.post(
    '/inspections/:id/start',
    {
      config: { permission: 'inspection:perform' },
      schema: {
        tags,
        summary:
          'Start an inspection (PENDING → IN_PROGRESS); only its inspector; 409 if another works on it',
        params,
        body: ZVersionBody,
        response: { 200: ZInspectionDetail, ...writeErrors },
      },
    },
    async (req) => startInspection(prisma, actorOf(req), req.params.id, req.body?.version),
  );

  app.patch(
    '/inspections/:id',
    {
      config: { permission: 'inspection:perform' },
      schema: {
        tags,
        summary: 'Save a draft of an inspection in progress (scores, findings, comment, method…)',
        params,
        body: ZInspectionDraft,
        response: { 200: ZInspectionDetail, ...writeErrors },
      },
    },
    async (req) => saveDraft(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/inspections/:id/submit',
    {
      config: { permission: 'inspection:perform' },
      schema: {
        tags,
        summary: 'Submit an inspection: the score is computed here; the caller is notified',
        description:
          'Every criterion needs a score 0..weight and a low score (< 60 %) a comment (422). A CUSTOMER_CALLBACK ' +
          'needs its outcome; NO_VISIT adds FABRICATED and fails the inspection.',
        params,
        body: ZInspectionDraft,
        response: { 200: ZInspectionDetail, ...writeErrors },
      },
    },
    async (req) => submitInspection(prisma, actorOf(req), req.params.id, req.body),
  );

  app.post(
    '/inspections/:id/appeal',
    {
      config: { permission: 'appeal:create' },
      schema: {
        tags,
        summary: "Appeal an inspection (申诉): its caller, within the policy's window, one pending at a time",
        params,
        body: ZAppealCreate,
        response: { 201: ZInspectionDetail, ...writeErrors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await fileAppeal(prisma, actorOf(req), req.params.id, req.body)),
  );

  app.get(
    '/appeals',
    {
      config: { permission: ['appeal:decide', 'inspection:read:any'] },
      schema: {
        tags,
        summary: 'Appeals, newest first',
        querystring: ZAppealListQuery,
        response: { 200: ZPage(ZAppealListItem), ...errors },
      },
    },
    async (req) => listAppeals(prisma, actorOf(req), req.query),
  );

  app.post(
    '/appeals/:id/decide',
    {
      config: { permission: 'appeal:decide' },
      schema: {
        tags,
        summary: 'Decide an appeal: uphold it, overturn the whole inspection, or overturn chosen items',
        description:
          'UPHELD keeps the result. OVERTURNED without `items` makes the inspection count as passed. OVERTURNED ' +
          'with `items` gives each its `score` (default: the proposed one, else the weight; never lower than the ' +
          "inspector's) and recomputes the total and the pass (422 NOT_APPEALED, NOT_RAISED, OUT_OF_RANGE, " +
          "UNCHANGED…). `version` is the inspection's (409 STALE_VERSION).",
        params,
        body: ZAppealDecide,
        response: { 200: ZInspectionDetail, ...writeErrors },
      },
    },
    async (req) => decideAppeal(prisma, actorOf(req), req.params.id, req.body),
  );
};
export default routes;
