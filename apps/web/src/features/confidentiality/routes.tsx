import { FileProtectOutlined, SafetyCertificateOutlined, UserSwitchOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

export const routes: FeatureRoute[] = [
  {
    path: '/admin/confidentiality',
    permission: 'agreement:manage',
    Component: lazyScreen(() =>
      import('./ConfidentialityPage').then((m) => ({ default: m.ConfidentialityPage })),
    ),
    nav: {
      key: 'confidentiality',
      labelKey: 'confidentiality:nav.agreements',
      icon: <SafetyCertificateOutlined />,
      order: 91,
    },
  },
  {
    path: '/admin/handover',
    permission: 'user:handover',
    Component: lazyScreen(() => import('./HandoverPage').then((m) => ({ default: m.HandoverPage }))),
    nav: {
      key: 'handover',
      labelKey: 'confidentiality:nav.handover',
      icon: <UserSwitchOutlined />,
      order: 91.5,
    },
  },
  {
    path: '/reveal-requests',
    permission: ['reveal:approve', 'customer:contact:reveal'],
    Component: lazyScreen(() =>
      import('./RevealRequestsPage').then((m) => ({ default: m.RevealRequestsPage })),
    ),
    nav: {
      key: 'reveal-requests',
      labelKey: 'confidentiality:nav.requests',
      icon: <FileProtectOutlined />,
      order: 89,
    },
  },
];
