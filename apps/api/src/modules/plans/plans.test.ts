import { addMonths, monthBounds, monthIn } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

const TZ = 'Asia/Shanghai';
const thisMonth = monthIn(testNow(), TZ);
const nextMonth = addMonths(thisMonth, 1);
const { first, last } = monthBounds(nextMonth);
const LEAD = 'lead@demo.local';
const MANAGER = 'manager@demo.local';

describe('visit plans', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const team1 = users[LEAD]!.teamId!;
  const team2 = users['lead2@demo.local']!.teamId!;
  // These tests are about plans; the contact cap at approval has its own (approval-cap.test.ts).
  await t.prisma.contactPolicy.create({
    data: {
      organizationId: (await t.prisma.organization.findFirstOrThrow()).id,
      maxContacts: 50,
      windowDays: 1,
      updatedAt: new Date(),
    },
  });

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
        planItems: {
          none: { plan: { month: nextMonth, status: { in: ['DRAFT', 'REJECTED', 'SUBMITTED'] } } },
        },
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
    exclusions: await t.prisma.planExclusion.findMany({ where: { planId: id }, orderBy: { id: 'asc' } }),
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
      // what each may do next comes with the plan
      expect(res.json().can).toEqual({ edit: false, submit: false, approve: false, reject: false });
      const forManager = await t.as(MANAGER, { method: 'GET', url: `/api/plans/${id}` });
      expect(forManager.json().can).toEqual({ edit: false, submit: false, approve: true, reject: true });
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
    const loser = a.statusCode === 409 ? a : b;
    expect(loser.json().error).toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'STATUS', status: 'APPROVED' },
    });
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

  it('an approval racing another that gives a customer a task first: 409 OPEN_TASK, nothing written', async () => {
    const id = await planWithItems();
    expect((await post(LEAD, `/api/plans/${id}/submit`)).statusCode).toBe(200);
    const item = await t.prisma.planItem.findFirstOrThrow({ where: { planId: id }, orderBy: { id: 'desc' } });
    const items = await t.prisma.planItem.count({ where: { planId: id } });
    const org = await t.prisma.organization.findFirstOrThrow();
    const before = await snapshot(id);
    const tasksBefore = await t.prisma.task.count();
    // Another transaction (as a concurrent approval would) holds an uncommitted open task for one
    // of the customers: the approval does not see it, then hits the unique index when it commits.
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    let inserted!: () => void;
    const ready = new Promise<void>((r) => {
      inserted = r;
    });
    const other = t.prisma.$transaction(
      async (tx) => {
        await tx.task.create({
          data: {
            organizationId: org.id,
            customerId: item.customerId,
            assigneeId: users['caller4@demo.local']!.id,
            purpose: '并发批准的另一份计划',
            channel: 'PHONE',
            windowFrom: item.windowFrom,
            windowTo: item.windowTo,
            dueDate: item.dueDate,
          },
        });
        inserted();
        await held;
      },
      { timeout: 30_000 },
    );
    await ready;
    const approving = post(MANAGER, `/api/plans/${id}/approve`, { comment: '同意' });
    await waitForLockWait();
    release();
    await other;
    const res = await approving;
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'CONFLICT', details: { reason: 'OPEN_TASK' } });
    expect(await snapshot(id)).toEqual(before);
    expect(await t.prisma.task.count()).toBe(tasksBefore + 1);
    expect(await status(id)).toBe('SUBMITTED');
    // approving again goes through and leaves that customer out, with the reason
    const ok = await post(MANAGER, `/api/plans/${id}/approve`);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().tasksCreated).toBe(items - 1);
    expect(ok.json().figures.skipped).toEqual({ total: 1, byReason: { HAS_OPEN_TASK: 1 } });
    expect(
      await t.prisma.task.count({
        where: { customerId: item.customerId, status: { in: ['PENDING', 'IN_PROGRESS'] } },
      }),
    ).toBe(1);
  });

  /** Waits until some statement of this database waits for a lock (the approval's insert). */
  async function waitForLockWait() {
    for (let i = 0; i < 200; i++) {
      const [row] = await t.prisma.$queryRaw<Array<{ n: number }>>`
        SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND wait_event_type = 'Lock'`;
      if ((row?.n ?? 0) > 0) return;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error('the approval never waited for the other transaction');
  }

  it('never gives a customer a second open task: a later approval skips them and says why', async () => {
    // Two teams' plans for the same month both hold the same four customers (as when both leads
    // add them at the same instant: the add itself leaves out customers of other open plans).
    const shared = await freshCustomers(4);
    const own = await freshCustomers(3);
    const body = { purpose: '重点客户回访', channel: 'PHONE', windowFrom: first, windowTo: last };
    const plan1 = await newPlan();
    expect(
      (await post(LEAD, `/api/plans/${plan1.id}/items`, { ...body, filter: { customerIds: shared } })).json(),
    ).toMatchObject({ added: 4 });
    const plan2 = await t.prisma.visitPlan.findFirstOrThrow({
      where: { teamId: team2, month: nextMonth, status: 'DRAFT' },
    });
    const LEAD2 = 'lead2@demo.local';
    expect(
      (
        await post(LEAD2, `/api/plans/${plan2.id}/items`, { ...body, filter: { customerIds: shared } })
      ).json(),
    ).toMatchObject({ added: 0, excluded: { IN_OTHER_PLAN: 4 } });
    await t.prisma.planExclusion.deleteMany({ where: { planId: plan2.id } });
    await t.prisma.planItem.createMany({
      data: [...shared, ...own].map((customerId) => ({
        planId: plan2.id,
        customerId,
        purpose: '在读满意度回访',
        channel: 'PHONE' as const,
        windowFrom: new Date(`${first}T00:00:00Z`),
        windowTo: new Date(`${last}T00:00:00Z`),
        dueDate: new Date(`${last}T00:00:00Z`),
      })),
    });
    expect((await post(LEAD2, `/api/plans/${plan2.id}/balance`, {})).statusCode).toBe(200);
    expect((await post(LEAD, `/api/plans/${plan1.id}/submit`)).statusCode).toBe(200);
    expect((await post(LEAD2, `/api/plans/${plan2.id}/submit`)).statusCode).toBe(200);

    const ok1 = await post(MANAGER, `/api/plans/${plan1.id}/approve`);
    expect(ok1.json()).toMatchObject({ tasksCreated: 4, figures: { skipped: { total: 0 } } });
    const res = await post(MANAGER, `/api/plans/${plan2.id}/approve`, { comment: '同意' });
    expect(res.statusCode).toBe(200);
    const plan = res.json();
    expect(plan).toMatchObject({ status: 'APPROVED', tasksCreated: 3 });
    expect(plan.figures.itemCount).toBe(7);
    expect(plan.figures.skipped).toEqual({ total: 4, byReason: { HAS_OPEN_TASK: 4 } });
    expect(plan.figures.excluded.byReason).toEqual({ HAS_OPEN_TASK: 4 });
    const sample = plan.figures.excluded.sample as Array<{ customerId: string; atApproval: boolean }>;
    expect(sample.map((e) => e.customerId).sort()).toEqual([...shared].sort());
    expect(sample.every((e) => e.atApproval)).toBe(true);
    // each shared customer has exactly one open task: the one of the plan approved first
    const open = await t.prisma.task.findMany({
      where: { customerId: { in: shared }, status: { in: ['PENDING', 'IN_PROGRESS'] } },
    });
    expect(open).toHaveLength(4);
    expect(open.every((task) => task.planId === plan1.id)).toBe(true);
    const created = await t.prisma.task.findMany({
      where: { planId: plan2.id },
      include: { assignments: true },
    });
    expect(created.map((task) => task.customerId).sort()).toEqual([...own].sort());
    expect(created.every((task) => task.assignments.length === 1)).toBe(true);
    const audit = await t.prisma.auditLog.findFirst({
      where: { entityId: plan2.id, action: 'PLAN_APPROVE' },
    });
    expect(audit?.after).toMatchObject({ tasksCreated: 3, skipped: { HAS_OPEN_TASK: 4, REFUSED_VISITS: 0 } });
  });

  it('will not approve while an item’s caller is no longer an active caller of the team (422)', async () => {
    const id = await planWithItems();
    expect((await post(LEAD, `/api/plans/${id}/submit`)).statusCode).toBe(200);
    const caller = users['caller2@demo.local']!;
    const theirs = await t.prisma.planItem.count({ where: { planId: id, callerId: caller.id } });
    expect(theirs).toBeGreaterThan(0);
    const before = await snapshot(id);
    await t.prisma.user.update({ where: { id: caller.id }, data: { active: false } });
    try {
      const res = await post(MANAGER, `/api/plans/${id}/approve`, {});
      expect(res.statusCode).toBe(422);
      expect(res.json().error).toMatchObject({
        code: 'RULE_VIOLATION',
        details: {
          unassigned: 0,
          inactiveCaller: theirs,
          callers: [{ id: caller.id, name: '李娜', items: theirs }],
        },
      });
      const listed = res.json().error.details.items;
      expect(listed).toHaveLength(theirs);
      expect(listed.every((i: { callerId: string }) => i.callerId === caller.id)).toBe(true);
      expect(await snapshot(id)).toEqual(before);
    } finally {
      await t.prisma.user.update({ where: { id: caller.id }, data: { active: true } });
    }
    expect((await post(MANAGER, `/api/plans/${id}/approve`, {})).statusCode).toBe(200);
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
    expect(res.json().figures.skipped).toEqual({ total: 1, byReason: { REFUSED_VISITS: 1 } });
    expect(await t.prisma.task.count({ where: { customerId: item.customerId, planId: id } })).toBe(0);
    const exclusion = await t.prisma.planExclusion.findUniqueOrThrow({
      where: { planId_customerId: { planId: id, customerId: item.customerId } },
    });
    expect(exclusion.reason).toBe('REFUSED_VISITS');
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
