// `portal-build serve`, the preview server, on the 3,000-article archive
// (dist-archive/, built by scripts/test.sh with target/tool/portal-build):
// the hosting rules of docs/hosting.md as nginx.test.mjs checks them on
// nginx — deep links rendering the right page in Chromium, a missing file
// a 404, the wasm's type, the search shards gzipped.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, ready, ROOT } from './helpers.mjs';

const TREE = join(ROOT, 'dist-archive');
const TOOL = join(ROOT, 'target', 'tool', 'portal-build');
const json = (path) => JSON.parse(readFileSync(join(TREE, path), 'utf8'));
const file = (path) => readFileSync(join(TREE, path));

const env = {};
before(async () => {
  // Port 0: any free one; the server prints its URL.
  env.server = spawn(TOOL, ['serve', TREE, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  env.exited = new Promise((done) => env.server.once('exit', done));
  env.url = await new Promise((done, fail) => {
    let out = '';
    env.server.stdout.on('data', (chunk) => {
      out += chunk;
      const url = out.match(/ at (http:\/\/127\.0\.0\.1:\d+\/)/)?.[1];
      if (url) done(url);
    });
    env.server.once('exit', (code) => fail(new Error(`portal-build serve exited (${code}): ${out}`)));
  });
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  if (env.server?.exitCode === null) {
    env.server.kill('SIGINT'); // as Ctrl-C
    await env.exited;
  }
});

/** GET `path`, uncompressed unless `headers` ask for an encoding. */
const get = (path, headers = {}) => fetch(env.url + path, { headers: { 'accept-encoding': 'identity', ...headers } });

test('cold deep links render the right page', async () => {
  const { page, problems, context } = await openPage(env.browser);
  const heading = () => page.locator('body > main#main h1').first().innerText();
  const open = async (path) => {
    await page.goto(env.url + path);
    await ready(page);
  };

  await open('article/n002345');
  assert.equal(await heading(), json('articles/n002345.json').items[0].title);

  await open('category/cyfz?page=2');
  assert.equal(await heading(), '产业发展');
  await page.locator('.pager [aria-current="page"]', { hasText: '2' }).waitFor();

  await open('sitemap');
  assert.equal(await heading(), '网站地图');

  // Results need the index's .bin shards.
  await open(`search?q=${encodeURIComponent('开发区')}`);
  await page.locator('body > main#main .search-results h2').first().waitFor();
  assert.match(await page.locator('body > main#main .search-summary').innerText(), /^找到 \d+ 篇与“开发区”有关的文章$/);

  await open('zh-hant/article/n000001');
  assert.equal(await heading(), json('zh-hant/articles/n000001.json').items[0].title);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant');

  assert.deepEqual(problems, []);
  await context.close();
});

test('each path gets the pre-rendered page, else the nearest app.html', async () => {
  for (const [path, expected] of [
    ['', 'index.html'],
    ['article/n002345', 'article/n002345/index.html'],
    ['category/cyfz?page=2', 'category/cyfz/index.html'],
    [`search?q=${encodeURIComponent('开发区')}`, 'app.html'],
    ['zh-hant/article/n000001', 'zh-hant/article/n000001/index.html'],
    ['zh-hant/category/no-such-category', 'zh-hant/app.html'],
  ]) {
    const response = await get(path);
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8', path);
    assert.equal(response.headers.get('cache-control'), 'no-cache', path);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(file(expected)), `${path} is ${expected}`);
  }
});

test('a missing file with an extension is a 404, and no path leaves the tree', async () => {
  for (const path of ['no-such-feed.json', 'articles/n999999.json', 'search/g/999999.bin', 'zh-hant/articles/n999999.json']) {
    const response = await get(path);
    assert.equal(response.status, 404, path);
    assert.equal(response.headers.get('cache-control'), 'no-cache', path);
  }
  // fetch() would resolve the dots itself: the request line is sent as
  // written, each on a connection of its own.
  const { request } = await import('node:http');
  for (const path of ['/../Cargo.toml', '/%2e%2e/Cargo.toml', '/article/..%2f..%2f..%2fCargo.toml']) {
    const status = await new Promise((done, fail) => {
      request(env.url, { path, agent: false }, (response) => {
        response.resume();
        done(response.statusCode);
      }).once('error', fail).end();
    });
    assert.equal(status, 400, path);
  }
});

test('the wasm is application/wasm and cached for good; the search shards are gzipped when asked', async () => {
  const wasm = readFileSync(join(TREE, 'index.html'), 'utf8').match(/data-wasm="\/([^"]+)"/)[1];
  const response = await get(wasm, { 'accept-encoding': 'gzip, deflate, br' });
  assert.equal(response.headers.get('content-type'), 'application/wasm');
  assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.equal(response.headers.get('content-encoding'), 'gzip');
  for (const path of ['search/g/0.bin', 'feed.json', 'sitemap.xml']) {
    const gzipped = await get(path, { 'accept-encoding': 'gzip' });
    assert.equal(gzipped.headers.get('content-encoding'), 'gzip', path);
    assert.equal(gzipped.headers.get('vary'), 'Accept-Encoding', path);
    // fetch() decodes it: the bytes are the file's.
    assert.ok(Buffer.from(await gzipped.arrayBuffer()).equals(file(path)), `${path} decodes to the file`);
  }
  const plain = await get('search/g/0.bin');
  assert.equal(plain.headers.get('content-encoding'), null, 'only when asked');
  assert.equal(plain.headers.get('content-type'), 'application/octet-stream');
  assert.equal(Number(plain.headers.get('content-length')), file('search/g/0.bin').length);
});
