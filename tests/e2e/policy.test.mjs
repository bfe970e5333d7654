// 政府信息公开 pages in both modes — the demo bundle reading feed.json
// (dist/) and a tree portal-build made from the same feed (pre-rendered,
// sharded) — with a repealed copy of the demo's policy document added:
// the metadata table, the 已废止 notice, 附件 downloadable with their sizes,
// 解读 ↔ 原文, search by 文号, the table list of 政务公开, 语音朗读 with a
// mocked speechSynthesis, and axe-core on the policy page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, openPage, ready, axe, ROOT } from './helpers.mjs';
import { startServer } from './server.mjs';

const DOC_NO = '泉开管〔2026〕12号';
const POLICY_TITLE = '泉州经济开发区管理委员会关于印发《开发区产业项目扶持办法》的通知';

/** The demo feed with a1049, a repealed document, added. */
function feedWithRepealed() {
  const feed = JSON.parse(readFileSync(join(ROOT, 'public', 'feed.json'), 'utf8'));
  const policy = feed.items.find((item) => item.id === 'a1051');
  const repealed = {
    ...policy,
    id: 'a1049',
    url: undefined,
    title: '泉州经济开发区管理委员会关于印发《开发区招商引资奖励办法》的通知',
    date_published: '2026-11-21T10:00:00+08:00',
    _portal: { ...policy._portal, index_no: 'QZKFQ-2026-00003', doc_no: '泉开管〔2026〕3号', validity: '废止 2026-11-28', attachments: [] },
  };
  return { ...feed, items: [...feed.items, repealed] };
}

const env = {};
before(async () => {
  env.browser = await launch();
  env.feed = feedWithRepealed();
  env.demo = await startServer({ root: join(ROOT, 'dist') });
  env.work = mkdtempSync(join(tmpdir(), 'portal-policy-'));
  writeFileSync(join(env.work, 'feed.json'), JSON.stringify(env.feed));
  cpSync(join(ROOT, 'public', 'files'), join(env.work, 'files'), { recursive: true });
  const tree = join(env.work, 'site');
  const tool = join(ROOT, 'target', 'tool', 'portal-build');
  execFileSync(tool, ['build', '--quiet', '--site', join(ROOT, 'public', 'site.json'), '--feed', join(env.work, 'feed.json'), '--app', join(ROOT, 'dist'), '--base-url', 'https://example.gov.cn/', '--out', tree]);
  env.built = await startServer({ root: tree });
});
after(async () => {
  await Promise.all([env.demo?.close(), env.built?.close()]);
  await env.browser?.close();
  rmSync(env.work, { recursive: true, force: true });
});

/** A stand-in for the browser's speech synthesis that records every call. */
function mockSpeech({ langs = ['en-US', 'zh-CN'], late = false, none = false } = {}) {
  if (none) {
    delete Window.prototype.speechSynthesis;
    delete window.speechSynthesis;
    return;
  }
  const calls = [];
  window.speechCalls = calls;
  window.SpeechSynthesisUtterance = class {
    constructor(text) {
      this.text = text;
    }
  };
  let listed = !late;
  const voices = langs.map((lang) => ({ lang, name: `mock ${lang}`, voiceURI: lang, localService: true, default: false }));
  const synthesis = {
    onvoiceschanged: null,
    getVoices: () => (listed ? voices : []),
    speak: (utterance) => calls.push(['speak', utterance.text, utterance.lang]),
    pause: () => calls.push(['pause']),
    resume: () => calls.push(['resume']),
    cancel: () => calls.push(['cancel']),
  };
  Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
  if (late) {
    setTimeout(() => {
      listed = true;
      synthesis.onvoiceschanged?.(new Event('voiceschanged'));
    }, 300);
  }
}

