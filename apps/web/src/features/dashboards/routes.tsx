import { DashboardOutlined, FundOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const QualityDashboardPage = lazyScreen(() =>
  import('./QualityDashboardPage').then((m) => ({ default: m.QualityDashboardPage })),
);

const TicketDashboardPage = lazyScreen(() =>
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
