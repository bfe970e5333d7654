// Every part of the seed article page, and the other routes, on the demo
// feed. Expectations are computed here from public/feed.json and
// public/site.json, independently of the app's Rust code.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setup, openPage, ready, ROOT } from './helpers.mjs';

const feed = JSON.parse(readFileSync(join(ROOT, 'public', 'feed.json'), 'utf8'));
const site = JSON.parse(readFileSync(join(ROOT, 'public', 'site.json'), 'utf8'));
const byDateDesc = (a, b) => Date.parse(b.date_published) - Date.parse(a.date_published);
const inCategory = (slug) => feed.items.filter((i) => i._portal?.category === slug).sort(byDateDesc);
const categoryName = (slug) => site.categories.find((c) => c.slug === slug).name;
/** YYYY-MM-DD HH:MM:SS in +08:00, computed with Date rather than the app's code. */
const cst = (iso) => new Date(Date.parse(iso) + 8 * 3600e3).toISOString().replace('T', ' ').slice(0, 19);

const env = setup('dist');

async function open(path, options) {
  const session = await openPage(env.browser, options);
  await session.page.goto(env.server.url + path);
  await ready(session.page);
  return session;
}

describe('home page', () => {
  test('headlines, one block per category with [更多], title and description', async () => {
    const { page, problems, context } = await open('');
    const headlines = feed.items.filter((i) => i._portal?.headline).sort(byDateDesc);
    assert.equal(await page.locator('.lead-story h2').innerText(), headlines[0].title);
    const others = await page.locator('.headlines .article-list a').allInnerTexts();
    assert.deepEqual(others, headlines.slice(1).map((i) => i.title));
    const blocks = page.locator('.home-blocks .category-block');
    assert.equal(await blocks.count(), site.categories.length);
    for (const [n, category] of site.categories.entries()) {
      const block = blocks.nth(n);
      assert.equal(await block.locator('h2').innerText(), category.name);
      assert.equal(await block.locator('a.more').getAttribute('href'), `/category/${category.slug}`);
      assert.equal(await block.locator('a.more').textContent(), `[更多${category.name}]`);
      assert.equal(await block.locator('a.more').getAttribute('aria-label'), null);
      const titles = await block.locator('.article-list a').allInnerTexts();
      assert.deepEqual(titles, inCategory(category.slug).slice(0, site.block_size).map((i) => i.title));
    }
    assert.equal(await page.title(), site.name);
    assert.equal(await page.locator('meta[name="description"]').last().getAttribute('content'), site.description);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('footer shows every configured item', async () => {
    const { page, context } = await open('');
    const footer = await page.locator('.site-footer').innerText();
    const f = site.footer;
    for (const text of [
      ...f.links.map((l) => l.text), f.icp.text, f.police_filing.text, `政府网站标识码：${f.site_code}`, `${f.organizer}主办`,
      `地址：${f.address}`, `邮政编码：${f.postcode}`, f.phone, f.email, ...f.hotlines.map((h) => h.label), ...f.hotlines.map((h) => h.value),
      ...f.mailboxes.map((m) => m.label), f.copyright,
    ]) {
      assert.ok(footer.includes(text), `footer lacks ${text}`);
    }
    assert.equal(await page.locator('.site-footer a', { hasText: f.icp.text }).getAttribute('href'), f.icp.href);
    assert.equal(await page.locator('.site-footer a', { hasText: '关于我们' }).getAttribute('href'), '/article/about');
    await page.locator('.site-footer a', { hasText: '关于我们' }).click();
    await page.waitForURL('**/article/about');
    assert.equal(await page.locator('main h1').innerText(), '关于我们');
    await context.close();
  });
});

describe('category pages', () => {
  test('newest first with dates, paginated with page numbers and previous/next', async () => {
    const items = inCategory('kfqdt');
    const pages = Math.ceil(items.length / site.page_size);
    assert.ok(pages >= 2, 'demo data should paginate');
    const { page, problems, context } = await open('category/kfqdt');
    assert.equal(await page.locator('main h1').innerText(), '开发区动态');
    assert.equal(await page.title(), `开发区动态 - ${site.name}`);
    assert.deepEqual(await page.locator('.category-page .article-list a').allInnerTexts(), items.slice(0, site.page_size).map((i) => i.title));
    const dates = await page.locator('.category-page .article-list time').allInnerTexts();
    assert.deepEqual(dates, items.slice(0, site.page_size).map((i) => cst(i.date_published).slice(0, 10)));
    assert.equal(await page.locator('.pager [aria-current="page"]').innerText(), '1');
    assert.equal(await page.locator('.pager a[rel="prev"]').count(), 0, 'no previous on page 1');
    await page.locator('.pager a[rel="next"]').click();
    await page.waitForURL('**/category/kfqdt?page=2');
    await page.locator('.pager [aria-current="page"]', { hasText: '2' }).waitFor();
    assert.deepEqual(await page.locator('.category-page .article-list a').allInnerTexts(), items.slice(site.page_size, 2 * site.page_size).map((i) => i.title));
    assert.equal(await page.locator('.pager a[rel="next"]').count(), pages > 2 ? 1 : 0);
    assert.equal(await page.locator('.pager a[rel="prev"]').getAttribute('href'), '/category/kfqdt');
    assert.equal(await page.locator('.pager-summary').innerText(), `第 2 页，共 ${pages} 页`);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('out-of-range and invalid pages say so', async () => {
    const pages = Math.ceil(inCategory('kfqdt').length / site.page_size);
    const { page, context } = await open(`category/kfqdt?page=${pages + 1}`);
    assert.equal(await page.locator('.notice p').first().innerText(), `第 ${pages + 1} 页不存在，本栏目共 ${pages} 页`);
    assert.equal(await page.locator('.notice a').getAttribute('href'), '/category/kfqdt');
    await page.goto(env.server.url + 'category/kfqdt?page=abc');
    await ready(page);
    assert.match(await page.locator('.notice').innerText(), /页码 “abc” 无效/);
    await context.close();
  });
});

describe('article page', () => {
  const article = feed.items.find((i) => i.id === 'a1003');
  const slug = article._portal.category;

  test('breadcrumb, title, date-time, 来源, 责任编辑, body with captioned photos', async () => {
    const { page, problems, context } = await open('article/a1003');
    const crumbs = page.locator('.breadcrumb a');
    assert.equal(await page.locator('.breadcrumb').getAttribute('aria-label'), '当前位置');
    assert.deepEqual(await crumbs.allInnerTexts(), [site.name, categoryName(slug)]);
    assert.deepEqual(await crumbs.evaluateAll((a) => a.map((l) => l.getAttribute('href'))), ['/', `/category/${slug}`]);
    assert.equal(await page.locator('main h1').innerText(), article.title);
    assert.equal(await page.title(), `${article.title} - ${site.name}`);
    assert.equal(await page.locator('meta[name="description"]').last().getAttribute('content'), article.summary);
    const meta = page.locator('.article-meta');
    assert.equal(await meta.locator('time').innerText(), cst(article.date_published));
    assert.equal(await meta.locator('time').getAttribute('datetime'), article.date_published);
    assert.match(await meta.innerText(), new RegExp(`来源：${article._portal.source}`));
    assert.match(await meta.innerText(), new RegExp(`责任编辑：${article._portal.editor}`));
    const body = page.locator('.article-body');
    await body.locator('p').first().waitFor();
    const paragraphs = await body.locator('> p').count();
    assert.equal(paragraphs, (article.content_html.match(/<p>/g) || []).length);
    const figures = body.locator('figure');
    assert.equal(await figures.count(), article._portal.photos.length);
    for (const [n, photo] of article._portal.photos.entries()) {
      const figure = figures.nth(n);
      assert.equal(await figure.locator('figcaption').innerText(), photo.caption.trim());
      const img = figure.locator('img');
      assert.equal(await img.getAttribute('alt'), photo.alt);
      assert.equal(await img.getAttribute('loading'), 'lazy');
      assert.equal(await img.getAttribute('width'), String(photo.width));
      assert.equal(await img.getAttribute('height'), String(photo.height));
      // Placed after the paragraph the feed asks for.
      const before = await figure.evaluate((f) => { let n = 0; for (let e = f.previousElementSibling; e; e = e.previousElementSibling) if (e.tagName === 'P') n++; return n; });
      assert.equal(before, photo.after_paragraph);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('免责声明, 相关阅读 without itself or duplicates, 上一篇/下一篇 in the category', async () => {
    const { page, context } = await open('article/a1003');
    const disclaimer = page.locator('.disclaimer');
    assert.equal(await disclaimer.locator('h2').innerText(), '免责声明');
    assert.deepEqual(await disclaimer.locator('p').allInnerTexts(), site.disclaimer);
    const related = await page.locator('.related .article-list a').evaluateAll((a) => a.map((l) => l.getAttribute('href')));
    assert.ok(related.length > 0 && related.length <= site.related_count);
    assert.ok(!related.includes('/article/a1003'), 'an article is not related to itself');
    assert.equal(new Set(related).size, related.length, 'no duplicates');
    // Ranked: every related item shares the category or a tag.
    for (const href of related) {
      const other = feed.items.find((i) => `/article/${i.id}` === href);
      const shares = other._portal?.category === slug || (other.tags ?? []).some((t) => article.tags.includes(t)) || (article._portal.related ?? []).includes(other.id);
      assert.ok(shares, `${href} shares nothing with a1003`);
    }
    const list = inCategory(slug);
    const at = list.findIndex((i) => i.id === 'a1003');
    const prevNext = page.locator('.prev-next li');
    const expectLink = async (row, item) => {
      if (item) assert.equal(await row.locator('a').getAttribute('href'), `/article/${item.id}`);
      else assert.match(await row.innerText(), /没有了/);
    };
    await expectLink(prevNext.nth(0), list[at - 1]);
    await expectLink(prevNext.nth(1), list[at + 1]);
    await context.close();
  });

  test('上一篇/下一篇 walk the whole category', async () => {
    const list = inCategory('gnzx');
    const { page, context } = await open(`article/${list[0].id}`);
    for (let n = 1; n < list.length; n++) {
      await page.locator('.prev-next li').nth(1).locator('a').click();
      await page.waitForURL(`**/article/${list[n].id}`);
      await page.locator('main h1', { hasText: list[n].title }).waitFor();
    }
    assert.match(await page.locator('.prev-next li').nth(1).innerText(), /没有了/);
    await context.close();
  });

  test('side blocks with latest items and [更多]', async () => {
    const { page, context } = await open('article/a1003');
    const blocks = page.locator('aside.side-blocks .category-block');
    assert.equal(await blocks.count(), site.side_blocks.length);
    for (const [n, slug] of site.side_blocks.entries()) {
      assert.equal(await blocks.nth(n).locator('h2').innerText(), categoryName(slug));
      assert.equal(await blocks.nth(n).locator('a.more').getAttribute('href'), `/category/${slug}`);
      assert.deepEqual(await blocks.nth(n).locator('.article-list a').allInnerTexts(), inCategory(slug).slice(0, site.block_size).map((i) => i.title));
    }
    await context.close();
  });

  test('font switch is remembered across pages and a reload', async () => {
    const { page, context } = await open('article/a1003');
    const size = () => page.locator('.article-body').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
    const medium = await size();
    await page.getByRole('button', { name: '大号字体' }).click();
    assert.equal(await page.getByRole('button', { name: '大号字体' }).getAttribute('aria-pressed'), 'true');
    const large = await size();
    assert.ok(large > medium, `${large} > ${medium}`);
    await page.reload();
    await ready(page);
    assert.equal(await size(), large);
    await page.locator('.related .article-list a').first().click();
    await page.waitForURL(/article\/(?!a1003)/);
    await page.locator('.article-body').waitFor();
    assert.equal(await size(), large);
    await page.getByRole('button', { name: '小号字体' }).click();
    assert.ok((await size()) < medium);
    await context.close();
  });

  test('打印本页 prints the article only', async () => {
    const { page, context } = await open('article/a1003');
    assert.equal(await page.getByRole('button', { name: '打印本页' }).count(), 1);
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.site-header', '.site-nav', '.share-bar', '.related', '.side-blocks', '.site-footer', '.breadcrumb', '.article-tools']) {
      assert.equal(await page.locator(hidden).first().isVisible(), false, `${hidden} is printed`);
    }
    assert.ok(await page.locator('.article-body').isVisible());
    assert.ok(await page.locator('main h1').isVisible());
    await context.close();
  });

  test('kicker, subtitle and titles with entities and emoji render as text', async () => {
    const withKicker = feed.items.find((i) => i._portal?.kicker && i._portal?.subtitle);
    const { page, context } = await open(`article/${withKicker.id}`);
    assert.equal(await page.locator('.kicker').innerText(), withKicker._portal.kicker);
    assert.equal(await page.locator('.subtitle').innerText(), withKicker._portal.subtitle);
    const tricky = feed.items.find((i) => i.id === 'a1008');
    await page.goto(env.server.url + 'article/a1008');
    await ready(page);
    assert.equal(await page.locator('main h1').innerText(), tricky.title);
    await context.close();
  });
});

describe('not found', () => {
  for (const [path, what] of [['no/such/page', '页面'], ['category/nope', '栏目'], ['article/nope', '文章']]) {
    test(`unknown ${what}`, async () => {
      const { page, problems, context } = await open(path);
      assert.equal(await page.locator('main h1').innerText(), `您访问的${what}不存在`);
      assert.equal(await page.title(), `${what}未找到 - ${site.name}`);
      assert.equal(await page.locator('.not-found a', { hasText: '返回首页' }).getAttribute('href'), '/');
      const links = await page.locator('.not-found .category-links a').evaluateAll((a) => a.map((l) => l.getAttribute('href')));
      assert.deepEqual(links, site.categories.map((c) => `/category/${c.slug}`));
      assert.deepEqual(problems, []);
      await context.close();
    });
  }
});

test('the feed is fetched once per visit, not per navigation', async () => {
  const session = await openPage(env.browser);
  const fetched = [];
  session.page.on('request', (r) => {
    if (/\/(feed|site)\.json$/.test(r.url())) fetched.push(new URL(r.url()).pathname);
  });
  await session.page.goto(env.server.url);
  await ready(session.page);
  await session.page.locator('.lead-story a').click();
  await session.page.waitForURL('**/article/**');
  await session.page.locator('.breadcrumb a').nth(1).click();
  await session.page.waitForURL('**/category/**');
  await session.page.locator('.category-page .article-list a').first().click();
  await session.page.waitForURL('**/article/**');
  await session.page.locator('.related .article-list a').first().click();
  await session.page.waitForURL('**/article/**');
  assert.deepEqual(fetched.sort(), ['/feed.json', '/site.json']);
  await session.context.close();
});

test('route changes move focus to the new heading and announce the title', async () => {
  const { page, context } = await open('');
  await page.locator('.lead-story a').click();
  await page.waitForURL('**/article/**');
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await page.waitForFunction(() => document.querySelector('#route-announcer')?.textContent === document.title);
  await context.close();
});
