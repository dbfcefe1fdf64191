import { LogoutOutlined, TranslationOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, Layout, Menu, Result, Space, Spin, Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { NotificationBell } from '../features/notifications/NotificationBell';
import { type Language, rememberLanguage } from '../i18n';
import { api } from '../lib/api';
import { meQuery, useCan } from '../lib/auth';
import { setOrgTimezone } from '../lib/format';
import { menuFor } from './menu';

export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useQuery(meQuery);
  const location = useLocation();
  const { t } = useTranslation();
  if (me.isPending) return <Spin size="large" style={{ display: 'block', marginTop: '20vh' }} />;
  if (me.isError) return <Result status="error" title={t('error.title')} subTitle={t('error.network')} />;
  if (!me.data)
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  setOrgTimezone(me.data.organization.timezone);
  return children;
}

export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  const switchTo = async (lang: Language) => {
    rememberLanguage(lang);
    await i18n.changeLanguage(lang);
    api('/auth/me', { method: 'PATCH', body: { locale: lang } }).catch(() => {});
  };
  return (
    <Dropdown
      menu={{
        selectedKeys: [i18n.language],
        items: [
          { key: 'zh-CN', label: '简体中文' },
          { key: 'en', label: 'English' },
        ],
        onClick: ({ key }) => void switchTo(key as Language),
      }}
    >
      <Button
        type="text"
        icon={<TranslationOutlined />}
        aria-label={t('language')}
        data-testid="language-switch"
      >
        {i18n.language === 'en' ? 'English' : '简体中文'}
      </Button>
    </Dropdown>
  );
}

export function AppLayout() {
  const { t } = useTranslation();
  const can = useCan();
  const me = useQuery(meQuery).data;
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();

  useEffect(() => {
    document.title = `${t('appName')} · Huifang`;
  }, [t]);

  const nav = me ? menuFor(me.role, can) : [];
  const selected = nav
    .filter((r) => location.pathname.startsWith(r.path))
    .sort((a, b) => b.path.length - a.path.length)[0];

  const logout = async () => {
    await api('/auth/logout', { method: 'POST' }).catch(() => {});
    queryClient.clear();
    navigate('/login', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        theme="light"
        width={200}
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div style={{ padding: '16px 20px', fontWeight: 600, fontSize: 16 }}>{t('appName')}</div>
        <Menu
          mode="inline"
          selectedKeys={selected?.nav ? [selected.nav.key] : []}
          items={nav.map((r) => ({
            key: r.nav!.key,
            icon: r.nav!.icon,
            label: t(r.nav!.labelKey),
            onClick: () => navigate(r.path),
          }))}
          style={{ borderInlineEnd: 0 }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: '#fff',
            padding: '0 24px',
            display: 'flex',
            justifyContent: 'space-between',
            alignItems: 'center',
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <Typography.Text type="secondary">{me?.organization.name}</Typography.Text>
          <Space>
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown
              menu={{
                items: [
                  {
                    key: 'logout',
                    icon: <LogoutOutlined />,
                    label: t('actions.logout'),
                    onClick: () => void logout(),
                  },
                ],
              }}
            >
              <Button type="text" icon={<UserOutlined />} data-testid="user-menu">
                {me?.name} · {me ? t(`role.${me.role}`) : ''}
              </Button>
            </Dropdown>
          </Space>
        </Layout.Header>
        <Layout.Content style={{ padding: 24 }}>
          <Outlet />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
