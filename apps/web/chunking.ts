// How the build cuts the app into files (docs/performance.md#web, decision 023). Left to itself the
// bundler makes a file of every set of modules a different set of screens shares: the sign-in page
// loaded 25 files and a signed-in page 50 to 75, most of them a few KB of antd. Over HTTP/1.1 a
// browser fetches six at a time, so each further six cost a round trip before the page can render.
// Two groups take the files every page loads and make one file of each; the screens' own code and
// what only some screens share are still cut by the bundler, loaded when a screen is opened:
// - `boot`: the entry and everything it imports statically (the sign-in page's whole download, which
//   budget.ts still counts);
// - `shell`: the signed-in shell (app/Layout.tsx) and the app's modules it imports statically, less
//   `boot`'s.
import type { Plugin } from 'vite';

/** The module whose chunk is the signed-in shell (shell-preload.ts preloads it). */
export const SHELL = /[\\/]src[\\/]app[\\/]Layout\.tsx$/;

/** The first boot stage: React's renderer (react-dom and its scheduler), wherever pnpm put it. */
const RENDERER_STAGE =
  /[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?(?:react-dom|scheduler)[\\/]/;
/** The second: the app's start module and what it imports statically. */
const APP_STAGE = /[\\/]src[\\/]app[\\/]start\.ts$/;

/**
 * The stages main.tsx imports one after the other to start, each evaluated in a task of its own:
 * React's renderer, then the app (`app/start.ts`). Each stage's file holds its modules and what they
 * import statically (less an earlier stage's); index.html preloads them with the entry's
 * (shell-preload.ts), and the sign-in page's budget counts them (budget.ts).
 */
export const BOOT_STAGES: readonly RegExp[] = [RENDERER_STAGE, APP_STAGE];

/** The chunks that hold the boot stages' modules (BOOT_STAGES), in the stages' order. */
export function stageChunks(
  chunks: ReadonlyArray<{ fileName: string; facadeModuleId: string | null; moduleIds?: readonly string[] }>,
): string[] {
  return BOOT_STAGES.flatMap((stage) => {
    const chunk = chunks.find((c) =>
      [c.facadeModuleId ?? '', ...(c.moduleIds ?? [])].some((id) => stage.test(id)),
    );
    return chunk ? [chunk.fileName] : [];
  });
}

/** The static imports of a module, as the bundler reports them. */
type ImportsOf = (id: string) => readonly string[] | undefined;

/** A library's module: the bundler cuts libraries by who uses them (see `staticClosure`). */
const LIBRARY = /[\\/]node_modules[\\/]/;

/**
 * `root` and the app's modules it imports statically, transitively, with the libraries they import
 * but not what those import in turn. A library's index (antd's, the icons') names all of it, most
 * of which the shell never uses: followed, it would put every component any screen uses into the
 * shell's file (a caller's workbench then loaded 60 KB more).
 */
export function staticClosure(root: string, importsOf: ImportsOf): Set<string> {
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    if (!LIBRARY.test(id)) for (const next of importsOf(id) ?? []) stack.push(next);
  }
  return seen;
}

/**
 * The plugin that finds the shell's modules once the graph is built, and the groups for
 * `build.rolldownOptions.output.codeSplitting` that read them when the chunks are made (after).
 */
export function chunking() {
  const shell = new Set<string>();
  const app = new Set<string>();
  const plugin: Plugin = {
    name: 'huifang:chunking',
    apply: 'build',
    buildEnd() {
      shell.clear();
      const root = [...this.getModuleIds()].find((id) => SHELL.test(id));
      if (!root) return this.error('chunking.ts: no module src/app/Layout.tsx in the build');
      for (const id of staticClosure(root, (id) => this.getModuleInfo(id)?.importedIds)) shell.add(id);
      app.clear();
      const start = [...this.getModuleIds()].find((id) => APP_STAGE.test(id));
      if (!start) return this.error('chunking.ts: no module src/app/start.ts in the build');
      for (const id of staticClosure(start, (id) => this.getModuleInfo(id)?.importedIds)) app.add(id);
    },
  };
  const codeSplitting = {
    groups: [
      // first: a module the entry loads stays in the entry's file even when the shell uses it too
      { name: 'boot', tags: ['$initial' as const], priority: 4 },
      // the boot stages, in order (BOOT_STAGES): React's renderer, then the app
      { name: 'boot-react', test: (id: string) => RENDERER_STAGE.test(id), priority: 3 },
      { name: 'boot-app', test: (id: string) => app.has(id), priority: 2 },
      { name: 'shell', test: (id: string) => shell.has(id), priority: 1 },
    ],
  };
  return { plugin, codeSplitting };
}
