import { z } from 'zod';

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  size: z.coerce.number().int().min(1).max(200).default(20),
});
export type TPageQuery = z.infer<typeof ZPageQuery>;

/**
 * A list whose matches may run into hundreds of thousands (customers) counts at most this many:
 * counting every row on every page cost more than the page. Past it, `more` says the total is a
 * lower bound and the interface shows "10,000+" (docs/api.md#pagination).
 */
export const COUNT_CAP = 10_000;

export function ZPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
    /** true when more than `total` (= COUNT_CAP) match: the count stopped there */
    more: z.boolean().optional(),
  });
}
export interface TPage<T> {
  items: T[];
  total: number;
  page: number;
  size: number;
  more?: boolean;
}
