// The contact cap at a plan's approval (docs/rules.md#r-plan-3-exclusions-and-one-open-task-per-customer,
// docs/rules.md#r-cad-6-contact-policy): a customer who can take no further contact before the item's
// window ends gets no task (CONTACT_CAP, shown as skipped); one who can later in the window gets a task
// that starts on that day; a wrong number is no contact.
import { addDays, addMonths, dayCount, dayIn, monthBounds, monthIn, zonedTime } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

const TZ = 'Asia/Shanghai';
const LEAD = 'lead@demo.local';
const MANAGER = 'manager@demo.local';
const today = dayIn(testNow(), TZ);
const month = addMonths(monthIn(testNow(), TZ), 1);
const { first, last } = monthBounds(month);
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('the contact cap at plan approval', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const lead = users[LEAD]!;
  const org = (await t.prisma.organization.findFirstOrThrow()).id;
  // customers nobody has contacted and who can be planned
  const [capped, later, wrongNumber, once] = (
    await t.prisma.customer.findMany({
      where: {
        organizationId: org,
        refusesVisits: false,
        visits: { none: {} },
        tasks: { none: { status: { in: ['PENDING', 'IN_PROGRESS'] } } },
        planItems: { none: {} },
      },
      orderBy: { id: 'asc' },
      take: 4,
      select: { id: true },
    })
  ).map((c) => c.id) as [string, string, string, string];
  // With this window a contact made today leaves it the day after next month ends, and one made
  // 21 days ago leaves it 20 days before then — inside next month.
  const windowDays = dayCount(today, last) + 1;
  await t.prisma.contactPolicy.create({
    data: { organizationId: org, maxContacts: 2, windowDays, updatedAt: testNow() },
  });
  const caller = (
    await t.prisma.user.findFirstOrThrow({ where: { teamId: lead.teamId, role: 'CALLER', active: true } })
  ).id;
  const contact = async (customerId: string, on: string, outcome = 'COMPLETED') => {
    const task = await t.prisma.task.create({
      data: {
        organizationId: org,
        customerId,
        assigneeId: caller,
        purpose: 'test',
        channel: 'PHONE',
        windowFrom: new Date(`${on}T00:00:00Z`),
        windowTo: new Date(`${on}T00:00:00Z`),
        dueDate: new Date(`${on}T00:00:00Z`),
        status: 'DONE',
        doneAt: zonedTime(on, '10:00', TZ),
      },
    });
    await t.prisma.visitRecord.create({
      data: {
        organizationId: org,
        taskId: task.id,
        callerId: caller,
        customerId,
        startedAt: zonedTime(on, '10:00', TZ),
        channel: 'PHONE',
        outcome: outcome as 'COMPLETED',
        original: {},
      },
    });
  };

  it('skips a customer at the cap for the whole window and starts the others when a contact fits', async () => {
    const plan = await t.as(LEAD, {
      method: 'POST',
      url: '/api/plans',
      payload: { title: '联系上限', month },
    });
    expect(plan.statusCode).toBe(201);
    const id = plan.json().id as string;
    const added = await t.as(LEAD, {
      method: 'POST',
      url: `/api/plans/${id}/items`,
      payload: {
        filter: { customerIds: [capped, later, wrongNumber, once] },
        purpose: '重点客户回访',
        channel: 'PHONE',
        windowFrom: first,
        windowTo: last,
      },
    });
    expect(added.statusCode).toBe(200);
    expect(added.json().added).toBe(4);
    expect((await t.as(LEAD, { method: 'POST', url: `/api/plans/${id}/submit` })).statusCode).toBe(200);

    // contacts made after the plan was submitted, before it is approved
    await contact(capped, today);
    await contact(capped, today);
    await contact(later, addDays(today, -21));
    await contact(later, addDays(today, -20));
    await contact(wrongNumber, today);
    await contact(wrongNumber, today, 'WRONG_NUMBER');
    await contact(once, today);

    const res = await t.as(MANAGER, { method: 'POST', url: `/api/plans/${id}/approve`, payload: {} });
    expect(res.statusCode).toBe(200);
    expect(res.json().tasksCreated).toBe(3);
    expect(res.json().figures.skipped).toEqual({ total: 1, byReason: { CONTACT_CAP: 1 } });

    const exclusion = await t.prisma.planExclusion.findUniqueOrThrow({
      where: { planId_customerId: { planId: id, customerId: capped } },
    });
    expect(exclusion.reason).toBe('CONTACT_CAP');
    expect(await t.prisma.task.count({ where: { planId: id, customerId: capped } })).toBe(0);

    const tasks = await t.prisma.task.findMany({ where: { planId: id } });
    const items = await t.prisma.planItem.findMany({ where: { planId: id } });
    const of = (customerId: string) => tasks.find((x) => x.customerId === customerId)!;
    const itemOf = (customerId: string) => items.find((x) => x.customerId === customerId)!;
    // one more contact fits once the older of the two (21 days ago) has left the window
    const fits = addDays(addDays(today, -21), windowDays);
    expect(fits > first && fits <= last).toBe(true);
    expect([day(of(later).windowFrom), day(of(later).windowTo)]).toEqual([fits, last]);
    expect(day(of(later).dueDate) >= fits).toBe(true);
    for (const free of [wrongNumber, once]) {
      const [task, item] = [of(free), itemOf(free)];
      expect([task.windowFrom, task.windowTo, task.dueDate]).toEqual([
        item.windowFrom,
        item.windowTo,
        item.dueDate,
      ]);
    }
    const audit = await t.prisma.auditLog.findFirstOrThrow({
      where: { entityId: id, action: 'PLAN_APPROVE' },
    });
    expect(audit.after).toMatchObject({ tasksCreated: 3, skipped: { CONTACT_CAP: 1 } });
  });
});
