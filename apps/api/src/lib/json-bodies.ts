import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * Response bodies kept already serialised, for large answers many people load unchanged while the
 * figures under them are shared (the live month's KPI of 200 callers is ≈ 240 KB: encoding it through
 * its schema and writing the JSON took half of each request's time, paid again by every manager who
 * opened it within the minute; docs/performance.md#mixed-load).
 *
 * An entry belongs to a *slot* (what the answer is about and who may see it: organisation, what the
 * viewer may see, the query) and serves while its *stamp* is the same: the identity of the shared
 * figures it was built from (`JsonBodies.identity`: figures computed again are a new object, even at
 * the same instant), the policy version, …. Built through the route's schema exactly as the serializer would
 * (`z.safeEncode`, then `JSON.stringify`), so a kept body is byte for byte the one built afresh.
 *
 * Each body carries an entity tag, a digest of its bytes: a browser that has it sends it back
 * (If-None-Match) and is answered 304 with no body while the answer is the same (`sendJson`).
 */
const identities = new WeakMap<object, number>();
let lastIdentity = 0;

/** A serialised answer and its entity tag (a strong validator: the same tag, the same bytes). */
export interface JsonBody {
  text: string;
  etag: string;
}

export class JsonBodies {
  private readonly entries = new Map<string, { stamp: string; body: JsonBody }>();
  private chars = 0;

  /** at most `maxChars` of JSON kept in all (16 M: ≈ 32 MB of memory); then it starts again empty */
  constructor(private readonly maxChars = 16_000_000) {}

  async get<S extends z.ZodType>(
    schema: S,
    slot: string,
    stamp: string,
    build: () => Promise<z.output<S>>,
  ): Promise<JsonBody> {
    const hit = this.entries.get(slot);
    if (hit && hit.stamp === stamp) return hit.body;
    const encoded = z.safeEncode(schema, await build());
    // the route's own serializer would fail the same way: a server error, never the client's
    if (!encoded.success) throw new Error('the response does not match its schema', { cause: encoded.error });
    const text = JSON.stringify(encoded.data);
    const body = { text, etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 32)}"` };
    const old = this.entries.get(slot);
    if (old) this.chars -= old.body.text.length;
    if (this.chars + text.length > this.maxChars) this.clear();
    this.entries.set(slot, { stamp, body });
    this.chars += text.length;
    return body;
  }

  /** A number for an object, the same for as long as it lives: figures recomputed get a new one. */
  static identity(value: object): number {
    let id = identities.get(value);
    if (id === undefined) {
      id = ++lastIdentity;
      identities.set(value, id);
    }
    return id;
  }

  clear(): void {
    this.entries.clear();
    this.chars = 0;
  }
}

/** Whether an If-None-Match header names `etag` (a list, weak tags compared weakly, or `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/**
 * Sends a body from JsonBodies as it is (a JSON string is not serialised again by Fastify), with its
 * entity tag; 304 and no body when the request already has it (docs/api.md#conditional-requests).
 */
export function sendJson(req: FastifyRequest, reply: FastifyReply, body: JsonBody): FastifyReply {
  // kept by the user's own browser only, and checked with the server each time it is used
  void reply.header('etag', body.etag).header('cache-control', 'private, no-cache');
  if (matchesEtag(req.headers['if-none-match'], body.etag)) return reply.status(304).send();
  return reply.type('application/json; charset=utf-8').send(body.text);
}
