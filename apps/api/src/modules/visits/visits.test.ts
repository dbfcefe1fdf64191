import { zonedTime } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { day, ENROLMENT_ANSWERS, makeTask, type OrgContext, orgContext, TZ } from '../tasks/test-fixtures.ts';

const PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const at = (offsetDays: number, time: string) => zonedTime(day(offsetDays), time, TZ).toISOString();

describe('visits: logging attempts on a task', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  let ctx: OrgContext;
  beforeAll(async () => {
    ctx = await orgContext(t.prisma);
  });
  const caller1 = () => users['caller1@demo.local']!.id;
  const newTask = (f: Partial<Parameters<typeof makeTask>[2]> = {}) =>
    makeTask(t.prisma, ctx, { assigneeId: caller1(), customerId: ctx.customer().id, from: -2, due: 3, ...f });
  const post = (
    taskId: string,
    payload: object,
    headers: Record<string, string> = {},
    email = 'caller1@demo.local',
  ) => t.as(email, { method: 'POST', url: `/api/tasks/${taskId}/visits`, payload, headers });
  const completed = { channel: 'PHONE', outcome: 'COMPLETED', satisfaction: 5, answers: ENROLMENT_ANSWERS };
  /**
   * Attempts the server received on earlier days (records with a past createdAt), written
   * directly: through the API every attempt is received today. The task moves on as the API would.
   */
  const pastAttempts = async (
    task: { id: string; customerId: string; assigneeId: string },
    attempts: Array<[offsetDays: number, time: string, outcome?: 'NO_ANSWER' | 'WRONG_NUMBER']>,
  ) => {
    await t.prisma.visitRecord.createMany({
      data: attempts.map(([offset, time, outcome = 'NO_ANSWER']) => {
        const when = new Date(at(offset, time));
        return {
          organizationId: ctx.organizationId,
          taskId: task.id,
          callerId: task.assigneeId,
          customerId: task.customerId,
          channel: 'PHONE' as const,
          outcome,
          startedAt: when,
          createdAt: when,
          original: { outcome },
        };
      }),
    });
    await t.prisma.task.update({
      where: { id: task.id },
      data: {
        status: 'IN_PROGRESS',
        attempts: { increment: attempts.length },
        version: { increment: attempts.length },
      },
    });
  };

  it('records a completed visit: answers stored with labels, task done, customer last visit, audit', async () => {
    const task = await newTask();
    const startedAt = new Date(testNow().getTime() - 10 * 60_000).toISOString();
    const res = await post(task.id, {
      ...completed,
      startedAt,
      durationSec: 320,
      opinions: ' 顾问讲解很清楚 ',
      suggestions: '增加周末班',
      recordingRef: 'rec-001.mp3',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.task).toEqual({ id: task.id, status: 'DONE', attempts: 1, callBackAt: null, version: 2 });
    expect(body.visit).toMatchObject({
      taskId: task.id,
      caller: { id: caller1(), name: '张敏' },
      outcome: 'COMPLETED',
      satisfaction: 5,
      durationSec: 320,
      opinions: '顾问讲解很清楚',
      questionnaireId: ctx.enrolment.id,
      questionnaireVersion: ctx.enrolment.version,
      amendmentCount: 0,
      version: 1,
      startedAt,
    });
    expect(body.visit.answers[0]).toEqual({
      questionId: 'overall',
      label: '您对本次报名咨询的整体满意度',
      kind: 'SATISFACTION',
      value: 5,
    });
    const row = await t.prisma.visitRecord.findUniqueOrThrow({ where: { id: body.visit.id } });
    expect(row.original).toMatchObject({ outcome: 'COMPLETED', satisfaction: 5, opinions: '顾问讲解很清楚' });
    const saved = await t.prisma.task.findUniqueOrThrow({
      where: { id: task.id },
      include: { customer: true },
    });
    expect(saved).toMatchObject({ status: 'DONE', attempts: 1, version: 2 });
    // done when the server received it, whatever time the caller gives
    expect(saved.doneAt!.getTime()).toBeGreaterThan(new Date(startedAt).getTime() + 5 * 60_000);
    expect(saved.doneAt!.getTime()).toBeLessThanOrEqual(testNow().getTime());
    expect(row.createdAt.getTime()).toBe(saved.doneAt!.getTime());
    expect(saved.lastAttemptAt?.toISOString()).toBe(startedAt);
    expect(saved.customer.lastVisitAt?.toISOString()).toBe(startedAt);
    const log = await t.prisma.auditLog.findFirstOrThrow({
      where: { action: 'VISIT_CREATED', entityId: body.visit.id },
    });
    expect(log).toMatchObject({ actorId: caller1(), entity: 'VisitRecord' });
    expect(log.after).toMatchObject({ status: 'DONE', outcome: 'COMPLETED' });

    // The task page shows it; a closed task takes no more attempts
    const page = await t.as('caller1@demo.local', { method: 'GET', url: `/api/tasks/${task.id}` });
    expect(page.json().records.map((r: { id: string }) => r.id)).toEqual([body.visit.id]);
    const again = await post(task.id, { channel: 'PHONE', outcome: 'NO_ANSWER' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', message: 'task is closed' });
  });

  it('refuses records that break the rules with 422 and the field or questions at fault', async () => {
    const task = await newTask({ channel: 'FACE_TO_FACE' });
    const cases: Array<[object, unknown]> = [
      [{ channel: 'PHONE', outcome: 'COMPLETED', answers: ENROLMENT_ANSWERS }, { field: 'satisfaction' }],
      [{ ...completed, satisfaction: 6 }, { field: 'satisfaction' }],
      [{ ...completed, satisfaction: 0 }, { field: 'satisfaction' }],
      [{ channel: 'PHONE', outcome: 'NO_ANSWER', satisfaction: 3 }, { field: 'satisfaction' }],
      [{ channel: 'PHONE', outcome: 'NO_ANSWER', answers: ENROLMENT_ANSWERS }, { field: 'answers' }],
      [{ channel: 'PHONE', outcome: 'CALL_BACK_LATER' }, { field: 'callBackAt' }],
      [
        {
          channel: 'PHONE',
          outcome: 'CALL_BACK_LATER',
          callBackAt: new Date(testNow().getTime() - 60_000).toISOString(),
        },
        { field: 'callBackAt' },
      ],
      [
        {
          channel: 'PHONE',
          outcome: 'NO_ANSWER',
          callBackAt: new Date(testNow().getTime() + 3600_000).toISOString(),
        },
        { field: 'callBackAt' },
      ],
      [{ ...completed, channel: 'FACE_TO_FACE' }, { field: 'signature' }],
      [
        { ...completed, startedAt: new Date(testNow().getTime() + 3600_000).toISOString() },
        { field: 'startedAt' },
      ],
      // at most 48 hours back
      [
        { ...completed, startedAt: new Date(testNow().getTime() - 49 * 3600_000).toISOString() },
        { field: 'startedAt' },
      ],
    ];
    for (const [payload, details] of cases) {
      const res = await post(task.id, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(422);
      expect(res.json().error.code).toBe('RULE_VIOLATION');
      expect(res.json().error.details).toEqual(details);
    }
    // answers checked against the questionnaire, per question
    const bad = await post(task.id, {
      ...completed,
      answers: [
        { questionId: 'overall', value: 9 },
        { questionId: 'clarity', value: 'yes' },
        { questionId: 'ghost', value: 1 },
      ],
    });
    expect(bad.statusCode).toBe(422);
    const byQuestion = Object.fromEntries(
      bad.json().error.details.map((d: { questionId: string; code: string }) => [d.questionId, d.code]),
    );
    expect(byQuestion).toEqual({
      ghost: 'UNKNOWN_QUESTION',
      overall: 'INVALID_VALUE',
      consultant: 'REQUIRED',
      clarity: 'INVALID_VALUE',
      nps: 'REQUIRED',
    });
    // nothing was written
    expect(await t.prisma.visitRecord.count({ where: { taskId: task.id } })).toBe(0);
    // a face-to-face completed visit with a signature passes
    const ok = await post(task.id, { ...completed, channel: 'FACE_TO_FACE', signature: PNG });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().visit.signature).toBe(PNG);
  });

  it('answers 400 for malformed bodies and keys, 401/403/404 for who and what', async () => {
    const task = await newTask();
    for (const payload of [
      { channel: 'PHONE', outcome: 'MAYBE' },
      { channel: 'PIGEON', outcome: 'NO_ANSWER' },
      { outcome: 'NO_ANSWER' },
      { channel: 'PHONE', outcome: 'NO_ANSWER', startedAt: 'yesterday' },
      { channel: 'PHONE', outcome: 'NO_ANSWER', signature: 'not-a-png' },
    ]) {
      expect((await post(task.id, payload)).statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect(
      (
        await post(
          task.id,
          { channel: 'PHONE', outcome: 'NO_ANSWER' },
          { 'idempotency-key': 'k'.repeat(101) },
        )
      ).statusCode,
    ).toBe(400);
    expect(
      (await post(task.id, { channel: 'PHONE', outcome: 'NO_ANSWER' }, {}, 'caller2@demo.local')).statusCode,
    ).toBe(403);
    expect(
      (await post(task.id, { channel: 'PHONE', outcome: 'NO_ANSWER' }, {}, 'lead@demo.local')).statusCode,
    ).toBe(403);
    expect(
      (await post('0190aaaa-0000-7000-8000-000000000000', { channel: 'PHONE', outcome: 'NO_ANSWER' }))
        .statusCode,
    ).toBe(404);
    const anon = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/${task.id}/visits`,
      payload: { channel: 'PHONE', outcome: 'NO_ANSWER' },
    });
    expect(anon.statusCode).toBe(401);
    expect(await t.prisma.visitRecord.count({ where: { taskId: task.id } })).toBe(0);
  });

  it('CALL_BACK_LATER keeps the task open with the time, and the task shows in the call-back queue', async () => {
    const task = await newTask();
    const callBackAt = new Date(testNow().getTime() + 26 * 3600_000).toISOString();
    const res = await post(task.id, { channel: 'PHONE', outcome: 'CALL_BACK_LATER', callBackAt });
    expect(res.statusCode).toBe(201);
    expect(res.json().task).toMatchObject({ status: 'IN_PROGRESS', attempts: 1, callBackAt });
    const queue = await t.as('caller1@demo.local', {
      method: 'GET',
      url: '/api/tasks?bucket=callback&size=200',
    });
    expect(queue.json().items.map((i: { id: string }) => i.id)).toContain(task.id);
    // A later answer clears the call-back time
    const next = await post(task.id, { channel: 'PHONE', outcome: 'NO_ANSWER' });
    expect(next.json().task).toMatchObject({ status: 'IN_PROGRESS', attempts: 2, callBackAt: null });
  });

  it('closes a task as UNREACHABLE after three unanswered calls received on two days, not on one', async () => {
    const task = await newTask();
    await pastAttempts(task, [
      [-1, '10:00'],
      [-1, '15:00'],
    ]);
    const third = await post(task.id, { channel: 'PHONE', outcome: 'NO_ANSWER' });
    expect(third.statusCode).toBe(201);
    expect(third.json().task).toMatchObject({ status: 'UNREACHABLE', attempts: 3 });
    const saved = await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(saved.doneAt).not.toBeNull();

    const sameDay = await newTask();
    for (let i = 0; i < 4; i++) {
      const r = await post(sameDay.id, { channel: 'PHONE', outcome: 'NO_ANSWER' });
      expect(r.json().task.status).toBe('IN_PROGRESS');
    }
    expect((await t.prisma.task.findUniqueOrThrow({ where: { id: sameDay.id } })).attempts).toBe(4);
  });

  it('counts the day the server received an attempt: back-dated attempts cannot close a task today', async () => {
    const task = await newTask();
    // Three unanswered calls claimed for yesterday and the day before, all posted today
    for (const startedAt of [
      at(-1, '09:00'),
      at(-1, '18:00'),
      new Date(testNow().getTime() - 60_000).toISOString(),
    ]) {
      const r = await post(task.id, { channel: 'PHONE', outcome: 'NO_ANSWER', startedAt });
      expect(r.statusCode).toBe(201);
      expect(r.json().task.status).toBe('IN_PROGRESS');
    }
    const saved = await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(saved).toMatchObject({ status: 'IN_PROGRESS', attempts: 3, doneAt: null });
    // the record keeps what the caller said, and when it arrived
    const records = await t.prisma.visitRecord.findMany({
      where: { taskId: task.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(records[0]!.startedAt.toISOString()).toBe(at(-1, '09:00'));
    expect(records.every((r) => testNow().getTime() - r.createdAt.getTime() < 60_000)).toBe(true);
  });

  it('refuses a start time before the task existed or more than 48 hours back (422 on startedAt)', async () => {
    const createdAt = new Date(testNow().getTime() - 3600_000);
    const task = await newTask({ createdAt });
    const cases: Array<[string, RegExp]> = [
      [new Date(createdAt.getTime() - 60_000).toISOString(), /earlier than the task was created/],
      [new Date(testNow().getTime() - 49 * 3600_000).toISOString(), /48 hours/],
      [new Date(testNow().getTime() + 10 * 60_000).toISOString(), /future/],
    ];
    for (const [startedAt, message] of cases) {
      const res = await post(task.id, { channel: 'PHONE', outcome: 'NO_ANSWER', startedAt });
      expect(res.statusCode, startedAt).toBe(422);
      expect(res.json().error).toMatchObject({ code: 'RULE_VIOLATION', details: { field: 'startedAt' } });
      expect(res.json().error.message).toMatch(message);
    }
    expect(await t.prisma.visitRecord.count({ where: { taskId: task.id } })).toBe(0);
    // just after the task was made is fine
    const ok = await post(task.id, {
      channel: 'PHONE',
      outcome: 'NO_ANSWER',
      startedAt: new Date(createdAt.getTime() + 60_000).toISOString(),
    });
    expect(ok.statusCode).toBe(201);
  });

  it('WRONG_NUMBER is an unsuccessful attempt: the task stays open until 3 attempts on 2 days', async () => {
    const task = await newTask();
    const first = await post(task.id, { channel: 'PHONE', outcome: 'WRONG_NUMBER' });
    expect(first.statusCode).toBe(201);
    expect(first.json().task).toMatchObject({ status: 'IN_PROGRESS', attempts: 1 });
    expect((await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).doneAt).toBeNull();
    const second = await post(task.id, { channel: 'PHONE', outcome: 'WRONG_NUMBER' });
    expect(second.json().task).toMatchObject({ status: 'IN_PROGRESS', attempts: 2 });

    // counted together with unanswered calls, over two days
    const mixed = await newTask();
    await pastAttempts(mixed, [
      [-1, '10:00', 'NO_ANSWER'],
      [-1, '16:00', 'WRONG_NUMBER'],
    ]);
    const third = await post(mixed.id, { channel: 'PHONE', outcome: 'WRONG_NUMBER' });
    expect(third.json().task).toMatchObject({ status: 'UNREACHABLE', attempts: 3 });
  });

  it('DECLINED finishes the task and records the refusal in the customer’s consent (audited)', async () => {
    const task = await newTask();
    const res = await post(task.id, { channel: 'PHONE', outcome: 'DECLINED', opinions: '不需要回访了' });
    expect(res.statusCode).toBe(201);
    expect(res.json().task.status).toBe('DONE');
    const customer = await t.prisma.customer.findUniqueOrThrow({ where: { id: task.customerId } });
    expect(customer).toMatchObject({ refusesVisits: true, consentNote: '不需要回访了' });
    expect(customer.refusedAt).not.toBeNull();
    const log = await t.prisma.auditLog.findFirstOrThrow({
      where: { action: 'CONSENT_CHANGED', entityId: task.customerId },
    });
    expect(log.before).toMatchObject({ refusesVisits: false });
    expect(log.after).toMatchObject({ refusesVisits: true });
    const page = await t.as('lead@demo.local', { method: 'GET', url: `/api/tasks/${task.id}` });
    expect(page.json().consent).toMatchObject({ refusesVisits: true, consentNote: '不需要回访了' });
  });

  it('DECLINED cancels the customer’s other open tasks in the same transaction, each audited', async () => {
    // A customer has at most one open task (a unique index); to prove the cancellation holds
    // even when that is not so, this test lifts the index and puts it back afterwards.
    const task = await newTask();
    const customerId = task.customerId;
    const INDEX = '"Task_one_open_per_customer"';
    await t.prisma.$executeRawUnsafe(`DROP INDEX ${INDEX}`);
    try {
      const other = await makeTask(t.prisma, ctx, {
        assigneeId: users['caller2@demo.local']!.id,
        customerId,
        status: 'IN_PROGRESS',
        attempts: 1,
        callBackAt: new Date(testNow().getTime() + 3600_000),
      });
      const pending = await makeTask(t.prisma, ctx, { assigneeId: caller1(), customerId, from: 5, due: 9 });
      const closed = await makeTask(t.prisma, ctx, { assigneeId: caller1(), customerId, status: 'DONE' });
      const res = await post(task.id, { channel: 'PHONE', outcome: 'DECLINED' });
      expect(res.statusCode).toBe(201);
      const rows = await t.prisma.task.findMany({ where: { customerId }, orderBy: { id: 'asc' } });
      const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
      expect(byId[task.id]).toMatchObject({ status: 'DONE', version: 2 });
      expect(byId[other.id]).toMatchObject({ status: 'CANCELLED', version: 2, callBackAt: null });
      expect(byId[pending.id]).toMatchObject({ status: 'CANCELLED', version: 2 });
      expect(byId[closed.id]).toMatchObject({ status: 'DONE', version: 1 });
      const logs = await t.prisma.auditLog.findMany({
        where: { action: 'TASK_CANCELLED', entityId: { in: [other.id, pending.id, closed.id, task.id] } },
        orderBy: { entityId: 'asc' },
      });
      expect(logs.map((l) => l.entityId)).toEqual([other.id, pending.id].sort());
      for (const log of logs) {
        expect(log).toMatchObject({ entity: 'Task', actorId: caller1() });
        expect(log.after).toMatchObject({ status: 'CANCELLED', reason: 'CUSTOMER_REFUSED' });
      }
      expect(logs.find((l) => l.entityId === other.id)!.before).toMatchObject({ status: 'IN_PROGRESS' });
    } finally {
      // fails if the customer were still left with two open tasks
      await t.prisma.$executeRawUnsafe(
        `CREATE UNIQUE INDEX ${INDEX} ON "Task" ("customerId") WHERE "status" IN ('PENDING', 'IN_PROGRESS')`,
      );
    }
  });

  describe('Idempotency-Key', () => {
    it('returns the first record with 200 for a repeated key and creates nothing more', async () => {
      const task = await newTask();
      const key = 'form-3f1c2a';
      const first = await post(
        task.id,
        { channel: 'PHONE', outcome: 'NO_ANSWER' },
        { 'Idempotency-Key': key },
      );
      expect(first.statusCode).toBe(201);
      const second = await post(
        task.id,
        { channel: 'PHONE', outcome: 'NO_ANSWER' },
        { 'Idempotency-Key': key },
      );
      expect(second.statusCode).toBe(200);
      expect(second.json().visit.id).toBe(first.json().visit.id);
      expect(second.json().task).toMatchObject({ attempts: 1 });
      expect(await t.prisma.visitRecord.count({ where: { taskId: task.id } })).toBe(1);
      // also once the first submission has closed the task
      const closing = await post(task.id, completed, { 'Idempotency-Key': 'close-1' });
      expect(closing.statusCode).toBe(201);
      const retry = await post(task.id, completed, { 'Idempotency-Key': 'close-1' });
      expect(retry.statusCode).toBe(200);
      expect(retry.json().task.status).toBe('DONE');
      // another key is another attempt
      expect((await post(task.id, completed, { 'Idempotency-Key': 'close-2' })).statusCode).toBe(409);
    });

    it('makes exactly one record when the same key arrives several times at once', async () => {
      const task = await newTask();
      const results = await Promise.all(
        Array.from({ length: 5 }, () =>
          post(task.id, { channel: 'PHONE', outcome: 'NO_ANSWER' }, { 'Idempotency-Key': 'same-moment' }),
        ),
      );
      const codes = results.map((r) => r.statusCode).sort();
      expect(codes).toEqual([200, 200, 200, 200, 201]);
      expect(new Set(results.map((r) => r.json().visit.id)).size).toBe(1);
      expect(await t.prisma.visitRecord.count({ where: { taskId: task.id } })).toBe(1);
      expect((await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).attempts).toBe(1);
    });
  });

  it('keeps attempts consistent when two different submissions race on a task with two unanswered calls', async () => {
    const task = await newTask();
    await pastAttempts(task, [
      [-2, '10:00'],
      [-1, '10:00'],
    ]);
    const results = await Promise.all(
      ['race-a', 'race-b'].map((k) =>
        post(task.id, { channel: 'PHONE', outcome: 'NO_ANSWER' }, { 'Idempotency-Key': k }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const saved = await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    const records = await t.prisma.visitRecord.count({ where: { taskId: task.id } });
    expect(saved).toMatchObject({ status: 'UNREACHABLE', attempts: 3, version: 4 });
    expect(records).toBe(3);
  });

  describe('GET /api/visits and /api/visits/:id', () => {
    let mine: string;
    let theirs: string;
    beforeAll(async () => {
      const task = await newTask();
      mine = (await post(task.id, { ...completed, opinions: '很好' })).json().visit.id;
      const other = await makeTask(t.prisma, ctx, {
        assigneeId: users['caller2@demo.local']!.id,
        customerId: ctx.customer().id,
        from: -1,
      });
      theirs = (
        await post(other.id, { channel: 'PHONE', outcome: 'NO_ANSWER' }, {}, 'caller2@demo.local')
      ).json().visit.id;
    });

    it('lists a caller’s own records only; other callers are 403', async () => {
      const res = await t.as('caller1@demo.local', { method: 'GET', url: '/api/visits?size=200' });
      expect(res.statusCode).toBe(200);
      const items = res.json().items;
      expect(items.every((v: { caller: { id: string } }) => v.caller.id === caller1())).toBe(true);
      expect(items.map((v: { id: string }) => v.id)).toContain(mine);
      expect(items.map((v: { id: string }) => v.id)).not.toContain(theirs);
      expect(res.json().total).toBe(await t.prisma.visitRecord.count({ where: { callerId: caller1() } }));
      const other = await t.as('caller1@demo.local', {
        method: 'GET',
        url: `/api/visits?callerId=${users['caller2@demo.local']!.id}`,
      });
      expect(other.statusCode).toBe(403);
    });

    it('lets a lead filter everyone’s records by caller, task, outcome and month', async () => {
      const record = await t.prisma.visitRecord.findUniqueOrThrow({ where: { id: theirs } });
      const byTask = await t.as('lead@demo.local', {
        method: 'GET',
        url: `/api/visits?taskId=${record.taskId}`,
      });
      expect(byTask.json().items.map((v: { id: string }) => v.id)).toEqual([theirs]);
      const byOutcome = await t.as('lead@demo.local', {
        method: 'GET',
        url: `/api/visits?callerId=${users['caller2@demo.local']!.id}&outcome=NO_ANSWER&size=200`,
      });
      expect(byOutcome.json().items.length).toBeGreaterThan(0);
      expect(byOutcome.json().items.every((v: { outcome: string }) => v.outcome === 'NO_ANSWER')).toBe(true);
      const month = day(0).slice(0, 7);
      const byMonth = await t.as('lead@demo.local', {
        method: 'GET',
        url: `/api/visits?month=${month}&customerId=${record.customerId}`,
      });
      expect(byMonth.json().items.map((v: { id: string }) => v.id)).toContain(theirs);
      expect(
        (await t.as('lead@demo.local', { method: 'GET', url: '/api/visits?month=2026-1' })).statusCode,
      ).toBe(400);
      expect((await t.as('handler@demo.local', { method: 'GET', url: '/api/visits' })).statusCode).toBe(403);
    });

    it('shows one record with masked customer; callers only their own', async () => {
      const res = await t.as('caller1@demo.local', { method: 'GET', url: `/api/visits/${mine}` });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        id: mine,
        caller: { name: '张敏' },
        outcome: 'COMPLETED',
        amendments: [],
        version: 1,
        original: { satisfaction: 5, opinions: '很好' },
      });
      expect(res.json().customer.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
      expect(
        (await t.as('caller1@demo.local', { method: 'GET', url: `/api/visits/${theirs}` })).statusCode,
      ).toBe(403);
      expect(
        (await t.as('supervisor@demo.local', { method: 'GET', url: `/api/visits/${theirs}` })).statusCode,
      ).toBe(200);
      expect(
        (
          await t.as('caller1@demo.local', {
            method: 'GET',
            url: '/api/visits/0190aaaa-0000-7000-8000-000000000000',
          })
        ).statusCode,
      ).toBe(404);
    });

    it('has no way to edit a record in place', async () => {
      for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
        const res = await t.as('caller1@demo.local', {
          method,
          url: `/api/visits/${mine}`,
          payload: { satisfaction: 1 },
        });
        expect(res.statusCode).toBe(404);
      }
    });
  });
});
