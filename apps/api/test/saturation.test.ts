// A saturated database answers 503 with Retry-After in the error shape, never 500
// (docs/api.md#status-codes), and an idempotent retry then succeeds once.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testNow } from './clock.ts';
import { demoUsers, setupTestApp } from './helper.ts';

describe('when every database connection is busy', async () => {
  const t = await setupTestApp({ env: { HUIFANG_DB_POOL: '2', HUIFANG_DB_WAIT_MS: '1000' } });
  const users = await demoUsers(t.prisma);
  await t.login('caller1@demo.local');

  it('a request that waited its time is told to come back (503, Retry-After), and its retry is taken once', async () => {
    const task = await t.prisma.task.findFirstOrThrow({
      where: { assigneeId: users['caller1@demo.local']!.id, status: 'PENDING' },
      orderBy: { id: 'asc' },
    });
    const key = randomUUID();
    const visit = () =>
      t.as('caller1@demo.local', {
        method: 'POST',
        url: `/api/tasks/${task.id}/visits`,
        headers: { 'idempotency-key': key },
        payload: {
          channel: 'PHONE',
          outcome: 'CALL_BACK_LATER',
          callBackAt: new Date(testNow().getTime() + 26 * 3600_000).toISOString(),
        },
      });
    // both connections held by work that takes longer than the wait (1 s), from before the request
    let holding = 0;
    let bothHeld = () => {};
    const held = new Promise<void>((resolve) => {
      bothHeld = resolve;
    });
    const hold = () =>
      t.prisma.$transaction(async (tx) => {
        if (++holding === 2) bothHeld();
        await tx.$executeRaw`SELECT pg_sleep(2.5)`;
      });
    const holders = [hold(), hold()];
    await held;
    const busy = await visit();
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('2');
    expect(busy.json().error.code).toBe('UNAVAILABLE');
    await Promise.all(holders);
    expect(await t.prisma.visitRecord.count({ where: { taskId: task.id } })).toBe(0);

    const retried = await visit();
    expect(retried.statusCode).toBe(201);
    const again = await visit();
    expect(again.statusCode).toBe(200);
    expect(await t.prisma.visitRecord.count({ where: { taskId: task.id } })).toBe(1);
  });
});
