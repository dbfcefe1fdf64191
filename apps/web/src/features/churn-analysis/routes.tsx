import { FallOutlined, FundProjectionScreenOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const ChurnWeeklyPage = lazyScreen(() =>
  import('./ChurnWeeklyPage').then((m) => ({ default: m.ChurnWeeklyPage })),
);

const ChurnDashboardPage = lazyScreen(() =>
  import('./ChurnDashboardPage').then((m) => ({ default: m.ChurnDashboardPage })),
);

export const routes: FeatureRoute[] = [
  {
    path: '/dashboards/churn',
    permission: ['churn:read:any', 'churn:read:department'],
    Component: ChurnDashboardPage,
    nav: { key: 'churnDashboard', labelKey: 'churnWeekly:dashboard.nav', icon: <FallOutlined />, order: 52 },
  },
  {
    path: '/churn/weekly',
    permission: 'churn:analyse',
    Component: ChurnWeeklyPage,
    nav: {
      key: 'churnWeekly',
      labelKey: 'churnWeekly:nav',
      icon: <FundProjectionScreenOutlined />,
      order: 53,
    },
  },
];
