import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';

// The sign-in page is the first download; the signed-in shell (layout, menu, notifications, the
// list of screens) and every feature's screens are loaded when first needed (docs/performance.md#web).
const Shell = lazy(() => import('./Layout').then((m) => ({ default: m.Shell })));
const SetupPage = lazy(() => import('../features/auth/SetupPage').then((m) => ({ default: m.SetupPage })));

/** While a part's code loads: an empty page, so that nothing moves when it comes. */
const blank = <div style={{ minHeight: '100vh' }} />;

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    path: '/setup',
    element: (
      <Suspense fallback={blank}>
        <SetupPage />
      </Suspense>
    ),
  },
  {
    // the screens themselves are matched in the shell (app/Layout.tsx FeatureRoutes)
    path: '/*',
    element: (
      <Suspense fallback={blank}>
        <Shell />
      </Suspense>
    ),
  },
]);
