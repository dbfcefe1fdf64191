import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonBodies, matchesEtag } from './json-bodies.ts';

const Schema = z.object({ n: z.number(), at: z.string() });

describe('JsonBodies', () => {
  it('builds through the schema like the serializer, and keeps the body while the stamp holds', async () => {
    const bodies = new JsonBodies();
    let builds = 0;
    const build = async () => {
      builds++;
      return { n: builds, at: '2026-12-04T00:00:00.000Z', extra: 'dropped' } as never;
    };
    const first = await bodies.get(
      z.object({ n: z.number(), at: z.string() }),
      'org|any|2026-12',
      's1',
      build,
    );
    expect(JSON.parse(first.text)).toEqual({ n: 1, at: '2026-12-04T00:00:00.000Z' });
    expect(
      await bodies.get(z.object({ n: z.number(), at: z.string() }), 'org|any|2026-12', 's1', build),
    ).toBe(first);
    expect(first.etag).toMatch(/^"[\w-]{32}"$/);
    expect(builds).toBe(1);
    // another stamp (figures computed again) or another slot (another viewer) builds afresh
    const second = await bodies.get(z.object({ n: z.number() }), 'org|any|2026-12', 's2', build);
    expect(JSON.parse(second.text).n).toBe(2);
    expect(second.etag).not.toBe(first.etag);
    expect(
      JSON.parse((await bodies.get(z.object({ n: z.number() }), 'org|self:u|2026-12', 's2', build)).text).n,
    ).toBe(3);
  });

  it('fails as a server error when the answer does not match its schema, and keeps nothing', async () => {
    const bodies = new JsonBodies();
    await expect(bodies.get(Schema, 'slot', 's', async () => ({ n: 'x' }) as never)).rejects.toThrow(
      'the response does not match its schema',
    );
    let built = false;
    await bodies.get(z.object({ n: z.number() }), 'slot', 's', async () => {
      built = true;
      return { n: 1 };
    });
    expect(built).toBe(true);
  });

  it('keeps at most its size in all, then starts again', async () => {
    const bodies = new JsonBodies(30);
    const S = z.object({ s: z.string() });
    let builds = 0;
    const build = (s: string) => async () => {
      builds++;
      return { s };
    };
    await bodies.get(S, 'a', '1', build('x'.repeat(10))); // {"s":"xxxxxxxxxx"} = 18 chars
    await bodies.get(S, 'a', '1', build('unused'));
    expect(builds).toBe(1);
    await bodies.get(S, 'b', '1', build('y'.repeat(10))); // 36 > 30: the first is let go
    await bodies.get(S, 'a', '1', build('x'.repeat(10)));
    expect(builds).toBe(3);
  });

  it('tags a body by its bytes: the same bytes, the same tag, whatever slot or stamp built them', async () => {
    const bodies = new JsonBodies();
    const S = z.object({ n: z.number() });
    const a = await bodies.get(S, 'a', '1', async () => ({ n: 1 }));
    const b = await bodies.get(S, 'b', '7', async () => ({ n: 1 }));
    const c = await bodies.get(S, 'c', '1', async () => ({ n: 2 }));
    expect(b.etag).toBe(a.etag);
    expect(c.etag).not.toBe(a.etag);
  });

  it('reads If-None-Match as a list, weak tags and * included', () => {
    const tag = '"abc"';
    expect(matchesEtag(undefined, tag)).toBe(false);
    expect(matchesEtag('"abc"', tag)).toBe(true);
    expect(matchesEtag('W/"abc"', tag)).toBe(true);
    expect(matchesEtag('"x", "abc"', tag)).toBe(true);
    expect(matchesEtag('*', tag)).toBe(true);
    expect(matchesEtag('"abcd"', tag)).toBe(false);
    expect(matchesEtag('abc', tag)).toBe(false);
  });

  it('gives an object one identity for its life, and a new object another', () => {
    const a = [1];
    expect(JsonBodies.identity(a)).toBe(JsonBodies.identity(a));
    expect(JsonBodies.identity([1])).not.toBe(JsonBodies.identity(a));
  });
});
