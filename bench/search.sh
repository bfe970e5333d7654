#!/usr/bin/env bash
# 站内搜索 benchmark (on demand, not part of the tests), on this machine:
#  1. portal-build on 100,000 generated articles, the index included: wall
#     time and peak memory (targets: under 40 s, under 1 GiB); with
#     BASELINE=path/to/an/older/portal-build, that binary first, same run;
#  2. portal-build search-check: 200 queries of 1-8 characters drawn from
#     the articles, against a brute-force scan (recall 100%, precision
#     >= 99%), with the files each cold query fetches;
#  3. bench/search.mjs: bytes per cold query (target: median <= 150 KB,
#     worst <= 300 KB brotli), and TIMED (default 40) of the queries timed
#     in Chromium from Enter to results (slow 4G, CPU x4; target: median
#     <= 1.5 s);
#  4. the same on 10,000 adversarial articles (generate --adversarial): the
#     drawn queries and the archive's phrases, whose 3-grams are apart in
#     nine of ten of their candidates (bytes only);
#  5. Pagefind side by side on 10,000 of the articles (its indexer needs
#     3.4 GB for 10,000; 100,000 do not fit this machine): the same
#     measurements for both on that tree.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh browser
command -v /usr/bin/time >/dev/null || as_root apt-get install -y -qq time >/dev/null
[ -f dist/index.html ] || trunk build --release --public-url / --dist dist
cargo build -p portal-build --profile tool
tool=target/tool/portal-build
work=target/bench-search
timed=${TIMED:-40}
mkdir -p "$work"
[ -d "$work/src-100k" ] || $tool generate --count 100000 --out "$work/src-100k" >/dev/null
timing='wall %e s (CPU: user %U s, system %S s), peak memory %M KiB'
build() { # SOURCE OUT [BINARY]
  rm -rf "$2" && sync
  /usr/bin/time -f "$timing" "${3:-$tool}" build --site "$1/site.json" --articles "$1/articles" \
    --app dist --base-url https://example.gov.cn/ --out "$2" --threads 2 | tail -1
}
if [ -n "${BASELINE:-}" ]; then
  echo "== baseline ($BASELINE): 100,000 articles, both trees"
  build "$work/src-100k" "$work/site-baseline" "$BASELINE"
  rm -rf "$work/site-baseline" && sync && sleep 5
fi
echo "== portal-build: 100,000 articles, both trees, with the search index"
build "$work/src-100k" "$work/site-100k"
du -sh "$work/site-100k" "$work/site-100k/search"

echo "== 200 queries on 100,000 articles"
$tool search-check --tree "$work/site-100k" --queries 200 > "$work/queries-100k.jsonl"
node bench/search.mjs "$work/site-100k" "$work/queries-100k.jsonl" --timed "$timed"

echo "== 200 queries and the 9 phrases on 10,000 adversarial articles"
[ -d "$work/src-adversarial" ] || $tool generate --adversarial --count 10000 --out "$work/src-adversarial" >/dev/null
build "$work/src-adversarial" "$work/site-adversarial"
$tool search-check --tree "$work/site-adversarial" --queries 200 --query-file "$work/src-adversarial/phrases.txt" \
  > "$work/queries-adversarial.jsonl"
node bench/search.mjs "$work/site-adversarial" "$work/queries-adversarial.jsonl"

echo "== side by side with Pagefind: 10,000 articles"
[ -d "$work/src-10k" ] || $tool generate --count 10000 --out "$work/src-10k" >/dev/null
build "$work/src-10k" "$work/site-10k"
[ -x node_modules/.bin/pagefind ] || npm install --no-save pagefind@1.6.0 >/dev/null
# The article pages only (as our index has), their <main>, in Chinese.
/usr/bin/time -f "pagefind: $timing" node_modules/.bin/pagefind --site "$work/site-10k" --glob 'article/*/index.html' \
  --root-selector main --force-language zh --output-subdir pagefind | tail -2
$tool search-check --tree "$work/site-10k" --queries 200 > "$work/queries-10k.jsonl"
node bench/search.mjs "$work/site-10k" "$work/queries-10k.jsonl" --pagefind
