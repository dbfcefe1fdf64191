import { type ReactNode, useEffect, useRef, useState } from 'react';

/**
 * Heavy parts of a page (charts, which measure themselves and render again at once) mount one at a
 * time, each in its own task after the page around them has been painted, so that the browser never
 * stalls on all of them together (docs/performance.md#web). Until its turn a part renders nothing:
 * give it a box of fixed size, so that nothing moves when it comes.
 */
const waiting: Array<() => void> = [];
let running = false;

/** Starts the next waiting part in a new task, or notes that none is running. */
function next() {
  const start = waiting.shift();
  running = start !== undefined;
  if (start) setTimeout(start, 0);
}

export function Staggered({ children }: { children: ReactNode }) {
  const [ready, setReady] = useState(false);
  // true from this part's turn until it has been shown (or has left the page): the queue waits on it
  const holding = useRef(false);

  useEffect(() => {
    if (ready) return;
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
  }, [ready]);

  return ready ? children : null;
}
