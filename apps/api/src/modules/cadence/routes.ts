import {
  ZCadenceForecast,
  ZCadenceForecastQuery,
  ZCadenceRule,
  ZCadenceRuleCreate,
  ZCadenceRuleList,
  ZCadenceRulePatch,
  ZCadenceRuleReject,
  ZCadenceRuleStep,
  ZCadenceVisitPage,
  ZCadenceVisitQuery,
  ZCadenceWeekly,
  ZCadenceWeeklyQuery,
  ZErrorBody,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { cadenceForecast } from './forecast.ts';
import { runCadenceFor } from './run.ts';
import { createCadenceRule, getCadenceRule, listCadenceRules, stepCadenceRule } from './service.ts';
import { listCadenceVisits } from './visits.ts';
import { cadenceWeekly } from './weekly.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };
const ZIdParam = z.object({ id: z.uuid() });
const STEP =
  '409 CONFLICT (reason STATUS) from a state the step does not start from, 409 STALE_VERSION on a stale `version`.';

/** Cadence rules (docs/product.md#cadence-rules): follow-ups after customer events, approved by management. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/cadence-visits',
    {
      config: { permission: 'cadence:read' },
      schema: {
        tags: ['cadence-rules'],
        summary:
          "The rules' visits the daily run did not make (suppressed, postponed) or took back (withdrawn), with the reason, newest due first; `open=true` keeps those whose window is still open",
        querystring: ZCadenceVisitQuery,
        response: { 200: ZCadenceVisitPage, ...errors },
      },
    },
    async (req) => listCadenceVisits(prisma, actorOf(req), req.query),
  );

  app.get(
    '/cadence-rules',
    {
      config: { permission: 'cadence:read' },
      schema: {
        tags: ['cadence-rules'],
        summary:
          "The organisation's cadence rules, each with its draft, its approved version and what you may do",
        response: { 200: ZCadenceRuleList, ...errors },
      },
    },
    async (req) => listCadenceRules(prisma, actorOf(req)),
  );

  app.post(
    '/cadence-rules',
    {
      config: { permission: 'cadence:write' },
      schema: {
        tags: ['cadence-rules'],
        summary: 'Add a rule, as a draft to submit for approval',
        description:
          '400 VALIDATION for a definition the engine refuses (offsets, periods, share) or a team or questionnaire of another organisation.',
        body: ZCadenceRuleCreate,
        response: { 201: ZCadenceRule, ...writeErrors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createCadenceRule(prisma, actorOf(req), req.body.definition)),
  );

  app.get(
    '/cadence-rules/forecast',
    {
      config: { permission: 'cadence:read' },
      schema: {
        tags: ['cadence-rules'],
        summary:
          'The annual view: per month of a year, the visits each rule that is on asks for from the events recorded so far',
        description:
          'Standing rules (approved) count with their approved version, the others with their draft (their visits are proposals). Visits already made count too. `callers` is the number of active callers, for the load per caller.',
        querystring: ZCadenceForecastQuery,
        response: { 200: ZCadenceForecast, ...errors },
      },
    },
    async (req) => cadenceForecast(prisma, actorOf(req), req.query.year),
  );

  app.get(
    '/cadence-rules/weekly',
    {
      config: { permission: 'cadence:read' },
      schema: {
        tags: ['cadence-rules'],
        summary:
          "The week's figures of the rules (每周回访统计): per rule and in total, the visits due in an ISO week and what became of them, the survey links sent that week and the online response rate, with the 8 weeks up to it",
        description:
          "`week` is an ISO week (`YYYY-Www`) in the organisation's timezone, the current one when left out; 400 VALIDATION for anything else (a W53 in a year without one).",
        querystring: ZCadenceWeeklyQuery,
        response: { 200: ZCadenceWeekly, ...errors },
      },
    },
    async (req) => cadenceWeekly(prisma, actorOf(req), req.query.week),
  );

  app.get(
    '/cadence-rules/:id',
    {
      config: { permission: 'cadence:read' },
      schema: {
        tags: ['cadence-rules'],
        summary: 'One cadence rule',
        params: ZIdParam,
        response: { 200: ZCadenceRule, ...errors },
      },
    },
    async (req) => getCadenceRule(prisma, actorOf(req), req.params.id),
  );

  app.patch(
    '/cadence-rules/:id',
    {
      config: { permission: 'cadence:write' },
      schema: {
        tags: ['cadence-rules'],
        summary:
          "Edit a rule's draft (an approved rule keeps running its approved version until the new one is approved)",
        description: `Not while it awaits approval. ${STEP}`,
        params: ZIdParam,
        body: ZCadenceRulePatch,
        response: { 200: ZCadenceRule, ...writeErrors },
      },
    },
    async (req) =>
      stepCadenceRule(prisma, actorOf(req), req.params.id, 'edit', {
        version: req.body.version,
        definition: req.body.definition,
      }),
  );

  for (const action of ['submit', 'approve'] as const) {
    app.post(
      `/cadence-rules/:id/${action}`,
      {
        config: { permission: action === 'submit' ? 'cadence:write' : 'cadence:approve' },
        schema: {
          tags: ['cadence-rules'],
          summary:
            action === 'submit'
              ? 'Submit the draft for approval (the managers are notified)'
              : 'Approve the submitted draft: it becomes the active version, run as a standing rule (today’s visits are made at once)',
          description: STEP,
          params: ZIdParam,
          body: ZCadenceRuleStep,
          response: { 200: ZCadenceRule, ...writeErrors },
        },
      },
      async (req) => {
        const actor = actorOf(req);
        const rule = await stepCadenceRule(prisma, actor, req.params.id, action, req.body);
        // an approved rule makes today's visits now rather than at the next hourly run
        if (action === 'approve')
          await runCadenceFor(
            prisma,
            { id: actor.organizationId, timezone: actor.user.timezone },
            actor.now,
          ).catch((err: unknown) => req.log.error({ err }, 'cadence run after an approval failed'));
        return rule;
      },
    );
  }

  app.post(
    '/cadence-rules/:id/reject',
    {
      config: { permission: 'cadence:approve' },
      schema: {
        tags: ['cadence-rules'],
        summary: 'Reject the submitted draft with a comment; the approved version, if any, runs on',
        description: STEP,
        params: ZIdParam,
        body: ZCadenceRuleReject,
        response: { 200: ZCadenceRule, ...writeErrors },
      },
    },
    async (req) => stepCadenceRule(prisma, actorOf(req), req.params.id, 'reject', req.body),
  );
};
export default routes;
