// Rule proposals (docs/rules.md#r-cad-7-rule-proposals): a rule not approved proposes its visits in
// next month's plan; the lead takes them in; they are not proposed twice; the plan's approval makes
// their tasks and the rule approved later makes no second one; an item deleted frees its proposal.
import type { TPlanProposals } from '@huifang/contracts';
import { addMonths, monthIn, zonedTime } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { recordEvent, setupTestApp } from '../../../test/helper.ts';
import { runCadenceFor } from '../cadence/run.ts';

const TZ = 'Asia/Shanghai';
const month = addMonths(monthIn(testNow(), TZ), 1);
const d = (day: number) => `${month}-${String(day).padStart(2, '0')}`;

describe('plan proposals from cadence rules not approved', async () => {
  const t = await setupTestApp();
  const org = await t.prisma.organization.findFirstOrThrow({ select: { id: true, timezone: true } });
  const lead = 'lead@demo.local';
  // customers with no events, tasks, plans or refusal: only this file's events concern them
  const [c1, c2, c3] = (
    await t.prisma.customer.findMany({
      where: {
        refusesVisits: false,
        events: { none: {} },
        tasks: { none: {} },
        planItems: { none: {} },
      },
      orderBy: { id: 'asc' },
      take: 3,
      select: { id: true },
    })
  ).map((c) => c.id);
  const rule = (code: string) =>
    t.prisma.cadenceRule.findFirstOrThrow({ where: { organizationId: org.id, code } });
  const approveRule = async (code: string) => {
    const r = await rule(code);
    const s = await t.as('admin@demo.local', {
      method: 'POST',
      url: `/api/cadence-rules/${r.id}/submit`,
      payload: { version: r.version },
    });
    expect(s.statusCode).toBe(200);
    const a = await t.as('manager@demo.local', {
      method: 'POST',
      url: `/api/cadence-rules/${r.id}/approve`,
      payload: { version: r.version + 1 },
    });
    expect(a.statusCode).toBe(200);
  };
  const event = (customerId: string, kind: string, day: string, cancelled = false) =>
    recordEvent(t.prisma, {
      organizationId: org.id,
      customerId,
      kind,
      day,
      createdAt: testNow(),
      ...(cancelled ? { cancelledAt: testNow() } : {}),
    });
  const proposals = async (planId: string, email = lead) => {
    const res = await t.as(email, { method: 'GET', url: `/api/plans/${planId}/proposals` });
    expect(res.statusCode).toBe(200);
    return res.json() as TPlanProposals;
  };
  const mine = (items: TPlanProposals['items']) => items.filter((p) => [c1, c2, c3].includes(p.customer.id));
  const take = (planId: string, payload: Record<string, unknown>, email = lead) =>
    t.as(email, { method: 'POST', url: `/api/plans/${planId}/proposals`, payload });
  const version = async (planId: string) =>
    (await t.prisma.visitPlan.findUniqueOrThrow({ where: { id: planId } })).version;
  const snapshot = async (planId: string) => ({
    items: await t.prisma.planItem.count({ where: { planId } }),
    visits: await t.prisma.cadenceVisit.count({ where: { status: 'PLANNED' } }),
    version: await version(planId),
  });

  let planId: string;
  let surgeryId: string;
  let surgeryRule: string;
  beforeAll(async () => {
    // the discharge rule stands (approved): its visits become tasks, never proposals
    await approveRule('DISCHARGE_3D');
    surgeryRule = (await rule('SURGERY_3D_1W_1M')).id;
    surgeryId = (await event(c1!, 'SURGERY', d(10))).id;
    await event(c2!, 'DISCHARGE', d(10));
    await event(c3!, 'SURGERY', d(12), true);
    const res = await t.as(lead, { method: 'POST', url: '/api/plans', payload: { month } });
    expect(res.statusCode).toBe(201);
    planId = res.json().id;
  });

  it('proposes the visits of a draft rule in the plan’s month, not a standing rule’s nor a cancelled event’s', async () => {
    const list = mine((await proposals(planId)).items);
    expect(list.map((p) => [p.key, p.dueDay, p.windowFrom, p.windowTo])).toEqual([
      [`${surgeryRule}:${surgeryId}:d3`, d(11), d(11), d(13)],
      [`${surgeryRule}:${surgeryId}:w1`, d(14), d(14), d(17)],
      // due the 18th, its window to 10 of the next month: clipped to the month
      [`${surgeryRule}:${surgeryId}:m1`, d(18), d(18), d(30)],
    ]);
    expect(list[0]).toMatchObject({
      rule: { id: surgeryRule, name: '术后回访' },
      customer: { id: c1 },
      eventKind: 'SURGERY',
      eventDay: d(10),
    });
    expect(list[0]!.customer.phone).toContain('*');
  });

  it('refuses bad input and stale versions, changing nothing', async () => {
    const before = await snapshot(planId);
    const key = `${surgeryRule}:${surgeryId}:d3`;
    expect((await take(planId, { keys: [], version: before.version })).statusCode).toBe(400);
    expect((await take(planId, { keys: [key] })).statusCode).toBe(400);
    expect((await take(planId, { keys: [key], version: before.version, extra: 1 })).statusCode).toBe(400);
    const stale = await take(planId, { keys: [key], version: before.version - 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const unknown = await take(planId, { keys: [key, 'no-such-key'], version: before.version });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details).toMatchObject({ reason: 'NOT_PROPOSED', keys: ['no-such-key'] });
    const twice = await take(planId, {
      keys: [key, `${surgeryRule}:${surgeryId}:w1`],
      version: before.version,
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.details).toMatchObject({ reason: 'SAME_CUSTOMER' });
    expect(await snapshot(planId)).toEqual(before);
  });

  it('takes what only leads of the plan’s team may take', async () => {
    const v = await version(planId);
    const key = `${surgeryRule}:${surgeryId}:d3`;
    expect((await take(planId, { keys: [key], version: v }, 'manager@demo.local')).statusCode).toBe(403);
    expect((await take(planId, { keys: [key], version: v }, 'caller1@demo.local')).statusCode).toBe(403);
    expect((await take(planId, { keys: [key], version: v }, 'lead2@demo.local')).statusCode).toBe(403);
    const other = await t.as('lead2@demo.local', { method: 'GET', url: `/api/plans/${planId}/proposals` });
    expect(other.statusCode).toBe(403);
  });

  it('adds a proposal as a plan item from its rule, planned in the ledger, and does not propose it again', async () => {
    const key = `${surgeryRule}:${surgeryId}:d3`;
    const res = await take(planId, { keys: [key], version: await version(planId) });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ added: 1 });
    const item = await t.prisma.planItem.findFirstOrThrow({ where: { planId, customerId: c1! } });
    const def = (await rule('SURGERY_3D_1W_1M')).draft as Record<string, unknown>;
    expect(item).toMatchObject({
      ruleId: surgeryRule,
      cadenceKey: key,
      purpose: def.purpose,
      channel: def.channel,
      questionnaireId: def.questionnaireId,
    });
    expect([item.windowFrom, item.windowTo].map((x) => x.toISOString().slice(0, 10))).toEqual([d(11), d(13)]);
    expect(item.callerId).not.toBeNull();
    expect(await t.prisma.cadenceVisit.findFirstOrThrow({ where: { key } })).toMatchObject({
      status: 'PLANNED',
      ruleId: surgeryRule,
      customerId: c1,
      eventId: surgeryId,
      ruleVersion: 0,
    });
    // the customer is in the plan: none of their visits is proposed now, nor the taken one again
    expect(mine((await proposals(planId)).items)).toEqual([]);
    const again = await take(planId, { keys: [key], version: await version(planId) });
    expect(again.statusCode).toBe(422);
    // the item shows the rule that proposed it
    const items = await t.as(lead, { method: 'GET', url: `/api/plans/${planId}/items?size=100` });
    const shown = items.json().items.find((i: { customer: { id: string } }) => i.customer.id === c1);
    expect(shown.rule).toEqual({ id: surgeryRule, name: '术后回访' });
    const audit = await t.prisma.auditLog.findFirst({
      where: { action: 'PLAN_PROPOSALS_ADD', entityId: planId },
    });
    expect(audit).not.toBeNull();
  });

  it('frees the proposal when its item is deleted, and takes it again', async () => {
    const key = `${surgeryRule}:${surgeryId}:d3`;
    const item = await t.prisma.planItem.findFirstOrThrow({ where: { planId, customerId: c1! } });
    const del = await t.as(lead, { method: 'DELETE', url: `/api/plans/${planId}/items/${item.id}` });
    expect(del.statusCode).toBe(204);
    expect(await t.prisma.cadenceVisit.count({ where: { key } })).toBe(0);
    expect(mine((await proposals(planId)).items).map((p) => p.key)).toContain(key);
    const res = await take(planId, { keys: [key], version: await version(planId) });
    expect(res.statusCode).toBe(200);
  });

  it('makes the task on the plan’s approval, and the rule approved later makes no second one', async () => {
    const key = `${surgeryRule}:${surgeryId}:d3`;
    const sub = await t.as(lead, { method: 'POST', url: `/api/plans/${planId}/submit`, payload: {} });
    expect(sub.statusCode).toBe(200);
    // a submitted plan takes no proposals
    expect((await t.as(lead, { method: 'GET', url: `/api/plans/${planId}/proposals` })).statusCode).toBe(409);
    const ok = await t.as('manager@demo.local', {
      method: 'POST',
      url: `/api/plans/${planId}/approve`,
      payload: {},
    });
    expect(ok.statusCode).toBe(200);
    const tasks = await t.prisma.task.findMany({ where: { customerId: c1! } });
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ planId, status: 'PENDING' });
    expect(await t.prisma.cadenceVisit.findFirstOrThrow({ where: { key } })).toMatchObject({
      status: 'TASK',
      taskId: tasks[0]!.id,
    });

    await approveRule('SURGERY_3D_1W_1M');
    await runCadenceFor(t.prisma, org, zonedTime(d(11), '09:00', TZ));
    await runCadenceFor(t.prisma, org, zonedTime(d(12), '09:00', TZ));
    expect(await t.prisma.task.count({ where: { customerId: c1! } })).toBe(1);
    // the discharge rule stood all along: its visit was a task, never a proposal
    expect(await t.prisma.task.count({ where: { customerId: c2!, planId: null } })).toBe(1);
  });
});
