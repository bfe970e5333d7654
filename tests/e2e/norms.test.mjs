// What the national norms for government websites ask of every page, in
// the single-feed build (dist/) and in a generated archive (dist-archive/):
// 网站地图, 我为政府网站找错, 党政机关网站标识, 国家哀悼日 greyscale, a
// one-row header on a phone, and photos from the image hosts site.json
// allows (and from no others).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, serve, openPage, ready, axe, ROOT } from './helpers.mjs';
import { startServer } from './server.mjs';

const MODES = { feed: 'dist', archive: 'dist-archive' };
const env = {};
before(async () => {
  env.browser = await launch();
  env.feed = await serve('dist');
  env.archive = await serve('dist-archive');
});
after(async () => {
  await env.feed?.close();
  await env.archive?.close();
  await env.browser?.close();
});

/** The app at `path` in `mode`, ready. */
async function open(mode, path, options = {}) {
  const session = await openPage(env.browser, options);
  await session.page.goto(env[mode].url + path);
  await ready(session.page);
  return session;
}

const reportUrl = (pageUrl) =>
  `https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=${encodeURIComponent(siteCode())}&url=${encodeURIComponent(pageUrl)}`;
let currentSite;
const siteCode = () => currentSite.footer.site_code;

for (const [mode, dist] of Object.entries(MODES)) {
  const site = JSON.parse(readFileSync(join(ROOT, dist, 'site.json'), 'utf8'));

  describe(`${mode}`, () => {
    test('找错 reports the page shown at its canonical address, after in-app navigation too', async () => {
      currentSite = site;
      // A portal-build tree names its canonical root (--base-url) whatever
      // host serves it; the demo, built by trunk alone, has the page's own.
      const root = site.base_url ?? env[mode].url;
      const { page, problems, context } = await open(mode, '');
      const report = page.locator('footer a.error-report');
      assert.equal(await report.textContent(), '我为政府网站找错');
      assert.equal(await report.getAttribute('href'), reportUrl(root));
      const category = await pagedCategory(mode, site);
      await page.locator('.site-nav a', { hasText: category.name }).click();
      await page.locator('main h1', { hasText: category.name }).waitFor();
      assert.equal(await report.getAttribute('href'), reportUrl(`${root}category/${category.slug}`));
      await page.locator('.pager a', { hasText: '2' }).first().click();
      await page.waitForURL(/page=2/);
      assert.equal(await report.getAttribute('href'), reportUrl(`${root}category/${category.slug}?page=2`));
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('the 党政机关网站标识 badge shows the operator’s image and links to the record', async () => {
      const { page, problems, context } = await open(mode, '');
      const badge = page.locator('footer .footer-marks .badge img');
      await page.waitForFunction(() => document.querySelector('footer .badge img')?.complete);
      assert.ok(await badge.evaluate((img) => img.naturalWidth > 0), 'the badge image loads');
      assert.equal(await badge.getAttribute('alt'), '党政机关网站标识');
      const href = site.footer.badge.href;
      assert.equal(await page.locator('footer a.badge').count(), href ? 1 : 0);
      if (href) assert.equal(await page.locator('footer a.badge').getAttribute('href'), href);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('the footer links the RSS feed where portal-build wrote one', async () => {
      const { page, problems, context } = await open(mode, '');
      const rss = page.locator('footer .footer-links a', { hasText: 'RSS 订阅' });
      assert.equal(await rss.count(), mode === 'archive' ? 1 : 0);
      if (mode === 'archive') {
        assert.equal(await rss.getAttribute('href'), '/rss.xml');
        const response = await page.request.get(`${env.archive.url}rss.xml`);
        assert.match(await response.text(), /^<\?xml[^]*<rss version="2.0"[^]*<item>/);
        // Feed readers find it from the page too.
        assert.equal(await page.locator('head link[rel="alternate"][type="application/rss+xml"][href="rss.xml"]').count(), 1);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('网站地图 lists every 栏目 with its count, from the footer and as a cold deep link', async () => {
      const { page, problems, context } = await open(mode, '');
      await page.locator('footer a', { hasText: '网站地图' }).click();
      await page.locator('main h1', { hasText: '网站地图' }).waitFor();
      assert.equal(new URL(page.url()).pathname, '/sitemap');
      const rows = await page.locator('main .sitemap-list li').evaluateAll((items) => items.map((li) => li.textContent));
      for (const category of site.categories) {
        const count = await expectedCount(mode, category.slug);
        assert.ok(rows.some((row) => row.startsWith(`${category.name}共 ${count} 篇`)), `${category.name}: ${count} in ${rows}`);
      }
      // Each 栏目 link leads to that category.
      await page.locator('main .sitemap-list a', { hasText: site.categories[0].name }).click();
      await page.locator('main h1', { hasText: site.categories[0].name }).waitFor();
      // axe is injected as a script tag, which the app's CSP rightly forbids.
      const cold = await open(mode, 'sitemap', { contextOptions: { bypassCSP: true } });
      assert.equal(await cold.page.locator('main .sitemap-list li').count(), rows.length);
      assert.deepEqual(await axe(cold.page), []);
      assert.deepEqual([...problems, ...cold.problems], []);
      await cold.context.close();
      await context.close();
    });

    test('mourning days grey every page, checked again at midnight', async () => {
      const day = site.mourning.dates[0];
      // 23:59:50 in the site's zone the evening before, then midnight passes.
      const before = new Date(`${day}T00:00:00+08:00`).getTime() - 10_000;
      const session = await openPage(env.browser);
      await session.context.clock.install({ time: before });
      await session.page.goto(`${env[mode].url}category/${site.categories[0].slug}`);
      await session.page.waitForFunction(() => document.documentElement.dataset.mourning === 'off');
      const mourning = () => session.page.evaluate(() => [document.documentElement.dataset.mourning, getComputedStyle(document.documentElement).filter]);
      assert.deepEqual(await mourning(), ['off', 'none']);
      await session.context.clock.fastForward(20_000);
      await session.page.waitForFunction(() => document.documentElement.dataset.mourning === 'on');
      assert.deepEqual(await mourning(), ['on', 'grayscale(1)']);
      await session.context.clock.fastForward(24 * 3600 * 1000);
      await session.page.waitForFunction(() => document.documentElement.dataset.mourning === 'off');
      assert.deepEqual(session.problems, []);
      await session.context.close();
    });

    test('axe-core: no violations on a mourning day, in 适老化 mode too', async () => {
      for (const elder of [false, true]) {
        const session = await openPage(env.browser, { contextOptions: { bypassCSP: true } });
        await session.context.clock.setFixedTime(new Date(`${site.mourning.dates[0]}T12:00:00+08:00`));
        if (elder) await session.context.addInitScript(() => localStorage.setItem('portal.elder-mode', 'on'));
        await session.page.goto(`${env[mode].url}sitemap`);
        await session.page.waitForFunction(() => document.documentElement.dataset.mourning === 'on');
        await ready(session.page);
        await session.page.locator('#prerender').waitFor({ state: 'detached' });
        assert.deepEqual(await axe(session.page), [], elder ? '适老化' : 'normal');
        await session.context.close();
      }
    });

    if (mode === 'archive') {
      test('a pre-rendered page greys itself on a mourning day, before the app starts', async () => {
        for (const [time, expected] of [[`${site.mourning.dates[0]}T12:00:00+08:00`, 'on'], [`${site.mourning.dates[0]}T23:59:59-08:00`, undefined]]) {
          const session = await openPage(env.browser, { allowErrors: ['Failed to load resource', 'net::ERR_FAILED'] });
          await session.context.clock.setFixedTime(new Date(time));
          // No app: what is left is the pre-rendered page and boot.js.
          await session.context.route('**/*.wasm', (route) => route.abort());
          await session.page.goto(`${env.archive.url}article/n000001`);
          await session.page.locator('.boot-error').waitFor();
          assert.equal(await session.page.locator('#prerender').count(), 1);
          assert.equal(await session.page.evaluate(() => document.documentElement.dataset.mourning), expected, time);
          await session.context.close();
        }
      });
    }

    for (const width of [320, 375]) {
      test(`the header is one row at ${width} px, and every 栏目 can be reached`, async () => {
        const { page, problems, context } = await open(mode, `category/${site.categories.at(-1).slug}`, { contextOptions: { viewport: { width, height: 700 } } });
        const nav = page.locator('body > header .site-nav ul');
        const box = await nav.boundingBox();
        const link = await page.locator('body > header .site-nav a').first().boundingBox();
        assert.ok(box.height < link.height * 1.5, `one row: ${box.height} px for links of ${link.height} px`);
        assert.ok(await nav.evaluate((ul) => ul.scrollWidth > ul.clientWidth), 'the row scrolls sideways');
        assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, 'the page itself does not');
        // The current 栏目 is in view, and the keyboard brings each one into view.
        const inView = (a) => { const r = a.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; };
        assert.ok(await page.locator('body > header .site-nav a[aria-current="page"]').evaluate(inView), 'the current 栏目 is visible');
        const last = page.locator('body > header .site-nav a').last();
        await last.focus();
        assert.ok(await last.evaluate(inView), 'a focused link scrolls into view');
        assert.deepEqual(problems, []);
        await context.close();
      });
    }
  });
}

/** A category with more than one page. */
async function pagedCategory(mode, site) {
  for (const category of site.categories) if ((await expectedCount(mode, category.slug)) > site.page_size) return category;
  throw new Error('no category has a second page');
}

/** What 网站地图 must say for `slug`: the archive's own count, or the demo feed's articles in that category. */
async function expectedCount(mode, slug) {
  if (mode === 'archive') {
    const map = JSON.parse(readFileSync(join(ROOT, 'dist-archive', 'sitemap.json'), 'utf8'));
    return map.categories.find((c) => c.slug === slug).count;
  }
  const feed = JSON.parse(readFileSync(join(ROOT, 'dist', 'feed.json'), 'utf8'));
  return feed.items.filter((item) => item._portal?.category === slug).length;
}

test('photos load from the image hosts site.json lists, and from no other', async () => {
  const allowed = await startServer({ root: join(ROOT, 'public') });
  const other = await startServer({ root: join(ROOT, 'public') });
  const work = mkdtempSync(join(tmpdir(), 'portal-image-hosts-'));
  const site = JSON.parse(readFileSync(join(ROOT, 'public', 'site.json'), 'utf8'));
  writeFileSync(join(work, 'site.json'), JSON.stringify({ ...site, image_origins: [allowed.origin] }));
  const figure = (origin, alt) => `<figure><img src="${origin}/images/factory.svg" alt="${alt}" width="640" height="400"><figcaption>${alt}</figcaption></figure>`;
  writeFileSync(join(work, 'feed.json'), JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: site.name,
    items: [{
      id: 'photos',
      title: '图片服务器上的照片',
      date_published: '2026-11-28T09:00:00+08:00',
      content_html: `<p>两张照片。</p>${figure(allowed.origin, '允许的图片服务器')}${figure(other.origin, '未列出的图片服务器')}`,
      _portal: { category: site.categories[0].slug },
    }],
  }));
  const tree = join(work, 'site');
  execFileSync(join(ROOT, 'target', 'tool', 'portal-build'), ['build', '--site', join(work, 'site.json'), '--feed', join(work, 'feed.json'), '--app', join(ROOT, 'dist'), '--base-url', 'https://example.gov.cn/', '--out', tree]);
  const server = await startServer({ root: tree });
  const { page, problems, context } = await openPage(env.browser, { allowErrors: ['Refused to load the image', 'Content Security Policy'] });
  try {
    await page.goto(`${server.url}article/photos`);
    await ready(page);
    const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(policy, new RegExp(`img-src 'self' data: ${allowed.origin};`));
    assert.ok(!policy.includes(other.origin));
    const loaded = (alt) => page.locator(`body > main img[alt="${alt}"]`).evaluate((img) =>
      new Promise((done) => (img.complete ? done(img.naturalWidth > 0) : img.addEventListener('load', () => done(true)) || img.addEventListener('error', () => done(false)))));
    await page.locator('body > main img').first().scrollIntoViewIfNeeded();
    assert.equal(await loaded('允许的图片服务器'), true, 'the listed host’s photo loads');
    await page.locator('body > main img').last().scrollIntoViewIfNeeded();
    assert.equal(await loaded('未列出的图片服务器'), false, 'any other host’s photo is refused');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
    await Promise.all([server.close(), allowed.close(), other.close()]);
    rmSync(work, { recursive: true, force: true });
  }
});

describe('繁體 version (archive)', () => {
  const hant = (file) => JSON.parse(readFileSync(join(ROOT, 'dist-archive', 'zh-hant', file), 'utf8'));

  test('a cold deep link into zh-hant/ shows the converted article, and the app takes over there', async () => {
    const article = hant('articles/n000001.json').items[0];
    const { page, problems, context } = await openPage(env.browser);
    const fetched = [];
    page.on('request', (r) => { if (r.url().endsWith('.json')) fetched.push(new URL(r.url()).pathname); });
    await page.goto(`${env.archive.url}zh-hant/article/n000001`);
    await ready(page);
    await page.locator('#prerender').waitFor({ state: 'detached' });
    assert.equal(await page.locator('body > main h1').textContent(), article.title);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-Hant');
    assert.deepEqual(fetched.sort(), ['/zh-hant/articles/n000001.json', '/zh-hant/feed.json', '/zh-hant/site.json']);
    assert.equal(await page.locator('body > header .site-name span').textContent(), '合成檔案測試站');
    // The app's own words are 繁體 too.
    const text = (selector) => page.locator(selector).first().innerText();
    assert.equal(await text('body > main .breadcrumb-label'), '當前位置：');
    assert.equal(await text('body > main #related-heading'), '相關閱讀');
    assert.equal(await text('body > main #share-heading'), '分享到：');
    assert.equal(await text('body > main #disclaimer-heading'), '免責聲明');
    assert.match(await text('body > main .font-size-switch'), /^【字體：/);
    assert.equal(await text('body > header .site-nav a'), '首頁');
    assert.equal(await text('body > header .elder-toggle'), '適老化模式');
    assert.equal(await text('body > footer .footer-links a'), '網站地圖');
    assert.equal(await text('body > footer a.error-report'), '我爲政府網站找錯');
    const simplified = page.locator('body > header a.script-switch');
    assert.equal(await simplified.textContent(), '简');
    const box = await simplified.boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `the 简 link is ${box.width}×${box.height}`);
    assert.equal(await simplified.getAttribute('href'), '/article/n000001');
    // In-app navigation stays in the tree.
    await page.locator('body > header .site-nav a', { hasText: '開發區動態' }).click();
    await page.locator('body > main h1', { hasText: '開發區動態' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/zh-hant/category/kfqdt');
    assert.equal(await simplified.getAttribute('href'), '/category/kfqdt');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('简/繁 switches the page and is remembered on the next visit', async () => {
    const { page, problems, context } = await openPage(env.browser);
    await page.goto(`${env.archive.url}article/n000002`);
    await ready(page);
    await page.locator('body > header a.script-switch', { hasText: '繁' }).click();
    await page.waitForURL(/\/zh-hant\/article\/n000002$/);
    await ready(page);
    assert.equal(await page.locator('body > main h1').textContent(), hant('articles/n000002.json').items[0].title);
    // Next visit, by a link to the Simplified page: the reader's choice holds.
    await page.goto(`${env.archive.url}category/cyfz`);
    await page.waitForURL(/\/zh-hant\/category\/cyfz$/);
    await ready(page);
    await page.locator('body > header a.script-switch', { hasText: '简' }).click();
    await page.waitForURL((url) => url.pathname === '/category/cyfz');
    await page.goto(`${env.archive.url}article/n000003`);
    await ready(page);
    assert.equal(new URL(page.url()).pathname, '/article/n000003', 'back to 简体 stays there');
    assert.deepEqual(problems, []);
    await context.close();
  });

  for (const elder of [false, true]) {
    test(`axe-core: no violations on a 繁體 article${elder ? ' in 适老化 mode' : ''}`, async () => {
      const { page, context } = await openPage(env.browser, { contextOptions: { bypassCSP: true } });
      if (elder) await context.addInitScript(() => localStorage.setItem('portal.elder-mode', 'on'));
      await page.goto(`${env.archive.url}zh-hant/article/n000001`);
      await ready(page);
      await page.locator('#prerender').waitFor({ state: 'detached' });
      assert.deepEqual(await axe(page), []);
      await context.close();
    });
  }
});

test('a single feed has no 繁體 copy, so no 简/繁 switch', async () => {
  const { page, problems, context } = await open('feed', 'article/a1003');
  assert.equal(await page.locator('a.script-switch').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
