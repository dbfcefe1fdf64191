// The tests' clock. The demo template is seeded for TEST_NOW and every test app reads this clock,
// so no assertion depends on the date the suite runs (`pnpm test:dates` proves it).
import { performance } from 'node:perf_hooks';
import type { Clock } from '../src/lib/actor.ts';

/** Wednesday 18 March 2026, 10:00 in Asia/Shanghai: mid-month, mid-week, within business hours. */
export const TEST_NOW = new Date('2026-03-18T02:00:00.000Z');

/**
 * Starts at TEST_NOW and runs on with the real elapsed time (requests made one after another get
 * increasing instants); a test may move it with `set` or `advance`.
 */
export class TestClock {
  private base: number;
  private started = performance.now();
  constructor(start: Date = TEST_NOW) {
    this.base = start.getTime();
  }
  readonly now: Clock = () => new Date(this.base + Math.floor(performance.now() - this.started));
  set(at: Date): void {
    this.base = at.getTime();
    this.started = performance.now();
  }
  advance(ms: number): void {
    this.base += ms;
  }
}

/** The clock of this test file (each file runs in its own module scope). */
export const testClock = new TestClock();
/** "now" as the app under test sees it. */
export const testNow = (): Date => testClock.now();
