// Starts the wasm app. A file rather than trunk's inline script, so the
// Content-Security-Policy can forbid inline scripts altogether.
const tag = document.querySelector('script[data-wasm]');
// A pre-rendered page shows one address. A host may answer others with it
// (index.html, the home page, for every deep link; category/x/index.html,
// page 1, for ?page=2): then it must go before it is seen.
const prerendered = document.getElementById('prerender');
// 国家哀悼日: greyscale from the first paint the script can reach, not
// from when the app starts (the app looks again, and at midnight).
const days = prerendered?.dataset.mourningDays;
if (days) {
  const offset = Number(prerendered.dataset.utcOffset) * 60000;
  const today = new Date(Date.now() + offset).toISOString().slice(0, 10);
  if (days === 'always' || days.split(' ').includes(today)) document.documentElement.dataset.mourning = 'on';
}
if (prerendered) {
  // `/index.html` is the home page's own address too.
  const trim = (path) => path.replace(/\/index\.html$/, '/').replace(/\/+$/, '');
  const own = new URL(prerendered.dataset.path, document.baseURI).pathname;
  const page = new URLSearchParams(location.search).get('page');
  if (trim(location.pathname) !== trim(own) || (page !== null && page !== '1')) prerendered.remove();
}
try {
  const { default: init } = await import(tag.dataset.js);
  await init({ module_or_path: tag.dataset.wasm });
} catch (error) {
  const message = document.createElement('p');
  message.className = 'boot-error';
  message.setAttribute('role', 'alert');
  message.textContent = '页面程序加载失败，请检查网络后刷新页面重试。';
  document.body.prepend(message);
  throw error;
}
