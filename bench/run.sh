#!/usr/bin/env bash
# `make bench`: every benchmark, native and wasm side by side with the peers in the same run.
# Prints medians and ratios; the README's figures come from here. Several minutes on 2 cores.
#   BENCH_ROWS=5000000 BENCH_RUNS=3 bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${BENCH_ROWS:-5000000}
RUNS=${BENCH_RUNS:-3}
mkdir -p bench/out

echo "### ingest + LQ: agglo native vs pandas (${ROWS} rows)"
bash bench/ingest/run.sh "$ROWS" "$RUNS" | tee bench/out/ingest.txt
CSV=bench/ingest/out/long_${ROWS}.csv
echo "### ingest + LQ: agglo wasm in Node, same file"
node bench/wasm/ingest.mjs "$CSV" "$RUNS" bench/ingest/out/probes.json | tee bench/out/ingest-wasm.json
python3 - bench/ingest/out/agglo.json bench/ingest/out/pandas.json bench/out/ingest-wasm.json <<'PY'
import json, sys
a, p, w = (json.load(open(f)) for f in sys.argv[1:])
print(f"wasm: median {w['median_s']:.3f} s, {p['median_s'] / w['median_s']:.2f} x pandas, {w['median_s'] / a['median_s']:.2f} x native; LQ worst rel. diff {w['worst_rel_diff']:.1e}")
PY

echo "### wasm bench module (linkage and spatial workloads)"
tdir=${CARGO_TARGET_DIR:-target}/wasm-bench
# simd128, as the page's full module (scripts/build-wasm.sh) that runs these analyses.
RUSTFLAGS="-C target-feature=+simd128" cargo build --quiet --release --lib --target wasm32-unknown-unknown --no-default-features --features bench-exports --target-dir "$tdir"
wasm-bindgen --target web --out-dir bench/wasm/pkg --out-name agglo_bench "$tdir/wasm32-unknown-unknown/release/agglo.wasm"

echo "### linkage: IO n=4000 and Louvain 10k/500k: agglo native vs numpy/scipy, igraph, networkx"
bash bench/linkage/run.sh | tee bench/out/linkage.txt
echo "### spatial: queen weights + LISA (999): agglo native and wasm vs pygeoda, libpysal/esda"
BENCH_SKIP_WASM_BUILD=1 bash bench/spatial/run.sh "$RUNS" | tee bench/out/spatial.txt
echo "### linkage and spatial workloads in wasm (Node)"
node bench/wasm/workloads.mjs "$RUNS" | tee bench/out/workloads-wasm.jsonl
