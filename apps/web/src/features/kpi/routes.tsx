import { FundProjectionScreenOutlined, LineChartOutlined, TeamOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';
import { monthFromSearch } from '../dashboards/month-param';
import { managerDashboardQuery } from './api';

const ManagerKpiPage = lazyScreen(() =>
  import('./ManagerKpiPage').then((m) => ({ default: m.ManagerKpiPage })),
);
const CallerKpiPage = lazyScreen(() => import('./CallerKpiPage').then((m) => ({ default: m.CallerKpiPage })));
const LeadKpiPage = lazyScreen(() => import('./LeadKpiPage').then((m) => ({ default: m.LeadKpiPage })));

export const routes: FeatureRoute[] = [
  {
    // the manager's home (first in their menu)
    path: '/kpi',
    permission: 'dashboard:manager',
    Component: ManagerKpiPage,
    prefetch: ({ queryClient, search }) =>
      void queryClient.prefetchQuery(managerDashboardQuery(monthFromSearch(search))),
    nav: {
      key: 'kpiManager',
      labelKey: 'kpi:nav.manager',
      icon: <FundProjectionScreenOutlined />,
      order: 5,
      leads: { MANAGER: 1 },
    },
  },
  {
    path: '/kpi/me',
    permission: 'dashboard:caller',
    Component: CallerKpiPage,
    nav: { key: 'kpiCaller', labelKey: 'kpi:nav.caller', icon: <LineChartOutlined />, order: 11 },
  },
  {
    path: '/kpi/team',
    permission: 'dashboard:lead',
    Component: LeadKpiPage,
    nav: { key: 'kpiLead', labelKey: 'kpi:nav.lead', icon: <TeamOutlined />, order: 41, leads: { LEAD: 3 } },
  },
  {
    // the drill-down into one caller, from the manager's or the lead's dashboard
    path: '/kpi/callers/:id',
    permission: ['dashboard:manager', 'dashboard:lead'],
    Component: CallerKpiPage,
  },
];
