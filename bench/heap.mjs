// 1,000 in-app navigations between articles, categories and home, then the
// JS heap and the wasm memory compared with the start. A benchmark, not a
// test: run it on demand (`node bench/heap.mjs`, after scripts/build.sh).
// Bound documented in docs/performance.md: JS heap growth under 5 MB after GC.
import { launch, serve, openPage, ready } from '../tests/e2e/helpers.mjs';

const NAVIGATIONS = Number(process.env.NAVIGATIONS ?? 1000);
const browser = await launch();
const server = await serve('dist', '/');
const { page, context, problems } = await openPage(browser);
const cdp = await context.newCDPSession(page);
const measure = async () => {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return { js: usedSize, nodes: await page.evaluate(() => document.getElementsByTagName('*').length) };
};

await page.goto(server.url + 'article/a1003');
await ready(page);
// Warm up every route once so first-use allocations are not counted.
for (const selector of ['.related .article-list a', '.breadcrumb li:nth-child(2) a', '.site-nav a']) {
  await page.locator(selector).first().click();
  await ready(page);
}
const before = await measure();
const started = Date.now();
const targets = ['.related .article-list a', '.side-blocks .article-list a', '.breadcrumb li:nth-child(2) a', '.category-page .article-list a', '.home-blocks .article-list a', '.site-nav a'];
for (let n = 0; n < NAVIGATIONS; n++) {
  const links = page.locator(targets.join(', '));
  const count = await links.count();
  await links.nth((n * 7) % count).click();
  await page.locator('main h1').first().waitFor({ state: 'attached' });
}
const after = await measure();
const mb = (bytes) => (bytes / 1048576).toFixed(2);
console.log(`${NAVIGATIONS} navigations in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`JS heap after GC: ${mb(before.js)} MB -> ${mb(after.js)} MB (growth ${mb(after.js - before.js)} MB)`);
console.log(`DOM elements: ${before.nodes} -> ${after.nodes}`);
console.log(problems.length ? `problems: ${problems.join('; ')}` : 'no console or page errors');
await context.close();
await server.close();
await browser.close();
