import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { App, queryClient } from './app/App';
import { openSignedIn } from './app/router';
import { i18nReady, opensSignedIn } from './i18n';
import { meQuery } from './lib/auth';
// antd's styles as one static stylesheet (theme.zeroRuntime: no styles computed while rendering)
import 'antd/dist/antd.css';
import './app/global.css';

// A signed-in page loads the shell's code, the screen's code and the session while the strings
// load, rather than one after the other, and renders when all are here: the page index.html shows
// meanwhile (docs/performance.md#web).
let opening: Promise<unknown> | undefined;
if (opensSignedIn()) {
  void queryClient.prefetchQuery(meQuery);
  opening = openSignedIn().catch(() => undefined);
}

// The first render waits for the language's strings (one small chunk, i18n/index.ts). It is a
// transition, so React renders it in slices and the main thread is held only while it commits.
void Promise.all([i18nReady, opening]).then(() => {
  const root = createRoot(document.getElementById('root') as HTMLElement);
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
});
