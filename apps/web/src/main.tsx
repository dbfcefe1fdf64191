import { StrictMode, startTransition } from 'react';
import { i18nReady, opensSignedIn } from './i18n';
// antd's styles as one static stylesheet (theme.zeroRuntime: no styles computed while rendering)
import 'antd/dist/antd.css';
import './app/global.css';

/**
 * The app's code is evaluated in a few tasks rather than one: React's renderer, then the app (antd,
 * the router, react-query, the sign-in page), each imported here once the previous one has run, with
 * the page free to paint and answer input in between. Evaluated at once it held the main thread
 * 250 ms. index.html preloads the stages' files with the entry's, so none waits on the network
 * (docs/performance.md#web, decision 023: the `boot` stages).
 */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function start() {
  const { createRoot } = await import('react-dom/client');
  await nextTask();
  const { App, meQuery, openSignedIn, queryClient } = await import('./app/start');

  // A signed-in page loads the shell's code, the screen's code and the session while the strings
  // load, rather than one after the other, and renders when all are here: the page index.html shows
  // meanwhile.
  let opening: Promise<unknown> | undefined;
  if (opensSignedIn()) {
    void queryClient.prefetchQuery(meQuery);
    opening = openSignedIn().catch(() => undefined);
  }

  // The first render waits for the language's strings (one small chunk, i18n/index.ts). It is a
  // transition, so React renders it in slices and the main thread is held only while it commits.
  await Promise.all([i18nReady, opening]);
  const root = createRoot(document.getElementById('root') as HTMLElement);
  startTransition(() =>
    root.render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
}
void start();
