// 站内搜索 on the sharded archive (3,000 generated articles in dist-archive/):
// the pre-rendered header's box, results that agree with a brute-force scan
// of every article file, a cold deep link with every filter, paging, the
// 未找到 state, an index shard that fails and a retry, hostile queries, the
// 繁體 tree, and axe-core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, openPage, ready, axe, ROOT } from './helpers.mjs';

const TREE = join(ROOT, 'dist-archive');
const env = setup('dist-archive');

/** Every article, newest first, with the text search reads (title, body, photo captions). */
const articles = readdirSync(join(TREE, 'articles'))
  .map((file) => JSON.parse(readFileSync(join(TREE, 'articles', file), 'utf8')).items[0])
  .map((item) => ({
    item,
    text: [item.title, (item.content_html ?? '').replace(/<[^>]+>/g, ' '), ...(item._portal?.photos ?? []).map((p) => p.caption ?? '')]
      .join(' ')
      .toLowerCase(),
  }))
  .sort((a, b) => b.item.date_published.localeCompare(a.item.date_published));

/** Brute force: the articles with every word, newest first. */
function expected(words, filter = () => true) {
  return articles.filter((a) => filter(a.item) && words.every((w) => a.text.includes(w))).map((a) => a.item);
}

/** A page that records the paths it fetched. */
async function open(path, options) {
  const session = await openPage(env.browser, options);
  session.fetched = [];
  session.page.on('request', (r) => session.fetched.push(new URL(r.url()).pathname));
  await session.page.goto(env.server.url + path);
  await ready(session.page);
  return session;
}

const summary = (page) => page.locator('body > main#main .search-summary').innerText();
const titles = (page) => page.locator('body > main#main .search-results h2').allInnerTexts();

test('the pre-rendered header offers search; results agree with a scan of every article', async () => {
  const html = readFileSync(join(TREE, 'category', 'cyfz', 'index.html'), 'utf8');
  assert.match(html, /<form role="search" action="\/search" method="get" class="site-search">/);
  const { page, problems, fetched, context } = await open('category/cyfz');
  await page.locator('#prerender').waitFor({ state: 'detached' });
  fetched.length = 0;
  const box = page.getByRole('searchbox', { name: '搜索本站' });
  await box.fill('开发区');
  await box.press('Enter');
  await page.waitForURL(/\/search\?q=/);
  const found = expected(['开发区']);
  assert.ok(found.length > 100);
  assert.equal(await summary(page), `找到 ${found.length} 篇与“开发区”有关的文章`);
  await page.waitForFunction(() => document.activeElement?.id === 'search-title');
  // Title matches first, newest first among them.
  const inTitle = found.filter((i) => i.title.includes('开发区'));
  assert.deepEqual(await titles(page), inTitle.slice(0, 10).map((i) => i.title));
  assert.ok((await page.locator('.search-results mark').count()) >= 10, 'the words are marked');
  // Only index files, the folding table, rows and the results' own files.
  const data = fetched.filter((f) => /\.(json|bin|txt)$/.test(f));
  assert.ok(data.every((f) => /^\/(search\/(g|t|rows)\/|articles\/|search-t2s\.txt)/.test(f)), data.join(' '));
  assert.ok(data.filter((f) => f.startsWith('/search/rows/')).length <= 2);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a cold deep link with every filter and page 2, sorted by date', async () => {
  const words = ['签约', '项目'];
  const inRange = (i) => i._portal?.category === 'zsyz' && i.date_published.slice(0, 10) >= '2026-08-15' && i.date_published.slice(0, 10) <= '2026-11-05';
  const found = expected(words, inRange);
  assert.ok(found.length > 10, `${found.length}: enough for two pages`);
  const q = encodeURIComponent(words.join(' '));
  const { page, problems, context } = await open(`search?q=${q}&category=zsyz&from=2026-08-15&to=2026-11-05&sort=date&page=2`);
  assert.equal(await summary(page), `找到 ${found.length} 篇与“签约 项目”有关的文章`);
  assert.deepEqual(await titles(page), found.slice(10, 20).map((i) => i.title));
  assert.equal(await page.locator('#search-from').inputValue(), '2026-08-15');
  assert.equal(await page.locator('.pager [aria-current="page"]').innerText(), '2');
  // Sorted by relevance instead: title matches come first.
  await page.locator('#search-sort').selectOption('relevance');
  await page.locator('.search-form button').click();
  await page.waitForURL((url) => !url.search.includes('sort=date') && !url.search.includes('page='));
  await page.locator('body > main#main .search-results').waitFor();
  const both = (t) => words.every((w) => t.includes(w));
  const shown = await titles(page);
  assert.deepEqual(shown.map(both), [...shown.map(both)].sort((a, b) => Number(b) - Number(a)));
  assert.deepEqual(problems, []);
  await context.close();
});

