import { FileTextOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const ReportListPage = lazyScreen(() =>
  import('./ReportListPage').then((m) => ({ default: m.ReportListPage })),
);
const ReportPage = lazyScreen(() => import('./ReportPage').then((m) => ({ default: m.ReportPage })));
const ReportPrintPage = lazyScreen(() =>
  import('./ReportPrintPage').then((m) => ({ default: m.ReportPrintPage })),
);

export const routes: FeatureRoute[] = [
  {
    path: '/reports',
    permission: 'report:read',
    Component: ReportListPage,
    nav: { key: 'reports', labelKey: 'reports:nav.reports', icon: <FileTextOutlined />, order: 45 },
  },
  { path: '/reports/:id', permission: 'report:read', Component: ReportPage },
  { path: '/reports/:id/print', permission: 'report:read', Component: ReportPrintPage },
];
