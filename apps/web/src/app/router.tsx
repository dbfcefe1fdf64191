import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter } from 'react-router';
import { LoginPage } from '../features/auth/LoginPage';
import { preloadable } from '../lib/preloadable';

// The sign-in page is the first download; the signed-in shell (layout, menu, notifications, the
// list of screens) and every feature's screens are loaded when first needed (docs/performance.md#web).
const Shell = preloadable<object>(() => import('./Layout').then((m) => ({ default: m.Shell })));

/**
 * For a page opened signed in: the shell's code, the screen's code and the session, loaded before the
 * first render (main.tsx), so that nothing suspends and the page shows whole (lib/preloadable.tsx).
 */
export function openSignedIn(): Promise<unknown> {
  return Shell.preload()
    .then(() => import('./Layout'))
    .then((m) => m.opening);
}
const SetupPage = lazy(() => import('../features/auth/SetupPage').then((m) => ({ default: m.SetupPage })));
/** A customer's survey link: public, no session, no shell (docs/rules.md#r-srv-1-survey-links). */
const PublicSurveyPage = lazy(() =>
  import('../features/surveys/PublicSurveyPage').then((m) => ({ default: m.PublicSurveyPage })),
);

/** While a part's code loads: the page index.html shows before the app starts (its styles are there). */
function Booting() {
  const { t } = useTranslation();
  return (
    <div className="hf-boot" role="status">
      <svg width="32" height="32" viewBox="0 0 32 32" aria-hidden="true">
        <circle cx="16" cy="16" r="13" fill="none" stroke="#d9d9d9" strokeWidth="4" />
        <path
          d="M16 3a13 13 0 0 1 13 13"
          fill="none"
          stroke="#0958d9"
          strokeWidth="4"
          strokeLinecap="round"
        />
      </svg>
      <span>{t('appName')}</span>
    </div>
  );
}
const blank = <Booting />;

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
    path: '/s/:token',
    element: (
      <Suspense fallback={blank}>
        <PublicSurveyPage />
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
