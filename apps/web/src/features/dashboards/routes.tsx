import { DashboardOutlined, FundOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/features';

const QualityDashboardPage = lazy(() =>
  import('./QualityDashboardPage').then((m) => ({ default: m.QualityDashboardPage })),
);

const TicketDashboardPage = lazy(() =>
  import('./TicketDashboardPage').then((m) => ({ default: m.TicketDashboardPage })),
);

export const routes: FeatureRoute[] = [
  {
    path: '/dashboards/quality',
    permission: 'dashboard:quality',
    Component: QualityDashboardPage,
    nav: {
      key: 'qualityDashboard',
      labelKey: 'dashboards:nav.quality',
      icon: <DashboardOutlined />,
      order: 49,
      leads: { SUPERVISOR: 3 },
    },
  },
  {
    path: '/dashboards/tickets',
    permission: ['ticket:read:department', 'ticket:read:any'],
    Component: TicketDashboardPage,
    nav: {
      key: 'ticketDashboard',
      labelKey: 'dashboards:nav.tickets',
      icon: <FundOutlined />,
      order: 13,
    },
  },
];
