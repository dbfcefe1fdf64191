import type { TPermission, TRole } from '@huifang/contracts';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';

/** A screen a feature contributes: its path, who may open it and, optionally, its menu entry. */
export interface FeatureRoute {
  path: string;
  permission?: TPermission | readonly TPermission[];
  Component: LazyExoticComponent<ComponentType>;
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
