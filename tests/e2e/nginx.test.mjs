// The deploy on a real nginx: Debian's /usr/sbin/nginx, run as this user
// on 127.0.0.1, with deploy/nginx/*.conf exactly as committed but for their
// `listen` and folder lines. It serves the release tree at the root, the
// /news/ build under /news/ and the 3,000-article archive at the root of a
// second port, and checks the hosting rules of docs/hosting.md: deep links,
// 404s, cache headers, MIME types and compression, and pages in Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, ready, ROOT } from './helpers.mjs';

const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';
const SITES = {
  release: { conf: 'portal-root.conf', tree: 'dist', prefix: '/' },
  news: { conf: 'portal-news.conf', tree: 'dist-news', prefix: '/news/' },
  archive: { conf: 'portal-root.conf', tree: 'dist-archive', prefix: '/' },
};
const HASHED = /-[0-9a-f]{12,20}(_bg)?\.(js|wasm|css)$/;
const IMMUTABLE = 'public, max-age=31536000, immutable';

const file = (site, path) => readFileSync(join(ROOT, SITES[site].tree, path));
const archiveJson = (path) => JSON.parse(file('archive', path));
/** The trunk bundle's files in a tree: the only names with a content hash. */
const bundle = (site) => readdirSync(join(ROOT, SITES[site].tree)).filter((name) => HASHED.test(name));

/** A port on 127.0.0.1 that nothing listens on now. */
function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer().once('error', fail).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** `conf` as committed, with its one `listen` line and its one `root` or `alias` line pointed at `port` and `tree`. */
function localConf(conf, port, tree) {
  let text = readFileSync(join(ROOT, 'deploy', 'nginx', conf), 'utf8');
  const swap = (line, replacement) => {
    assert.equal(text.match(new RegExp(line.source, 'gm'))?.length, 1, `${conf}: one line like ${line}`);
    text = text.replace(line, replacement);
  };
  swap(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`);
  swap(/^(\s*)(root|alias) \/srv\/portal\/dist(\/?);$/m, `$1$2 ${tree}$3;`);
  return text;
}

const running = (child) => child.exitCode === null && child.signalCode === null;

/** Resolves once `port` accepts connections; rejects if nginx exits first. */
async function listening(port, nginx, log) {
  for (let tries = 0; tries < 100; tries++) {
    if (!running(nginx)) throw new Error(`nginx exited (${nginx.exitCode}):\n${log()}`);
    const up = await new Promise((done) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        done(true);
      }).once('error', () => done(false));
    });
    if (up) return;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error(`nginx is not listening on ${port}:\n${log()}`);
}

const env = {};
before(async () => {
  assert.ok(existsSync(NGINX), `${NGINX} is missing: bash scripts/setup.sh browser installs it`);
  env.dir = mkdtempSync(join(tmpdir(), 'portal-nginx-'));
  const includes = [];
  env.url = {};
  for (const [name, { conf, tree, prefix }] of Object.entries(SITES)) {
    const port = await freePort();
    writeFileSync(join(env.dir, `${name}.conf`), localConf(conf, port, join(ROOT, tree)));
    includes.push(`include ${join(env.dir, `${name}.conf`)};`);
    env.url[name] = `http://127.0.0.1:${port}${prefix}`;
  }
  // Everything nginx writes stays in the temporary folder (Debian's build
  // defaults are under /var). As root its workers would run as nobody, who
  // may not read the trees.
  const temp = (kind) => `${kind}_temp_path ${join(env.dir, kind)};`;
  writeFileSync(join(env.dir, 'nginx.conf'), `daemon off;
worker_processes 1;
pid ${join(env.dir, 'nginx.pid')};
error_log ${join(env.dir, 'error.log')};
${process.getuid() === 0 ? 'user root;' : ''}
events { worker_connections 256; }
http {
    access_log off;
    ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n    ')}
    ${includes.join('\n    ')}
}
`);
  let stderr = '';
  env.nginx = spawn(NGINX, ['-p', env.dir, '-c', join(env.dir, 'nginx.conf'), '-e', join(env.dir, 'error.log')], {
    detached: true, // its own process group, so that after() stops the workers too
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  env.nginx.stderr.on('data', (chunk) => (stderr += chunk));
  env.exited = new Promise((done) => env.nginx.once('exit', done));
  for (const url of Object.values(env.url)) await listening(new URL(url).port, env.nginx, () => stderr);
  env.browser = await launch();
});

after(async () => {
  await env.browser?.close();
  if (env.nginx && running(env.nginx)) {
    process.kill(-env.nginx.pid, 'SIGTERM');
    await env.exited;
  }
  if (env.dir) rmSync(env.dir, { recursive: true, force: true });
});

/** The response to GET `path` on `site`, uncompressed unless `headers` ask for an encoding; redirects not followed. */
const get = (site, path, headers = {}) => fetch(env.url[site] + path, { headers: { 'accept-encoding': 'identity', ...headers }, redirect: 'manual' });

test('deep links get the pre-rendered page where there is one, else the nearest app.html', async () => {
  const answers = [
    ['archive', '', 'index.html'],
    ['archive', 'article/n002345', 'article/n002345/index.html'],
    ['archive', 'category/cyfz?page=2', 'category/cyfz/index.html'],
    ['archive', 'sitemap', 'sitemap/index.html'],
    ['archive', `search?q=${encodeURIComponent('开发区')}`, 'app.html'],
    ['archive', 'category/no-such-category', 'app.html'],
    ['archive', 'zh-hant/article/n000001', 'zh-hant/article/n000001/index.html'],
    ['archive', `zh-hant/search?q=${encodeURIComponent('開發區')}`, 'zh-hant/app.html'],
    ['release', 'article/a1003', 'app.html'],
    ['release', 'zh-hant/article/a1003', 'app.html'], // no 繁體 tree: the site's app page
    ['news', '', 'index.html'],
    ['news', 'article/a1003', 'app.html'],
  ];
  for (const [site, path, expected] of answers) {
    const response = await get(site, path);
    assert.equal(response.status, 200, `${site} ${path}`);
    assert.match(response.headers.get('content-type'), /^text\/html\b/, `${site} ${path}`);
    assert.equal(response.headers.get('cache-control'), 'no-cache', `${site} ${path}`);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(file(site, expected)), `${site} ${path} is ${expected}`);
  }
  const moved = await fetch(new URL('/news', env.url.news), { redirect: 'manual' });
  assert.equal(moved.status, 301);
  assert.equal(moved.headers.get('location'), env.url.news);
});

