// The web app's files (docs/api.md#static-files): hashed assets precompressed and cached for a
// year, the page that names them checked on every visit.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { setupTestApp } from './helper.ts';

const dist = mkdtempSync(path.join(os.tmpdir(), 'hf-web-'));
const js = `console.log(${JSON.stringify('回访'.repeat(500))});`;
mkdirSync(path.join(dist, 'assets'));
writeFileSync(path.join(dist, 'index.html'), '<!doctype html><script src="/assets/app-1a2b3c.js"></script>');
writeFileSync(path.join(dist, 'assets', 'app-1a2b3c.js'), js);
writeFileSync(path.join(dist, 'assets', 'app-1a2b3c.js.br'), brotliCompressSync(js));
writeFileSync(path.join(dist, 'assets', 'app-1a2b3c.js.gz'), gzipSync(js));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('static files', async () => {
  const t = await setupTestApp({ env: { HUIFANG_WEB_DIST: dist } });
  const get = (url: string, encoding?: string) =>
    t.app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('serves hashed assets precompressed, brotli first, cached for a year as immutable', async () => {
    const br = await get('/assets/app-1a2b3c.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(js.length / 4);
    const gz = await get('/assets/app-1a2b3c.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    const plain = await get('/assets/app-1a2b3c.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(js);
  });

  it('has the browser check the page on every visit, at / and at the app’s own routes', async () => {
    for (const url of ['/', '/plans/123']) {
      const res = await get(url, 'br');
      expect({ url, status: res.statusCode, cache: res.headers['cache-control'] }).toEqual({
        url,
        status: 200,
        cache: 'no-cache',
      });
      expect(res.headers['content-type']).toContain('text/html');
    }
  });
});
