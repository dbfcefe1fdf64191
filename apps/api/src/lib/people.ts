// Who did something, as the answers show them: `{ id, name }` for the user ids a list of rows names.
import type { PrismaClient, Tx } from '../db/prisma.ts';

export type Person = { id: string; name: string };

/**
 * One read of the names of the users `ids` holds (nulls skipped); the function it returns turns an
 * id into `{ id, name }` (null for null, an empty name for a user not found).
 */
export async function peopleOf(
  db: PrismaClient | Tx,
  ids: ReadonlyArray<string | null | undefined>,
): Promise<(id: string | null | undefined) => Person | null> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const users = wanted.length
    ? await db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } })
    : [];
  const name = new Map(users.map((u) => [u.id, u.name]));
  return (id) => (id ? { id, name: name.get(id) ?? '' } : null);
}
