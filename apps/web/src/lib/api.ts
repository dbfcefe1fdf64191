import type { TErrorBody } from '@huifang/contracts';
import { GET_INIT, takeEarly } from './early';

/** An answer of the API in its documented error shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null | readonly string[]>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export function buildQuery(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) for (const x of v) params.append(k, x);
    else params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The body as JSON; `undefined` when it is empty or not JSON (a proxy's HTML error page). */
export function parseBody(text: string): { json: unknown } | undefined {
  if (!text) return { json: undefined };
  try {
    return { json: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** The error a non-2xx answer stands for: the API's own shape, else `HTTP_ERROR` with the status. */
export function errorFromResponse(status: number, statusText: string, text: string): ApiError {
  const body = parseBody(text)?.json as Partial<TErrorBody> | undefined;
  const err = body && typeof body === 'object' ? body.error : undefined;
  if (err && typeof err === 'object' && typeof err.code === 'string')
    return new ApiError(
      status,
      err.code,
      typeof err.message === 'string' ? err.message : statusText,
      err.details,
    );
  return new ApiError(status, 'HTTP_ERROR', statusText || `HTTP ${status}`);
}

/** The data of an answer (`undefined` when empty), or the ApiError it stands for. */
export function readAnswer<T>(status: number, statusText: string, text: string): T {
  if (status < 200 || status >= 300) throw errorFromResponse(status, statusText, text);
  const body = parseBody(text);
  if (!body) throw new ApiError(status, 'HTTP_ERROR', 'The server did not answer with JSON');
  return body.json as T;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const init: RequestInit = {
    method: options.method ?? GET_INIT.method,
    credentials: GET_INIT.credentials,
    headers: { ...GET_INIT.headers, ...options.headers },
    signal: options.signal,
  };
  if (options.body instanceof FormData) init.body = options.body;
  else if (options.body !== undefined) {
    init.body = JSON.stringify(options.body);
    (init.headers as Record<string, string>)['Content-Type'] = 'application/json';
  }
  const idempotent =
    init.method === 'GET' ||
    Object.keys(options.headers ?? {}).some((h) => h.toLowerCase() === 'idempotency-key');
  // the session or a screen's first read, asked for by the page before this code arrived (lib/early.ts)
  const early =
    init.method === 'GET' && !options.headers ? takeEarly(`${path}${buildQuery(options.query)}`) : undefined;
  for (let attempt = 0; ; attempt++) {
    const res =
      (attempt === 0 && early ? await early : undefined) ??
      (await fetch(`/api${path}${buildQuery(options.query)}`, init));
    const wait = retryDelayMs(res.status, res.headers.get('retry-after'), attempt, idempotent);
    if (wait !== null) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      continue;
    }
    if (res.status === 204) return undefined as T;
    return readAnswer<T>(res.status, res.statusText, await res.text());
  }
}

/**
 * How long to wait before asking again, or null not to: a busy server (503) is asked again as it
 * says (Retry-After, 1–5 s), up to three times, for requests that are safe to repeat — reads, and
 * writes sent with an Idempotency-Key (a logged visit is then kept once).
 */
export function retryDelayMs(
  status: number,
  retryAfter: string | null,
  attempt: number,
  idempotent: boolean,
): number | null {
  if (status !== 503 || !idempotent || attempt >= 3) return null;
  const seconds = Number(retryAfter);
  return Math.min(Number.isFinite(seconds) && seconds > 0 ? seconds : 1, 5) * 1000;
}

/** One problem of a 400 `VALIDATION` answer: the field's name path (`questions.0.label` → ['questions', 0, 'label']). */
export interface FieldIssue {
  path: string;
  name: Array<string | number>;
  message?: string;
}

/** The field problems of a validation error (`details: [{ path, message }]`); empty for anything else. */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError) || error.code !== 'VALIDATION' || !Array.isArray(error.details)) return [];
  return (error.details as Array<{ path?: unknown; message?: unknown }>).flatMap((d) =>
    typeof d?.path === 'string' && d.path
      ? [
          {
            path: d.path,
            name: d.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
            message: typeof d.message === 'string' ? d.message : undefined,
          },
        ]
      : [],
  );
}

const COMMON_ERROR: Record<string, string> = {
  FORBIDDEN: 'common:error.forbidden',
  STALE_VERSION: 'common:error.stale',
  NETWORK: 'common:error.network',
  UNAVAILABLE: 'common:error.unavailable',
};

/**
 * Translation keys for showing an error, most specific first, for `t(keys)` (which takes the
 * first that exists): `<prefix>.<details.reason|details.code>`, `<prefix>.<code>`, a common
 * message for the code, and `common:error.generic`. A failed fetch (no answer at all) gives
 * `common:error.network`. The server's own `message` (English, technical) is never shown.
 */
export function errorKeys(error: unknown, prefix: string): string[] {
  if (!(error instanceof ApiError)) {
    return error instanceof TypeError ? [COMMON_ERROR.NETWORK!] : ['common:error.generic'];
  }
  const keys: string[] = [];
  const details = error.details as { reason?: unknown; code?: unknown } | null | undefined;
  const specific = details && typeof details === 'object' ? (details.reason ?? details.code) : undefined;
  if (typeof specific === 'string' && specific) keys.push(`${prefix}.${specific}`);
  keys.push(`${prefix}.${error.code}`);
  const common = COMMON_ERROR[error.status === 0 ? 'NETWORK' : error.code];
  if (common) keys.push(common);
  keys.push('common:error.generic');
  return keys;
}
