import { FundProjectionScreenOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const ChurnWeeklyPage = lazyScreen(() =>
  import('./ChurnWeeklyPage').then((m) => ({ default: m.ChurnWeeklyPage })),
);

export const routes: FeatureRoute[] = [
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
