#!/usr/bin/env bash
# Measures the release bundle: brotli bytes per file of the app shell, and
# the wasm's code by crate after wasm-opt (names kept for this measurement
# only). Builds dist/ first unless given --no-build.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
command -v twiggy >/dev/null || cargo install twiggy --version 0.8.0 --locked
[ "${1:-}" = --no-build ] || trunk build --release --public-url / --dist dist >/dev/null

brotli_size() { node -e 'const z=require("zlib"),fs=require("fs");const b=fs.readFileSync(process.argv[1]);console.log(z.brotliCompressSync(b,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)' "$1"; }

echo "| file | bytes | brotli |"
echo "| --- | ---: | ---: |"
total=0
for file in dist/index.html dist/boot.js dist/portal-*.js dist/portal-*_bg.wasm dist/main-*.css; do
  size=$(stat -c %s "$file"); br=$(brotli_size "$file"); total=$((total + br))
  echo "| $(basename "$file" | sed -E 's/-[0-9a-f]{12,20}/-<hash>/') | $size | $br |"
done
echo "| **app shell** | | **$total** |"

work=$(mktemp -d)
wasm-bindgen target/wasm32-unknown-unknown/release/portal.wasm --out-dir "$work" --target web --keep-debug
wasm-opt -Oz -g "$work/portal_bg.wasm" -o "$work/named.wasm"
echo
node scripts/wasm-by-crate.mjs "$work/named.wasm"
rm -rf "$work"
