import { lazy } from 'react';

/** The height of the plan's caller-load chart, kept while its code loads. */
export const CALLER_LOAD_HEIGHT = 200;

/** The chart's code (recharts), asked for by the load card once it has been painted. */
export const CallerLoadChart = lazy(() => import('./CallerLoadChart'));
