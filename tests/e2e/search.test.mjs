// 站内搜索 on the demo feed (dist/): the header's box, results with
// highlights, filters, paging, Traditional and full-width queries, the
// 未找到 state, hostile queries, a folding table that fails to load, and
// axe-core on the results page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, openPage, ready, axe, ROOT } from './helpers.mjs';

const env = setup('dist');
const feed = JSON.parse(readFileSync(join(ROOT, 'dist', 'feed.json'), 'utf8'));

/** Brute force: the articles whose title or text (photo captions included) contain every word. */
function expected(words, filter = () => true) {
  const text = (item) => [item.title, (item.content_html ?? '').replace(/<[^>]+>/g, ' '), item.content_text ?? '',
    ...(item._portal?.photos ?? []).map((p) => p.caption ?? '')].join(' ').toLowerCase();
  return feed.items.filter((item) => filter(item) && words.every((w) => text(item).includes(w.toLowerCase())));
}

async function open(path, options) {
  const session = await openPage(env.browser, options);
  await session.page.goto(env.server.url + path);
  await ready(session.page);
  return session;
}

const summary = (page) => page.locator('.search-summary').innerText();

test('the header box searches every article and marks the words found', async () => {
  const { page, problems, context } = await open('');
  const box = page.getByRole('searchbox', { name: '搜索本站' });
  // The folding table is fetched while the reader types, not after Enter.
  const table = page.waitForRequest(/search-t2s\.txt$/);
  await box.focus();
  await table;
  await box.fill('开发区');
  await box.press('Enter');
  await page.waitForURL(/\/search\?q=%E5%BC%80%E5%8F%91%E5%8C%BA$/);
  const found = expected(['开发区']);
  assert.ok(found.length > 10, 'enough for two pages');
  assert.equal(await summary(page), `找到 ${found.length} 篇与“开发区”有关的文章`);
  // Focus on the results page's heading, as after any navigation.
  await page.waitForFunction(() => document.activeElement?.id === 'search-title');
  const rows = page.locator('.search-results li');
  assert.equal(await rows.count(), 10);
  for (const row of await rows.all()) {
    const marks = await row.locator('h2, mark').allInnerTexts();
    assert.ok(marks.some((m) => m.includes('开发区')), 'a match in the title or a marked snippet');
  }
  // Title matches first.
  const titles = await page.locator('.search-results h2').allInnerTexts();
  const inTitle = titles.map((t) => t.includes('开发区'));
  assert.deepEqual(inTitle, [...inTitle].sort((a, b) => Number(b) - Number(a)));
  // Page 2 has the rest.
  await page.locator('.pager a[rel="next"]').click();
  await page.waitForURL(/page=2/);
  await page.locator('.pager [aria-current="page"]', { hasText: '2' }).waitFor();
  assert.equal(await rows.count(), Math.min(10, found.length - 10));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a cold deep link with filters, in 繁體 and full-width, sorted by date', async () => {
  const slug = 'kfqdt';
  const query = '開發區　ＡＢＣ'.replace('ＡＢＣ', '').trim(); // 开发区 in 繁體, with a full-width space
  const { page, problems, context } = await open(`search?q=${encodeURIComponent(query)}&category=${slug}&sort=date`);
  const found = expected(['开发区'], (item) => item._portal?.category === slug);
  assert.equal(await summary(page), `找到 ${found.length} 篇与“${query}”有关的文章`);
  const shown = await page.locator('.search-results h2').allInnerTexts();
  assert.deepEqual(shown, found.slice(0, 10).map((i) => i.title), 'newest first, as the feed orders them');
  assert.equal(await page.locator('#search-category').inputValue(), slug);
  assert.equal(await page.locator('#search-sort').inputValue(), 'date');
  // Changing a filter searches again from page 1.
  await page.locator('#search-category').selectOption('tzgg');
  await page.locator('.search-form button').click();
  await page.waitForURL(/category=tzgg/);
  const notices = expected(['开发区'], (item) => item._portal?.category === 'tzgg');
  assert.equal(await summary(page), `找到 ${notices.length} 篇与“${query}”有关的文章`);
  const fullWidth = await open(`search?q=${encodeURIComponent('ＡＰＰ')}`);
  assert.equal(await fullWidth.page.locator('#search-q').inputValue(), 'ＡＰＰ');
  await fullWidth.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('未找到 says so and offers to drop the filters', async () => {
  const { page, problems, context } = await open(`search?q=${encodeURIComponent('开发区')}&from=2001-01-01&to=2001-12-31`);
  await page.locator('.search-empty').waitFor();
  assert.match(await page.locator('.search-empty').innerText(), /未找到与“开发区”有关的文章。/);
  await page.getByRole('link', { name: '去掉栏目和日期条件，再搜索一次' }).click();
  await page.waitForURL(/\/search\?q=%E5%BC%80%E5%8F%91%E5%8C%BA$/);
  assert.match(await summary(page), /^找到 \d+ 篇/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('hostile queries get a message or results, shown back as text only', async () => {
  const cases = [
    // 1,500 characters: an address of 10,000 is refused by servers (431) before the app sees it.
    ['字'.repeat(1500), '搜索词太长，请不要超过 100 个字'],
    [Array.from({ length: 500 }, (_, i) => `w${i}`).join(' '), '搜索词太长，请不要超过 100 个字'],
    ['开 发 区 项 目 建 设 推 进', '搜索词太多，请不要超过 8 个（以空格分开）'],
    ['\u200F\u202E ', '请输入要搜索的字词'],
    ['%00', '请输入要搜索的字词'], // the router decodes it to a NUL, which is no text
    ['<img src=x onerror=alert(1)>', null],
    ['.*(开发区|[', null],
    ['🏭🚀', null],
  ];
  const { page, problems, context } = await open('');
  for (const [query, message] of cases) {
    await page.goto(`${env.server.url}search?q=${encodeURIComponent(query)}`);
    await ready(page);
    const shown = page.locator(message ? '.search-page .notice' : '.search-empty, .search-summary').first();
    await shown.waitFor();
    if (message) assert.equal(await shown.innerText(), message);
    else assert.ok((await shown.innerText()).includes(query.trim()), `${query} shown back`);
    assert.equal(await page.locator('main img[src="x"], main script').count(), 0, 'nothing injected');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a folding table that fails to load is an error with a working retry', async () => {
  const { page, problems, context } = await open('', { allowErrors: ['search-t2s.txt', 'Failed to load resource'] });
  await context.route('**/search-t2s.txt', (route) => route.abort());
  await page.getByRole('searchbox', { name: '搜索本站' }).fill('项目');
  await page.getByRole('searchbox', { name: '搜索本站' }).press('Enter');
  await page.locator('.error-panel').waitFor();
  await context.unroute('**/search-t2s.txt');
  await page.locator('.error-panel button').click();
  assert.match(await summary(page), /^找到 \d+ 篇与“项目”有关的文章$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the results page passes axe-core, in 适老化 mode too', async () => {
  for (const elder of [false, true]) {
    const session = await openPage(env.browser, { contextOptions: { bypassCSP: true } });
    if (elder) await session.context.addInitScript(() => localStorage.setItem('portal.elder-mode', 'on'));
    await session.page.goto(`${env.server.url}search?q=${encodeURIComponent('项目')}`);
    await session.page.locator('.search-results').waitFor();
    assert.deepEqual(await axe(session.page), [], elder ? '适老化' : 'normal');
    await session.context.close();
  }
});
