// A signed-in page starts downloading the shell's code (app/Layout.tsx and what it imports), the
// code of the screen its path opens, and the session, with the page itself — not once the entry has
// run (docs/performance.md#web). The entry chunk runs only when all its static imports and the
// stylesheet are in and evaluated; it then asked for the shell, the shell for the session and the
// screen, each a round trip after the other. A small async script, named in index.html and run as
// soon as it arrives, adds <link rel="modulepreload"> for the shell's chunks and the screen's, and
// sends the session's GET (lib/early.ts), on every page but the public ones (the sign-in page's
// download stays what its budget counts, budget.ts). A script file, not inline: the content
// security policy allows scripts from this origin only.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { Plugin } from 'vite';
import type { ChunkInfo } from './budget';
import { SHELL, stageChunks } from './chunking';
import { FIRST_STRINGS, LANGUAGE_KEY, LANGUAGES } from './src/i18n/first-strings';
import { EARLY_GETS, EARLY_GLOBAL, GET_INIT } from './src/lib/early';
import { PUBLIC_PATH } from './src/lib/public-paths';

type Chunk = Pick<ChunkInfo, 'fileName' | 'isEntry' | 'imports' | 'facadeModuleId'> &
  Partial<Pick<ChunkInfo, 'moduleIds'>>;

/** The app's sources (the features' routes files are read from here). */
const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'src');

/** The chunks `roots` load: themselves and their static imports, transitively. */
function reach(byName: Map<string, Chunk>, roots: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string) => {
    const c = byName.get(name);
    if (!c || seen.has(name)) return;
    seen.add(name);
    for (const i of c.imports) visit(i);
  };
  for (const r of roots) visit(r);
  return seen;
}

/** What every page loads to start: the entry's chunks and the boot stages' (chunking.ts BOOT_STAGES). */
function bootFiles(chunks: Chunk[], byName: Map<string, Chunk>): Set<string> {
  return reach(byName, [...chunks.filter((c) => c.isEntry).map((c) => c.fileName), ...stageChunks(chunks)]);
}

/**
 * The boot stages' files and their static imports, less the entry's (which index.html names already):
 * index.html preloads them, so that the entry's `import()` of each finds it loaded.
 */
export function stageFiles(chunks: Chunk[]): string[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = reach(
    byName,
    chunks.filter((c) => c.isEntry).map((c) => c.fileName),
  );
  return [...bootFiles(chunks, byName)].filter((f) => !entry.has(f));
}

/** The shell's chunk and its static imports, less what every page loads to start; the shell first. */
export function shellFiles(chunks: Chunk[]): string[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  // the shell's own chunk, or the group's it was put in (chunking.ts)
  const shell = chunks.find(
    (c) => SHELL.test(c.facadeModuleId ?? '') || (c.moduleIds ?? []).some((id) => SHELL.test(id)),
  );
  if (!shell) return [];
  const boot = bootFiles(chunks, byName);
  return [...reach(byName, [shell.fileName])].filter((f) => !boot.has(f));
}

/**
 * A feature route's path (react-router's, `:name` for a segment), its screen's module without
 * extension, and the reads the page sends before the app's code arrives (the route's `early`).
 */
export interface RouteScreen {
  path: string;
  module: string;
  early?: string[];
}

/**
 * The routes a features' routes file declares (`{ path: '/kpi', Component: X }`), each with the
 * module its screen is loaded from: the `import('./X')` in `lazyScreen(...)`, written in place or
 * in a constant of the file. Read from the source, so that the build knows which chunk a path
 * opens without running the app; a route whose screen it cannot find is left out (the unit test
 * checks that none is, against the app's own route table).
 */
