import type { TMe } from '@huifang/contracts';
import { Spin } from 'antd';
import { Suspense } from 'react';
import { Navigate } from 'react-router';
import { useCan, useMe } from '../lib/auth';
import { preloadable } from '../lib/preloadable';
import { menuFor } from './menu';

// rare (a role with no screen), so not in the shell every page loads
const OwnProfile = preloadable<{ me: TMe }>(() =>
  import('./OwnProfile').then((m) => ({ default: m.OwnProfile })),
);

/** Sends each role to its home page, the first screen of its menu (app/menu.ts); a role with none sees its own profile. */
export function HomeRedirect() {
  const me = useMe();
  const can = useCan();
  if (!me) return null;
  const first = menuFor(me.role, can)[0];
  if (first) return <Navigate to={first.path} replace />;
  return (
    <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
      <OwnProfile me={me} />
    </Suspense>
  );
}
