import { AccountBookOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

const ExpensesPage = lazyScreen(() => import('./ExpensesPage').then((m) => ({ default: m.ExpensesPage })));

export const routes: FeatureRoute[] = [
  {
    path: '/expenses',
    permission: ['expense:read:any', 'expense:read:team', 'expense:read:own'],
    Component: ExpensesPage,
    nav: { key: 'expenses', labelKey: 'expenses:nav.expenses', icon: <AccountBookOutlined />, order: 42 },
  },
];
