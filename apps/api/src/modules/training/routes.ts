import {
  ZErrorBody,
  ZTrainingAttendanceWrite,
  ZTrainingPlan,
  ZTrainingPlanCreate,
  ZTrainingPlanList,
  ZTrainingPlanListQuery,
  ZTrainingSession,
  ZTrainingSessionCreate,
  ZTrainingSessionList,
  ZTrainingSessionListQuery,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { createPlan, createSession, listPlans, listSessions, recordAttendance } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const writeErrors = { ...errors, 409: ZErrorBody, 422: ZErrorBody };

/** Training (docs/api.md#training, docs/rules.md#r-trn-1-training-plans-and-sessions). */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/training-plans',
    {
      config: { permission: 'training:read' },
      schema: {
        tags: ['training'],
        summary: 'The training plans (年度培训计划), the newest year first',
        querystring: ZTrainingPlanListQuery,
        response: { 200: ZTrainingPlanList, ...errors },
      },
    },
    async (req) => listPlans(prisma, actorOf(req), req.query.year),
  );

  app.post(
    '/training-plans',
    {
      config: { permission: 'training:write' },
      schema: {
        tags: ['training'],
        summary: "A year's training plan: managers and supervisors",
        body: ZTrainingPlanCreate,
        response: { 201: ZTrainingPlan, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createPlan(prisma, actorOf(req), req.body)),
  );

  app.get(
    '/training-sessions',
    {
      config: { permission: 'training:read' },
      schema: {
        tags: ['training'],
        summary: 'Training sessions with their attendance, and the retraining assignments',
        description:
          'Staff who record attendance see every session, attendance and assignment; a caller sees the sessions they are on, their own row and their own assignments (R-TRN-2).',
        querystring: ZTrainingSessionListQuery,
        response: { 200: ZTrainingSessionList, ...errors },
      },
    },
    async (req) => listSessions(prisma, actorOf(req), req.query),
  );

  app.post(
    '/training-sessions',
    {
      config: { permission: 'training:write' },
      schema: {
        tags: ['training'],
        summary: 'A training session; `assignmentIds` puts open retraining assignments on it (R-TRN-2)',
        body: ZTrainingSessionCreate,
        response: { 201: ZTrainingSession, ...writeErrors },
      },
    },
    async (req, reply) => reply.status(201).send(await createSession(prisma, actorOf(req), req.body)),
  );

  app.post(
    '/training-sessions/:id/attendance',
    {
      config: { permission: ['training:record', 'training:evaluate'] },
      schema: {
        tags: ['training'],
        summary: "Record a person's attendance (days, test score) or evaluate the session as its attendee",
        description:
          "Staff (`training:record`) put a person on the session and record the days attended and the test score (passed = score ≥ the pass mark). For a retrained caller the days attended propose the deduction of those days' pay on the sheet of the session's month (R-TRN-3). The attendee evaluates the session (rating 1–5, comment) for themselves only. 422 before the session's first day.",
        params: z.object({ id: z.uuid() }),
        body: ZTrainingAttendanceWrite,
        response: { 200: ZTrainingSession, ...writeErrors },
      },
    },
    async (req) => recordAttendance(prisma, actorOf(req), req.params.id, req.body),
  );
};
export default routes;
