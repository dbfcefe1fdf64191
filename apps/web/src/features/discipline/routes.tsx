import { SafetyOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const AbuseReportsPage = lazyScreen(() =>
  import('./AbuseReportsPage').then((m) => ({ default: m.AbuseReportsPage })),
);

export const routes: FeatureRoute[] = [
  {
    path: '/abuse-reports',
    permission: ['abuse:report', 'abuse:decide'],
    Component: AbuseReportsPage,
    nav: { key: 'abuseReports', labelKey: 'discipline:nav', icon: <SafetyOutlined />, order: 38 },
  },
];
