// 分享到: every link carries the canonical URL and title, the QR code
// decodes to the URL, copy-link uses the clipboard (with a fallback), the
// system share sheet is feature-detected, and nothing is requested from any
// other host unless the reader clicks through.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { launch, serve, openPage, ready, ROOT } from './helpers.mjs';

const feed = JSON.parse(readFileSync(join(ROOT, 'public', 'feed.json'), 'utf8'));
const site = JSON.parse(readFileSync(join(ROOT, 'public', 'site.json'), 'utf8'));
// The demo article whose title has & # % + quotes, Chinese and an emoji.
const article = feed.items.find((i) => i.id === 'a1008');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const expected = (canonical, title) => ({
  weibo: ['https://service.weibo.com/share/share.php', { url: canonical, title }],
  qq: ['https://connect.qq.com/widget/shareqq/index.html', { url: canonical, title }],
  qzone: ['https://sns.qzone.qq.com/cgi-bin/qzshare/cgi_qzshare_onekey', { url: canonical, title }],
  x: ['https://x.com/intent/tweet', { url: canonical, text: title }],
  facebook: ['https://www.facebook.com/sharer/sharer.php', { u: canonical }],
  telegram: ['https://t.me/share/url', { url: canonical, text: title }],
});

for (const { dist, prefix } of [{ dist: 'dist', prefix: '/' }, { dist: 'dist-news', prefix: '/news/' }]) {
  test(`share links carry the canonical URL and title (${prefix})`, async () => {
    const server = await serve(dist, prefix);
    const { page, problems, foreignRequests, context } = await openPage(browser);
    await page.goto(`${server.url}article/${article.id}`);
    await ready(page);
    const canonical = `${server.url}article/${article.id}`;
    const links = page.locator('.share-bar a[data-share]');
    const keys = await links.evaluateAll((a) => a.map((l) => l.dataset.share));
    assert.deepEqual(keys, site.share.filter((k) => expected('', '')[k] || k === 'email'));
    for (const [key, [base, params]] of Object.entries(expected(canonical, article.title))) {
      const href = await page.locator(`a[data-share="${key}"]`).getAttribute('href');
      const url = new URL(href);
      assert.equal(`${url.origin}${url.pathname}`, base);
      // Decoded exactly as a server would: percent-decoding, '+' is not a space here.
      for (const [name, value] of Object.entries(params)) {
        const raw = url.search.slice(1).split('&').find((p) => p.startsWith(`${name}=`)).slice(name.length + 1);
        assert.equal(decodeURIComponent(raw), value, `${key} ${name}`);
      }
      assert.equal(await page.locator(`a[data-share="${key}"]`).getAttribute('rel'), 'noopener noreferrer');
      assert.ok((await page.locator(`a[data-share="${key}"]`).getAttribute('aria-label')).startsWith('分享到'));
    }
    const mail = new URL(await page.locator('a[data-share="email"]').getAttribute('href'));
    assert.equal(mail.protocol, 'mailto:');
    const mailParams = Object.fromEntries(mail.search.slice(1).split('&').map((p) => p.split('=')).map(([k, v]) => [k, decodeURIComponent(v)]));
    assert.equal(mailParams.subject, article.title);
    assert.equal(mailParams.body, `${article.title}\n${canonical}`);
    assert.deepEqual(foreignRequests, [], 'nothing may be requested from another host');
    assert.deepEqual(problems, []);
    await context.close();
    await server.close();
  });
}

