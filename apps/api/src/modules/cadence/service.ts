// Cadence rules (docs/product.md#cadence-rules): the organisation's rules for follow-up visits after
// customer events, their edits and their approval by management (CADENCE_RULE_WORKFLOW). An
// approved rule keeps running its approved version while a new draft of it is edited and reviewed.
import { createHash, randomInt } from 'node:crypto';
import {
  can,
  type TCadenceDefinition,
  type TCadenceRule,
  type TCadenceRuleStatus,
  ZCadenceDefinition,
} from '@huifang/contracts';
import {
  actionsFor,
  CADENCE_RULE_WORKFLOW,
  cadenceRuleProblems,
  DEFAULT_CADENCE_RULES,
  type CadenceRule as EngineRule,
} from '@huifang/domain';
import type { CadenceRule } from '../../db/generated/client.ts';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { invalid, notFound } from '../../lib/errors.ts';
import { peopleOf } from '../../lib/people.ts';
import { runTransition } from '../../lib/workflow.ts';
import type { SessionUser } from '../../plugins/auth.ts';

type Db = PrismaClient | Tx;
type Action = 'edit' | 'submit' | 'approve' | 'reject';

/** A rule's seed, the same for a default in every installation of an organisation: its sample is reproducible. */
function defaultSeed(organizationId: string, code: string): number {
  return createHash('sha256').update(`${organizationId}:${code}`).digest().readUInt32BE(0) & 0x7fffffff;
}

/**
 * Gives the organisation the shipped default rules it does not have yet (docs/rules.md#r-cad-2-default-rules),
 * as drafts: idempotent, run when an organisation is created and when the server starts.
 */
export async function ensureDefaultCadenceRules(db: Db, organizationId: string, now: Date): Promise<number> {
  const done = await db.cadenceRule.createMany({
    data: DEFAULT_CADENCE_RULES.map((d) => ({
      organizationId,
      code: d.code,
      status: 'DRAFT',
      draft: d.definition as unknown as Prisma.InputJsonValue,
      seed: defaultSeed(organizationId, d.code),
      createdAt: now,
      updatedAt: now,
    })),
    skipDuplicates: true,
  });
  return done.count;
}

/** The defaults for every organisation that lacks some (an installation made before they shipped). */
export async function ensureDefaultCadenceRulesEverywhere(prisma: PrismaClient, now: Date): Promise<number> {
  let added = 0;
  for (const org of await prisma.organization.findMany({ select: { id: true } }))
    added += await ensureDefaultCadenceRules(prisma, org.id, now);
  return added;
}

/** A stored definition, read back through its contract (a row written by an older release is refused loudly). */
export function definitionOf(json: Prisma.JsonValue): TCadenceDefinition {
  return ZCadenceDefinition.parse(json);
}

/** The engine's view of a definition (packages/domain/src/cadence.ts). */
export function engineRule(id: string, seed: number, d: TCadenceDefinition): EngineRule {
  return { id, seed, shareBp: d.shareBp, trigger: d.trigger };
}

/** 400 with the engine's own problems, and 422 for a team or questionnaire of another organisation. */
async function checkDefinition(db: Db, organizationId: string, d: TCadenceDefinition): Promise<void> {
  const problems = cadenceRuleProblems(engineRule('new', 0, d));
  if (problems.length)
    throw invalid(
      'The rule cannot be saved',
      problems.map((message) => ({ path: 'definition', message })),
    );
  if (d.teamId) {
    const team = await db.team.findFirst({ where: { id: d.teamId, organizationId }, select: { id: true } });
    if (!team) throw invalid('No such team', [{ path: 'definition.teamId', message: 'unknown team' }]);
  }
  if (d.questionnaireId) {
    const q = await db.questionnaire.findFirst({
      where: { id: d.questionnaireId, organizationId },
      select: { id: true },
    });
    if (!q)
      throw invalid('No such questionnaire', [
        { path: 'definition.questionnaireId', message: 'unknown questionnaire' },
      ]);
  }
}

async function present(db: Db, rows: CadenceRule[], user: SessionUser): Promise<TCadenceRule[]> {
  const person = await peopleOf(
    db,
    rows.flatMap((r) => [r.submittedById, r.decidedById]),
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    status: r.status as TCadenceRuleStatus,
    draft: definitionOf(r.draft),
    active: r.active === null ? null : definitionOf(r.active),
    activeVersion: r.activeVersion,
    seed: r.seed,
    submitted: r.submittedAt ? { at: r.submittedAt.toISOString(), by: person(r.submittedById) } : null,
    decided: r.decidedAt
      ? {
          at: r.decidedAt.toISOString(),
          by: person(r.decidedById),
          approved: r.approved === true,
          comment: r.decisionComment,
        }
      : null,
    version: r.version,
    can: actionsFor(CADENCE_RULE_WORKFLOW, r.status, user.role),
    updatedAt: r.updatedAt.toISOString(),
  }));
}

const ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

export async function listCadenceRules(
  prisma: PrismaClient,
  actor: Actor,
): Promise<{ items: TCadenceRule[] }> {
  const rows = await prisma.cadenceRule.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: ORDER,
  });
  return { items: await present(prisma, rows, actor.user) };
}

export async function getCadenceRule(prisma: Db, actor: Actor, id: string): Promise<TCadenceRule> {
  const row = await prisma.cadenceRule.findFirst({ where: { id, organizationId: actor.organizationId } });
  if (!row) throw notFound('Cadence rule');
  return (await present(prisma, [row], actor.user))[0]!;
}

export async function createCadenceRule(
  prisma: PrismaClient,
  actor: Actor,
  definition: TCadenceDefinition,
): Promise<TCadenceRule> {
  return prisma.$transaction(async (tx) => {
    await checkDefinition(tx, actor.organizationId, definition);
    const row = await tx.cadenceRule.create({
      data: {
        organizationId: actor.organizationId,
        status: 'DRAFT',
        draft: definition as unknown as Prisma.InputJsonValue,
        seed: randomInt(0, 0x7fffffff),
        createdAt: actor.now,
        updatedAt: actor.now,
      },
    });
    await audit(tx, actor, {
      action: 'CADENCE_RULE_CREATE',
      entity: 'CadenceRule',
      entityId: row.id,
      after: { draft: definition },
    });
    return (await present(tx, [row], actor.user))[0]!;
  });
}

const AUDIT: Record<Action, string> = {
  edit: 'CADENCE_RULE_EDIT',
  submit: 'CADENCE_RULE_SUBMIT',
  approve: 'CADENCE_RULE_APPROVE',
  reject: 'CADENCE_RULE_REJECT',
};

/** One step of CADENCE_RULE_WORKFLOW on the locked rule. */
export async function stepCadenceRule(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  action: Action,
  body: { version: number; definition?: TCadenceDefinition; comment?: string },
): Promise<TCadenceRule> {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM "CadenceRule" WHERE id = ${id}::uuid AND "organizationId" = ${actor.organizationId}::uuid FOR UPDATE`;
    const row = await tx.cadenceRule.findFirst({ where: { id, organizationId: actor.organizationId } });
    if (!row) throw notFound('Cadence rule');
    const user = actor.user;
    const now = actor.now;
    await runTransition(tx, actor, {
      workflow: CADENCE_RULE_WORKFLOW,
      action,
      row,
      version: body.version,
      entity: 'CadenceRule',
      auditAction: AUDIT[action],
      guard: async () => {
        if (action === 'edit') await checkDefinition(tx, actor.organizationId, body.definition!);
      },
      write: async (to) => {
        const data: Prisma.CadenceRuleUpdateInput = {
          status: to ?? row.status,
          version: { increment: 1 },
          updatedAt: now,
        };
        if (action === 'edit') data.draft = body.definition as unknown as Prisma.InputJsonValue;
        if (action === 'submit') Object.assign(data, { submittedAt: now, submittedById: user.id });
        if (action === 'approve' || action === 'reject')
          Object.assign(data, {
            decidedAt: now,
            decidedById: user.id,
            approved: action === 'approve',
            decisionComment: body.comment ?? null,
          });
        if (action === 'approve')
          Object.assign(data, {
            active: row.draft as Prisma.InputJsonValue,
            activeVersion: row.activeVersion + 1,
          });
        await tx.cadenceRule.update({ where: { id }, data });
      },
      audit: () => ({
        before: {
          status: row.status,
          version: row.version,
          ...(action === 'edit' ? { draft: row.draft } : {}),
        },
        after: {
          status: CADENCE_RULE_WORKFLOW.transitions[action].to,
          ...(action === 'edit' ? { draft: body.definition } : {}),
          ...(action === 'approve' ? { activeVersion: row.activeVersion + 1 } : {}),
          ...(body.comment ? { comment: body.comment } : {}),
        },
      }),
      notifications: async () => {
        const name = definitionOf(row.draft).name;
        if (action === 'submit') {
          // the managers who approve it are told
          const managers = await tx.user.findMany({
            where: { organizationId: actor.organizationId, active: true },
            select: { id: true, role: true },
          });
          return [
            {
              userIds: managers.filter((m) => can(m.role, 'cadence:approve')).map((m) => m.id),
              type: 'CADENCE_RULE_SUBMITTED',
              entity: 'CadenceRule',
              entityId: id,
              payload: { name, by: user.name },
            },
          ];
        }
        if ((action === 'approve' || action === 'reject') && row.submittedById)
          return [
            {
              userIds: [row.submittedById],
              type: 'CADENCE_RULE_DECIDED',
              entity: 'CadenceRule',
              entityId: id,
              payload: { name, by: user.name, approved: action === 'approve', comment: body.comment ?? null },
            },
          ];
        return [];
      },
    });
    return getCadenceRule(tx, actor, id);
  });
}
