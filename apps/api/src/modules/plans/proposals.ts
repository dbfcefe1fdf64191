// Rule proposals (docs/rules.md#r-cad-7-rule-proposals): the visits the organisation's cadence rules
// not approved ask for in a plan's month, for the lead to take into the plan; taken, they are PLANNED
// in the rules' ledger (CadenceVisit), so that no plan proposes them again and the daily run does not
// make them when the rule is approved later. The plan's approval makes their tasks like any item's.
import type {
  TCadenceDefinition,
  TPlanProposal,
  TPlanProposals,
  TPlanProposalsAddResult,
  ZPlanProposalsAdd,
} from '@huifang/contracts';
import { PLAN_PROPOSALS_SHOWN } from '@huifang/contracts';
import {
  addDays,
  dateToDay,
  dayIn,
  dayToDate,
  eventReachDays,
  maskPhone,
  monthBounds,
  proposingDefinition,
  type RuleProposal,
  ruleProposals,
} from '@huifang/domain';
import type { z } from 'zod';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, ruleViolation } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { definitionOf, engineRule } from '../cadence/service.ts';
import { assertEditable, loadPlan, lockForEdit, type PlanRow } from './access.ts';
import { rebalance } from './items.ts';

type Db = PrismaClient | Tx;

interface Proposing {
  id: string;
  /** the approved versions so far (0: never approved) */
  version: number;
  seed: number;
  def: TCadenceDefinition;
}

interface Found {
  visit: RuleProposal;
  rule: Proposing;
  eventKind: string;
  eventDay: string;
  customer: { id: string; name: string; phone: string; tier: TPlanProposal['customer']['tier'] };
}

/**
 * The proposals for the plan, in the engine's order (due day, key): visits of the rules that
 * propose for the plan's team, not in the ledger yet, for customers not in this plan, not in another
 * open plan of the month and not refusing visits.
 */
async function proposalsFor(
  db: Db,
  plan: Pick<PlanRow, 'id' | 'organizationId' | 'teamId' | 'month'>,
  today: string,
): Promise<Found[]> {
  const rules: Proposing[] = [];
  for (const r of await db.cadenceRule.findMany({
    where: { organizationId: plan.organizationId },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  })) {
    const def = proposingDefinition(
      { active: r.active === null ? null : definitionOf(r.active), draft: definitionOf(r.draft) },
      plan.teamId,
    );
    if (def) rules.push({ id: r.id, version: r.activeVersion, seed: r.seed, def });
  }
  if (rules.length === 0) return [];
  const { first, last } = monthBounds(plan.month);
  if (today > last) return [];
  // events old enough to ask for nothing in the month are not read (periodic rules read them all)
  const since = new Map<string, string>();
  for (const r of rules) {
    const reach = eventReachDays(r.def.trigger);
    const day = Number.isFinite(reach) ? addDays(first, -reach) : '0001-01-01';
    const k = r.def.trigger.eventKind;
    if (!since.has(k) || day < since.get(k)!) since.set(k, day);
  }
  const events = await db.customerEvent.findMany({
    where: {
      organizationId: plan.organizationId,
      cancelledAt: null,
      day: { lte: dayToDate(last) },
      OR: [...since].map(([kind, day]) => ({ kind, day: { gte: dayToDate(day) } })),
    },
    select: { id: true, customerId: true, kind: true, day: true },
  });
  const byEvent = new Map(events.map((e) => [e.id, { kind: e.kind, day: dateToDay(e.day) }]));
  const made = new Set(
    (
      await db.cadenceVisit.findMany({
        where: { organizationId: plan.organizationId, ruleId: { in: rules.map((r) => r.id) } },
        select: { key: true },
      })
    ).map((v) => v.key),
  );
  const periodic = rules.some((r) => r.def.trigger.kind === 'EVERY_MONTHS');
  const customerIds = [...new Set(events.map((e) => e.customerId))];
  const tiers = periodic
    ? new Map(
        (
          await db.customer.findMany({
            where: { organizationId: plan.organizationId, id: { in: customerIds } },
            select: { id: true, tier: true },
          })
        ).map((c) => [c.id, c.tier as string]),
      )
    : undefined;
  const found = ruleProposals({
    rules: rules.map((r) => engineRule(r.id, r.seed, r.def)),
    events: events.map((e) => ({
      id: e.id,
      customerId: e.customerId,
      kind: e.kind,
      day: dateToDay(e.day),
      cancelled: false,
    })),
    month: plan.month,
    today,
    made,
    ...(tiers ? { tiers } : {}),
  });
  if (found.length === 0) return [];
  const customers = new Map(
    (
      await db.customer.findMany({
        where: {
          organizationId: plan.organizationId,
          id: { in: [...new Set(found.map((v) => v.customerId))] },
          refusesVisits: false,
          // in this plan, or in another open plan of the month (it would get a second caller)
          planItems: {
            none: {
              plan: { month: plan.month, status: { in: ['DRAFT', 'REJECTED', 'SUBMITTED'] } },
            },
          },
        },
        select: { id: true, name: true, phone: true, tier: true },
      })
    ).map((c) => [c.id, c]),
  );
  const byRule = new Map(rules.map((r) => [r.id, r]));
  const out: Found[] = [];
  for (const v of found) {
    const c = customers.get(v.customerId);
    if (!c) continue;
    const e = byEvent.get(v.eventId)!;
    out.push({ visit: v, rule: byRule.get(v.ruleId)!, eventKind: e.kind, eventDay: e.day, customer: c });
  }
  return out;
}

