import type { TPermission } from '@huifang/contracts';
import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';

/** A screen a feature contributes: its path, who may open it and, optionally, its menu entry. */
export interface FeatureRoute {
  path: string;
  permission?: TPermission | readonly TPermission[];
  Component: LazyExoticComponent<ComponentType>;
  nav?: { key: string; labelKey: string; icon: ReactNode; order: number };
}
