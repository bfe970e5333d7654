#!/usr/bin/env bash
# Builds the release bundle, prints its size, and runs the performance
# benchmark against the static-page floor (bench/perf.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh browser
bash scripts/bundle-size.sh
cargo build -p portal-build --profile tool
target/tool/portal-build build --site public/site.json --feed public/feed.json --app dist \
  --base-url https://www.qzkfq.example.gov.cn/ --out target/perf-site
node bench/perf.mjs "${1:-7}"
