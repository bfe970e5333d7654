#!/usr/bin/env bash
# Archive benchmark (on demand, not part of the tests):
#  1. portal-build on 100,000 generated articles: wall time and peak memory
#     (targets: under 20 s, under 1 GiB on a 2-core machine), with its
#     繁體 tree and without it; then builds over that tree (nothing
#     changed, one article published, one old article edited): their time
#     and how many files the change list says to upload;
#  2. cold load of one article page from a 100-article tree and from the
#     100,000-article tree, alternated in one run: bytes fetched must be
#     equal and the time ratio at most 1.1.
# BASELINE=path/to/an/older/portal-build times that binary on the same
# input first, in the same run (this machine is noisy: compare within a run).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh browser
command -v /usr/bin/time >/dev/null || as_root apt-get install -y -qq time >/dev/null
[ -f dist/index.html ] || trunk build --release --public-url / --dist dist
cargo build -p portal-build --profile tool
tool=target/tool/portal-build
work=target/bench
rm -rf "$work" && mkdir -p "$work"
$tool generate --count 100 --out "$work/src-100" >/dev/null
$tool generate --count 100000 --out "$work/src-100k" >/dev/null
sync
if [ -n "${BASELINE:-}" ]; then
  echo "== baseline ($BASELINE) on 100,000 articles (2 threads)"
  /usr/bin/time -f 'wall %e s (CPU: user %U s, system %S s), peak memory %M KiB' "$BASELINE" build --site "$work/src-100k/site.json" --articles "$work/src-100k/articles" \
    --app dist --base-url https://example.gov.cn/ --out "$work/site-baseline" --threads 2
  du -sh "$work/site-baseline" && rm -rf "$work/site-baseline"
  # Let the disk settle: the writes and the deletion would otherwise be
  # flushed during the next build.
  sync && sleep 5
fi
echo "== portal-build on 100,000 articles (2 threads)"
/usr/bin/time -f 'wall %e s (CPU: user %U s, system %S s), peak memory %M KiB' $tool build --site "$work/src-100k/site.json" --articles "$work/src-100k/articles" \
  --app dist --base-url https://example.gov.cn/ --out "$work/site-100k" --threads 2
du -sh "$work/site-100k" "$work/site-100k/zh-hant"
# Builds over that tree, as an operator's day makes them (targets: no
# change ≤ 3 s, one article published ≤ 5 s, one old article edited ≤ 5 s,
# each ≤ 1 GiB), with how many files the change list says a CDN must take
# (a publish: at most 200). Each prints its phases' times; "reading
# inputs" is the floor no build over a tree can go below.
over_the_tree() {
  sync && sleep 5
  echo "== $1: rebuild over the 100,000-article tree"
  /usr/bin/time -f 'wall %e s (CPU: user %U s, system %S s), peak memory %M KiB' $tool build --site "$work/src-100k/site.json" --articles "$work/src-100k/articles" \
    --app dist --base-url https://example.gov.cn/ --out "$work/site-100k" --threads 2 | tail -1
  node -e 'const c=require(process.argv[1]);const kind=(p)=>p.replace(/^zh-hant\//,"").replace(/\/[^/]*$/,"/…").replace(/^(articles|article)\/.*/,"$1/…");const by={};for(const p of [...c.added,...c.changed]){by[kind(p)]=(by[kind(p)]||0)+1}console.log("files to upload:",c.added.length+c.changed.length,"(added",c.added.length+", changed",c.changed.length+", removed",c.removed.length+")");console.log(JSON.stringify(by))' \
    "$PWD/$work/site-100k.changes.json"
}
# The floor under those: every input file read once, in two processes as
# the builder reads them in two threads, without parsing anything.
sync && sleep 5
echo "== reading the 100,000 article files alone (the floor of a build over the tree)"
/usr/bin/time -f 'wall %e s (CPU: user %U s, system %S s)' \
  bash -c 'find "$1" -type f -print0 | xargs -0 -P2 -n 5000 cat >/dev/null' _ "$work/src-100k/articles"
over_the_tree "nothing changed"
sed -e 's/^id: n000000$/id: published-now/' -e 's/^date: .*/date: 2030-01-01T09:00:00+08:00/' -e 's/^headline: true$/headline: false/' \
  "$work/src-100k/articles/n000000.html" > "$work/src-100k/articles/published-now.html"
over_the_tree "one article published"
sed -i -e 's/^title: /title: 更正：/' "$work/src-100k/articles/n050000.html"
over_the_tree "one old article edited"
rm "$work/src-100k/articles/published-now.html"
# What the 繁體 tree costs: the same site without it, in the same run.
node -e 'const f=process.argv[1],fs=require("fs");const s=JSON.parse(fs.readFileSync(f));delete s.traditional;fs.writeFileSync(process.argv[2],JSON.stringify(s))' \
  "$work/src-100k/site.json" "$work/site-simplified-only.json"
sync && sleep 5
echo "== portal-build on 100,000 articles without the 繁體 tree (2 threads)"
/usr/bin/time -f 'wall %e s (CPU: user %U s, system %S s), peak memory %M KiB' $tool build --site "$work/site-simplified-only.json" --articles "$work/src-100k/articles" \
  --app dist --base-url https://example.gov.cn/ --out "$work/site-100k-simplified" --threads 2
du -sh "$work/site-100k-simplified" && rm -rf "$work/site-100k-simplified"
$tool build --site "$work/src-100/site.json" --articles "$work/src-100/articles" --app dist --base-url https://example.gov.cn/ --out "$work/site-100" >/dev/null
echo "== cold load of one article page: 100 vs 100,000 articles"
node bench/archive-load.mjs "$work/site-100" "$work/site-100k"
