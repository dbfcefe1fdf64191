export * from './masking.ts';
export * from './time.ts';