test('the WeChat QR code decodes to exactly the canonical URL; keyboard open and Esc close', async () => {
  const server = await serve('dist-news', '/news/');
  const { page, problems, foreignRequests, context } = await openPage(browser);
  await page.goto(`${server.url}article/${article.id}`);
  await ready(page);
  const button = page.locator('#share-wechat-button');
  assert.equal(await button.getAttribute('aria-label'), '分享到微信');
  await button.focus();
  await page.keyboard.press('Enter');
  const popover = page.getByRole('dialog', { name: '微信扫一扫' });
  await popover.waitFor();
  assert.match(await popover.innerText(), /微信扫一扫/);
  const { width, height, pixels } = await page.locator('svg.qr').evaluate(async (svg) => {
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 400;
    const context = canvas.getContext('2d');
    context.imageSmoothingEnabled = false;
    context.drawImage(image, 0, 0, 400, 400);
    return { width: 400, height: 400, pixels: Array.from(context.getImageData(0, 0, 400, 400).data) };
  });
  const decoded = jsQR(Uint8ClampedArray.from(pixels), width, height);
  assert.ok(decoded, 'the QR code must decode');
  assert.equal(decoded.data, `${server.url}article/${article.id}`);
  await page.keyboard.press('Escape');
  await popover.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => document.activeElement.id), 'share-wechat-button');
  assert.deepEqual(foreignRequests, []);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test('inside WeChat the popover says to use the menu instead of a QR code', async () => {
  const server = await serve('dist', '/');
  const { page, context } = await openPage(browser, { contextOptions: { userAgent: 'Mozilla/5.0 (Linux; Android 14) MicroMessenger/8.0.50' } });
  await page.goto(`${server.url}article/${article.id}`);
  await ready(page);
  await page.locator('#share-wechat-button').click();
  const popover = page.getByRole('dialog', { name: '微信扫一扫' });
  assert.match(await popover.innerText(), /右上角/);
  assert.equal(await popover.locator('svg').count(), 0);
  await context.close();
  await server.close();
});

test('复制链接 puts the URL on the clipboard', async () => {
  const server = await serve('dist', '/');
  const { page, problems, context } = await openPage(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
  await page.goto(`${server.url}article/${article.id}`);
  await ready(page);
  await page.getByRole('button', { name: '复制链接' }).click();
  await page.locator('.copy-status .copied').waitFor();
  assert.equal(await page.locator('.copy-status').innerText(), '链接已复制');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${server.url}article/${article.id}`);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test('without the clipboard API the link is offered selected for copying by hand', async () => {
  const server = await serve('dist', '/');
  const { page, problems, context } = await openPage(browser);
  await context.addInitScript(() => delete Navigator.prototype.clipboard);
  await page.goto(`${server.url}article/${article.id}`);
  await ready(page);
  await page.getByRole('button', { name: '复制链接' }).click();
  const field = page.locator('#share-copy-field');
  await field.waitFor();
  assert.equal(await field.inputValue(), `${server.url}article/${article.id}`);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'share-copy-field');
  assert.equal(await page.evaluate(() => document.activeElement.selectionEnd - document.activeElement.selectionStart), (await field.inputValue()).length);
  assert.deepEqual(problems, []);
  await context.close();
  await server.close();
});

test('the system share sheet appears only where the browser has one; cancelling is not an error', async () => {
  const server = await serve('dist', '/');
  const without = await openPage(browser);
  await without.context.addInitScript(() => delete Navigator.prototype.share);
  await without.page.goto(`${server.url}article/${article.id}`);
  await ready(without.page);
  assert.equal(await without.page.locator('.share-system').count(), 0);
  await without.context.close();

  const withShare = await openPage(browser);
  await withShare.context.addInitScript(() => {
    window.__shared = [];
    Navigator.prototype.share = function (data) {
      window.__shared.push(data);
      return Promise.reject(new DOMException('cancelled', 'AbortError'));
    };
  });
  await withShare.page.goto(`${server.url}article/${article.id}`);
  await ready(withShare.page);
  await withShare.page.getByRole('button', { name: '系统分享' }).click();
  await withShare.page.waitForFunction(() => window.__shared.length === 1);
  assert.deepEqual(await withShare.page.evaluate(() => window.__shared[0]), { title: article.title, url: `${server.url}article/${article.id}` });
  assert.equal((await withShare.page.locator('.share-system + [role="status"]').innerText()).trim(), '');
  assert.deepEqual(withShare.problems, []);
  await withShare.context.close();
  await server.close();
});
