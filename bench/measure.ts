// Timing, statistics and the HTTP session helpers of the benchmark.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult } from './load.ts';

export interface Stats {
  n: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
  return {
    n: s.length,
    median: at(0.5),
    p95: at(0.95),
    min: s[0] ?? Number.NaN,
    max: s[s.length - 1] ?? Number.NaN,
  };
}

export async function time<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

/** Thrown when the product has no such route yet (the API's 404 "No route …"). */
export class EndpointMissing extends Error {}

export interface HttpResult {
  status: number;
  body: unknown;
}

/** One signed-in user over real HTTP (keep-alive), with the CSRF headers a browser sends. */
export class Session {
  constructor(
    readonly base: string,
    readonly email: string,
    readonly cookie: string,
  ) {}

  static async signIn(base: string, email: string, password: string): Promise<Session> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base, 'sec-fetch-site': 'same-origin' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0] ?? '')
      .find((c) => c.startsWith('hf_session='));
    if (!cookie) throw new Error(`sign-in of ${email} set no hf_session cookie`);
    return new Session(base, email, cookie);
  }

  async request(method: string, url: string, body?: unknown): Promise<HttpResult> {
    const headers: Record<string, string> = { cookie: this.cookie };
    if (method !== 'GET') {
      headers.origin = this.base;
      headers['sec-fetch-site'] = 'same-origin';
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    if (res.status === 404 && /No route/.test(text))
      throw new EndpointMissing(`${method} ${url.split('?')[0]}`);
    return { status: res.status, body: parsed };
  }

  /** A request that must succeed (2xx); the body is returned. */
  async ok(method: string, url: string, body?: unknown): Promise<unknown> {
    const r = await this.request(method, url, body);
    if (r.status < 200 || r.status >= 300) {
      throw new Error(`${method} ${url} answered ${r.status}: ${JSON.stringify(r.body).slice(0, 400)}`);
    }
    return r.body;
  }
}

const loadScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'load.ts');
const tsxBin = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/.bin/tsx');

/** Runs autocannon in a child process (its own core's worth of event loop), returns its figures. */
export function load(opts: {
  url: string;
  connections: number;
  duration: number;
  headers: Array<Record<string, string>>;
}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsxBin, [loadScript, JSON.stringify(opts)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`load generator exited with ${code}: ${out}`));
      try {
        resolve(JSON.parse(line) as LoadResult);
      } catch (error) {
        reject(error);
      }
    });
  });
}

export const fmt = (ms: number | undefined, digits = 1) =>
  ms === undefined || Number.isNaN(ms) ? '—' : ms.toFixed(digits);
