// The shell's and the screen's chunks a signed-in page preloads, the session it reads early, and
// the script that does it (shell-preload.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  appRouteScreens,
  earlyPieces,
  LINKS_PER_TASK,
  languageFiles,
  pathPattern,
  preloadScript,
  routeScreens,
  screenFiles,
  shellFiles,
  stageFiles,
} from '../shell-preload';
import { featureRoutes } from './app/routes';
// not ./i18n: importing it starts loading the strings, for a document this test has not
import { FIRST_STRINGS, LANGUAGE_KEY, LANGUAGES } from './i18n/first-strings';
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

describe('stageFiles', () => {
  const chunks = [
    chunk('index.js', ['react.js'], '/w/src/main.tsx', true),
    chunk('react.js'),
    { ...chunk('boot-react.js'), moduleIds: ['/w/node_modules/react-dom/client.js'] },
    { ...chunk('boot-app.js', ['react.js', 'icons.js']), moduleIds: ['/w/src/app/start.ts'] },
    chunk('icons.js'),
    { ...chunk('shell.js', ['boot-app.js', 'icons.js', 'menu.js']), moduleIds: ['/w/src/app/Layout.tsx'] },
    chunk('menu.js'),
  ];

  it("is the boot stages' files and what they import, less the entry's (index.html names those)", () => {
    expect(stageFiles(chunks).sort()).toEqual(['boot-app.js', 'boot-react.js', 'icons.js']);
  });

  it('leaves the shell the files the stages do not load already', () => {
    expect(shellFiles(chunks)).toEqual(['shell.js', 'menu.js']);
  });
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

describe('languageFiles', () => {
  it("is each language's first strings and what they import, less what the entry and shell load", () => {
    const files = languageFiles([
      chunk('index.js', ['react.js'], '/w/src/main.tsx', true),
      chunk('react.js'),
      chunk('Layout.js', ['react.js'], '/w/src/app/Layout.tsx'),
      chunk('common.zh.js', [], '/w/apps/web/src/i18n/locales/zh-CN/common.json'),
      chunk('auth.zh.js', [], '/w/apps/web/src/i18n/locales/zh-CN/auth.json'),
      chunk('tickets.zh.js', [], '/w/apps/web/src/i18n/locales/zh-CN/tickets.json'),
      chunk('bundle.zh.js', [], '/w/apps/web/src/i18n/bundles/zh-CN.ts'),
      chunk('antd.zh.js', ['antd-common.js', 'react.js'], '/w/node_modules/antd/locale/zh_CN.js'),
      chunk('antd-common.js'),
      chunk('dayjs.zh.js', [], '/w/node_modules/dayjs/locale/zh-cn.js'),
      chunk('common.en.js', [], '/w/apps/web/src/i18n/locales/en/common.json'),
      chunk('auth.en.js', [], '/w/apps/web/src/i18n/locales/en/auth.json'),
      chunk('bundle.en.js', [], '/w/apps/web/src/i18n/bundles/en.ts'),
      chunk('antd.en.js', ['antd-common.js'], '/w/node_modules/antd/locale/en_US.js'),
    ]);
    expect(files).toEqual({
      'zh-CN': ['common.zh.js', 'auth.zh.js', 'bundle.zh.js', 'antd.zh.js', 'antd-common.js', 'dayjs.zh.js'],
      en: ['common.en.js', 'auth.en.js', 'bundle.en.js', 'antd.en.js', 'antd-common.js'],
    });
  });

  it('names every module i18n/index.ts loads for a language before the first render, and only those', () => {
    expect(Object.keys(FIRST_STRINGS)).toEqual([...LANGUAGES]);
    const dir = path.join(import.meta.dirname, 'i18n');
    const source = readFileSync(path.join(dir, 'index.ts'), 'utf8');
    const resolve = createRequire(path.join(dir, 'index.ts')).resolve;
    const specifiers = [...source.matchAll(/import\('([^']+)'\)/g)].map((m) => m[1] as string);
    const globs = [...source.matchAll(/'\.\/locales\/\*\/(\w+)\.json'/g)].map((m) => m[1] as string);
    expect(globs).toEqual(['common', 'auth']);
    for (const lang of LANGUAGES) {
      const own = (s: string) =>
        s.endsWith(`/${lang}`) || s.endsWith(lang === 'en' ? '_US' : '_CN') || s.endsWith(lang.toLowerCase());
      const modules = [
        ...globs.map((ns) => path.join(dir, 'locales', lang, `${ns}.json`)),
        ...specifiers.filter(own).map((s) => (s.startsWith('.') ? path.join(dir, `${s}.ts`) : resolve(s))),
      ];
      for (const m of modules)
        expect(
          FIRST_STRINGS[lang].some((p) => p.test(m)),
          m,
        ).toBe(true);
      for (const p of FIRST_STRINGS[lang])
        expect(
          modules.some((m) => p.test(m)),
          String(p),
        ).toBe(true);
    }
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

  it("reads a route's early reads, string literals in place or in a constant", () => {
    const source = `
      const READS = ['/plans/:id/items?page=1&size=20'];
      export const routes = [
        { path: '/plans/:id', early: ['/plans/:id', '/plans/:id/items?page=1&size=20'], Component: lazyScreen(() => import('./PlanPage')) },
        { path: '/approvals/:id', early: READS, Component: lazyScreen(() => import('./PlanPage')) },
      ];`;
    expect(routeScreens('/w/src/features/plans/routes.tsx', source)).toEqual([
      {
        path: '/plans/:id',
        module: '/w/src/features/plans/PlanPage',
        early: ['/plans/:id', '/plans/:id/items?page=1&size=20'],
      },
      {
        path: '/approvals/:id',
        module: '/w/src/features/plans/PlanPage',
        early: ['/plans/:id/items?page=1&size=20'],
      },
    ]);
  });

  it("reads the same early reads the app's table has", () => {
    const read = new Map(appRouteScreens(path.resolve(__dirname)).map((r) => [r.path, r.early]));
    for (const route of featureRoutes) expect(read.get(route.path), route.path).toEqual(route.early);
  });
});

describe("a route's early reads", () => {
  afterEach(() => vi.unstubAllGlobals());

  // What the page sends before the app's code arrives must be exactly what the route's prefetch asks
  // for (lib/api.ts takes an early answer only for the same path and query).
  it.each(featureRoutes.filter((r) => r.early).map((r) => [r.path, r] as const))(
    '%s: are what its prefetch asks for',
    async (_path, route) => {
      const asked: string[] = [];
      vi.stubGlobal('fetch', async (url: string) => {
        asked.push(url);
        return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
      });
      const params = Object.fromEntries(
        route.path
          .split('/')
          .filter((s) => s.startsWith(':'))
          .map((s) => [s.slice(1), `${s.slice(1)}-value`]),
      );
      const queryClient = new QueryClient();
      route.prefetch?.({ queryClient, params, search: new URLSearchParams() });
      await vi.waitFor(() => expect(asked.length).toBeGreaterThanOrEqual(route.early?.length ?? 0));
      const expected = (route.early ?? []).map(
        (read) => `/api${read.replace(/:(\w+)/g, (_m, name: string) => `${name}-value`)}`,
      );
      expect(asked.sort()).toEqual(expected.sort());
      queryClient.clear();
    },
  );
});

describe('pathPattern', () => {
  it('matches the path, a parameter as one segment (a group of the match), with or without a trailing slash', () => {
    const plan = new RegExp(pathPattern('/plans/:id'));
    expect(['/plans/abc', '/plans/abc/'].every((p) => plan.test(p))).toBe(true);
    expect(plan.exec('/plans/abc/')?.[1]).toBe('abc');
    expect(['/plans', '/plans/abc/print', '/xplans/abc'].some((p) => plan.test(p))).toBe(false);
    expect(new RegExp(pathPattern('/kpi')).test('/kpi')).toBe(true);
    expect(new RegExp(pathPattern('/kpi')).test('/kpi/me')).toBe(false);
  });
});

describe('earlyPieces', () => {
  it("is the read's text with each parameter as the group of the path's match that holds it", () => {
    expect(earlyPieces('/plans/:id', '/plans/:id/items?page=1&size=20')).toEqual([
      '/plans/',
      1,
      '/items?page=1&size=20',
    ]);
    expect(earlyPieces('/a/:x/b/:y', '/y/:y/x/:x')).toEqual(['/y/', 2, '/x/', 1]);
    expect(earlyPieces('/kpi', '/dashboards/manager')).toEqual(['/dashboards/manager']);
  });

  it('fails the build on a parameter the path has not', () => {
    expect(() => earlyPieces('/plans/:id', '/plans/:planId')).toThrow(/:planId/);
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
      { pattern: '^/tickets/([^/]+)/?$', files: ['TicketDetailPage.js', 'table.js'] },
    ]);
  });

  it("carries a screen's early reads, as pieces", () => {
    expect(
      screenFiles(chunks, [
        { path: '/tickets/:id', module: '/w/src/features/tickets/TicketDetailPage', early: ['/tickets/:id'] },
      ]),
    ).toEqual([
      {
        pattern: '^/tickets/([^/]+)/?$',
        files: ['TicketDetailPage.js', 'table.js'],
        early: [['/tickets/', 1]],
      },
    ]);
  });
});

describe('preloadScript', () => {
  const screens = [
    { pattern: '^/tickets/new/?$', files: ['assets/TicketCreatePage.js', 'assets/form.js'] },
    {
      pattern: '^/tickets/([^/]+)/?$',
      files: ['assets/TicketDetailPage.js', 'assets/form.js'],
      early: [
        ['/tickets/', 1],
        ['/tickets/', 1, '/history?page=1'],
      ],
    },
  ];
  const languages = {
    'zh-CN': ['assets/zh.js', 'assets/common.js'],
    en: ['assets/en.js', 'assets/common.js'],
  };
  const run = (
    pathname: string,
    language: string | null | Error = null,
    shell = ['assets/Layout.js', 'assets/menu.js'],
  ) => {
    const links: { rel: string; href: string }[] = [];
    // the tasks the script queues (setTimeout), run after it in order; the links each task added
    const queued: Array<() => void> = [];
    const batches: number[] = [];
    const localStorage = {
      getItem: (key: string) => {
        if (language instanceof Error) throw language;
        return key === LANGUAGE_KEY ? language : null;
      },
    };
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
    const setTimeout = (f: (...a: unknown[]) => void, _ms: number, ...args: unknown[]) =>
      queued.push(() => f(...args));
    const task = (f: () => void) => {
      const before = links.length;
      f();
      if (links.length > before) batches.push(links.length - before);
    };
    task(() =>
      new Function(
        'location',
        'document',
        'window',
        'fetch',
        'localStorage',
        'setTimeout',
        preloadScript(shell, screens, undefined, languages),
      )({ pathname }, document, window, fetch, localStorage, setTimeout),
    );
    while (queued.length) task(queued.shift()!);
    return {
      links: links.map((l) => (l.rel === 'modulepreload' ? l.href : l.rel)),
      fetches,
      window,
      batches,
    };
  };

  it('adds a modulepreload link per file of the shell on a page that opens signed in', () => {
    expect(run('/kpi').links.slice(0, 2)).toEqual(['/assets/Layout.js', '/assets/menu.js']);
    expect(run('/').links).toHaveLength(4);
  });

  it("adds the strings of the language chosen, the first language's when none is or it is unknown", () => {
    expect(run('/kpi', 'en').links.slice(2)).toEqual(['/assets/en.js', '/assets/common.js']);
    for (const chosen of ['zh-CN', null, 'fr', new Error('storage is off')])
      expect(run('/kpi', chosen).links.slice(2), String(chosen)).toEqual([
        '/assets/zh.js',
        '/assets/common.js',
      ]);
  });

  it("adds the screen's files for the first pattern the path matches", () => {
    expect(run('/tickets/new').links).toEqual([
      '/assets/Layout.js',
      '/assets/menu.js',
      '/assets/zh.js',
      '/assets/common.js',
      '/assets/TicketCreatePage.js',
      '/assets/form.js',
    ]);
    expect(run('/tickets/t1/').links.slice(4)).toEqual(['/assets/TicketDetailPage.js', '/assets/form.js']);
    expect(run('/tickets/t1/history').links).toHaveLength(4);
  });

  it('asks for the session as lib/api.ts would, and leaves the answer where the app takes it', () => {
    const { fetches, window } = run('/workbench');
    expect(fetches).toEqual([['/api/auth/session', GET_INIT]]);
    expect(window.__hfEarly).toEqual({ '/auth/session': 'answer of /api/auth/session' });
  });

  it("sends the early reads of the screen the path opens, its parameters in place, after the session's", () => {
    const { fetches, window } = run('/tickets/t1/');
    expect(fetches).toEqual([
      ['/api/auth/session', GET_INIT],
      ['/api/tickets/t1', GET_INIT],
      ['/api/tickets/t1/history?page=1', GET_INIT],
    ]);
    expect(Object.keys(window.__hfEarly as object)).toEqual([
      '/auth/session',
      '/tickets/t1',
      '/tickets/t1/history?page=1',
    ]);
    expect(run('/tickets/new').fetches).toEqual([['/api/auth/session', GET_INIT]]);
  });

  it('adds the links LINKS_PER_TASK at a time, each batch in a task of its own, in order', () => {
    const shell = Array.from({ length: 2 * LINKS_PER_TASK + 3 }, (_, i) => `assets/s${i}.js`);
    const { links, batches, fetches } = run('/tickets/new', null, shell);
    expect(links).toEqual([
      ...shell.map((f) => `/${f}`),
      '/assets/zh.js',
      '/assets/common.js',
      '/assets/TicketCreatePage.js',
      '/assets/form.js',
    ]);
    expect(batches).toEqual([LINKS_PER_TASK, LINKS_PER_TASK, LINKS_PER_TASK, 1]);
    // the session's read goes out in the first task, before any link
    expect(fetches).toHaveLength(1);
    expect(run('/kpi').batches).toEqual([4]);
  });

  it('does nothing on the public pages: sign-in, set-up, a survey link', () => {
    for (const p of ['/login', '/login/', '/setup', '/s/abc']) {
      const r = run(p);
      expect([r.links, r.fetches, r.window], p).toEqual([[], [], {}]);
    }
    expect(run('/surveys').links).toHaveLength(4);
  });
});
