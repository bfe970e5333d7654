#!/usr/bin/env bash
# Runs every test: native unit tests, wasm component tests in headless
# Chromium, then end-to-end tests on the release bundle (root and sub-path).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh browser

say "formatting and lints (rustfmt, clippy: native crates, the app as portal-build renders it, and the wasm app)"
cargo fmt --all --check
cargo clippy -p portal-core -p portal-build --all-targets -- -D warnings
cargo clippy -p portal --target wasm32-unknown-unknown --all-targets -- -D warnings

say "native tests (cargo test)"
cargo test -p portal-core -p portal-build

say "component tests (wasm-bindgen-test in headless Chromium)"
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} cargo test -p portal --target wasm32-unknown-unknown

say "release builds: site root and /news/ sub-path"
trunk build --release --public-url / --dist dist
trunk build --release --public-url /news/ --dist dist-news

say "archive: 3,000 generated articles built into a sharded tree with the release app"
cargo build -p portal-build --profile tool
target/tool/portal-build generate --count 3000 --out target/archive-src
target/tool/portal-build build --site target/archive-src/site.json --articles target/archive-src/articles \
  --app dist --base-url https://example.gov.cn/ --out dist-archive
say "adversarial archive: 1,500 articles with phrases whose grams are apart in many (站内搜索's exact results)"
target/tool/portal-build generate --adversarial --count 1500 --out target/adversarial-src
target/tool/portal-build build --site target/adversarial-src/site.json --articles target/adversarial-src/articles \
  --app dist --base-url https://example.gov.cn/ --out dist-adversarial

say "end-to-end tests (playwright-core, headless Chromium)"
node --test --test-concurrency=1 tests/e2e/
