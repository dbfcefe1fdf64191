// The daily run of the cadence rules (docs/rules.md#r-cad-4-the-daily-run): for each organisation,
// the visits its standing rules (approved, on) call for today — due today, or due earlier with their
// window still open — become tasks of the rule's team, spread by load; visits of cancelled events
// are taken back. Scheduled hourly (jobs/boss.ts) and idempotent: a visit's key is made once, so a
// run that comes again, late or twice does nothing more; it is judged on the organisation's day of
// the instant the run was handed, never on the machine's clock.
import { randomUUID } from 'node:crypto';
import type { TCadenceDefinition, TCadenceVisitReason } from '@huifang/contracts';
import {
  addDays,
  type CadenceEvent,
  contactAllowed,
  dayIn,
  dueVisits,
  eventReachDays,
  OPEN_TASK_STATUSES,
  spreadOverCallers,
} from '@huifang/domain';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import { systemActor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { notify } from '../../lib/notify.ts';
import { contactDaysOf, contactPolicyOf } from '../contact-policy/service.ts';
import { definitionOf, engineRule } from './service.ts';

export interface CadenceRunResult {
  organizationId: string;
  /** the organisation's day the run judged */
  day: string;
  /** visits due (today, or late with their window open) and not made before */
  due: number;
  tasks: number;
  /** not made: the customer refuses visits (recorded, not asked again) */
  suppressed: number;
  /** not made this time: the customer has an open task, or nobody can take it (asked again next run) */
  postponed: number;
  /** open tasks taken back because their event was cancelled */
  withdrawn: number;
}

export interface Standing {
  id: string;
  seed: number;
  version: number;
  approvedBy: string;
  def: TCadenceDefinition;
}

export async function runCadence(prisma: PrismaClient, now: Date): Promise<CadenceRunResult[]> {
  const orgs = await prisma.organization.findMany({ select: { id: true, timezone: true } });
  const out: CadenceRunResult[] = [];
  for (const org of orgs) out.push(await runCadenceFor(prisma, org, now));
  return out;
}

/**
 * One organisation's run at `now`. With `customerId`, only that customer's events are read: a run
 * right after an event is recorded, so that a visit due today does not wait for the hourly run.
 */
export async function runCadenceFor(
  prisma: PrismaClient,
  org: { id: string; timezone: string },
  now: Date,
  only: { customerId?: string } = {},
): Promise<CadenceRunResult> {
  const today = dayIn(now, org.timezone);
  const result: CadenceRunResult = {
    organizationId: org.id,
    day: today,
    due: 0,
    tasks: 0,
    suppressed: 0,
    postponed: 0,
    withdrawn: 0,
  };
  return prisma.$transaction(
    async (tx) => {
      // one run per organisation at a time, whichever process runs it
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('cadence-run'), hashtext(${org.id}))`;
      const standing = await standingRules(tx, org.id);
      if (standing.length === 0) return result;
      const events = await eventsInReach(tx, org.id, standing, today, only.customerId);
      // postponed visits are asked again while their window lasts: not "made"
      const made = new Set(
        (
          await tx.cadenceVisit.findMany({
            where: {
              organizationId: org.id,
              ruleId: { in: standing.map((r) => r.id) },
              status: { not: 'POSTPONED' },
            },
            select: { key: true },
          })
        ).map((v) => v.key),
      );
      const periodic = standing.some((r) => r.def.trigger.kind === 'EVERY_MONTHS');
      const tiers = periodic ? await tiersOf(tx, org.id, events) : undefined;
      const found = dueVisits({
        rules: standing.map((r) => engineRule(r.id, r.seed, r.def)),
        events,
        from: today,
        to: today,
        made,
        ...(tiers ? { tiers } : {}),
        listSkipped: false,
      });
      const actor = systemActor(org.id, now, 'cadence-run');
      result.withdrawn = await withdraw(tx, org.id, found.withdraw, now);
      // a visit waiting for a cancelled event will never be made
      await tx.$executeRaw`
        UPDATE "CadenceVisit" v SET status = 'WITHDRAWN', reason = 'EVENT_CANCELLED', "updatedAt" = ${now}
          FROM "CustomerEvent" e
         WHERE v."organizationId" = ${org.id}::uuid AND v.status = 'POSTPONED'
           AND e.id = v."eventId" AND e."cancelledAt" IS NOT NULL`;
      result.due = found.due.length;
      if (found.due.length) {
        const byRule = new Map(standing.map((r) => [r.id, r]));
        const decided = await decide(tx, org, found.due, today);
        await record(tx, org.id, byRule, decided.notMade, now);
        result.suppressed = decided.notMade.filter((n) => n.status === 'SUPPRESSED').length;
        const given = await giveTasks(tx, org.id, decided.toMake, byRule, today, now);
        await record(tx, org.id, byRule, given.noDoer, now);
        result.tasks = given.count;
        result.postponed = decided.notMade.length - result.suppressed + given.noDoer.length;
        for (const [userId, rules] of given.perAssignee)
          await notify(tx, actor, {
            userIds: [userId],
            type: 'TASK_FROM_RULE',
            payload: {
              count: [...rules.values()].reduce((a, b) => a + b, 0),
              rule: [...rules.keys()].join('、'),
            },
          });
      }
      if (result.tasks || result.suppressed || result.withdrawn)
        await audit(tx, actor, {
          action: 'CADENCE_RUN',
          entity: 'Organization',
          entityId: org.id,
          after: result,
        });
      return result;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

type DueVisit = ReturnType<typeof dueVisits>['due'][number];
interface NotMade {
  v: DueVisit;
  status: 'SUPPRESSED' | 'POSTPONED';
  reason: TCadenceVisitReason;
  notBefore?: string;
}

/**
 * Which due visits become tasks now and which not, with the reason (docs/rules.md#r-cad-6-contact-policy):
 * a customer who refuses visits gets none; a customer at the contact cap waits for the day it frees
 * up, or gets none when that day is past the visit's window; a customer keeps one open task — the
 * first visit of the run takes it, the others wait.
 */
async function decide(
  tx: Tx,
  org: { id: string; timezone: string },
  due: DueVisit[],
  today: string,
): Promise<{ toMake: DueVisit[]; notMade: NotMade[] }> {
  const ids = [...new Set(due.map((v) => v.customerId))];
  const customers = new Map(
    (
      await tx.customer.findMany({
        where: { id: { in: ids } },
        select: {
          id: true,
          refusesVisits: true,
          visitsPausedAt: true,
          tasks: { where: { status: { in: [...OPEN_TASK_STATUSES] } }, select: { id: true }, take: 1 },
        },
      })
    ).map((c) => [
      c.id,
      // a customer flagged for abusing staff is skipped like one who refuses visits (R-DISC-2)
      { refuses: c.refusesVisits || c.visitsPausedAt !== null, busy: c.tasks.length > 0 },
    ]),
  );
  const policy = await contactPolicyOf(tx, org.id);
  const contacts = await contactDaysOf(tx, org, policy, ids, today);
  const toMake: DueVisit[] = [];
  const notMade: NotMade[] = [];
  for (const v of due) {
    const c = customers.get(v.customerId);
    if (!c) continue;
    if (c.refuses) {
      notMade.push({ v, status: 'SUPPRESSED', reason: 'REFUSED_VISITS' });
      continue;
    }
    const cap = contactAllowed(policy, contacts.get(v.customerId) ?? [], today);
    if (!cap.ok)
      notMade.push(
        cap.notBefore > v.windowEnd
          ? { v, status: 'SUPPRESSED', reason: 'CONTACT_CAP', notBefore: cap.notBefore }
          : { v, status: 'POSTPONED', reason: 'CONTACT_CAP', notBefore: cap.notBefore },
      );
    else if (c.busy) notMade.push({ v, status: 'POSTPONED', reason: 'OPEN_TASK' });
    else {
      c.busy = true;
      toMake.push(v);
    }
  }
  return { toMake, notMade };
}

/**
 * Records the visits not made, in one statement. A visit postponed before is updated (reason, day);
 * one made, suppressed or withdrawn before is never touched again.
 */
async function record(
  tx: Tx,
  organizationId: string,
  rules: Map<string, Standing>,
  rows: NotMade[],
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  const data = rows.map(({ v, status, reason, notBefore }) => ({
    id: randomUUID(),
    ruleId: v.ruleId,
    ruleVersion: rules.get(v.ruleId)!.version,
    eventId: v.eventId,
    customerId: v.customerId,
    key: v.key,
    dueDay: v.dueDay,
    windowEnd: v.windowEnd,
    status,
    reason,
    notBefore: notBefore ?? null,
  }));
  await tx.$executeRaw`
    INSERT INTO "CadenceVisit" (id, "organizationId", "ruleId", "ruleVersion", "eventId", "customerId", key,
                                "dueDay", "windowEnd", status, reason, "notBefore", "createdAt", "updatedAt")
    SELECT d.id, ${organizationId}::uuid, d."ruleId", d."ruleVersion", d."eventId", d."customerId", d.key,
           d."dueDay", d."windowEnd", d.status, d.reason, d."notBefore", ${now}, ${now}
      FROM jsonb_to_recordset(${JSON.stringify(data)}::jsonb) AS d(id uuid, "ruleId" uuid, "ruleVersion" int,
           "eventId" uuid, "customerId" uuid, key text, "dueDay" date, "windowEnd" date, status text,
           reason text, "notBefore" date)
    ON CONFLICT ("organizationId", key) DO UPDATE
       SET status = EXCLUDED.status, reason = EXCLUDED.reason, "notBefore" = EXCLUDED."notBefore",
           "ruleVersion" = EXCLUDED."ruleVersion", "updatedAt" = EXCLUDED."updatedAt"
     WHERE "CadenceVisit".status = 'POSTPONED'`;
}

/** The rules with an approved version that is on, as that version says. */
export async function standingRules(tx: Tx | PrismaClient, organizationId: string): Promise<Standing[]> {
  const rows = await tx.cadenceRule.findMany({
    where: { organizationId, activeVersion: { gt: 0 } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return rows
    .filter((r) => r.active !== null)
    .map((r) => ({
      id: r.id,
      seed: r.seed,
      version: r.activeVersion,
      approvedBy: r.decidedById ?? '',
      def: definitionOf(r.active),
    }))
    .filter((r) => r.def.enabled && r.approvedBy);
}

/** The events of the rules' kinds recent enough to call for a visit today (all of them for periodic rules). */
export async function eventsInReach(
  tx: Tx | PrismaClient,
  organizationId: string,
  rules: Standing[],
  today: string,
  customerId: string | undefined,
): Promise<CadenceEvent[]> {
  const reach = new Map<string, number>();
  for (const r of rules) {
    const k = r.def.trigger.eventKind;
    reach.set(k, Math.max(reach.get(k) ?? 0, eventReachDays(r.def.trigger)));
  }
  // read as text straight from the statement: hundreds of thousands of purchases for the periodic
  // rules, where building the ORM's objects cost more than the reading (BENCHMARKS.md)
  const kinds = [...reach].map(([kind, days]) => ({
    kind,
    since: Number.isFinite(days) ? addDays(today, -days) : '0001-01-01',
  }));
  const rows = await tx.$queryRaw<
    Array<{ id: string; customerId: string; kind: string; day: string; cancelled: boolean }>
  >`
    SELECT e.id::text AS id, e."customerId"::text AS "customerId", e.kind, to_char(e.day, 'YYYY-MM-DD') AS day,
           e."cancelledAt" IS NOT NULL AS cancelled
      FROM "CustomerEvent" e
      JOIN jsonb_to_recordset(${JSON.stringify(kinds)}::jsonb) AS k(kind text, since date) ON k.kind = e.kind
     WHERE e."organizationId" = ${organizationId}::uuid AND e.day >= k.since
       AND (${customerId ?? null}::uuid IS NULL OR e."customerId" = ${customerId ?? null}::uuid)`;
  return rows;
}

export async function tiersOf(
  tx: Tx | PrismaClient,
  organizationId: string,
  events: CadenceEvent[],
): Promise<Map<string, string>> {
  // every customer of the organisation when the events are many (no list of ids to send), else theirs
  const ids = [...new Set(events.map((e) => e.customerId))];
  const rows =
    ids.length > 1000
      ? await tx.$queryRaw<Array<{ id: string; tier: string }>>`
          SELECT id::text AS id, tier::text AS tier FROM "Customer" WHERE "organizationId" = ${organizationId}::uuid`
      : await tx.customer.findMany({
          where: { organizationId, id: { in: ids } },
          select: { id: true, tier: true },
        });
  return new Map(rows.map((c) => [c.id, c.tier]));
}

/** Cancels the open tasks of cancelled events' visits; a visit already attempted or done stays. */
async function withdraw(tx: Tx, organizationId: string, keys: string[], now: Date): Promise<number> {
  if (keys.length === 0) return 0;
  const visits = await tx.cadenceVisit.findMany({
    where: { organizationId, key: { in: keys }, status: 'TASK', taskId: { not: null } },
    select: { id: true, taskId: true },
  });
  let n = 0;
  for (const v of visits) {
    const done = await tx.task.updateMany({
      where: { id: v.taskId!, status: 'PENDING', attempts: 0 },
      data: { status: 'CANCELLED', version: { increment: 1 }, updatedAt: now },
    });
    if (done.count === 0) continue;
    await tx.cadenceVisit.update({
      where: { id: v.id },
      data: { status: 'WITHDRAWN', reason: 'EVENT_CANCELLED', updatedAt: now },
    });
    n++;
  }
  return n;
}

/** Who may make a rule's visits: the team's callers, its lead, or the managers; active ones only. */
async function doersOf(tx: Tx, organizationId: string, def: TCadenceDefinition): Promise<string[]> {
  if (def.doer === 'MANAGER') {
    const managers = await tx.user.findMany({
      where: { organizationId, role: 'MANAGER', active: true },
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    return managers.map((u) => u.id);
  }
  if (def.doer === 'LEAD') {
    const teams = await tx.team.findMany({
      where: { organizationId, ...(def.teamId ? { id: def.teamId } : {}), leaderId: { not: null } },
      select: { leaderId: true },
    });
    const leads = await tx.user.findMany({
      where: { id: { in: teams.map((t) => t.leaderId!) }, active: true },
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    return leads.map((u) => u.id);
  }
  const callers = await tx.user.findMany({
    where: { organizationId, role: 'CALLER', active: true, ...(def.teamId ? { teamId: def.teamId } : {}) },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  return callers.map((u) => u.id);
}

/** Tasks for the visits, spread over each rule's doers by their open tasks; the count and who got what. */
async function giveTasks(
  tx: Tx,
  organizationId: string,
  visits: ReturnType<typeof dueVisits>['due'],
  rules: Map<string, Standing>,
  today: string,
  now: Date,
): Promise<{ count: number; perAssignee: Map<string, Map<string, number>>; noDoer: NotMade[] }> {
  const perAssignee = new Map<string, Map<string, number>>();
  const noDoer: NotMade[] = [];
  let count = 0;
  const byRule = new Map<string, typeof visits>();
  for (const v of visits) byRule.set(v.ruleId, [...(byRule.get(v.ruleId) ?? []), v]);
  for (const [ruleId, list] of byRule) {
    const rule = rules.get(ruleId)!;
    const doers = await doersOf(tx, organizationId, rule.def);
    if (doers.length === 0) {
      noDoer.push(...list.map((v) => ({ v, status: 'POSTPONED' as const, reason: 'NO_DOER' as const })));
      continue;
    }
    const load = new Map(
      (
        await tx.task.groupBy({
          by: ['assigneeId'],
          where: { assigneeId: { in: doers }, status: { in: [...OPEN_TASK_STATUSES] } },
          _count: { _all: true },
        })
      ).map((g) => [g.assigneeId, g._count._all]),
    );
    const to = spreadOverCallers(
      list.map((v) => v.key),
      doers,
      load,
    );
    const rows = list.map((v) => ({ v, taskId: randomUUID(), assigneeId: to.get(v.key)! }));
    // Three set-based statements fed by one JSON parameter each: the ORM's createMany took ≈ 1.5 ms a
    // row for the tasks (15 000 value-tier visits on a day: 22 s; BENCHMARKS.md "Cadence daily run").
    const data = JSON.stringify(
      rows.map(({ v, taskId, assigneeId }) => ({
        taskId,
        assigneeId,
        customerId: v.customerId,
        eventId: v.eventId,
        key: v.key,
        dueDay: v.dueDay,
        windowEnd: v.windowEnd,
        // a visit found late is due today, within what is left of its window
        dueDate: v.dueDay < today ? today : v.dueDay,
      })),
    );
    await tx.$executeRaw`
      INSERT INTO "Task" (id, "organizationId", "customerId", "assigneeId", purpose, "questionnaireId", channel,
                          "windowFrom", "windowTo", "dueDate", "createdAt", "updatedAt")
      SELECT d."taskId", ${organizationId}::uuid, d."customerId", d."assigneeId", ${rule.def.purpose},
             ${rule.def.questionnaireId}::uuid, ${rule.def.channel}::"Channel", d."dueDay", d."windowEnd", d."dueDate",
             ${now}, ${now}
        FROM jsonb_to_recordset(${data}::jsonb)
             AS d("taskId" uuid, "assigneeId" uuid, "customerId" uuid, "dueDay" date, "windowEnd" date, "dueDate" date)`;
    // assigned under the rule the manager approved
    await tx.$executeRaw`
      INSERT INTO "TaskAssignment" (id, "taskId", "fromUserId", "toUserId", "byUserId", reason, "createdAt")
      SELECT gen_random_uuid(), d."taskId", NULL, d."assigneeId", ${rule.approvedBy}::uuid, 'CADENCE_RULE', ${now}
        FROM jsonb_to_recordset(${data}::jsonb) AS d("taskId" uuid, "assigneeId" uuid)`;
    // the ledger: a visit postponed before is made now, its row becomes the task's
    await tx.$executeRaw`
      INSERT INTO "CadenceVisit" (id, "organizationId", "ruleId", "ruleVersion", "eventId", "customerId", key,
                                  "dueDay", "windowEnd", status, reason, "notBefore", "taskId", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), ${organizationId}::uuid, ${ruleId}::uuid, ${rule.version}, d."eventId", d."customerId",
             d.key, d."dueDay", d."windowEnd", 'TASK', NULL, NULL, d."taskId", ${now}, ${now}
        FROM jsonb_to_recordset(${data}::jsonb)
             AS d("taskId" uuid, "customerId" uuid, "eventId" uuid, key text, "dueDay" date, "windowEnd" date)
      ON CONFLICT ("organizationId", key) DO UPDATE
         SET status = 'TASK', reason = NULL, "notBefore" = NULL, "taskId" = EXCLUDED."taskId",
             "ruleVersion" = EXCLUDED."ruleVersion", "updatedAt" = EXCLUDED."updatedAt"
       WHERE "CadenceVisit".status = 'POSTPONED'`;
    for (const { assigneeId } of rows) {
      const mine = perAssignee.get(assigneeId) ?? new Map<string, number>();
      mine.set(rule.def.name, (mine.get(rule.def.name) ?? 0) + 1);
      perAssignee.set(assigneeId, mine);
    }
    count += rows.length;
  }
  return { count, perAssignee, noDoer };
}
