#!/usr/bin/env bash
# Serves the portal on its demo feed at http://127.0.0.1:8080 with live reload.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
exec trunk serve "$@"
