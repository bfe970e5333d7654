// The inspection report a person reads (docs/inspection.md): for a faulty
// copy of the demo site, `portal-build check --html` and the build's own
// NAME.check.html open in Chromium as one page with no script that passes
// axe-core, and their links open the article and category pages they name
// in the tree the build wrote.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, ready, axe, ROOT } from './helpers.mjs';
import { startServer } from './server.mjs';

const TOOL = join(ROOT, 'target', 'tool', 'portal-build');
const ON = '2026-11-28';
const BLANK = { slug: 'zxgz', name: '专项工作' };
const DEAD_LINK = { id: 'dead-link', title: '开发区召开安全生产工作会议' };

const env = {};
before(async () => {
  env.browser = await launch();
  env.work = mkdtempSync(join(tmpdir(), 'portal-inspection-'));
  // The demo site with faults: a blank 栏目, no 公安机关备案, a dead link,
  // a date after the inspection day (否决), an image without alt.
  const site = JSON.parse(readFileSync(join(ROOT, 'public', 'site.json'), 'utf8'));
  delete site.footer.police_filing;
  site.categories.push(BLANK);
  const demo = JSON.parse(readFileSync(join(ROOT, 'public', 'feed.json'), 'utf8'));
  const item = (id, title, date, category, content_html) => ({ id, title, date_published: date, content_html, _portal: { category } });
  demo.items.push(
    item(DEAD_LINK.id, DEAD_LINK.title, '2026-11-27T09:00:00+08:00', 'kfqdt', '<p>详见<a href="article/gone">已删除的稿件</a>。</p>'),
    item('future', '关于做好元旦期间安全生产工作的通知', '2026-12-05T09:00:00+08:00', 'tzgg', '<p>通知正文。</p>'),
    item('no-alt', '社区文化活动丰富多彩', '2026-11-26T15:00:00+08:00', 'shsy', '<p><img src="images/culture.svg"></p>'),
  );
  const [sitePath, feedPath] = [join(env.work, 'site.json'), join(env.work, 'feed.json')];
  writeFileSync(sitePath, JSON.stringify(site));
  writeFileSync(feedPath, JSON.stringify(demo));
  // The demo's policy document has attachments beside the feed.
  cpSync(join(ROOT, 'public', 'files'), join(env.work, 'files'), { recursive: true });
  // The tree's server first: its address is the site's base URL, so the
  // reports link to pages it serves.
  env.tree = join(env.work, 'site');
  env.site = await startServer({ root: env.tree });
  env.reports = await startServer({ root: env.work });
  const inputs = ['--site', sitePath, '--feed', feedPath, '--app', join(ROOT, 'dist'), '--base-url', env.site.url, '--on', ON];
  execFileSync(TOOL, ['build', ...inputs, '--out', env.tree]);
  execFileSync(TOOL, ['check', ...inputs, '--html', join(env.work, 'check.html')]);
});
after(async () => {
  await env.site?.close();
  await env.reports?.close();
  await env.browser?.close();
  rmSync(env.work, { recursive: true, force: true });
});

for (const report of ['check.html', 'site.check.html']) {
  test(`${report}: one page with no script, axe-core 0, a verdict`, async () => {
    // axe is injected as a script tag, which the report's CSP rightly forbids.
    const { page, problems, foreignRequests, context } = await openPage(env.browser, { contextOptions: { bypassCSP: true } });
    await page.goto(env.reports.url + report);
    assert.equal(await page.locator('script').count(), 0);
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
    assert.equal(await page.locator('h1').count(), 1);
    assert.equal(await page.locator('main h2').first().innerText(), '结论：不通过');
    assert.match(await page.locator('main').innerText(), /发布时间：1 处否决/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(problems, []);
    assert.deepEqual(foreignRequests, []);
    await context.close();
  });

  test(`${report}: its links open the article and the 栏目 they name`, async () => {
    const { page, problems, context } = await openPage(env.browser);
    await page.goto(env.reports.url + report);
    const article = page.locator('main a', { hasText: `文章 ${DEAD_LINK.id} 的页面` });
    assert.equal(await article.count(), 1, 'the dead link is one finding');
    assert.equal(await article.getAttribute('href'), `${env.site.url}article/${DEAD_LINK.id}`);
    await article.click();
    await page.locator('#article-title', { hasText: DEAD_LINK.title }).first().waitFor();
    await ready(page);

    await page.goto(env.reports.url + report);
    const blank = page.locator('main table a', { hasText: BLANK.name });
    assert.equal(await blank.getAttribute('href'), `${env.site.url}category/${BLANK.slug}`);
    await blank.click();
    await ready(page);
    await page.locator('main h1', { hasText: BLANK.name }).first().waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });
}
