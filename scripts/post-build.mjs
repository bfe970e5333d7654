// Trunk post-build hook for release builds:
// - puts the Content-Security-Policy into index.html: the policy and the
//   image hosts public/site.json lists (`image_origins`) come from
//   `portal-build csp`, the same rule portal-build applies to the site.json
//   it is given (SiteConfig::content_security_policy);
// - writes app.html, the same page, as the file hosts answer deep links
//   with: portal-build turns index.html into the pre-rendered home page,
//   which must not be what /category/… shows first;
// - minifies wasm-bindgen's JS glue with terser (trunk's own minifier breaks
//   the glue) and gives its preload the new integrity hash.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minify } from 'terser';

function policy(source) {
  // Trunk's own cargo build is over when hooks run, so cargo is free; the
  // tool profile is the one the archive builds use, so this builds it once.
  const args = ['run', '--quiet', '--profile', 'tool', '-p', 'portal-build', '--', 'csp', '--site', join(source, 'public', 'site.json')];
  return execFileSync('cargo', args, { cwd: source, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

const integrity = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

// The glue minified in place; `html` with its integrity hash changed.
async function minifyGlue(staging, html) {
  const name = readdirSync(staging).find((file) => /^portal-[0-9a-f]+\.js$/.test(file));
  const file = join(staging, name);
  const glue = readFileSync(file);
  const { code } = await minify(glue.toString(), { module: true, compress: { passes: 2 }, format: { comments: false } });
  writeFileSync(file, code);
  if (!html.includes(integrity(glue))) throw new Error(`index.html has no integrity hash for ${name}`);
  return html.replaceAll(integrity(glue), integrity(code));
}

if (process.env.TRUNK_PROFILE === 'release') {
  const source = process.env.TRUNK_SOURCE_DIR ?? '.';
  const staging = process.env.TRUNK_STAGING_DIR;
  const file = join(staging, 'index.html');
  const html = await minifyGlue(staging, readFileSync(file, 'utf8'));
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(source)}">`;
  const page = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${meta}`);
  writeFileSync(file, page);
  writeFileSync(join(staging, 'app.html'), page);
}
