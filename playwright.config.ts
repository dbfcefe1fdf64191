import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { clockFile, clockPort } from './e2e/clock';

// Debian's Chromium here (never `playwright install` on these machines); elsewhere
// CHROMIUM_PATH chooses a browser, or Playwright's own is used when neither exists.
const chromium =
  process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const PORT = Number(process.env.E2E_PORT ?? 3100);
const CLOCK_PORT = clockPort(PORT);

export default defineConfig({
  testDir: 'e2e',
  // per port, so that runs side by side keep their own traces
  outputDir: `test-results/e2e-${PORT}`,
  // Each test walks a whole flow through several roles (dozens of page loads): on a busy
  // machine (CI beside other work, `pnpm test:load`) that genuinely takes minutes.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://localhost:${PORT}`,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // The browser asks for reduced motion, so antd's dialogs and menus open and close without
    // animating (apps/web/src/lib/media.ts): a click never lands on a dialog still zooming in or out.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    // A fresh embedded database with the demo data for every run.
    server(PORT),
    // The same on the next port, with a clock a spec may move forward (e2e/clock.ts): only the
    // specs that need a month to end use it, so the others keep the real date.
    server(CLOCK_PORT, { E2E_CLOCK_FILE: clockFile(PORT) }),
  ],
});

function server(port: number, extra: Record<string, string> = {}) {
  return {
    command: 'node e2e/serve.mjs',
    url: `http://localhost:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      HUIFANG_DATA_DIR: `.data/e2e-${port}`,
      HUIFANG_LOGIN_RATE_MAX: '1000',
      // the specs check figures right after the writes that change them
      HUIFANG_LIVE_FIGURES_SECONDS: '0',
      LOG_LEVEL: 'warn',
      ...extra,
    },
    stdout: 'pipe' as const,
  };
}
