// Performance against the static-page floor (on demand, not a test):
//   bash bench/perf.sh      (builds dist/ first), or: node bench/perf.mjs [runs]
//
// The site is deployed as portal-build makes it from the demo feed (the
// app from dist/, the data sharded, a pre-rendered crawler page per
// article) in target/perf-site/. For the article, home and a category page
// it serves, from one brotli server, the app and a static HTML rendering of
// the same page: the app's own rendered DOM saved without scripts, so same
// text, same markup, same CSS. The article is also measured as a plain SPA
// deep link (dist/ alone, index.html fallback, no pre-rendered page). Then headless Chromium with Lighthouse's mobile slow-4G profile
// (150 ms RTT, 1.6 Mbps down, 750 kbps up, CPU x4, cold cache) loads each
// pair alternately and prints medians and ratios: title and first text
// visible, interactive (the app's own page rendered: a pre-rendered page
// handed over, share bar and font switch live), LCP, bytes by type, data
// files fetched more than once, and in-app navigation time.
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, ROOT } from '../tests/e2e/helpers.mjs';
import { startServer } from '../tests/e2e/server.mjs';

const RUNS = Number(process.argv[2] ?? 7);
const SITE = join(ROOT, 'target', 'perf-site');
// The same deployment with the article page's data file not preloaded,
// to measure what the preload gives in the same run.
const NO_PRELOAD = join(ROOT, 'target', 'perf-site-no-preload');
// And with the app's js and wasm requested only after the first paint (no
// preload links; boot.js waits a frame): what Lighthouse's simulated LCP
// asks for, since it counts every request that ends before the LCP paint.
const AFTER_PAINT = join(ROOT, 'target', 'perf-site-after-paint');
const PAGES = [
  { name: 'article', path: 'article/a1003', title: 'main h1', text: '.article-body p', next: '.related .article-list a' },
  { name: 'article-no-preload', floor: 'article', root: NO_PRELOAD, path: 'article/a1003', title: 'main h1', text: '.article-body p', next: '.related .article-list a' },
  { name: 'article-after-paint', floor: 'article', root: AFTER_PAINT, path: 'article/a1003', title: 'main h1', text: '.article-body p', next: '.related .article-list a' },
  { name: 'article-spa', floor: 'article', root: join(ROOT, 'dist'), path: 'article/a1003', title: 'main h1', text: '.article-body p', next: '.related .article-list a' },
  { name: 'home', path: '', title: '.lead-story h2', text: '.lead-story p', next: '.home-blocks .article-list a' },
  { name: 'category', path: 'category/kfqdt', title: 'main h1', text: '.category-page .article-list a', next: '.category-page .article-list a' },
];
const STATIC_DIR = join(SITE, 'static-floor');
const browser = await launch();

// 1. Static renderings, from the app's own DOM.
rmSync(STATIC_DIR, { recursive: true, force: true });
mkdirSync(STATIC_DIR, { recursive: true });
{
  const server = await startServer({ root: SITE });
  const page = await browser.newPage();
  for (const p of PAGES.filter((p) => !p.root)) {
    await page.goto(server.url + p.path);
    await page.locator(p.text).first().waitFor();
    await page.locator('#prerender').waitFor({ state: 'detached' });
    await page.waitForTimeout(200);
    const html = await page.evaluate(() => {
      const doc = document.documentElement.cloneNode(true);
      doc.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"], meta[http-equiv]').forEach((e) => e.remove());
      return `<!DOCTYPE html>\n${doc.outerHTML}`;
    });
    writeFileSync(join(STATIC_DIR, `${p.name}.html`), html);
  }
  await page.close();
  await server.close();
}

rmSync(NO_PRELOAD, { recursive: true, force: true });
rmSync(AFTER_PAINT, { recursive: true, force: true });
cpSync(SITE, NO_PRELOAD, { recursive: true });
{
  const file = join(NO_PRELOAD, 'article', 'a1003', 'index.html');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/ data-files="[^"]*"/, ''));
}
rmSync(AFTER_PAINT, { recursive: true, force: true });
cpSync(SITE, AFTER_PAINT, { recursive: true });
{
  const page = join(AFTER_PAINT, 'article', 'a1003', 'index.html');
  writeFileSync(page, readFileSync(page, 'utf8').replace(/<link rel="(module)?preload" href="[^"]*portal-[^"]*"[^>]*>/g, ''));
  const boot = join(AFTER_PAINT, 'boot.js');
  const loader = readFileSync(boot, 'utf8');
  const start = '    const { default: init } = await import(tag.dataset.js);';
  if (!loader.includes(start)) throw new Error('boot.js changed: update the after-paint variant');
  writeFileSync(boot, loader.replace(start, `    await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\n${start}`));
}

// 2. Alternated cold loads under the mobile profile.
const server = await startServer({ root: SITE, brotli: true });
const servers = new Map([[SITE, server]]);
for (const p of PAGES.filter((p) => p.root)) servers.set(p.root, await startServer({ root: p.root, brotli: true }));
// The server compresses a file on its first request (over a second for the
// wasm, blocking every other response): ask for each once, as a CDN has
// them precompressed, so that no measured load waits for it.
for (const [root, s] of servers) {
  for (const file of readdirSync(root).filter((f) => /\.(wasm|js|css)$/.test(f))) {
    await (await fetch(s.url + file, { headers: { 'accept-encoding': 'br' } })).arrayBuffer();
  }
}
const kind = (url) => {
  const path = new URL(url).pathname;
  if (path.endsWith('.wasm')) return 'wasm';
  if (path.endsWith('.js')) return 'js';
  if (path.endsWith('.css')) return 'css';
  if (path.endsWith('.json')) return 'json';
  if (/\.(svg|png|jpe?g|gif|webp|ico)$/.test(path)) return 'images';
  return 'html';
};

