export * from './answers.ts';
export * from './balance.ts';
export * from './customer-import.ts';
export * from './masking.ts';
export * from './task-state.ts';
export * from './time.ts';
