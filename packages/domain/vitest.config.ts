import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// This package's unit tests alone, for Stryker (stryker.config.mjs): `pnpm test:mutation`.
// `pnpm test` does not read this file; the root config's 'packages' project runs the same tests.
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
