// The OpenAPI document stays complete (docs/api.md#openapi) — the checks of Spectral's
// `spectral:oas` ruleset that an outside run found failing: every operation has a unique
// operationId, tags declared at the top, and a one-line description.
import { describe, expect, it } from 'vitest';
import { operationIdOf, tagOf } from '../src/lib/openapi.ts';
import { setupTestApp } from './helper.ts';

type Operation = { operationId?: string; tags?: string[]; summary?: string; description?: string };

describe('the OpenAPI document', async () => {
  const t = await setupTestApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  const doc = res.json() as {
    tags?: Array<{ name: string; description?: string }>;
    paths: Record<string, Record<string, Operation>>;
  };
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ id: `${method.toUpperCase()} ${path}`, op })),
  );

  it('documents every API route', () => {
    expect(res.statusCode).toBe(200);
    const routes = t.app.routeTable.filter((r) => r.method !== 'OPTIONS').length;
    expect(operations.length).toBe(routes);
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.filter((x) => !x)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tags every operation with a tag declared, with its description, at the top', () => {
    const declared = new Map((doc.tags ?? []).map((tag) => [tag.name, tag.description]));
    for (const { id, op } of operations) {
      expect({ id, tagged: (op.tags?.length ?? 0) > 0 }).toEqual({ id, tagged: true });
      for (const tag of op.tags ?? [])
        expect({ id, tag, declared: declared.has(tag) }).toEqual({ id, tag, declared: true });
    }
    for (const [name, description] of declared)
      expect({ name, description: !!description }).toEqual({ name, description: true });
  });

  it('describes every operation in one line', () => {
    for (const { id, op } of operations) {
      expect({ id, summary: !!op.summary?.trim(), description: !!op.description?.trim() }).toEqual({
        id,
        summary: true,
        description: true,
      });
      expect({ id, oneLine: !op.summary?.includes('\n') }).toEqual({ id, oneLine: true });
    }
  });

  it('derives ids and tags from the path', () => {
    expect(operationIdOf('GET', '/api/plans/:id/items')).toBe('getPlansByIdItems');
    expect(operationIdOf('POST', '/api/incentive-appeals/:id/decide')).toBe('postIncentiveAppealsByIdDecide');
    expect(tagOf('/api/sampling-runs/preview')).toBe('supervision');
    expect(tagOf('/api/nowhere')).toBeUndefined();
  });
});
