import type { FastifyReply } from 'fastify';
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
 */
const identities = new WeakMap<object, number>();
let lastIdentity = 0;

export class JsonBodies {
  private readonly entries = new Map<string, { stamp: string; body: string }>();
  private chars = 0;

  /** at most `maxChars` of JSON kept in all (16 M: ≈ 32 MB of memory); then it starts again empty */
  constructor(private readonly maxChars = 16_000_000) {}

  async get<S extends z.ZodType>(
    schema: S,
    slot: string,
    stamp: string,
    build: () => Promise<z.output<S>>,
  ): Promise<string> {
    const hit = this.entries.get(slot);
    if (hit && hit.stamp === stamp) return hit.body;
    const encoded = z.safeEncode(schema, await build());
    // the route's own serializer would fail the same way: a server error, never the client's
    if (!encoded.success) throw new Error('the response does not match its schema', { cause: encoded.error });
    const body = JSON.stringify(encoded.data);
    const old = this.entries.get(slot);
    if (old) this.chars -= old.body.length;
    if (this.chars + body.length > this.maxChars) this.clear();
    this.entries.set(slot, { stamp, body });
    this.chars += body.length;
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

/** Sends a body from JsonBodies as it is: a JSON string is not serialised again by Fastify. */
export function sendJson(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(body);
}
