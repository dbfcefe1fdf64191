import { Result, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { SetupPage } from '../features/auth/SetupPage';
import { useCan } from '../lib/auth';
import type { FeatureRoute } from './features';
import { HomeRedirect } from './HomeRedirect';
import { AppLayout, RequireAuth } from './Layout';
import { featureRoutes } from './routes';

function Guarded({ route }: { route: FeatureRoute }) {
  const can = useCan();
  const { t } = useTranslation();
  if (route.permission && !can(route.permission))
    return <Result status="403" title="403" subTitle={t('error.forbidden')} />;
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
      <route.Component />
    </Suspense>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return <Result status="404" title="404" subTitle={t('error.notFound')} />;
}

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/setup', element: <SetupPage /> },
  {
    path: '/',
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <HomeRedirect /> },
      ...featureRoutes.map((r) => ({ path: r.path.replace(/^\//, ''), element: <Guarded route={r} /> })),
      { path: '*', element: <NotFound /> },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);
