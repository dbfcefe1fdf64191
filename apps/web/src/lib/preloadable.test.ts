import { createElement, Suspense } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { preloadable } from './preloadable';

function Hello({ name }: { name: string }) {
  return createElement('p', null, `hello ${name}`);
}
const inSuspense = (node: ReturnType<typeof createElement>) =>
  createElement(Suspense, { fallback: createElement('i', null, 'loading') }, node);

describe('preloadable', () => {
  it('suspends (its fallback) until its code has loaded, like React.lazy', () => {
    const Chunk = preloadable(async () => ({ default: Hello }));
    expect(renderToString(inSuspense(createElement(Chunk, { name: 'a' })))).toContain('loading');
  });

  it('renders at once, never its fallback, once preload has finished', async () => {
    const Chunk = preloadable(async () => ({ default: Hello }));
    await Chunk.preload();
    const html = renderToString(inSuspense(createElement(Chunk, { name: 'b' })));
    expect(html).toContain('<p>hello b</p>');
    expect(html).not.toContain('loading');
  });

  it('downloads once however often it is preloaded, and again after a failed download', async () => {
    let calls = 0;
    let fail = true;
    const Chunk = preloadable(async () => {
      calls++;
      if (fail) throw new Error('offline');
      return { default: Hello };
    });
    await expect(Chunk.preload()).rejects.toThrow('offline');
    fail = false;
    await Promise.all([Chunk.preload(), Chunk.preload()]);
    expect(calls).toBe(2);
    expect(renderToString(createElement(Chunk, { name: 'c' }))).toBe('<p>hello c</p>');
  });
});
