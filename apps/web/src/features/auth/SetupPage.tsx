import type { TMe, TSetupBody } from '@huifang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { api } from '../../lib/api';
import { meQuery } from '../../lib/auth';
import { AuthFrame } from './LoginPage';

export function SetupPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: ['setup'], queryFn: () => api<{ needsAdmin: boolean }>('/setup') });
  const setup = useMutation({
    mutationFn: (body: TSetupBody) => api<TMe>('/setup', { method: 'POST', body }),
    onSuccess: (user) => {
      queryClient.setQueryData(meQuery.queryKey, user);
      queryClient.setQueryData(['setup'], { needsAdmin: false });
      navigate('/', { replace: true });
    },
  });
  if (status.data && !status.data.needsAdmin) return <Navigate to="/login" replace />;
  const required = [{ required: true, message: t('required') }];
  return (
    <AuthFrame title={t('setup.title')}>
      <Alert type="info" title={t('setup.intro')} style={{ marginBottom: 16 }} />
      <Form
        layout="vertical"
        onFinish={(v) => setup.mutate(v)}
        initialValues={{ timezone: 'Asia/Shanghai' }}
        requiredMark={false}
      >
        <Form.Item label={t('setup.organizationName')} name="organizationName" rules={required}>
          <Input />
        </Form.Item>
        <Form.Item label={t('setup.timezone')} name="timezone" rules={required}>
          <Input />
        </Form.Item>
        <Form.Item label={t('setup.name')} name="name" rules={required}>
          <Input />
        </Form.Item>
        <Form.Item
          label={t('setup.email')}
          name="email"
          rules={[...required, { type: 'email', message: t('emailInvalid') }]}
        >
          <Input autoComplete="username" />
        </Form.Item>
        <Form.Item
          label={t('setup.password')}
          name="password"
          rules={[...required, { min: 8, message: t('passwordShort') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {setup.error && <Alert type="error" title={setup.error.message} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={setup.isPending}>
          {t('setup.create')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
