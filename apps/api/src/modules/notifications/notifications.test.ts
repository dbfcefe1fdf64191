import { describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

describe('notifications', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);

  it('tells each caller how many tasks an approved plan gave them, and only them', async () => {
    const plan = await t.prisma.visitPlan.findFirstOrThrow({ where: { status: 'SUBMITTED' } });
    const approve = await t.as('manager@demo.local', {
      method: 'POST',
      url: `/api/plans/${plan.id}/approve`,
      payload: {},
    });
    expect(approve.statusCode).toBe(200);
    const perCaller = await t.prisma.task.groupBy({
      by: ['assigneeId'],
      where: { planId: plan.id },
      _count: { _all: true },
    });
    expect(perCaller.length).toBeGreaterThan(0);
    for (const email of ['caller4@demo.local', 'caller5@demo.local']) {
      const res = await t.as(email, { method: 'GET', url: '/api/notifications' });
      expect(res.statusCode).toBe(200);
      const mine = res.json().items.filter((n: { type: string }) => n.type === 'TASK_ASSIGNED');
      const expected = perCaller.find((p) => p.assigneeId === users[email]!.id)?._count._all;
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({
        entity: 'VisitPlan',
        entityId: plan.id,
        payload: { month: plan.month, count: expected },
        readAt: null,
      });
    }
    const other = await t.as('caller1@demo.local', { method: 'GET', url: '/api/notifications' });
    expect(other.json().items.some((n: { entityId: string }) => n.entityId === plan.id)).toBe(false);
  });

  it('counts unread, marks one and all read, and never touches another user’s', async () => {
    const count = await t.as('caller4@demo.local', { method: 'GET', url: '/api/notifications/unread-count' });
    expect(count.json().unread).toBeGreaterThan(0);
    const list = await t.as('caller4@demo.local', { method: 'GET', url: '/api/notifications?unread=true' });
    const first = list.json().items[0];
    const foreign = await t.as('caller5@demo.local', {
      method: 'POST',
      url: `/api/notifications/${first.id}/read`,
    });
    expect(foreign.statusCode).toBe(404);
    const read = await t.as('caller4@demo.local', {
      method: 'POST',
      url: `/api/notifications/${first.id}/read`,
    });
    expect(read.statusCode).toBe(200);
    expect(read.json().unread).toBe(count.json().unread - 1);
    const all = await t.as('caller4@demo.local', { method: 'POST', url: '/api/notifications/read-all' });
    expect(all.json()).toEqual({ unread: 0 });
    expect(
      (await t.as('caller4@demo.local', { method: 'GET', url: '/api/notifications?unread=true' })).json()
        .items,
    ).toEqual([]);
    expect(
      (await t.as('caller5@demo.local', { method: 'GET', url: '/api/notifications/unread-count' })).json()
        .unread,
    ).toBeGreaterThan(0);
    expect((await t.app.inject({ method: 'GET', url: '/api/notifications' })).statusCode).toBe(401);
  });

  it('tells the new assignee of a reassigned task', async () => {
    const task = await t.prisma.task.findFirstOrThrow({
      where: { assigneeId: users['caller1@demo.local']!.id, status: { in: ['PENDING', 'IN_PROGRESS'] } },
    });
    const res = await t.as('lead@demo.local', {
      method: 'PATCH',
      url: `/api/tasks/${task.id}`,
      payload: { assigneeId: users['caller2@demo.local']!.id, reason: '张敏请假' },
    });
    expect(res.statusCode).toBe(200);
    const inbox = await t.as('caller2@demo.local', { method: 'GET', url: '/api/notifications' });
    expect(inbox.json().items[0]).toMatchObject({
      type: 'TASK_REASSIGNED',
      entity: 'Task',
      entityId: task.id,
      payload: { count: 1, reason: '张敏请假' },
    });
  });
});
