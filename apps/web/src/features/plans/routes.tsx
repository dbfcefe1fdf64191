import { AuditOutlined, ScheduleOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';
import { FIRST_ITEMS_PAGE, planItemsQuery, planQuery } from './api';

const PlanListPage = lazyScreen(() => import('./PlanListPage').then((m) => ({ default: m.PlanListPage })));
const PlanBuilderPage = lazyScreen(() =>
  import('./PlanBuilderPage').then((m) => ({ default: m.PlanBuilderPage })),
);
const ApprovalListPage = lazyScreen(() =>
  import('./ApprovalListPage').then((m) => ({ default: m.ApprovalListPage })),
);
const ApprovalPage = lazyScreen(() => import('./ApprovalPage').then((m) => ({ default: m.ApprovalPage })));

// A plan, from the builder or for approval, opens with the plan and the first page of its customers:
// read by the page before the app's code arrives (`early`, the same reads `prefetch` makes).
const PLAN_FIRST_READS = ['/plans/:id', '/plans/:id/items?page=1&size=20'];
const prefetchPlan: FeatureRoute['prefetch'] = ({ queryClient, params }) => {
  if (!params.id) return;
  void queryClient.prefetchQuery(planQuery(params.id));
  void queryClient.prefetchQuery(planItemsQuery(params.id, FIRST_ITEMS_PAGE));
};

export const routes: FeatureRoute[] = [
  {
    path: '/plans',
    permission: 'plan:write',
    Component: PlanListPage,
    nav: { key: 'plans', labelKey: 'nav.plans', icon: <ScheduleOutlined />, order: 20, leads: { LEAD: 2 } },
  },
  // Read-only for readers without plan:write (supervisors, admins).
  {
    path: '/plans/:id',
    permission: 'plan:read',
    Component: PlanBuilderPage,
    early: PLAN_FIRST_READS,
    prefetch: prefetchPlan,
  },
  {
    path: '/approvals',
    permission: 'plan:approve',
    Component: ApprovalListPage,
    nav: {
      key: 'approvals',
      labelKey: 'nav.approvals',
      icon: <AuditOutlined />,
      order: 21,
      leads: { MANAGER: 2 },
    },
  },
  {
    path: '/approvals/:id',
    permission: 'plan:read',
    Component: ApprovalPage,
    early: PLAN_FIRST_READS,
    prefetch: prefetchPlan,
  },
];