for (const mode of ['demo', 'built']) {
  describe(`政府信息公开 (${mode === 'demo' ? 'dist/, feed.json' : 'portal-build tree'})`, () => {
    /** A page of this mode, `speech` given to mockSpeech unless null. */
    async function open(path, { speech = null, elder = false, contextOptions = {} } = {}) {
      const session = await openPage(env.browser, { contextOptions: { bypassCSP: true, ...contextOptions } });
      if (mode === 'demo') {
        await session.context.route('**/feed.json', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify(env.feed) }));
      }
      if (speech) await session.context.addInitScript(mockSpeech, speech);
      if (elder) await session.context.addInitScript(() => localStorage.setItem('portal.elder-mode', 'on'));
      const server = mode === 'demo' ? env.demo : env.built;
      await session.page.goto(server.url + path);
      await ready(session.page);
      return { ...session, server };
    }

    test('the metadata table, 附件 downloadable with their sizes, 相关解读 ↔ 政策原文', async () => {
      const { page, context, problems, server } = await open('article/a1051');
      const rows = await page.locator('table.policy-table tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.querySelector('th[scope="row"]')?.textContent, tr.querySelector('td')?.textContent]));
      assert.deepEqual(rows, [
        ['索引号', 'QZKFQ-2026-00012'], ['主题分类', '工业、交通'], ['发布机构', '泉州经济开发区管理委员会'], ['成文日期', '2026-11-17'],
        ['发布日期', '2026-11-19'], ['文号', DOC_NO], ['主题词', '产业项目 扶持 先进制造业'], ['有效性', '有效'],
      ]);
      assert.equal(await page.locator('.ended-notice').count(), 0, 'a document in force has no notice');
      const files = page.locator('.attachments li');
      assert.deepEqual(await files.allInnerTexts(), ['开发区产业项目扶持办法（PDF · 633 B）', '产业项目扶持资金申请表（DOCX · 942 B）']);
      for (const link of await files.locator('a').all()) {
        assert.ok(await link.getAttribute('download'), 'a file of this site downloads');
        const response = await page.request.get(new URL(await link.getAttribute('href'), page.url()).href);
        assert.equal(response.status(), 200, await link.getAttribute('href'));
        assert.ok((await response.body()).length > 0);
      }
      await page.locator('.policy-links a', { hasText: '一图读懂' }).click();
      await page.waitForURL(`${server.url}article/a1052`);
      await page.locator('h1', { hasText: '一图读懂' }).waitFor();
      const original = page.locator('section[aria-labelledby="original-heading"]');
      assert.equal(await original.locator('h2').innerText(), '政策原文');
      await original.locator('a', { hasText: POLICY_TITLE }).click();
      await page.waitForURL(`${server.url}article/a1051`);
      await page.locator('#interpretations-heading', { hasText: '相关解读' }).waitFor();
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('a repealed document: the notice with its date, 〔已废止〕 in the list', async () => {
      const { page, context, problems } = await open('article/a1049');
      assert.equal(await page.locator('.ended-notice').innerText(), '本文件已废止　已于 2026-11-28 废止');
      await page.goto(page.url().replace('article/a1049', 'category/zwgk'));
      await ready(page);
      const row = page.locator('.article-table tbody tr', { hasText: '招商引资奖励办法' });
      assert.equal(await row.locator('.ended-tag').innerText(), '〔已废止〕');
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('政务公开 lists its documents as a table of 标题, 文号, 发布日期, readable at 320 px and 200 % zoom', async () => {
      for (const viewport of [{ width: 1280, height: 800 }, { width: 320, height: 640 }, { width: 640, height: 400 }]) {
        const { page, context, problems } = await open('category/zwgk', { contextOptions: { viewport } });
        const table = page.locator('main table.article-table');
        assert.deepEqual(await table.locator('thead th[scope="col"]').allInnerTexts(), ['标题', '文号', '发布日期']);
        const cells = await table.locator('tbody tr', { hasText: POLICY_TITLE }).locator('td').allInnerTexts();
        assert.deepEqual(cells, [POLICY_TITLE, DOC_NO, '2026-11-19']);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `scrolls sideways by ${overflow}px at ${viewport.width}px`);
        assert.equal(await page.locator('main ul.article-list').count(), 0);
        assert.deepEqual(problems, []);
        await context.close();
      }
    });

    test('站内搜索 finds the document by its 文号', async () => {
      const { page, context, problems } = await open('');
      await page.locator('#site-search-q').fill(DOC_NO);
      await page.locator('#site-search-q').press('Enter');
      const first = page.locator('.search-results h2').first();
      await first.waitFor();
      assert.equal(await first.innerText(), POLICY_TITLE);
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('朗读: start, pause, resume by keyboard, announced; stops when the reader leaves', async () => {
      const { page, context, problems } = await open('article/a1051', { speech: {} });
      const read = page.locator('.read-aloud button', { hasText: '朗读' });
      const status = page.locator('.read-aloud [role="status"]');
      await read.focus();
      await page.keyboard.press('Enter');
      assert.equal(await read.getAttribute('aria-pressed'), 'true');
      assert.equal(await status.innerText(), '正在朗读');
      const spoken = await page.evaluate(() => window.speechCalls.filter((c) => c[0] === 'speak'));
      assert.deepEqual(spoken[0], ['speak', POLICY_TITLE, 'zh-CN'], 'the title first, in the zh-CN voice');
      assert.equal(spoken[1][1], '各园区管理服务中心、各有关单位：');
      const pause = page.locator('.read-aloud button', { hasText: '暂停' });
      await pause.focus();
      await page.keyboard.press('Space');
      assert.equal(await pause.getAttribute('aria-pressed'), 'true');
      assert.equal(await status.innerText(), '朗读已暂停');
      await page.keyboard.press('Space');
      assert.equal(await pause.getAttribute('aria-pressed'), 'false');
      assert.equal(await status.innerText(), '继续朗读');
      const calls = await page.evaluate(() => window.speechCalls.filter((c) => c[0] !== 'speak').map((c) => c[0]));
      assert.deepEqual(calls, ['cancel', 'pause', 'resume']);
      const before = await page.evaluate(() => window.speechCalls.length);
      await page.locator('.breadcrumb a', { hasText: '政务公开' }).click();
      await page.locator('main h1', { hasText: '政务公开' }).waitFor();
      assert.deepEqual(await page.evaluate((n) => window.speechCalls.slice(n), before), [['cancel']], 'leaving the article stops reading');
      assert.deepEqual(problems, []);
      await context.close();
    });

    test('朗读 appears once voices load, and not without a Chinese voice or speech synthesis', async () => {
      const late = await open('article/a1051', { speech: { late: true } });
      await late.page.locator('.read-aloud button', { hasText: '朗读' }).waitFor();
      await late.context.close();
      for (const speech of [{ langs: ['en-US', 'ja-JP'] }, { none: true }]) {
        const { page, context } = await open('article/a1051', { speech });
        await page.waitForTimeout(500);
        assert.equal(await page.locator('.read-aloud').count(), 0, JSON.stringify(speech));
        assert.equal(await page.locator('.article-tools .print-button').count(), 1);
        await context.close();
      }
    });

    for (const elder of [false, true]) {
      test(`axe-core: zero violations on the policy page${elder ? ' in 适老化 mode' : ''}`, async () => {
        const { page, context } = await open('article/a1051', { elder, speech: {} });
        await page.locator('.read-aloud button', { hasText: '朗读' }).click();
        assert.deepEqual(await axe(page), []);
        await context.close();
      });
    }
  });
}
