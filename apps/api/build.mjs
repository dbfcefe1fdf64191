// Compiles the server for production: src/server.ts and everything it imports from this package
// and the workspace packages (@huifang/contracts, @huifang/domain, the generated Prisma client)
// become one ES module, dist/server.js; the npm packages stay imports, installed by
// `pnpm deploy --prod` (Dockerfile). Why a bundler and not tsc: docs/decisions/011-production-build.md
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const outdir = path.join(here, 'dist');

/** npm packages stay imports; the workspace's own (TypeScript source) are compiled in. */
const npmPackagesStayExternal = {
  name: 'npm-packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@huifang/')) return undefined;
      return { path: args.path, external: true };
    });
  },
};

const result = await build({
  entryPoints: [path.join(here, 'src/server.ts')],
  outfile: path.join(outdir, 'server.js'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20.19',
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
  plugins: [npmPackagesStayExternal],
});
mkdirSync(outdir, { recursive: true });
// What the bundle imports at run time: test/production-build.test.ts checks it against package.json.
writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
