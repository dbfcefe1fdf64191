import { randomBytes } from 'node:crypto';
import type { TRole } from '@huifang/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { createPrisma, type PrismaClient } from '../src/db/prisma.ts';
import type { Clock } from '../src/lib/actor.ts';
import { testClock } from './clock.ts';

export { signCurrentAgreement } from '../src/modules/confidentiality/test-fixtures.ts';

export interface TestContext {
  app: FastifyInstance;
  prisma: PrismaClient;
  url: string;
  /** signs in and returns the session cookie header */
  login(email: string, password?: string): Promise<string>;
  /** an inject with the session of `email` */
  as(email: string, options: InjectOptions): Promise<LightMyRequestResponse>;
}

function withDb(url: string, db: string): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** A fresh database cloned from a template, and an app on it; dropped after the file. */
export async function createTestDatabase(template: 'demo' | 'empty'): Promise<string> {
  const adminUrl = inject('pgAdminUrl');
  const name = `hf_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // Two workers cloning the same template at the same instant make one of them wait.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "hf_tpl_${template}"`);
      break;
    } catch (error) {
      if (attempt >= 50 || !String(error).includes('being accessed by other users')) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  afterAll(async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });
  return withDb(adminUrl, name);
}

export async function setupTestApp(
  options: { template?: 'demo' | 'empty'; env?: Record<string, string>; clock?: Clock } = {},
): Promise<TestContext> {
  const url = await createTestDatabase(options.template ?? 'demo');
  const config = loadConfig({
    NODE_ENV: 'test',
    HUIFANG_LOGIN_RATE_MAX: '1000',
    HUIFANG_LOGIN_ADDRESS_FAILURES: '1000',
    ...options.env,
  });
  // a small pool per test file (many run at once); the product's wait before a 503
  const prisma = createPrisma(url, Number(options.env?.HUIFANG_DB_POOL ?? 5), config.dbPool.waitMs);
  const app = await buildApp({ prisma, config, clock: options.clock ?? testClock.now });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await prisma.$disconnect();
  });

  const cookies = new Map<string, string>();
  async function login(email: string, password = 'demo1234'): Promise<string> {
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
    const set = res.cookies.find((c) => c.name === 'hf_session');
    if (!set) throw new Error('no session cookie');
    const cookie = `hf_session=${set.value}`;
    cookies.set(email, cookie);
    return cookie;
  }
  async function as(email: string, opts: InjectOptions) {
    const cookie = cookies.get(email) ?? (await login(email));
    return app.inject({ ...opts, headers: { ...(opts.headers ?? {}), cookie } });
  }
  return { app, prisma, url, login, as };
}

/** The ids of demo users by e-mail. */
export async function demoUsers(
  prisma: PrismaClient,
): Promise<Record<string, { id: string; teamId: string | null }>> {
  const rows = await prisma.user.findMany({ select: { id: true, email: true, teamId: true } });
  return Object.fromEntries(rows.map((r) => [r.email, { id: r.id, teamId: r.teamId }]));
}

/**
 * What hand-built fixtures start from in the demo database: user ids by the e-mail's local part
 * (`caller1`), the organisation, the default rubric and `customers` customers without an open
 * task (safe to give a task of any status).
 */
export async function fixtureBase(prisma: PrismaClient, customers: number) {
  const users = Object.fromEntries(
    (await prisma.user.findMany({ select: { id: true, email: true } })).map((u) => [
      u.email.split('@')[0],
      u.id,
    ]),
  ) as Record<string, string>;
  const org = await prisma.organization.findFirstOrThrow({ select: { id: true } });
  const rubric = await prisma.rubric.findFirstOrThrow({ where: { isDefault: true } });
  const free = await prisma.customer.findMany({
    where: { tasks: { none: { status: { in: ['PENDING', 'IN_PROGRESS'] } } } },
    select: { id: true },
    orderBy: { id: 'asc' },
    take: customers,
  });
  return { users, orgId: org.id, rubric, customers: free };
}

/** The demo user who stands for each role in the tests that go through every role. */
export const USER_OF: Record<TRole, string> = {
  ADMIN: 'admin@demo.local',
  MANAGER: 'manager@demo.local',
  SUPERVISOR: 'supervisor@demo.local',
  LEAD: 'lead@demo.local',
  CALLER: 'caller1@demo.local',
  HANDLER: 'handler@demo.local',
};

/** A customer event written directly (source MANUAL), as the cadence and plan tests set them up. */
export function recordEvent(
  prisma: PrismaClient,
  e: {
    organizationId: string;
    customerId: string;
    kind: string;
    day: string;
    createdAt: Date;
    cancelledAt?: Date;
  },
) {
  return prisma.customerEvent.create({
    data: {
      organizationId: e.organizationId,
      customerId: e.customerId,
      kind: e.kind,
      day: new Date(`${e.day}T00:00:00Z`),
      source: 'MANUAL',
      createdAt: e.createdAt,
      cancelledAt: e.cancelledAt ?? null,
    },
  });
}
