/**
 * Reads a signed-in page starts before the app's code has arrived: the build's preload script
 * (shell-preload.ts) sends them as soon as index.html names it, and keeps the pending answers under
 * `window[EARLY_GLOBAL]`; the app's first read of the same path takes the answer instead of asking
 * again (lib/api.ts). Otherwise the session is asked for only once the entry has run, and the first
 * render waits for it (docs/performance.md#web).
 */
export const EARLY_GLOBAL = '__hfEarly';

/**
 * The paths every signed-in page reads early (below /api), each a GET as lib/api.ts sends it; a
 * screen's own early reads are its route's `early` (app/features.tsx).
 */
export const EARLY_GETS = ['/auth/session'] as const;

/** The request lib/api.ts makes for a GET (and the preload script for an early read). */
export const GET_INIT = {
  method: 'GET',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
} as const;

/**
 * The answer to an early read of `path` (with its query, as lib/api.ts writes it), once (a later read asks the server again); undefined when
 * none was sent or it failed (the caller then asks itself).
 */
export async function takeEarly(path: string): Promise<Response | undefined> {
  const early = (globalThis as Record<string, unknown>)[EARLY_GLOBAL] as
    | Record<string, Promise<Response> | undefined>
    | undefined;
  const pending = early?.[path];
  if (!pending || !early) return undefined;
  delete early[path];
  return pending.catch(() => undefined);
}
