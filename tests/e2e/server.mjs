// A static server like a CDN with an SPA rewrite: files from `root` under
// `prefix`; for extension-less paths (deep links) the folder's index.html if
// there is one, else the nearest app.html above it (a tree in a folder,
// such as zh-hant/, answers its own deep links), else the site's
// index.html (or what `fallback` names instead of app.html); 404 for
// missing files. Brotli when
// asked, as CDNs do.
//   node tests/e2e/server.mjs dist 8080 [/news/]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.xml', '.txt', '.bin']);

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The `fallback` page in the nearest folder above `path`, else index.html. */
async function appFor(root, path, fallback) {
  const folders = path.split('/').filter(Boolean).slice(0, -1);
  for (let depth = folders.length; depth >= 0; depth--) {
    const candidate = join(root, ...folders.slice(0, depth), fallback);
    if (await isFile(candidate)) return candidate;
  }
  return join(root, 'index.html');
}

/** `sent(path, bytes)`, if given, hears of every body sent (the benchmarks weigh them). */
export async function startServer({ root, prefix = '/', port = 0, brotli = false, fallback = 'app.html', sent }) {
  root = resolve(root);
  prefix = prefix.endsWith('/') ? prefix : `${prefix}/`;
  const cache = new Map();
  const server = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix) && `${path}/` !== prefix) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not under the site prefix');
      return;
    }
    path = path.slice(prefix.length - 1) || '/';
    let file = join(root, normalize(path));
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (path.endsWith('/')) file = join(file, 'index.html');
    if (!(await isFile(file))) {
      if (extname(path) === '' && (await isFile(join(file, 'index.html')))) {
        // A pre-rendered page at the route's path (an archive's crawler page).
        file = join(file, 'index.html');
      } else if (extname(path) === '') {
        file = await appFor(root, path, fallback);
      } else {
        response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('404 Not Found');
        return;
      }
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    let body = await readFile(file);
    const headers = {
      'content-type': type,
      // Hashed bundle files may be cached forever; the rest must revalidate.
      'cache-control': /-[0-9a-f]{12,20}(_bg)?\.(js|wasm|css)$/.test(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (brotli && COMPRESSIBLE.has(extname(file)) && /\bbr\b/.test(request.headers['accept-encoding'] ?? '')) {
      const key = `${file}:${body.length}`;
      if (!cache.has(key)) cache.set(key, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      body = cache.get(key);
      headers['content-encoding'] = 'br';
    }
    headers['content-length'] = body.length;
    sent?.(path, body.length);
    response.writeHead(200, headers);
    response.end(request.method === 'HEAD' ? undefined : body);
  });
  await new Promise((done) => server.listen(port, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { origin, url: `${origin}${prefix}`, close: () => new Promise((done) => server.close(done)) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [root = 'dist', port = '8080', prefix = '/'] = process.argv.slice(2);
  const { url } = await startServer({ root, prefix, port: Number(port), brotli: true });
  console.log(`serving ${root} at ${url}`);
}
