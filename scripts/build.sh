#!/usr/bin/env bash
# Builds the release bundle into dist/.
#   scripts/build.sh                   for hosting at the site root
#   scripts/build.sh /news/            for hosting under https://host/news/
#   scripts/build.sh /news/ dist-news  the same into another folder
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
public_url=${1:-/}
dist=${2:-dist}
trunk build --release --public-url "$public_url" --dist "$dist"
