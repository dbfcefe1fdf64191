import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';
import type { Actor } from '../../lib/actor.ts';
import { makeTask, type OrgContext, orgContext } from '../tasks/test-fixtures.ts';
import { isPlainAttempt, logPlainAttempt } from './attempt.ts';

describe('visits: a plain attempt written in one statement', async () => {
  const t = await setupTestApp();
  let ctx: OrgContext;
  let actor: Actor;
  beforeAll(async () => {
    ctx = await orgContext(t.prisma);
    const u = ctx.caller1;
    actor = {
      user: {
        id: u.id,
        organizationId: u.organizationId,
        timezone: 'Asia/Shanghai',
        email: u.email,
        name: u.name,
        role: u.role,
        title: u.title,
        departmentId: u.departmentId,
        teamId: u.teamId,
        sessionId: 'test',
      },
      organizationId: u.organizationId,
      now: testNow(),
      ip: '10.0.0.7',
      requestId: 'attempt-test',
    };
  });
  const newTask = (f: Partial<Parameters<typeof makeTask>[2]> = {}) =>
    makeTask(t.prisma, ctx, {
      assigneeId: ctx.caller1.id,
      customerId: ctx.customer().id,
      from: -2,
      due: 3,
      ...f,
    });
  const noAnswer = { channel: 'PHONE' as const, outcome: 'NO_ANSWER' as const };
  const recordsOf = (taskId: string) => t.prisma.visitRecord.count({ where: { taskId } });

  it('takes only attempts that touch nothing but the task', () => {
    expect(isPlainAttempt(noAnswer)).toBe(true);
    expect(isPlainAttempt({ ...noAnswer, outcome: 'WRONG_NUMBER' })).toBe(true);
    expect(isPlainAttempt({ ...noAnswer, outcome: 'CALL_BACK_LATER' })).toBe(true);
    expect(isPlainAttempt({ ...noAnswer, outcome: 'COMPLETED' })).toBe(false);
    expect(isPlainAttempt({ ...noAnswer, outcome: 'DECLINED' })).toBe(false);
    expect(
      isPlainAttempt({
        ...noAnswer,
        ticket: { category: 'SERVICE', severity: 'MEDIUM', title: 'x', description: 'y' },
      } as never),
    ).toBe(false);
  });

  it('writes the record, the task and the audit row as the general path does', async () => {
    const task = await newTask();
    const startedAt = new Date(actor.now.getTime() - 10 * 60_000);
    const result = await logPlainAttempt(
      t.prisma,
      actor,
      task.id,
      { ...noAnswer, durationSec: 15, opinions: '  关机  ', startedAt: startedAt.toISOString() },
      'key-1',
    );
    expect(result).not.toBeNull();
    expect(result?.task).toEqual({
      id: task.id,
      status: 'IN_PROGRESS',
      attempts: 1,
      callBackAt: null,
      version: 2,
    });
    expect(result?.visit).toMatchObject({
      taskId: task.id,
      customerId: task.customerId,
      caller: { id: ctx.caller1.id, name: ctx.caller1.name },
      outcome: 'NO_ANSWER',
      channel: 'PHONE',
      durationSec: 15,
      opinions: '关机',
      satisfaction: null,
      answers: [],
      startedAt: startedAt.toISOString(),
      createdAt: actor.now.toISOString(),
      amendmentCount: 0,
      version: 1,
      tickets: [],
    });
    const record = await t.prisma.visitRecord.findUniqueOrThrow({ where: { id: result!.visit.id } });
    expect(record).toMatchObject({ idempotencyKey: 'key-1', callerId: ctx.caller1.id, signature: null });
    expect(record.original).toEqual({
      channel: 'PHONE',
      outcome: 'NO_ANSWER',
      startedAt: startedAt.toISOString(),
      durationSec: 15,
      satisfaction: null,
      answers: [],
      opinions: '关机',
      suggestions: null,
      recordingRef: null,
      callBackAt: null,
      questionnaireVersion: null,
      hasSignature: false,
    });
    const saved = await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    expect(saved).toMatchObject({ status: 'IN_PROGRESS', attempts: 1, version: 2, doneAt: null });
    expect(saved.lastAttemptAt).toEqual(startedAt);
    expect(saved.updatedAt).toEqual(actor.now);
    const log = await t.prisma.auditLog.findFirstOrThrow({ where: { entityId: record.id } });
    expect(log).toMatchObject({
      action: 'VISIT_CREATED',
      entity: 'VisitRecord',
      actorId: ctx.caller1.id,
      ip: '10.0.0.7',
      before: { taskId: task.id, status: 'PENDING', attempts: 0 },
      after: { taskId: task.id, outcome: 'NO_ANSWER', status: 'IN_PROGRESS', attempts: 1 },
    });
    expect(log.createdAt).toEqual(actor.now);
  });

  it('answers with the task id as stored, however the address spelled it', async () => {
    const task = await newTask();
    const res = await t.as('caller1@demo.local', {
      method: 'POST',
      url: `/api/tasks/${task.id.toUpperCase()}/visits`,
      payload: noAnswer,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().task.id).toBe(task.id);
    expect(res.json().visit.taskId).toBe(task.id);
  });

  it('keeps a call-back time and a later attempt time', async () => {
    const task = await newTask();
    const callBackAt = new Date(actor.now.getTime() + 3600_000);
    const result = await logPlainAttempt(
      t.prisma,
      actor,
      task.id,
      { ...noAnswer, outcome: 'CALL_BACK_LATER', callBackAt: callBackAt.toISOString() },
      undefined,
    );
    expect(result?.task).toMatchObject({ status: 'IN_PROGRESS', callBackAt: callBackAt.toISOString() });
    const earlier = new Date(actor.now.getTime() - 3600_000);
    await logPlainAttempt(
      t.prisma,
      actor,
      task.id,
      { ...noAnswer, startedAt: earlier.toISOString() },
      undefined,
    );
    const saved = await t.prisma.task.findUniqueOrThrow({ where: { id: task.id } });
    // the latest attempt time stays; the call-back ends with the next attempt
    expect(saved).toMatchObject({ attempts: 2, callBackAt: null, lastAttemptAt: actor.now });
  });

  it('writes nothing and leaves the answer to the general path when the task is not as it must be', async () => {
    const closed = await newTask({ status: 'DONE' });
    const others = await newTask({ assigneeId: (await ctx.newCaller('attempt-other@demo.local')).id });
    const keyed = await newTask();
    await logPlainAttempt(t.prisma, actor, keyed.id, noAnswer, 'used');
    const paused = await newTask();
    await t.prisma.customer.update({ where: { id: paused.customerId }, data: { visitsPausedAt: actor.now } });
    for (const [task, key, before] of [
      [closed, undefined, 0],
      [others, undefined, 0],
      [keyed, 'used', 1],
      [paused, undefined, 0],
    ] as const) {
      expect(await logPlainAttempt(t.prisma, actor, task.id, noAnswer, key)).toBeNull();
      expect(await recordsOf(task.id)).toBe(before);
    }
    const missing = '00000000-0000-7000-8000-000000000000';
    expect(await logPlainAttempt(t.prisma, actor, missing, noAnswer, undefined)).toBeNull();
    // through the API the general path answers them as before
    const post = (id: string, headers: Record<string, string> = {}) =>
      t.as('caller1@demo.local', {
        method: 'POST',
        url: `/api/tasks/${id}/visits`,
        payload: noAnswer,
        headers,
      });
    expect((await post(closed.id)).statusCode).toBe(409);
    expect((await post(others.id)).statusCode).toBe(403);
    expect((await post(keyed.id, { 'Idempotency-Key': 'used' })).statusCode).toBe(200);
    expect((await post(paused.id)).json()).toMatchObject({ error: { details: { reason: 'VISITS_PAUSED' } } });
    expect((await post(missing)).statusCode).toBe(404);
  });

  it('refuses a record that breaks a rule with the same 422 as the general path', async () => {
    const task = await newTask();
    await expect(
      logPlainAttempt(t.prisma, actor, task.id, { ...noAnswer, outcome: 'CALL_BACK_LATER' }, undefined),
    ).rejects.toMatchObject({ status: 422, details: { field: 'callBackAt' } });
    expect(await recordsOf(task.id)).toBe(0);
  });

  it('writes nothing when the task changes between its read and its write', async () => {
    const task = await newTask();
    const other = new pg.Client({ connectionString: t.url });
    await other.connect();
    try {
      // another submission holds the task and moves it on while this one is between read and write
      await other.query('BEGIN');
      await other.query(`UPDATE "Task" SET version = version + 1, attempts = attempts + 1 WHERE id = $1`, [
        task.id,
      ]);
      const pending = logPlainAttempt(t.prisma, actor, task.id, noAnswer, undefined);
      // the write has read the old version and now waits for the row: only then is the change committed
      let waiting = false;
      for (let i = 0; i < 3000 && !waiting; i++) {
        const { rows } = await other.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`,
        );
        waiting = rows[0].n > 0;
        if (!waiting) await new Promise((r) => setTimeout(r, 10));
      }
      expect(waiting).toBe(true);
      await other.query('COMMIT');
      expect(await pending).toBeNull();
    } finally {
      await other.end();
    }
    expect(await recordsOf(task.id)).toBe(0);
    expect(
      await t.prisma.auditLog.count({
        where: { entity: 'VisitRecord', before: { path: ['taskId'], equals: task.id } },
      }),
    ).toBe(0);
  });
});
