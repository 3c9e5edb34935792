#!/usr/bin/env bash
# Build the wasm modules: `agglo` (first load: ingest and the overview's indicators), `agglo_full` (plus
# clusters, spatial and linkage analysis, loaded when a view needs it) and `agglo_xlsx` (XLSX and zipped Shapefile
# reading, loaded the first time a user opens such a file).
set -euo pipefail
cd "$(dirname "$0")/.."
tdir="${CARGO_TARGET_DIR:-target}"
out=www/pkg
mkdir -p "$out"
build() { # name features target-dir [simd]
  local name=$1 features=$2 dir=$3 simd=${4:-}
  local flags=() opt=()
  # The full module (dense LU for input-output tables, spatial permutations) is built with 128-bit
  # SIMD, which faer's kernels use (pulp); every browser and Node >= 16.4 runs it. The first-load
  # and XLSX modules stay scalar. A separate target dir per module keeps the flags apart.
  if [ -n "$simd" ]; then flags=(-C target-feature=+simd128); opt=(--enable-simd); fi
  RUSTFLAGS="${flags[*]:-}" cargo build --quiet --release --lib --target wasm32-unknown-unknown --no-default-features $features --target-dir "$dir"
  wasm-bindgen --target web --out-dir "$out" --out-name "$name" "$dir/wasm32-unknown-unknown/release/agglo.wasm"
  node_modules/.bin/wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue ${opt[@]+"${opt[@]}"} \
    "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
}
only=${1:-all} # all | agglo | full | xlsx
[ "$only" = all ] || [ "$only" = agglo ] && build agglo "" "$tdir"
[ "$only" = all ] || [ "$only" = full ] && build agglo_full "--features analysis" "$tdir/full-module" simd
[ "$only" = all ] || [ "$only" = xlsx ] && build agglo_xlsx "--features xlsx-module" "$tdir/xlsx-module"
ls -l "$out"/*.wasm | awk '{print "wasm:", $5, $9}'
