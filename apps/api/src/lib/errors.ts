import { ERROR_CODES, type TErrorCode } from '@huifang/contracts';

/** A failure the client can act on; mapped to its HTTP status in one place (ERROR_CODES). */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: TErrorCode | (string & {}),
    message: string,
    readonly details?: unknown,
    status?: number,
  ) {
    super(message);
    this.status = status ?? ERROR_CODES[code as TErrorCode] ?? 400;
  }
}

export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this') =>
  new AppError('FORBIDDEN', message);
export const conflict = (message: string, details?: unknown) => new AppError('CONFLICT', message, details);
export const staleVersion = (current: number) =>
  new AppError('STALE_VERSION', 'This item was changed by someone else; reload and try again', {
    currentVersion: current,
  });
export const ruleViolation = (message: string, details?: unknown) =>
  new AppError('RULE_VIOLATION', message, details);
export const invalid = (message: string, details?: unknown) => new AppError('VALIDATION', message, details);
