// The shell's and the screen's chunks a signed-in page preloads, the session it reads early, and
// the script that does it (shell-preload.ts).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appRouteScreens,
  pathPattern,
  preloadScript,
  routeScreens,
  screenFiles,
  shellFiles,
} from '../shell-preload';
import { featureRoutes } from './app/routes';
import { GET_INIT } from './lib/early';

const chunk = (
  fileName: string,
  imports: string[] = [],
  facadeModuleId: string | null = null,
  isEntry = false,
) => ({
  fileName,
  imports,
  facadeModuleId,
  isEntry,
});

describe('shellFiles', () => {
  it('is the shell and what it imports, less what the entry loads anyway', () => {
    const files = shellFiles([
      chunk('index.js', ['react.js'], '/w/src/main.tsx', true),
      chunk('react.js', ['shared.js']),
      chunk('shared.js'),
      chunk('Layout.js', ['shared.js', 'menu.js'], '/w/apps/web/src/app/Layout.tsx'),
      chunk('menu.js', ['icons.js']),
      chunk('icons.js'),
      chunk('ManagerKpiPage.js', ['table.js'], '/w/src/features/kpi/ManagerKpiPage.tsx'),
      chunk('table.js'),
    ]);
    expect(files).toEqual(['Layout.js', 'menu.js', 'icons.js']);
  });

  it("finds the shell in the file of the group it was put in (chunking.ts), by the file's modules", () => {
    const files = shellFiles([
      chunk('index.js', ['react.js'], '/w/src/main.tsx', true),
      chunk('react.js'),
      {
        ...chunk('shell.js', ['react.js', 'table.js']),
        moduleIds: ['/w/src/app/menu.ts', '/w/src/app/Layout.tsx'],
      },
      chunk('table.js'),
      { ...chunk('kpi.js', ['table.js']), moduleIds: ['/w/src/features/kpi/ManagerKpiPage.tsx'] },
    ]);
    expect(files).toEqual(['shell.js', 'table.js']);
  });

  it('is nothing when there is no shell chunk (the build then fails)', () => {
    expect(shellFiles([chunk('index.js', [], '/w/src/main.tsx', true)])).toEqual([]);
  });
});

describe('routeScreens', () => {
  const file = '/w/src/features/kpi/routes.tsx';
  it('reads each route with its screen, in a constant or in place; a route without one is left out', () => {
    const source = `
      import { lazyScreen } from '../../app/features';
      const ManagerKpiPage = lazyScreen(() =>
        import('./ManagerKpiPage').then((m) => ({ default: m.ManagerKpiPage })),
      );
      export const routes = [
        { path: '/kpi', permission: 'x', Component: ManagerKpiPage, nav: { key: 'k', order: 1 } },
        { path: '/kpi/me', Component: lazyScreen(() => import('./CallerKpiPage').then((m) => ({ default: m.CallerKpiPage }))) },
        { path: '/kpi/elsewhere', Component: Unknown },
        { path: '/kpi/package', Component: lazyScreen(() => import('some-package')) },
      ];`;
    expect(routeScreens(file, source)).toEqual([
      { path: '/kpi', module: '/w/src/features/kpi/ManagerKpiPage' },
      { path: '/kpi/me', module: '/w/src/features/kpi/CallerKpiPage' },
    ]);
  });

  it("finds a screen for every route of the app's table (nothing the build cannot preload)", () => {
    const read = appRouteScreens(path.resolve(__dirname));
    expect(read.map((r) => r.path).sort()).toEqual(featureRoutes.map((r) => r.path).sort());
  });
});

describe('pathPattern', () => {
  it('matches the path, a parameter as one segment, with or without a trailing slash', () => {
    const plan = new RegExp(pathPattern('/plans/:id'));
    expect(['/plans/abc', '/plans/abc/'].every((p) => plan.test(p))).toBe(true);
    expect(['/plans', '/plans/abc/print', '/xplans/abc'].some((p) => plan.test(p))).toBe(false);
    expect(new RegExp(pathPattern('/kpi')).test('/kpi')).toBe(true);
    expect(new RegExp(pathPattern('/kpi')).test('/kpi/me')).toBe(false);
  });
});

