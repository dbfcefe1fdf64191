import type { TMe, TSetupBody } from '@huifang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, type FormRule, Input } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import { api, errorKeys } from '../../lib/api';
import { meQuery } from '../../lib/auth';
import { setupFieldErrors, weakPasswordKey } from './errors';
import { AuthFrame } from './LoginPage';

/** Whether the browser knows the IANA timezone (the server stores it as typed). */
function knownTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function SetupPage() {
  const { t } = useTranslation('auth');
  const [form] = Form.useForm<TSetupBody>();
  const [error, setError] = useState<string | null>(null);
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
    onError: (e) => {
      const weak = weakPasswordKey(e);
      if (weak) return form.setFields([{ name: 'password', errors: [t(weak)] }]);
      const fields = setupFieldErrors(e).map(({ name, key }) => ({ name, errors: [t(key)] }));
      if (fields.length > 0) form.setFields(fields);
      else setError(t(errorKeys(e, 'auth:setup.error')));
    },
  });
  if (status.data && !status.data.needsAdmin) return <Navigate to="/login" replace />;
  /** A required field labelled `setup.<name>`, with its own rule where it has one. */
  const field = (name: keyof TSetupBody, input: ReactNode, rule?: FormRule) => (
    <Form.Item
      label={t(`setup.${name}`)}
      name={name}
      rules={[{ required: true, message: t('required') }, ...(rule ? [rule] : [])]}
    >
      {input}
    </Form.Item>
  );
  return (
    <AuthFrame title={t('setup.title')}>
      <Alert type="info" title={t('setup.intro')} style={{ marginBottom: 16 }} />
      <Form
        layout="vertical"
        form={form}
        onFinish={(v) => {
          setError(null);
          setup.mutate(v);
        }}
        initialValues={{ timezone: 'Asia/Shanghai' }}
        requiredMark={false}
      >
        {field('organizationName', <Input maxLength={100} />)}
        {field('timezone', <Input />, {
          validator: async (_, v?: string) => {
            if (v && !knownTimezone(v.trim())) throw new Error(t('setup.timezoneInvalid'));
          },
        })}
        {field('name', <Input maxLength={50} />)}
        {field('email', <Input autoComplete="username" />, { type: 'email', message: t('emailInvalid') })}
        {field('password', <Input.Password autoComplete="new-password" />, {
          min: 8,
          message: t('passwordShort'),
        })}
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="setup-error" />
        )}
        <Button type="primary" htmlType="submit" block loading={setup.isPending}>
          {t('setup.create')}
        </Button>
      </Form>
    </AuthFrame>
  );
}
