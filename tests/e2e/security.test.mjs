// Hostile feeds and the Content-Security-Policy: no XSS vector placed in any
// feed field ever runs, pages still render, and a CSP violation is reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, ready } from './helpers.mjs';
import { VECTORS } from './fixtures/xss-vectors.mjs';

const env = setup('dist');

/** Every field of every item carries a vector; item n's body carries vector n. */
function hostileFeed() {
  const pick = (n, k) => VECTORS[(n + k) % VECTORS.length];
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: VECTORS[0],
    home_page_url: VECTORS[71],
    items: VECTORS.map((vector, n) => ({
      id: n % 10 === 0 ? `x${n}${pick(n, 3)}` : `x${n}`,
      url: pick(n, 70),
      title: `标题${n} ${pick(n, 1)}`,
      summary: pick(n, 2),
      content_html: `<p>第${n}篇</p>${vector}<p>结尾</p>`,
      content_text: pick(n, 5),
      image: pick(n, 83),
      date_published: n % 7 === 0 ? pick(n, 4) : `2026-10-${String(1 + (n % 28)).padStart(2, '0')}T08:00:00+08:00`,
      authors: [{ name: pick(n, 6), url: pick(n, 72) }],
      tags: [pick(n, 7), '招商引资'],
      _portal: {
        category: n % 3 === 0 ? pick(n, 8) : 'cyfz',
        source: pick(n, 9),
        editor: pick(n, 10),
        kicker: pick(n, 11),
        subtitle: pick(n, 12),
        related: [pick(n, 13), `x${(n + 1) % VECTORS.length}`],
        photos: [{ src: pick(n, 84), alt: pick(n, 14), caption: pick(n, 15), width: 10, height: 10, after_paragraph: 1 }],
      },
    })),
  };
}

async function hostileSession() {
  // The CSP is bypassed here so that only the sanitizer stands between the
  // vectors and the reader: this proves the sanitizer, the CSP is extra.
  const session = await openPage(env.browser, { contextOptions: { bypassCSP: true }, allowErrors: ['Failed to load resource'] });
  const body = JSON.stringify(hostileFeed());
  await session.context.route('**/feed.json', (route) => route.fulfill({ status: 200, contentType: 'application/json', body }));
  await session.context.addInitScript(() => {
    window.__xssCalls = [];
    window.__xss = (n) => window.__xssCalls.push(n);
    window.alert = window.confirm = window.prompt = (n) => window.__xssCalls.push(`dialog ${n}`);
  });
  // A page opened by a clicked vector would also count.
  session.context.on('page', () => session.problems.push('a vector opened a new page'));
  return session;
}

async function assertInert(page, where) {
  await page.waitForTimeout(50);
  assert.deepEqual(await page.evaluate(() => window.__xssCalls), [], `a vector ran on ${where}`);
  const found = await page.evaluate(() => {
    const bad = [];
    for (const el of document.querySelectorAll('main *, header *, footer *')) {
      // The app's own search forms; a form from a feed would be anywhere else.
      if (el.matches('header form.site-search, main form.search-form')) continue;
      if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'FORM', 'BASE', 'META', 'LINK', 'STYLE', 'SVG', 'MATH'].includes(el.tagName.toUpperCase())) bad.push(el.tagName);
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name) || attr.name === 'style' || attr.name === 'srcdoc' || attr.name === 'formaction') bad.push(`${el.tagName}[${attr.name}]`);
        if (['href', 'src', 'action', 'data'].includes(attr.name) && /^\s*(javascript|vbscript|data:text)/i.test(attr.value)) bad.push(`${el.tagName}[${attr.name}=${attr.value}]`);
      }
    }
    return bad;
  });
  // The QR code's svg is the app's own; nothing else may appear.
  assert.deepEqual(found.filter((f) => f !== 'svg' && f !== 'SVG'), [], `dangerous markup on ${where}`);
}

test(`${VECTORS.length} XSS vectors in every feed field never run, and every page still renders`, async () => {
  assert.ok(VECTORS.length >= 100);
  const { page, problems, context } = await hostileSession();
  await page.goto(env.server.url);
  await ready(page);
  await assertInert(page, 'home');
  await page.goto(env.server.url + 'category/cyfz');
  await ready(page);
  await assertInert(page, 'category');
  const hrefs = await page.locator('.category-page .article-list a').evaluateAll((a) => a.map((l) => l.getAttribute('href')));
  assert.ok(hrefs.length > 0);
  for (let n = 0; n < VECTORS.length; n++) {
    const id = n % 10 === 0 ? `x${n}${VECTORS[(n + 3) % VECTORS.length]}` : `x${n}`;
    await page.goto(`${env.server.url}article/${encodeURIComponent(id)}`);
    await ready(page);
    assert.match(await page.locator('main h1').innerText(), new RegExp(`^标题${n} `), `article ${n} did not render`);
    await page.locator('.article-body p').first().waitFor({ state: 'attached' });
    // Hover and focus everything a vector might have hooked.
    await page.locator('.article-body').hover();
    await assertInert(page, `article ${n}`);
  }
  assert.deepEqual(problems.filter((p) => !p.includes('Failed to load resource')), []);
  await context.close();
});

test('plain-text fields stay text: a title with markup is shown, not parsed', async () => {
  const { page, context } = await hostileSession();
  await page.goto(`${env.server.url}article/x15`);
  await ready(page);
  assert.equal(await page.locator('main h1').innerText(), `标题15 ${VECTORS[16]}`);
  assert.equal(await page.locator('main h1 *').count(), 0);
  await context.close();
});

test('the CSP reports a violation when something breaks it', async () => {
  const { page, context } = await openPage(env.browser, { allowErrors: ['Content Security Policy', 'Refused to'] });
  await page.goto(env.server.url + 'article/a1003');
  await ready(page);
  const outcome = await page.evaluate(async () => {
    const violations = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
    window.__inline = false;
    const script = document.createElement('script');
    script.textContent = 'window.__inline = true';
    document.body.append(script);
    const image = new Image();
    image.src = 'https://example.com/tracker.gif';
    document.body.append(image);
    await new Promise((done) => setTimeout(done, 300));
    return { violations, ran: window.__inline };
  });
  assert.equal(outcome.ran, false, 'an inline script ran despite the CSP');
  assert.ok(outcome.violations.some((v) => v.startsWith('script-src')), outcome.violations.join());
  assert.ok(outcome.violations.some((v) => v.startsWith('img-src')), outcome.violations.join());
  await context.close();
});
