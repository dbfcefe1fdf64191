import {
  ZBoard,
  ZBoardQuery,
  ZBulkReassign,
  ZBulkReassigned,
  ZErrorBody,
  ZTaskAssignmentList,
  ZTaskReassign,
  ZTaskReassigned,
} from '@huifang/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../lib/actor.ts';
import { requireUser } from '../../plugins/auth.ts';
import { bulkReassign, getBoard, listAssignments, reassignTask } from './board-service.ts';

const ZIdParams = z.object({ id: z.uuid() });
const errors = { 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody, 422: ZErrorBody };

/** The lead's task board and reassignment (with its history). GET /tasks and /tasks/:id live in routes.ts. */
const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;

  app.get(
    '/tasks/board',
    {
      config: { permission: 'task:read:any' },
      schema: {
        tags: ['tasks'],
        summary:
          "Per caller of a team: assigned, done, open, overdue, unreachable and call-back tasks due in the month (a LEAD's own team by default)",
        querystring: ZBoardQuery,
        response: { 200: ZBoard, 404: ZErrorBody },
      },
    },
    async (req) => getBoard(prisma, requireUser(req), req.query, req.now),
  );

  app.patch(
    '/tasks/:id',
    {
      config: { permission: 'task:reassign' },
      schema: {
        tags: ['tasks'],
        summary:
          'Reassign an open task to an active caller (a LEAD within their own team); keeps the history. Stale `version` → 409 STALE_VERSION',
        params: ZIdParams,
        body: ZTaskReassign,
        response: { 200: ZTaskReassigned, ...errors },
      },
    },
    async (req) => reassignTask(prisma, actorOf(req), requireUser(req), req.params.id, req.body),
  );

  app.post(
    '/tasks/reassign',
    {
      config: { permission: 'task:reassign' },
      schema: {
        tags: ['tasks'],
        summary: 'Reassign up to 500 open tasks to one caller in one transaction: all of them or none',
        body: ZBulkReassign,
        response: { 200: ZBulkReassigned, ...errors },
      },
    },
    async (req) => bulkReassign(prisma, actorOf(req), requireUser(req), req.body),
  );

  app.get(
    '/tasks/:id/assignments',
    {
      config: { permission: ['task:read:any'] },
      schema: {
        tags: ['tasks'],
        summary: 'The assignment history of a task, oldest first, with user names',
        params: ZIdParams,
        response: { 200: ZTaskAssignmentList, 404: ZErrorBody },
      },
    },
    async (req) => ({ items: await listAssignments(prisma, requireUser(req), req.params.id) }),
  );
};
export default routes;
