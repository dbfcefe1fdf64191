// What the import screen decides before it shows anything: which files it sends, and which texts
// tell a refused file or a row's problem.
import { errorKeys } from '../../lib/api';

export const ACCEPTED_FILES = ['.csv', '.xlsx'] as const;

/** The counts an import screen may show. */
export type ImportStat = 'total' | 'created' | 'updated' | 'unchanged' | 'invalid';

/** A .csv or .xlsx file (any case); anything else is refused before it is sent. */
export function isAcceptedFile(name: string): boolean {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return false;
  return (ACCEPTED_FILES as readonly string[]).includes(name.slice(dot).toLowerCase());
}

/** The columns a refused file lacks or names twice (its 422 details), for the message. */
export function errorColumns(details: { missing?: string[]; duplicates?: string[] } | undefined): string[] {
  return details?.missing ?? details?.duplicates ?? [];
}

/** Translation keys of a file's refusal: each prefix's own text first, then the common ones. */
export function importErrorKeys(error: unknown, prefixes: readonly string[]): string[] {
  return [...new Set(prefixes.flatMap((prefix) => errorKeys(error, prefix)))].sort(
    (a, b) => rank(a, prefixes) - rank(b, prefixes),
  );
}

const rank = (key: string, prefixes: readonly string[]) => {
  const i = prefixes.findIndex((p) => key.startsWith(`${p}.`));
  return i < 0 ? prefixes.length : i;
};

/** Translation keys of a row's problem: each prefix's text in turn, then "invalid". */
export function reasonKeys(reason: string, prefixes: readonly string[]): string[] {
  return [...prefixes.map((p) => `${p}.${reason}`), 'importReason.OTHER'];
}
