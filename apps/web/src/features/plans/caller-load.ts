import { lazy } from 'react';

/** The height of the plan's caller-load chart, kept while its code loads. */
export const CALLER_LOAD_HEIGHT = 200;

/** The chart's code (recharts), started by the plan page once it has shown. */
export const loadCallerLoadChart = () => import('./CallerLoadChart');

export const CallerLoadChart = lazy(loadCallerLoadChart);