test('a missing file with an extension is a 404, not the app, and revalidated', async () => {
  for (const [site, path] of [
    ['release', 'no-such-feed.json'],
    ['archive', 'articles/n999999.json'],
    ['archive', 'search/g/999999.bin'],
    ['archive', 'zh-hant/articles/n999999.json'],
    ['archive', 'portal-0123456789abcdef_bg.wasm'],
    ['archive', 'article/a1.2'], // an id with a dot and no pre-rendered page (docs/hosting.md)
    ['news', 'no-such-feed.json'],
  ]) {
    const response = await get(site, path);
    assert.equal(response.status, 404, `${site} ${path}`);
    // So that a cache asks again once the file is published.
    if (!HASHED.test(path)) assert.equal(response.headers.get('cache-control'), 'no-cache', `${site} ${path}`);
  }
});

test('hashed bundle files are cached for good; everything else is revalidated', async () => {
  for (const site of Object.keys(SITES)) {
    const hashed = bundle(site);
    assert.equal(hashed.length, 3, `${site}: the js, wasm and css of trunk's bundle, in ${hashed}`);
    for (const name of hashed) assert.equal((await get(site, name)).headers.get('cache-control'), IMMUTABLE, `${site} ${name}`);
    for (const path of ['index.html', 'app.html', 'boot.js', 'site.json', 'feed.json', 'search-t2s.txt', 'images/logo.svg']) {
      assert.equal((await get(site, path)).headers.get('cache-control'), 'no-cache', `${site} ${path}`);
    }
  }
  for (const path of ['articles/n002345.json', 'feeds/cyfz/part-1.json', 'search/g/0.bin', 'sitemap.xml', 'rss.xml', 'zh-hant/feed.json']) {
    assert.equal((await get('archive', path)).headers.get('cache-control'), 'no-cache', path);
  }
  // no-cache costs a round trip, not the file: nginx answers revalidation with 304.
  const etag = (await get('archive', 'feed.json')).headers.get('etag');
  assert.equal((await get('archive', 'feed.json', { 'if-none-match': etag })).status, 304);
});

