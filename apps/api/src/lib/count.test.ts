import { COUNT_CAP } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { countUpToCap } from './count.ts';

describe('countUpToCap', () => {
  const rows = (n: number) => async (take: number) => Math.min(n, take);
  it('is exact up to the cap, and asks for one more than the cap', async () => {
    let asked = 0;
    expect(
      await countUpToCap(async (take) => {
        asked = take;
        return 7;
      }),
    ).toEqual({ total: 7 });
    expect(asked).toBe(COUNT_CAP + 1);
    expect(await countUpToCap(rows(0))).toEqual({ total: 0 });
    expect(await countUpToCap(rows(COUNT_CAP))).toEqual({ total: COUNT_CAP });
  });
  it('past the cap: the cap, and more', async () => {
    expect(await countUpToCap(rows(COUNT_CAP + 1))).toEqual({ total: COUNT_CAP, more: true });
    expect(await countUpToCap(rows(2_000_000))).toEqual({ total: COUNT_CAP, more: true });
  });
});
