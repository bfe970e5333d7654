// 站内搜索's results are exact where the index's grams mislead: on the
// adversarial archive (1,500 articles from `portal-build generate
// --adversarial`, in dist-adversarial/ by scripts/test.sh), a phrase's
// grams are apart in about a third of the articles and the phrase whole in
// one in 30. Every result shown has the phrase, the count says 约 until
// every candidate is checked, paging to the last page shows each match once
// and ends on the exact count; axe-core on such a page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, openPage, ready, axe, ROOT } from './helpers.mjs';

const TREE = join(ROOT, 'dist-adversarial');
const env = setup('dist-adversarial');

/** Every article's id and the text search reads (title, body, photo captions). */
const articles = readdirSync(join(TREE, 'articles'))
  .map((file) => JSON.parse(readFileSync(join(TREE, 'articles', file), 'utf8')).items[0])
  .map((item) => ({
    id: item.id,
    text: [item.title, (item.content_html ?? '').replace(/<[^>]+>/g, ' '), ...(item._portal?.photos ?? []).map((p) => p.caption ?? '')].join(' '),
  }));
const having = (phrase) => new Set(articles.filter((a) => a.text.includes(phrase)).map((a) => a.id));

const main = 'body > main#main';
const summary = (page) => page.locator(`${main} .search-summary`).innerText();
const shownIds = async (page) =>
  (await page.locator(`${main} .search-results h2 a`).evaluateAll((links) => links.map((a) => a.getAttribute('href')))).map((href) => href.split('/').pop());

test('a 4-character phrase: only articles that have it, 约 until the last page, which is exact', async () => {
  const phrase = '智慧城市';
  const expected = having(phrase);
  const pieces = articles.filter((a) => !a.text.includes(phrase) && a.text.includes('智慧城') && a.text.includes('慧城市'));
  assert.ok(expected.size >= 40 && pieces.length > 5 * expected.size, `${expected.size} with it, ${pieces.length} with its grams apart`);
  const { page, problems, context } = await openPage(env.browser);
  await page.goto(`${env.server.url}search?q=${encodeURIComponent(phrase)}`);
  await ready(page);
  await page.locator(`${main} .search-results`).waitFor();
  const first = await summary(page);
  const about = /^找到约 (\d+) 篇与“智慧城市”有关的文章$/.exec(first);
  assert.ok(about, first);
  assert.match(await page.locator(`${main} .pager-summary`).innerText(), /^第 1 页，共约 \d+ 页$/);
  assert.equal(await page.locator(`${main} [role="status"]`).first().innerText(), first, 'the count is announced');
  const seen = [];
  for (let number = 1; ; number++) {
    const ids = await shownIds(page);
    assert.ok(ids.every((id) => expected.has(id)), `page ${number}: ${ids.filter((id) => !expected.has(id))} do not have it`);
    assert.ok((await page.locator(`${main} .search-results mark`).count()) >= ids.length, 'each marked');
    seen.push(...ids);
    const next = page.locator(`${main} .pager a[rel="next"]`);
    if ((await next.count()) === 0) break;
    assert.equal(ids.length, 10, `page ${number} is full`);
    await next.click();
    await page.waitForURL(new RegExp(`page=${number + 1}$`));
    await page.locator(`${main} .pager [aria-current="page"]`, { hasText: String(number + 1) }).waitFor();
  }
  assert.deepEqual([...seen].sort(), [...expected].sort(), 'every match once');
  assert.equal(await summary(page), `找到 ${expected.size} 篇与“智慧城市”有关的文章`);
  assert.match(await page.locator(`${main} .pager-summary`).innerText(), new RegExp(`共 ${Math.ceil(expected.size / 10)} 页$`));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a cold deep link to page 3 of a 12-character phrase, and two words in the 繁體 tree', async () => {
  const phrase = '老旧小区改造提升工程项目';
  const expected = having(phrase);
  const { page, problems, context } = await openPage(env.browser);
  await page.goto(`${env.server.url}search?q=${encodeURIComponent(phrase)}&page=3`);
  await ready(page);
  await page.locator(`${main} .search-results`).waitFor();
  const ids = await shownIds(page);
  assert.equal(ids.length, Math.min(10, expected.size - 20));
  assert.ok(ids.every((id) => expected.has(id)));
  const words = ['数字政府建设', '开发区'];
  const both = [...having(words[0])].filter((id) => having(words[1]).has(id));
  await page.goto(`${env.server.url}zh-hant/search?q=${encodeURIComponent('數字政府建設 開發區')}&page=9`);
  await ready(page);
  await page.locator(`${main} :is(.search-results, .notice)`).first().waitFor();
  // Page 9 is past the last: every candidate was checked, so the count is exact.
  assert.equal(await page.locator(`${main} .notice`).innerText(), `第 9 頁不存在，本欄目共 ${Math.ceil(both.length / 10)} 頁`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('an estimated count and its pager have no axe-core violations', async () => {
  const { page, context } = await openPage(env.browser, { contextOptions: { bypassCSP: true } });
  await page.goto(`${env.server.url}search?q=${encodeURIComponent('营商环境创新试点')}`);
  await ready(page);
  await page.locator(`${main} .search-results`).waitFor();
  assert.match(await summary(page), /^找到约 \d+ 篇/);
  assert.deepEqual(await axe(page), []);
  await context.close();
});
