import { AppError } from './errors.ts';

/**
 * At most `slots` requests of a kind at a time; the others wait their turn, first come first served,
 * for at most `maxWaitMs`, then are answered busy (503 with Retry-After, as when the database's pool
 * is saturated). The analytics' requests go through one (app.ts, docs/performance.md#mixed-load): a
 * dashboard answered from shared figures costs the server about what a caller's request costs, so
 * without a limit every manager reloading a dashboard takes a caller's share of the machine.
 */
export class Admission {
  private active = 0;
  private readonly queue: Array<() => void> = [];

  constructor(
    readonly slots: number,
    readonly maxWaitMs: number,
  ) {
    if (!(slots >= 1)) throw new Error('an admission needs at least one slot');
  }

  /** requests inside now, and waiting */
  get load(): { active: number; waiting: number } {
    return { active: this.active, waiting: this.queue.length };
  }

  /**
   * Waits for a slot; resolves with the function that gives it back (once; later calls do nothing).
   * Aborting `signal` while still waiting leaves the queue (rejected as busy).
   */
  enter(signal?: AbortSignal): Promise<() => void> {
    if (this.active < this.slots) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const leaveQueue = () => {
        clearTimeout(timer);
        const i = this.queue.indexOf(admit);
        if (i >= 0) this.queue.splice(i, 1);
        reject(busy());
      };
      const admit = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', leaveQueue);
        this.active++;
        resolve(this.releaser());
      };
      const timer = setTimeout(leaveQueue, this.maxWaitMs);
      signal?.addEventListener('abort', leaveQueue, { once: true });
      this.queue.push(admit);
    });
  }

  private releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active--;
      this.queue.shift()?.();
    };
  }
}

/**
 * Enters for the life of an HTTP answer: the slot is given back when `res` closes (answered, or the
 * client gone). A client gone while the request still waits takes it out of the queue, so it never
 * runs (a listener added only once admitted would miss that close and keep the slot for good). A
 * client gone while its request runs gives the slot back at once; the work already started finishes
 * through the analytics' pool, whose own wait bounds it.
 */
export async function admitFor(
  admission: Admission,
  res: { once(event: 'close', listener: () => void): unknown },
): Promise<void> {
  const gone = new AbortController();
  const entered = admission.enter(gone.signal);
  res.once('close', () => {
    gone.abort();
    entered.then(
      (leave) => leave(),
      () => undefined,
    );
  });
  await entered;
}

export const busy = () =>
  new AppError('UNAVAILABLE', 'The service is busy; try again in a moment', undefined, 503);
