export * from './auth.ts';
export * from './enums.ts';
export * from './errors.ts';
export * from './pagination.ts';
export * from './permissions.ts';
export * from './questionnaires.ts';
