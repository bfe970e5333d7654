// The app on a sharded archive (3,000 generated articles, built by
// portal-build into dist-archive/ by scripts/test.sh): each page fetches
// only the small files it needs, deep links work, and each article's
// crawler page carries its meta tags and text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setup, openPage, ready, axe, ROOT } from './helpers.mjs';
import { startServer } from './server.mjs';

const TREE = join(ROOT, 'dist-archive');
const read = (file) => JSON.parse(readFileSync(join(TREE, file), 'utf8'));
const home = read('feed.json');
const inHome = new Set(home.items.map((i) => i.id));

const env = setup('dist-archive');

/** A page that records which data files it fetched. */
async function session(options) {
  const s = await openPage(env.browser, options);
  s.fetched = [];
  s.page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.endsWith('.json')) s.fetched.push(path);
  });
  return s;
}

test('an old article reached only by deep link loads from its own file', async () => {
  const id = 'n002345';
  assert.ok(!inHome.has(id), 'the article must not be in the home feed');
  const article = read(`articles/${id}.json`).items[0];
  const { page, problems, fetched, context } = await session();
  await page.goto(`${env.server.url}article/${id}`);
  // The crawler page shows the article at once; the app then takes over
  // (for a frame both are in the document).
  await page.locator('#article-title', { hasText: article.title }).first().waitFor();
  await page.locator('#prerender').waitFor({ state: 'detached' });
  assert.deepEqual(fetched.sort(), [`/articles/${id}.json`, '/feed.json', '/site.json']);
  assert.equal(await page.locator('h1').count(), 1);
  const links = async (selector) => page.locator(selector).evaluateAll((a) => a.map((l) => l.getAttribute('href')));
  assert.deepEqual(await links('.related .article-list a'), article._portal.related_items.map((r) => `/article/${r.id}`));
  assert.deepEqual(await links('.prev-next a'), [article._portal.previous, article._portal.next].filter(Boolean).map((r) => `/article/${r.id}`));
  assert.equal(await page.locator('.breadcrumb a').nth(1).getAttribute('href'), `/category/${article._portal.category}`);
  assert.deepEqual(problems, []);

  // Following 下一篇 fetches that one file, once (the pointer's prefetch and
  // the click share it); going back uses the cache.
  fetched.length = 0;
  const count = (file) => fetched.filter((f) => f === file).length;
  await page.locator('.prev-next li').nth(1).locator('a').click();
  await page.locator('#article-title', { hasText: article._portal.next.title }).waitFor();
  assert.equal(count(`/articles/${article._portal.next.id}.json`), 1);
  await page.goBack();
  await page.locator('#article-title', { hasText: article.title }).waitFor();
  assert.equal(count(`/articles/${id}.json`), 0, 'the first article came from the cache');
  await context.close();
});

