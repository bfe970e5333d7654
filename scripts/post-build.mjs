// Trunk post-build hook for release builds:
// - puts the Content-Security-Policy into index.html. The app loads only its
//   own files: scripts from this origin ('wasm-unsafe-eval' is what
//   compiling wasm needs), no inline script or style, no other host;
// - adds the image hosts public/site.json lists (`image_origins`) to
//   img-src, as portal-build does for the site.json it is given;
// - writes app.html, the same page, as the file hosts answer deep links
//   with: portal-build turns index.html into the pre-rendered home page,
//   which must not be what /category/… shows first.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The same check as SiteConfig::parse: an origin and nothing that could
// change the policy (a space, quote, semicolon, path or wildcard).
const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?$/;

function imageOrigins() {
  const origins = JSON.parse(readFileSync(join(process.env.TRUNK_SOURCE_DIR ?? '.', 'public', 'site.json'), 'utf8')).image_origins ?? [];
  const bad = origins.find((origin) => !ORIGIN.test(origin));
  if (bad !== undefined) throw new Error(`public/site.json: image_origins “${bad}” should look like https://img.example.gov.cn`);
  return origins;
}

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
  const policy = POLICY.replace("img-src 'self' data:", ["img-src 'self' data:", ...imageOrigins()].join(' '));
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}">`;
  const page = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${meta}`);
  writeFileSync(file, page);
  writeFileSync(join(process.env.TRUNK_STAGING_DIR, 'app.html'), page);
}
