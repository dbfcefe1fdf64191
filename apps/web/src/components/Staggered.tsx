import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * Heavy parts of a page (charts, which measure themselves and render again at once) mount when they
 * come near the screen, one at a time, each in a task of its own after the page around them has
 * been painted, so that the browser never stalls on all of them together and a chart nobody
 * scrolls to costs nothing (docs/performance.md#web). Until its turn a part is an empty box that
 * fills its parent: give the parent a fixed size, so that nothing moves when it comes — or, for a
 * part without one (a table), a `placeholder` of about its height.
 */
const waiting: Array<() => void> = [];
let running = false;

/** Starts the next waiting part in a new task, or notes that none is running. */
function next() {
  const start = waiting.shift();
  running = start !== undefined;
  if (start) setTimeout(start, 0);
}

/** How far below (or above) the screen a part starts loading, so that it is there when scrolled to. */
const AHEAD = '200px';

export function Staggered({ children, placeholder }: { children: ReactNode; placeholder?: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [near, setNear] = useState(false);
  const [ready, setReady] = useState(false);
  // true from this part's turn until it has been shown (or has left the page): the queue waits on it
  const holding = useRef(false);

  useEffect(() => {
    const el = box.current;
    if (near || !el) return;
    if (typeof IntersectionObserver === 'undefined') return setNear(true);
    const seen = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: AHEAD },
    );
    seen.observe(el);
    return () => seen.disconnect();
  }, [near]);

  useEffect(() => {
    if (!near || ready) return;
    let mounted = true;
    waiting.push(() => {
      if (!mounted) return next();
      holding.current = true;
      setReady(true);
    });
    if (!running) next();
    // runs once the part has been shown (ready changed) or when it leaves the page
    return () => {
      mounted = false;
      if (holding.current) {
        holding.current = false;
        next();
      }
    };
  }, [near, ready]);

  return (
    // data-staggered: a part still to come (the browser tests scroll until none is left)
    <div ref={box} style={{ width: '100%', height: '100%' }} data-staggered={ready ? undefined : 'waiting'}>
      {ready ? children : (placeholder ?? null)}
    </div>
  );
}
