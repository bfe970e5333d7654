// Trunk post-build hook for release builds:
// - puts the Content-Security-Policy into index.html. The app loads only its
//   own files: scripts from this origin ('wasm-unsafe-eval' is what
//   compiling wasm needs), no inline script or style, no other host;
// - writes app.html, the same page, as the file hosts answer deep links
//   with: portal-build turns index.html into the pre-rendered home page,
//   which must not be what /category/… shows first.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-src 'none'",
  "worker-src 'none'",
].join('; ');

if (process.env.TRUNK_PROFILE === 'release') {
  const file = join(process.env.TRUNK_STAGING_DIR, 'index.html');
  const html = readFileSync(file, 'utf8');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`;
  const page = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${meta}`);
  writeFileSync(file, page);
  writeFileSync(join(process.env.TRUNK_STAGING_DIR, 'app.html'), page);
}
