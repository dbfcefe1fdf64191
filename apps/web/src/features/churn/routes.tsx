import { TagsOutlined, UserDeleteOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const ChurnRegisterPage = lazyScreen(() =>
  import('./ChurnRegisterPage').then((m) => ({ default: m.ChurnRegisterPage })),
);
const ChurnCaseDetailPage = lazyScreen(() =>
  import('./ChurnCaseDetailPage').then((m) => ({ default: m.ChurnCaseDetailPage })),
);
const ChurnReasonsPage = lazyScreen(() =>
  import('./ChurnReasonsPage').then((m) => ({ default: m.ChurnReasonsPage })),
);

const READ = ['churn:read:any', 'churn:read:department', 'churn:read:own'] as const;

export const routes: FeatureRoute[] = [
  {
    path: '/churn',
    permission: READ,
    Component: ChurnRegisterPage,
    nav: { key: 'churn', labelKey: 'churn:nav', icon: <UserDeleteOutlined />, order: 36 },
  },
  {
    path: '/churn/reasons',
    permission: 'churn-reason:write',
    Component: ChurnReasonsPage,
    nav: { key: 'churnReasons', labelKey: 'churn:navReasons', icon: <TagsOutlined />, order: 37 },
  },
  { path: '/churn/:id', permission: READ, Component: ChurnCaseDetailPage },
];
