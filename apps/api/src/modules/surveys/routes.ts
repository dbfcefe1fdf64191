import {
  ZErrorBody,
  ZOutboundMessage,
  ZPage,
  ZPageQuery,
  ZPublicSurvey,
  ZPublicSurveyAnswers,
  ZSurveyLinkCreate,
  ZSurveyLinkCreated,
  ZSurveyLinkList,
} from '@huifang/contracts';
import { maskEmail, maskPhone } from '@huifang/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { signingSecret } from '../../lib/secret.ts';
import { answerPublicSurvey, listSurveyLinks, openPublicSurvey, sendSurveyLink } from './service.ts';

const errors = {
  400: ZErrorBody,
  401: ZErrorBody,
  403: ZErrorBody,
  404: ZErrorBody,
  409: ZErrorBody,
  422: ZErrorBody,
};
const publicErrors = { 400: ZErrorBody, 404: ZErrorBody, 410: ZErrorBody, 422: ZErrorBody, 429: ZErrorBody };
const ZToken = z.object({ token: z.string().max(200) });
/** Opening and answering, per address: a person needs a few; a guesser gets nowhere. */
export const PUBLIC_SURVEY_REQUESTS_PER_MINUTE = 30;

/** Survey links (docs/rules.md#r-srv-1-survey-links) and the messages the app sent (docs/product.md#messages). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma, config } = app;
  const secret = () => signingSecret(config);
  const baseUrl = (req: FastifyRequest) => config.publicUrl ?? `${req.protocol}://${req.host}`;

  app.get(
    '/tasks/:id/survey-links',
    {
      config: { permission: ['task:read:any', 'task:read:own'] },
      schema: {
        tags: ['surveys'],
        summary:
          "A task's survey links, newest first, with their state (sent, opened, answered, expired, withdrawn)",
        params: z.object({ id: z.uuid() }),
        response: { 200: ZSurveyLinkList, ...errors },
      },
    },
    async (req) => listSurveyLinks(prisma, actorOf(req), req.params.id),
  );

  app.post(
    '/tasks/:id/survey-links',
    {
      config: { permission: 'visit:create:own' },
      schema: {
        tags: ['surveys'],
        summary:
          'Send the task’s questionnaire to the customer as a link by SMS or e-mail (the assignee only; a new link withdraws an unanswered one). The URL is in this answer only. 422 when the task is closed, the customer refuses visits, has no e-mail for EMAIL, or in the quiet hours',
        params: z.object({ id: z.uuid() }),
        body: ZSurveyLinkCreate,
        response: { 201: ZSurveyLinkCreated, ...errors },
      },
    },
    async (req, reply) =>
      reply.status(201).send(
        await sendSurveyLink(prisma, app.messenger, actorOf(req), req.params.id, req.body.channel, {
          secret: secret(),
          baseUrl: baseUrl(req),
        }),
      ),
  );

  const publicConfig = {
    public: true,
    rateLimit: {
      max: PUBLIC_SURVEY_REQUESTS_PER_MINUTE,
      timeWindow: 60_000,
      keyGenerator: (req: FastifyRequest) => `survey|${req.ip}`,
    },
  };

  app.get(
    '/public/surveys/:token',
    {
      config: publicConfig,
      schema: {
        tags: ['surveys'],
        summary:
          'The survey a link opens, with no login and nothing of the customer: 404 for a token that is not a link, 410 for one answered, expired or withdrawn',
        params: ZToken,
        response: { 200: ZPublicSurvey, ...publicErrors },
      },
    },
    async (req) => openPublicSurvey(prisma, secret(), req.params.token, req.now),
  );

  app.post(
    '/public/surveys/:token',
    {
      config: publicConfig,
      schema: {
        tags: ['surveys'],
        summary:
          'The customer’s answers, checked as the caller’s form is (422 with each problem); they become the task’s visit record (channel ONLINE_SURVEY). A link answers once: 410 afterwards',
        params: ZToken,
        body: ZPublicSurveyAnswers,
        response: { 200: z.object({ ok: z.literal(true) }), ...publicErrors },
      },
    },
    async (req) => answerPublicSurvey(prisma, secret(), req.params.token, req.body, req.now, req.ip ?? null),
  );

  app.get(
    '/messages',
    {
      config: { permission: 'message:read' },
      schema: {
        tags: ['surveys'],
        summary:
          'The e-mails and SMS the app sent, captured (no provider configured) or failed, newest first',
        querystring: ZPageQuery,
        response: { 200: ZPage(ZOutboundMessage), ...errors },
      },
    },
    async (req) => {
      const { organizationId } = actorOf(req);
      const { page, size } = req.query;
      const [rows, total] = await Promise.all([
        prisma.outboundMessage.findMany({
          where: { organizationId },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
          skip: (page - 1) * size,
          take: size,
        }),
        prisma.outboundMessage.count({ where: { organizationId } }),
      ]);
      return {
        total,
        page,
        size,
        items: rows.map((m) => ({
          id: m.id,
          channel: m.channel as 'SMS' | 'EMAIL',
          // masked as everywhere a list shows a customer's contact (docs/product.md#messages)
          to: m.channel === 'EMAIL' ? maskEmail(m.to) : maskPhone(m.to),
          subject: m.subject,
          body: m.body,
          provider: m.provider,
          status: m.status as 'SENT' | 'CAPTURED' | 'FAILED',
          error: m.error,
          createdAt: m.createdAt.toISOString(),
        })),
      };
    },
  );
};
export default routes;