export function routeScreens(file: string, source: string): RouteScreen[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const consts = new Map<string, ts.Node>();
  const routes: Array<{ path: string; component: ts.Node; early?: ts.Node }> = [];
  const walk = (n: ts.Node) => {
    if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer)
      consts.set(n.name.text, n.initializer);
    if (ts.isObjectLiteralExpression(n)) {
      let routePath: string | undefined;
      let component: ts.Node | undefined;
      let early: ts.Node | undefined;
      for (const prop of n.properties) {
        if (ts.isPropertyAssignment(prop) && ts.isIdentifier(prop.name)) {
          if (prop.name.text === 'path' && ts.isStringLiteral(prop.initializer))
            routePath = prop.initializer.text;
          if (prop.name.text === 'Component') component = prop.initializer;
          if (prop.name.text === 'early') early = prop.initializer;
        } else if (ts.isShorthandPropertyAssignment(prop) && prop.name.text === 'Component')
          component = prop.name;
      }
      if (routePath !== undefined && component) routes.push({ path: routePath, component, early });
    }
    ts.forEachChild(n, walk);
  };
  walk(sf);
  const imported = (n: ts.Node): string | undefined => {
    if (
      ts.isCallExpression(n) &&
      n.expression.kind === ts.SyntaxKind.ImportKeyword &&
      n.arguments[0] &&
      ts.isStringLiteral(n.arguments[0])
    )
      return n.arguments[0].text;
    return ts.forEachChild(n, imported);
  };
  // a route's early reads: string literals, in place or in a constant of the file
  const reads = (n: ts.Node | undefined): string[] | undefined => {
    const list = n && ts.isIdentifier(n) ? consts.get(n.text) : n;
    return list && ts.isArrayLiteralExpression(list)
      ? list.elements.filter(ts.isStringLiteral).map((e) => e.text)
      : undefined;
  };
  return routes.flatMap(({ path: routePath, component, early }) => {
    const source = ts.isIdentifier(component) ? consts.get(component.text) : component;
    const specifier = source && imported(source);
    if (!specifier?.startsWith('.')) return [];
    const module = path.resolve(path.dirname(file), specifier);
    const earlyReads = reads(early);
    return [earlyReads ? { path: routePath, module, early: earlyReads } : { path: routePath, module }];
  });
}

/** Every features' routes file of the app (src/features/<feature>/routes.tsx), read. */
export function appRouteScreens(srcDir: string): RouteScreen[] {
  const features = path.join(srcDir, 'features');
  return readdirSync(features, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const file = path.join(features, d.name, 'routes.tsx');
      let source: string;
      try {
        source = readFileSync(file, 'utf8');
      } catch {
        return [];
      }
      return routeScreens(file, source);
    });
}

/**
 * A route path as a test of location.pathname: `:name` one segment (a group of the match, in order),
 * a trailing slash allowed. The same paths react-router matches (no optional segments or splats
 * among the features' routes).
 */
