import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The app starts in stages (apps/web/src/main.tsx, chunking.ts BOOT_STAGES; docs/performance.md#web):
// React's renderer, then the app, each evaluated in a task of its own. Their files must still be
// asked for with the page, not once the entry has run: with the entry's own file held back, both go
// out; the page then works, and every file was asked for once. zh-CN and English, signed out (the
// sign-in page) and signed in (the workbench).

const ENTRY = /\/assets\/index-[^/]*\.js$/;
const STAGES = [/\/assets\/boot-react-[^/]*\.js$/, /\/assets\/boot-app-[^/]*\.js$/];

/** Opens `path` with the entry's file held until both stages' files have been asked for. */
async function openWithEntryHeld(page: Page, path: string): Promise<Map<string, number>> {
  const scripts = new Map<string, number>();
  page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.set(r.url(), (scripts.get(r.url()) ?? 0) + 1);
  });
  let release!: () => void;
  const held = new Promise<void>((r) => {
    release = r;
  });
  await page.route(ENTRY, async (route) => {
    await held;
    await route.continue();
  });
  const stages = Promise.all(
    STAGES.map((re) => page.waitForRequest((r) => re.test(r.url()), { timeout: 15_000 })),
  );
  const opened = page.goto(path);
  await stages;
  release();
  await opened;
  return scripts;
}

function expectEachOnce(scripts: Map<string, number>) {
  for (const re of [ENTRY, ...STAGES]) expect([...scripts.keys()].filter((u) => re.test(u))).toHaveLength(1);
  expect([...scripts.entries()].filter(([, n]) => n > 1)).toEqual([]);
}

for (const english of [false, true]) {
  const lang = english ? 'English' : 'zh-CN';

  test(`${lang}: the sign-in page asks for every stage of the app with the page, once each`, async ({
    page,
  }) => {
    if (english) await page.addInitScript(() => localStorage.setItem('huifang.lang', 'en'));
    const scripts = await openWithEntryHeld(page, '/login');
    await page.getByLabel(english ? 'E-mail' : '邮箱').fill('caller1@demo.local');
    await page.getByLabel(english ? 'Password' : '密码').fill('demo1234');
    await page.getByRole('button', { name: english ? 'Sign in' : /登\s*录/ }).click();
    await expect(page).toHaveURL(/\/workbench/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expectEachOnce(scripts);
  });

  test(`${lang}: a signed-in page asks for every stage with the page too, and opens whole`, async ({
    page,
  }) => {
    if (english) await page.addInitScript(() => localStorage.setItem('huifang.lang', 'en'));
    const signIn = await page.request.post('/api/auth/login', {
      data: { email: 'caller1@demo.local', password: 'demo1234' },
    });
    expect(signIn.ok()).toBe(true);
    const scripts = await openWithEntryHeld(page, '/workbench');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', english ? 'en' : 'zh-CN');
    await page.waitForLoadState('networkidle');
    expectEachOnce(scripts);
  });
}
