import type { TMe } from '@huifang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '../../app/Layout';
import { ApiError, api, errorKeys } from '../../lib/api';
import { meQuery } from '../../lib/auth';

export function AuthFrame({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f5f7fa',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 400 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('appName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('appTagline')}</Typography.Paragraph>
        <Typography.Title level={5}>{title}</Typography.Title>
        {children}
      </Card>
    </div>
  );
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const setup = useQuery({ queryKey: ['setup'], queryFn: () => api<{ needsAdmin: boolean }>('/setup') });
  const me = useQuery(meQuery);
  const login = useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api<TMe>('/auth/login', { method: 'POST', body }),
    onSuccess: (user) => {
      queryClient.setQueryData(meQuery.queryKey, user);
      const next = params.get('next');
      navigate(next?.startsWith('/') ? next : '/', { replace: true });
    },
  });

  if (setup.data?.needsAdmin) return <Navigate to="/setup" replace />;
  if (me.data) return <Navigate to="/" replace />;
  const failed = login.error;
  const error = !failed
    ? null
    : failed instanceof ApiError && (failed.status === 401 || failed.code === 'VALIDATION')
      ? t('invalid')
      : failed instanceof ApiError && failed.status === 429
        ? t('rateLimited')
        : t(errorKeys(failed, 'auth:loginError'));

  return (
    <AuthFrame title={t('title')}>
      <Form layout="vertical" onFinish={(v) => login.mutate(v)} requiredMark={false}>
        <Form.Item
          label={t('email')}
          name="email"
          rules={[
            { required: true, message: t('required') },
            { type: 'email', message: t('emailInvalid') },
          ]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label={t('password')} name="password" rules={[{ required: true, message: t('required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('signIn')}
        </Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
        {t('demoHint')}
      </Typography.Paragraph>
    </AuthFrame>
  );
}
