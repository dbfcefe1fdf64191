// @prisma/client names the prisma CLI (and TypeScript) as optional peers; pnpm satisfies them from
// the workspace, which put the CLI, Prisma Studio and TypeScript (≈150 MB) into the production
// install (`pnpm deploy --prod`). The generated client never loads them at run time.
// docs/decisions/011-production-build.md
module.exports = {
  hooks: {
    readPackage(pkg) {
      if (pkg.name === '@prisma/client') {
        delete pkg.peerDependencies?.prisma;
        delete pkg.peerDependencies?.typescript;
        delete pkg.peerDependenciesMeta?.prisma;
        delete pkg.peerDependenciesMeta?.typescript;
      }
      return pkg;
    },
  },
};