const todayOf = (actor: Actor, user: SessionUser) => dayIn(actor.now, user.timezone);

export async function listProposals(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  planId: string,
): Promise<TPlanProposals> {
  const plan = await loadPlan(prisma, user, planId);
  assertEditable(plan);
  const found = await proposalsFor(prisma, plan, todayOf(actor, user));
  return {
    items: found.slice(0, PLAN_PROPOSALS_SHOWN).map((f) => ({
      key: f.visit.key,
      rule: { id: f.rule.id, name: f.rule.def.name },
      customer: { ...f.customer, phone: maskPhone(f.customer.phone) },
      eventKind: f.eventKind,
      eventDay: f.eventDay,
      dueDay: f.visit.dueDay,
      windowFrom: f.visit.windowFrom,
      windowTo: f.visit.windowTo,
    })),
    total: found.length,
  };
}

/**
 * Takes the proposals with these keys into the plan (one item each, from the rule: purpose, channel,
 * questionnaire; the window clipped to the month), records them PLANNED and balances the plan, in
 * one transaction under the plan's lock and version. 422 when a key is not a proposal of the plan now,
 * or two are one customer's (a plan visits a customer once); 409 when the version is stale, or another
 * plan or the daily run took one of them meanwhile. Nothing changes then.
 */
export async function addProposals(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  planId: string,
  body: z.output<typeof ZPlanProposalsAdd>,
): Promise<TPlanProposalsAddResult> {
  assertEditable(await loadPlan(prisma, user, planId));
  const keys = [...new Set(body.keys)];
  return prisma.$transaction(async (tx) => {
    const locked = await lockForEdit(tx, actor, user, planId, body.version);
    const found = new Map(
      (await proposalsFor(tx, locked, todayOf(actor, user))).map((f) => [f.visit.key, f]),
    );
    const unknown = keys.filter((k) => !found.has(k));
    if (unknown.length)
      throw ruleViolation('Not a proposal of this plan (made, planned, or no longer due)', {
        reason: 'NOT_PROPOSED',
        keys: unknown,
      });
    const chosen = keys.map((k) => found.get(k)!);
    const seen = new Set<string>();
    const twice: string[] = [];
    for (const f of chosen) {
      if (seen.has(f.customer.id)) twice.push(f.visit.key);
      seen.add(f.customer.id);
    }
    if (twice.length)
      throw ruleViolation('A plan visits a customer once: choose one visit per customer', {
        reason: 'SAME_CUSTOMER',
        keys: twice,
      });
    const items = await tx.planItem.createMany({
      data: chosen.map((f) => ({
        planId,
        customerId: f.customer.id,
        purpose: f.rule.def.purpose,
        questionnaireId: f.rule.def.questionnaireId,
        channel: f.rule.def.channel,
        windowFrom: dayToDate(f.visit.windowFrom),
        windowTo: dayToDate(f.visit.windowTo),
        dueDate: dayToDate(f.visit.windowFrom),
        callerId: null,
        manual: false,
        ruleId: f.rule.id,
        cadenceKey: f.visit.key,
        createdAt: actor.now,
      })),
      skipDuplicates: true,
    });
    const visits = await tx.cadenceVisit.createMany({
      data: chosen.map((f) => ({
        organizationId: user.organizationId,
        ruleId: f.rule.id,
        ruleVersion: f.rule.version,
        eventId: f.visit.eventId,
        customerId: f.customer.id,
        key: f.visit.key,
        dueDay: dayToDate(f.visit.dueDay),
        windowEnd: dayToDate(f.visit.windowEnd),
        status: 'PLANNED',
        createdAt: actor.now,
        updatedAt: actor.now,
      })),
      skipDuplicates: true,
    });
    // someone else took one meanwhile: another plan, or the daily run of a rule approved just now
    if (items.count !== chosen.length || visits.count !== chosen.length)
      throw conflict('Some of these visits were just taken elsewhere: reload the proposals', {
        reason: 'TAKEN',
      });
    // a customer left out of the plan before is in it now
    await tx.planExclusion.deleteMany({
      where: { planId, customerId: { in: chosen.map((f) => f.customer.id) } },
    });
    const balance = await rebalance(tx, locked);
    const result = { added: chosen.length, unassigned: balance.unassigned };
    await audit(tx, actor, {
      action: 'PLAN_PROPOSALS_ADD',
      entity: 'VisitPlan',
      entityId: planId,
      after: {
        visits: chosen.map((f) => ({ key: f.visit.key, ruleId: f.rule.id, customerId: f.customer.id })),
        ...result,
      },
    });
    return result;
  });
}

