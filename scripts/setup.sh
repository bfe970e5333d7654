#!/usr/bin/env bash
# Installs what building and testing the portal needs, skipping what is
# already there. Sourced by serve.sh, build.sh and test.sh.
#   setup.sh          the build tools
#   setup.sh browser  the build tools, Chromium, chromedriver and nginx
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

TRUNK_VERSION=0.21.14
# trunk only uses a wasm-bindgen whose version equals Cargo.lock's.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

export PATH="$HOME/.cargo/bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32 target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION"; then
  # trunk 0.22 needs a newer rustc than stable 1.95; 0.21.14 installs --locked.
  say "installing trunk $TRUNK_VERSION (about 10 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  # Not --locked: its lock file names a crate version crates.io no longer serves.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# Node packages: binaryen's wasm-opt (Debian's binaryen 108 emits bundles
# that die in the browser), playwright-core, axe-core, jsQR.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing node packages"
  npm ci --no-audit --no-fund
fi
export PATH="$PWD/node_modules/.bin:$PATH"

if [ "${1:-}" = browser ]; then
  missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  # A CJK font so screenshots show text; the site itself loads no fonts.
  [ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
  # The nginx suite runs its own nginx from this binary.
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  if [ ${#missing[@]} -gt 0 ]; then
    say "installing ${missing[*]}"
    as_root apt-get update -qq
    # Debian's nginx package starts a system nginx on port 80 as it installs
    # and at every boot; the tests want none. A policy-rc.d (unless the
    # machine has its own) stops the start, and the service is disabled.
    own_policy=
    if [ ! -e /usr/sbin/policy-rc.d ]; then
      own_policy=/usr/sbin/policy-rc.d
      printf '#!/bin/sh\nexit 101\n' | as_root tee "$own_policy" >/dev/null
      as_root chmod +x "$own_policy"
    fi
    installed=0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || installed=$?
    [ -z "$own_policy" ] || as_root rm -f "$own_policy"
    [ "$installed" = 0 ] || exit "$installed"
    if [[ " ${missing[*]} " == *" nginx "* ]]; then as_root update-rc.d nginx disable 2>/dev/null; fi
  fi
fi
