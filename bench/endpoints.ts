// The GET requests each role's screens open first, as the web client sends them: the list the endpoint
// sweep (bench/sweep.ts) times and the plan check (bench/plans.ts) explains, served by the API in the
// benchmark's process and opened with one real session per role.
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { createPrisma } from '../apps/api/src/db/prisma.ts';
import { BENCH_PASSWORD } from './generate.ts';
import { Session } from './measure.ts';

export type Role = 'caller' | 'lead' | 'manager' | 'supervisor' | 'admin';
export const EMAIL: Record<Role, string> = {
  caller: 'caller001@bench.local',
  lead: 'lead01@bench.local',
  manager: 'manager@bench.local',
  supervisor: 'supervisor1@bench.local',
  admin: 'admin@bench.local',
};

/** The GET requests each role's screens open first, as the web client sends them. */
export function endpoints(month: string, lastFull: string): Array<[Role, string]> {
  const page = 'page=1&size=20';
  return [
    ['caller', '/api/auth/me'],
    ['caller', '/api/tasks/summary'],
    ['caller', `/api/tasks?assignee=me&bucket=today&${page}`],
    ['caller', `/api/tasks?assignee=me&bucket=overdue&${page}`],
    ['caller', `/api/tasks?assignee=me&bucket=done&${page}`],
    ['caller', `/api/customers?${page}`],
    ['caller', `/api/customers?q=${encodeURIComponent('王')}&${page}`],
    ['caller', `/api/dashboards/caller?month=${month}`],
    ['caller', `/api/inspections?${page}`],
    ['caller', `/api/tickets?${page}`],
    ['caller', `/api/incentives?month=${lastFull}`],
    ['caller', `/api/notifications?${page}`],
    ['caller', '/api/notifications/unread-count'],
    ['lead', `/api/tasks/board?month=${month}`],
    ['lead', `/api/dashboards/lead?month=${month}`],
    ['lead', `/api/plans?${page}`],
    ['lead', `/api/customers?${page}`],
    ['manager', `/api/dashboards/manager?month=${month}`],
    ['manager', `/api/dashboards/manager?month=${lastFull}`],
    ['manager', `/api/dashboards/quality?month=${month}`],
    ['manager', `/api/dashboards/quality?month=${lastFull}`],
    ['manager', `/api/dashboards/tickets?month=${month}`],
    ['manager', `/api/kpi?month=${month}&scope=caller`],
    ['manager', `/api/kpi?month=${lastFull}&scope=caller`],
    ['manager', '/api/kpi/trend?scope=organization&months=12'],
    ['manager', `/api/tasks?${page}`],
    ['manager', `/api/visits?${page}`],
    ['manager', `/api/inspections?${page}`],
    ['manager', `/api/tickets?${page}`],
    ['manager', `/api/customers?${page}`],
    ['manager', `/api/customers?q=${encodeURIComponent('王')}&${page}`],
    ['manager', `/api/incentives?month=${lastFull}`],
    ['manager', `/api/appeals?${page}`],
    ['manager', `/api/expenses?${page}`],
    ['manager', `/api/reports?${page}`],
    ['supervisor', `/api/inspections?inspectorId=me&open=true&${page}`],
    ['supervisor', `/api/dashboards/quality?month=${month}`],
    ['supervisor', `/api/sampling-runs?${page}`],
    ['admin', `/api/audit-log?${page}`],
    ['admin', '/api/users'],
    ['admin', '/api/policy'],
  ];
}

/**
 * The real API (`buildApp`, no background jobs) on `url`, listening on a free port, with the
 * product's pool. Its figures are computed on each request, as a screen's first request after the
 * minute's cache has expired (the shared cache is what bench:mixed shows).
 */
export async function serveInProcess(url: string): Promise<{ base: string; close: () => Promise<void> }> {
  const config = {
    ...loadConfig(),
    databaseUrl: url,
    demo: false,
    logLevel: 'error',
    liveFiguresMaxAgeMs: 0,
    loginRateLimit: { max: 100_000, windowMs: 60_000, addressFailures: 100_000, addressWindowMs: 60_000 },
  };
  const prisma = createPrisma(url, config.dbPool.size, config.dbPool.waitMs);
  const app = await buildApp({ prisma, config });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    base: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`,
    close: async () => {
      await app.close().catch(() => {});
      await prisma.$disconnect().catch(() => {});
    },
  };
}

/** One signed-in session per role (EMAIL). */
export async function signInRoles(base: string): Promise<Map<Role, Session>> {
  const sessions = new Map<Role, Session>();
  for (const [role, email] of Object.entries(EMAIL) as Array<[Role, string]>)
    sessions.set(role, await Session.signIn(base, email, BENCH_PASSWORD));
  return sessions;
}
