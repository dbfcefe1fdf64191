import type { FeatureRoute } from './features';

// Each feature folder exports its screens; the router and the menu are built from this list.
export const featureRoutes: FeatureRoute[] = [];
