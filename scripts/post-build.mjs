// Trunk post-build hook for release builds:
// - puts the Content-Security-Policy into index.html: the policy and the
//   image hosts public/site.json lists (`image_origins`) come from
//   `portal-build csp`, the same rule portal-build applies to the site.json
//   it is given (SiteConfig::content_security_policy);
// - writes app.html, the same page, as the file hosts answer deep links
//   with: portal-build turns index.html into the pre-rendered home page,
//   which must not be what /category/… shows first.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function policy(source) {
  // Trunk's own cargo build is over when hooks run, so cargo is free; the
  // tool profile is the one the archive builds use, so this builds it once.
  const args = ['run', '--quiet', '--profile', 'tool', '-p', 'portal-build', '--', 'csp', '--site', join(source, 'public', 'site.json')];
  return execFileSync('cargo', args, { cwd: source, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

if (process.env.TRUNK_PROFILE === 'release') {
  const source = process.env.TRUNK_SOURCE_DIR ?? '.';
  const file = join(process.env.TRUNK_STAGING_DIR, 'index.html');
  const html = readFileSync(file, 'utf8');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(source)}">`;
  const page = html.replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${meta}`);
  writeFileSync(file, page);
  writeFileSync(join(process.env.TRUNK_STAGING_DIR, 'app.html'), page);
}
