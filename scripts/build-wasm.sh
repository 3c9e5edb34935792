#!/usr/bin/env bash
# Build the wasm modules: `agglo` (the core, no XLSX) and `agglo_xlsx` (XLSX reading only, loaded
# lazily the first time a user opens a spreadsheet) and `agglo_linkage` (the workspace plus the input-output
# and network facade, loaded the first time the Input-output or Network tab computes).
set -euo pipefail
cd "$(dirname "$0")/.."
tdir="${CARGO_TARGET_DIR:-target}"
out=www/pkg
mkdir -p "$out"
build() { # name features target-dir
  local name=$1 features=$2 dir=$3
  cargo build --quiet --release --lib --target wasm32-unknown-unknown --no-default-features $features --target-dir "$dir"
  wasm-bindgen --target web --out-dir "$out" --out-name "$name" "$dir/wasm32-unknown-unknown/release/agglo.wasm"
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
}
build agglo "" "$tdir"
# The linkage module (IO tables, networks) shares the main build's dependencies: same target dir.
build agglo_linkage "--features linkage-module" "$tdir"
build agglo_xlsx "--features xlsx-module" "$tdir/xlsx-module"
ls -l "$out"/*.wasm | awk '{print "wasm:", $5, $9}'
