import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { Admission, admitFor } from './admission.ts';

describe('Admission', () => {
  it('lets `slots` in at once and the next in turn as each leaves, first come first served', async () => {
    const gate = new Admission(2, 10_000);
    const a = await gate.enter();
    const b = await gate.enter();
    const order: string[] = [];
    const noted = (name: string) => (leave: () => void) => {
      order.push(name);
      return leave;
    };
    const c = gate.enter().then(noted('c'));
    const d = gate.enter().then(noted('d'));
    await Promise.resolve();
    expect(gate.load).toEqual({ active: 2, waiting: 2 });
    expect(order).toEqual([]);
    a();
    const leaveC = await c;
    expect(order).toEqual(['c']);
    b();
    const leaveD = await d;
    expect(order).toEqual(['c', 'd']);
    leaveC();
    leaveD();
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('gives a slot back once however often its leave is called', async () => {
    const gate = new Admission(1, 10_000);
    const leave = await gate.enter();
    leave();
    leave();
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
    const again = await gate.enter();
    expect(gate.load.active).toBe(1);
    again();
  });

  it('answers busy (503) after waiting its longest, and the queue forgets the one refused', async () => {
    vi.useFakeTimers();
    try {
      const gate = new Admission(1, 500);
      const leave = await gate.enter();
      const late = gate.enter();
      const caught = late.catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(499);
      expect(gate.load.waiting).toBe(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(await caught).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
      expect(gate.load).toEqual({ active: 1, waiting: 0 });
      leave();
      expect(gate.load.active).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives the slot of an answer back when it closes; a client gone while waiting leaves the queue', async () => {
    const gate = new Admission(1, 10_000);
    const answered = new EventEmitter();
    await admitFor(gate, answered);
    expect(gate.load.active).toBe(1);
    const gone = new EventEmitter();
    const waiting = admitFor(gate, gone).catch((e: unknown) => e);
    expect(gate.load.waiting).toBe(1);
    gone.emit('close'); // the client leaves while still in the queue: its request never runs
    expect(await waiting).toMatchObject({ status: 503 });
    expect(gate.load).toEqual({ active: 1, waiting: 0 });
    answered.emit('close');
    await Promise.resolve(); // given back as the admission's promise settles
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('needs a slot', () => {
    expect(() => new Admission(0, 100)).toThrow();
  });
});

describe('the analytics admitted a few at a time', async () => {
  const { setupTestApp } = await import('../../test/helper.ts');
  // a wait long enough that a dashboard computed on a busy machine (the whole suite at once, under
  // test:dates' faketime) is never refused for its own slowness: the wait is also the pool's and
  // bounds its transactions (db/prisma.ts)
  const t = await setupTestApp({ env: { HUIFANG_ANALYTICS_POOL: '1', HUIFANG_DB_WAIT_MS: '2000' } });
  const manager = (url = '/api/dashboards/manager') => t.as('manager@demo.local', { method: 'GET', url });

  it('gives the slot back after every answer, an error too', async () => {
    const gate = t.app.analyticsAdmission;
    expect(gate.slots).toBe(1);
    for (let i = 0; i < 3; i++) expect((await manager()).statusCode).toBe(200);
    expect(
      (await t.as('caller1@demo.local', { method: 'GET', url: '/api/dashboards/manager' })).statusCode,
    ).toBe(403);
    expect((await manager('/api/kpi?month=13')).statusCode).toBe(400);
    expect((await manager('/api/kpi')).statusCode).toBe(200);
    expect(gate.load).toEqual({ active: 0, waiting: 0 });
  });

  it('answers 503 with Retry-After when no slot frees within the wait; other screens are not held', async () => {
    const leave = await t.app.analyticsAdmission.enter();
    try {
      const refused = await manager('/api/dashboards/quality');
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(refused.json()).toMatchObject({ error: { code: 'UNAVAILABLE' } });
      expect((await manager('/api/plans?page=1&size=5')).statusCode).toBe(200);
      // a request without a session is refused at once, never queued behind the analytics
      expect((await t.app.inject({ method: 'GET', url: '/api/dashboards/quality' })).statusCode).toBe(401);
      // the busy answer carries the security headers like any other
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
      expect(
        (await t.as('caller1@demo.local', { method: 'GET', url: '/api/dashboards/caller' })).statusCode,
      ).toBe(200);
    } finally {
      leave();
    }
    expect((await manager('/api/dashboards/quality')).statusCode).toBe(200);
  });
});
