FROM node:22-bookworm-slim
WORKDIR /app
RUN npm install -g pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile && pnpm --filter @huifang/web build
ENV NODE_ENV=production PORT=3000
EXPOSE 3000
# Node directly (not through pnpm), so that SIGTERM reaches the server and it stops cleanly.
WORKDIR /app/apps/api
CMD ["node", "--import", "tsx", "src/server.ts"]
