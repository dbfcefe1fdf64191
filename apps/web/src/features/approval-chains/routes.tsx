import { ApartmentOutlined, FileDoneOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

export const routes: FeatureRoute[] = [
  {
    path: '/settings/approval-chains',
    permission: 'approval-chain:write',
    Component: lazyScreen(() =>
      import('./ChainSettingsPage').then((m) => ({ default: m.ChainSettingsPage })),
    ),
    nav: {
      key: 'approval-chains',
      labelKey: 'approvalChains:nav.chains',
      icon: <ApartmentOutlined />,
      order: 86,
    },
  },
  {
    path: '/sign-offs',
    permission: 'visit:sign-off',
    Component: lazyScreen(() => import('./SignOffPage').then((m) => ({ default: m.SignOffPage }))),
    nav: { key: 'sign-offs', labelKey: 'approvalChains:nav.signOff', icon: <FileDoneOutlined />, order: 44 },
  },
];
