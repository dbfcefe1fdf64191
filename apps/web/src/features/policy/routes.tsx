import { SettingOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/features';

const PolicyPage = lazy(() => import('./PolicyPage').then((m) => ({ default: m.PolicyPage })));

export const routes: FeatureRoute[] = [
  {
    path: '/settings',
    permission: 'policy:write',
    Component: PolicyPage,
    nav: { key: 'settings', labelKey: 'policy:nav.settings', icon: <SettingOutlined />, order: 85 },
  },
];
