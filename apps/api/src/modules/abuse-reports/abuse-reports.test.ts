import { addMonths, monthBounds, monthIn } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { loadCallerCounts } from '../../presenters/kpi-counts.ts';

// Customer-abuse reports from staff (docs/rules.md#r-disc-2-customer-abuse-reports): to the
// reporter's superior (or the managers), confirmed or dismissed once; a confirmed one protects the
// reporter's figures, flags the customer and pauses visits to them until a manager lifts the flag.
describe('customer-abuse reports (R-DISC-2)', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const id = (who: string) => users[`${who}@demo.local`]!.id;
  const org = (await t.prisma.organization.findFirstOrThrow({ where: { demo: true } })).id;

  // caller1's open tasks, one per customer
  const open = await t.prisma.task.findMany({
    where: { assigneeId: id('caller1'), status: { in: ['PENDING', 'IN_PROGRESS'] } },
    orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
    distinct: ['customerId'],
    take: 4,
    select: { id: true, customerId: true },
  });
  const [first, second, third] = open;
  const notCallers = await t.prisma.customer.findFirstOrThrow({
    where: { organizationId: org, tasks: { none: { assigneeId: id('caller1') } } },
    select: { id: true },
  });

  const as = (who: string, method: 'GET' | 'POST', url: string, payload?: object) =>
    t.as(`${who}@demo.local`, { method, url, ...(payload ? { payload } : {}) });
  const report = (who: string, customerId: string, extra: object = {}) =>
    as(who, 'POST', '/api/abuse-reports', {
      customerId,
      account: '客户辱骂回访员，多次挂断后再打来威胁',
      ...extra,
    });
  const decide = (who: string, rid: string, decision: 'CONFIRM' | 'DISMISS', version = 1) =>
    as(who, 'POST', `/api/abuse-reports/${rid}/decide`, { decision, comment: '已核实录音', version });
  const flag = (who: string, customerId: string) => as(who, 'GET', `/api/customers/${customerId}/abuse-flag`);
  /** every open bucket of the caller's queue */
  const queueIds = async (who: string) => {
    const ids: string[] = [];
    for (const bucket of ['today', 'overdue', 'callback', 'upcoming'])
      ids.push(
        ...(await as(who, 'GET', `/api/tasks?bucket=${bucket}&size=100`))
          .json()
          .items.map((x: { id: string }) => x.id),
      );
    return ids;
  };

  it('fixture: caller1 has open tasks with three customers', () => {
    expect(open.length).toBeGreaterThanOrEqual(3);
  });

  let reportId = '';
  it("goes to the caller's team lead, who is told", async () => {
    const res = await report('caller1', first!.customerId, { taskId: first!.id });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    expect(r).toMatchObject({
      customerId: first!.customerId,
      reporter: { id: id('caller1') },
      taskId: first!.id,
      status: 'PENDING',
      goesTo: 'LEAD',
      can: { decide: false, lift: false },
    });
    reportId = r.id;
    const n = await t.prisma.notification.findMany({ where: { type: 'ABUSE_REPORT_FILED', entityId: r.id } });
    expect(n.map((x) => x.userId)).toEqual([id('lead')]);
    const audit = await t.prisma.auditLog.findFirstOrThrow({
      where: { action: 'ABUSE_REPORT', entityId: r.id },
    });
    expect(audit.actorId).toBe(id('caller1'));
  });

  it("is in the lead's queue, not in another lead's; the caller sees their own", async () => {
    const q = (await as('lead', 'GET', '/api/abuse-reports?queue=true')).json().items;
    expect(q.map((x: { id: string }) => x.id)).toContain(reportId);
    expect(q.find((x: { id: string }) => x.id === reportId).can.decide).toBe(true);
    expect((await as('lead2', 'GET', '/api/abuse-reports?queue=true')).json().items).toEqual([]);
    expect((await as('lead2', 'GET', '/api/abuse-reports')).json().items).toEqual([]);
    const mine = (await as('caller1', 'GET', '/api/abuse-reports')).json().items;
    expect(mine.map((x: { id: string }) => x.id)).toEqual([reportId]);
    expect((await as('caller2', 'GET', '/api/abuse-reports')).json().items).toEqual([]);
    // a manager may decide it too
    const m = (await as('manager', 'GET', '/api/abuse-reports?queue=true')).json().items;
    expect(m.map((x: { id: string }) => x.id)).toContain(reportId);
  });

  it('refuses a customer the caller cannot see (404), a task of another customer (404), a second pending report (409), bad input (400)', async () => {
    expect((await report('caller1', notCallers.id)).statusCode).toBe(404);
    expect((await report('caller1', second!.customerId, { taskId: first!.id })).statusCode).toBe(404);
    expect((await report('caller1', first!.customerId)).statusCode).toBe(409);
    const bad = await as('caller1', 'POST', '/api/abuse-reports', {
      customerId: second!.customerId,
      account: '  ',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('account');
    expect(await t.prisma.customerAbuseReport.count({ where: { customerId: second!.customerId } })).toBe(0);
  });

  it('is decided only by that lead or a manager: another lead 403, the caller 403, a stale version 409', async () => {
    expect((await decide('lead2', reportId, 'CONFIRM')).statusCode).toBe(403);
    expect((await decide('caller1', reportId, 'CONFIRM')).statusCode).toBe(403);
    expect((await decide('lead', reportId, 'CONFIRM', 7)).statusCode).toBe(409);
    expect((await t.prisma.customerAbuseReport.findUniqueOrThrow({ where: { id: reportId } })).status).toBe(
      'PENDING',
    );
  });

  it('confirmed by the lead: the customer is flagged, visits paused, the task leaves the queue', async () => {
    expect(await queueIds('caller1')).toContain(first!.id);
    expect((await flag('caller1', first!.customerId)).json()).toMatchObject({
      flagged: false,
      canReport: true,
    });
    const res = await decide('lead', reportId, 'CONFIRM');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'CONFIRMED',
      decidedBy: { id: id('lead') },
      can: { decide: false },
    });
    const c = await t.prisma.customer.findUniqueOrThrow({ where: { id: first!.customerId } });
    expect(c.visitsPausedAt).not.toBeNull();
    expect((await flag('caller1', first!.customerId)).json()).toMatchObject({
      flagged: true,
      reports: 1,
      canLift: false,
    });
    expect((await flag('manager', first!.customerId)).json()).toMatchObject({ flagged: true, canLift: true });
    expect(await queueIds('caller1')).not.toContain(first!.id);
    const summary = (await as('caller1', 'GET', '/api/tasks/summary')).json();
    expect(summary.nextTaskId).not.toBe(first!.id);
    // the task, opened by its address, says so; no visit can be logged nor a survey link sent
    const task = (await as('caller1', 'GET', `/api/tasks/${first!.id}`)).json();
    expect(task.consent.visitsPausedAt).toBe(c.visitsPausedAt!.toISOString());
    const records = await t.prisma.visitRecord.count({ where: { taskId: first!.id } });
    const logged = await as('caller1', 'POST', `/api/tasks/${first!.id}/visits`, {
      channel: 'PHONE',
      outcome: 'NO_ANSWER',
    });
    expect(logged.statusCode, logged.body).toBe(422);
    expect(logged.json()).toMatchObject({
      error: { code: 'RULE_VIOLATION', details: { reason: 'VISITS_PAUSED' } },
    });
    expect(await t.prisma.visitRecord.count({ where: { taskId: first!.id } })).toBe(records);
    const link = await as('caller1', 'POST', `/api/tasks/${first!.id}/survey-links`, { channel: 'SMS' });
    expect(link.statusCode, link.body).toBe(422);
    expect(link.json()).toMatchObject({ error: { details: { reason: 'VISITS_PAUSED' } } });
    const n = await t.prisma.notification.findFirstOrThrow({
      where: { type: 'ABUSE_REPORT_DECIDED', entityId: reportId },
    });
    expect(n.userId).toBe(id('caller1'));
    expect(n.payload).toMatchObject({ confirmed: true });
    // decided once
    expect((await decide('manager', reportId, 'DISMISS', 2)).statusCode).toBe(409);
  });

  it('protects the caller: that customer’s low score up to the report does not count against them', async () => {
    // an hour before now, in the month (organisation time) that instant falls in
    const at = new Date(testNow().getTime() - 3600_000);
    const month = monthIn(at, 'Asia/Shanghai');
    const before = (
      await loadCallerCounts(t.prisma, org, month, 'Asia/Shanghai', { userId: id('caller1') })
    )[0]!;
    // a record with a protected customer rated 1 adds nothing; one with another customer does
    for (const [task, sat] of [
      [first!, 1],
      [third!, 2],
    ] as const) {
      await t.prisma.visitRecord.create({
        data: {
          organizationId: org,
          taskId: task.id,
          callerId: id('caller1'),
          customerId: task.customerId,
          startedAt: at,
          channel: 'PHONE',
          outcome: 'COMPLETED',
          satisfaction: sat,
          original: {},
        },
      });
    }
    const after = (
      await loadCallerCounts(t.prisma, org, month, 'Asia/Shanghai', { userId: id('caller1') })
    )[0]!;
    expect(after.counts.satisfactionCount - before.counts.satisfactionCount).toBe(1);
    expect(after.counts.satisfactionSum - before.counts.satisfactionSum).toBe(2);
  });

  it('a manager lifts the flag: visits resume, the task is back; lifting again is 409; others 403', async () => {
    const lift = (who: string) =>
      as(who, 'POST', `/api/customers/${first!.customerId}/abuse-flag/lift`, { comment: '客户已道歉' });
    expect((await lift('lead')).statusCode).toBe(403);
    const res = await lift('manager');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ flagged: false, since: null, reports: 0, canLift: false });
    expect(await queueIds('caller1')).toContain(first!.id);
    expect((await as('caller1', 'GET', `/api/tasks/${first!.id}`)).json().consent.visitsPausedAt).toBeNull();
    const r = await t.prisma.customerAbuseReport.findUniqueOrThrow({ where: { id: reportId } });
    expect(r).toMatchObject({ status: 'CONFIRMED', liftedById: id('manager'), liftComment: '客户已道歉' });
    expect((await lift('manager')).statusCode).toBe(409);
  });

  it("a lead's own report goes to the managers; the lead cannot decide it; dismissed, nothing is paused", async () => {
    const res = await report('lead', second!.customerId);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ goesTo: 'MANAGERS', can: { decide: false } });
    const rid = res.json().id;
    const managers = await t.prisma.notification.findMany({
      where: { type: 'ABUSE_REPORT_FILED', entityId: rid },
    });
    // every manager: the manager and the deputy director (副主任)
    expect(managers.map((n) => n.userId).sort()).toEqual([id('manager'), id('deputy')].sort());
    expect((await decide('lead', rid, 'DISMISS')).statusCode).toBe(403);
    const d = await decide('manager', rid, 'DISMISS');
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json().status).toBe('DISMISSED');
    expect(
      (await t.prisma.customer.findUniqueOrThrow({ where: { id: second!.customerId } })).visitsPausedAt,
    ).toBeNull();
  });

  it('with the team lead away (inactive), the report goes to the managers, who decide it', async () => {
    await t.prisma.user.update({ where: { id: id('lead') }, data: { active: false } });
    try {
      const res = await report('caller1', third!.customerId);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().goesTo).toBe('MANAGERS');
      const d = await decide('manager', res.json().id, 'CONFIRM');
      expect(d.statusCode, d.body).toBe(200);
    } finally {
      await t.prisma.user.update({ where: { id: id('lead') }, data: { active: true } });
    }
  });

  it('plan drafting leaves a paused customer out, as one who refuses visits', async () => {
    const paused = await t.prisma.customer.findUniqueOrThrow({ where: { id: third!.customerId } });
    expect(paused.visitsPausedAt).not.toBeNull();
    const nextMonth = addMonths(monthIn(testNow(), 'Asia/Shanghai'), 1);
    const { first: from, last: to } = monthBounds(nextMonth);
    const plan = await as('lead', 'POST', '/api/plans', { month: nextMonth });
    expect(plan.statusCode, plan.body).toBe(201);
    const res = await as('lead', 'POST', `/api/plans/${plan.json().id}/items`, {
      filter: { customerIds: [third!.customerId, second!.customerId] },
      purpose: '在读满意度回访',
      channel: 'PHONE',
      windowFrom: from,
      windowTo: to,
    });
    expect(res.statusCode, res.body).toBe(200);
    // the paused one as a refusal; the other has its open task
    expect(res.json()).toMatchObject({ added: 0, excluded: { REFUSED_VISITS: 1, HAS_OPEN_TASK: 1 } });
  });

  it('an unknown or foreign id is 404', async () => {
    const none = '00000000-0000-4000-8000-000000000000';
    expect((await decide('manager', none, 'CONFIRM')).statusCode).toBe(404);
    expect((await flag('manager', none)).statusCode).toBe(404);
    expect(
      (await as('manager', 'POST', `/api/customers/${none}/abuse-flag/lift`, { comment: 'x' })).statusCode,
    ).toBe(404);
  });
});