test("MIME types are nginx's table plus wasm, in every tree", async () => {
  const javascript = /^(text|application)\/javascript\b/;
  const byName = [
    [/\.js$/, javascript],
    [/_bg\.wasm$/, /^application\/wasm$/],
    [/\.css$/, /^text\/css\b/],
  ];
  const common = [
    ['index.html', /^text\/html\b/],
    ['article/a1003', /^text\/html\b/],
    ['boot.js', javascript],
    ['feed.json', /^application\/json\b/],
    ['images/logo.svg', /^image\/svg\+xml\b/],
    ['search-t2s.txt', /^text\/plain\b/],
  ];
  const archiveOnly = [
    ['search/g/0.bin', /^application\/octet-stream$/],
    ['sitemap.xml', /^(text|application)\/xml\b/],
  ];
  for (const site of Object.keys(SITES)) {
    const hashed = bundle(site).map((name) => [name, byName.find(([end]) => end.test(name))[1]]);
    for (const [path, type] of [...hashed, ...common, ...(site === 'archive' ? archiveOnly : [])]) {
      assert.match((await get(site, path)).headers.get('content-type'), type, `${site} ${path}`);
    }
  }
});

test('text, the bundle and the search shards (.bin) are served gzipped', async () => {
  for (const path of ['index.html', ...bundle('archive'), 'boot.js', 'feed.json', 'search/g/0.bin', 'rss.xml', 'images/logo.svg', 'search-t2s.txt']) {
    const response = await get('archive', path, { 'accept-encoding': 'gzip' });
    assert.equal(response.headers.get('content-encoding'), 'gzip', path);
    assert.equal(response.headers.get('vary'), 'Accept-Encoding', path);
    assert.ok(Buffer.from(await response.arrayBuffer()).equals(file('archive', path)), `${path} decodes to the file`);
  }
  assert.equal((await get('archive', 'search/g/0.bin')).headers.get('content-encoding'), null, 'only when asked');
});

test('cold deep links into the archive render the right page', async () => {
  const { page, problems, context } = await openPage(env.browser);
  const heading = () => page.locator('body > main#main h1').first().innerText();
  const open = async (path) => {
    await page.goto(env.url.archive + path);
    await ready(page);
  };

  await open('article/n002345');
  assert.equal(await heading(), archiveJson('articles/n002345.json').items[0].title);

  await open('category/cyfz?page=2');
  assert.equal(await heading(), '产业发展');
  await page.locator('.pager [aria-current="page"]', { hasText: '2' }).waitFor();

  await open('sitemap');
  assert.equal(await heading(), '网站地图');
  const rows = await page.locator('main .sitemap-list li').allInnerTexts();
  for (const { name } of archiveJson('site.json').categories) assert.ok(rows.some((row) => row.startsWith(name)), `${name} in 网站地图`);

  // Results need the index's .bin shards, gzipped by nginx.
  await open(`search?q=${encodeURIComponent('开发区')}`);
  await page.locator('body > main#main .search-results h2').first().waitFor();
  assert.match(await page.locator('body > main#main .search-summary').innerText(), /^找到 \d+ 篇与“开发区”有关的文章$/);

  await open('zh-hant/article/n000001');
  assert.equal(await heading(), archiveJson('zh-hant/articles/n000001.json').items[0].title);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant');

  assert.deepEqual(problems, []);
  await context.close();
});

test('the release tree at the root and the /news/ build under /news/ start, and deep links render', async () => {
  for (const site of ['release', 'news']) {
    const { page, problems, context } = await openPage(env.browser);
    const loaded = [];
    page.on('response', (response) => loaded.push([new URL(response.url()).pathname, response.status()]));
    await page.goto(`${env.url[site]}article/a1003`);
    await ready(page);
    assert.equal(await page.locator('main h1').innerText(), '新能源电池材料项目一期竣工投产');
    const prefix = SITES[site].prefix;
    for (const name of bundle(site)) assert.ok(loaded.some(([path, status]) => path === prefix + name && status === 200), `${site}: ${prefix}${name} loaded`);
    await page.locator('.breadcrumb a').nth(1).click();
    await page.waitForURL(`**${prefix}category/cyfz`);
    assert.equal(await page.locator('main h1').innerText(), '产业发展');
    assert.deepEqual(problems, []);
    await context.close();
  }
});
