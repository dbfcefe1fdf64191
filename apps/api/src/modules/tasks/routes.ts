import {
  ZErrorBody,
  ZId,
  ZPage,
  ZTaskDetail,
  ZTaskListItem,
  ZTaskListQuery,
  ZTaskSummary,
  ZTaskSummaryQuery,
  ZVisitCreate,
  ZVisitCreated,
} from '@huifang/contracts';
import { evidenceKindsOfVisit } from '@huifang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { runCadenceFor } from '../cadence/run.ts';
import { suggestChurnCases } from '../churn/suggest.ts';
import { createVisit } from '../visits/create.ts';
import { getTask, listTasks, taskSummary } from './service.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };
const READ = ['task:read:any', 'task:read:own'] as const;

/** The caller's side of tasks: queues, counts, the task page and logging a visit. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/tasks',
    {
      config: { permission: READ },
      schema: {
        tags: ['tasks'],
        summary: 'Task queue: by assignee, status, month, bucket (today/overdue/callback/upcoming/done)',
        description:
          'A caller gets their own tasks (assignee=me by default) and 403 for anyone else. ' +
          'Buckets are computed in the organisation timezone. Phones are masked.',
        querystring: ZTaskListQuery,
        response: { 200: ZPage(ZTaskListItem), ...errors },
      },
    },
    async (req) => listTasks(prisma, actorOf(req), req.query),
  );

  app.get(
    '/tasks/summary',
    {
      config: { permission: READ },
      schema: {
        tags: ['tasks'],
        summary: 'Workbench counts: today, overdue, call-back, upcoming, done and assigned this month',
        querystring: ZTaskSummaryQuery,
        response: { 200: ZTaskSummary, ...errors },
      },
    },
    async (req) => taskSummary(prisma, actorOf(req), req.query.assignee),
  );

  app.get(
    '/tasks/:id',
    {
      config: { permission: READ },
      schema: {
        tags: ['tasks'],
        summary: 'A task with its customer, consent, questionnaire, visit history, records and assignments',
        description:
          "The customer's phone and e-mail are shown in full only to the assignee of an open task " +
          '(each such read is written to the audit log as CONTACT_READ).',
        params: z.object({ id: ZId }),
        response: { 200: ZTaskDetail, ...errors },
      },
    },
    async (req) => getTask(prisma, actorOf(req), req.params.id),
  );

  app.post(
    '/tasks/:id/visits',
    {
      config: { permission: 'visit:create:own' },
      schema: {
        tags: ['tasks', 'visits'],
        summary: 'Log a visit attempt (回访记录) on one of your tasks',
        description:
          'Moves the task on (docs/rules.md#r-task-2-unreachable-rule): COMPLETED and DECLINED finish it (DECLINED also records the refusal ' +
          "and cancels the customer's other open tasks); NO_ANSWER and WRONG_NUMBER are unsuccessful attempts, " +
          'and the task closes as UNREACHABLE after 3 of them received on 2 different days (org timezone, ' +
          'server time). `startedAt` may not be in the future, before the task was created or over 48 h back. ' +
          'With an `Idempotency-Key` header a repeated submission returns ' +
          'the first record with 200 instead of creating another (first time: 201). ' +
          'An `event` (COMPLETED only, its day today or earlier) is saved as the customer’s event (source VISIT). ' +
          '409 when the task is closed; 422 when the record breaks a rule (details name the field or question).',
        params: z.object({ id: ZId }),
        headers: z.looseObject({ 'idempotency-key': z.string().min(1).max(100).optional() }),
        body: ZVisitCreate,
        response: { 200: ZVisitCreated, 201: ZVisitCreated, ...errors, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const { created, result } = await createVisit(
        prisma,
        actor,
        req.params.id,
        req.body,
        req.headers['idempotency-key'],
      );
      // an event the customer told of: the visits it calls for today become tasks now (R-CAD-4);
      // the record stands whatever happens here (the hourly run makes them then)
      if (created && req.body.event)
        await runCadenceFor(prisma, { id: actor.organizationId, timezone: actor.user.timezone }, actor.now, {
          customerId: result.visit.customerId,
        }).catch((err: unknown) => req.log.error({ err }, 'cadence run after a reported event failed'));
      // what the record (or an event told in it) shows of the customer leaving becomes a suggested
      // churn case now (R-CHURN-3); the record stands whatever happens here (the hourly run finds it)
      const kinds = created ? evidenceKindsOfVisit({ ...result.visit, event: req.body.event }) : [];
      if (kinds.length)
        await suggestChurnCases(prisma, actor.organizationId, actor.now, {
          customerId: result.visit.customerId,
          kinds,
        }).catch((err: unknown) => req.log.error({ err }, 'churn suggestions after a visit failed'));
      return reply.status(created ? 201 : 200).send(result);
    },
  );
};
export default routes;
