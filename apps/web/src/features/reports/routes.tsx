import { FileTextOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/features';

const ReportListPage = lazy(() => import('./ReportListPage').then((m) => ({ default: m.ReportListPage })));
const ReportPage = lazy(() => import('./ReportPage').then((m) => ({ default: m.ReportPage })));
const ReportPrintPage = lazy(() => import('./ReportPrintPage').then((m) => ({ default: m.ReportPrintPage })));

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
