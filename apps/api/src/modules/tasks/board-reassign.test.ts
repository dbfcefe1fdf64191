import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import type { Prisma } from '../../db/prisma.ts';
import { freshCustomers } from './test-fixtures.ts';

describe('task reassignment', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const id = (email: string) => users[email]!.id;
  const org = await t.prisma.organization.findFirstOrThrow();

  // Each task gets a new customer of its own: a customer has at most one open task.
  async function mkTasks(
    specs: Array<[email: string, status?: Prisma.TaskCreateManyInput['status']]>,
  ): Promise<string[]> {
    const due = new Date('2030-06-15T00:00:00Z');
    const customers = await freshCustomers(t.prisma, org.id, specs.length);
    const ids: string[] = [];
    for (const [i, [email, status]] of specs.entries()) {
      const row = await t.prisma.task.create({
        data: {
          organizationId: org.id,
          customerId: customers[i]!.id,
          assigneeId: id(email),
          purpose: '报名体验回访',
          channel: 'PHONE',
          windowFrom: due,
          windowTo: due,
          dueDate: due,
          status: status ?? 'PENDING',
        },
      });
      ids.push(row.id);
    }
    return ids;
  }
  const reassign = (email: string, taskId: string, payload: object) =>
    t.as(email, { method: 'PATCH', url: `/api/tasks/${taskId}`, payload });
  const bulk = (email: string, payload: object) =>
    t.as(email, { method: 'POST', url: '/api/tasks/reassign', payload });
  const assignees = async (ids: string[]) =>
    (await t.prisma.task.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } })).map((x) => [
      x.assigneeId,
      x.version,
    ]);

  describe('PATCH /api/tasks/:id', () => {
    it('a LEAD moves an open task within the team: history, version and audit in one go', async () => {
      const [taskId] = (await mkTasks([['caller1@demo.local', 'IN_PROGRESS']])) as [string];
      const res = await reassign('lead@demo.local', taskId, {
        assigneeId: id('caller2@demo.local'),
        reason: '张敏休假',
        version: 1,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        id: taskId,
        assigneeId: id('caller2@demo.local'),
        status: 'IN_PROGRESS',
        version: 2,
      });
      const row = await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
      expect(row).toMatchObject({ assigneeId: id('caller2@demo.local'), version: 2, status: 'IN_PROGRESS' });
      const history = await t.prisma.taskAssignment.findMany({ where: { taskId } });
      expect(history).toEqual([
        expect.objectContaining({
          fromUserId: id('caller1@demo.local'),
          toUserId: id('caller2@demo.local'),
          byUserId: id('lead@demo.local'),
          reason: '张敏休假',
        }),
      ]);
      const log = await t.prisma.auditLog.findFirstOrThrow({
        where: { action: 'TASK_REASSIGNED', entityId: taskId },
      });
      expect(log).toMatchObject({
        entity: 'Task',
        actorId: id('lead@demo.local'),
        before: { assigneeId: id('caller1@demo.local'), version: 1 },
        after: { assigneeId: id('caller2@demo.local'), version: 2, reason: '张敏休假' },
      });

      // without a version and without a reason
      const again = await reassign('lead@demo.local', taskId, { assigneeId: id('caller3@demo.local') });
      expect(again.statusCode).toBe(200);
      expect(again.json().version).toBe(3);

      const list = await t.as('manager@demo.local', {
        method: 'GET',
        url: `/api/tasks/${taskId}/assignments`,
      });
      expect(list.statusCode).toBe(200);
      expect(list.json().items).toEqual([
        {
          id: expect.any(String),
          fromUser: { id: id('caller1@demo.local'), name: '张敏' },
          toUser: { id: id('caller2@demo.local'), name: '李娜' },
          byUser: { id: id('lead@demo.local'), name: '王丽华' },
          reason: '张敏休假',
          createdAt: expect.stringMatching(/Z$/),
        },
        expect.objectContaining({
          fromUser: { id: id('caller2@demo.local'), name: '李娜' },
          toUser: { id: id('caller3@demo.local'), name: '刘洋' },
          reason: null,
        }),
      ]);
    });

    it('answers 409 STALE_VERSION for a stale version and changes nothing', async () => {
      const [taskId] = (await mkTasks([['caller1@demo.local']])) as [string];
      await t.prisma.task.update({ where: { id: taskId }, data: { version: 4 } });
      const res = await reassign('lead@demo.local', taskId, {
        assigneeId: id('caller2@demo.local'),
        version: 3,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 4 } });
      expect(await assignees([taskId])).toEqual([[id('caller1@demo.local'), 4]]);
      expect(await t.prisma.taskAssignment.count({ where: { taskId } })).toBe(0);
    });

    it('two leads racing on the same version: exactly one wins', async () => {
      const [taskId] = (await mkTasks([['caller1@demo.local']])) as [string];
      const results = await Promise.all([
        reassign('lead@demo.local', taskId, { assigneeId: id('caller2@demo.local'), version: 1 }),
        reassign('lead@demo.local', taskId, { assigneeId: id('caller3@demo.local'), version: 1 }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(await t.prisma.taskAssignment.count({ where: { taskId } })).toBe(1);
      expect((await t.prisma.task.findUniqueOrThrow({ where: { id: taskId } })).version).toBe(2);
    });

    it('answers 409 for a closed task', async () => {
      const ids = await mkTasks([
        ['caller1@demo.local', 'DONE'],
        ['caller1@demo.local', 'UNREACHABLE'],
        ['caller1@demo.local', 'CANCELLED'],
      ]);
      for (const taskId of ids) {
        const res = await reassign('lead@demo.local', taskId, { assigneeId: id('caller2@demo.local') });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('CONFLICT');
      }
      expect(new Set((await assignees(ids)).map((x) => x[0]))).toEqual(new Set([id('caller1@demo.local')]));
    });

    it('answers 422 unless the new assignee is an active caller of the organisation', async () => {
      const [taskId] = (await mkTasks([['caller1@demo.local']])) as [string];
      const inactive = await t.prisma.user.create({
        data: {
          organizationId: org.id,
          email: 'left@demo.local',
          name: '已离职',
          role: 'CALLER',
          teamId: users['lead@demo.local']!.teamId,
          passwordHash: 'x',
          active: false,
        },
      });
      const other = await t.prisma.organization.create({ data: { name: '别的机构' } });
      const stranger = await t.prisma.user.create({
        data: {
          organizationId: other.id,
          email: 'x@other.local',
          name: '外人',
          role: 'CALLER',
          passwordHash: 'x',
        },
      });
      for (const target of [
        id('lead@demo.local'),
        id('handler@demo.local'),
        inactive.id,
        stranger.id,
        randomUUID(),
      ]) {
        const res = await reassign('lead@demo.local', taskId, { assigneeId: target });
        expect(res.statusCode, target).toBe(422);
        expect(res.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: { field: 'assigneeId' } });
      }
      const same = await reassign('lead@demo.local', taskId, { assigneeId: id('caller1@demo.local') });
      expect(same.statusCode).toBe(422);
      expect(await t.prisma.taskAssignment.count({ where: { taskId } })).toBe(0);
    });

    it('keeps a LEAD inside their own team (403 both ways)', async () => {
      const [mine, theirs] = (await mkTasks([['caller1@demo.local'], ['caller4@demo.local']])) as [
        string,
        string,
      ];
      const toOtherTeam = await reassign('lead@demo.local', mine, { assigneeId: id('caller4@demo.local') });
      expect(toOtherTeam.statusCode).toBe(403);
      const fromOtherTeam = await reassign('lead@demo.local', theirs, {
        assigneeId: id('caller1@demo.local'),
      });
      expect(fromOtherTeam.statusCode).toBe(403);
      const withinOther = await reassign('lead@demo.local', theirs, { assigneeId: id('caller5@demo.local') });
      expect(withinOther.statusCode).toBe(403);
      const lead2 = await reassign('lead2@demo.local', mine, { assigneeId: id('caller2@demo.local') });
      expect(lead2.statusCode).toBe(403);
      // lead2 within team 2 works
      const ok = await reassign('lead2@demo.local', theirs, { assigneeId: id('caller5@demo.local') });
      expect(ok.statusCode).toBe(200);
      expect(await assignees([mine])).toEqual([[id('caller1@demo.local'), 1]]);
    });

    it('refuses roles without task:reassign, anonymous users, unknown tasks and bad bodies', async () => {
      const [taskId] = (await mkTasks([['caller1@demo.local']])) as [string];
      for (const email of [
        'caller1@demo.local',
        'handler@demo.local',
        'manager@demo.local',
        'supervisor@demo.local',
        'admin@demo.local',
      ]) {
        const res = await reassign(email, taskId, { assigneeId: id('caller2@demo.local') });
        expect(res.statusCode, email).toBe(403);
      }
      const anon = await t.app.inject({
        method: 'PATCH',
        url: `/api/tasks/${taskId}`,
        payload: { assigneeId: id('caller2@demo.local') },
      });
      expect(anon.statusCode).toBe(401);
      const missing = await reassign('lead@demo.local', randomUUID(), {
        assigneeId: id('caller2@demo.local'),
      });
      expect(missing.statusCode).toBe(404);
      for (const payload of [
        {},
        { assigneeId: 'caller2' },
        { assigneeId: id('caller2@demo.local'), version: 'x' },
      ]) {
        const res = await reassign('lead@demo.local', taskId, payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION');
      }
      const tooLong = await reassign('lead@demo.local', taskId, {
        assigneeId: id('caller2@demo.local'),
        reason: 'x'.repeat(501),
      });
      expect(tooLong.statusCode).toBe(400);
      expect(await assignees([taskId])).toEqual([[id('caller1@demo.local'), 1]]);
    });

    it('a task of another organisation is not found', async () => {
      const other = await t.prisma.organization.create({ data: { name: '另一家' } });
      const otherUser = await t.prisma.user.create({
        data: {
          organizationId: other.id,
          email: 'c@another.local',
          name: '别人',
          role: 'CALLER',
          passwordHash: 'x',
        },
      });
      const otherCustomer = await t.prisma.customer.create({
        data: { organizationId: other.id, name: '客', phone: '13900000000', segment: 'STUDENT', tier: 'MID' },
      });
      const day = new Date('2030-01-01T00:00:00Z');
      const foreign = await t.prisma.task.create({
        data: {
          organizationId: other.id,
          customerId: otherCustomer.id,
          assigneeId: otherUser.id,
          purpose: 'x',
          channel: 'PHONE',
          windowFrom: day,
          windowTo: day,
          dueDate: day,
        },
      });
      const res = await reassign('lead@demo.local', foreign.id, { assigneeId: id('caller2@demo.local') });
      expect(res.statusCode).toBe(404);
      const hist = await t.as('lead@demo.local', {
        method: 'GET',
        url: `/api/tasks/${foreign.id}/assignments`,
      });
      expect(hist.statusCode).toBe(404);
      const bulkRes = await bulk('lead@demo.local', {
        taskIds: [foreign.id],
        assigneeId: id('caller2@demo.local'),
      });
      expect(bulkRes.statusCode).toBe(404);
    });
  });

  describe('POST /api/tasks/reassign', () => {
    it('moves many tasks at once, skipping those already with the new caller', async () => {
      const ids = await mkTasks([
        ['caller1@demo.local'],
        ['caller1@demo.local', 'IN_PROGRESS'],
        ['caller3@demo.local'],
        ['caller2@demo.local'],
      ]);
      const res = await bulk('lead@demo.local', {
        taskIds: [...ids, ids[0]],
        assigneeId: id('caller2@demo.local'),
        reason: '均衡工作量',
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ reassigned: 3, unchanged: 1 });
      expect(body.items).toHaveLength(4);
      const byId = Object.fromEntries(body.items.map((i: { id: string }) => [i.id, i]));
      expect(byId[ids[0]!]).toEqual({
        id: ids[0],
        assigneeId: id('caller2@demo.local'),
        status: 'PENDING',
        version: 2,
      });
      expect(byId[ids[3]!].version).toBe(1);
      const rows = await t.prisma.task.findMany({ where: { id: { in: ids } } });
      expect(new Set(rows.map((r) => r.assigneeId))).toEqual(new Set([id('caller2@demo.local')]));
      const history = await t.prisma.taskAssignment.findMany({ where: { taskId: { in: ids } } });
      expect(history).toHaveLength(3);
      expect(history.every((h) => h.reason === '均衡工作量' && h.byUserId === id('lead@demo.local'))).toBe(
        true,
      );
      expect(history.map((h) => h.fromUserId).sort()).toEqual(
        [id('caller1@demo.local'), id('caller1@demo.local'), id('caller3@demo.local')].sort(),
      );
      const logs = await t.prisma.auditLog.findMany({
        where: { action: 'TASK_REASSIGNED', entityId: { in: ids } },
      });
      expect(logs).toHaveLength(3);
      expect(logs.every((l) => l.actorId === id('lead@demo.local'))).toBe(true);
    });

    it('all or none: one closed task → 409 and nothing changes', async () => {
      const ids = await mkTasks([
        ['caller1@demo.local'],
        ['caller1@demo.local'],
        ['caller3@demo.local', 'DONE'],
      ]);
      const before = await assignees(ids);
      const res = await bulk('lead@demo.local', { taskIds: ids, assigneeId: id('caller2@demo.local') });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.details.taskIds).toEqual([ids[2]]);
      expect(await assignees(ids)).toEqual(before);
      expect(await t.prisma.taskAssignment.count({ where: { taskId: { in: ids } } })).toBe(0);
      expect(await t.prisma.auditLog.count({ where: { entityId: { in: ids } } })).toBe(0);
    });

    it('all or none: one task of another team → 403; an unknown id → 404; nothing changes', async () => {
      const ids = await mkTasks([['caller1@demo.local'], ['caller2@demo.local'], ['caller4@demo.local']]);
      const before = await assignees(ids);
      const res = await bulk('lead@demo.local', { taskIds: ids, assigneeId: id('caller3@demo.local') });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.details.taskIds).toEqual([ids[2]]);
      const unknown = await bulk('lead@demo.local', {
        taskIds: [ids[0], randomUUID()],
        assigneeId: id('caller3@demo.local'),
      });
      expect(unknown.statusCode).toBe(404);
      const toOtherTeam = await bulk('lead@demo.local', {
        taskIds: ids.slice(0, 2),
        assigneeId: id('caller5@demo.local'),
      });
      expect(toOtherTeam.statusCode).toBe(403);
      const notCaller = await bulk('lead@demo.local', {
        taskIds: ids.slice(0, 2),
        assigneeId: id('supervisor@demo.local'),
      });
      expect(notCaller.statusCode).toBe(422);
      expect(await assignees(ids)).toEqual(before);
      expect(await t.prisma.taskAssignment.count({ where: { taskId: { in: ids } } })).toBe(0);
    });

    it('validates the body and the permission', async () => {
      const [taskId] = (await mkTasks([['caller1@demo.local']])) as [string];
      const target = id('caller2@demo.local');
      const tooMany = Array.from({ length: 501 }, () => randomUUID());
      for (const payload of [
        { taskIds: [], assigneeId: target },
        { taskIds: tooMany, assigneeId: target },
        { taskIds: ['nope'], assigneeId: target },
        { taskIds: [taskId] },
      ]) {
        const res = await bulk('lead@demo.local', payload);
        expect(res.statusCode).toBe(400);
      }
      for (const email of ['caller1@demo.local', 'handler@demo.local', 'manager@demo.local']) {
        expect((await bulk(email, { taskIds: [taskId], assigneeId: target })).statusCode).toBe(403);
      }
      const anon = await t.app.inject({
        method: 'POST',
        url: '/api/tasks/reassign',
        payload: { taskIds: [taskId], assigneeId: target },
      });
      expect(anon.statusCode).toBe(401);
      expect(await assignees([taskId])).toEqual([[id('caller1@demo.local'), 1]]);
    });

    it('handles 500 tasks in one request', async () => {
      const due = new Date('2031-01-10T00:00:00Z');
      const customers = await freshCustomers(t.prisma, org.id, 500, '批量客户');
      await t.prisma.task.createMany({
        data: customers.map((customer) => ({
          organizationId: org.id,
          customerId: customer.id,
          assigneeId: id('caller3@demo.local'),
          purpose: '批量',
          channel: 'PHONE' as const,
          windowFrom: due,
          windowTo: due,
          dueDate: due,
        })),
      });
      const ids = (await t.prisma.task.findMany({ where: { purpose: '批量' }, select: { id: true } })).map(
        (x) => x.id,
      );
      const res = await bulk('lead@demo.local', { taskIds: ids, assigneeId: id('caller1@demo.local') });
      expect(res.statusCode).toBe(200);
      expect(res.json().reassigned).toBe(500);
      expect(
        await t.prisma.task.count({ where: { purpose: '批量', assigneeId: id('caller1@demo.local') } }),
      ).toBe(500);
      expect(await t.prisma.taskAssignment.count({ where: { taskId: { in: ids } } })).toBe(500);
    });
  });

  describe('GET /api/tasks/:id/assignments', () => {
    it('shows the first assignment of a demo task (from nobody) to readers of any task', async () => {
      const demoTask = await t.prisma.task.findFirstOrThrow({ where: { planId: { not: null } } });
      for (const email of [
        'lead@demo.local',
        'manager@demo.local',
        'supervisor@demo.local',
        'admin@demo.local',
      ]) {
        const res = await t.as(email, { method: 'GET', url: `/api/tasks/${demoTask.id}/assignments` });
        expect(res.statusCode).toBe(200);
        expect(res.json().items[0]).toMatchObject({
          fromUser: null,
          toUser: { id: demoTask.assigneeId },
          byUser: { name: '周建国' },
          reason: null,
        });
      }
      for (const email of ['caller1@demo.local', 'handler@demo.local']) {
        const res = await t.as(email, { method: 'GET', url: `/api/tasks/${demoTask.id}/assignments` });
        expect(res.statusCode).toBe(403);
      }
      expect(
        (await t.as('lead@demo.local', { method: 'GET', url: `/api/tasks/${randomUUID()}/assignments` }))
          .statusCode,
      ).toBe(404);
      expect(
        (await t.as('lead@demo.local', { method: 'GET', url: '/api/tasks/abc/assignments' })).statusCode,
      ).toBe(400);
    });
  });
});
