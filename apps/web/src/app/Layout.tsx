import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Drawer, Dropdown, Layout, Menu, Space, Spin, Typography } from 'antd';
import { type ReactNode, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { matchPath, Navigate, useLocation, useNavigate, useRoutes } from 'react-router';
import { PageResult } from '../components/PageResult';
import { useFocusableScrollRegions } from '../components/ScrollRegions';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { NAMESPACES } from '../i18n';
import { api } from '../lib/api';
import { meQuery, useCan } from '../lib/auth';
import { setOrgTimezone } from '../lib/format';
import { NARROW_QUERY, useIsPhone, useMediaQuery } from '../lib/media';
import { queryClient } from './App';
import type { FeatureRoute } from './features';
import { HomeRedirect } from './HomeRedirect';
import { LanguageSwitch } from './LanguageSwitch';
import { menuFor } from './menu';
import { featureRoutes } from './routes';

// The screen being opened starts downloading with the shell, not after it has rendered and asked who
// is signed in, and its first requests as soon as the session is known (docs/performance.md#web).
// main.tsx renders once this has settled, so the shell and the screen show in one go, never
// suspending on their own code.
export const opening: Promise<unknown> = (() => {
  if (typeof location === 'undefined') return Promise.resolve();
  const me = queryClient.fetchQuery(meQuery);
  for (const route of featureRoutes) {
    const m = matchPath(route.path, location.pathname);
    if (!m) continue;
    const prefetch = route.prefetch;
    if (prefetch)
      void me.then((user) => {
        if (!user || !mayOpen(route, user.permissions)) return;
        setOrgTimezone(user.organization.timezone);
        prefetch({ queryClient, params: m.params, search: new URLSearchParams(location.search) });
      });
    return Promise.allSettled([route.Component.preload(), me]);
  }
  return Promise.allSettled([me]);
})();

/** Whether a user holding `permissions` may open the screen. */
function mayOpen(route: FeatureRoute, permissions: readonly string[]): boolean {
  if (!route.permission) return true;
  const list = typeof route.permission === 'string' ? [route.permission] : route.permission;
  return list.some((p) => permissions.includes(p));
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useQuery(meQuery);
  const location = useLocation();
  const { t } = useTranslation();
  if (me.isPending) return <Spin size="large" style={{ display: 'block', paddingTop: '20vh' }} />;
  if (me.isError) return <PageResult status="error" title={t('error.title')} subTitle={t('error.network')} />;
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  setOrgTimezone(me.data.organization.timezone);
  return children;
}

export function AppLayout() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useQuery(meQuery).data;
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  useFocusableScrollRegions();
  // Below 992 px the menu is an overlay (a side menu would squeeze the page); below 768 px, a phone.
  const narrow = useMediaQuery(NARROW_QUERY);
  const phone = useIsPhone();
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    document.title = `${t('appName')} · Huifang`;
  }, [t]);

  // The screen's first requests start now, while its code may still be downloading (once per page opened).
  useEffect(() => {
    for (const r of featureRoutes) {
      const m = matchPath(r.path, location.pathname);
      if (!m) continue;
      if (r.prefetch && mayOpen(r, me?.permissions ?? []))
        r.prefetch({ queryClient, params: m.params, search: new URLSearchParams(location.search) });
      break;
    }
  }, [location.pathname]);

  const nav = me ? menuFor(me.role, can) : [];
  const selected = nav
    .filter((r) => location.pathname.startsWith(r.path))
    .sort((a, b) => b.path.length - a.path.length)[0];

  const logout = async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => {});
    queryClient.clear();
    navigate('/login', { replace: true });
  };

  const appName = <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>{t('appName')}</div>;
  const menu = (
    <Menu
      mode="inline"
      selectedKeys={selected?.nav ? [selected.nav.key] : []}
      items={nav.map((r) => ({
        key: r.nav!.key,
        icon: r.nav!.icon,
        label: t(r.nav!.labelKey),
        onClick: () => {
          setMenuOpen(false);
          navigate(r.path);
        },
      }))}
      style={{ borderInlineEnd: 0 }}
      data-testid="main-menu"
    />
  );
  const oneLine = {
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minWidth: 0,
  } as const;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {narrow ? (
        <Drawer
          placement="left"
          open={menuOpen}
          onClose={() => setMenuOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0 } }}
          data-testid="menu-drawer"
        >
          {appName}
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider theme="light" width={200} style={{ borderRight: '1px solid #f0f0f0' }}>
          {appName}
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            background: '#fff',
            padding: phone ? '0 8px 0 4px' : '0 24px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            gap: 8,
            borderBottom: '1px solid #f0f0f0',
          }}
          data-testid="app-header"
        >
          <Space size={4} style={{ ...oneLine, flex: '1 1 auto' }}>
            {narrow && (
              <Button
                type="text"
                icon={<MenuOutlined />}
                aria-label={t('menu')}
                aria-expanded={menuOpen}
                onClick={() => setMenuOpen(true)}
                data-testid="menu-button"
              />
            )}
            <Typography.Text type="secondary" style={{ ...oneLine, display: 'block' }} data-testid="org-name">
              {me?.organization.name}
            </Typography.Text>
          </Space>
          <Space size={phone ? 0 : 8} style={{ flex: 'none' }}>
            <NotificationBell />
            <LanguageSwitch compact={phone} />
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  ...(phone && me
                    ? [{ key: 'who', label: `${me.name} · ${t(`role.${me.role}`)}`, disabled: true }]
                    : []),
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: t('actions.logout'),
                    onClick: () => void logout(),
                  },
                ],
              }}
            >
              <Button
                type="text"
                icon={<UserOutlined />}
                data-testid="user-menu"
                aria-label={phone ? me?.name : undefined}
              >
                {phone ? null : `${me?.name ?? ''} · ${me ? t(`role.${me.role}`) : ''}`}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: phone ? 12 : 24 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <FeatureRoutes />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

/**
 * The signed-in part of the app, loaded after sign-in: the session check around the layout, and
 * antd's App (messages, dialogs) for the screens.
 */
export function Shell() {
  // every namespace, in the language in use (the menu alone names screens of every feature)
  useTranslation(NAMESPACES);
  return (
    <AntApp>
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    </AntApp>
  );
}

/**
 * The screens of the signed-in app, matched here rather than in app/router.tsx so that the list
 * (with every menu icon) comes with the shell, not with the sign-in page.
 */
function FeatureRoutes() {
  return useRoutes([
    { index: true, element: <HomeRedirect /> },
    ...featureRoutes.map((r) => ({ path: r.path.replace(/^\//, ''), element: <Guarded route={r} /> })),
    { path: '*', element: <NotFound /> },
  ]);
}

/** A feature's screen for those allowed to see it, its code loaded on the first visit. */
function Guarded({ route }: { route: FeatureRoute }) {
  const can = useCan();
  const { t } = useTranslation();
  if (route.permission && !can(route.permission))
    return <PageResult status="403" title="403" subTitle={t('error.forbidden')} />;
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
      <route.Component />
    </Suspense>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <PageResult status="404" title="404" subTitle={t('error.notFound')} />;
}
