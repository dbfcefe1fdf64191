import { ApiOutlined, AuditOutlined, DatabaseOutlined, MailOutlined, TeamOutlined } from '@ant-design/icons';
import { type FeatureRoute, lazyScreen } from '../../app/features';

export const routes: FeatureRoute[] = [
  {
    path: '/admin/users',
    permission: 'user:manage',
    Component: lazyScreen(() => import('./UsersPage').then((m) => ({ default: m.UsersPage }))),
    nav: { key: 'users', labelKey: 'nav.users', icon: <TeamOutlined />, order: 80, leads: { ADMIN: 1 } },
  },
  {
    path: '/admin/audit',
    permission: 'audit:read',
    Component: lazyScreen(() => import('./AuditLogPage').then((m) => ({ default: m.AuditLogPage }))),
    nav: { key: 'audit', labelKey: 'nav.audit', icon: <AuditOutlined />, order: 90, leads: { ADMIN: 2 } },
  },
  {
    path: '/admin/api-keys',
    permission: 'api-key:manage',
    Component: lazyScreen(() => import('./ApiKeysPage').then((m) => ({ default: m.ApiKeysPage }))),
    nav: { key: 'api-keys', labelKey: 'admin:apiKeys.nav', icon: <ApiOutlined />, order: 92 },
  },
  {
    path: '/admin/messages',
    permission: 'message:read',
    Component: lazyScreen(() => import('./MessagesPage').then((m) => ({ default: m.MessagesPage }))),
    nav: { key: 'messages', labelKey: 'surveys:messages.nav', icon: <MailOutlined />, order: 93 },
  },
  {
    path: '/admin/database',
    permission: 'database:read',
    Component: lazyScreen(() => import('./DatabasePage').then((m) => ({ default: m.DatabasePage }))),
    nav: { key: 'database', labelKey: 'nav.database', icon: <DatabaseOutlined />, order: 95 },
  },
];
