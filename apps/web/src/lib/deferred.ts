import { useDeferredValue } from 'react';

/**
 * A query's data for a heavy screen (a dashboard, a long plan): when it first arrives, the screen
 * keeps its skeleton while the content renders in the background, in slices React interrupts for
 * input, so the page never freezes on it (docs/performance.md#web). Later changes (a refetch after
 * an edit, another month) show at once: never an old figure after a save.
 */
export function useFirstArrivalDeferred<T>(value: T | undefined): T | undefined {
  const deferred = useDeferredValue(value);
  return deferred === undefined ? undefined : value;
}
