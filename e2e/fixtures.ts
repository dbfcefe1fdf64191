// Playwright's `test` with an accessibility check on every page the tests visit: axe-core
// (WCAG 2.0/2.1 A and AA rules) runs in the browser whenever the path or the language changes and
// the page has settled, and once more on the page a test ends on. A test fails on any critical or
// serious violation, with the list of rule, page, element and reason. Specs import `test` and
// `expect` from here instead of from '@playwright/test'.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

export type { Locator, Page } from '@playwright/test';
export { expect };

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const FAILING = new Set(['critical', 'serious']);

export interface A11yFinding {
  page: string;
  rule: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

interface AxeViolation {
  id: string;
  impact?: string | null;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

const require = createRequire(import.meta.url);
const axeSource = readFileSync(
  require.resolve('axe-core/axe.min.js', { paths: [path.dirname(require.resolve('@axe-core/playwright'))] }),
  'utf8',
);

/** Keeps the violations that fail a test, in a plain shape for the report. */
function failing(where: string, violations: AxeViolation[]): A11yFinding[] {
  return violations
    .filter((v) => FAILING.has(v.impact ?? ''))
    .map((v) => ({
      page: where,
      rule: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({
        target: n.target.map(String).join(' '),
        summary: (n.failureSummary ?? '').split('\n').slice(1).join(' ').trim(),
      })),
    }));
}

/** A readable list: one block per rule and page, its elements under it. */
export function formatFindings(findings: A11yFinding[]): string {
  return findings
    .map(
      (f) =>
        `${f.page}: ${f.rule} (${f.impact}) — ${f.help}\n${f.nodes.map((n) => `    ${n.target}: ${n.summary}`).join('\n')}`,
    )
    .join('\n');
}

/** Runs axe on the page with CSS transitions stopped (colours as they end, not halfway through a hover). */
export async function analyze(page: Page) {
  const style = await page.addStyleTag({
    content: '*, *::before, *::after { transition: none !important; }',
  });
  try {
    return await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  } finally {
    await style.evaluate((el) => el.remove()).catch(() => {});
  }
}

/** Checks the page as it is now (explicitly, e.g. after opening a dialog); throws on critical/serious violations. */
export async function checkA11y(page: Page, label?: string): Promise<void> {
  const results = await analyze(page);
  const where = `${label ?? new URL(page.url()).pathname} [${await page.evaluate(() => document.documentElement.lang)}]`;
  const found = failing(where, results.violations as AxeViolation[]);
  if (found.length)
    throw new Error(`axe: ${found.length} critical/serious violation(s)\n${formatFindings(found)}`);
}

// Runs in every top-level document: after each change of path or language, waits until the DOM has
// been quiet for QUIET ms and nothing is loading, animating or open (within MAX ms, else it lets this
// visit go), then runs axe once for that page and reports to the test.
const runner = `(() => {
  const QUIET = 700, MAX = 6000;
  let key = '', timer = 0, since = 0, lastChange = 0;
  const MOTION = /(^|\\s)[\\w-]+-(enter|appear|leave)(-active|-prepare|-start)?(\\s|$)/;
  // loading, or a menu, popover or list open (the test is using it: axe would only slow it down)
  const busy = () => document.querySelector('.ant-spin-spinning, .ant-skeleton-active, .ant-btn-loading, .ant-dropdown:not(.ant-dropdown-hidden), .ant-popover:not(.ant-popover-hidden), .ant-select-dropdown:not(.ant-select-dropdown-hidden), .ant-picker-dropdown:not(.ant-picker-dropdown-hidden)') ||
    [...document.querySelectorAll('[class*="-enter"], [class*="-appear"], [class*="-leave"]')].some((el) => MOTION.test(el.getAttribute('class') || ''));
  const currentKey = () => location.pathname + ' [' + document.documentElement.lang + ']';
  async function run(k) {
    if (!window.axe || !(await window.__hfAxeWanted(k))) return;
    // colours as they end, not halfway through a hover or focus transition
    const still = document.createElement('style');
    still.textContent = '*, *::before, *::after { transition: none !important; }';
    document.head.appendChild(still);
    try {
      const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(AXE_TAGS)} }, resultTypes: ['violations'] });
      if (currentKey() === k) await window.__hfAxeReport(k, r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) })));
      else await window.__hfAxeSkipped(k);
    } catch (e) { await window.__hfAxeSkipped(k); }
    finally { still.remove(); }
  }
  function tick() {
    const k = currentKey();
    const now = Date.now();
    if (k !== key) { key = k; since = now; lastChange = now; }
    if (!since) return;
    // never settled within MAX: not checked on this visit (a later visit may be)
    if (now - since >= MAX) { since = 0; return; }
    if (now - lastChange >= QUIET && !busy()) { since = 0; void run(k); }
  }
  new MutationObserver(() => { lastChange = Date.now(); }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  timer = setInterval(tick, 200);
})();`;

/** Pages already checked in this worker (path and language): each is checked once per run. */
const checked = new Set<string>();

interface A11yState {
  findings: A11yFinding[];
  pending: Set<string>;
}

export const test = base.extend<{ a11y: A11yState }>({
  a11y: [
    async ({ context }, use) => {
      const state: A11yState = { findings: [], pending: new Set() };
      const { findings, pending } = state;
      await context.exposeFunction('__hfAxeWanted', (key: string) => {
        if (checked.has(key)) return false;
        checked.add(key);
        pending.add(key);
        return true;
      });
      await context.exposeFunction('__hfAxeReport', (key: string, violations: AxeViolation[]) => {
        pending.delete(key);
        findings.push(...failing(key, violations));
      });
      await context.exposeFunction('__hfAxeSkipped', (key: string) => {
        // navigated away while axe ran: the next visit checks it
        pending.delete(key);
        checked.delete(key);
      });
      await context.addInitScript({
        content: `if (window === window.top && location.protocol.startsWith('http') && !window.__hfAxe) { window.__hfAxe = true; ${axeSource}\n${runner} }`,
      });
      await use(state);
    },
    { auto: true },
  ],
  page: async ({ page, a11y }, use) => {
    await use(page);
    if (!page.isClosed()) {
      // Checks still running in the page finish first.
      for (let i = 0; i < 50 && a11y.pending.size; i++) await page.waitForTimeout(200);
      // The page the test ends on, unless it was already checked.
      const key = await page
        .evaluate(() => `${location.pathname} [${document.documentElement.lang}]`)
        .catch(() => null);
      if (key && !checked.has(key) && page.url().startsWith('http')) {
        await page.waitForTimeout(700);
        const results = await analyze(page).catch(() => null);
        if (results) {
          checked.add(key);
          a11y.findings.push(...failing(key, results.violations as AxeViolation[]));
        }
      }
    }
    if (a11y.findings.length) {
      const unique = new Map(a11y.findings.map((f) => [`${f.page}|${f.rule}`, f]));
      throw new Error(
        `axe (WCAG 2.1 AA): ${unique.size} critical/serious violation(s)\n${formatFindings([...unique.values()])}`,
      );
    }
  },
});
