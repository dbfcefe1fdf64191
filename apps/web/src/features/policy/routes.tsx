import { SettingOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const PolicyPage = lazyScreen(() => import('./PolicyPage').then((m) => ({ default: m.PolicyPage })));

export const routes: FeatureRoute[] = [
  {
    path: '/settings',
    permission: 'policy:write',
    Component: PolicyPage,
    nav: { key: 'settings', labelKey: 'policy:nav.settings', icon: <SettingOutlined />, order: 85 },
  },
];
