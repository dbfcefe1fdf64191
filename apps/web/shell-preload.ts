// A signed-in page starts downloading the shell's code (app/Layout.tsx and what it imports) with the
// page itself, not once the entry has run (docs/performance.md#web). The entry chunk runs only when all
// its static imports and the stylesheet are in; it then asks for the shell, whose chunks come one
// round trip later still. A small async script, named in index.html and run as soon as it arrives,
// adds <link rel="modulepreload"> for the shell's chunks on every page but the public ones (the
// sign-in page's download stays what its budget counts, budget.ts). A script file, not inline: the
// content security policy allows scripts from this origin only.
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';
import type { ChunkInfo } from './budget';
import { PUBLIC_PATH } from './src/lib/public-paths';

/** The module whose chunk is the signed-in shell. */
const SHELL = /[\\/]src[\\/]app[\\/]Layout\.tsx$/;

/** The shell's chunk and its static imports, less what the entry loads anyway; the shell first. */
export function shellFiles(
  chunks: Pick<ChunkInfo, 'fileName' | 'isEntry' | 'imports' | 'facadeModuleId'>[],
): string[] {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const reach = (roots: string[]) => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      const c = byName.get(name);
      if (!c || seen.has(name)) return;
      seen.add(name);
      for (const i of c.imports) visit(i);
    };
    for (const r of roots) visit(r);
    return seen;
  };
  const shell = chunks.find((c) => SHELL.test(c.facadeModuleId ?? ''));
  if (!shell) return [];
  const entry = reach(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
  return [...reach([shell.fileName])].filter((f) => !entry.has(f));
}

/** The script: on a page that opens signed in, a modulepreload link per file (paths from the site's root). */
export function preloadScript(files: string[], publicPath: RegExp = PUBLIC_PATH): string {
  return `(function(){if(${publicPath.toString()}.test(location.pathname))return;${JSON.stringify(
    files.map((f) => `/${f}`),
  )}.forEach(function(f){var l=document.createElement("link");l.rel="modulepreload";l.href=f;document.head.appendChild(l)})})();\n`;
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
        const source = preloadScript(files);
        const fileName = `assets/shell-preload-${createHash('sha256').update(source).digest('hex').slice(0, 8)}.js`;
        // build-html runs these hooks with its generateBundle context (vite: applyHtmlTransforms)
        (
          this as unknown as { emitFile: (f: { type: 'asset'; fileName: string; source: string }) => void }
        ).emitFile({ type: 'asset', fileName, source });
        return [{ tag: 'script', attrs: { src: `/${fileName}`, async: true }, injectTo: 'head-prepend' }];
      },
    },
  };
}
