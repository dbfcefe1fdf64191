import { z } from 'zod';

/** The one error shape every route answers with (docs/api.md#errors). */
export const ZErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;

export const ERROR_CODES = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  /** the user has not signed the current confidentiality agreement (R-CONF-2) */
  AGREEMENT_REQUIRED: 403,
  /** the reveal policy asks for a reason, or a supervisor's approval, first (R-CONF-3) */
  REVEAL_REASON_REQUIRED: 403,
  REVEAL_APPROVAL_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  /** a link used, expired or withdrawn */
  GONE: 410,
  STALE_VERSION: 409,
  RULE_VIOLATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type TErrorCode = keyof typeof ERROR_CODES;
