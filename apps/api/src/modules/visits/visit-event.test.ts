// What the customer told of in a completed visit becomes their event (docs/rules.md#r-evt-1-customer-events):
// saved with the record, once, source VISIT; refused on another outcome or a future day with nothing
// written; a standing rule for its kind makes its visit at once.
import { describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { day, ENROLMENT_ANSWERS, makeTask, orgContext } from '../tasks/test-fixtures.ts';

describe('an event the customer told of in a visit', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const ctx = await orgContext(t.prisma);
  const caller1 = users['caller1@demo.local']!.id;
  const newTask = () =>
    makeTask(t.prisma, ctx, { assigneeId: caller1, customerId: ctx.customer().id, from: -2, due: 3 });
  const post = (taskId: string, payload: object, headers: Record<string, string> = {}) =>
    t.as('caller1@demo.local', { method: 'POST', url: `/api/tasks/${taskId}/visits`, payload, headers });
  const completed = { channel: 'PHONE', outcome: 'COMPLETED', satisfaction: 5, answers: ENROLMENT_ANSWERS };

  it('is saved with a completed visit, once, with the record as its source', async () => {
    const task = await newTask();
    const res = await post(
      task.id,
      { ...completed, event: { kind: 'GRADUATED', day: day(-1) } },
      { 'idempotency-key': 'visit-event-1' },
    );
    expect(res.statusCode, res.body).toBe(201);
    const visitId = res.json().visit.id;
    const events = await t.prisma.customerEvent.findMany({
      where: { customerId: task.customerId, source: 'VISIT' },
    });
    expect(events).toMatchObject([{ kind: 'GRADUATED', externalId: visitId, createdById: caller1 }]);
    expect(events[0]!.day.toISOString().slice(0, 10)).toBe(day(-1));
    // the same submission again: the first record, no second event
    const again = await post(
      task.id,
      { ...completed, event: { kind: 'GRADUATED', day: day(-1) } },
      { 'idempotency-key': 'visit-event-1' },
    );
    expect(again.statusCode).toBe(200);
    expect(
      await t.prisma.customerEvent.count({ where: { customerId: task.customerId, source: 'VISIT' } }),
    ).toBe(1);
    const audit = await t.prisma.auditLog.findFirstOrThrow({
      where: { action: 'VISIT_CREATED', entityId: visitId },
    });
    expect(audit.after).toMatchObject({ eventId: events[0]!.id });
  });

  it('is refused after another outcome or on a future day, and nothing is written', async () => {
    const task = await newTask();
    const noAnswer = await post(task.id, {
      channel: 'PHONE',
      outcome: 'NO_ANSWER',
      event: { kind: 'ENROLLED', day: day(0) },
    });
    expect(noAnswer.statusCode).toBe(422);
    expect(noAnswer.json().error.details.field).toBe('event');
    const future = await post(task.id, { ...completed, event: { kind: 'ENROLLED', day: day(1) } });
    expect([400, 422]).toContain(future.statusCode);
    const unknown = await post(task.id, { ...completed, event: { kind: 'NOPE', day: day(0) } });
    expect(unknown.statusCode).toBe(400);
    expect(await t.prisma.visitRecord.count({ where: { taskId: task.id } })).toBe(0);
    expect(
      await t.prisma.customerEvent.count({ where: { customerId: task.customerId, source: 'VISIT' } }),
    ).toBe(0);
  });

  it('makes the visit a standing rule asks for today at once', async () => {
    const rule = await t.prisma.cadenceRule.findFirstOrThrow({
      where: { organizationId: ctx.organizationId, code: 'CONSULTATION_3D' },
    });
    await t.as('admin@demo.local', {
      method: 'POST',
      url: `/api/cadence-rules/${rule.id}/submit`,
      payload: { version: rule.version },
    });
    const ok = await t.as('manager@demo.local', {
      method: 'POST',
      url: `/api/cadence-rules/${rule.id}/approve`,
      payload: { version: rule.version + 1 },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const task = await newTask();
    // a consultation yesterday: its visit (days 1–3 after) is due today
    const res = await post(task.id, { ...completed, event: { kind: 'CONSULTATION', day: day(-1) } });
    expect(res.statusCode, res.body).toBe(201);
    const made = await t.prisma.task.findMany({
      where: { customerId: task.customerId, planId: null, status: 'PENDING', id: { not: task.id } },
    });
    expect(made.map((x) => x.purpose)).toContain('咨询后3天内回访：解答疑问');
  });
});
