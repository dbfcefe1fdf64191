import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, buildQuery, errorFromResponse, errorKeys, fieldIssues, retryDelayMs } from './api';
import { EARLY_GLOBAL } from './early';

// The network is stubbed with a function that answers one canned response and records the request.
let requests: Array<{ url: string; init: RequestInit }> = [];
let answer: () => Response;
function respond(body: BodyInit | null, init: ResponseInit & { json?: boolean } = {}) {
  const headers = new Headers(init.headers);
  if (init.json) headers.set('content-type', 'application/json');
  answer = () => new Response(body, { ...init, headers });
}
const json = (value: unknown, status = 200, statusText = '') =>
  respond(JSON.stringify(value), { status, statusText, json: true });

beforeEach(() => {
  requests = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    return answer();
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api()', () => {
  it('answers the parsed JSON of a 2xx, under /api with the query string and same-origin cookies', async () => {
    json({ items: [1, 2] });
    const data = await api<{ items: number[] }>('/customers', { query: { q: '王', page: 2 } });
    expect(data).toEqual({ items: [1, 2] });
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe(`/api/customers?q=${encodeURIComponent('王')}&page=2`);
    expect(requests[0]!.init).toMatchObject({ method: 'GET', credentials: 'same-origin' });
    expect(requests[0]!.init.body).toBeUndefined();
  });

  it('sends a JSON body with its content type', async () => {
    json({ id: 'x' }, 201);
    await api('/customers', { method: 'POST', body: { name: '张三' } });
    const init = requests[0]!.init;
    expect(init.method).toBe('POST');
    expect(init.body).toBe('{"name":"张三"}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
  });

  it('answers undefined for 204 and for an empty 200', async () => {
    respond(null, { status: 204 });
    expect(await api('/auth/logout', { method: 'POST' })).toBeUndefined();
    respond('', { status: 200 });
    expect(await api('/x')).toBeUndefined();
  });

  it('throws the API error shape as an ApiError with status, code, message and details', async () => {
    const details = [{ path: 'phone', message: 'not a phone number' }];
    json({ error: { code: 'VALIDATION', message: 'The request is not valid', details } }, 400, 'Bad Request');
    const e = await failure(api('/customers', { method: 'POST', body: {} }));
    expect(e).toMatchObject({
      status: 400,
      code: 'VALIDATION',
      message: 'The request is not valid',
      details,
    });
  });

  it('throws HTTP_ERROR with the status for a non-JSON error body (a proxy page), not a parse error', async () => {
    respond('<html><body><h1>502 Bad Gateway</h1></body></html>', {
      status: 502,
      statusText: 'Bad Gateway',
      headers: { 'content-type': 'text/html' },
    });
    const e = await failure(api('/customers'));
    expect(e).toMatchObject({ status: 502, code: 'HTTP_ERROR', message: 'Bad Gateway', details: undefined });
  });

  it('throws HTTP_ERROR for an error body that is JSON but not the API shape, or empty', async () => {
    json({ message: 'nope' }, 503, 'Service Unavailable');
    expect(await failure(api('/x'))).toMatchObject({ status: 503, code: 'HTTP_ERROR' });
    respond('', { status: 500 });
    expect(await failure(api('/x'))).toMatchObject({ status: 500, code: 'HTTP_ERROR', message: 'HTTP 500' });
  });

  it('throws HTTP_ERROR for a 2xx whose body is not JSON', async () => {
    respond('<!doctype html><title>app</title>', { status: 200 });
    expect(await failure(api('/customers'))).toMatchObject({ status: 200, code: 'HTTP_ERROR' });
  });

  it('lets a failed fetch through as it is (no answer at all)', async () => {
    answer = () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(api('/x')).rejects.toBeInstanceOf(TypeError);
  });
});

describe('a busy server (503)', () => {
  it('is asked again as it says, up to three times, only for requests safe to repeat', () => {
    expect(retryDelayMs(503, '2', 0, true)).toBe(2000);
    expect(retryDelayMs(503, null, 0, true)).toBe(1000);
    expect(retryDelayMs(503, '120', 2, true)).toBe(5000);
    expect(retryDelayMs(503, '2', 3, true)).toBeNull();
    expect(retryDelayMs(503, '2', 0, false)).toBeNull();
    expect(retryDelayMs(500, '2', 0, true)).toBeNull();
    expect(retryDelayMs(201, null, 0, true)).toBeNull();
  });

  it('a visit sent with an Idempotency-Key is sent again and kept; a write without one is not', async () => {
    vi.useFakeTimers();
    try {
      const answers = [
        () =>
          new Response(JSON.stringify({ error: { code: 'UNAVAILABLE', message: 'busy' } }), {
            status: 503,
            headers: { 'retry-after': '1' },
          }),
        () => new Response(JSON.stringify({ id: 'v1' }), { status: 201 }),
      ];
      answer = () => (answers.shift() ?? answers[0]!)();
      const saved = api('/tasks/t/visits', {
        method: 'POST',
        body: {},
        headers: { 'Idempotency-Key': 'k1' },
      });
      await vi.advanceTimersByTimeAsync(1000);
      expect(await saved).toEqual({ id: 'v1' });
      expect(requests).toHaveLength(2);
      expect(requests[1]!.init.headers).toMatchObject({ 'Idempotency-Key': 'k1' });

      requests = [];
      json({ error: { code: 'UNAVAILABLE', message: 'busy' } }, 503);
      const e = await failure(api('/customers', { method: 'POST', body: {} }));
      expect(e.code).toBe('UNAVAILABLE');
      expect(requests).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('buildQuery', () => {
  it('leaves out empty values, repeats arrays and encodes', () => {
    expect(buildQuery(undefined)).toBe('');
    expect(buildQuery({ a: undefined, b: null, c: '' })).toBe('');
    expect(
      buildQuery({ q: 'a b&c', page: 1, active: false, segment: ['STUDENT', 'GRADUATE'], none: [] }),
    ).toBe('?q=a+b%26c&page=1&active=false&segment=STUDENT&segment=GRADUATE');
  });
});

describe('errorFromResponse', () => {
  it('keeps the code of the API shape and falls back to the status text for a missing message', () => {
    expect(errorFromResponse(409, 'Conflict', '{"error":{"code":"CONFLICT"}}')).toMatchObject({
      status: 409,
      code: 'CONFLICT',
      message: 'Conflict',
    });
    expect(errorFromResponse(418, '', 'teapot')).toMatchObject({ code: 'HTTP_ERROR', message: 'HTTP 418' });
    expect(errorFromResponse(400, 'Bad', '{"error":"text"}')).toMatchObject({ code: 'HTTP_ERROR' });
  });
});

describe('fieldIssues', () => {
  it('turns the details of a VALIDATION error into form name paths', () => {
    const e = new ApiError(400, 'VALIDATION', 'x', [
      { path: 'questions.0.label', message: 'too short' },
      { path: 'name' },
      { path: '', message: 'whole body' },
      { message: 'no path' },
    ]);
    expect(fieldIssues(e)).toEqual([
      { path: 'questions.0.label', name: ['questions', 0, 'label'], message: 'too short' },
      { path: 'name', name: ['name'], message: undefined },
    ]);
  });

  it('is empty for other errors', () => {
    expect(fieldIssues(new ApiError(409, 'CONFLICT', 'x', [{ path: 'name' }]))).toEqual([]);
    expect(fieldIssues(new ApiError(400, 'VALIDATION', 'x', { path: 'name' }))).toEqual([]);
    expect(fieldIssues(new Error('x'))).toEqual([]);
  });
});

describe('errorKeys', () => {
  it('tries the detail reason, then the code, then the common message, then the generic one', () => {
    const e = new ApiError(409, 'CONFLICT', 'x', { field: 'phone', reason: 'PHONE_TAKEN' });
    expect(errorKeys(e, 'customers:apiError')).toEqual([
      'customers:apiError.PHONE_TAKEN',
      'customers:apiError.CONFLICT',
      'common:error.generic',
    ]);
    expect(errorKeys(new ApiError(409, 'CONFLICT', 'x', { code: 'DUPLICATE_NAME' }), 'q:e')).toEqual([
      'q:e.DUPLICATE_NAME',
      'q:e.CONFLICT',
      'common:error.generic',
    ]);
  });

  it('has common messages for forbidden, stale and unreachable', () => {
    expect(errorKeys(new ApiError(403, 'FORBIDDEN', 'x'), 'p')).toEqual([
      'p.FORBIDDEN',
      'common:error.forbidden',
      'common:error.generic',
    ]);
    expect(errorKeys(new ApiError(409, 'STALE_VERSION', 'x', { currentVersion: 3 }), 'p')).toEqual([
      'p.STALE_VERSION',
      'common:error.stale',
      'common:error.generic',
    ]);
    expect(errorKeys(new ApiError(0, 'NETWORK', 'x'), 'p')).toEqual([
      'p.NETWORK',
      'common:error.network',
      'common:error.generic',
    ]);
    expect(errorKeys(new TypeError('Failed to fetch'), 'p')).toEqual(['common:error.network']);
    expect(errorKeys(new Error('boom'), 'p')).toEqual(['common:error.generic']);
    expect(errorKeys(new ApiError(502, 'HTTP_ERROR', 'Bad Gateway'), 'p')).toEqual([
      'p.HTTP_ERROR',
      'common:error.generic',
    ]);
  });
});

describe('api() and a read the page sent early (lib/early.ts)', () => {
  const early = (answers: Record<string, Promise<Response>>) => vi.stubGlobal(EARLY_GLOBAL, answers);

  it('takes the early answer for its path once, then asks the server', async () => {
    early({
      '/auth/session': Promise.resolve(new Response(JSON.stringify({ user: null }), { status: 200 })),
    });
    json({ user: { id: 'u1' } });
    expect(await api('/auth/session')).toEqual({ user: null });
    expect(requests).toHaveLength(0);
    expect(await api('/auth/session')).toEqual({ user: { id: 'u1' } });
    expect(requests).toHaveLength(1);
  });

  it('asks itself when the early read failed, and reads an early error as its own', async () => {
    early({ '/auth/session': Promise.reject(new TypeError('offline')) });
    json({ user: null });
    expect(await api('/auth/session')).toEqual({ user: null });
    expect(requests).toHaveLength(1);
    early({
      '/auth/session': Promise.resolve(
        new Response(JSON.stringify({ error: { code: 'FORBIDDEN', message: 'no' } }), { status: 403 }),
      ),
    });
    expect((await failure(api('/auth/session'))).status).toBe(403);
  });

  it('takes an early read with a query for the same path and query, as api() writes it', async () => {
    early({
      '/plans/p1/items?page=1&size=20': Promise.resolve(
        new Response(JSON.stringify({ total: 3 }), { status: 200 }),
      ),
    });
    json({ total: 4 });
    expect(await api('/plans/p1/items', { query: { page: 1, size: 20 } })).toEqual({ total: 3 });
    expect(requests).toHaveLength(0);
    expect(await api('/plans/p1/items', { query: { page: 1, size: 20 } })).toEqual({ total: 4 });
  });

  it('is not used for another path, another query, or headers of the caller', async () => {
    const pending = Promise.resolve(new Response('{}', { status: 200 }));
    early({ '/auth/session': pending });
    json({ ok: true });
    await api('/customers');
    await api('/auth/session', { query: { x: 1 } });
    await api('/auth/session', { headers: { 'X-Test': '1' } });
    expect(requests).toHaveLength(3);
    const left = (globalThis as unknown as Record<string, Record<string, unknown>>)[EARLY_GLOBAL];
    expect(left?.['/auth/session']).toBe(pending);
  });
});
