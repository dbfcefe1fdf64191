// The sign-in page's JavaScript budget (docs/performance.md#web): what a browser downloads to show
// /login in Chinese — the entry chunk, its static imports, the boot stages it imports to start
// (chunking.ts) and the zh-CN strings it loads before the first render — must stay at or under
// 250 KB gzip. Checked on every `vite build` (a size, not a time).
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';
import { stageChunks } from './chunking';

export const LOGIN_BUDGET_BYTES = 250 * 1024;

/** The parts of an output chunk the budget reads (Rollup's OutputChunk). */
export interface ChunkInfo {
  fileName: string;
  code: string;
  isEntry: boolean;
  imports: string[];
  facadeModuleId: string | null;
  /** the source modules bundled into it, by id */
  moduleIds: string[];
}

/**
 * Libraries the web app must not ship: zod (the contracts' schemas are the API's business; the web
 * imports their plain values from `@huifang/contracts/values`, docs/performance.md#web).
 */
const NOT_IN_THE_WEB = [/[\\/]node_modules[\\/](?:\.pnpm[\\/][^\\/]+[\\/]node_modules[\\/])?zod[\\/]/];

/** The modules of the build that should not be there (see NOT_IN_THE_WEB), by chunk. */
export function forbiddenModules(chunks: ChunkInfo[]): Array<{ file: string; module: string }> {
  return chunks.flatMap((c) =>
    c.moduleIds
      .filter((id) => NOT_IN_THE_WEB.some((re) => re.test(id)))
      .map((module) => ({ file: c.fileName, module })),
  );
}

/** Chunks loaded before the sign-in page shows: a language's strings (ours, antd's, dayjs's). */
const FIRST_RENDER = [
  /\/i18n\/locales\/zh-CN\/(common|auth)\.json$/,
  /\/antd\/(es|lib)\/locale\/zh_CN\.js$/,
  /\/dayjs\/locale\/zh-cn\.js$/,
];

/** The files of the sign-in page's first download and their gzip sizes. */
export function loginFiles(chunks: ChunkInfo[]): Array<{ file: string; gzip: number }> {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const seen = new Set<string>();
  const visit = (c: ChunkInfo | undefined) => {
    if (!c || seen.has(c.fileName)) return;
    seen.add(c.fileName);
    for (const i of c.imports) visit(byName.get(i));
  };
  for (const c of chunks) if (c.isEntry) visit(c);
  // the stages the entry imports to start (chunking.ts BOOT_STAGES)
  for (const f of stageChunks(chunks)) visit(byName.get(f));
  for (const c of chunks) if (FIRST_RENDER.some((re) => re.test(c.facadeModuleId ?? ''))) visit(c);
  return [...seen].map((file) => ({ file, gzip: gzipSync(byName.get(file)!.code, { level: 9 }).length }));
}

export function loginBudget(): Plugin {
  return {
    name: 'huifang:login-budget',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter(
        (o): o is Extract<typeof o, { type: 'chunk' }> => o.type === 'chunk',
      );
      const forbidden = forbiddenModules(chunks.map((c) => ({ ...c, moduleIds: Object.keys(c.modules) })));
      if (forbidden.length > 0)
        this.error(
          `the web bundle includes modules it must not ship (budget.ts NOT_IN_THE_WEB), e.g. ${forbidden[0]!.module} in ${forbidden[0]!.file}: import values from @huifang/contracts/values and types with "import type"`,
        );
      const files = loginFiles(chunks.map((c) => ({ ...c, moduleIds: Object.keys(c.modules) })));
      const total = files.reduce((s, f) => s + f.gzip, 0);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const line = `/login downloads ${kb(total)} gzip of JavaScript in ${files.length} files (budget ${kb(LOGIN_BUDGET_BYTES)})`;
      if (total > LOGIN_BUDGET_BYTES) {
        const biggest = [...files].sort((a, b) => b.gzip - a.gzip).slice(0, 8);
        this.error(`${line}\n${biggest.map((f) => `  ${kb(f.gzip).padStart(9)}  ${f.file}`).join('\n')}`);
      }
      this.info(line);
    },
  };
}
