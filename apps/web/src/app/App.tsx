import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { antdLocaleFor, asLanguage } from '../i18n';
import { ApiError } from '../lib/api';
import { useReducedMotion } from '../lib/media';
import { router } from './router';
import { theme, withoutMotion } from './theme';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  // re-renders on a language switch (i18n/index.ts switchLanguage loads antd's strings first)
  const { i18n } = useTranslation();
  const still = useReducedMotion();
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider
        locale={antdLocaleFor(asLanguage(i18n.language))}
        theme={still ? withoutMotion : theme}
        // Every table sizes its columns to their content and scrolls sideways inside its own box only
        // when even that cannot fit (phones); see global.css "Tables" and docs/product.md.
        table={{ scroll: { x: true } }}
      >
        <RouterProvider router={router} />
      </ConfigProvider>
    </QueryClientProvider>
  );
}