describe('screenFiles', () => {
  const chunks = [
    chunk('index.js', ['react.js'], '/w/src/main.tsx', true),
    chunk('react.js'),
    chunk('Layout.js', ['menu.js'], '/w/src/app/Layout.tsx'),
    chunk('menu.js'),
    chunk(
      'TicketDetailPage.js',
      ['table.js', 'menu.js', 'react.js'],
      '/w/src/features/tickets/TicketDetailPage.tsx',
    ),
    chunk('TicketCreatePage.js', ['form.js'], '/w/src/features/tickets/TicketCreatePage.tsx'),
    chunk('table.js'),
    chunk('form.js'),
  ];
  it("is each screen's chunks beyond the entry's and the shell's, static paths first", () => {
    expect(
      screenFiles(chunks, [
        { path: '/tickets/:id', module: '/w/src/features/tickets/TicketDetailPage' },
        { path: '/tickets/new', module: '/w/src/features/tickets/TicketCreatePage' },
        { path: '/gone', module: '/w/src/features/gone/GonePage' },
      ]),
    ).toEqual([
      { pattern: '^/tickets/new/?$', files: ['TicketCreatePage.js', 'form.js'] },
      { pattern: '^/tickets/[^/]+/?$', files: ['TicketDetailPage.js', 'table.js'] },
    ]);
  });
});

describe('preloadScript', () => {
  const screens = [
    { pattern: '^/tickets/new/?$', files: ['assets/TicketCreatePage.js', 'assets/form.js'] },
    { pattern: '^/tickets/[^/]+/?$', files: ['assets/TicketDetailPage.js', 'assets/form.js'] },
  ];
  const run = (pathname: string) => {
    const links: { rel: string; href: string }[] = [];
    const fetches: Array<[string, unknown]> = [];
    const window: Record<string, unknown> = {};
    const document = {
      createElement: () => ({ rel: '', href: '' }),
      head: { appendChild: (l: { rel: string; href: string }) => links.push(l) },
    };
    const fetch = (url: string, init: unknown) => {
      fetches.push([url, init]);
      return `answer of ${url}`;
    };
    new Function(
      'location',
      'document',
      'window',
      'fetch',
      preloadScript(['assets/Layout.js', 'assets/menu.js'], screens),
    )({ pathname }, document, window, fetch);
    return { links: links.map((l) => (l.rel === 'modulepreload' ? l.href : l.rel)), fetches, window };
  };

  it('adds a modulepreload link per file of the shell on a page that opens signed in', () => {
    expect(run('/kpi').links).toEqual(['/assets/Layout.js', '/assets/menu.js']);
    expect(run('/').links).toHaveLength(2);
  });

  it("adds the screen's files for the first pattern the path matches", () => {
    expect(run('/tickets/new').links).toEqual([
      '/assets/Layout.js',
      '/assets/menu.js',
      '/assets/TicketCreatePage.js',
      '/assets/form.js',
    ]);
    expect(run('/tickets/t1/').links.slice(2)).toEqual(['/assets/TicketDetailPage.js', '/assets/form.js']);
    expect(run('/tickets/t1/history').links).toHaveLength(2);
  });

  it('asks for the session as lib/api.ts would, and leaves the answer where the app takes it', () => {
    const { fetches, window } = run('/workbench');
    expect(fetches).toEqual([['/api/auth/session', GET_INIT]]);
    expect(window.__hfEarly).toEqual({ '/auth/session': 'answer of /api/auth/session' });
  });

  it('does nothing on the public pages: sign-in, set-up, a survey link', () => {
    for (const p of ['/login', '/login/', '/setup', '/s/abc']) {
      const r = run(p);
      expect([r.links, r.fetches, r.window], p).toEqual([[], [], {}]);
    }
    expect(run('/surveys').links).toHaveLength(2);
  });
});
