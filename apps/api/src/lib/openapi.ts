// The OpenAPI document's per-operation documentation (docs/api.md#openapi): every operation has
// a stable operationId, a tag declared at the top with its description, and a one-line
// description. Routes state their summary (and tags, descriptions where they say more); what
// follows from the path is filled in here, so a new route cannot be left undocumented.
import type { SwaggerTransform } from '@fastify/swagger';

/** The API's areas: the first path segment after /api names the tag, unless the route says. */
export const API_TAGS: ReadonlyArray<{ name: string; description: string; paths: readonly string[] }> = [
  { name: 'system', description: 'Health of the service and its database', paths: ['health'] },
  { name: 'auth', description: 'Sign-in, sessions, the first set-up', paths: ['auth', 'setup'] },
  {
    name: 'directory',
    description: 'Users, teams and departments',
    paths: ['users', 'teams', 'departments'],
  },
  { name: 'audit', description: 'The audit log', paths: ['audit-log'] },
  { name: 'customers', description: 'Customers, their contact data and imports', paths: ['customers'] },
  {
    name: 'customer-events',
    description:
      'What happened to a customer (a discharge, a surgery, a closed complaint), for the cadence rules',
    paths: ['customer-events'],
  },
  {
    name: 'cadence-rules',
    description: 'Follow-up visits after customer events or by value tier, and their approval',
    paths: ['cadence-rules', 'cadence-visits'],
  },
  {
    name: 'contact-policy',
    description: 'How often one customer may be contacted, and the quiet hours',
    paths: ['contact-policy'],
  },
  {
    name: 'api-keys',
    description: 'Keys other systems post customer events with',
    paths: ['api-keys'],
  },
  { name: 'questionnaires', description: 'Visit questionnaires', paths: ['questionnaires'] },
  { name: 'plans', description: 'Monthly visit plans and their approval', paths: ['plans'] },
  { name: 'tasks', description: "Callers' task queues and the team's board", paths: ['tasks'] },
  { name: 'visits', description: 'Visit records and their amendments', paths: ['visits'] },
  { name: 'expenses', description: 'Visit expenses', paths: ['expenses'] },
  {
    name: 'surveys',
    description: "The customer's own survey link, its public page, and the messages the app sent",
    paths: ['public', 'messages'],
  },
  {
    name: 'supervision',
    description: 'Rubrics, sampling, inspections and appeals',
    paths: ['rubrics', 'sampling-runs', 'inspections', 'appeals'],
  },
  {
    name: 'tickets',
    description: 'Issue tickets, their routing and SLA',
    paths: ['tickets', 'ticket-routes'],
  },
  {
    name: 'churn',
    description: 'The churn register: reasons, cases suggested from evidence or recorded, win-back visits',
    paths: ['churn-reasons', 'churn-cases'],
  },
  {
    name: 'churn-analysis',
    description: "The churn analysis group's week: figures, deep dives, minutes, the workbook",
    paths: ['churn'],
  },
  { name: 'reports', description: 'Monthly visit reports', paths: ['reports'] },
  { name: 'kpi', description: 'KPI figures and trends', paths: ['kpi'] },
  { name: 'dashboards', description: 'The dashboards of each role', paths: ['dashboards'] },
  {
    name: 'incentives',
    description: 'Incentive policy, month close, bonuses, deductions and appeals',
    paths: ['incentive-policies', 'month-closes', 'incentives', 'incentive-appeals'],
  },
  {
    name: 'improvement-measures',
    description: 'Improvement measures: their workflow, milestones and measured effect',
    paths: ['improvement-measures'],
  },
  { name: 'notifications', description: 'In-app notifications', paths: ['notifications'] },
  { name: 'policy', description: "The organisation's supervision policy", paths: ['policy'] },
  {
    name: 'enquiries',
    description:
      'Enquiries (咨询): follow-ups, conversion into customers, closing with a reason, and the funnel',
    paths: ['enquiries'],
  },
  {
    name: 'recordings',
    description: "Visit records' call recordings: upload, the audio with byte ranges, every listen audited",
    paths: ['recordings'],
  },
  {
    name: 'confidentiality',
    description:
      'Confidentiality agreements and signatures, the reveal policy and reveal requests, hand-overs (离职 / 调岗)',
    paths: ['agreements', 'confidentiality', 'reveal-requests', 'handovers'],
  },
  {
    name: 'training',
    description:
      'Training (培训): yearly plans, sessions, attendance with test scores and evaluations, retraining assignments',
    paths: ['training-plans', 'training-sessions'],
  },
  {
    name: 'abuse-reports',
    description:
      "Customer-abuse reports from staff: to the reporter's superior, the customer's flag and the pause of visits",
    paths: ['abuse-reports'],
  },
  {
    name: 'approval-chains',
    description:
      "The organisation's approval chains (plans, team reports, the department roll-up, appeals) and the lead's sign-off of visit records",
    paths: ['approval-chains', 'visit-sign-offs'],
  },
];

/** `GET /api/plans/:id/items` → `getPlansByIdItems`: unique per method and path, stable. */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api\//, '')
    .split('/')
    .filter(Boolean)
    .map((seg) => (seg.startsWith(':') ? `by-${seg.slice(1)}` : seg))
    .flatMap((seg) => seg.split(/[-_]/))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `${method.toLowerCase()}${words.join('')}`;
}

/** The tag of a path by its first segment. */
export function tagOf(url: string): string | undefined {
  const first = url.replace(/^\/api\//, '').split('/')[0] ?? '';
  return API_TAGS.find((t) => t.paths.includes(first))?.name;
}

/** Wraps the type provider's transform: fills operationId, tags and description of an operation. */
export function withOperationDocs(transform: SwaggerTransform): SwaggerTransform {
  return (input) => {
    const out = transform(input);
    if (!input.url.startsWith('/api/') || input.url.startsWith('/api/docs')) return out;
    const method = [input.route.method].flat()[0] ?? 'GET';
    const schema: Record<string, unknown> = { ...(out.schema as Record<string, unknown>) };
    schema.operationId ??= operationIdOf(method, input.url);
    const tag = tagOf(input.url);
    if (!Array.isArray(schema.tags) || schema.tags.length === 0) schema.tags = tag ? [tag] : [];
    schema.description ??= schema.summary;
    return { ...out, schema } as ReturnType<SwaggerTransform>;
  };
}
