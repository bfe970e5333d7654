// Accessibility (WCAG 2.1 A/AA via axe-core), keyboard use, reflow at 320 px
// and 200% zoom, touch targets, 适老化 mode, semantic structure, and
// screenshots for people to look at (tests/e2e/artifacts/, git-ignored).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { setup, openPage, ready, axe, ROOT } from './helpers.mjs';

const ARTIFACTS = join(ROOT, 'tests', 'e2e', 'artifacts');
const ROUTES = { home: '', category: 'category/cyfz', article: 'article/a1003', sitemap: 'sitemap', 'not found': 'article/nope' };

const env = setup('dist');

/** A page with the reader's 适老化 choice already saved. */
async function open(path, { elder = false, failFeed = false, contextOptions = {} } = {}) {
  // axe is injected as a script tag, which the app's CSP rightly forbids.
  const session = await openPage(env.browser, { contextOptions: { bypassCSP: true, ...contextOptions }, allowErrors: failFeed ? ['Failed to load resource'] : [] });
  if (elder) await session.context.addInitScript(() => localStorage.setItem('portal.elder-mode', 'on'));
  if (failFeed) await session.context.route('**/feed.json', (route) => route.fulfill({ status: 500, body: 'down' }));
  await session.page.goto(env.server.url + path);
  if (failFeed) await session.page.locator('.error-panel').waitFor();
  else await ready(session.page);
  return session;
}

describe('axe-core: zero WCAG 2.1 A/AA violations', () => {
  for (const elder of [false, true]) {
    for (const [name, path] of Object.entries({ ...ROUTES, error: 'article/a1003' })) {
      test(`${name}${elder ? ' in 适老化 mode' : ''}`, async () => {
        const { page, context } = await open(path, { elder, failFeed: name === 'error' });
        if (name === 'article') {
          await page.locator('#share-wechat-button').click();
          await page.locator('svg.qr').waitFor();
        }
        assert.deepEqual(await axe(page), []);
        await context.close();
      });
    }
  }
});

test('keyboard: skip link first, every control reachable with a visible focus ring', async () => {
  const { page, context } = await open('article/a1003');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), '跳到正文');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  const controls = await page.locator('a[href], button').count();
  const reached = new Set();
  for (let n = 0; n < controls + 5; n++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const e = document.activeElement;
      const style = getComputedStyle(e);
      return { key: `${e.tagName}|${e.getAttribute('href') ?? ''}|${e.textContent}`, ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2, end: e === document.body };
    });
    if (info.end) break; // tabbed past the last control
    assert.ok(info.ring, `no visible focus ring on ${info.key}`);
    reached.add(info.key);
  }
  const all = await page.locator('main a[href], main button').evaluateAll((els) => els.map((e) => `${e.tagName}|${e.getAttribute('href') ?? ''}|${e.textContent}`));
  for (const key of all) assert.ok(reached.has(key), `${key} is not reachable by Tab`);
  await context.close();
});

test('reflow: no horizontal scrolling at 320 px wide or at 200% zoom', async () => {
  for (const viewport of [{ width: 320, height: 640 }, { width: 640, height: 400 }]) {
    for (const elder of [false, true]) {
      const { page, context } = await open('', { elder, contextOptions: { viewport } });
      for (const path of Object.values(ROUTES)) {
        await page.goto(env.server.url + path);
        await ready(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${path} at ${viewport.width}px${elder ? ' (适老化)' : ''} scrolls sideways by ${overflow}px`);
      }
      await context.close();
    }
  }
});

test('touch targets are at least 44 px on a small screen', async () => {
  const { page, context } = await open('category/kfqdt', { contextOptions: { viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true } });
  const check = async (selector) => {
    const boxes = await page.locator(selector).evaluateAll((els) => els.map((e) => ({ text: e.textContent, ...e.getBoundingClientRect().toJSON() })));
    assert.ok(boxes.length > 0, selector);
    for (const box of boxes) assert.ok(box.height >= 44 && box.width >= 44, `${selector} "${box.text}" is ${box.width}x${box.height}`);
  };
  await check('.site-nav a');
  await check('button');
  await check('.pager a');
  await check('.category-block a.more, .category-page .article-list a');
  await page.goto(env.server.url + 'article/a1003');
  await ready(page);
  await check('.share-bar .share');
  await check('.article-tools button');
  await context.close();
});

test('适老化 mode: toggled from the header, remembered, larger and high-contrast', async () => {
  const { page, context } = await open('article/a1003');
  const bodySize = () => page.locator('body').evaluate((b) => parseFloat(getComputedStyle(b).fontSize));
  const normal = await bodySize();
  const toggle = page.locator('.elder-toggle');
  assert.equal(await toggle.getAttribute('aria-pressed'), 'false');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
  assert.ok((await bodySize()) >= 20 && (await bodySize()) > normal);
  assert.equal(await page.locator('main h1').evaluate((h) => getComputedStyle(h).color), 'rgb(0, 0, 0)');
  assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).cursor.startsWith('url(')), true);
  await page.reload();
  await ready(page);
  assert.equal(await page.locator('.elder-toggle').getAttribute('aria-pressed'), 'true');
  assert.ok((await bodySize()) >= 20);
  const animated = await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.className = 'skeleton-line';
    document.body.append(probe);
    const name = getComputedStyle(probe).animationName;
    probe.remove();
    return name;
  });
  assert.equal(animated, 'none', 'no animation in 适老化 mode');
  await context.close();
});

test('reduced motion and more contrast are honoured without the toggle', async () => {
  const { page, context } = await open('article/a1003', { contextOptions: { reducedMotion: 'reduce' } });
  await page.emulateMedia({ reducedMotion: 'reduce', contrast: 'more' });
  const probe = await page.evaluate(() => {
    const el = document.createElement('div');
    el.className = 'skeleton-line';
    document.body.append(el);
    const result = { animation: getComputedStyle(el).animationName, text: getComputedStyle(document.body).color };
    el.remove();
    return result;
  });
  assert.equal(probe.animation, 'none');
  assert.equal(probe.text, 'rgb(0, 0, 0)');
  await context.close();
});

test('semantic structure: lang, one h1, landmarks, time, alt text, lists', async () => {
  const { page, context } = await open('article/a1003');
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
  for (const path of Object.values(ROUTES)) {
    await page.goto(env.server.url + path);
    await ready(page);
    assert.equal(await page.locator('h1').count(), 1, `${path} has one h1`);
    for (const landmark of ['header', 'nav', 'main', 'footer']) assert.ok((await page.locator(landmark).count()) >= 1, `${path} lacks <${landmark}>`);
  }
  await page.goto(env.server.url + 'article/a1003');
  await ready(page);
  assert.equal(await page.locator('aside').count(), 1);
  assert.ok((await page.locator('time[datetime]').count()) > 5);
  assert.equal(await page.locator('img:not([alt])').count(), 0);
  assert.ok((await page.locator('figure > figcaption').count()) >= 1);
  assert.ok((await page.locator('.related ul > li').count()) >= 1);
  await context.close();
});

test('screenshots of the article page (desktop, mobile, 适老化)', async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const [name, viewport, elder] of [['article-desktop-1280', { width: 1280, height: 900 }, false], ['article-mobile-375', { width: 375, height: 800 }, false], ['article-elder-1280', { width: 1280, height: 900 }, true]]) {
    const { page, context } = await open('article/a1003', { elder, contextOptions: { viewport } });
    await page.locator('.article-body figure img').first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
    await context.close();
  }
});
