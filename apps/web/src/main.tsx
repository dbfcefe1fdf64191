import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, queryClient } from './app/App';
import { i18nReady, opensSignedIn } from './i18n';
import { meQuery } from './lib/auth';
// antd's styles as one static stylesheet (theme.zeroRuntime: no styles computed while rendering)
import 'antd/dist/antd.css';
import './app/global.css';

// A signed-in page starts the shell's code and asks who is signed in now, while the strings load,
// rather than one after the other (docs/performance.md#web).
if (opensSignedIn()) {
  void import('./app/Layout');
  void queryClient.prefetchQuery(meQuery);
}

// The first render waits for the language's strings (one small chunk, i18n/index.ts).
void i18nReady.then(() =>
  createRoot(document.getElementById('root') as HTMLElement).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
