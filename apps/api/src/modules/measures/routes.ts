import {
  ZErrorBody,
  ZMeasureCreate,
  ZMeasureDetail,
  ZMeasureEffect,
  ZMeasureListQuery,
  ZMeasureReject,
  ZMeasureStep,
  ZMeasureSummary,
  ZMeasureUpdate,
  ZMilestoneProgress,
  ZPage,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import {
  approveMeasure,
  completeMeasure,
  createMeasure,
  evaluateMeasure,
  listMeasures,
  measureDetail,
  measureEffectOf,
  measureOptions,
  rejectMeasure,
  setMilestoneProgress,
  startMeasure,
  updateMeasure,
} from './service.ts';

const ZIdParams = z.object({ id: z.uuid() });
const tags = ['improvement-measures'];
const READ = ['measure:read:any', 'measure:read:department'] as const;
const writeErrors = { 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };

/**
 * Improvement measures (改进措施, docs/product.md#improvement-measures): drafted by a lead or manager,
 * approved by a manager, carried out by their owner milestone by milestone, and evaluated against the
 * figures before and after (docs/rules.md#r-meas-1-workflow … #r-meas-4-incentive-items).
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/improvement-measures',
    {
      config: { permission: READ },
      schema: {
        tags,
        summary: 'Measures, newest first (a handler: their department’s and their own)',
        querystring: ZMeasureListQuery,
        response: { 200: ZPage(ZMeasureSummary), 403: ZErrorBody },
      },
    },
    async (req) => listMeasures(prisma, actorOf(req), req.query),
  );

  app.get(
    '/improvement-measures/options',
    {
      config: { permission: 'measure:write' },
      schema: {
        tags,
        summary: 'What the form offers: the organisation’s active churn reasons',
        response: {
          200: z.object({
            reasons: z.array(
              z.object({
                id: z.uuid(),
                category: z.string(),
                label: z.string(),
                labelEn: z.string().nullable(),
              }),
            ),
          }),
          403: ZErrorBody,
        },
      },
    },
    async (req) => measureOptions(prisma, actorOf(req)),
  );

  app.post(
    '/improvement-measures',
    {
      config: { permission: 'measure:write' },
      schema: {
        tags,
        summary: 'Draft a measure (owner: an active user of the organisation, else 422)',
        body: ZMeasureCreate,
        response: { 201: ZMeasureDetail, 403: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await createMeasure(prisma, actorOf(req), req.body)),
  );

  app.get(
    '/improvement-measures/:id',
    {
      config: { permission: READ },
      schema: {
        tags,
        summary: 'A measure with its milestones, reasons, cases, timeline and the steps open to the user',
        params: ZIdParams,
        response: { 200: ZMeasureDetail, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (req) => measureDetail(prisma, actorOf(req), req.params.id),
  );

  app.patch(
    '/improvement-measures/:id',
    {
      config: { permission: 'measure:write' },
      schema: {
        tags,
        summary: 'Edit a draft (409 on a stale version or another state)',
        params: ZIdParams,
        body: ZMeasureUpdate,
        response: { 200: ZMeasureDetail, ...writeErrors },
      },
    },
    async (req) => updateMeasure(prisma, actorOf(req), req.params.id, req.body),
  );

  const stepRoute = (
    name: 'approve' | 'start' | 'complete' | 'evaluate',
    permission: 'measure:approve' | 'measure:progress',
    summary: string,
    fn: typeof approveMeasure,
  ) =>
    app.post(
      `/improvement-measures/:id/${name}`,
      {
        config: { permission },
        schema: {
          tags,
          summary,
          params: ZIdParams,
          body: ZMeasureStep,
          response: { 200: ZMeasureDetail, ...writeErrors },
        },
      },
      async (req) => fn(prisma, actorOf(req), req.params.id, req.body),
    );

  stepRoute('approve', 'measure:approve', 'Approve a draft; its owner is told', approveMeasure);
  stepRoute('start', 'measure:progress', 'Start an approved measure (its owner, or a manager)', startMeasure);
  stepRoute(
    'complete',
    'measure:progress',
    'Complete it: every milestone at 100 %, or a note saying why not (422 otherwise); managers are told',
    completeMeasure,
  );
  stepRoute(
    'evaluate',
    'measure:approve',
    'Evaluate a done measure: the effect figures are computed and frozen with the outcome',
    evaluateMeasure,
  );

  app.post(
    '/improvement-measures/:id/reject',
    {
      config: { permission: 'measure:approve' },
      schema: {
        tags,
        summary: 'Send a draft or approved measure back to DRAFT with a comment',
        params: ZIdParams,
        body: ZMeasureReject,
        response: { 200: ZMeasureDetail, ...writeErrors },
      },
    },
    async (req) => rejectMeasure(prisma, actorOf(req), req.params.id, req.body),
  );

  app.patch(
    '/improvement-measures/:id/milestones/:milestoneId',
    {
      config: { permission: 'measure:progress' },
      schema: {
        tags,
        summary:
          'Report a milestone’s progress (0–100) while the measure is in progress (its owner, or a manager)',
        params: z.object({ id: z.uuid(), milestoneId: z.uuid() }),
        body: ZMilestoneProgress,
        response: { 200: ZMeasureDetail, ...writeErrors },
      },
    },
    async (req) =>
      setMilestoneProgress(prisma, actorOf(req), req.params.id, req.params.milestoneId, req.body),
  );

  app.get(
    '/improvement-measures/:id/effect',
    {
      config: { permission: READ },
      schema: {
        tags,
        summary: 'The measured effect: frozen at evaluation, else computed now over the windows so far',
        params: ZIdParams,
        response: { 200: ZMeasureEffect, 403: ZErrorBody, 404: ZErrorBody },
      },
    },
    async (req) => measureEffectOf(prisma, actorOf(req), req.params.id),
  );
};
export default routes;
