import { startTransition, useDeferredValue, useEffect, useState } from 'react';

/**
 * False until `ready` has been true for one painted frame, then true (set in a transition, so what
 * it reveals renders in the background): the lower parts of a heavy screen commit after its upper
 * part has shown, each commit short (docs/performance.md#web).
 */
export function useShownAfterPaint(ready: boolean): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!ready || shown) return;
    return afterPaint(() => startTransition(() => setShown(true)));
  }, [ready, shown]);
  return shown;
}

/**
 * How many of a screen's `count` parts may render: none at first, then one more each time the
 * parts before it have been painted, each set in a transition — a part's commit stays short, and
 * the parts above it are on the screen before it starts (docs/performance.md#web).
 */
export function useStagesAfterPaint(count: number): number {
  const [shown, setShown] = useState(0);
  useEffect(() => {
    if (shown >= count) return;
    return afterPaint(() => startTransition(() => setShown(shown + 1)));
  }, [shown, count]);
  return shown;
}

/** Calls `fn` in a task after the next frame is painted; returns the cancel. */
export function afterPaint(fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // the frame's callbacks run before it is painted; a task queued from there runs after
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(fn, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * A query's data for a heavy screen (a dashboard, a long plan): the screen first shows its frame
 * (title, skeleton) and paints it, even when the data is already here (a page opened from the
 * address bar has its data fetched with its code); the content then renders in the background, in
 * slices React interrupts for input, so the page never freezes on it (docs/performance.md#web).
 * Later changes (a refetch after an edit, another month) show at once: never an old figure after a
 * save.
 */
export function useFirstArrivalDeferred<T>(value: T | undefined): T | undefined {
  const painted = useShownAfterPaint(true);
  const deferred = useDeferredValue(value);
  return painted && deferred !== undefined ? value : undefined;
}
