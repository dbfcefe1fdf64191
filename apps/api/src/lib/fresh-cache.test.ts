import { describe, expect, it } from 'vitest';
import { FreshCache } from './fresh-cache.ts';

const at = (s: number) => new Date(Date.UTC(2026, 11, 3, 3, 0, s));
/** A promise a test releases when it chooses: a computation held in flight. */
function gated(): { gate: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => {
    release = r;
  });
  return { gate, release };
}
/** lets computations started in the background finish */
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('FreshCache', () => {
  it('computes once per key within the age, and says when', async () => {
    const cache = new FreshCache<number>(60_000);
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get('a', at(0), compute)).toEqual({ value: 1, asOf: at(0) });
    expect(await cache.get('a', at(59), compute)).toEqual({ value: 1, asOf: at(0) });
    expect(await cache.get('b', at(59), compute)).toEqual({ value: 2, asOf: at(59) });
    // from the age exactly it is stale: served at once with its own time, computed again behind
    expect(await cache.get('a', at(60), compute)).toEqual({ value: 1, asOf: at(0) });
    await settle();
    expect(runs).toBe(3);
    expect(await cache.get('a', at(61), compute)).toEqual({ value: 3, asOf: at(60) });
    // older than twice the age: the reader waits for fresh figures
    expect(await cache.get('b', at(59 + 120), compute)).toEqual({ value: 4, asOf: at(179) });
  });

  it('computes stale figures again once, and keeps serving them if that fails', async () => {
    const cache = new FreshCache<number>(60_000);
    let runs = 0;
    const { gate, release } = gated();
    expect((await cache.get('k', at(0), async () => ++runs)).value).toBe(1);
    const slow = async () => {
      runs++;
      await gate;
      return 99;
    };
    // two readers of stale figures: both served at once, one computation behind
    expect((await cache.get('k', at(70), slow)).value).toBe(1);
    expect((await cache.get('k', at(71), slow)).value).toBe(1);
    expect(runs).toBe(2);
    release();
    await settle();
    expect(await cache.get('k', at(72), slow)).toEqual({ value: 99, asOf: at(70) });

    // a failing computation behind stale figures leaves them in place, and the next reader tries again
    const failing = new FreshCache<number>(60_000);
    await failing.get('k', at(0), async () => 1);
    const fail = async (): Promise<number> => Promise.reject(new Error('db down'));
    expect((await failing.get('k', at(60), fail)).value).toBe(1);
    await settle();
    expect((await failing.get('k', at(61), async () => 2)).value).toBe(1);
    await settle();
    expect(await failing.get('k', at(62), async () => 3)).toEqual({ value: 2, asOf: at(61) });
  });

  it('shares one computation in flight', async () => {
    const cache = new FreshCache<number>(60_000);
    let runs = 0;
    const { gate, release } = gated();
    const compute = async () => {
      runs++;
      await gate;
      return 42;
    };
    const both = Promise.all([cache.get('k', at(0), compute), cache.get('k', at(1), compute)]);
    release();
    expect((await both).map((r) => r.value)).toEqual([42, 42]);
    expect(runs).toBe(1);
  });

  it('keeps no failure, and nothing at all with age 0; a clock moved back computes again', async () => {
    const cache = new FreshCache<number>(60_000);
    await expect(cache.get('k', at(0), async () => Promise.reject(new Error('db down')))).rejects.toThrow();
    expect((await cache.get('k', at(1), async () => 7)).value).toBe(7);
    expect((await cache.get('k', at(0), async () => 8)).value).toBe(8);
    const off = new FreshCache<number>(0);
    let runs = 0;
    await off.get('k', at(0), async () => ++runs);
    await off.get('k', at(0), async () => ++runs);
    expect(runs).toBe(2);
  });

  it('a value built on older shared figures ages from their instant', async () => {
    const cache = new FreshCache<{ builtOn: Date | null }>(60_000);
    const first = await cache.get(
      'm',
      at(40),
      async () => ({ builtOn: at(0) }),
      (v) => v.builtOn,
    );
    expect(first.asOf).toEqual(at(40));
    // still fresh at 59 s after the figures it was built on…
    expect(
      (
        await cache.get(
          'm',
          at(59),
          async () => ({ builtOn: at(59) }),
          (v) => v.builtOn,
        )
      ).value,
    ).toEqual({
      builtOn: at(0),
    });
    // …and stale at 60 s after them, though built only 20 s before: served, and built again behind
    const stale = await cache.get(
      'm',
      at(60),
      async () => ({ builtOn: null }),
      (v) => v.builtOn,
    );
    expect(stale).toEqual({ value: { builtOn: at(0) }, asOf: at(0) });
    await settle();
    expect((await cache.get('m', at(61), async () => ({ builtOn: at(61) }))).value).toEqual({
      builtOn: null,
    });
  });
});
