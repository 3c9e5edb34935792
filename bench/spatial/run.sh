#!/usr/bin/env bash
# Spatial benchmark: queen weights + LISA (999 permutations) on all US counties (us-atlas 3.0.1)
# and on a 300 x 300 lattice, agglo native and wasm (Node) vs libpysal/esda and pygeoda, in the
# same run; prints medians, ratios and the issue's targets.
# Usage: bench/spatial/run.sh [reps]   (from the repository root; results in bench/out/spatial.txt)
set -euo pipefail
cd "$(dirname "$0")/../.."
REPS="${1:-5}"
OUT=bench/out
mkdir -p "$OUT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"

ATLAS=node_modules/us-atlas/counties-10m.json
if [ ! -f "$ATLAS" ]; then
  ATLAS=bench/spatial/node_modules/us-atlas/counties-10m.json
  if [ ! -f "$ATLAS" ]; then
    (cd bench/spatial && npm install --no-save --no-package-lock --silent us-atlas@3.0.1)
  fi
fi
pip install -q -r bench/requirements-spatial.txt 2>&1 | grep -v -i "warning: running pip" || true

LINES="$OUT/spatial.jsonl"
: > "$LINES"
echo "== agglo native (cargo bench --bench spatial)" >&2
# [profile.release] has panic = "abort", so cargo builds the lib twice (abort for the bin, unwind for
# the bench) into the same libagglo.rlib and the link can fail: bench with unwind and thin-local LTO.
CARGO_PROFILE_BENCH_PANIC=unwind CARGO_PROFILE_BENCH_LTO=false cargo bench --bench spatial -- "$ATLAS" "$OUT" "$REPS" | tee -a "$LINES"
echo "== agglo wasm (Node, bench/wasm/spatial.mjs)" >&2
if [ "${BENCH_SKIP_WASM_BUILD:-0}" != 1 ]; then
  tdir="$CARGO_TARGET_DIR/wasm-bench"
  # simd128, as the page's full module (scripts/build-wasm.sh) that runs these analyses.
  RUSTFLAGS="-C target-feature=+simd128" cargo build --quiet --release --lib --target wasm32-unknown-unknown --no-default-features --features bench-exports --target-dir "$tdir"
  wasm-bindgen --target web --out-dir bench/wasm/pkg --out-name agglo_bench "$tdir/wasm32-unknown-unknown/release/agglo.wasm"
fi
node bench/wasm/spatial.mjs "$ATLAS" "$(( REPS < 3 ? REPS : 3 ))" | tee -a "$LINES"
echo "== libpysal / esda" >&2
python3 bench/spatial/peer_pysal.py "$OUT" "$(( REPS < 3 ? REPS : 3 ))" | tee -a "$LINES"
echo "== pygeoda" >&2
python3 bench/spatial/peer_pygeoda.py "$OUT" "$REPS" | tee -a "$LINES"
echo
python3 bench/spatial/summarise.py "$LINES" | tee "$OUT/spatial.txt"
