// Rubrics (评分标准): weighted criteria summing to 100, some critical. Editing bumps the version;
// inspections keep the criteria they were created with, so past results never change.
import {
  type TRubric,
  type TRubricCreate,
  type TRubricUpdate,
  ZErrorBody,
  ZId,
  ZRubric,
  ZRubricCreate,
  ZRubricUpdate,
} from '@huifang/contracts';
import { validateRubric } from '@huifang/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../../db/prisma.ts';
import { type Actor, actorOf } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, notFound, ruleViolation, staleVersion } from '../../lib/errors.ts';
import { criteriaOf } from './common.ts';

const errors = { 400: ZErrorBody, 401: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

interface RubricRow {
  id: string;
  name: string;
  description: string | null;
  criteria: unknown;
  active: boolean;
  isDefault: boolean;
  version: number;
  updatedAt: Date;
  _count: { inspections: number };
}

const toRubric = (r: RubricRow): TRubric => ({
  id: r.id,
  name: r.name,
  description: r.description,
  criteria: criteriaOf(r.criteria),
  active: r.active,
  isDefault: r.isDefault,
  version: r.version,
  inspectionCount: r._count.inspections,
  updatedAt: r.updatedAt.toISOString(),
});

const withCount = { _count: { select: { inspections: true } } } as const;

function checkCriteria(criteria: TRubricCreate['criteria']): void {
  const problems = validateRubric(criteria);
  if (problems.length) {
    throw ruleViolation('The criteria are not valid: weights must be positive whole numbers summing to 100', {
      reason: problems[0]?.code,
      problems,
    });
  }
}

export async function listRubrics(prisma: PrismaClient, actor: Actor): Promise<{ items: TRubric[] }> {
  const user = actor.user;
  const rows = await prisma.rubric.findMany({
    where: { organizationId: user.organizationId },
    orderBy: [{ isDefault: 'desc' }, { name: 'asc' }],
    include: withCount,
  });
  return { items: rows.map(toRubric) };
}

export async function getRubric(prisma: PrismaClient, actor: Actor, id: string): Promise<TRubric> {
  const user = actor.user;
  const row = await prisma.rubric.findFirst({
    where: { id, organizationId: user.organizationId },
    include: withCount,
  });
  if (!row) throw notFound('Rubric');
  return toRubric(row);
}

async function nameTaken(db: Prisma.TransactionClient, orgId: string, name: string, except?: string) {
  const other = await db.rubric.findFirst({
    where: { organizationId: orgId, name, id: except ? { not: except } : undefined },
    select: { id: true },
  });
  if (other) throw conflict('A rubric with this name exists', { reason: 'NAME_TAKEN' });
}

export async function createRubric(
  prisma: PrismaClient,
  actor: Actor,
  body: TRubricCreate,
): Promise<TRubric> {
  const user = actor.user;
  checkCriteria(body.criteria);
  const row = await prisma.$transaction(async (tx) => {
    await nameTaken(tx, user.organizationId, body.name);
    if (body.isDefault) {
      await tx.rubric.updateMany({
        where: { organizationId: user.organizationId },
        data: { isDefault: false },
      });
    }
    const created = await tx.rubric.create({
      data: {
        organizationId: user.organizationId,
        name: body.name,
        description: body.description ?? null,
        criteria: body.criteria,
        isDefault: body.isDefault ?? false,
      },
      include: withCount,
    });
    await audit(tx, actor, { action: 'RUBRIC_CREATED', entity: 'Rubric', entityId: created.id, after: body });
    return created;
  });
  return toRubric(row);
}

export async function updateRubric(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: TRubricUpdate,
): Promise<TRubric> {
  const user = actor.user;
  if (body.criteria) checkCriteria(body.criteria);
  const row = await prisma.$transaction(async (tx) => {
    const before = await tx.rubric.findFirst({ where: { id, organizationId: user.organizationId } });
    if (!before) throw notFound('Rubric');
    if (body.version !== undefined && body.version !== before.version) throw staleVersion(before.version);
    if (body.name && body.name !== before.name) await nameTaken(tx, user.organizationId, body.name, id);
    if (body.active === false && (body.isDefault ?? before.isDefault)) {
      throw ruleViolation('The default rubric cannot be deactivated', { reason: 'DEFAULT_INACTIVE' });
    }
    if (body.isDefault === false && before.isDefault) {
      throw ruleViolation('Make another rubric the default instead', { reason: 'DEFAULT_REQUIRED' });
    }
    if (body.isDefault && !before.isDefault) {
      await tx.rubric.updateMany({
        where: { organizationId: user.organizationId },
        data: { isDefault: false },
      });
    }
    const data: Prisma.RubricUpdateManyMutationInput = {
      name: body.name,
      description: body.description === undefined ? undefined : (body.description ?? null),
      criteria: body.criteria,
      active: body.active,
      isDefault: body.isDefault,
      version: { increment: 1 },
    };
    const n = await tx.rubric.updateMany({ where: { id, version: before.version }, data });
    if (n.count !== 1) throw staleVersion(before.version + 1);
    const after = await tx.rubric.findUniqueOrThrow({ where: { id }, include: withCount });
    await audit(tx, actor, {
      action: 'RUBRIC_UPDATED',
      entity: 'Rubric',
      entityId: id,
      before: {
        name: before.name,
        criteria: before.criteria,
        active: before.active,
        version: before.version,
      },
      after: { name: after.name, criteria: after.criteria, active: after.active, version: after.version },
    });
    return after;
  });
  return toRubric(row);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const { prisma } = app;
  const params = z.object({ id: ZId });

  app.get(
    '/rubrics',
    {
      config: { permission: 'rubric:read' },
      schema: {
        tags: ['supervision'],
        summary: 'Rubrics (评分标准), the default first',
        response: { 200: z.object({ items: z.array(ZRubric) }), ...errors },
      },
    },
    async (req) => listRubrics(prisma, actorOf(req)),
  );

  app.get(
    '/rubrics/:id',
    {
      config: { permission: 'rubric:read' },
      schema: {
        tags: ['supervision'],
        summary: 'One rubric with its criteria',
        params,
        response: { 200: ZRubric, ...errors },
      },
    },
    async (req) => getRubric(prisma, actorOf(req), req.params.id),
  );

  app.post(
    '/rubrics',
    {
      config: { permission: 'rubric:write' },
      schema: {
        tags: ['supervision'],
        summary: 'Create a rubric: weights are positive whole numbers summing to 100 (else 422)',
        body: ZRubricCreate,
        response: { 201: ZRubric, ...errors, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req, reply) => reply.status(201).send(await createRubric(prisma, actorOf(req), req.body)),
  );

  app.patch(
    '/rubrics/:id',
    {
      config: { permission: 'rubric:write' },
      schema: {
        tags: ['supervision'],
        summary: 'Edit a rubric; the version goes up, inspections keep the criteria they were scored with',
        description: '`version` guards against concurrent edits (409 STALE_VERSION).',
        params,
        body: ZRubricUpdate,
        response: { 200: ZRubric, ...errors, 409: ZErrorBody, 422: ZErrorBody },
      },
    },
    async (req) => updateRubric(prisma, actorOf(req), req.params.id, req.body),
  );
};
export default routes;
