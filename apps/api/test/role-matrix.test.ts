// The role matrix (docs/api.md#permissions): for every API route, which roles get through and
// which get 403, and that nobody gets through without a session. The table below is the
// reviewed contract; a route missing from it, or behaving otherwise, fails this test.
import { ROLE_PERMISSIONS, ROLES, type TRole } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { setupTestApp, USER_OF } from './helper.ts';

const ALL = [...ROLES];
const STAFF: TRole[] = ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD'];
/** everyone but the departments' ticket handlers, who only work tickets */
const WORKERS: TRole[] = [...STAFF, 'CALLER'];
/** who records, confirms, dismisses and wins back churn cases */
const CHURN_WRITERS: TRole[] = ['MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER', 'HANDLER'];

/** `METHOD path` → roles that pass the route's permission check ('public' = no session needed). */
export const EXPECTED: Record<string, TRole[] | 'public'> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': ALL,
  'GET /api/auth/session': 'public',
  'PATCH /api/auth/me': ALL,
  'GET /api/setup': 'public',
  'POST /api/setup': 'public',
  'GET /api/users': STAFF,
  'GET /api/teams': STAFF,
  'GET /api/departments': STAFF,
  'POST /api/users': ['ADMIN'],
  'PATCH /api/users/:id': ['ADMIN'],
  'POST /api/teams': ['ADMIN'],
  'PATCH /api/teams/:id': ['ADMIN'],
  'GET /api/customers': WORKERS,
  'POST /api/customers': ['ADMIN', 'LEAD'],
  'POST /api/customers/import': ['ADMIN', 'LEAD'],
  'GET /api/customers/imports/:jobId': ['ADMIN', 'LEAD'],
  'GET /api/customers/import/template': ['ADMIN', 'LEAD'],
  'GET /api/customers/export': ['ADMIN'],
  'GET /api/customers/:id': WORKERS,
  'PATCH /api/customers/:id': ['ADMIN', 'LEAD'],
  'GET /api/customers/:id/contact': ['ADMIN', 'SUPERVISOR', 'LEAD', 'CALLER'],
  'GET /api/questionnaires': WORKERS,
  'GET /api/questionnaires/:id': WORKERS,
  'POST /api/questionnaires': ['ADMIN', 'LEAD'],
  'PATCH /api/questionnaires/:id': ['ADMIN', 'LEAD'],
  'GET /api/plans': STAFF,
  'POST /api/plans': ['LEAD'],
  'GET /api/plans/:id': STAFF,
  'PATCH /api/plans/:id': ['LEAD'],
  'GET /api/plans/:id/items': STAFF,
  'POST /api/plans/:id/items': ['LEAD'],
  'GET /api/plans/:id/proposals': ['LEAD'],
  'POST /api/plans/:id/proposals': ['LEAD'],
  'POST /api/plans/:id/balance': ['LEAD'],
  'PATCH /api/plans/:id/items/:itemId': ['LEAD'],
  'DELETE /api/plans/:id/items/:itemId': ['LEAD'],
  'POST /api/plans/:id/submit': ['LEAD'],
  'POST /api/plans/:id/approve': ['MANAGER'],
  'POST /api/plans/:id/reject': ['MANAGER'],
  'GET /api/tasks': WORKERS,
  'GET /api/tasks/summary': WORKERS,
  'GET /api/tasks/:id': WORKERS,
  'POST /api/tasks/:id/visits': ['CALLER'],
  'GET /api/tasks/:id/survey-links': WORKERS,
  'POST /api/tasks/:id/survey-links': ['CALLER'],
  'GET /api/public/surveys/:token': 'public',
  'POST /api/public/surveys/:token': 'public',
  'GET /api/messages': ['ADMIN'],
  'GET /api/tasks/board': STAFF,
  'PATCH /api/tasks/:id': ['LEAD'],
  'POST /api/tasks/reassign': ['LEAD'],
  'GET /api/tasks/:id/assignments': STAFF,
  'GET /api/visits': WORKERS,
  'GET /api/visits/:id': WORKERS,
  'POST /api/visits/:id/amendments': ['LEAD', 'CALLER'],
  'GET /api/audit-log': ['ADMIN'],
  'GET /api/database/statements': ['ADMIN'],
  // the churn analysis group's week (docs/rules.md#r-churn-5-weekly-analysis)
  'GET /api/churn/weekly': ['MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'GET /api/dashboards/churn': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'GET /api/churn/weekly/export': ['MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'PUT /api/churn/meetings/:week': ['MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'POST /api/churn/weekly/deep-dive': ['MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'GET /api/notifications': ALL,
  'GET /api/notifications/unread-count': ALL,
  'POST /api/notifications/:id/read': ALL,
  'POST /api/notifications/read-all': ALL,
  'GET /api/policy': ALL,
  'PATCH /api/policy': ['ADMIN'],
  'GET /api/ticket-routes': ALL,
  'PUT /api/ticket-routes': ['ADMIN'],
  'POST /api/tickets': ['SUPERVISOR', 'LEAD', 'CALLER'],
  'GET /api/tickets': ALL,
  'GET /api/tickets/:id': ALL,
  'POST /api/tickets/:id/start': ['SUPERVISOR', 'HANDLER'],
  'POST /api/tickets/:id/respond': ['SUPERVISOR', 'HANDLER'],
  'POST /api/tickets/:id/verify': ['LEAD', 'CALLER'],
  'POST /api/tickets/:id/reopen': ['LEAD', 'CALLER'],
  'POST /api/tickets/:id/close': STAFF,
  'POST /api/tickets/:id/route': STAFF,
  'GET /api/rubrics': WORKERS,
  'GET /api/rubrics/:id': WORKERS,
  'POST /api/rubrics': ['ADMIN', 'SUPERVISOR'],
  'PATCH /api/rubrics/:id': ['ADMIN', 'SUPERVISOR'],
  'POST /api/sampling-runs/preview': ['SUPERVISOR'],
  'POST /api/sampling-runs': ['SUPERVISOR'],
  'GET /api/sampling-runs': STAFF,
  'GET /api/inspections': WORKERS,
  'POST /api/inspections': ['SUPERVISOR'],
  'GET /api/inspections/:id': WORKERS,
  'POST /api/inspections/:id/start': ['SUPERVISOR'],
  'PATCH /api/inspections/:id': ['SUPERVISOR'],
  'POST /api/inspections/:id/submit': ['SUPERVISOR'],
  'POST /api/inspections/:id/appeal': ['CALLER'],
  'GET /api/appeals': STAFF,
  // which of them decides is the organisation's appeal step (R-CHAIN-4)
  'POST /api/appeals/:id/decide': ['MANAGER', 'SUPERVISOR'],
  'GET /api/dashboards/quality': ['ADMIN', 'MANAGER', 'SUPERVISOR'],
  'GET /api/dashboards/tickets': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'GET /api/reports': STAFF,
  'POST /api/reports': ['LEAD'],
  'GET /api/reports/:id': STAFF,
  // a team report's lead, or the roll-up's author step (R-CHAIN-3), checked per report
  'PATCH /api/reports/:id': ['MANAGER', 'SUPERVISOR', 'LEAD'],
  'POST /api/reports/:id/refresh': ['MANAGER', 'SUPERVISOR', 'LEAD'],
  'POST /api/reports/:id/submit': ['MANAGER', 'SUPERVISOR', 'LEAD'],
  // which holder of report:approve acts is the report chain's step due (R-CHAIN-2)
  'POST /api/reports/:id/approve': ['MANAGER', 'SUPERVISOR'],
  'POST /api/reports/:id/return': ['MANAGER', 'SUPERVISOR'],
  'POST /api/reports/rollup': ['MANAGER', 'SUPERVISOR'],
  'GET /api/kpi': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER'],
  'GET /api/customer-events': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER'],
  'POST /api/customer-events': ['ADMIN', 'LEAD'],
  'POST /api/customer-events/:id/cancel': ['ADMIN', 'LEAD'],
  'POST /api/customer-events/import': ['ADMIN', 'LEAD'],
  'GET /api/customer-events/imports/:jobId': ['ADMIN', 'LEAD'],
  'GET /api/customer-events/import/template': ['ADMIN', 'LEAD'],
  'GET /api/api-keys': ['ADMIN'],
  'POST /api/api-keys': ['ADMIN'],
  'POST /api/api-keys/:id/revoke': ['ADMIN'],
  'GET /api/cadence-rules': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD'],
  'POST /api/cadence-rules': ['ADMIN', 'LEAD'],
  'GET /api/cadence-rules/forecast': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD'],
  'GET /api/cadence-rules/weekly': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD'],
  'GET /api/cadence-rules/:id': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD'],
  'PATCH /api/cadence-rules/:id': ['ADMIN', 'LEAD'],
  'POST /api/cadence-rules/:id/submit': ['ADMIN', 'LEAD'],
  'POST /api/cadence-rules/:id/approve': ['MANAGER'],
  'POST /api/cadence-rules/:id/reject': ['MANAGER'],
  'GET /api/cadence-visits': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD'],
  'GET /api/contact-policy': ALL,
  'PATCH /api/contact-policy': ['ADMIN', 'MANAGER'],
  'POST /api/visits/:id/expenses': ['CALLER'],
  'GET /api/visits/:id/expenses': ['ADMIN', 'MANAGER', 'LEAD', 'CALLER'],
  'GET /api/expenses': ['ADMIN', 'MANAGER', 'LEAD', 'CALLER'],
  'POST /api/expenses/:id/approve': ['MANAGER', 'LEAD'],
  'POST /api/expenses/:id/reject': ['MANAGER', 'LEAD'],
  'GET /api/kpi/trend': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER'],
  'GET /api/dashboards/manager': ['ADMIN', 'MANAGER'],
  'GET /api/dashboards/caller': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER'],
  'GET /api/dashboards/lead': ['LEAD'],
  'GET /api/incentive-policies': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD'],
  'POST /api/incentive-policies': ['ADMIN', 'MANAGER'],
  'POST /api/month-closes': ['MANAGER'],
  'GET /api/month-closes/:month': ['ADMIN', 'MANAGER'],
  'POST /api/month-closes/:month/approve': ['MANAGER'],
  'GET /api/incentives': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER', 'HANDLER'],
  'POST /api/incentives': ['MANAGER', 'LEAD'],
  'POST /api/incentives/decide': ['MANAGER'],
  'POST /api/incentives/:id/approve': ['MANAGER'],
  'POST /api/incentives/:id/reject': ['MANAGER'],
  'POST /api/incentives/:id/appeal': ['SUPERVISOR', 'LEAD', 'CALLER', 'HANDLER'],
  'POST /api/incentive-appeals/:id/decide': ['MANAGER'],
  'GET /api/incentives/export': ['ADMIN', 'MANAGER'],
  // enquiries and the funnel (咨询与转化漏斗)
  'GET /api/enquiries': ['ADMIN', 'MANAGER', 'LEAD', 'CALLER', 'HANDLER'],
  'POST /api/enquiries': ['LEAD', 'CALLER', 'HANDLER'],
  'GET /api/enquiries/funnel': ['ADMIN', 'MANAGER', 'LEAD', 'CALLER', 'HANDLER'],
  'GET /api/enquiries/reasons': ['ADMIN', 'MANAGER', 'LEAD', 'CALLER', 'HANDLER'],
  'GET /api/enquiries/:id': ['ADMIN', 'MANAGER', 'LEAD', 'CALLER', 'HANDLER'],
  'PATCH /api/enquiries/:id': ['LEAD', 'CALLER', 'HANDLER'],
  'POST /api/enquiries/:id/follow-ups': ['LEAD', 'CALLER', 'HANDLER'],
  'POST /api/enquiries/:id/convert': ['LEAD', 'CALLER', 'HANDLER'],
  'POST /api/enquiries/:id/close': ['LEAD', 'CALLER', 'HANDLER'],
  // the churn register (docs/product.md#the-churn-register)
  'GET /api/churn-reasons': ALL,
  'POST /api/churn-reasons': ['ADMIN', 'MANAGER'],
  'PATCH /api/churn-reasons/:id': ['ADMIN', 'MANAGER'],
  'GET /api/churn-cases': ALL,
  'POST /api/churn-cases': CHURN_WRITERS,
  'GET /api/churn-cases/:id': ALL,
  'PATCH /api/churn-cases/:id': CHURN_WRITERS,
  'POST /api/churn-cases/:id/confirm': CHURN_WRITERS,
  'POST /api/churn-cases/:id/dismiss': CHURN_WRITERS,
  'POST /api/churn-cases/:id/win-back': CHURN_WRITERS,
  // improvement measures (改进措施): read by everyone with measure:read (a handler: their department's)
  'GET /api/improvement-measures': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'GET /api/improvement-measures/options': ['MANAGER', 'LEAD'],
  'POST /api/improvement-measures': ['MANAGER', 'LEAD'],
  'GET /api/improvement-measures/:id': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'PATCH /api/improvement-measures/:id': ['MANAGER', 'LEAD'],
  'POST /api/improvement-measures/:id/approve': ['MANAGER'],
  'POST /api/improvement-measures/:id/reject': ['MANAGER'],
  'POST /api/improvement-measures/:id/start': ['MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'POST /api/improvement-measures/:id/complete': ['MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'POST /api/improvement-measures/:id/evaluate': ['MANAGER'],
  'PATCH /api/improvement-measures/:id/milestones/:milestoneId': ['MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  'GET /api/improvement-measures/:id/effect': ['ADMIN', 'MANAGER', 'SUPERVISOR', 'LEAD', 'HANDLER'],
  // recordings (回访录音, docs/rules.md#r-rec-1-recording-files): the visit's caller uploads (or an integration key with the
  // RECORDINGS scope); supervisors, managers, the caller and the team's lead listen (per record)
  'GET /api/recordings': ['MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER'],
  'POST /api/recordings': ['CALLER'],
  'GET /api/recordings/:id/audio': ['MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER'],
  'DELETE /api/recordings/:id': ['CALLER'],
  // confidentiality (docs/rules.md#r-conf-1-agreements): everyone reads and signs the
  // agreement; the admin publishes versions, sets the reveal policy and hands users over;
  // supervisors and managers decide reveal requests of those who may reveal contacts.
  'GET /api/agreements': ALL,
  'POST /api/agreements': ['ADMIN'],
  'POST /api/agreements/:id/sign': ALL,
  'GET /api/agreements/:id/signatures': ['ADMIN'],
  'GET /api/confidentiality/policy': ALL,
  'PUT /api/confidentiality/policy': ['ADMIN'],
  'GET /api/reveal-requests': STAFF,
  'POST /api/reveal-requests': ['ADMIN', 'SUPERVISOR', 'LEAD'],
  'POST /api/reveal-requests/:id/decide': ['MANAGER', 'SUPERVISOR'],
  'GET /api/handovers/:userId': ['ADMIN'],
  'POST /api/handovers/:userId': ['ADMIN'],
  // training (培训, docs/rules.md#r-trn-1-training-plans-and-sessions): managers and supervisors plan; staff record attendance; the attendee
  // evaluates; a caller reads their own sessions and assignments
  'GET /api/training-plans': ['MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER'],
  'POST /api/training-plans': ['MANAGER', 'SUPERVISOR'],
  'GET /api/training-sessions': ['MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER'],
  'POST /api/training-sessions': ['MANAGER', 'SUPERVISOR'],
  'POST /api/training-sessions/:id/attendance': ['MANAGER', 'SUPERVISOR', 'LEAD', 'CALLER'],
  // discipline by hand and customer-abuse reports (docs/rules.md#r-disc-1-manual-items, #r-disc-2-customer-abuse-reports): a caller or a
  // lead reports; the reporter's lead or a manager decides; a manager lifts the flag
  'POST /api/incentives/manual': ['MANAGER', 'LEAD'],
  'GET /api/abuse-reports': ['MANAGER', 'LEAD', 'CALLER'],
  'POST /api/abuse-reports': ['LEAD', 'CALLER'],
  'POST /api/abuse-reports/:id/decide': ['MANAGER', 'LEAD'],
  'GET /api/customers/:id/abuse-flag': WORKERS,
  'POST /api/customers/:id/abuse-flag/lift': ['MANAGER'],
  // approval chains (docs/rules.md#r-chain-1-chains … #r-chain-5-sign-off): read by everyone, changed by the administrator; the
  // lead's sign-off of the team's visit records
  'GET /api/approval-chains': ALL,
  'PUT /api/approval-chains': ['ADMIN'],
  'GET /api/visit-sign-offs': ['LEAD'],
  'POST /api/visits/:id/sign-off': ['LEAD'],
};

const FAKE_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, FAKE_ID);

describe('role matrix', async () => {
  const t = await setupTestApp();
  const routes = t.app.routeTable.filter((r) => r.method !== 'OPTIONS');
  for (const role of ALL) await t.login(USER_OF[role]);

  it('lists every API route, and each route states who may call it', () => {
    const seen = routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(seen).toEqual(Object.keys(EXPECTED).sort());
    for (const r of routes) {
      if (r.public) continue;
      const allowed = ALL.filter(
        (role) =>
          !r.permission ||
          r.permission.some((p) => (ROLE_PERMISSIONS[role] as readonly string[]).includes(p)),
      );
      expect({ route: `${r.method} ${r.url}`, allowed }).toEqual({
        route: `${r.method} ${r.url}`,
        allowed: EXPECTED[`${r.method} ${r.url}`],
      });
    }
  });

  it('answers 401 without a session on every non-public route', async () => {
    for (const r of routes.filter((x) => !x.public)) {
      const res = await t.app.inject({
        method: r.method as 'GET',
        url: concrete(r.url),
        payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      });
      expect({ route: `${r.method} ${r.url}`, status: res.statusCode }).toEqual({
        route: `${r.method} ${r.url}`,
        status: 401,
      });
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    }
  });

  // One test per role: each sends a request to every route (≈ 120, the allowed ones doing their real
  // work), which is long on a busy machine, hence the generous timeout.
  it.each(ALL)(
    'answers 403 to the role %s outside the table and lets it past where the table allows',
    { timeout: 120_000 },
    async (role) => {
      for (const r of routes.filter(
        (x) => !x.public && !(x.method === 'POST' && x.url === '/api/auth/logout'),
      )) {
        const allowed = EXPECTED[`${r.method} ${r.url}`];
        {
          const res = await t.as(USER_OF[role], {
            method: r.method as 'GET',
            url: concrete(r.url),
            payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
          });
          const route = `${role} ${r.method} ${r.url}`;
          if (allowed === 'public' || allowed?.includes(role))
            expect({ route, status: res.statusCode }).not.toEqual({ route, status: 403 });
          else expect({ route, status: res.statusCode }).toEqual({ route, status: 403 });
        }
      }
    },
  );

  it('cannot be dodged by percent-encoding the path', { timeout: 120_000 }, async () => {
    const encoded = (url: string) => concrete(url).replace('/api/', '/%61pi/');
    for (const r of routes.filter((x) => !x.public)) {
      const anonymous = await t.app.inject({
        method: r.method as 'GET',
        url: encoded(r.url),
        payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      });
      expect({ route: `${r.method} ${r.url}`, status: anonymous.statusCode }).toEqual({
        route: `${r.method} ${r.url}`,
        status: 401,
      });
      const allowed = EXPECTED[`${r.method} ${r.url}`];
      for (const role of ALL.filter((x) => allowed !== 'public' && !allowed?.includes(x))) {
        const res = await t.as(USER_OF[role], {
          method: r.method as 'GET',
          url: encoded(r.url),
          payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        });
        expect({ route: `${role} ${r.method} ${r.url}`, status: res.statusCode }).toEqual({
          route: `${role} ${r.method} ${r.url}`,
          status: 403,
        });
      }
    }
    const before = await t.prisma.user.count();
    const sneaky = await t.as('caller1@demo.local', {
      method: 'POST',
      url: '/%61pi/users',
      payload: { email: 'sneaky@demo.local', name: 'x', role: 'ADMIN', password: 'password123' },
    });
    expect(sneaky.statusCode).toBe(403);
    expect(await t.prisma.user.count()).toBe(before);
  });
});
