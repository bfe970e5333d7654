// Every class of malformed feed, in the browser: a clear message, and what
// can still be shown is shown. (The same classes are fuzzed natively in
// crates/core; this proves the reader sees the result.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, ready } from './helpers.mjs';

const env = setup('dist');
const VERSION = 'https://jsonfeed.org/version/1.1';
const item = (n, extra = {}) => ({ id: `m${n}`, title: `条目${n}`, content_text: `正文${n}`, date_published: '2026-11-01T08:00:00+08:00', _portal: { category: 'cyfz' }, ...extra });

async function withFeed(body, path = 'category/cyfz') {
  const session = await openPage(env.browser);
  await session.context.route('**/feed.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await session.page.goto(env.server.url + path);
  await ready(session.page);
  return session;
}

async function expectFatal(body, message) {
  const { page, problems, context } = await withFeed(body);
  assert.match(await page.locator('.error-panel').innerText(), message);
  assert.ok(await page.getByRole('button', { name: '重新加载' }).isVisible());
  assert.deepEqual(problems, []);
  await context.close();
}

async function expectNotice(body, summary, detail) {
  const { page, problems, context } = await withFeed(body);
  const notice = page.locator('.feed-problems');
  assert.match(await notice.locator('summary').innerText(), summary);
  await notice.locator('summary').click();
  assert.match(await notice.innerText(), detail);
  assert.ok((await page.locator('.category-page .article-list a').count()) > 0, 'the good items are still listed');
  assert.deepEqual(problems, []);
  await context.close();
}

test('deep nesting is refused with a reason', async () => {
  await expectFatal(`{"version":"${VERSION}","items":[${'['.repeat(5000)}${']'.repeat(5000)}]}`, /嵌套层次过深/);
});

test('invalid UTF-8 is named, not shown as garbage', async () => {
  const good = Buffer.from(JSON.stringify({ version: VERSION, items: [item(1)] }));
  const bad = Buffer.concat([good.subarray(0, 60), Buffer.from([0xff, 0xfe, 0xfd]), good.subarray(60)]);
  await expectFatal(bad, /不是有效的 UTF-8 文本（第 60 字节处编码错误）/);
});

test('wrong top-level shapes say what is missing', async () => {
  await expectFatal('[1, 2, 3]', /顶层不是 JSON 对象/);
  await expectFatal(`{"version":"${VERSION}","items":{"not":"an array"}}`, /缺少 items 数组/);
});

test('duplicate ids keep the first and say so', async () => {
  await expectNotice(JSON.stringify({ version: VERSION, items: [item(1), item(2), { ...item(1), title: '重复的' }] }), /1 处问题/, /第 3 条（id “m1”）字段 id：与前面的条目重复，已跳过/);
});

test('an unknown version is read, with a warning', async () => {
  await expectNotice(JSON.stringify({ version: 'https://jsonfeed.org/version/9', items: [item(1)] }), /1 处问题/, /未知版本/);
});

test('a 10 MB feed of 100,000 items loads and pages correctly', async () => {
  const items = Array.from({ length: 100000 }, (_, n) => item(n, { content_text: `正文${n}`.padEnd(30, '。'), date_published: new Date(Date.UTC(2026, 0, 1) + n * 60000).toISOString() }));
  const body = JSON.stringify({ version: VERSION, items });
  assert.ok(body.length > 10_000_000, `${body.length} bytes`);
  const { page, problems, context } = await withFeed(body, 'category/cyfz?page=2');
  await page.locator('.pager-summary').waitFor({ timeout: 60000 });
  // 100,000 items at the demo's 6 a page; newest first.
  assert.equal(await page.locator('.pager-summary').innerText(), '第 2 页，共 16667 页');
  assert.equal(await page.locator('.category-page .article-list a').first().innerText(), '条目99993');
  assert.deepEqual(problems, []);
  await context.close();
});