export function pathPattern(routePath: string): string {
  const segments = routePath
    .split('/')
    .filter(Boolean)
    .map((s) => (s.startsWith(':') ? '([^/]+)' : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  return `^/${segments.join('/')}/?$`;
}

/**
 * An early read of a route as pieces the preload script joins: text as is, a number for the group
 * of the path's match (pathPattern) that holds that parameter. A parameter the route's path does not
 * have fails the build.
 */
export function earlyPieces(routePath: string, read: string): Array<string | number> {
  const params = routePath
    .split('/')
    .filter((s) => s.startsWith(':'))
    .map((s) => s.slice(1));
  return read
    .split(/(:[A-Za-z]\w*)/)
    .filter(Boolean)
    .map((piece) => {
      if (!piece.startsWith(':')) return piece;
      const group = params.indexOf(piece.slice(1)) + 1;
      if (group === 0)
        throw new Error(`shell-preload.ts: ${routePath} reads ${read}, whose ${piece} it has not`);
      return group;
    });
}

/** The chunks every signed-in page loads anyway: the entry's, the boot stages' and the shell's. */
function entryAndShell(chunks: Chunk[], byName: Map<string, Chunk>): Set<string> {
  const loaded = bootFiles(chunks, byName);
  for (const f of shellFiles(chunks)) loaded.add(f);
  return loaded;
}

/** What the preload script does on a path: the files it preloads and the reads it sends (earlyPieces). */
export interface ScreenPreload {
  pattern: string;
  files: string[];
  early?: Array<Array<string | number>>;
}

/**
 * Per route, the chunks its screen loads beyond the entry's and the shell's, static paths before
 * those with parameters (`/tickets/new` before `/tickets/:id`, as react-router ranks them).
 */
export function screenFiles(chunks: Chunk[], screens: RouteScreen[]): ScreenPreload[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const loaded = entryAndShell(chunks, byName);
  const dynamic = (p: string) => p.split('/').filter((s) => s.startsWith(':')).length;
  return [...screens]
    .sort((a, b) => dynamic(a.path) - dynamic(b.path))
    .flatMap((screen) => {
      const chunk = chunks.find((c) => c.facadeModuleId?.replace(/\.[jt]sx?$/, '') === screen.module);
      if (!chunk) return [];
      const files = [...reach(byName, [chunk.fileName])].filter((f) => !loaded.has(f));
      const early = (screen.early ?? []).map((read) => earlyPieces(screen.path, read));
      return [{ pattern: pathPattern(screen.path), files, ...(early.length ? { early } : {}) }];
    });
}

/**
 * Per language, the chunks of the strings the first render waits for (i18n/first-strings.ts) and
 * what they import, less what the entry and the shell load anyway.
 */
export function languageFiles(chunks: Chunk[]): Record<string, string[]> {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const loaded = entryAndShell(chunks, byName);
  return Object.fromEntries(
    Object.entries(FIRST_STRINGS).map(([lang, modules]) => {
      const roots = chunks
        .filter((c) => modules.some((m) => m.test(c.facadeModuleId ?? '')))
        .map((c) => c.fileName);
      return [lang, [...reach(byName, roots)].filter((f) => !loaded.has(f))];
    }),
  );
}

/**
 * How many links the script adds in one task. Adding a modulepreload link starts its fetch there and
 * then, about 1–2 ms each on the benchmark's machine: the 40-odd links of a plan's page added at
 * once made one task of 65–150 ms, which held the first paint back and counted as blocking time;
 * six at a time, each batch in a task of its own, keep every task well under 50 ms
 * (docs/performance.md#web).
 */
export const LINKS_PER_TASK = 6;

/**
 * The script: on a page that opens signed in, the early reads (lib/early.ts) and a modulepreload
 * link per file of the shell, of the strings of the language chosen (the first one's when none is
 * or it is unknown) and of the first screen whose pattern the path matches (paths from the site's
 * root), whose own early reads it sends too, the links LINKS_PER_TASK at a time. File names are
 * listed once and referred to by their place.
 */
export function preloadScript(
  shell: string[],
  screens: ScreenPreload[] = [],
  publicPath: RegExp = PUBLIC_PATH,
  languages: Record<string, string[]> = {},
): string {
  const files = [
    ...new Set([...shell, ...Object.values(languages).flat(), ...screens.flatMap((s) => s.files)]),
  ];
  const at = (f: string) => files.indexOf(f);
  const byLanguage = Object.fromEntries(Object.entries(languages).map(([l, fs]) => [l, fs.map(at)]));
  const first = JSON.stringify(LANGUAGES[0]);
  const screenList = screens.map((s) => [s.pattern, s.files.map(at), ...(s.early ? [s.early] : [])]);
  return `(function(){var p=location.pathname;if(${publicPath.toString()}.test(p))return;var I=${JSON.stringify(GET_INIT)},E=window[${JSON.stringify(EARLY_GLOBAL)}]={},g=function(k){E[k]=fetch("/api"+k,I)};${JSON.stringify(EARLY_GETS)}.forEach(g);var F=${JSON.stringify(files.map((f) => `/${f}`))},W=${JSON.stringify(shell.map(at))},R=${JSON.stringify(screenList)},G=${JSON.stringify(byLanguage)},L,m;try{L=localStorage.getItem(${JSON.stringify(LANGUAGE_KEY)})}catch(e){}W=W.concat(G[L]||G[${first}]||[]);for(var i=0;i<R.length;i++)if(m=new RegExp(R[i][0]).exec(p)){W=W.concat(R[i][1]);(R[i][2]||[]).forEach(function(r){g(r.map(function(x){return typeof x=="number"?m[x]:x}).join(""))});break}(function b(k){W.slice(k,k+${LINKS_PER_TASK}).forEach(function(f){var l=document.createElement("link");l.rel="modulepreload";l.href=F[f];document.head.appendChild(l)});if(k+${LINKS_PER_TASK}<W.length)setTimeout(b,0,k+${LINKS_PER_TASK})})(0)})();\n`;
}

export function shellPreload(): Plugin {
  return {
    name: 'huifang:shell-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!ctx.bundle) return;
        const chunks = Object.values(ctx.bundle).filter(
          (o): o is Extract<typeof o, { type: 'chunk' }> => o.type === 'chunk',
        );
        const files = shellFiles(chunks);
        if (files.length === 0) throw new Error('shell-preload.ts: no chunk for src/app/Layout.tsx');
        const source = preloadScript(
          files,
          screenFiles(chunks, appRouteScreens(SRC)),
          PUBLIC_PATH,
          languageFiles(chunks),
        );
        const fileName = `assets/shell-preload-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`;
        // build-html runs these hooks with its generateBundle context (vite: applyHtmlTransforms)
        (
          this as unknown as { emitFile: (f: { type: 'asset'; fileName: string; source: string }) => void }
        ).emitFile({ type: 'asset', fileName, source });
        const stages = stageFiles(chunks);
        if (stages.length === 0)
          throw new Error('shell-preload.ts: no chunk for the boot stages (chunking.ts)');
        return [
          { tag: 'script', attrs: { src: `/${fileName}`, async: true }, injectTo: 'head-prepend' },
          ...stages.map((f) => ({
            tag: 'link',
            attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` },
            injectTo: 'head' as const,
          })),
        ];
      },
    },
  };
}
