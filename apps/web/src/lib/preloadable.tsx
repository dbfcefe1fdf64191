import { type ComponentType, use } from 'react';

/** A component whose code is a chunk of its own, with a way to start loading it early. */
export type Preloadable<P extends object = object> = ComponentType<P> & { preload: () => Promise<void> };

/**
 * Like React.lazy, but once `preload` has finished the component renders at once instead of
 * suspending on its first render. React.lazy always suspends once (its import is a fresh promise),
 * and React 19 then shows the fallback and holds the content back for its reveal throttle (about
 * 300 ms), which a page opened from the address bar paid twice (docs/performance.md#web).
 */
export function preloadable<P extends object = object>(
  load: () => Promise<{ default: ComponentType<P> }>,
): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<void> | undefined;
  const preload = () => {
    pending ??= load().then(
      (m) => {
        loaded = m.default;
      },
      (error: unknown) => {
        pending = undefined; // a later render tries the download again
        throw error;
      },
    );
    return pending;
  };
  function Chunk(props: P) {
    if (!loaded) use(preload());
    const Loaded = loaded as ComponentType<P>;
    return <Loaded {...props} />;
  }
  return Object.assign(Chunk, { preload });
}
