// Screen-size queries read synchronously (no desktop-then-phone flash on the first paint).
import { useSyncExternalStore } from 'react';

/** Below antd's `md` (768 px): a phone. */
export const PHONE_QUERY = '(max-width: 767.98px)';
/** Below antd's `lg` (992 px): no room for a side menu beside the page. */
export const NARROW_QUERY = '(max-width: 991.98px)';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );
}

export const useIsPhone = () => useMediaQuery(PHONE_QUERY);

/** The user asked the system for less motion (WCAG 2.3.3): antd's animations are turned off. */
export const useReducedMotion = () => useMediaQuery('(prefers-reduced-motion: reduce)');
