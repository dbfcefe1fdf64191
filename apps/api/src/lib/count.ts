import { COUNT_CAP } from '@huifang/contracts';

/**
 * A list's total counted up to COUNT_CAP (docs/api.md#pagination): `count(take)` counts at most
 * `take` rows. Past the cap the total is the cap and `more` says the list goes on.
 */
export async function countUpToCap(
  count: (take: number) => Promise<number>,
): Promise<{ total: number; more?: true }> {
  const counted = await count(COUNT_CAP + 1);
  return counted > COUNT_CAP ? { total: COUNT_CAP, more: true } : { total: counted };
}
