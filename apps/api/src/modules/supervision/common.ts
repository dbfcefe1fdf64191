// Shared pieces of the supervision module: the organisation's policy, rubric JSON, mappers.
import {
  type TAppeal,
  type TCriterionScore,
  type TFinding,
  type TRole,
  type TRubricCriterion,
  ZCriterionScore,
  ZRubricCriterion,
} from '@huifang/contracts';
import { APPEAL_WORKFLOW, actionsFor } from '@huifang/domain';
import { z } from 'zod';
import type { Tx } from '../../db/prisma.ts';
import { iso, person } from '../visits/mappers.ts';

export { userNames } from '../visits/mappers.ts';
export { iso, person };

export interface Policy {
  passThreshold: number;
  appealWindowDays: number;
}

/** The organisation's supervision settings (the row is created with defaults when missing). */
export async function policyOf(db: Tx, organizationId: string): Promise<Policy> {
  const row =
    (await db.orgPolicy.findUnique({ where: { organizationId } })) ??
    (await db.orgPolicy.upsert({ where: { organizationId }, create: { organizationId }, update: {} }));
  return { passThreshold: row.passThreshold, appealWindowDays: row.appealWindowDays };
}

const ZCriteria = z.array(ZRubricCriterion);
export function criteriaOf(json: unknown): TRubricCriterion[] {
  const parsed = ZCriteria.safeParse(json);
  return parsed.success ? parsed.data : [];
}

const ZScores = z.array(ZCriterionScore);
export function scoresOf(json: unknown): TCriterionScore[] {
  const parsed = ZScores.safeParse(json);
  return parsed.success ? parsed.data : [];
}

export const findingsOf = (list: string[]): TFinding[] => list as TFinding[];

/** The instant until which the caller may appeal an inspection submitted at `submittedAt`. */
export function appealDeadline(submittedAt: Date | null, policy: Policy): Date | null {
  return submittedAt ? new Date(submittedAt.getTime() + policy.appealWindowDays * 86_400_000) : null;
}

export interface AppealRow {
  id: string;
  inspectionId: string;
  callerId: string;
  reason: string;
  items: unknown;
  status: TAppeal['status'];
  decisions: unknown;
  decidedById: string | null;
  decisionReason: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

/**
 * An appeal as the API shows it; `decides`: the user acts at the organisation's appeal step (R-CHAIN-4),
 * without which the workflow's actions are all false whatever the role.
 */
export function toAppeal(a: AppealRow, names: Map<string, string>, role: TRole, decides = true): TAppeal {
  return {
    id: a.id,
    inspectionId: a.inspectionId,
    caller: person(names, a.callerId),
    reason: a.reason,
    items: Array.isArray(a.items) ? (a.items as TAppeal['items']) : [],
    status: a.status,
    decisions: Array.isArray(a.decisions) ? (a.decisions as TAppeal['decisions']) : [],
    decidedBy: a.decidedById ? person(names, a.decidedById) : null,
    decisionReason: a.decisionReason,
    decidedAt: iso(a.decidedAt),
    createdAt: a.createdAt.toISOString(),
    can: decides
      ? actionsFor(APPEAL_WORKFLOW, a.status, role)
      : { uphold: false, overturn: false, overturnItems: false },
  };
}

/** The ids of the organisation's active users who act at a step (a role, and a title when it names one). */
export async function activeUsersAtStep(
  db: Tx,
  organizationId: string,
  step: { role: TRole; title: string | null },
): Promise<string[]> {
  const rows = await db.user.findMany({
    where: { organizationId, role: step.role, active: true, ...(step.title ? { title: step.title } : {}) },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
