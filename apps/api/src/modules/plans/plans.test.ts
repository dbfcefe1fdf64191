import { addMonths, monthBounds, monthIn } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

const TZ = 'Asia/Shanghai';
const thisMonth = monthIn(new Date(), TZ);
const nextMonth = addMonths(thisMonth, 1);
const { first, last } = monthBounds(nextMonth);
const LEAD = 'lead@demo.local';
const MANAGER = 'manager@demo.local';

describe('visit plans', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const team1 = users[LEAD]!.teamId!;
  const team2 = users['lead2@demo.local']!.teamId!;

  async function newPlan(body: Record<string, unknown> = {}) {
    const res = await t.as(LEAD, {
      method: 'POST',
      url: '/api/plans',
      payload: { month: nextMonth, ...body },
    });
    expect(res.statusCode).toBe(201);
    return res.json();
  }
  /** Customers nobody has used yet in this file who can be planned (no refusal, no open task). */
  const used = new Set<string>();
  async function freshCustomers(n: number): Promise<string[]> {
    const rows = await t.prisma.customer.findMany({
      where: {
        refusesVisits: false,
        id: { notIn: [...used] },
        tasks: { none: { status: { in: ['PENDING', 'IN_PROGRESS'] } } },
      },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: n,
    });
    for (const r of rows) used.add(r.id);
    return rows.map((r) => r.id);
  }
  /** A draft with customers: by segment when given, else a handful of fresh customers. */
  async function planWithItems(segments?: string[]) {
    const plan = await newPlan();
    const filter = segments ? { segments } : { customerIds: await freshCustomers(9) };
    const res = await t.as(LEAD, {
      method: 'POST',
      url: `/api/plans/${plan.id}/items`,
      payload: {
        filter,
        purpose: '重点客户回访',
        channel: 'PHONE',
        windowFrom: first,
        windowTo: last,
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().added).toBeGreaterThan(0);
    return plan.id as string;
  }
  const post = (email: string, url: string, payload?: unknown) =>
    t.as(email, { method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) });
  const status = async (id: string) => (await t.prisma.visitPlan.findUniqueOrThrow({ where: { id } })).status;
  /** Everything a refused transition must leave untouched. */
  const snapshot = async (id: string) => ({
    plan: await t.prisma.visitPlan.findUniqueOrThrow({ where: { id } }),
    items: await t.prisma.planItem.findMany({ where: { planId: id }, orderBy: { id: 'asc' } }),
    reviews: await t.prisma.planReview.count({ where: { planId: id } }),
    tasks: await t.prisma.task.count({ where: { planId: id } }),
    audit: await t.prisma.auditLog.count({ where: { entityId: id } }),
  });

  describe('creating and listing', () => {
    it('a lead drafts a plan for their team with defaults, audited', async () => {
      const plan = await newPlan({ focus: '重点客户季度回访' });
      expect(plan).toMatchObject({
        month: nextMonth,
        status: 'DRAFT',
        teamId: team1,
        teamName: '回访一组',
        title: `${nextMonth} 回访一组回访计划`,
        focus: '重点客户季度回访',
        dailyCap: 20,
        creatorName: '王丽华',
        version: 1,
        itemCount: 0,
        tasksCreated: 0,
        reviews: [],
        lastRejection: null,
      });
      expect(plan.figures).toMatchObject({ itemCount: 0, unassigned: 0, callerCount: 3 });
      expect(plan.figures.perCaller.map((c: { name: string }) => c.name)).toEqual(['张敏', '李娜', '刘洋']);
      const audit = await t.prisma.auditLog.findFirst({
        where: { entityId: plan.id, action: 'PLAN_CREATE' },
      });
      expect(audit?.actorId).toBe(users[LEAD]!.id);
    });

    it('takes this month too, refuses past months (422), bad months and caps (400), other teams (403)', async () => {
      expect((await newPlan({ month: thisMonth, dailyCap: 5, title: '本月补充计划' })).dailyCap).toBe(5);
      const past = await post(LEAD, '/api/plans', { month: addMonths(thisMonth, -1) });
      expect(past.statusCode).toBe(422);
      expect(past.json().error.code).toBe('RULE_VIOLATION');
      for (const payload of [
        { month: '2025-13' },
        { month: nextMonth, dailyCap: 0 },
        { month: nextMonth, dailyCap: 201 },
      ]) {
        expect((await post(LEAD, '/api/plans', payload)).statusCode).toBe(400);
      }
      expect((await post(LEAD, '/api/plans', { month: nextMonth, teamId: team2 })).statusCode).toBe(403);
      expect((await post(MANAGER, '/api/plans', { month: nextMonth, teamId: team1 })).statusCode).toBe(403);
    });

    it('lists a lead’s own team only; managers, supervisors and admins see every team', async () => {
      const mine = await t.as(LEAD, { method: 'GET', url: '/api/plans?size=200' });
      expect(mine.statusCode).toBe(200);
      expect(mine.json().items.length).toBeGreaterThan(0);
      expect(mine.json().items.every((p: { teamId: string }) => p.teamId === team1)).toBe(true);
      expect((await t.as(LEAD, { method: 'GET', url: `/api/plans?teamId=${team2}` })).statusCode).toBe(403);
      for (const email of [MANAGER, 'supervisor@demo.local', 'admin@demo.local']) {
        const all = await t.as(email, { method: 'GET', url: `/api/plans?month=${nextMonth}&size=200` });
        expect(all.statusCode).toBe(200);
        const teams = new Set(all.json().items.map((p: { teamId: string }) => p.teamId));
        expect(teams).toEqual(new Set([team1, team2]));
      }
      const drafts = await t.as(MANAGER, { method: 'GET', url: `/api/plans?status=DRAFT&teamId=${team2}` });
      expect(drafts.json().items).toHaveLength(1);
      expect(drafts.json().items[0]).toMatchObject({
        month: nextMonth,
        creatorName: '陈志明',
        teamName: '回访二组',
      });
      const paged = await t.as(MANAGER, { method: 'GET', url: '/api/plans?page=2&size=2' });
      expect(paged.json()).toMatchObject({ page: 2, size: 2 });
      expect(paged.json().items).toHaveLength(2);
    });

    it('keeps callers, handlers and anonymous users out; another team’s lead gets 403; unknown ids 404', async () => {
      const plan = await newPlan();
      for (const email of ['caller1@demo.local', 'handler@demo.local']) {
        expect((await t.as(email, { method: 'GET', url: '/api/plans' })).statusCode).toBe(403);
        expect((await t.as(email, { method: 'GET', url: `/api/plans/${plan.id}` })).statusCode).toBe(403);
        expect((await post(email, '/api/plans', { month: nextMonth })).statusCode).toBe(403);
        expect((await post(email, `/api/plans/${plan.id}/submit`)).statusCode).toBe(403);
        expect((await post(email, `/api/plans/${plan.id}/approve`, {})).statusCode).toBe(403);
      }
      expect((await t.app.inject({ method: 'GET', url: '/api/plans' })).statusCode).toBe(401);
      const other = 'lead2@demo.local';
      expect((await t.as(other, { method: 'GET', url: `/api/plans/${plan.id}` })).statusCode).toBe(403);
      expect(
        (await t.as(other, { method: 'PATCH', url: `/api/plans/${plan.id}`, payload: { title: 'x' } }))
          .statusCode,
      ).toBe(403);
      expect((await post(other, `/api/plans/${plan.id}/submit`)).statusCode).toBe(403);
      expect((await post(other, `/api/plans/${plan.id}/balance`, {})).statusCode).toBe(403);
      const missing = '00000000-0000-4000-8000-000000000000';
      expect((await t.as(LEAD, { method: 'GET', url: `/api/plans/${missing}` })).statusCode).toBe(404);
      expect((await t.as(LEAD, { method: 'GET', url: '/api/plans/not-a-uuid' })).statusCode).toBe(400);
    });
  });

  describe('editing', () => {
    it('changes title, focus and cap; a stale version gets 409 and changes nothing', async () => {
      const plan = await newPlan();
      const res = await t.as(LEAD, {
        method: 'PATCH',
        url: `/api/plans/${plan.id}`,
        payload: { title: '十月回访', focus: '结业学员就业', dailyCap: 12, version: 1 },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        title: '十月回访',
        focus: '结业学员就业',
        dailyCap: 12,
        version: 2,
      });
      const before = await snapshot(plan.id);
      const stale = await t.as(LEAD, {
        method: 'PATCH',
        url: `/api/plans/${plan.id}`,
        payload: { title: '被覆盖', version: 1 },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 2 } });
      expect(await snapshot(plan.id)).toEqual(before);
      expect(
        (await t.as(LEAD, { method: 'PATCH', url: `/api/plans/${plan.id}`, payload: { dailyCap: 0 } }))
          .statusCode,
      ).toBe(400);
      const audit = await t.prisma.auditLog.findFirst({
        where: { entityId: plan.id, action: 'PLAN_UPDATE' },
      });
      expect(audit?.after).toMatchObject({ title: '十月回访', dailyCap: 12 });
    });

    it('will not submit an empty plan (422) and changes nothing', async () => {
      const plan = await newPlan();
      const before = await snapshot(plan.id);
      const res = await post(LEAD, `/api/plans/${plan.id}/submit`);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual({ itemCount: 0 });
      expect(await snapshot(plan.id)).toEqual(before);
    });

    it('will not submit while an item is assigned to a caller who has left the team (422)', async () => {
      const id = await planWithItems();
      const item = await t.prisma.planItem.findFirstOrThrow({ where: { planId: id } });
      await t.prisma.planItem.update({
        where: { id: item.id },
        data: { callerId: users['caller4@demo.local']!.id },
      });
      const before = await snapshot(id);
      const res = await post(LEAD, `/api/plans/${id}/submit`);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toMatchObject({ inactiveCaller: 1, unassigned: 0 });
      expect(await snapshot(id)).toEqual(before);
      // balancing hands it back to a caller of the team
      expect((await post(LEAD, `/api/plans/${id}/balance`, {})).statusCode).toBe(200);
      expect((await post(LEAD, `/api/plans/${id}/submit`)).statusCode).toBe(200);
    });
  });

  it('a manager cannot approve or reject a draft (409, nothing changed)', async () => {
    const id = await planWithItems();
    const before = await snapshot(id);
    expect((await post(MANAGER, `/api/plans/${id}/approve`, {})).statusCode).toBe(409);
    expect((await post(MANAGER, `/api/plans/${id}/reject`, { comment: '不行' })).statusCode).toBe(409);
    expect(await snapshot(id)).toEqual(before);
  });

  describe('submit → reject → edit → resubmit → approve', async () => {
    const id = await planWithItems(['KEY_ACCOUNT', 'GRADUATE']);
    const itemCount = await t.prisma.planItem.count({ where: { planId: id } });

    it('submits: SUBMITTED, a SUBMIT review and an audit row', async () => {
      const res = await post(LEAD, `/api/plans/${id}/submit`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ status: 'SUBMITTED', submittedAt: expect.any(String) });
      expect(res.json().reviews).toEqual([
        expect.objectContaining({ action: 'SUBMIT', actorName: '王丽华', comment: null }),
      ]);
      expect(await t.prisma.auditLog.count({ where: { entityId: id, action: 'PLAN_SUBMIT' } })).toBe(1);
    });

    it('freezes a submitted plan for the lead (409 on every edit, nothing changed)', async () => {
      await expectFrozen(id);
      expect((await post(LEAD, `/api/plans/${id}/submit`)).statusCode).toBe(409);
    });

    it('lets only a manager decide; a rejection needs a comment', async () => {
      expect((await post(LEAD, `/api/plans/${id}/approve`, {})).statusCode).toBe(403);
      expect(
        (await post('supervisor@demo.local', `/api/plans/${id}/reject`, { comment: 'x' })).statusCode,
      ).toBe(403);
      const before = await snapshot(id);
      expect((await post(MANAGER, `/api/plans/${id}/reject`, {})).statusCode).toBe(400);
      expect((await post(MANAGER, `/api/plans/${id}/reject`, { comment: '   ' })).statusCode).toBe(400);
      expect(await snapshot(id)).toEqual(before);
    });

    it('rejects with a comment the lead then sees', async () => {
      const res = await post(MANAGER, `/api/plans/${id}/reject`, {
        comment: '重点客户太少，请补充高价值学员',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'REJECTED',
        decisionComment: '重点客户太少，请补充高价值学员',
        decidedByName: '周建国',
      });
      const seen = (await t.as(LEAD, { method: 'GET', url: `/api/plans/${id}` })).json();
      expect(seen.lastRejection).toMatchObject({
        comment: '重点客户太少，请补充高价值学员',
        actorName: '周建国',
      });
      expect(seen.reviews.map((r: { action: string }) => r.action)).toEqual(['SUBMIT', 'REJECT']);
      expect(await t.prisma.auditLog.count({ where: { entityId: id, action: 'PLAN_REJECT' } })).toBe(1);
      expect((await post(MANAGER, `/api/plans/${id}/approve`, {})).statusCode).toBe(409);
      expect((await post(MANAGER, `/api/plans/${id}/reject`, { comment: '再驳回' })).statusCode).toBe(409);
      expect(await t.prisma.task.count({ where: { planId: id } })).toBe(0);
    });

    it('turns back into a draft on its first edit; the rejection stays in the timeline', async () => {
      const res = await t.as(LEAD, {
        method: 'PATCH',
        url: `/api/plans/${id}`,
        payload: { focus: '已补充高价值学员' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().status).toBe('DRAFT');
      expect(res.json().reviews.map((r: { action: string }) => r.action)).toEqual([
        'SUBMIT',
        'REJECT',
        'EDIT',
      ]);
      expect(res.json().lastRejection.comment).toBe('重点客户太少，请补充高价值学员');
      expect(await t.prisma.auditLog.count({ where: { entityId: id, action: 'PLAN_REOPEN' } })).toBe(1);
      const more = await post(LEAD, `/api/plans/${id}/items`, {
        filter: { tiers: ['HIGH'] },
        purpose: '高价值学员回访',
        channel: 'PHONE',
        windowFrom: first,
        windowTo: last,
      });
      expect(more.statusCode).toBe(200);
      expect(more.json().added).toBeGreaterThan(0);
      // a second edit is not another transition
      expect(await t.prisma.planReview.count({ where: { planId: id, action: 'EDIT' } })).toBe(1);
    });

    it('resubmits and the manager approves: one task and one assignment per item, in one go', async () => {
      const resubmit = await post(LEAD, `/api/plans/${id}/submit`);
      expect(resubmit.statusCode).toBe(200);
      expect(resubmit.json().lastRejection).toBeNull();
      const items = await t.prisma.planItem.findMany({ where: { planId: id } });
      expect(items.length).toBeGreaterThan(itemCount);

      const res = await post(MANAGER, `/api/plans/${id}/approve`, { comment: '同意' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'APPROVED',
        tasksCreated: items.length,
        decisionComment: '同意',
        decidedByName: '周建国',
      });
      expect(res.json().reviews.map((r: { action: string }) => r.action)).toEqual([
        'SUBMIT',
        'REJECT',
        'EDIT',
        'SUBMIT',
        'APPROVE',
      ]);
      const tasks = await t.prisma.task.findMany({ where: { planId: id }, include: { assignments: true } });
      expect(tasks).toHaveLength(items.length);
      const byItem = new Map(items.map((i) => [i.id, i]));
      for (const task of tasks) {
        const item = byItem.get(task.planItemId!)!;
        expect(task).toMatchObject({
          status: 'PENDING',
          attempts: 0,
          customerId: item.customerId,
          assigneeId: item.callerId,
          purpose: item.purpose,
          channel: item.channel,
          questionnaireId: item.questionnaireId,
          windowFrom: item.windowFrom,
          windowTo: item.windowTo,
          dueDate: item.dueDate,
          organizationId: users[LEAD] ? expect.any(String) : '',
        });
        expect(task.assignments).toEqual([
          expect.objectContaining({
            fromUserId: null,
            toUserId: item.callerId,
            byUserId: users[MANAGER]!.id,
          }),
        ]);
      }
      const audit = await t.prisma.auditLog.findFirst({ where: { entityId: id, action: 'PLAN_APPROVE' } });
      expect(audit?.after).toMatchObject({ status: 'APPROVED', tasksCreated: items.length });
    });

    it('freezes the approved plan: every edit and decision gets 409', async () => {
      await expectFrozen(id);
      for (const url of ['submit', 'approve', 'reject']) {
        const email = url === 'submit' ? LEAD : MANAGER;
        expect((await post(email, `/api/plans/${id}/${url}`, { comment: 'x' })).statusCode).toBe(409);
      }
      expect(await t.prisma.task.count({ where: { planId: id } })).toBe(
        await t.prisma.planItem.count({ where: { planId: id } }),
      );
    });
  });

  it('two managers approving at once create exactly one set of tasks', async () => {
    const id = await planWithItems();
    expect((await post(LEAD, `/api/plans/${id}/submit`)).statusCode).toBe(200);
    const items = await t.prisma.planItem.count({ where: { planId: id } });
    const [a, b] = await Promise.all([
      post(MANAGER, `/api/plans/${id}/approve`, {}),
      post(MANAGER, `/api/plans/${id}/approve`, { comment: '同意' }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    expect(await t.prisma.task.count({ where: { planId: id } })).toBe(items);
    expect(await t.prisma.taskAssignment.count({ where: { task: { planId: id } } })).toBe(items);
    expect(await t.prisma.planReview.count({ where: { planId: id, action: 'APPROVE' } })).toBe(1);
    expect(await t.prisma.auditLog.count({ where: { entityId: id, action: 'PLAN_APPROVE' } })).toBe(1);
  });

  it('an approval and a rejection at once: exactly one wins', async () => {
    const id = await planWithItems();
    expect((await post(LEAD, `/api/plans/${id}/submit`)).statusCode).toBe(200);
    const [a, r] = await Promise.all([
      post(MANAGER, `/api/plans/${id}/approve`, {}),
      post(MANAGER, `/api/plans/${id}/reject`, { comment: '不同意' }),
    ]);
    expect([a.statusCode, r.statusCode].sort()).toEqual([200, 409]);
    const tasks = await t.prisma.task.count({ where: { planId: id } });
    if (a.statusCode === 200) expect(tasks).toBe(await t.prisma.planItem.count({ where: { planId: id } }));
    else expect(tasks).toBe(0);
  });

  it('creates all tasks or none: a failing insert leaves the plan submitted and nothing created', async () => {
    const id = await planWithItems();
    expect((await post(LEAD, `/api/plans/${id}/submit`)).statusCode).toBe(200);
    // A task already claiming one of the items makes the set-based insert fail half-way.
    const item = await t.prisma.planItem.findFirstOrThrow({ where: { planId: id }, orderBy: { id: 'desc' } });
    const org = await t.prisma.organization.findFirstOrThrow();
    const blocker = await t.prisma.task.create({
      data: {
        organizationId: org.id,
        planItemId: item.id,
        customerId: item.customerId,
        assigneeId: item.callerId!,
        purpose: 'x',
        channel: 'PHONE',
        windowFrom: item.windowFrom,
        windowTo: item.windowTo,
        dueDate: item.dueDate,
      },
    });
    const before = await snapshot(id);
    const tasksBefore = await t.prisma.task.count();
    const res = await post(MANAGER, `/api/plans/${id}/approve`, {});
    expect(res.statusCode).toBe(409);
    expect(await snapshot(id)).toEqual(before);
    expect(await t.prisma.task.count()).toBe(tasksBefore);
    expect(await status(id)).toBe('SUBMITTED');
    // once the obstacle is gone the same approval goes through
    await t.prisma.task.delete({ where: { id: blocker.id } });
    const ok = await post(MANAGER, `/api/plans/${id}/approve`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().tasksCreated).toBe(before.items.length);
  });

  it('gives no task to a customer who refused visits after the plan was submitted', async () => {
    const id = await planWithItems();
    expect((await post(LEAD, `/api/plans/${id}/submit`)).statusCode).toBe(200);
    const item = await t.prisma.planItem.findFirstOrThrow({ where: { planId: id } });
    await t.prisma.customer.update({ where: { id: item.customerId }, data: { refusesVisits: true } });
    const items = await t.prisma.planItem.count({ where: { planId: id } });
    const res = await post(MANAGER, `/api/plans/${id}/approve`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json().tasksCreated).toBe(items - 1);
    expect(await t.prisma.task.count({ where: { customerId: item.customerId, planId: id } })).toBe(0);
  });

  it('any edit reopens a rejected plan, not only a change of its details', async () => {
    const id = await planWithItems();
    expect((await post(LEAD, `/api/plans/${id}/submit`)).statusCode).toBe(200);
    expect((await post(MANAGER, `/api/plans/${id}/reject`, { comment: '请调整' })).statusCode).toBe(200);
    const res = await post(LEAD, `/api/plans/${id}/balance`, { dailyCap: 10 });
    expect(res.statusCode).toBe(200);
    expect(await status(id)).toBe('DRAFT');
    const reviews = await t.prisma.planReview.findMany({
      where: { planId: id },
      orderBy: { createdAt: 'asc' },
    });
    expect(reviews.map((r) => r.action)).toEqual(['SUBMIT', 'REJECT', 'EDIT']);
    // the rejected plan can also be submitted again directly
    expect((await post(LEAD, `/api/plans/${id}/submit`)).statusCode).toBe(200);
  });

  it('leaves closed plans of past months alone (409)', async () => {
    const closed = await t.prisma.visitPlan.findFirstOrThrow({
      where: { teamId: team1, status: 'CLOSED' },
      include: { items: { take: 1 } },
    });
    const before = await snapshot(closed.id);
    expect(
      (await t.as(LEAD, { method: 'PATCH', url: `/api/plans/${closed.id}`, payload: { title: 'x' } }))
        .statusCode,
    ).toBe(409);
    expect((await post(LEAD, `/api/plans/${closed.id}/submit`)).statusCode).toBe(409);
    expect((await post(LEAD, `/api/plans/${closed.id}/balance`, {})).statusCode).toBe(409);
    expect(
      (await t.as(LEAD, { method: 'DELETE', url: `/api/plans/${closed.id}/items/${closed.items[0]!.id}` }))
        .statusCode,
    ).toBe(409);
    expect((await post(MANAGER, `/api/plans/${closed.id}/approve`, {})).statusCode).toBe(409);
    expect(await snapshot(closed.id)).toEqual(before);
    // and the lead still reads it, with its figures
    const detail = await t.as(LEAD, { method: 'GET', url: `/api/plans/${closed.id}` });
    expect(detail.json()).toMatchObject({
      status: 'CLOSED',
      tasksCreated: closed.items.length ? expect.any(Number) : 0,
    });
    expect(detail.json().figures.itemCount).toBe(
      await t.prisma.planItem.count({ where: { planId: closed.id } }),
    );
  });

  /** Every edit route answers 409 and the plan, its items and its timeline stay as they are. */
  async function expectFrozen(id: string) {
    const before = await snapshot(id);
    const item = before.items[0]!;
    const calls = [
      t.as(LEAD, { method: 'PATCH', url: `/api/plans/${id}`, payload: { title: '改' } }),
      post(LEAD, `/api/plans/${id}/items`, {
        filter: { segments: ['PROSPECT'] },
        purpose: 'x',
        channel: 'PHONE',
        windowFrom: first,
        windowTo: last,
      }),
      post(LEAD, `/api/plans/${id}/balance`, { dailyCap: 5 }),
      t.as(LEAD, {
        method: 'PATCH',
        url: `/api/plans/${id}/items/${item.id}`,
        payload: { dueDate: item.windowFrom.toISOString().slice(0, 10) },
      }),
      t.as(LEAD, { method: 'DELETE', url: `/api/plans/${id}/items/${item.id}` }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('CONFLICT');
    }
    expect(await snapshot(id)).toEqual(before);
  }
});