async function coldLoad(url, p, navigate) {
  const context = await browser.newContext({ viewport: { width: 412, height: 823 }, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true });
  await context.addInitScript(({ title, text }) => {
    window.__marks = {};
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__marks.lcp = e.startTime; }).observe({ type: 'largest-contentful-paint', buffered: true });
    const check = () => {
      const visible = (sel) => { const e = document.querySelector(sel); return e && e.textContent.trim() && e.getBoundingClientRect().height > 0; };
      if (!window.__marks.title && visible(title)) window.__marks.title = performance.now();
      if (!window.__marks.text && visible(text)) window.__marks.text = performance.now();
      // The app's own page: its heading in <body>'s <main>, nothing pre-rendered left.
      if (!window.__marks.interactive && !document.getElementById('prerender') && document.querySelector('body > main#main h1')) {
        window.__marks.interactive = performance.now();
      }
      if (!(window.__marks.title && window.__marks.text && window.__marks.interactive)) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, { title: p.title, text: p.text });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const bytes = {};
  const urls = new Map();
  const requested = new Map();
  cdp.on('Network.requestWillBeSent', (e) => {
    urls.set(e.requestId, e.request.url);
    requested.set(e.request.url, (requested.get(e.request.url) ?? 0) + 1);
  });
  cdp.on('Network.loadingFinished', (e) => { const k = kind(urls.get(e.requestId)); bytes[k] = (bytes[k] ?? 0) + e.encodedDataLength; });
  await page.goto(url);
  await page.waitForFunction(() => window.__marks.title && window.__marks.text && window.__marks.interactive, null, { timeout: 60000 });
  await page.waitForTimeout(1500);
  const marks = await page.evaluate(() => window.__marks);
  const twice = [...requested].filter(([url, n]) => url.endsWith('.json') && n > 1).map(([url]) => new URL(url).pathname);
  let navigation, pointed;
  if (navigate) {
    // Click to new title visible, for the first and second link: the first
    // clicked at once (a script's click, no warning), the second the way a
    // reader does it, pointing at the link 300 ms before clicking.
    const follow = async (nth, pointFirst) => {
      const link = page.locator(p.next).nth(nth);
      await link.scrollIntoViewIfNeeded();
      if (pointFirst) {
        await link.dispatchEvent('pointerover');
        await page.waitForTimeout(300);
      }
      return page.evaluate(([selector, n]) => new Promise((done) => {
        const old = document.title;
        const start = performance.now();
        const wait = () => (document.title !== old && document.querySelector('main h1') ? done(performance.now() - start) : requestAnimationFrame(wait));
        document.querySelectorAll(selector)[n].click();
        requestAnimationFrame(wait);
      }), [p.next, nth]);
    };
    navigation = await follow(0, false);
    await page.goBack();
    await page.locator(p.next).nth(1).waitFor();
    pointed = await follow(1, true);
  }
  await context.close();
  return { ...marks, bytes, twice, navigation, pointed };
}

const median = (values) => { const v = values.filter((x) => x !== undefined).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
console.log(`Chromium ${browser.version()}, ${RUNS} cold loads each, alternated; mobile slow 4G: 150 ms RTT, 1.6 Mbps, CPU x4\n`);
for (const p of PAGES) {
  const app = [], floor = [];
  for (let n = 0; n < RUNS; n++) {
    const order = n % 2 ? ['floor', 'app'] : ['app', 'floor'];
    for (const which of order) {
      if (which === 'app') app.push(await coldLoad(servers.get(p.root ?? SITE).url + p.path, p, true));
      else floor.push(await coldLoad(`${server.url}static-floor/${p.floor ?? p.name}.html`, p, false));
    }
  }
  const row = (label, key) => {
    const a = median(app.map((r) => r[key])), f = median(floor.map((r) => r[key]));
    console.log(`  ${label.padEnd(22)} app ${a.toFixed(0).padStart(6)} ms   static ${f.toFixed(0).padStart(6)} ms   ratio ${(a / f).toFixed(2)}`);
  };
  console.log(`${p.name} (/${p.path})`);
  row('title visible', 'title');
  row('first text visible', 'text');
  const interactive = median(app.map((r) => r.interactive)), title = median(floor.map((r) => r.title));
  console.log(`  ${'interactive'.padEnd(22)} app ${interactive.toFixed(0).padStart(6)} ms   static title ${title.toFixed(0).padStart(6)} ms   ratio ${(interactive / title).toFixed(2)}`);
  const twice = [...new Set(app.flatMap((r) => r.twice))];
  console.log(`  data fetched twice     ${twice.length ? twice.join(', ') : 'none'}`);
  row('LCP', 'lcp');
  for (const [label, runs] of [['app', app], ['static', floor]]) {
    const kinds = [...new Set(runs.flatMap((r) => Object.keys(r.bytes)))].sort();
    console.log(`  bytes (${label.padEnd(6)})        ${kinds.map((k) => `${k} ${kb(median(runs.map((r) => r.bytes[k] ?? 0)))}`).join(', ')}`);
  }
  console.log(`  in-app navigation      ${median(app.map((r) => r.navigation)).toFixed(0)} ms (click to new title, CPU x4)`);
  console.log(`  ... pointed at first   ${median(app.map((r) => r.pointed)).toFixed(0)} ms (pointer on the link 300 ms before the click)\n`);
}
for (const s of servers.values()) await s.close();
await browser.close();
rmSync(STATIC_DIR, { recursive: true, force: true });
rmSync(NO_PRELOAD, { recursive: true, force: true });
rmSync(AFTER_PAINT, { recursive: true, force: true });
