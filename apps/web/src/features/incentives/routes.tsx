import { AccountBookOutlined, ControlOutlined, TrophyOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const SheetPage = lazyScreen(() => import('./SheetPage').then((m) => ({ default: m.SheetPage })));
const MyIncentivesPage = lazyScreen(() =>
  import('./MyIncentivesPage').then((m) => ({ default: m.MyIncentivesPage })),
);
const PolicyPage = lazyScreen(() => import('./PolicyPage').then((m) => ({ default: m.PolicyPage })));

export const routes: FeatureRoute[] = [
  {
    path: '/incentives',
    permission: ['month:close', 'incentive:read:any'],
    Component: SheetPage,
    nav: {
      key: 'incentiveSheet',
      labelKey: 'incentives:nav.sheet',
      icon: <AccountBookOutlined />,
      order: 46,
    },
  },
  {
    path: '/incentives/mine',
    permission: 'incentive:read:own',
    Component: MyIncentivesPage,
    nav: { key: 'myIncentives', labelKey: 'incentives:nav.mine', icon: <TrophyOutlined />, order: 47 },
  },
  {
    path: '/incentives/policy',
    permission: 'incentive-policy:read',
    Component: PolicyPage,
    nav: { key: 'incentivePolicy', labelKey: 'incentives:nav.policy', icon: <ControlOutlined />, order: 86 },
  },
];
