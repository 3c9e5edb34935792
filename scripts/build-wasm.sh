#!/usr/bin/env bash
# Build the wasm modules: `agglo` (first load: ingest and the overview's indicators), `agglo_full` (plus
# clusters, spatial and linkage analysis, loaded when a view needs it) and `agglo_xlsx` (XLSX and zipped Shapefile
# reading, loaded the first time a user opens such a file).
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
build agglo_full "--features analysis" "$tdir/full-module"
build agglo_xlsx "--features xlsx-module" "$tdir/xlsx-module"
ls -l "$out"/*.wasm | awk '{print "wasm:", $5, $9}'
