import { DashboardOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/features';

const QualityDashboardPage = lazy(() =>
  import('./QualityDashboardPage').then((m) => ({ default: m.QualityDashboardPage })),
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
    },
  },
];
