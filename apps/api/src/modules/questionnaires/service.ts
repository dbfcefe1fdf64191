import type {
  TQuestion,
  TQuestionnaire,
  ZQuestionnaireCreate,
  ZQuestionnaireUpdate,
} from '@huifang/contracts';
import type { z } from 'zod';
import type { PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, notFound, staleVersion } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';

type Row = {
  id: string;
  name: string;
  purpose: string;
  description: string | null;
  questions: unknown;
  active: boolean;
  version: number;
  updatedAt: Date;
};

export function toQuestionnaire(row: Row): TQuestionnaire {
  return {
    id: row.id,
    name: row.name,
    purpose: row.purpose,
    description: row.description,
    questions: row.questions as TQuestion[],
    active: row.active,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const duplicateName = (name: string) =>
  conflict(`A questionnaire named "${name}" already exists`, { field: 'name', code: 'DUPLICATE_NAME' });

export async function listQuestionnaires(
  prisma: PrismaClient,
  user: SessionUser,
  active: boolean | undefined,
): Promise<TQuestionnaire[]> {
  const rows = await prisma.questionnaire.findMany({
    where: { organizationId: user.organizationId, active },
    orderBy: [{ active: 'desc' }, { createdAt: 'asc' }],
  });
  return rows.map(toQuestionnaire);
}

export async function getQuestionnaire(
  prisma: PrismaClient,
  user: SessionUser,
  id: string,
): Promise<TQuestionnaire> {
  const row = await prisma.questionnaire.findFirst({ where: { id, organizationId: user.organizationId } });
  if (!row) throw notFound('Questionnaire');
  return toQuestionnaire(row);
}

export async function createQuestionnaire(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  body: z.output<typeof ZQuestionnaireCreate>,
): Promise<TQuestionnaire> {
  return prisma.$transaction(async (tx) => {
    const clash = await tx.questionnaire.findFirst({
      where: { organizationId: user.organizationId, name: body.name },
      select: { id: true },
    });
    if (clash) throw duplicateName(body.name);
    const row = await tx.questionnaire.create({
      data: {
        organizationId: user.organizationId,
        name: body.name,
        purpose: body.purpose,
        description: body.description ?? null,
        questions: body.questions,
        active: body.active,
      },
    });
    const created = toQuestionnaire(row);
    await audit(tx, actor, {
      action: 'QUESTIONNAIRE_CREATED',
      entity: 'Questionnaire',
      entityId: row.id,
      after: created,
    });
    return created;
  });
}

const EDITABLE = ['name', 'purpose', 'description', 'questions', 'active'] as const;

/**
 * Edits a template. Every effective change bumps `version`; visit records keep the version
 * and the question labels they were answered with, so past records never change meaning.
 */
export async function updateQuestionnaire(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
  body: z.output<typeof ZQuestionnaireUpdate>,
): Promise<TQuestionnaire> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.questionnaire.findFirst({ where: { id, organizationId: user.organizationId } });
    if (!row) throw notFound('Questionnaire');
    if (body.version !== undefined && body.version !== row.version) throw staleVersion(row.version);
    const before = toQuestionnaire(row);

    const next: Omit<TQuestionnaire, 'id' | 'version' | 'updatedAt'> = {
      name: body.name ?? before.name,
      purpose: body.purpose ?? before.purpose,
      description: body.description === undefined ? before.description : body.description,
      questions: body.questions ?? before.questions,
      active: body.active ?? before.active,
    };
    const changed = EDITABLE.filter((k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]));
    if (changed.length === 0) return before;

    if (changed.includes('name')) {
      const clash = await tx.questionnaire.findFirst({
        where: { organizationId: user.organizationId, name: next.name, id: { not: id } },
        select: { id: true },
      });
      if (clash) throw duplicateName(next.name);
    }
    const { count } = await tx.questionnaire.updateMany({
      where: { id, organizationId: user.organizationId, version: row.version },
      data: { ...next, version: { increment: 1 } },
    });
    if (count === 0) {
      const current = await tx.questionnaire.findUnique({ where: { id }, select: { version: true } });
      throw staleVersion(current?.version ?? row.version);
    }
    const after = toQuestionnaire(await tx.questionnaire.findUniqueOrThrow({ where: { id } }));
    const changedBefore: Record<string, unknown> = { version: before.version };
    const changedAfter: Record<string, unknown> = { version: after.version };
    for (const key of changed) {
      changedBefore[key] = before[key];
      changedAfter[key] = after[key];
    }
    await audit(tx, actor, {
      action: 'QUESTIONNAIRE_UPDATED',
      entity: 'Questionnaire',
      entityId: id,
      before: changedBefore,
      after: changedAfter,
    });
    return after;
  });
}
