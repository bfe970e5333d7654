// The release bundle starts, deep links survive a refresh, and the same
// holds under a sub-path build (/news/).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, serve, openPage, ready, ROOT } from './helpers.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const { dist, prefix } of [{ dist: 'dist', prefix: '/' }, { dist: 'dist-news', prefix: '/news/' }]) {
  describe(`release bundle served at ${prefix}`, () => {
    let server;
    before(async () => {
      server = await serve(dist, prefix);
    });
    after(async () => {
      await server?.close();
    });

    test('starts without errors and shows the home page', async () => {
      const { page, problems, foreignRequests, context } = await openPage(browser);
      await page.goto(server.url);
      await ready(page);
      await page.locator('.home-blocks .category-block').first().waitFor();
      assert.equal(await page.locator('.site-name').innerText(), '泉州经济开发区');
      assert.ok((await page.locator('.site-nav a').count()) >= 7);
      assert.deepEqual(problems, []);
      assert.deepEqual(foreignRequests, []);
      await context.close();
    });

    test('deep links load after a refresh', async () => {
      const { page, problems, context } = await openPage(browser);
      for (const [path, heading] of [
        ['article/a1003', '新能源电池材料项目一期竣工投产'],
        ['category/cyfz?page=1', '产业发展'],
      ]) {
        await page.goto(server.url + path);
        await ready(page);
        assert.equal(await page.locator('main h1').innerText(), heading);
        await page.reload();
        await ready(page);
        assert.equal(await page.locator('main h1').innerText(), heading);
      }
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('in-app links stay under the prefix and navigate without a reload', async () => {
      const { page, problems, context } = await openPage(browser);
      await page.goto(server.url + 'article/a1003');
      await ready(page);
      const hrefs = await page.locator('a[href^="/"]').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.length > 20);
      for (const href of hrefs) assert.ok(href.startsWith(prefix), `${href} is outside ${prefix}`);
      await page.evaluate(() => (window.__sameDocument = true));
      await page.locator('.breadcrumb a').nth(1).click();
      await page.waitForURL(`**${prefix}category/cyfz`);
      assert.equal(await page.locator('main h1').innerText(), '产业发展');
      assert.equal(await page.evaluate(() => window.__sameDocument), true, 'navigation reloaded the page');
      assert.deepEqual(problems, []);
      await context.close();
    });
  });
}

test('release index.html carries the CSP and no inline script', () => {
  for (const dist of ['dist', 'dist-news']) {
    const html = readFileSync(join(ROOT, dist, 'index.html'), 'utf8');
    assert.match(html, /http-equiv="Content-Security-Policy"/);
    assert.match(html, /script-src 'self' 'wasm-unsafe-eval'/);
    assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/, 'an inline script would need unsafe-inline');
  }
  assert.match(readFileSync(join(ROOT, 'dist-news', 'index.html'), 'utf8'), /<base href="\/news\/">/);
});

test('a bundle that fails to start is reported as an error', async () => {
  const server = await serve('dist', '/');
  const { page, problems, context } = await openPage(browser);
  await context.route(/_bg\.wasm$/, (route) => route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm') }));
  await page.goto(server.url);
  await page.locator('.boot-error').waitFor();
  assert.match(await page.locator('.boot-error').innerText(), /页面程序加载失败/);
  assert.ok(problems.length > 0, 'the broken start must show up as a page or console error');
  await context.close();
  await server.close();
});
