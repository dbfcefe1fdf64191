// Property-based fuzzing of the whole API (docs/api.md#errors): for every operation of the
// OpenAPI document and every role, requests generated from the operation's own schemas — valid
// values, the ids of real rows, and the nasty ones (NUL characters, numbers beyond 32 bits, huge
// text, wrong types) — never get a 5xx. Bad input is a 4xx in the documented error shape.
import { ROLES } from '@huifang/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setupTestApp, USER_OF } from './helper.ts';

// Reproducible by default; `FUZZ_SEED=… FUZZ_RUNS=…` explore further (a failure prints its seed).
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
type Parameter = { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema?: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
};

/** Operations that would end the fuzzing sessions themselves (signing out, changing one's password). */
const SKIP = new Set(['POST /api/auth/logout', 'PATCH /api/auth/me', 'POST /api/auth/login']);

const NASTY_TEXT = [
  '\u0000',
  'a\u0000b',
  '%00',
  '',
  ' ',
  '=1+1',
  '\'; DROP TABLE "Customer"; --',
  '𠜎𠜎𠜎',
  'x'.repeat(3000),
  '9'.repeat(40),
  '-1',
  '2147483648',
  'null',
  '../../etc/passwd',
  '<img src=x onerror=alert(1)>',
  '2026-02-30',
  '2026-13',
  '00000000-0000-0000-0000-000000000000',
];
const NASTY_NUMBERS = [-1, 0, 1, 2_147_483_647, 2_147_483_648, -2_147_483_649, 2 ** 53, 1e20, -0.5, 1.5];

function typesOf(s: Schema): string[] {
  return s.type === undefined ? [] : [s.type].flat();
}

/** An arbitrary for values of `schema`: mostly valid, sometimes nasty. */
function arb(schema: Schema | undefined, ids: string[], depth = 0): fc.Arbitrary<unknown> {
  const nasty = fc.oneof(
    fc.constantFrom(...NASTY_TEXT),
    fc.constantFrom(...NASTY_NUMBERS),
    fc.constant(null),
  );
  if (!schema || depth > 6) return fc.oneof(fc.jsonValue({ maxDepth: 2 }), nasty);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => arb(s, ids, depth + 1)));
  if (schema.allOf?.length) return arb(Object.assign({}, ...schema.allOf), ids, depth + 1);
  if (schema.const !== undefined) return fc.oneof({ weight: 4, arbitrary: fc.constant(schema.const) }, nasty);
  if (schema.enum?.length) return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...schema.enum) }, nasty);
  const types = typesOf(schema);
  const choices: fc.Arbitrary<unknown>[] = [];
  for (const type of types) {
    if (type === 'null') choices.push(fc.constant(null));
    if (type === 'boolean') choices.push(fc.boolean());
    if (type === 'integer' || type === 'number') {
      const min = schema.minimum ?? -1000;
      const max = schema.maximum ?? 100_000;
      choices.push(
        type === 'integer'
          ? fc.integer({ min: Math.max(min, -2_000_000_000), max: Math.min(max, 2_000_000_000) })
          : fc.double({ min, max, noNaN: true }),
      );
    }
    if (type === 'string') choices.push(stringArb(schema, ids));
    if (type === 'array') {
      choices.push(fc.array(arb(schema.items, ids, depth + 1), { maxLength: 4 }));
    }
    if (type === 'object') {
      const props = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record = fc.record(
        Object.fromEntries(Object.entries(props).map(([k, s]) => [k, arb(s, ids, depth + 1)])),
        { requiredKeys: Object.keys(props).filter((k) => required.has(k)) },
      );
      choices.push(record);
    }
  }
  if (choices.length === 0) choices.push(fc.jsonValue({ maxDepth: 2 }));
  return fc.oneof({ weight: 5, arbitrary: fc.oneof(...choices) }, { weight: 1, arbitrary: nasty });
}

