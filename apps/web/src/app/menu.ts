import type { TPermission, TRole } from '@huifang/contracts';
import type { FeatureRoute } from './features';
import { featureRoutes } from './routes';

/**
 * A role's menu: the screens its permissions open, its own work first (the entries that `lead` it,
 * in their given places), then the rest in the common order. The first entry is the role's home page:
 * the caller's workbench, the supervisor's inspection queue, the lead's task board, the manager's KPI
 * dashboard, the administrator's users.
 */
export function menuFor(
  role: TRole,
  can: (permission: TPermission | readonly TPermission[]) => boolean,
): FeatureRoute[] {
  const place = (r: FeatureRoute) => {
    const lead = r.nav?.leads?.[role];
    return lead === undefined ? 1000 + (r.nav?.order ?? 0) : lead;
  };
  return featureRoutes
    .filter((r) => r.nav && (!r.permission || can(r.permission)))
    .sort((a, b) => place(a) - place(b));
}