test('未找到 suggests removing the filters; a Traditional query in the 繁體 tree finds the same articles', async () => {
  const { page, problems, context } = await open(`search?q=${encodeURIComponent('开发区')}&category=tzgg&from=2030-01-01`);
  await page.locator('.search-empty').waitFor();
  await page.getByRole('link', { name: '去掉栏目和日期条件，再搜索一次' }).click();
  await page.waitForURL(/\/search\?q=[^&]+$/);
  assert.equal(await summary(page), `找到 ${expected(['开发区']).length} 篇与“开发区”有关的文章`);
  await page.goto(`${env.server.url}zh-hant/search?q=${encodeURIComponent('開發區 簽約')}`);
  await ready(page);
  assert.equal(await summary(page), `找到 ${expected(['开发区', '签约']).length} 篇與“開發區 簽約”有關的文章`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an index file that fails to load says so, and retry recovers', async () => {
  const { page, context } = await open('', { allowErrors: ['503', 'Failed to load resource'] });
  let failures = 0;
  await context.route('**/search/{g,t}/**', (route) => (failures++ < 1 ? route.fulfill({ status: 503, body: 'busy' }) : route.fallback()));
  await page.goto(`${env.server.url}search?q=${encodeURIComponent('园区')}`);
  await page.locator('.error-panel').waitFor();
  assert.match(await page.locator('.error-panel').innerText(), /搜索索引加载失败（HTTP 503）/);
  await page.getByRole('button', { name: '重新加载' }).click();
  assert.equal(await summary(page), `找到 ${expected(['园区']).length} 篇与“园区”有关的文章`);
  await context.close();
});

test('hostile queries get a message or results, never an injected element or an error', async () => {
  const { page, problems, context } = await open('');
  const longest = articles[7].text.replace(/\s+/g, '').slice(0, 100); // 98 grams: every shard it needs, at once
  const cases = [
    // 1,500 characters: an address of 10,000 is refused by servers (431) before the app sees it.
    ['字'.repeat(1500), '搜索词太长'],
    [Array.from({ length: 500 }, (_, i) => `w${i}`).join(' '), '搜索词太长'],
    [longest, '找到'],
    ['<img src=x onerror=alert(1)>', '未找到'],
    ['.*[(\\', '未找到'],
    ['😀\u202e开发区\u200b', '未找到'],
    ['开发区\u202e\u200b', '找到'],
    ['%00', '请输入要搜索的字词'],
  ];
  for (const [query, shown] of cases) {
    await page.goto(`${env.server.url}search?q=${encodeURIComponent(query)}`);
    await ready(page);
    await page.locator('body > main#main :is(.search-summary, .search-empty, .notice)').first().waitFor();
    assert.ok((await page.locator('body > main#main .search-page').innerText()).includes(shown), query.slice(0, 40));
    assert.equal(await page.locator('main img[src="x"], main script').count(), 0);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('the archive results page has no axe-core violations', async () => {
  const { page, context } = await open(`search?q=${encodeURIComponent('科技')}&sort=date`, { contextOptions: { bypassCSP: true } });
  await page.locator('body > main#main .search-results').waitFor();
  assert.deepEqual(await axe(page), []);
  await context.close();
});
