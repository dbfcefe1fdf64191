import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { freePort } from '../../db/embedded.ts';
import { createPrisma } from '../../db/prisma.ts';
import { type DatabaseState, reportDatabaseState } from './database-state.ts';

describe('system routes', async () => {
  const t = await setupTestApp({ template: 'empty' });

  it('reports the database as up', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: 'up' });
  });

  it('says what the keeper of the database reports while it brings the database back', async () => {
    let state: DatabaseState = 'restarting';
    reportDatabaseState(t.prisma, () => state);
    try {
      const restarting = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(restarting.statusCode).toBe(503);
      expect(restarting.json()).toMatchObject({ status: 'degraded', database: 'restarting' });
      state = 'down';
      const down = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(down.statusCode).toBe(503);
      expect(down.json()).toMatchObject({ status: 'degraded', database: 'down' });
      // "up" is the keeper's word; the health check still asks the database itself
      state = 'up';
      const up = await t.app.inject({ method: 'GET', url: '/api/health' });
      expect(up.statusCode).toBe(200);
      expect(up.json()).toMatchObject({ status: 'ok', database: 'up' });
    } finally {
      state = 'up';
    }
  });

  it('reports the database as down when it does not answer', async () => {
    // nothing listens there
    const prisma = createPrisma(`postgresql://nobody:x@127.0.0.1:${await freePort()}/none`, 1);
    const app = await buildApp({ prisma, config: loadConfig({ NODE_ENV: 'test' }) });
    try {
      const res = await app.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'degraded', database: 'down' });
    } finally {
      await app.close();
      await prisma.$disconnect();
    }
  });

  it('serves the OpenAPI document and its UI without a session', async () => {
    const json = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(json.statusCode).toBe(200);
    const doc = json.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain('/api/auth/login');
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect([200, 302]).toContain(ui.statusCode);
  });

  it('answers unknown API paths with 404 in the error shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('sets security headers', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
