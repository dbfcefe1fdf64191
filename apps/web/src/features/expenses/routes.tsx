import { AccountBookOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/features';

const ExpensesPage = lazy(() => import('./ExpensesPage').then((m) => ({ default: m.ExpensesPage })));

export const routes: FeatureRoute[] = [
  {
    path: '/expenses',
    permission: ['expense:read:any', 'expense:read:team', 'expense:read:own'],
    Component: ExpensesPage,
    nav: { key: 'expenses', labelKey: 'expenses:nav.expenses', icon: <AccountBookOutlined />, order: 42 },
  },
];
