#!/usr/bin/env bash
# Serves the portal on its demo feed at http://127.0.0.1:8080 with live reload.
# The development build goes to dist-dev/, so a release build in dist/ (what
# portal-build and the tests use) is never overwritten with it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
exec trunk serve --dist dist-dev "$@"
