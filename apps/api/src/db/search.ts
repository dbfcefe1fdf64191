// Text search in Prisma filters: LIKE patterns taken literally, and searching by phone without
// revealing more than the masks show.
import type { PhoneSearch } from '@huifang/domain';
import type { Prisma } from './prisma.ts';

/** `%`, `_` and `\\` taken literally in a LIKE pattern (Prisma's contains/startsWith pass them on). */
export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Does the search look like a phone number (digits and the usual notation only)? */
export const looksLikePhone = (q: string) => /^[\d\s+\-()]+$/.test(q) && /\d/.test(q);

/**
 * The customers a search by digits may find without revealing more than the masks show
 * (docs/rules.md#r-mask-4-searching-by-phone): a whole number exactly, a fragment against the
 * trailing digits the mask shows (LIKE's `_` is one character: `minLength` of them is the
 * shortest number matched), nothing otherwise.
 */
export function phoneWhere(search: PhoneSearch): Prisma.CustomerWhereInput {
  if (search.kind === 'exact') return { phone: search.phone };
  if (search.kind === 'none') return { id: { in: [] } };
  return {
    AND: [{ phone: { endsWith: search.digits } }, { phone: { startsWith: '_'.repeat(search.minLength) } }],
  };
}
