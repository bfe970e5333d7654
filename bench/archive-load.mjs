// Cold loads of the same article page from two archive trees, alternated,
// each from its own brotli static server, in headless Chromium. Prints the
// median time until the title is visible and the bytes fetched.
//   node bench/archive-load.mjs SMALL_TREE LARGE_TREE [runs]
import { launch } from '../tests/e2e/helpers.mjs';
import { startServer } from '../tests/e2e/server.mjs';

const [small, large, runs = '9'] = process.argv.slice(2);
const ARTICLE = 'article/n000050';
const browser = await launch();
const servers = { small: await startServer({ root: small, brotli: true }), large: await startServer({ root: large, brotli: true }) };
const results = { small: [], large: [] };

async function coldLoad(server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => (bytes += e.encodedDataLength));
  const started = Date.now();
  await page.goto(server.url + ARTICLE);
  await page.locator('main h1#article-title').first().waitFor();
  const elapsed = Date.now() - started;
  await page.waitForLoadState('networkidle');
  await context.close();
  return { elapsed, bytes };
}

for (let n = 0; n < Number(runs); n++) {
  for (const name of n % 2 ? ['large', 'small'] : ['small', 'large']) results[name].push(await coldLoad(servers[name]));
}
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = Object.fromEntries(Object.entries(results).map(([name, list]) => [name, { ms: median(list.map((r) => r.elapsed)), bytes: median(list.map((r) => r.bytes)) }]));
console.log(`100 articles:     title visible after ${summary.small.ms} ms (median of ${runs}), ${summary.small.bytes} bytes fetched`);
console.log(`100,000 articles: title visible after ${summary.large.ms} ms (median of ${runs}), ${summary.large.bytes} bytes fetched`);
console.log(`time ratio ${(summary.large.ms / summary.small.ms).toFixed(3)} (target at most 1.1); bytes ${summary.small.bytes === summary.large.bytes ? 'equal' : `differ by ${summary.large.bytes - summary.small.bytes}`}`);
for (const server of Object.values(servers)) await server.close();
await browser.close();
