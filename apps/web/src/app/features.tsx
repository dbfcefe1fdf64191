import type { TPermission, TRole } from '@huifang/contracts';
import type { QueryClient } from '@tanstack/react-query';
import type { ComponentType, ReactNode } from 'react';
import { type Preloadable, preloadable } from '../lib/preloadable';

/** A screen a feature contributes: its path, who may open it and, optionally, its menu entry. */
export interface FeatureRoute {
  path: string;
  permission?: TPermission | readonly TPermission[];
  Component: Screen;
  /**
   * Starts the screen's first requests while its code is still downloading (app/Layout.tsx), with
   * the same query keys the screen uses, so it renders as soon as both have arrived.
   */
  prefetch?: (ctx: PrefetchContext) => void;
  /**
   * The reads `prefetch` starts that depend on the path alone, as paths below /api (`:name` for a
   * path parameter, the query as lib/api.ts writes it). The page sends them as soon as index.html's
   * preload script runs, before the app's code has arrived, and `prefetch` takes their answers
   * (shell-preload.ts, lib/early.ts). The build reads them from the routes file as string literals;
   * a unit test checks they are what `prefetch` asks for (docs/performance.md#web).
   */
  early?: readonly string[];
  nav?: {
    key: string;
    labelKey: string;
    icon: ReactNode;
    order: number;
    /**
     * The roles whose menu this entry leads, with its place among their leading entries (1 first).
     * A role's first entry is its home page (app/menu.ts).
     */
    leads?: Partial<Record<TRole, number>>;
  };
}

/**
 * How long the answer of a query a route prefetches counts as fresh: the screen mounting a moment
 * later uses it instead of asking again (a mutation's invalidation still refetches at once).
 */
export const PREFETCHED_STALE_MS = 5_000;

export interface PrefetchContext {
  queryClient: QueryClient;
  /** the path's parameters (`:id`) */
  params: Record<string, string | undefined>;
  search: URLSearchParams;
}

/** A screen's component, loaded when first shown, or earlier by `preload` (the same download). */
export type Screen = Preloadable;

/** A screen whose code is a chunk of its own, with a way to start loading it early (lib/preloadable.tsx). */
export function lazyScreen(load: () => Promise<{ default: ComponentType }>): Screen {
  return preloadable(load);
}
