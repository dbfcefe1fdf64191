# syntax=docker/dockerfile:1
# The production image: the compiled server (apps/api/dist), its production dependencies only
# (`pnpm deploy --prod`), the built web app and the migrations, run by an unprivileged user.
# It needs DATABASE_URL (docker-compose.yml); the embedded database is for development.
# docs/decisions/011-production-build.md

FROM node:22-bookworm-slim AS base
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH
RUN npm install -g pnpm@10.34.9

# Dependencies: fetched from the lockfile alone, so this layer stays cached until it changes.
FROM base AS build
WORKDIR /src
COPY pnpm-lock.yaml pnpm-workspace.yaml .pnpmfile.cjs ./
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm fetch --frozen-lockfile
COPY . .
RUN --mount=type=cache,id=pnpm,target=/pnpm/store pnpm install --frozen-lockfile --offline \
 && pnpm build \
 && pnpm --filter @huifang/api deploy --legacy --prod --prefer-offline --ignore-scripts /out/apps/api \
 && mkdir -p /out/prisma /out/apps/web \
 && cp -r prisma/migrations /out/prisma/migrations \
 && cp -r apps/web/dist /out/apps/web/dist

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production PORT=3000
WORKDIR /app
# The checkout's layout, which the server finds its files by (apps/api/src/config.ts repoRoot).
COPY --from=build /out ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node directly (not through pnpm), so that SIGTERM reaches the server and it stops cleanly.
CMD ["node", "--enable-source-maps", "apps/api/dist/server.js"]
