#!/usr/bin/env bash
# Lighthouse 12.2.3 with Debian's Chromium on the article page, mobile
# profile (Lighthouse's default: slow 4G, CPU x4): accessibility and
# performance scores. Serves the site as portal-build deploys it.
#   bash scripts/lighthouse.sh [path]      (default: article/a1003)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh browser
[ -f dist/index.html ] || trunk build --release --public-url / --dist dist
cargo build -p portal-build --profile tool
target/tool/portal-build build --site public/site.json --feed public/feed.json --app dist \
  --base-url https://www.qzkfq.example.gov.cn/ --out target/perf-site >/dev/null
node tests/e2e/server.mjs target/perf-site 8091 / >/dev/null &
server=$!
trap 'kill $server' EXIT
sleep 1
# The test server brotli-compresses a file on its first request, blocking
# for over a second on the wasm: ask for every file once first, as a CDN
# serves them precompressed. (Without this, the article's photo waited
# behind the wasm's compression and Lighthouse's LCP counted that wait.)
find target/perf-site -maxdepth 1 -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' \) -printf '%f\n' |
  while read -r file; do curl -s -o /dev/null -H 'accept-encoding: br' "http://127.0.0.1:8091/$file"; done
mkdir -p target/lighthouse
for path in "${@:-article/a1003}"; do
  npx -y lighthouse@12.2.3 "http://127.0.0.1:8091/$path" --quiet \
    --chrome-path=/usr/bin/chromium \
    --chrome-flags="--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync" \
    --only-categories=accessibility,performance --output=json --output=html --output-path=target/lighthouse/report
  node -e '
    const r = require("./target/lighthouse/report.report.json");
    for (const [k, c] of Object.entries(r.categories)) console.log(`${c.title}: ${Math.round(c.score * 100)}`);
    for (const id of ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"]) console.log(`  ${r.audits[id].title}: ${r.audits[id].displayValue}`);
    const failed = Object.values(r.audits).filter((a) => a.score !== null && a.score < 1 && r.categories.accessibility.auditRefs.some((x) => x.id === a.id));
    for (const a of failed) console.log(`  accessibility audit not passed: ${a.id}`);'
done
echo "full report: target/lighthouse/report.report.html"
