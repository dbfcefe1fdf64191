import type { FeatureRoute } from '../../app/features';

export const routes: FeatureRoute[] = [];
