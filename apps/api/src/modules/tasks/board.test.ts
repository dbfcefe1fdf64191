import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import type { Prisma } from '../../db/prisma.ts';
import { freshCustomers } from './test-fixtures.ts';

// Fixtures in months the demo data never touches (it covers the last three months and the
// next one), one long past and one far ahead, so the figures do not depend on today's date.
const PAST = '2020-03';
const FUTURE = '2099-05';

describe('task board', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const org = await t.prisma.organization.findFirstOrThrow();
  const team1 = users['lead@demo.local']!.teamId!;
  const team2 = users['lead2@demo.local']!.teamId!;
  // Each fixture task gets a new customer of its own: a customer has at most one open task.
  const customers = await freshCustomers(t.prisma, org.id, 40);
  let n = 0;
  const task = (
    email: string | { id: string },
    dueDate: string,
    status: Prisma.TaskCreateManyInput['status'] = 'PENDING',
    extra: Partial<Prisma.TaskCreateManyInput> = {},
  ): Prisma.TaskCreateManyInput => {
    const due = new Date(`${dueDate}T00:00:00Z`);
    return {
      organizationId: org.id,
      customerId: customers[n++]!.id,
      assigneeId: typeof email === 'string' ? users[email]!.id : email.id,
      purpose: '报名体验回访',
      channel: 'PHONE',
      windowFrom: due,
      windowTo: due,
      dueDate: due,
      status,
      ...extra,
    };
  };
  const inactive = await t.prisma.user.create({
    data: {
      organizationId: org.id,
      email: 'gone@demo.local',
      name: '离职专员',
      role: 'CALLER',
      teamId: team1,
      passwordHash: 'x',
      active: false,
    },
  });
  await t.prisma.user.create({
    data: {
      organizationId: org.id,
      email: 'gone2@demo.local',
      name: '离职专员二',
      role: 'CALLER',
      teamId: team1,
      passwordHash: 'x',
      active: false,
    },
  });
  const callBackAt = new Date('2020-03-20T11:00:00Z');
  await t.prisma.task.createMany({
    data: [
      // caller1: 7 assigned (2 pending, 1 in progress with a call-back, 3 done, 1 unreachable)
      task('caller1@demo.local', `${PAST}-01`),
      task('caller1@demo.local', `${PAST}-31`),
      task('caller1@demo.local', `${PAST}-15`, 'IN_PROGRESS', { attempts: 1, callBackAt }),
      task('caller1@demo.local', `${PAST}-02`, 'DONE'),
      task('caller1@demo.local', `${PAST}-03`, 'DONE'),
      task('caller1@demo.local', `${PAST}-04`, 'DONE', { callBackAt }),
      task('caller1@demo.local', `${PAST}-05`, 'UNREACHABLE', { attempts: 3 }),
      task('caller1@demo.local', `${PAST}-06`, 'CANCELLED'),
      // just outside the month
      task('caller1@demo.local', '2020-04-01'),
      task('caller1@demo.local', '2020-02-29'),
      // caller2: one done, one open
      task('caller2@demo.local', `${PAST}-10`, 'DONE'),
      task('caller2@demo.local', `${PAST}-11`),
      // team 2 and an inactive member of team 1
      task('caller4@demo.local', `${PAST}-10`),
      task(inactive, `${PAST}-12`, 'DONE'),
      // the future month: open, none overdue
      task('caller1@demo.local', `${FUTURE}-10`),
      task('caller1@demo.local', `${FUTURE}-20`, 'IN_PROGRESS', {
        callBackAt: new Date('2099-05-01T02:00:00Z'),
      }),
      task('caller3@demo.local', `${FUTURE}-31`, 'DONE'),
    ],
  });
  const zero = { assigned: 0, done: 0, open: 0, overdue: 0, unreachable: 0, callback: 0 };

  const board = (email: string, query: string) =>
    t.as(email, { method: 'GET', url: `/api/tasks/board${query}` });

  it("gives a LEAD their own team's figures per caller, exact, in one shot", async () => {
    const res = await board('lead@demo.local', `?month=${PAST}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.month).toBe(PAST);
    expect(body.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(body.team).toEqual({ id: team1, name: '回访一组' });
    expect(body.callers).toEqual([
      {
        callerId: users['caller1@demo.local']!.id,
        name: '张敏',
        active: true,
        assigned: 7,
        done: 4,
        open: 3,
        overdue: 3,
        unreachable: 1,
        callback: 1,
      },
      {
        callerId: users['caller2@demo.local']!.id,
        name: '李娜',
        active: true,
        assigned: 2,
        done: 1,
        open: 1,
        overdue: 1,
        unreachable: 0,
        callback: 0,
      },
      { callerId: users['caller3@demo.local']!.id, name: '刘洋', active: true, ...zero },
      // an inactive caller shows only while they hold tasks of the month
      { callerId: inactive.id, name: '离职专员', active: false, ...zero, assigned: 1, done: 1 },
    ]);
    expect(body.totals).toEqual({ assigned: 10, done: 6, open: 4, overdue: 4, unreachable: 1, callback: 1 });
  });

  it('counts nothing as overdue in a month that has not come yet', async () => {
    const res = await board('lead@demo.local', `?month=${FUTURE}&teamId=${team1}`);
    expect(res.statusCode).toBe(200);
    const callers: Array<{ name: string }> = res.json().callers;
    const byName = (name: string) => callers.find((c) => c.name === name);
    expect(byName('张敏')).toMatchObject({ assigned: 2, done: 0, open: 2, overdue: 0, callback: 1 });
    expect(byName('刘洋')).toMatchObject({ assigned: 1, done: 1, open: 0, overdue: 0 });
    expect(byName('离职专员')).toBeUndefined();
    expect(res.json().totals).toEqual({
      assigned: 3,
      done: 1,
      open: 2,
      overdue: 0,
      unreachable: 0,
      callback: 1,
    });
  });

  it('defaults to the current month, matching the demo plan of this month', async () => {
    const res = await board('lead@demo.local', '');
    expect(res.statusCode).toBe(200);
    const { month, today, totals } = res.json();
    expect(today.slice(0, 7)).toBe(month);
    // the demo's approved plan for team 1 has 54 tasks this month
    expect(totals.assigned).toBe(54);
    expect(totals.done + totals.open).toBe(totals.assigned);
  });

  it('other teams: a LEAD defaults to theirs, a MANAGER names one; unknown team 404, missing 400', async () => {
    const lead2 = await board('lead2@demo.local', `?month=${PAST}`);
    expect(lead2.statusCode).toBe(200);
    expect(lead2.json().team.id).toBe(team2);
    expect(lead2.json().callers.map((c: { name: string }) => c.name)).toEqual(['赵静', '孙磊']);
    expect(lead2.json().totals).toMatchObject({ assigned: 1, open: 1, overdue: 1 });

    for (const email of ['manager@demo.local', 'supervisor@demo.local', 'admin@demo.local']) {
      const named = await board(email, `?month=${PAST}&teamId=${team1}`);
      expect(named.statusCode).toBe(200);
      expect(named.json().totals.assigned).toBe(10);
      const missing = await board(email, `?month=${PAST}`);
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.code).toBe('VALIDATION');
    }
    expect((await board('manager@demo.local', `?teamId=${randomUUID()}`)).statusCode).toBe(404);
    const other = await t.prisma.organization.create({ data: { name: '别的机构' } });
    const dept = await t.prisma.department.create({
      data: { organizationId: other.id, name: '回访部', kind: 'VISIT' },
    });
    const foreign = await t.prisma.team.create({
      data: { organizationId: other.id, departmentId: dept.id, name: '外部组' },
    });
    expect((await board('manager@demo.local', `?teamId=${foreign.id}`)).statusCode).toBe(404);
  });

  it('validates the query and refuses callers, handlers and anonymous users', async () => {
    for (const q of ['?month=2020-13', '?month=march', '?teamId=abc']) {
      const res = await board('lead@demo.local', q);
      expect(res.statusCode, q).toBe(400);
    }
    expect((await board('caller1@demo.local', '')).statusCode).toBe(403);
    expect((await board('handler@demo.local', '')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/tasks/board' })).statusCode).toBe(401);
  });
});
