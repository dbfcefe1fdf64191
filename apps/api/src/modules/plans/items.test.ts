import { addDays, addMonths, dayIn, monthBounds, monthIn, startOfDay } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

const TZ = 'Asia/Shanghai';
const nextMonth = addMonths(monthIn(testNow(), TZ), 1);
const { first, last } = monthBounds(nextMonth);

describe('plan items', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const lead = 'lead@demo.local';
  const team1 = users[lead]!.teamId!;
  const team1Callers = ['caller1@demo.local', 'caller2@demo.local', 'caller3@demo.local'].map(
    (e) => users[e]!.id,
  );

  async function newPlan(body: Record<string, unknown> = {}) {
    const res = await t.as(lead, {
      method: 'POST',
      url: '/api/plans',
      payload: { month: nextMonth, ...body },
    });
    expect(res.statusCode).toBe(201);
    return res.json().id as string;
  }
  const add = (planId: string, payload: Record<string, unknown>, email = lead) =>
    t.as(email, { method: 'POST', url: `/api/plans/${planId}/items`, payload });
  const base = { purpose: '在读满意度回访', channel: 'PHONE', windowFrom: first, windowTo: last };

  /**
   * What the filter should match for a plan of `month`, computed independently of the route:
   * refusals first, then open tasks, then customers of another open plan of the same month.
   */
  async function expected(where: Record<string, unknown>, month = nextMonth) {
    const customers = await t.prisma.customer.findMany({
      where: { ...where },
      select: {
        id: true,
        refusesVisits: true,
        preferredChannel: true,
        tasks: { where: { status: { in: ['PENDING', 'IN_PROGRESS'] } }, select: { id: true } },
        planItems: {
          where: { plan: { month, status: { in: ['DRAFT', 'REJECTED', 'SUBMITTED'] } } },
          select: { id: true },
        },
      },
    });
    const free = customers.filter((c) => !c.refusesVisits && c.tasks.length === 0);
    return {
      all: customers,
      refused: customers.filter((c) => c.refusesVisits),
      openTask: customers.filter((c) => !c.refusesVisits && c.tasks.length > 0),
      otherPlan: free.filter((c) => c.planItems.length > 0),
      eligible: free.filter((c) => c.planItems.length === 0),
    };
  }

  describe('adding by filter', () => {
    let planId: string;
    let questionnaireId: string;
    beforeAll(async () => {
      planId = await newPlan();
      questionnaireId = (await t.prisma.questionnaire.findFirstOrThrow({ where: { name: '培训效果与就业' } }))
        .id;
    });

    it('adds the matching customers, leaves out refusals and open tasks with their reasons, and balances', async () => {
      const exp = await expected({ segment: { in: ['STUDENT', 'GRADUATE'] } });
      expect(exp.refused.length).toBeGreaterThan(0);
      expect(exp.openTask.length).toBeGreaterThan(0);
      const res = await add(planId, {
        ...base,
        questionnaireId,
        filter: { segments: ['STUDENT', 'GRADUATE'] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        added: exp.eligible.length,
        alreadyInPlan: 0,
        excluded: {
          REFUSED_VISITS: exp.refused.length,
          HAS_OPEN_TASK: exp.openTask.length,
          IN_OTHER_PLAN: exp.otherPlan.length,
        },
        unassigned: 0,
      });

      const items = await t.prisma.planItem.findMany({ where: { planId } });
      expect(items.map((i) => i.customerId).sort()).toEqual(exp.eligible.map((c) => c.id).sort());
      const prefs = new Map(exp.eligible.map((c) => [c.id, c.preferredChannel]));
      for (const i of items) {
        expect(i.channel).toBe(prefs.get(i.customerId) ?? 'PHONE');
        expect(i.questionnaireId).toBe(questionnaireId);
        expect(i.purpose).toBe('在读满意度回访');
        expect(i.manual).toBe(false);
        expect(team1Callers).toContain(i.callerId);
        const due = i.dueDate.toISOString().slice(0, 10);
        expect(due >= first && due <= last).toBe(true);
      }
      expect(items.some((i) => i.channel !== 'PHONE')).toBe(true);

      const exclusions = await t.prisma.planExclusion.findMany({ where: { planId } });
      expect(
        exclusions
          .filter((e) => e.reason === 'REFUSED_VISITS')
          .map((e) => e.customerId)
          .sort(),
      ).toEqual(exp.refused.map((c) => c.id).sort());
      expect(
        exclusions
          .filter((e) => e.reason === 'HAS_OPEN_TASK')
          .map((e) => e.customerId)
          .sort(),
      ).toEqual(exp.openTask.map((c) => c.id).sort());
    });

    it('shows even load per caller, segments and the excluded customers with reasons in the figures', async () => {
      const res = await t.as(lead, { method: 'GET', url: `/api/plans/${planId}` });
      expect(res.statusCode).toBe(200);
      const { figures } = res.json();
      const itemCount = await t.prisma.planItem.count({ where: { planId } });
      expect(figures.itemCount).toBe(itemCount);
      expect(figures.unassigned).toBe(0);
      expect(figures.callerCount).toBe(3);
      expect(figures.perCaller.map((c: { callerId: string }) => c.callerId)).toEqual(team1Callers);
      const counts = figures.perCaller.map((c: { count: number }) => c.count);
      expect(counts.reduce((s: number, n: number) => s + n, 0)).toBe(itemCount);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      for (const c of figures.perCaller) {
        expect(c.busiestDayCount).toBeGreaterThan(0);
        expect(c.busiestDayCount).toBeLessThanOrEqual(20);
        const onBusiest = await t.prisma.planItem.count({
          where: { planId, callerId: c.callerId, dueDate: new Date(`${c.busiestDay}T00:00:00Z`) },
        });
        expect(onBusiest).toBe(c.busiestDayCount);
      }
      expect(Object.keys(figures.perSegment).sort()).toEqual(['GRADUATE', 'STUDENT']);
      expect(Object.values(figures.perSegment).reduce((s: number, n) => s + (n as number), 0)).toBe(
        itemCount,
      );
      expect(Object.values(figures.perTier).reduce((s: number, n) => s + (n as number), 0)).toBe(itemCount);
      expect(Object.values(figures.perChannel).reduce((s: number, n) => s + (n as number), 0)).toBe(
        itemCount,
      );
      const excludedTotal = await t.prisma.planExclusion.count({ where: { planId } });
      expect(figures.excluded.total).toBe(excludedTotal);
      expect(figures.excluded.byReason.REFUSED_VISITS + figures.excluded.byReason.HAS_OPEN_TASK).toBe(
        excludedTotal,
      );
      expect(figures.skipped).toEqual({ total: 0, byReason: {} });
      expect(figures.excluded.sample.length).toBe(Math.min(50, excludedTotal));
      expect(figures.excluded.sample[0]).toEqual({
        customerId: expect.any(String),
        name: expect.any(String),
        segment: expect.stringMatching(/STUDENT|GRADUATE/),
        tier: expect.any(String),
        reason: expect.stringMatching(/REFUSED_VISITS|HAS_OPEN_TASK/),
        atApproval: false,
      });
      // the list shows the same counts
      const list = await t.as(lead, { method: 'GET', url: `/api/plans?month=${nextMonth}` });
      const row = list.json().items.find((p: { id: string }) => p.id === planId);
      expect(row).toMatchObject({
        itemCount,
        excludedCount: excludedTotal,
        status: 'DRAFT',
        teamName: '回访一组',
      });
    });

    it('adds nobody twice: the same filter again only counts them as already in the plan', async () => {
      const before = await t.prisma.planItem.count({ where: { planId } });
      const res = await add(planId, { ...base, filter: { segments: ['STUDENT', 'GRADUATE'] } });
      expect(res.json()).toMatchObject({ added: 0, alreadyInPlan: before });
      expect(await t.prisma.planItem.count({ where: { planId } })).toBe(before);
    });

    it('refuses a window outside the plan month or ending before it starts, adding nothing', async () => {
      const before = await t.prisma.planItem.count({ where: { planId } });
      const version = (await t.prisma.visitPlan.findUniqueOrThrow({ where: { id: planId } })).version;
      for (const window of [
        { windowFrom: addDays(first, -1), windowTo: last },
        { windowFrom: first, windowTo: addDays(last, 1) },
        { windowFrom: addDays(first, 5), windowTo: addDays(first, 2) },
      ]) {
        const res = await add(planId, { ...base, ...window, filter: { segments: ['PROSPECT'] } });
        expect(res.statusCode).toBe(422);
        expect(res.json().error.code).toBe('RULE_VIOLATION');
      }
      expect(await t.prisma.planItem.count({ where: { planId } })).toBe(before);
      expect((await t.prisma.visitPlan.findUniqueOrThrow({ where: { id: planId } })).version).toBe(version);
    });

    it('validates the body: a filter needs a condition, a questionnaire must exist', async () => {
      expect((await add(planId, { ...base, filter: {} })).statusCode).toBe(400);
      expect((await add(planId, { ...base, filter: { segments: [], tiers: [] } })).statusCode).toBe(400);
      expect(
        (await add(planId, { ...base, channel: 'PIGEON', filter: { segments: ['PROSPECT'] } })).statusCode,
      ).toBe(400);
      const res = await add(planId, {
        ...base,
        questionnaireId: '00000000-0000-4000-8000-000000000000',
        filter: { segments: ['PROSPECT'] },
      });
      expect(res.statusCode).toBe(422);
    });
  });

  it('filters by no visit in the last N days (never visited counts), tier, programme and ids', async () => {
    // A month of its own, so that the drafts of the other tests do not take the customers first.
    const month = addMonths(nextMonth, 4);
    const window = { windowFrom: monthBounds(month).first, windowTo: monthBounds(month).last };
    const planId = await newPlan({ month });
    const since = startOfDay(addDays(dayIn(testNow(), TZ), -29), TZ);
    const visited = await t.prisma.visitRecord.findMany({
      where: { outcome: 'COMPLETED', startedAt: { gte: since } },
      select: { customerId: true },
    });
    const recent = new Set(visited.map((v) => v.customerId));
    expect(recent.size).toBeGreaterThan(0);
    const exp = await expected({ tier: 'HIGH', id: { notIn: [...recent] } }, month);
    const res = await add(planId, { ...base, ...window, filter: { tiers: ['HIGH'], noVisitDays: 30 } });
    expect(res.statusCode).toBe(200);
    expect(res.json().added).toBe(exp.eligible.length);
    const items = await t.prisma.planItem.findMany({ where: { planId }, select: { customerId: true } });
    for (const i of items) expect(recent.has(i.customerId)).toBe(false);
    const neverVisited = await t.prisma.customer.findMany({
      where: {
        tier: 'HIGH',
        visits: { none: { outcome: 'COMPLETED' } },
        refusesVisits: false,
        tasks: { none: { status: { in: ['PENDING', 'IN_PROGRESS'] } } },
      },
      select: { id: true },
    });
    expect(neverVisited.length).toBeGreaterThan(0);
    for (const c of neverVisited) expect(items.map((i) => i.customerId)).toContain(c.id);

    const plan2 = await newPlan({ month });
    const byProgramme = await expected({ programme: { contains: '会计', mode: 'insensitive' } }, month);
    expect(byProgramme.eligible.length).toBeGreaterThan(0);
    const r2 = await add(plan2, { ...base, ...window, filter: { programme: '会计' } });
    expect(r2.json()).toMatchObject({
      added: byProgramme.eligible.length,
      excluded: { IN_OTHER_PLAN: byProgramme.otherPlan.length },
    });
    const someone = await t.prisma.planItem.findFirstOrThrow({ where: { planId: plan2 } });
    const r3 = await add(plan2, { ...base, ...window, filter: { customerIds: [someone.customerId] } });
    expect(r3.json()).toMatchObject({ added: 0, alreadyInPlan: 1 });
  });

  it('leaves out customers already in another open plan of the month (IN_OTHER_PLAN), not of other months', async () => {
    // The demo's submitted plan of team 2 for the month after next holds ~35 key customers.
    const ahead = addMonths(nextMonth, 1);
    const seeded = await t.prisma.visitPlan.findFirstOrThrow({
      where: { month: ahead, status: 'SUBMITTED' },
      include: { items: { select: { customerId: true } } },
    });
    expect(seeded.items.length).toBeGreaterThan(20);
    const others = await t.prisma.customer.findMany({
      where: { segment: 'PROSPECT', planItems: { none: { planId: seeded.id } } },
      select: { id: true },
      take: 10,
    });
    const customerIds = [...seeded.items.map((i) => i.customerId), ...others.map((c) => c.id)];
    const exp = await expected({ id: { in: customerIds } }, ahead);
    expect(exp.otherPlan.length).toBeGreaterThan(20);
    expect(exp.eligible.length).toBeGreaterThan(0);

    const planId = await newPlan({ month: ahead });
    const { first: aFirst, last: aLast } = monthBounds(ahead);
    const body = { ...base, windowFrom: aFirst, windowTo: aLast, filter: { customerIds } };
    const res = await add(planId, body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      added: exp.eligible.length,
      excluded: {
        REFUSED_VISITS: exp.refused.length,
        HAS_OPEN_TASK: exp.openTask.length,
        IN_OTHER_PLAN: exp.otherPlan.length,
      },
    });
    const items = await t.prisma.planItem.findMany({ where: { planId }, select: { customerId: true } });
    expect(items.map((i) => i.customerId).sort()).toEqual(exp.eligible.map((c) => c.id).sort());
    const inOther = await t.prisma.planExclusion.findMany({ where: { planId, reason: 'IN_OTHER_PLAN' } });
    expect(inOther.map((e) => e.customerId).sort()).toEqual(exp.otherPlan.map((c) => c.id).sort());

    const { figures } = (await t.as(lead, { method: 'GET', url: `/api/plans/${planId}` })).json();
    expect(figures.excluded.byReason.IN_OTHER_PLAN).toBe(exp.otherPlan.length);
    expect(figures.excluded.total).toBe(exp.refused.length + exp.openTask.length + exp.otherPlan.length);
    expect(figures.excluded.sample.some((e: { reason: string }) => e.reason === 'IN_OTHER_PLAN')).toBe(true);

    // The lead's own second draft of that month counts as another plan too…
    const second = await newPlan({ month: ahead });
    const again = await add(second, { ...body, filter: { customerIds: exp.eligible.map((c) => c.id) } });
    expect(again.json()).toMatchObject({ added: 0, excluded: { IN_OTHER_PLAN: exp.eligible.length } });
    // …but plans of other months do not: the month after takes them all.
    const later = addMonths(ahead, 1);
    const { first: lFirst, last: lLast } = monthBounds(later);
    const laterPlan = await newPlan({ month: later });
    const free = await expected({ id: { in: customerIds } }, later);
    expect(free.otherPlan).toHaveLength(0);
    const res3 = await add(laterPlan, {
      ...base,
      windowFrom: lFirst,
      windowTo: lLast,
      filter: { customerIds },
    });
    expect(res3.json()).toMatchObject({
      added: exp.eligible.length + exp.otherPlan.length,
      excluded: { IN_OTHER_PLAN: 0 },
    });
  });

  describe('balancing and manual placement', () => {
    let planId: string;
    const day = addDays(first, 9);
    beforeAll(async () => {
      planId = await newPlan({ dailyCap: 2 });
    });

    it('reports what does not fit under the daily cap, and places it once the cap is raised', async () => {
      // a one-day window: 3 callers × 2 = 6 places
      const res = await add(planId, {
        ...base,
        windowFrom: day,
        windowTo: day,
        filter: { segments: ['PROSPECT'] },
      });
      const added = res.json().added;
      expect(added).toBeGreaterThan(6);
      expect(res.json().unassigned).toBe(added - 6);
      const detail = (await t.as(lead, { method: 'GET', url: `/api/plans/${planId}` })).json();
      expect(detail.figures.unassigned).toBe(added - 6);
      expect(detail.figures.perCaller.map((c: { count: number }) => c.count)).toEqual([2, 2, 2]);
      expect(detail.figures.perCaller.every((c: { busiestDay: string }) => c.busiestDay === day)).toBe(true);

      const submit = await t.as(lead, { method: 'POST', url: `/api/plans/${planId}/submit` });
      expect(submit.statusCode).toBe(422);
      expect(submit.json().error.details).toMatchObject({ unassigned: added - 6 });
      expect((await t.prisma.visitPlan.findUniqueOrThrow({ where: { id: planId } })).status).toBe('DRAFT');

      const bal = await t.as(lead, {
        method: 'POST',
        url: `/api/plans/${planId}/balance`,
        payload: { dailyCap: 50 },
      });
      expect(bal.statusCode).toBe(200);
      expect(bal.json()).toMatchObject({ unassigned: 0, dailyCap: 50, itemCount: added });
      const counts = bal.json().perCaller.map((c: { count: number }) => c.count);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      expect((await t.prisma.visitPlan.findUniqueOrThrow({ where: { id: planId } })).dailyCap).toBe(50);
      const audit = await t.prisma.auditLog.findMany({ where: { entityId: planId, action: 'PLAN_BALANCE' } });
      expect(audit).toHaveLength(1);
    });

    it('moves one item by hand; the balancer keeps it there', async () => {
      const item = await t.prisma.planItem.findFirstOrThrow({
        where: { planId, callerId: team1Callers[0] },
        orderBy: { id: 'asc' },
      });
      const res = await t.as(lead, {
        method: 'PATCH',
        url: `/api/plans/${planId}/items/${item.id}`,
        payload: { callerId: team1Callers[2] },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: item.id,
        callerId: team1Callers[2],
        manual: true,
        dueDate: day,
      });
      expect(res.json().callerName).toBe('刘洋');
      const bal = await t.as(lead, { method: 'POST', url: `/api/plans/${planId}/balance`, payload: {} });
      expect(bal.statusCode).toBe(200);
      const after = await t.prisma.planItem.findUniqueOrThrow({ where: { id: item.id } });
      expect(after).toMatchObject({ callerId: team1Callers[2], manual: true });
      const counts = bal.json().perCaller.map((c: { count: number }) => c.count);
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    });

    it('refuses a caller from another team, a non-caller and a due date outside the window (422)', async () => {
      const item = await t.prisma.planItem.findFirstOrThrow({ where: { planId }, orderBy: { id: 'asc' } });
      for (const payload of [
        { callerId: users['caller4@demo.local']!.id },
        { callerId: users[lead]!.id },
        { dueDate: addDays(day, 1) },
      ]) {
        const res = await t.as(lead, {
          method: 'PATCH',
          url: `/api/plans/${planId}/items/${item.id}`,
          payload,
        });
        expect(res.statusCode).toBe(422);
      }
      expect(
        (await t.as(lead, { method: 'PATCH', url: `/api/plans/${planId}/items/${item.id}`, payload: {} }))
          .statusCode,
      ).toBe(400);
      const unchanged = await t.prisma.planItem.findUniqueOrThrow({ where: { id: item.id } });
      expect(unchanged).toEqual(item);
      const missing = await t.as(lead, {
        method: 'PATCH',
        url: `/api/plans/${planId}/items/00000000-0000-4000-8000-000000000000`,
        payload: { dueDate: day },
      });
      expect(missing.statusCode).toBe(404);
    });

    it('lists items paginated with masked phones, filtered by caller, unassigned and search', async () => {
      const total = await t.prisma.planItem.count({ where: { planId } });
      const page1 = await t.as(lead, { method: 'GET', url: `/api/plans/${planId}/items?page=1&size=5` });
      expect(page1.statusCode).toBe(200);
      expect(page1.json()).toMatchObject({ total, page: 1, size: 5 });
      expect(page1.json().items).toHaveLength(5);
      const first = page1.json().items[0];
      expect(first.customer.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(first).toMatchObject({
        channel: expect.any(String),
        windowFrom: day,
        windowTo: day,
        dueDate: day,
      });
      const page2 = await t.as(lead, { method: 'GET', url: `/api/plans/${planId}/items?page=2&size=5` });
      expect(page2.json().items[0].id).not.toBe(first.id);

      const mine = await t.as(lead, {
        method: 'GET',
        url: `/api/plans/${planId}/items?callerId=${team1Callers[1]}&size=200`,
      });
      const own = await t.prisma.planItem.count({ where: { planId, callerId: team1Callers[1] } });
      expect(mine.json().total).toBe(own);
      expect(mine.json().items.every((i: { callerName: string }) => i.callerName === '李娜')).toBe(true);
      const none = await t.as(lead, { method: 'GET', url: `/api/plans/${planId}/items?callerId=none` });
      expect(none.json().total).toBe(0);

      const customer = await t.prisma.customer.findUniqueOrThrow({ where: { id: first.customer.id } });
      const byName = await t.as(lead, {
        method: 'GET',
        url: `/api/plans/${planId}/items?q=${encodeURIComponent(customer.name)}`,
      });
      expect(byName.json().items.map((i: { id: string }) => i.id)).toContain(first.id);
      const byPhone = await t.as(lead, {
        method: 'GET',
        url: `/api/plans/${planId}/items?q=${customer.phone.slice(-4)}`,
      });
      expect(byPhone.json().items.map((i: { id: string }) => i.id)).toContain(first.id);
    });

    it('removes an item (204), then answers 404 for it', async () => {
      const item = await t.prisma.planItem.findFirstOrThrow({ where: { planId }, orderBy: { id: 'desc' } });
      const url = `/api/plans/${planId}/items/${item.id}`;
      expect((await t.as(lead, { method: 'DELETE', url })).statusCode).toBe(204);
      expect(await t.prisma.planItem.findUnique({ where: { id: item.id } })).toBeNull();
      expect((await t.as(lead, { method: 'DELETE', url })).statusCode).toBe(404);
      const audit = await t.prisma.auditLog.findFirst({
        where: { entityId: item.id, action: 'PLAN_ITEM_DELETE' },
      });
      expect(audit).not.toBeNull();
    });

    it('leaves everything unassigned when the team has no active caller', async () => {
      const plan = await newPlan();
      await t.prisma.user.updateMany({ where: { id: { in: team1Callers } }, data: { active: false } });
      try {
        const res = await add(plan, { ...base, filter: { segments: ['KEY_ACCOUNT'] } });
        expect(res.statusCode).toBe(200);
        expect(res.json().unassigned).toBe(res.json().added);
        const detail = (await t.as(lead, { method: 'GET', url: `/api/plans/${plan}` })).json();
        expect(detail.figures).toMatchObject({ callerCount: 0, unassigned: res.json().added, perCaller: [] });
      } finally {
        await t.prisma.user.updateMany({ where: { id: { in: team1Callers } }, data: { active: true } });
      }
    });
  });

  it('keeps another team’s lead out (403) and lets only plan:write add items', async () => {
    const planId = await newPlan();
    const body = { ...base, filter: { segments: ['PROSPECT'] } };
    expect((await add(planId, body, 'lead2@demo.local')).statusCode).toBe(403);
    expect((await add(planId, body, 'manager@demo.local')).statusCode).toBe(403);
    expect((await add(planId, body, 'caller1@demo.local')).statusCode).toBe(403);
    expect(
      (await t.as('lead2@demo.local', { method: 'GET', url: `/api/plans/${planId}/items` })).statusCode,
    ).toBe(403);
    expect(
      (await t.as('caller1@demo.local', { method: 'GET', url: `/api/plans/${planId}/items` })).statusCode,
    ).toBe(403);
    expect(
      (await t.as('supervisor@demo.local', { method: 'GET', url: `/api/plans/${planId}/items` })).statusCode,
    ).toBe(200);
    expect(await t.prisma.planItem.count({ where: { planId } })).toBe(0);
    void team1;
  });
});
