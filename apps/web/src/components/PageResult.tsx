import type { ResultProps } from 'antd';
import { Suspense } from 'react';
import { preloadable } from '../lib/preloadable';

/** antd's Result, loaded when a page has something wrong to show (components/ResultView.tsx). */
const LazyResult = preloadable<ResultProps>(() =>
  import('./ResultView').then((m) => ({ default: m.ResultView })),
);

/**
 * A page's result (an error, 403, 404) as antd's Result, shown once its file is in (nothing
 * meanwhile): the shell and the screens that load with a page do not carry it (docs/performance.md#web).
 */
export function PageResult(props: ResultProps) {
  return (
    <Suspense fallback={null}>
      <LazyResult {...props} />
    </Suspense>
  );
}
