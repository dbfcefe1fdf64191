// The e2e server with a movable clock (e2e/serve.mjs, E2E_CLOCK_FILE): its port and clock file for
// a run on `port`, and the steps a spec uses to move its time. The browser's own clock is the
// spec's to set (page.clock).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type APIRequestContext, expect } from '@playwright/test';

export const clockPort = (port: number) => port + 1;
export const clockFile = (port: number) => path.resolve(`.data/e2e-clock-${port}.txt`);

const PORT = Number(process.env.E2E_PORT ?? 3100);
/** The base URL of the server whose clock the specs may move. */
export const CLOCK_URL = `http://localhost:${clockPort(PORT)}`;

/** The server's time, as its health check reads it. */
async function serverTime(request: APIRequestContext): Promise<number> {
  const res = await request.get(`${CLOCK_URL}/api/health`);
  return Date.parse(((await res.json()) as { time: string }).time);
}

/**
 * Moves the server's clock (and its database's) to `at` (to `null`: back to the real time), and
 * waits until the server reads it: libfaketime re-reads the file every second.
 */
export async function setServerClock(request: APIRequestContext, at: Date | null): Promise<void> {
  const offset = at ? Math.ceil((at.getTime() - Date.now()) / 1000) : 0;
  mkdirSync(path.dirname(clockFile(PORT)), { recursive: true });
  writeFileSync(clockFile(PORT), `${offset >= 0 ? '+' : ''}${offset}\n`);
  const target = Date.now() + offset * 1000;
  await expect
    .poll(async () => Math.abs((await serverTime(request)) - target) < 60_000, { timeout: 15_000 })
    .toBe(true);
}
