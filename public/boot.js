// Starts the wasm app. A file rather than trunk's inline script, so the
// Content-Security-Policy can forbid inline scripts altogether.
const tag = document.querySelector('script[data-wasm]');
// A host that answers deep links with index.html rather than app.html would
// show the pre-rendered home page under another page's address: drop it.
const home = document.querySelector('#prerender[data-home]');
const path = (p) => p.replace(/\/+$/, '');
if (home && path(location.pathname) !== path(new URL(document.baseURI).pathname)) home.remove();
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
