// Starts the wasm app. A file rather than trunk's inline script, so the
// Content-Security-Policy can forbid inline scripts altogether.
const tag = document.querySelector('script[data-wasm]');
const root = document.documentElement;

// 简/繁: a reader who chose the other script's copy of the site (portal-build
// writes both and marks <html>) is taken to the same page there.
function chosenScriptPage() {
  const other = root.dataset.otherScript;
  if (!other) return null;
  let chosen = null;
  try {
    chosen = localStorage.getItem('portal.script');
  } catch {
    // Storage refused: nothing was remembered.
  }
  if (chosen === null || chosen === root.dataset.script) return null;
  const own = new URL(document.baseURI).pathname;
  // A host answering an address of the other tree with this tree's page
  // must not send the reader round in circles.
  if (!location.pathname.startsWith(own) || (other.startsWith(own) && location.pathname.startsWith(other))) return null;
  return other + location.pathname.slice(own.length) + location.search + location.hash;
}
const elsewhere = chosenScriptPage();
if (elsewhere) location.replace(elsewhere);

// SiteConfig::mourning_at before the wasm (tests/e2e/boot-rules.test.mjs).
function mourningOn(days, offsetMinutes, now) {
  const today = new Date(now + offsetMinutes * 60000).toISOString().slice(0, 10);
  return days === 'always' || days.split(' ').includes(today);
}

// A pre-rendered page shows one address. A host may answer others with it
// (index.html, the home page, for every deep link; category/x/index.html,
// page 1, for ?page=2): then it must go before it is seen.
const prerendered = document.getElementById('prerender');
// 国家哀悼日: greyscale from the first paint the script can reach, not
// from when the app starts (the app looks again, and at midnight).
const days = prerendered?.dataset.mourningDays;
if (days && mourningOn(days, Number(prerendered.dataset.utcOffset), Date.now())) root.dataset.mourning = 'on';
if (prerendered) {
  // `/index.html` is the home page's own address too.
  const trim = (path) => path.replace(/\/index\.html$/, '/').replace(/\/+$/, '');
  const own = new URL(prerendered.dataset.path, document.baseURI).pathname;
  const page = new URLSearchParams(location.search).get('page');
  if (trim(location.pathname) !== trim(own) || (page !== null && page !== '1')) {
    prerendered.remove();
  } else if (prerendered.dataset.files) {
    // The page's data, on its way while the wasm downloads: the app's
    // fetch (same URL, mode and credentials) takes this response.
    for (const file of prerendered.dataset.files.split(' ')) {
      const preload = document.createElement('link');
      Object.assign(preload, { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: file });
      document.head.append(preload);
    }
  }
}
if (!elsewhere) {
  try {
    const { default: init } = await import(tag.dataset.js);
    await init({ module_or_path: tag.dataset.wasm });
  } catch (error) {
    const message = document.createElement('p');
    message.className = 'boot-error';
    message.setAttribute('role', 'alert');
    // boot.js serves both trees; the 繁體 one says it in its script.
    message.textContent = root.lang === 'zh-Hant'
      ? '頁面程序加載失敗，請檢查網絡後刷新頁面重試。'
      : '页面程序加载失败，请检查网络后刷新页面重试。';
    document.body.prepend(message);
    throw error;
  }
}