/**
 * On the plan's approval: the PLANNED visits of its items that got a task become TASK with it; those
 * left out (the customer refuses visits by now, or has an open task) are freed, to be proposed again
 * or made by the rule once approved.
 */
export async function settlePlannedVisits(tx: Tx, organizationId: string, planId: string, now: Date) {
  await tx.$executeRaw`
    UPDATE "CadenceVisit" v SET status = 'TASK', "taskId" = t.id, "updatedAt" = ${now}
      FROM "PlanItem" pi JOIN "Task" t ON t."planId" = pi."planId" AND t."customerId" = pi."customerId"
     WHERE pi."planId" = ${planId}::uuid AND pi."cadenceKey" = v.key
       AND v."organizationId" = ${organizationId}::uuid AND v.status = 'PLANNED'`;
  await tx.$executeRaw`
    DELETE FROM "CadenceVisit" v USING "PlanItem" pi
     WHERE pi."planId" = ${planId}::uuid AND pi."cadenceKey" = v.key
       AND v."organizationId" = ${organizationId}::uuid AND v.status = 'PLANNED'`;
}

/** A PLANNED visit whose item left the plan may be proposed again. */
export async function freePlannedVisit(tx: Tx, organizationId: string, key: string | null) {
  if (key) await tx.cadenceVisit.deleteMany({ where: { organizationId, key, status: 'PLANNED' } });
}

/** The names of the rules that proposed items (the approved version's, else the draft's). */
export async function ruleNames(db: Db, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((i): i is string => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.cadenceRule.findMany({
    where: { id: { in: wanted } },
    select: { id: true, active: true, draft: true },
  });
  return new Map(rows.map((r) => [r.id, definitionOf(r.active ?? r.draft).name]));
}
