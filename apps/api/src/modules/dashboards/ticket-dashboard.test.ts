import { addDays, dayIn, startOfDay } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';

describe('ticket dashboard', async () => {
  const t = await setupTestApp();
  const org = await t.prisma.organization.findFirstOrThrow({ where: { demo: true } });
  const users = Object.fromEntries(
    (await t.prisma.user.findMany({ select: { id: true, email: true } })).map((u) => [u.email, u.id]),
  ) as Record<string, string>;
  const customer = await t.prisma.customer.findFirstOrThrow({ where: { organizationId: org.id } });
  const tz = org.timezone;
  const get = async (email: string, month?: string) => {
    const res = await t.as(email, {
      method: 'GET',
      url: `/api/dashboards/tickets${month ? `?month=${month}` : ''}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  // A department of its own with its own handler: their dashboard holds only the fixtures below.
  const dept = await t.prisma.department.create({
    data: { organizationId: org.id, name: '看板测试部', kind: 'OTHER' },
  });
  const handlerHash = await t.prisma.user.findUniqueOrThrow({
    where: { email: 'handler@demo.local' },
    select: { passwordHash: true },
  });
  await t.prisma.user.create({
    data: {
      organizationId: org.id,
      email: 'handler-dash@demo.local',
      name: '看板处理人',
      role: 'HANDLER',
      departmentId: dept.id,
      passwordHash: handlerHash.passwordHash,
    },
  });

  let number = 90_000;
  const ticket = (data: {
    status: 'OPEN' | 'IN_PROGRESS' | 'RESPONDED' | 'VERIFIED' | 'REOPENED' | 'CLOSED';
    category: 'TEACHING' | 'SERVICE' | 'MARKET';
    createdAt: Date;
    dueAt: Date;
    pausedAt?: Date;
    respondedAt?: Date;
    closedAt?: Date;
    raisedBy?: string;
  }) => {
    number += 1;
    const { raisedBy = 'caller1@demo.local', ...rest } = data;
    return t.prisma.issueTicket.create({
      data: {
        organizationId: org.id,
        number,
        customerId: customer.id,
        callerId: users[raisedBy] as string,
        severity: 'MEDIUM',
        departmentId: dept.id,
        title: `看板工单${number}`,
        description: '看板测试',
        raisedById: users[raisedBy] as string,
        ...rest,
      },
    });
  };

  it('answers 401 without a session and 403 to a caller', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/dashboards/tickets' })).statusCode).toBe(401);
    const res = await t.as('caller1@demo.local', { method: 'GET', url: '/api/dashboards/tickets' });
    expect(res.statusCode).toBe(403);
    const bad = await t.as('manager@demo.local', {
      method: 'GET',
      url: '/api/dashboards/tickets?month=2020-13',
    });
    expect(bad.statusCode).toBe(400);
  });

  it("gives a handler exact figures of their department only, a lead their team's, management all", async () => {
    const leadBefore = await get('lead@demo.local');
    const managerBefore = await get('manager@demo.local');
    const handlerBefore = await get('handler@demo.local');
    const h = (d: number) => new Date(testNow().getTime() + d * 3_600_000);
    const now = testNow();
    const endOfToday = startOfDay(addDays(dayIn(now, tz), 1), tz);
    const dueSoon = new Date(Math.min(now.getTime() + 10 * 60_000, endOfToday.getTime() - 1000));

    await ticket({ status: 'OPEN', category: 'TEACHING', createdAt: h(-240), dueAt: h(-24) }); // overdue
    await ticket({ status: 'IN_PROGRESS', category: 'TEACHING', createdAt: h(-720), dueAt: dueSoon }); // at risk, due today
    await ticket({ status: 'REOPENED', category: 'SERVICE', createdAt: h(-1), dueAt: h(480) }); // comfortable
    await ticket({
      status: 'RESPONDED',
      category: 'SERVICE',
      createdAt: new Date('2020-03-09T02:00:00Z'),
      dueAt: new Date('2020-03-11T02:00:00Z'),
      respondedAt: new Date('2020-03-10T02:00:00Z'), // on time
      pausedAt: new Date('2020-03-10T02:00:00Z'),
    });
    await ticket({
      status: 'CLOSED',
      category: 'MARKET',
      createdAt: new Date('2020-03-09T02:00:00Z'),
      dueAt: new Date('2020-03-11T02:00:00Z'),
      respondedAt: new Date('2020-03-12T02:00:00Z'), // late
      pausedAt: new Date('2020-03-12T02:00:00Z'),
      closedAt: new Date('2020-03-15T02:00:00Z'),
    });
    await ticket({
      status: 'CLOSED',
      category: 'MARKET',
      createdAt: new Date('2020-03-30T02:00:00Z'),
      dueAt: new Date('2020-04-02T02:00:00Z'),
      respondedAt: new Date('2020-04-01T02:00:00Z'),
      pausedAt: new Date('2020-04-01T02:00:00Z'),
      closedAt: new Date('2020-03-31T16:30:00Z'), // 2020-04-01 00:30 in Shanghai: April
      raisedBy: 'caller4@demo.local', // team 2: not lead@'s
    });

    const d = await get('handler-dash@demo.local', '2020-03');
    expect(d).toEqual({
      month: '2020-03',
      byStatus: [
        { status: 'OPEN', count: 1 },
        { status: 'IN_PROGRESS', count: 1 },
        { status: 'RESPONDED', count: 1 },
        { status: 'VERIFIED', count: 0 },
        { status: 'REOPENED', count: 1 },
        { status: 'CLOSED', count: 2 },
      ],
      overdue: 1,
      atRisk: 1,
      dueToday: 1,
      closedThisMonth: 1,
      respondedOnTimeRate: { onTime: 1, responded: 2 },
      byCategory: [
        { category: 'TEACHING', open: 2, closed: 0 },
        { category: 'SERVICE', open: 2, closed: 0 },
        { category: 'MARKET', open: 0, closed: 2 },
        { category: 'FACILITY', open: 0, closed: 0 },
        { category: 'CALLER_CONDUCT', open: 0, closed: 0 },
        { category: 'OTHER', open: 0, closed: 0 },
      ],
    });
    const april = await get('handler-dash@demo.local', '2020-04');
    expect(april.closedThisMonth).toBe(1);
    expect(april.respondedOnTimeRate).toEqual({ onTime: 1, responded: 1 });

    // the demo handler of another department sees none of them
    const handlerAfter = await get('handler@demo.local');
    expect(handlerAfter).toEqual(handlerBefore);
    const demoHandler = await t.prisma.user.findUniqueOrThrow({ where: { email: 'handler@demo.local' } });
    const own = await t.prisma.issueTicket.count({
      where: { departmentId: demoHandler.departmentId as string },
    });
    const sum = (x: { byStatus: { count: number }[] }) => x.byStatus.reduce((s, r) => s + r.count, 0);
    expect(sum(handlerAfter)).toBe(own);

    // the lead sees the five raised by their team, not caller4's; the manager sees all six
    const leadAfter = await get('lead@demo.local');
    expect(sum(leadAfter) - sum(leadBefore)).toBe(5);
    expect(leadAfter.overdue - leadBefore.overdue).toBe(1);
    const managerAfter = await get('manager@demo.local');
    expect(sum(managerAfter) - sum(managerBefore)).toBe(6);
    expect(sum(managerAfter)).toBe(await t.prisma.issueTicket.count({ where: { organizationId: org.id } }));
    expect(managerAfter.overdue - managerBefore.overdue).toBe(1);
    expect(managerAfter.atRisk - managerBefore.atRisk).toBe(1);
  });
});
