#!/usr/bin/env bash
# wasm-bindgen tests of the JS boundary: once in Node, once in headless Chromium (via chromedriver).
set -euo pipefail
cd "$(dirname "$0")/.."
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}
echo "wasm-bindgen tests (Node):"
cargo test --target wasm32-unknown-unknown --no-default-features --features analysis --test wasm --test wasm_spatial --test wasm_io 2>&1 | grep -E "^test |test result|panicked|error" 
echo "wasm-bindgen tests (headless Chromium):"
WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --no-default-features --features analysis --test wasm --test wasm_spatial --test wasm_io 2>&1 | grep -E "^test |test result|panicked|error"
