import { AuditOutlined, DatabaseOutlined, TeamOutlined } from '@ant-design/icons';
import { lazy } from 'react';
import type { FeatureRoute } from '../../app/features';

export const routes: FeatureRoute[] = [
  {
    path: '/admin/users',
    permission: 'user:manage',
    Component: lazy(() => import('./UsersPage').then((m) => ({ default: m.UsersPage }))),
    nav: { key: 'users', labelKey: 'nav.users', icon: <TeamOutlined />, order: 80, leads: { ADMIN: 1 } },
  },
  {
    path: '/admin/audit',
    permission: 'audit:read',
    Component: lazy(() => import('./AuditLogPage').then((m) => ({ default: m.AuditLogPage }))),
    nav: { key: 'audit', labelKey: 'nav.audit', icon: <AuditOutlined />, order: 90, leads: { ADMIN: 2 } },
  },
  {
    path: '/admin/database',
    permission: 'database:read',
    Component: lazy(() => import('./DatabasePage').then((m) => ({ default: m.DatabasePage }))),
    nav: { key: 'database', labelKey: 'nav.database', icon: <DatabaseOutlined />, order: 95 },
  },
];
