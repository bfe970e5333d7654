// Shared set-up for the end-to-end tests: Debian's Chromium driven by
// playwright-core, the release bundle behind the static server, and a page
// that fails the test on any console error, page error or request to
// another host.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from './server.mjs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/**
 * One browser, and a server for `dist` at `prefix` (none when `dist` is
 * null), shared by a test file: registers its before/after hooks.
 */
export function setup(dist = 'dist', prefix = '/') {
  const env = {};
  before(async () => {
    env.browser = await launch();
    if (dist) env.server = await serve(dist, prefix);
  });
  after(async () => {
    await env.server?.close();
    await env.browser?.close();
  });
  return env;
}

export async function serve(dist = 'dist', prefix = '/', options = {}) {
  return startServer({ root: join(ROOT, dist), prefix, ...options });
}

/**
 * A fresh page that records problems. `allowErrors` lists substrings of
 * console errors a test provokes on purpose (a 404 it asked for, say).
 */
export async function openPage(browser, { allowErrors = [], contextOptions = {} } = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  const foreignRequests = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowErrors.some((allowed) => message.text().includes(allowed))) {
      problems.push(`console error: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'data:') return route.fallback();
    foreignRequests.push(route.request().url());
    return route.abort();
  });
  return { context, page, problems, foreignRequests };
}

/** Waits for the app (not a pre-rendered copy) to render a page's main heading. */
export async function ready(page) {
  await page.locator('body > main#main h1').first().waitFor({ state: 'attached', timeout: 20000 });
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** axe-core's WCAG 2.1 A/AA violations on the page (its CSP must be bypassed). */
export async function axe(page) {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
  });
}