function stringArb(schema: Schema, ids: string[]): fc.Arbitrary<string> {
  if (schema.format === 'uuid') return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ids) }, fc.uuid());
  if (schema.format === 'date') {
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  }
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (schema.format === 'email') return fc.emailAddress();
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= 200);
    } catch {
      // a pattern JavaScript cannot compile: plain strings below
    }
  }
  return fc.oneof(fc.string({ maxLength: Math.min(schema.maxLength ?? 40, 200) }), fc.constantFrom(...ids));
}

/** The query string of generated values (arrays repeat the key, as the web app sends them). */
function queryString(values: Record<string, unknown>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    for (const one of [v].flat()) q.append(k, typeof one === 'string' ? one : JSON.stringify(one));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

describe('fuzzing every operation as every role', async () => {
  const t = await setupTestApp();
  for (const role of ROLES) await t.login(USER_OF[role]);
  const doc = t.app.swagger() as { paths: Record<string, Record<string, Operation>> };
  const p = t.prisma;
  const take = { take: 3, select: { id: true }, orderBy: { id: 'asc' as const } };
  const ids = (
    await Promise.all([
      p.customer.findMany(take),
      p.task.findMany(take),
      p.visitRecord.findMany(take),
      p.visitPlan.findMany(take),
      p.planItem.findMany(take),
      p.issueTicket.findMany(take),
      p.inspection.findMany(take),
      p.inspectionAppeal.findMany(take),
      p.visitReport.findMany(take),
      p.visitExpense.findMany(take),
      p.incentiveItem.findMany(take),
      p.incentiveAppeal.findMany(take),
      p.notification.findMany(take),
      p.questionnaire.findMany(take),
      p.user.findMany(take),
      p.team.findMany(take),
      p.department.findMany(take),
      p.rubric.findMany(take),
      p.samplingRun.findMany(take),
    ])
  )
    .flat()
    .map((r) => r.id);

  const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([m]) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );

  it('has the whole API to fuzz', () => {
    expect(operations.length).toBeGreaterThan(100);
  });

  it.each(operations.filter((o) => !SKIP.has(`${o.method} ${o.path.replace(/\{(\w+)\}/g, ':$1')}`)))(
    '$method $path answers no 5xx',
    { timeout: 180_000 },
    async ({ method, path, op }) => {
      const params = op.parameters ?? [];
      const pathArb = fc.record(
        Object.fromEntries(
          params
            .filter((x) => x.in === 'path')
            .map((x) => [
              x.name,
              fc.oneof(
                { weight: 3, arbitrary: arb(x.schema, ids).map(String) },
                { weight: 3, arbitrary: fc.constantFrom(...ids) },
                { weight: 1, arbitrary: fc.constantFrom(...NASTY_TEXT.filter((s) => s !== '')) },
              ),
            ]),
        ),
      );
      const queryArb = fc.record(
        Object.fromEntries(params.filter((x) => x.in === 'query').map((x) => [x.name, arb(x.schema, ids)])),
        { requiredKeys: [] },
      );
      const bodySchema = op.requestBody?.content?.['application/json']?.schema;
      const bodyArb = bodySchema ? arb(bodySchema, ids) : fc.constant(undefined);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...ROLES),
          pathArb,
          queryArb,
          bodyArb,
          async (role, pv, qv, body) => {
            const url =
              path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(pv[name]))) +
              queryString(qv);
            const res = await t.as(USER_OF[role], {
              method: method as 'GET',
              url,
              ...(body === undefined || method === 'GET' ? {} : { payload: body as object }),
            });
            if (res.statusCode >= 500) {
              throw new Error(
                `${role} ${method} ${url} ${JSON.stringify(body)?.slice(0, 500)} → ${res.statusCode} ${res.body}`,
              );
            }
            if (res.statusCode >= 400) expect(res.json().error.code).toEqual(expect.any(String));
          },
        ),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    },
  );
});
