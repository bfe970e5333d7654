// Loading, failure and recovery: what the reader sees when the feed is
// slow, missing, broken or unreachable, and that 重新加载 recovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, ready } from './helpers.mjs';

const env = setup('dist');

/** Opens `path` with the feed answered by `fault` until `heal()` is called. */
async function withFaultyFeed(fault, path = 'article/a1003', allowErrors = ['Failed to load resource']) {
  const session = await openPage(env.browser, { allowErrors });
  let broken = true;
  await session.context.route('**/feed.json', (route) => (broken ? fault(route) : route.fallback()));
  await session.page.goto(env.server.url + path);
  return { ...session, heal: () => (broken = false) };
}

async function expectErrorThenRetry(session, heading, detail) {
  const { page } = session;
  const panel = page.locator('.error-panel');
  await panel.waitFor({ timeout: 20000 });
  assert.match(await panel.locator('h1').innerText(), heading);
  if (detail) assert.match(await panel.locator('p').innerText(), detail);
  assert.equal(await panel.getAttribute('role'), 'alert');
  // Header and footer stay; the route is not blank.
  assert.ok(await page.locator('.site-header').isVisible());
  session.heal();
  await page.getByRole('button', { name: '重新加载' }).click();
  await page.locator('main h1', { hasText: '新能源电池材料项目一期竣工投产' }).waitFor();
  assert.equal(await page.locator('.error-panel').count(), 0);
  assert.deepEqual(session.problems, []);
  await session.context.close();
}

test('a slow feed shows a skeleton, then the page', async () => {
  const { page, problems, context } = await withFaultyFeed(async (route) => {
    await new Promise((done) => setTimeout(done, 1500));
    await route.fallback();
  });
  const skeleton = page.locator('.skeleton');
  await skeleton.waitFor();
  assert.equal(await skeleton.getAttribute('aria-busy'), 'true');
  assert.match(await skeleton.innerText(), /正在加载/);
  await ready(page);
  assert.equal(await page.locator('.skeleton').count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('HTTP 404 names the file and status; retry recovers', async () => {
  const session = await withFaultyFeed((route) => route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not Found' }));
  await expectErrorThenRetry(session, /新闻订阅源加载失败（HTTP 404）/, /feed\.json/);
});

test('HTTP 500; retry recovers', async () => {
  const session = await withFaultyFeed((route) => route.fulfill({ status: 500, contentType: 'text/plain', body: 'oops' }));
  await expectErrorThenRetry(session, /HTTP 500/);
});

test('network failure; retry recovers', async () => {
  const session = await withFaultyFeed((route) => route.abort('connectionrefused'), 'article/a1003', ['Failed to load resource', 'net::ERR']);
  await expectErrorThenRetry(session, /无法连接服务器/, /网络/);
});

test('malformed JSON names the line and column', async () => {
  const session = await withFaultyFeed((route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version":"https://jsonfeed.org/version/1.1",\n"items":[{"id":"x",}]}' }));
  await expectErrorThenRetry(session, /新闻订阅源内容有误/, /不是有效的 JSON（第 2 行第 \d+ 列/);
});

test('a truncated body says it was cut off', async () => {
  const session = await withFaultyFeed((route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"version":"https://jsonfeed.org/version/1.1","items":[{"id":"a1","title":"被截' }));
  await expectErrorThenRetry(session, /内容有误/, /被截断/);
});

test('an HTML page instead of the feed (SPA fallback) is named as such', async () => {
  const session = await withFaultyFeed((route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><p>index</p>' }));
  await expectErrorThenRetry(session, /内容有误/, /text\/html/);
});

test('a feed with bad items still shows the good ones and names the problems', async () => {
  const body = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'test',
    items: [
      { id: 'good', title: '好文章', content_html: '<p>正文</p>', date_published: '2026-11-01T08:00:00+08:00', _portal: { category: 'cyfz' } },
      { id: 'bad', title: 42, date_published: 'yesterday', _portal: { category: 'cyfz' } },
      'nonsense',
    ],
  });
  const { page, problems, context } = await withFaultyFeed((route) => route.fulfill({ status: 200, contentType: 'application/json', body }), 'category/cyfz');
  await ready(page);
  assert.deepEqual(await page.locator('.category-page .article-list a').allInnerTexts(), ['好文章', '（无标题）']);
  const notice = page.locator('.feed-problems');
  assert.match(await notice.locator('summary').innerText(), /订阅源中有 3 处问题/);
  await notice.locator('summary').click();
  const details = await notice.locator('li').allInnerTexts();
  assert.ok(details.some((d) => d.includes('第 2 条（id “bad”）字段 title')), details.join('\n'));
  assert.ok(details.some((d) => d.includes('date_published') && d.includes('yesterday')));
  assert.ok(details.some((d) => d.includes('第 3 条')));
  assert.deepEqual(problems, []);
  await context.close();
});

test('a broken site.json names the mistake', async () => {
  const session = await openPage(env.browser);
  await session.context.route('**/site.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"name":"x","categories":[],"fotter":{}}' }));
  await session.page.goto(env.server.url);
  await session.page.locator('.error-panel').waitFor();
  assert.match(await session.page.locator('.error-panel').innerText(), /站点配置 site\.json 有误.*fotter/s);
  await session.context.close();
});

test('a 10-second response keeps the skeleton up, then shows the page', async () => {
  const { page, problems, context } = await withFaultyFeed(async (route) => {
    await new Promise((done) => setTimeout(done, 10000));
    await route.fallback();
  }, 'category/cyfz');
  await page.locator('.skeleton').waitFor();
  await page.waitForTimeout(8000);
  assert.equal(await page.locator('.skeleton').count(), 1, 'still loading, not blank');
  await page.locator('main h1', { hasText: '产业发展' }).waitFor({ timeout: 15000 });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a feed that never answers times out with a message; retry recovers', async () => {
  const session = await withFaultyFeed(() => new Promise(() => {}), 'article/a1003', ['Failed to load resource', 'net::ERR', 'AbortError']);
  const started = Date.now();
  await session.page.locator('.error-panel').waitFor({ timeout: 25000 });
  assert.ok(Date.now() - started < 20000);
  await expectErrorThenRetry(session, /新闻订阅源加载超时/, /15 秒/);
});
