import { describe, expect, it } from 'vitest';
import { type DirStat, firstUntraversable } from './traverse.ts';

const tree: Record<string, DirStat> = {
  '/': { mode: 0o40755, uid: 0, gid: 0 },
  '/root': { mode: 0o40700, uid: 0, gid: 0 },
  '/root/clone': { mode: 0o40755, uid: 0, gid: 0 },
  '/work': { mode: 0o40755, uid: 0, gid: 0 },
  '/work/clone': { mode: 0o40750, uid: 0, gid: 104 },
  '/srv': { mode: 0o40700, uid: 101, gid: 101 },
};
const stat = (p: string) => tree[p] ?? null;
const postgres = { uid: 101, gids: [104] };

describe('firstUntraversable', () => {
  it('finds a 0700 ancestor the postgres user cannot enter', () => {
    expect(firstUntraversable('/root/clone/.data/pg', postgres, stat)).toBe('/root');
  });
  it('passes folders open to others, to the group, or owned by the user', () => {
    expect(firstUntraversable('/work/clone/.data', postgres, stat)).toBeNull();
    expect(firstUntraversable('/srv/x', postgres, stat)).toBeNull();
  });
  it('fails a group-only folder for someone outside the group', () => {
    expect(firstUntraversable('/work/clone', { uid: 500, gids: [] }, stat)).toBe('/work/clone');
  });
  it('lets root through everything and stops at folders not created yet', () => {
    expect(firstUntraversable('/root/clone', { uid: 0, gids: [] }, stat)).toBeNull();
    expect(firstUntraversable('/nope/deeper', postgres, stat)).toBeNull();
  });
});
