import {
  ZErrorBody,
  ZQuestionnaire,
  ZQuestionnaireCreate,
  ZQuestionnaireList,
  ZQuestionnaireListQuery,
  ZQuestionnaireUpdate,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { requireUser } from '../../plugins/auth.ts';
import { createQuestionnaire, getQuestionnaire, listQuestionnaires, updateQuestionnaire } from './service.ts';

const ZIdParams = z.object({ id: z.uuid() });

/** Questionnaire templates: ordered questions per visit purpose, versioned on every edit. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/questionnaires',
    {
      config: { permission: 'questionnaire:read' },
      schema: {
        tags: ['questionnaires'],
        summary: 'Questionnaire templates of the organisation, active first',
        querystring: ZQuestionnaireListQuery,
        response: { 200: ZQuestionnaireList },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const { active } = req.query;
      return {
        items: await listQuestionnaires(prisma, user, active === undefined ? undefined : active === 'true'),
      };
    },
  );

  app.get(
    '/questionnaires/:id',
    {
      config: { permission: 'questionnaire:read' },
      schema: {
        tags: ['questionnaires'],
        summary: 'One questionnaire template',
        params: ZIdParams,
        response: { 200: ZQuestionnaire, 404: ZErrorBody },
      },
    },
    async (req) => getQuestionnaire(prisma, requireUser(req), req.params.id),
  );

  app.post(
    '/questionnaires',
    {
      config: { permission: 'questionnaire:write' },
      schema: {
        tags: ['questionnaires'],
        summary: 'Create a questionnaire template (409 when the name is taken)',
        body: ZQuestionnaireCreate,
        response: { 201: ZQuestionnaire, 409: ZErrorBody },
      },
    },
    async (req, reply) => {
      const created = await createQuestionnaire(prisma, actorOf(req), requireUser(req), req.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/questionnaires/:id',
    {
      config: { permission: 'questionnaire:write' },
      schema: {
        tags: ['questionnaires'],
        summary:
          'Edit a questionnaire template; each change bumps its version (a stale `version` → 409 STALE_VERSION). Past records keep the version they were answered with.',
        params: ZIdParams,
        body: ZQuestionnaireUpdate,
        response: { 200: ZQuestionnaire, 404: ZErrorBody, 409: ZErrorBody },
      },
    },
    async (req) => updateQuestionnaire(prisma, actorOf(req), requireUser(req), req.params.id, req.body),
  );
};
export default routes;
