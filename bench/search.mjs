// 站内搜索 benchmark, run by bench/search.sh (not part of the tests).
//
//   node bench/search.mjs TREE QUERIES.jsonl [--timed N] [--pagefind]
//
// QUERIES.jsonl is `portal-build search-check`'s output: per query, its
// brute-force agreement (the index's candidates, and the first page as the
// app shows it, with its count exact or 约) and the files a cold query
// fetches. This script
// weighs those files (brotli, quality 11, as the test server sends them:
// everything a query needs after the app shell, the folding table
// included), then times N of the queries in Chromium (slow 4G: 150 ms RTT,
// 1.6 Mbps; CPU x4): from Enter in the header's box to the results shown,
// on a cold page that has just loaded the home page.
// With --pagefind, the same queries go to Pagefind's index of TREE (built by
// bench/search.sh into TREE/pagefind): bytes a cold search and its first 10
// results fetch, and how many results it finds against the brute force.
import { readFileSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { launch } from '../tests/e2e/helpers.mjs';
import { startServer } from '../tests/e2e/server.mjs';

const [tree, queriesFile, ...flags] = process.argv.slice(2);
const flag = (name) => flags.includes(name);
const timed = Number(flags[flags.indexOf('--timed') + 1] ?? 0) || 0;
const queries = readFileSync(queriesFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const max = (v) => Math.max(...v);
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const brotli = new Map();
const weigh = (file) => {
  if (!brotli.has(file)) {
    const bytes = readFileSync(join(tree, file));
    brotli.set(file, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
  }
  return brotli.get(file);
};
const du = (dir) => readdirSync(dir, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile()).reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);

// Bytes per cold query, from the files search-check listed.
const table = weigh('search-t2s.txt');
const bytes = queries.map((q) => table + q.files.reduce((sum, f) => sum + weigh(f), 0));
const byLength = new Map();
queries.forEach((q, i) => {
  const n = [...q.q].length;
  byLength.set(n, [...(byLength.get(n) ?? []), bytes[i]]);
});
console.log(`${queries.length} queries of 1-8 characters drawn from the articles`);
console.log(`index on disk: ${(du(join(tree, 'search')) / 1048576).toFixed(1)} MB (shards ${(du(join(tree, 'search', 'g')) / 1048576).toFixed(1)} MB, tail ${(du(join(tree, 'search', 't')) / 1048576).toFixed(2)} MB, rows ${(du(join(tree, 'search', 'rows')) / 1048576).toFixed(1)} MB)`);
console.log(`bytes per cold query (brotli, folding table ${kb(table)} included): median ${kb(median(bytes))}, worst ${kb(max(bytes))}`);
console.log(`  by length: ${[...byLength].sort((a, b) => a[0] - b[0]).map(([n, v]) => `${n}: ${kb(median(v))}`).join(', ')}`);
const missed = queries.filter((q) => q.missed > 0);
const inexact = queries.filter((q) => q.false > 0);
const candidates = queries.reduce((s, q) => s + q.candidates, 0);
const wrong = queries.reduce((s, q) => s + q.false, 0);
const shownTotal = queries.reduce((s, q) => s + q.shown, 0);
const wrongShown = queries.reduce((s, q) => s + q.false_shown, 0);
console.log(`recall: ${missed.length} of ${queries.length} queries missed a result; index precision ${(100 * (1 - wrong / Math.max(candidates, 1))).toFixed(3)}% over ${candidates} candidates (${inexact.length} queries with extra candidates${inexact.length ? ', worst: ' + inexact.sort((a, b) => b.false / b.candidates - a.false / a.candidates).slice(0, 3).map((q) => `“${q.q}” ${q.candidates - q.false}/${q.candidates}`).join(', ') : ''})`);
console.log(`first pages: ${shownTotal - wrongShown} of ${shownTotal} results shown contain the query; counts exact for ${queries.filter((q) => !q.about).length} of ${queries.length} queries (约 for the rest); articles read to check them: ${queries.reduce((s, q) => s + q.read, 0)}`);

const browser = await launch();
// Bytes are weighed as the server sends them: Pagefind fetches from a
// worker, whose requests the page's DevTools session does not see.
let served = 0;
const server = await startServer({ root: tree, brotli: true, sent: (path, bytes) => { served += bytes; } });

async function throttled(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  return cdp;
}

/** Bodies sent from now on (brotli where the server compressed; no headers). */
function meter() {
  let start = served;
  return { reset: () => { start = served; }, get: () => served - start };
}

if (timed > 0) {
  const step = Math.max(1, Math.floor(queries.length / timed));
  const times = [], wire = [];
  for (let i = 0; i < queries.length && times.length < timed; i += step) {
    const context = await browser.newContext({ locale: 'zh-CN' });
    const page = await context.newPage();
    await throttled(context, page);
    const bytesOnWire = meter();
    await page.goto(server.url);
    await page.locator('#prerender').waitFor({ state: 'detached', timeout: 60000 });
    await page.waitForTimeout(500);
    bytesOnWire.reset();
    const box = page.getByRole('searchbox', { name: '搜索本站' });
    await box.focus();
    await box.fill(queries[i].q);
    const shown = await page.evaluate(() => new Promise((done) => {
      const start = performance.now();
      const wait = () => {
        const result = document.querySelector('body > main#main :is(.search-summary, .search-empty, .notice, .error-panel)');
        return result ? done([performance.now() - start, result.textContent]) : requestAnimationFrame(wait);
      };
      document.querySelector('header form.site-search button').click();
      requestAnimationFrame(wait);
    }));
    await page.waitForTimeout(300);
    times.push(shown[0]);
    wire.push(bytesOnWire.get());
    const count = Number(/找到约? (\d+) 篇/.exec(shown[1])?.[1] ?? 0);
    if (count !== queries[i].found) console.log(`  “${queries[i].q}”: the app found ${count}, search-check ${queries[i].found}`);
    await context.close();
  }
  console.log(`Enter to results shown (slow 4G, CPU x4), ${times.length} cold queries: median ${Math.round(median(times))} ms, worst ${Math.round(max(times))} ms; sent by the server (after the home page) median ${kb(median(wire))}, worst ${kb(max(wire))}`);
}

if (flag('--pagefind')) {
  const pfBytes = [], ratio = [];
  let below = 0;
  for (const q of queries) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const bytesOnWire = meter();
    await page.goto(`${server.url}site.json`);
    bytesOnWire.reset();
    const found = await page.evaluate(async (query) => {
      const pagefind = await import('/pagefind/pagefind.js');
      const search = await pagefind.search(query);
      await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
      return search.results.length;
    }, q.q);
    pfBytes.push(bytesOnWire.get());
    ratio.push(found / Math.max(q.expected, 1));
    if (found < q.expected) below++;
    await context.close();
  }
  console.log(`Pagefind on the same tree: bytes per cold query median ${kb(median(pfBytes))}, worst ${kb(max(pfBytes))}; ${below} of ${queries.length} queries found fewer results than the brute force (median found/expected ${median(ratio).toFixed(3)}); index ${(du(join(tree, 'pagefind')) / 1048576).toFixed(1)} MB`);
}

await server.close();
await browser.close();
