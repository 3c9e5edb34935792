#!/usr/bin/env bash
# Idempotent set-up: installs what a fresh machine lacks. Safe to run repeatedly.
# Everything comes from the package registries (apt, crates.io, npm, rustup); nothing from GitHub or a CDN.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target
stamp=target/.setup-stamp
want="$(sha256sum Cargo.lock package-lock.json 2>/dev/null | sha256sum | cut -c1-16)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
   && command -v wasm-bindgen >/dev/null && [ -x /usr/bin/chromium ] && [ -d node_modules ]; then
  exit 0
fi

need_apt=()
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
[ -x /usr/bin/chromedriver ] || need_apt+=(chromium-driver)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "setup: apt-get install ${need_apt[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -q wasm32-unknown-unknown; then
  echo "setup: rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The wasm-bindgen CLI must equal the crate version pinned in Cargo.lock, or bindgen fails hard.
wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$wb_version" ]; then
  echo "setup: cargo install wasm-bindgen-cli $wb_version (a few minutes, once)"
  cargo install -q wasm-bindgen-cli --version "$wb_version" --locked \
    || cargo install -q wasm-bindgen-cli --version "$wb_version"
fi

if [ -f package-lock.json ]; then
  echo "setup: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "$want" > "$stamp"
