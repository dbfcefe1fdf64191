import { monthIn } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { day, makeTask, type OrgContext, orgContext, TZ } from './test-fixtures.ts';

const MASKED = /^\d{3}\*{4}\d{4}$/;

describe('tasks: queue, summary and task page', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  let ctx: OrgContext;
  const hour = 3600_000;

  // A caller of our own with one task in each situation, so nothing depends on the demo's dates.
  const fx: Record<string, { id: string; dueDate: Date; status: string }> = {};
  let fresh: { id: string };
  beforeAll(async () => {
    ctx = await orgContext(t.prisma);
    fresh = await ctx.newCaller('fresh@demo.local', '钱新');
    const mk = (key: string, f: Omit<Parameters<typeof makeTask>[2], 'assigneeId' | 'customerId'>) =>
      makeTask(t.prisma, ctx, { assigneeId: fresh.id, customerId: ctx.customer().id, ...f }).then(
        (task) => (fx[key] = task),
      );
    await mk('today', { from: -1, due: 2 });
    await mk('todayLater', { from: 0, due: 4 });
    await mk('dueToday', { from: -3, due: 0, status: 'IN_PROGRESS', attempts: 1 });
    await mk('overdue', { from: -6, due: -2 });
    await mk('callbackAhead', {
      from: -1,
      due: 3,
      status: 'IN_PROGRESS',
      callBackAt: new Date(testNow().getTime() + 3 * hour),
    });
    await mk('callbackPast', {
      from: -1,
      due: 3,
      status: 'IN_PROGRESS',
      callBackAt: new Date(testNow().getTime() - hour),
    });
    await mk('upcoming', { from: 3, due: 7 });
    await mk('done', { from: -2, due: 0, status: 'DONE', attempts: 1 });
    await mk('unreachable', { from: -2, due: 0, status: 'UNREACHABLE', attempts: 3 });
    await mk('cancelled', { from: -2, due: 0, status: 'CANCELLED' });
  });

  const ids = (res: { json(): { items: Array<{ id: string }> } }) =>
    res
      .json()
      .items.map((i) => i.id)
      .sort();
  const keysOf = (...keys: string[]) => keys.map((k) => fx[k]!.id).sort();
  const list = (query: string, email = 'fresh@demo.local') =>
    t.as(email, { method: 'GET', url: `/api/tasks${query}` });

  describe('GET /api/tasks', () => {
    it('gives a caller their own tasks by default, phones masked, with customer and assignee', async () => {
      const res = await list('?size=200', 'caller1@demo.local');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBeGreaterThan(0);
      expect(body.page).toBe(1);
      for (const item of body.items) {
        expect(item.assignee).toEqual({ id: users['caller1@demo.local']!.id, name: '张敏' });
        expect(item.customer.phone).toMatch(MASKED);
        expect(item.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      const all = await t.prisma.task.count({ where: { assigneeId: users['caller1@demo.local']!.id } });
      expect(body.total).toBe(all);
    });

    it('lets a caller ask for "me" or their own id but not for anyone else (403)', async () => {
      expect((await list('?assignee=me', 'caller1@demo.local')).statusCode).toBe(200);
      expect(
        (await list(`?assignee=${users['caller1@demo.local']!.id}`, 'caller1@demo.local')).statusCode,
      ).toBe(200);
      const other = await list(`?assignee=${users['caller2@demo.local']!.id}`, 'caller1@demo.local');
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe('FORBIDDEN');
    });

    it('lets a lead see anyone’s queue, or the whole team’s', async () => {
      const res = await list(`?assignee=${users['caller2@demo.local']!.id}&size=5`, 'lead@demo.local');
      expect(res.statusCode).toBe(200);
      expect(
        res
          .json()
          .items.every(
            (i: { assignee: { id: string } }) => i.assignee.id === users['caller2@demo.local']!.id,
          ),
      ).toBe(true);
      const team = await list(`?teamId=${users['lead2@demo.local']!.teamId}&size=200`, 'lead@demo.local');
      const team2 = new Set([users['caller4@demo.local']!.id, users['caller5@demo.local']!.id]);
      expect(team.json().items.length).toBeGreaterThan(0);
      expect(team.json().items.every((i: { assignee: { id: string } }) => team2.has(i.assignee.id))).toBe(
        true,
      );
    });

    it('answers 401 without a session, 403 for roles without task access, 400 for bad filters', async () => {
      expect((await t.app.inject({ method: 'GET', url: '/api/tasks' })).statusCode).toBe(401);
      expect((await list('', 'handler@demo.local')).statusCode).toBe(403);
      for (const q of [
        '?bucket=someday',
        '?status=OPEN',
        '?month=2026-13',
        '?assignee=bob',
        '?size=500',
        '?sort=name',
      ]) {
        const res = await list(q);
        expect(res.statusCode, q).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION');
      }
    });

    it('computes the buckets in the organisation timezone', async () => {
      expect(ids(await list('?bucket=today'))).toEqual(
        keysOf('today', 'todayLater', 'dueToday', 'callbackPast'),
      );
      expect(ids(await list('?bucket=overdue'))).toEqual(keysOf('overdue'));
      expect(ids(await list('?bucket=callback'))).toEqual(keysOf('callbackAhead', 'callbackPast'));
      expect(ids(await list('?bucket=upcoming'))).toEqual(keysOf('upcoming'));
      expect(ids(await list('?bucket=done'))).toEqual(keysOf('done', 'unreachable'));
    });

    it('sorts by due date by default and the call-back bucket by call-back time', async () => {
      const res = await list('?bucket=today');
      const dues = res.json().items.map((i: { dueDate: string }) => i.dueDate);
      expect(dues).toEqual([...dues].sort());
      const cb = await list('?bucket=callback');
      expect(cb.json().items.map((i: { id: string }) => i.id)).toEqual([
        fx.callbackPast!.id,
        fx.callbackAhead!.id,
      ]);
      const desc = await list('?sort=-dueDate&size=200');
      const d2 = desc.json().items.map((i: { dueDate: string }) => i.dueDate);
      expect(d2).toEqual([...d2].sort().reverse());
    });

    it('filters by one or several statuses, by month and by customer; pages', async () => {
      expect(ids(await list('?status=DONE'))).toEqual(keysOf('done'));
      expect(ids(await list('?status=DONE&status=CANCELLED'))).toEqual(keysOf('done', 'cancelled'));
      expect(ids(await list('?status=UNREACHABLE,CANCELLED'))).toEqual(keysOf('unreachable', 'cancelled'));
      const month = day(7).slice(0, 7);
      const inMonth = Object.values(fx).filter((f) => f.dueDate.toISOString().slice(0, 7) === month);
      expect(ids(await list(`?month=${month}&size=50`))).toEqual(inMonth.map((f) => f.id).sort());
      const one = await t.prisma.task.findUniqueOrThrow({ where: { id: fx.overdue!.id } });
      expect(ids(await list(`?customerId=${one.customerId}`))).toEqual(keysOf('overdue'));
      const p1 = await list('?size=3&page=1');
      const p2 = await list('?size=3&page=2');
      expect(p1.json().total).toBe(10);
      expect(p2.json()).toMatchObject({ page: 2, size: 3, total: 10 });
      expect(p2.json().items).toHaveLength(3);
      expect(new Set([...ids(p1), ...ids(p2)]).size).toBe(6);
    });
  });

  describe('GET /api/tasks/summary', () => {
    it('counts the workbench tiles', async () => {
      const res = await t.as('fresh@demo.local', { method: 'GET', url: '/api/tasks/summary?assignee=me' });
      expect(res.statusCode).toBe(200);
      const month = monthIn(testNow(), TZ);
      const thisMonth = Object.values(fx).filter((f) => f.dueDate.toISOString().slice(0, 7) === month);
      expect(res.json()).toEqual({
        today: 4,
        overdue: 1,
        callback: 2,
        upcoming: 1,
        doneThisMonth: thisMonth.filter((f) => f.status === 'DONE' || f.status === 'UNREACHABLE').length,
        assignedThisMonth: thisMonth.filter((f) => f.status !== 'CANCELLED').length,
        // a call-back that has come due is the most urgent
        nextTaskId: fx.callbackPast!.id,
      });
    });

    it('names the task 开始回访 opens: the oldest overdue when nothing is due today, none without work now', async () => {
      const late = await ctx.newCaller('late@demo.local', '孙迟');
      const task = (f: { from: number; due: number }) =>
        makeTask(t.prisma, ctx, { assigneeId: late.id, customerId: ctx.customer().id, ...f });
      const summary = async () =>
        (await t.as('late@demo.local', { method: 'GET', url: '/api/tasks/summary' })).json();

      await task({ from: 3, due: 7 }); // not yet workable
      expect(await summary()).toMatchObject({ today: 0, overdue: 0, upcoming: 1, nextTaskId: null });
      const overdue = await task({ from: -6, due: -2 });
      expect(await summary()).toMatchObject({ today: 0, overdue: 1, nextTaskId: overdue.id });
      const older = await task({ from: -9, due: -5 });
      const today = await task({ from: -1, due: 2 });
      expect(await summary()).toMatchObject({ today: 1, overdue: 2, nextTaskId: older.id });
      await t.prisma.task.updateMany({
        where: { id: { in: [older.id, overdue.id] } },
        data: { status: 'DONE' },
      });
      expect(await summary()).toMatchObject({ today: 1, overdue: 0, nextTaskId: today.id });
    });

    it('defaults a caller to their own counts and refuses another caller’s', async () => {
      const mine = await t.as('fresh@demo.local', { method: 'GET', url: '/api/tasks/summary' });
      expect(mine.json().today).toBe(4);
      const other = await t.as('caller1@demo.local', {
        method: 'GET',
        url: `/api/tasks/summary?assignee=${fresh.id}`,
      });
      expect(other.statusCode).toBe(403);
      const lead = await t.as('lead@demo.local', {
        method: 'GET',
        url: `/api/tasks/summary?assignee=${fresh.id}`,
      });
      // the same counts; only one's own queue has a task to start
      expect(lead.json()).toEqual({ ...mine.json(), nextTaskId: null });
      expect(
        (await t.as('handler@demo.local', { method: 'GET', url: '/api/tasks/summary' })).statusCode,
      ).toBe(403);
    });
  });

  describe('GET /api/tasks/:id', () => {
    it('shows the assignee the full contact of an open task and audits the read', async () => {
      const task = await t.prisma.task.findUniqueOrThrow({
        where: { id: fx.today!.id },
        include: { customer: true },
      });
      const before = await t.prisma.auditLog.count({
        where: { action: 'CONTACT_READ', entityId: task.customerId },
      });
      const res = await t.as('fresh@demo.local', { method: 'GET', url: `/api/tasks/${task.id}` });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        id: task.id,
        status: 'PENDING',
        purpose: '报名体验回访',
        assignee: { id: fresh.id, name: '钱新' },
        customer: {
          id: task.customerId,
          name: task.customer.name,
          phone: task.customer.phone,
          contactMasked: false,
        },
        consent: { refusesVisits: false },
        questionnaire: { id: ctx.enrolment.id, name: '报名体验' },
        records: [],
      });
      expect(body.questionnaire.questions.map((q: { id: string }) => q.id)).toContain('overall');
      expect(body.assignments).toEqual([
        expect.objectContaining({ toUser: { id: fresh.id, name: '钱新' }, fromUser: null, reason: '测试' }),
      ]);
      const audits = await t.prisma.auditLog.findMany({
        where: { action: 'CONTACT_READ', entityId: task.customerId },
        orderBy: { id: 'desc' },
      });
      expect(audits.length).toBe(before + 1);
      expect(audits[0]).toMatchObject({ actorId: fresh.id, entity: 'Customer' });
    });

    it('masks the contact for everyone else (and for the assignee once the task is closed), without auditing', async () => {
      const open = await t.prisma.task.findUniqueOrThrow({ where: { id: fx.today!.id } });
      const before = await t.prisma.auditLog.count({ where: { action: 'CONTACT_READ' } });
      const lead = await t.as('lead@demo.local', { method: 'GET', url: `/api/tasks/${open.id}` });
      expect(lead.statusCode).toBe(200);
      expect(lead.json().customer.phone).toMatch(MASKED);
      expect(lead.json().customer.contactMasked).toBe(true);
      expect(lead.json().nextTaskId).toBeNull();
      const closed = await t.as('fresh@demo.local', { method: 'GET', url: `/api/tasks/${fx.done!.id}` });
      expect(closed.statusCode).toBe(200);
      expect(closed.json().customer.phone).toMatch(MASKED);
      if (closed.json().customer.email) expect(closed.json().customer.email).toContain('***');
      expect(await t.prisma.auditLog.count({ where: { action: 'CONTACT_READ' } })).toBe(before);
    });

    it('refuses another caller’s task (403), an unknown task (404) and a malformed id (400)', async () => {
      const res = await t.as('caller1@demo.local', { method: 'GET', url: `/api/tasks/${fx.today!.id}` });
      expect(res.statusCode).toBe(403);
      expect(
        (
          await t.as('caller1@demo.local', {
            method: 'GET',
            url: '/api/tasks/0190aaaa-0000-7000-8000-000000000000',
          })
        ).statusCode,
      ).toBe(404);
      expect((await t.as('caller1@demo.local', { method: 'GET', url: '/api/tasks/nope' })).statusCode).toBe(
        400,
      );
      expect((await t.app.inject({ method: 'GET', url: `/api/tasks/${fx.today!.id}` })).statusCode).toBe(401);
      expect(
        (await t.as('handler@demo.local', { method: 'GET', url: `/api/tasks/${fx.today!.id}` })).statusCode,
      ).toBe(403);
    });

    it('names the next workable task in queue order, skipping this one and wrapping round', async () => {
      // Workable now: overdue, dueToday, today, callbackPast, todayLater — in due-date order.
      const order = await list('?bucket=today&size=50');
      const queue = [fx.overdue!.id, ...order.json().items.map((i: { id: string }) => i.id)];
      const next = async (id: string) =>
        (await t.as('fresh@demo.local', { method: 'GET', url: `/api/tasks/${id}` })).json().nextTaskId;
      for (let i = 0; i < queue.length; i++) {
        expect(await next(queue[i]!)).toBe(queue[(i + 1) % queue.length]);
      }
      // From a task outside the queue (not yet begun), the first one after it, wrapping round.
      expect(await next(fx.upcoming!.id)).toBe(queue[0]);
    });

    it('lists the customer’s visit history newest first with caller names', async () => {
      const withHistory = await t.prisma.task.findFirstOrThrow({
        where: { assigneeId: users['caller1@demo.local']!.id, visits: { some: {} } },
      });
      const res = await t.as('caller1@demo.local', { method: 'GET', url: `/api/tasks/${withHistory.id}` });
      expect(res.statusCode).toBe(200);
      const { history, records } = res.json();
      expect(history.length).toBeGreaterThan(0);
      const times = history.map((h: { startedAt: string }) => h.startedAt);
      expect(times).toEqual([...times].sort().reverse());
      expect(history[0].caller.name).not.toBe('--');
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) expect(r.taskId).toBe(withHistory.id);
    });
  });

  it('documents the routes in the OpenAPI description', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = res.json().paths;
    for (const p of ['/api/tasks', '/api/tasks/summary', '/api/tasks/{id}', '/api/tasks/{id}/visits']) {
      expect(paths[p], p).toBeDefined();
    }
    expect(JSON.stringify(paths['/api/tasks/{id}/visits'].post.parameters)).toContain('idempotency-key');
    for (const p of ['/api/visits', '/api/visits/{id}', '/api/visits/{id}/amendments']) {
      expect(paths[p], p).toBeDefined();
    }
    expect(paths['/api/visits/{id}'].put).toBeUndefined();
    expect(paths['/api/visits/{id}'].patch).toBeUndefined();
  });
});