test("the article's HTML file has its meta tags and text for crawlers", async () => {
  const id = 'n002345';
  const article = read(`articles/${id}.json`).items[0];
  const response = await fetch(`${env.server.url}article/${id}`);
  assert.equal(response.status, 200);
  const html = await response.text();
  const meta = (attribute, key) => html.match(new RegExp(`<meta ${attribute}="${key}" content="([^"]*)">`))?.[1];
  assert.equal(meta('property', 'og:title'), article.title);
  assert.equal(meta('property', 'og:url'), `https://example.gov.cn/article/${id}`);
  assert.equal(meta('name', 'ArticleTitle'), article.title);
  assert.equal(meta('name', 'Url'), `https://example.gov.cn/article/${id}`);
  assert.equal(meta('name', 'ContentSource'), article._portal.source);
  assert.ok(meta('name', 'ColumnName'));
  assert.match(meta('name', 'PubDate'), /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  assert.equal(meta('name', 'description'), article.summary);
  assert.match(html, new RegExp(`<link rel="canonical" href="https://example.gov.cn/article/${id}">`));
  assert.match(html, /http-equiv="Content-Security-Policy"/);
  const firstSentence = article.content_html.replace(/<[^>]+>/g, '').slice(0, 30);
  assert.ok(html.includes(firstSentence), 'the article text is in the HTML');
});

/** Every article of a category, newest first, read from its parts (newest part first). */
function categoryList(slug) {
  const parts = Math.ceil(home._portal.archive.categories[slug].count / home._portal.archive.page_size);
  return Array.from({ length: parts }, (_, i) => read(`feeds/${slug}/part-${parts - i}.json`).items).flat();
}

test('a category page fetches the one or two part files it is cut from; the pager knows every page', async () => {
  const info = home._portal.archive.categories.cyfz;
  const size = home._portal.archive.page_size;
  assert.ok(info.pages > 5 && info.count % size !== 0, 'pages straddle parts');
  // ?page=N (newest first) shows what it showed when files were pages: the
  // Nth slice of the newest-first list.
  const expected = (n) => categoryList('cyfz').slice((n - 1) * size, n * size).map((i) => i.title);
  const { page, problems, fetched, context } = await session();
  await page.goto(`${env.server.url}category/cyfz?page=5`);
  await page.locator('body > main#main .category-page .article-list a').first().waitFor();
  const lists = () => fetched.filter((f) => !f.startsWith('/articles/')); // pointing at links prefetches articles
  // Newest-first items 80..99 are oldest-first 150..169 of 250: parts 8 and 9.
  assert.deepEqual(lists().sort(), ['/feed.json', '/feeds/cyfz/part-8.json', '/feeds/cyfz/part-9.json', '/site.json']);
  assert.deepEqual(await page.locator('body > main#main .category-page .article-list a').allInnerTexts(), expected(5));
  assert.equal(await page.locator('.pager-summary').innerText(), `第 5 页，共 ${info.pages} 页`);
  // Pointing at 下一页 fetches what page 6 needs beyond page 5's parts; the click then uses it.
  fetched.length = 0;
  await page.locator('.pager a[rel="next"]').hover();
  await page.waitForTimeout(300);
  assert.deepEqual(lists(), ['/feeds/cyfz/part-7.json']);
  await page.locator('.pager a[rel="next"]').click();
  await page.locator('.pager [aria-current="page"]', { hasText: '6' }).waitFor();
  assert.deepEqual(lists(), ['/feeds/cyfz/part-7.json'], 'the click used the prefetched file');
  assert.deepEqual(await page.locator('body > main#main .category-page .article-list a').allInnerTexts(), expected(6));
  await page.goto(`${env.server.url}category/cyfz?page=${info.pages + 1}`);
  await ready(page);
  await page.locator('.notice').waitFor();
  assert.equal(await page.locator('.notice p').first().innerText(), `第 ${info.pages + 1} 页不存在，本栏目共 ${info.pages} 页`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('home and side blocks come from the home feed alone', async () => {
  const { page, problems, fetched, context } = await session();
  await page.goto(env.server.url);
  // The pre-rendered home page shows first; the app's replaces it.
  await page.locator('body > main#main .home-blocks .category-block').first().waitFor();
  await page.locator('#prerender').waitFor({ state: 'detached' });
  assert.deepEqual(fetched.sort(), ['/feed.json', '/site.json']);
  assert.equal(await page.locator('.home-blocks .category-block').count(), 12);
  for (const block of await page.locator('.home-blocks .category-block .article-list').all()) {
    assert.equal(await block.locator('li').count(), 6);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unknown article in an archive is a not-found page', async () => {
  const { page, context } = await session({ allowErrors: ['404'] });
  await page.goto(`${env.server.url}article/n999999`);
  await page.locator('main h1', { hasText: '您访问的文章不存在' }).waitFor();
  await page.goto(`${env.server.url}article/${encodeURIComponent('../site')}`);
  await page.locator('main h1', { hasText: '您访问的文章不存在' }).waitFor();
  await context.close();
});

test('without JavaScript the crawler page still shows the article', async () => {
  const id = 'n000777';
  const article = read(`articles/${id}.json`).items[0];
  const context = await env.browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${env.server.url}article/${id}`);
  assert.equal(await page.locator('#prerender h1').innerText(), article.title);
  assert.ok(await page.locator('#prerender .article-body p').first().isVisible());
  assert.equal(await page.title(), `${article.title} - 合成档案测试站`);
  await context.close();
});

test('pointing at an article link fetches its file before the click', async () => {
  const { page, problems, fetched, context } = await session();
  await page.goto(`${env.server.url}article/n001000`);
  await page.locator('#prerender').waitFor({ state: 'detached' });
  await page.locator('body > main#main #article-title').waitFor();
  const link = page.locator('.related .article-list a').first();
  const target = (await link.getAttribute('href')).split('/').pop();
  fetched.length = 0;
  await link.hover();
  await page.waitForFunction(() => true);
  await page.waitForTimeout(300);
  assert.deepEqual(fetched, [`/articles/${target}.json`]);
  await link.click();
  await page.locator('#article-title', { hasText: read(`articles/${target}.json`).items[0].title }).waitFor();
  assert.deepEqual(fetched, [`/articles/${target}.json`], 'the click used the prefetched file');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the home page is pre-rendered from the home feed and handed over to the app', async () => {
  const html = await (await fetch(env.server.url)).text();
  assert.match(html, /<div id="prerender" data-path="\/"[ >]/);
  const listed = (page) => page.locator('.home-blocks .article-list a').evaluateAll((a) => a.map((l) => [l.textContent, l.getAttribute('href')]));

  const noScript = await env.browser.newContext({ javaScriptEnabled: false });
  const still = await noScript.newPage();
  await still.goto(env.server.url);
  const lead = await still.locator('#prerender .lead-story h2').innerText();
  assert.equal(await still.locator('#prerender .home-blocks .category-block').count(), 12);
  const prerendered = await listed(still);
  // The app's own links, so they work without the app.
  await still.locator('#prerender .home-blocks .article-list a').first().click();
  await still.locator('#prerender h1', { hasText: prerendered[0][0] }).waitFor();
  await noScript.close();

  const { page, problems, context } = await session();
  await page.goto(env.server.url);
  await page.locator('#prerender').waitFor({ state: 'detached' });
  assert.equal(await page.locator('body > main#main .lead-story h2').innerText(), lead);
  assert.deepEqual(await listed(page), prerendered, 'the app shows what was pre-rendered');
  assert.equal(await page.locator('h1').count(), 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a pre-rendered page shows only at its own address', async () => {
  const html = await (await fetch(`${env.server.url}category/no-such-category`)).text();
  assert.doesNotMatch(html, /prerender/, 'other deep links get app.html');
  const atLoad = () => document.addEventListener('DOMContentLoaded', () => { window.prerenderAtLoad = !!document.getElementById('prerender'); });
  const old = await startServer({ root: TREE, fallback: 'index.html' });
  const { page, problems, context } = await session({ allowErrors: ['404'] });
  try {
    await page.addInitScript(atLoad);
    // Page 2 is answered with page 1's file: the loader drops page 1 before
    // the document is even complete.
    await page.goto(`${env.server.url}category/cyfz?page=2`);
    assert.equal(await page.evaluate(() => window.prerenderAtLoad), false);
    await page.locator('.pager [aria-current="page"]', { hasText: '2' }).waitFor();
    // A host still answering deep links with index.html: the home page goes.
    await page.goto(`${old.url}category/no-such-category`);
    assert.equal(await page.evaluate(() => window.prerenderAtLoad), false);
    await page.locator('main h1', { hasText: '您访问的栏目不存在' }).waitFor();
    // At its own address it stays until the app has the same page.
    await page.goto(`${env.server.url}category/cyfz`);
    assert.equal(await page.evaluate(() => window.prerenderAtLoad), true);
    await page.locator('#prerender').waitFor({ state: 'detached' });
    assert.equal(await page.locator('body > main#main .category-page h1').innerText(), '产业发展');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await old.close();
  }
});

test('pre-rendered pages pass axe-core before the app starts', async () => {
  for (const path of ['', 'category/cyfz', 'article/n000777']) {
    const { page, problems, context } = await session({ contextOptions: { bypassCSP: true } });
    await context.route('**/boot.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
    await page.goto(env.server.url + path);
    assert.ok(await page.locator('#prerender h1').count(), `${path || 'home'} is pre-rendered`);
    assert.deepEqual(await axe(page), [], path || 'home');
    assert.equal(await page.locator('body > main#main').count(), 0, 'the app did not start');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('when the data cannot be loaded, a pre-rendered page stays readable', async () => {
  const id = 'n000777';
  const article = read(`articles/${id}.json`).items[0];
  const { page, problems, context } = await session({ allowErrors: ['Failed to load resource'] });
  await context.route('**/feed.json', (route) => route.fulfill({ status: 500, body: 'down' }));
  await page.goto(`${env.server.url}article/${id}`);
  const notice = page.locator('#prerender .prerender-notice[role="alert"]');
  await notice.waitFor();
  assert.match(await notice.innerText(), /本页内容仍可阅读/);
  assert.equal(await page.locator('#prerender h1').innerText(), article.title);
  // Its links load plain pages from the server, not the app's routes.
  const crumb = page.locator('#prerender .breadcrumb a').nth(1);
  const href = await crumb.getAttribute('href');
  await crumb.click();
  await page.waitForURL(new URL(href, env.server.url).href);
  await page.locator('#prerender .category-page h1').waitFor();
  await page.locator('#prerender .prerender-notice').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

/**
 * `selector`'s markup with comments dropped, text nodes merged and
 * attributes sorted. Canonical URLs (share links, 找错) are the builder's
 * --base-url in both, whatever host served the page.
 */
function markup(page, selector) {
  return page.evaluate((selector) => {
    const element = document.querySelector(selector);
    if (!element) return null;
    const clone = element.cloneNode(true);
    const walker = document.createTreeWalker(clone, NodeFilter.SHOW_COMMENT);
    const comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    comments.forEach((c) => c.remove());
    clone.normalize();
    const attribute = (a) => ` ${a.name}="${a.value}"`;
    const write = (node) => (node.nodeType === Node.TEXT_NODE
      ? node.data
      : `<${node.localName}${[...node.attributes].map(attribute).sort().join('')}>${[...node.childNodes].map(write).join('')}</${node.localName}>`);
    return write(clone);
  }, selector);
}

test('a pre-rendered page has its data files requested while the wasm downloads, and fetched once', async () => {
  const pages = [
    ['article/n002345', ['/articles/n002345.json']],
    ['category/cyfz', ['/feeds/cyfz/part-13.json', '/feeds/cyfz/part-12.json']], // page 1 straddles two parts
  ];
  for (const [path, files] of pages) {
    const { page, problems, fetched, context } = await session();
    const order = [];
    // A slow wasm: without the preload the data would be asked for only after it.
    await context.route('**/*.wasm', async (route) => {
      await new Promise((done) => setTimeout(done, 600));
      await route.fallback();
    });
    page.on('request', (r) => { if (files.includes(new URL(r.url()).pathname)) order.push('data requested'); });
    page.on('requestfinished', (r) => { if (r.url().endsWith('.wasm')) order.push('wasm loaded'); });
    await page.goto(env.server.url + path);
    await page.locator('#prerender').waitFor({ state: 'detached' });
    assert.deepEqual(order, [...files.map(() => 'data requested'), 'wasm loaded'], path);
    for (const file of files) assert.equal(fetched.filter((f) => f === file).length, 1, `${file} fetched once`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('pre-rendered pages are the markup the app renders: home, a category, three articles, and in 繁體', async () => {
  const withPhotos = read('articles/n000000.json').items[0];
  assert.ok(withPhotos._portal.kicker && withPhotos._portal.subtitle && withPhotos.authors.length && withPhotos.content_html.includes('<figure>'));
  for (const path of ['', 'category/cyfz', 'article/n000000', 'article/n000001', 'article/n002998', 'zh-hant/', 'zh-hant/article/n000000']) {
    const before = await session({ contextOptions: { bypassCSP: true } });
    await before.context.route('**/boot.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
    await before.page.goto(env.server.url + path);
    const parts = {};
    for (const part of ['header', 'main', '.breadcrumb', 'footer']) parts[part] = await markup(before.page, `#prerender ${part}`);
    await before.context.close();

    const { page, problems, context } = await session();
    await page.goto(env.server.url + path);
    await page.locator('#prerender').waitFor({ state: 'detached' });
    for (const [part, prerendered] of Object.entries(parts)) {
      const own = await markup(page, `body > ${part === 'main' || part === 'header' || part === 'footer' ? part : `main ${part}`}`);
      assert.equal(own, prerendered, `${path || 'home'}: ${part}`);
    }
    assert.ok(parts.main.length > 2000 && parts.header && parts.footer, `${path || 'home'} has content`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('繁體 pre-rendered pages carry the title the app gives them, in 繁體', async () => {
  for (const path of ['', 'category/cyfz', 'sitemap', 'article/n000000']) {
    const titles = {};
    for (const tree of ['', 'zh-hant/']) {
      const { page, context } = await session();
      await context.route('**/boot.js', (route) => route.fulfill({ contentType: 'text/javascript', body: '' }));
      await page.goto(env.server.url + tree + path);
      titles[tree] = await page.title();
      await context.close();
    }
    const prerendered = titles['zh-hant/'];
    assert.notEqual(prerendered, titles[''], `zh-hant/${path}: not the Simplified title`);
    // The app must set the title itself: the page it starts from has another.
    const { page, problems, context } = await session();
    await page.route(env.server.url + 'zh-hant/' + path, async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/<title>[^<]*<\/title>/, '<title>-</title>');
      await route.fulfill({ response, body });
    });
    await page.goto(env.server.url + 'zh-hant/' + path);
    await page.locator('#prerender').waitFor({ state: 'detached' });
    await page.waitForFunction((title) => document.title === title, prerendered, { timeout: 5000 }).catch(() => {});
    assert.equal(await page.title(), prerendered, `zh-hant/${path}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
  const sitemap = await session();
  await sitemap.page.goto(`${env.server.url}zh-hant/sitemap`);
  assert.match(await sitemap.page.title(), /^網站地圖 - /);
  await sitemap.context.close();
});

test('/index.html is the home page, pre-rendered and then the app', async () => {
  const { page, problems, context } = await session();
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => { window.prerenderAtLoad = !!document.getElementById('prerender'); }));
  await page.goto(`${env.server.url}index.html`);
  assert.equal(await page.evaluate(() => window.prerenderAtLoad), true, 'the pre-rendered home stays');
  await page.locator('#prerender').waitFor({ state: 'detached' });
  await page.locator('body > main#main .headlines .lead-story').waitFor();
  assert.match(await page.locator('body > main#main h1').innerText(), /首页$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('articles imported from a CMS’s GBK RSS and an Atom feed render like any other', async () => {
  const work = mkdtempSync(join(tmpdir(), 'portal-import-'));
  const fixtures = join(ROOT, 'crates', 'builder', 'tests', 'fixtures', 'import');
  writeFileSync(join(work, 'map.json'), JSON.stringify({ 园区经济: 'cyfz' }));
  const tree = join(work, 'site');
  execFileSync(join(ROOT, 'target', 'tool', 'portal-build'), [
    'build', '--site', join(ROOT, 'target', 'archive-src', 'site.json'),
    '--feed', join(fixtures, 'rss2-gbk.xml'), '--feed', join(fixtures, 'atom-base.xml'), '--category-map', join(work, 'map.json'),
    '--app', join(ROOT, 'dist'), '--base-url', 'https://example.gov.cn/', '--out', tree,
  ]);
  const server = await startServer({ root: tree });
  // The CMS's photos are on its own host, which this site.json does not list.
  const { page, problems, context } = await openPage(env.browser, { allowErrors: ['Refused to load the image', 'Content Security Policy'] });
  try {
    await page.goto(`${server.url}category/kfqdt`);
    await ready(page);
    // The app's list, not the pre-rendered copy it replaces (both are in the page for a moment).
    await page.locator('body > main#main .category-page .article-list a', { hasText: '开发区召开重点项目推进会' }).click();
    await page.locator('#article-title', { hasText: '开发区召开重点项目推进会' }).waitFor();
    const meta = await page.locator('.article-meta').innerText();
    for (const text of ['2023-09-15 09:39:53', '来源：泉州经济开发区管委会办公室', '作者：张三', '责任编辑：陈小妮']) {
      assert.ok(meta.includes(text), `${text} in ${meta}`);
    }
    assert.match(await page.locator('.article-body').innerText(), /9月15日上午，开发区召开重点项目推进会。/);
    assert.equal(await page.locator('.article-body script').count(), 0);
    assert.equal(await page.locator('.article-body a').getAttribute('href'), 'http://www.qzkfq.gov.cn/kfqdt/');
    await page.goto(`${server.url}category/zsyz`);
    await ready(page);
    await page.locator('body > main#main .category-page .article-list a', { hasText: '招商引资签约 三个项目' }).waitFor();
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
});
