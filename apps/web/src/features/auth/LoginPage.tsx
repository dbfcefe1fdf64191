import type { TMe } from '@huifang/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, theme } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitchOnDemand } from '../../app/LanguageButton';
import { ApiError, api, errorKeys } from '../../lib/api';
import { meQuery } from '../../lib/auth';

/**
 * The frame of the sign-in and set-up pages. Plain elements styled with the theme's tokens rather
 * than antd's Card and Typography, which would add their code (Tabs, Skeleton, Tooltip) to the
 * first download (budget: apps/web/budget.ts).
 */
export function AuthFrame({ title, children }: { title: string; children: React.ReactNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const heading = { color: token.colorTextHeading, fontWeight: token.fontWeightStrong, marginTop: 0 };
  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: '#f5f7fa',
        fontSize: token.fontSize,
        lineHeight: token.lineHeight,
        color: token.colorText,
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitchOnDemand />
      </div>
      <main
        style={{
          width: 400,
          maxWidth: 'calc(100vw - 32px)',
          boxSizing: 'border-box',
          padding: token.paddingLG,
          background: token.colorBgContainer,
          border: `1px solid ${token.colorBorderSecondary}`,
          borderRadius: token.borderRadiusLG,
        }}
      >
        <h1 style={{ ...heading, fontSize: 24, lineHeight: 1.35, marginBottom: '0.5em' }}>{t('appName')}</h1>
        <p style={{ color: token.colorTextSecondary, marginTop: 0, marginBottom: '1em' }}>
          {t('appTagline')}
        </p>
        <h2 style={{ ...heading, fontSize: 16, lineHeight: 1.5, marginBottom: '0.5em' }}>{title}</h2>
        {children}
      </main>
    </div>
  );
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A labelled field of the sign-in form, laid out like antd's vertical Form.Item. */
function Field({
  id,
  label,
  error,
  children,
}: {
  id: string;
  label: string;
  error: string | null;
  children: React.ReactNode;
}) {
  const { token } = theme.useToken();
  return (
    <div style={{ marginBottom: error ? 0 : token.marginLG }}>
      <label htmlFor={id} style={{ display: 'block', paddingBottom: token.paddingXS }}>
        {label}
      </label>
      {children}
      {error ? (
        <div id={`${id}_help`} role="alert" style={{ color: token.colorError, minHeight: token.marginLG }}>
          {error}
        </div>
      ) : null}
    </div>
  );
}

export function LoginPage() {
  const { t } = useTranslation('auth');
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const { token } = theme.useToken();
  const [values, setValues] = useState({ email: '', password: '' });
  // fields are checked once the form was submitted, then as they change
  const [checked, setChecked] = useState(false);
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

  const fieldError = (name: 'email' | 'password'): string | null => {
    if (!checked) return null;
    const value = values[name].trim();
    if (!value) return t('required');
    if (name === 'email' && !EMAIL.test(value)) return t('emailInvalid');
    return null;
  };
  const emailError = fieldError('email');
  const passwordError = fieldError('password');
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setChecked(true);
    const email = values.email.trim();
    if (!email || !EMAIL.test(email) || !values.password) return;
    login.mutate({ email, password: values.password });
  };

  return (
    <AuthFrame title={t('title')}>
      <form onSubmit={submit} noValidate>
        <Field id="email" label={t('email')} error={emailError}>
          <Input
            id="email"
            autoComplete="username"
            autoFocus
            value={values.email}
            onChange={(e) => setValues({ ...values, email: e.target.value })}
            status={emailError ? 'error' : undefined}
            aria-invalid={!!emailError}
            aria-describedby={emailError ? 'email_help' : undefined}
          />
        </Field>
        <Field id="password" label={t('password')} error={passwordError}>
          <Input.Password
            id="password"
            autoComplete="current-password"
            value={values.password}
            onChange={(e) => setValues({ ...values, password: e.target.value })}
            status={passwordError ? 'error' : undefined}
            aria-invalid={!!passwordError}
            aria-describedby={passwordError ? 'password_help' : undefined}
          />
        </Field>
        {error && <Alert type="error" title={error} showIcon style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={login.isPending}>
          {t('signIn')}
        </Button>
      </form>
      <p style={{ color: token.colorTextSecondary, marginTop: 16, marginBottom: 0, fontSize: 12 }}>
        {t('demoHint')}
      </p>
    </AuthFrame>
  );
}
