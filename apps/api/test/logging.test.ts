import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createPrisma } from '../src/db/prisma.ts';
import { createTestDatabase } from './helper.ts';

describe('request logs', async () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const prisma = createPrisma(await createTestDatabase('demo'), 3);
  const app = await buildApp({
    prisma,
    config: { ...loadConfig({ NODE_ENV: 'test' }), logLevel: 'info' },
    logStream: stream,
  });
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  it('are structured, carry a request id, and hold no personal data', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lead@demo.local', password: 'demo1234' },
    });
    const cookie = `hf_session=${login.cookies.find((c) => c.name === 'hf_session')?.value}`;
    await app.inject({ method: 'GET', url: '/api/customers?q=13812345678&size=5', headers: { cookie } });
    await app.inject({ method: 'GET', url: '/api/customers?q=%E5%BC%A0%E4%BC%9F', headers: { cookie } });
    const entries = lines.map((l) => JSON.parse(l) as { reqId?: string; req?: { url: string }; msg: string });
    const requests = entries.filter((e) => e.req);
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.every((e) => typeof e.reqId === 'string')).toBe(true);
    expect(requests.map((e) => e.req?.url)).toContain('/api/customers');
    const all = lines.join('\n');
    for (const secret of [
      '13812345678',
      'lead@demo.local',
      'demo1234',
      '张伟',
      '%E5%BC%A0',
      'hf_session',
      cookie.slice(11),
    ]) {
      expect(all).not.toContain(secret);
    }
  });
});
