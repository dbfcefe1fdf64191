// R-VISIT-5: a problem the customer raised during the visit becomes a ticket saved with the record
// in one step; the record lists its tickets and the ticket names its record.
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { ENROLMENT_ANSWERS, makeTask, type OrgContext, orgContext } from '../tasks/test-fixtures.ts';

describe('visits: a ticket raised with the record', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  let ctx: OrgContext;
  beforeAll(async () => {
    ctx = await orgContext(t.prisma);
  });
  const caller1 = () => users['caller1@demo.local']!.id;
  const newTask = () =>
    makeTask(t.prisma, ctx, { assigneeId: caller1(), customerId: ctx.customer().id, from: -2, due: 3 });
  const post = (taskId: string, payload: object, headers: Record<string, string> = {}) =>
    t.as('caller1@demo.local', { method: 'POST', url: `/api/tasks/${taskId}/visits`, payload, headers });
  const unhappy = {
    channel: 'PHONE',
    outcome: 'COMPLETED',
    satisfaction: 2,
    answers: ENROLMENT_ANSWERS,
    opinions: '上课教室空调坏了一周没人修',
  };
  const ticket = {
    category: 'SERVICE',
    severity: 'HIGH',
    title: '教室空调坏了一周',
    description: '客户回访反映：上课教室空调坏了一周没人修',
  };
  /** what a refused submission must have left alone */
  const footprint = async (taskId: string) => ({
    records: await t.prisma.visitRecord.count({ where: { taskId } }),
    tickets: await t.prisma.issueTicket.count({ where: { organizationId: ctx.organizationId } }),
    task: await t.prisma.task.findUniqueOrThrow({
      where: { id: taskId },
      select: { status: true, attempts: true, version: true },
    }),
  });

  it('saves the record and its ticket in one step, linked both ways, routed, notified and audited', async () => {
    const task = await newTask();
    const res = await post(task.id, { ...unhappy, ticket });
    expect(res.statusCode).toBe(201);
    const { visit } = res.json();
    expect(visit.tickets).toHaveLength(1);
    expect(visit.tickets[0]).toMatchObject({ title: ticket.title, status: 'OPEN' });

    const row = await t.prisma.issueTicket.findUniqueOrThrow({ where: { id: visit.tickets[0].id } });
    const route = await t.prisma.ticketRoute.findUniqueOrThrow({
      where: { organizationId_category: { organizationId: ctx.organizationId, category: 'SERVICE' } },
    });
    expect(row).toMatchObject({
      sourceVisitId: visit.id,
      customerId: task.customerId,
      callerId: caller1(),
      raisedById: caller1(),
      category: 'SERVICE',
      severity: 'HIGH',
      departmentId: route.departmentId,
      description: ticket.description,
      subjectUserId: null,
    });
    expect(row.number).toBe(visit.tickets[0].number);

    // the record lists the ticket wherever it is read …
    const detail = await t.as('caller1@demo.local', { method: 'GET', url: `/api/tasks/${task.id}` });
    expect(detail.json().records[0].tickets).toEqual(visit.tickets);
    const one = await t.as('manager@demo.local', { method: 'GET', url: `/api/visits/${visit.id}` });
    expect(one.json().tickets).toEqual(visit.tickets);
    // … and the ticket names the record
    const tk = await t.as('caller1@demo.local', { method: 'GET', url: `/api/tickets/${row.id}` });
    expect(tk.statusCode).toBe(200);
    expect(tk.json()).toMatchObject({ sourceVisitId: visit.id, sourceTaskId: task.id, status: 'OPEN' });

    const events = await t.prisma.ticketEvent.findMany({
      where: { ticketId: row.id },
      orderBy: { type: 'asc' },
    });
    expect(events.map((e) => e.type)).toEqual(['CREATED', 'ROUTED']);
    // the service department's handler (何经理) is told
    const notified = await t.prisma.notification.findMany({
      where: { entityId: row.id, type: 'TICKET_ROUTED' },
      select: { userId: true },
    });
    expect(notified.map((n) => n.userId)).toContain(users['handler2@demo.local']!.id);
    const audits = await t.prisma.auditLog.findMany({
      where: { entityId: { in: [visit.id, row.id] } },
      select: { action: true, after: true },
    });
    expect(audits.map((a) => a.action).sort()).toEqual(['TICKET_CREATE', 'VISIT_CREATED']);
    expect(audits.find((a) => a.action === 'VISIT_CREATED')?.after).toMatchObject({ ticketId: row.id });
  });

  it('raises one after a refusal or a call-back too, but not when nobody was reached (422, nothing written)', async () => {
    const declined = await newTask();
    const ok = await post(declined.id, { channel: 'PHONE', outcome: 'DECLINED', opinions: '太吵', ticket });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().visit.tickets).toHaveLength(1);

    const task = await newTask();
    const before = await footprint(task.id);
    for (const outcome of ['NO_ANSWER', 'WRONG_NUMBER']) {
      const res = await post(task.id, { channel: 'PHONE', outcome, ticket });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toMatchObject({ field: 'ticket' });
    }
    expect(await footprint(task.id)).toEqual(before);
  });

  it('refuses a category no department answers (422 on category) and writes neither record nor ticket', async () => {
    await t.prisma.ticketRoute.delete({
      where: { organizationId_category: { organizationId: ctx.organizationId, category: 'OTHER' } },
    });
    const task = await newTask();
    const before = await footprint(task.id);
    const res = await post(task.id, { ...unhappy, ticket: { ...ticket, category: 'OTHER' } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toMatchObject({ field: 'category' });
    expect(await footprint(task.id)).toEqual(before);
  });

  it('answers 400 for a malformed ticket and changes nothing', async () => {
    const task = await newTask();
    const before = await footprint(task.id);
    for (const bad of [
      { ...ticket, title: '' },
      { ...ticket, title: '   ' },
      { ...ticket, category: 'WEATHER' },
      { ...ticket, severity: 'URGENT' },
      { ...ticket, description: 'x'.repeat(4001) },
      { category: 'SERVICE', severity: 'LOW' },
      'a ticket',
    ]) {
      const res = await post(task.id, { ...unhappy, ticket: bad });
      expect(res.statusCode, JSON.stringify(bad).slice(0, 80)).toBe(400);
    }
    expect(await footprint(task.id)).toEqual(before);
  });

  it('a retried submission answers the first record with its one ticket', async () => {
    const task = await newTask();
    const headers = { 'idempotency-key': 'visit-ticket-retry-1' };
    const first = await post(task.id, { ...unhappy, ticket }, headers);
    expect(first.statusCode).toBe(201);
    const again = await post(task.id, { ...unhappy, ticket }, headers);
    expect(again.statusCode).toBe(200);
    expect(again.json().visit.tickets).toEqual(first.json().visit.tickets);
    expect(await t.prisma.issueTicket.count({ where: { sourceVisitId: first.json().visit.id } })).toBe(1);
  });

  it('a record without a ticket lists none', async () => {
    const task = await newTask();
    const res = await post(task.id, { ...unhappy, satisfaction: 5 });
    expect(res.statusCode).toBe(201);
    expect(res.json().visit.tickets).toEqual([]);
  });
});
