// Text the database cannot store never reaches it (docs/api.md#errors): PostgreSQL refuses the
// NUL character in text and JSON. A NUL in the query string or the path is refused (400, with
// where it was); in a JSON body — text pasted into a form — it is removed, so a caller pasting
// such text keeps the visit they are logging.
import type { FastifyRequest } from 'fastify';
import { invalid } from '../lib/errors.ts';

const NUL = '\u0000';

/** The path (a.b.0) of the first string holding a NUL, keys included; null when there is none. */
export function findNul(value: unknown, path: string[] = []): string | null {
  if (typeof value === 'string') return value.includes(NUL) ? path.join('.') : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const found = findNul(v, [...path, String(i)]);
      if (found !== null) return found;
    }
    return null;
  }
  if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes(NUL)) return [...path, k.replaceAll(NUL, '')].join('.');
      const found = findNul(v, [...path, k]);
      if (found !== null) return found;
    }
  }
  return null;
}

/** The value with every NUL removed from its strings and keys (other values as they are). */
export function stripNul<T>(value: T): T {
  if (typeof value === 'string') return value.replaceAll(NUL, '') as T;
  if (Array.isArray(value)) return value.map(stripNul) as T;
  if (isPlainObject(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k.replaceAll(NUL, ''), stripNul(v)]),
    ) as T;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  // parsed JSON, or the query string's object (whose prototype has no prototype itself)
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/** The preValidation hook: before the route's schema sees the request. */
export async function cleanInput(req: FastifyRequest): Promise<void> {
  for (const part of ['params', 'query'] as const) {
    const at = findNul(req[part]);
    if (at !== null) {
      throw invalid('The request is not valid', [
        { path: at, message: 'must not contain a NUL character', in: part },
      ]);
    }
  }
  if (findNul(req.body) !== null) req.body = stripNul(req.body);
}
