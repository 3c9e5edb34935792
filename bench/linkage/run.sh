#!/usr/bin/env bash
# Linkage benchmarks, native vs Python peers in the same run (see benches/linkage.rs).
#   LINKAGE_N (4000)  LINKAGE_RUNS (5)  LINKAGE_GRAPH_N (10000)  LINKAGE_GRAPH_M (500000)
set -euo pipefail
cd "$(dirname "$0")/../.."
export LINKAGE_OUT="${LINKAGE_OUT:-bench/out/linkage}"
mkdir -p "$LINKAGE_OUT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
PY="${PYTHON:-python3}"
if [ -z "${LINKAGE_SKIP_PIP:-}" ]; then "$PY" -m pip install -q -r bench/requirements-linkage.txt; fi
echo "== native (cargo bench --bench linkage)" >&2
cargo bench --bench linkage 2>/dev/null | tee "$LINKAGE_OUT/native.jsonl"
echo "== numpy/scipy, one thread" >&2
# OPENBLAS_CORETYPE/L2_SIZE may be set on this machine for old OpenBLAS builds; they slow a current
# numpy, so unset both for the peer only (threadpoolctl's kernel is printed in "blas").
env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 \
  "$PY" bench/linkage/peer_io.py | tee "$LINKAGE_OUT/peer_io.jsonl"
echo "== igraph / networkx" >&2
OMP_NUM_THREADS=1 "$PY" bench/linkage/peer_louvain.py | tee "$LINKAGE_OUT/peer_louvain.jsonl"
"$PY" - "$LINKAGE_OUT" <<'PY'
import json, sys, os
out = sys.argv[1]
rows = [json.loads(l) for f in ("native.jsonl", "peer_io.jsonl", "peer_louvain.jsonl") for l in open(os.path.join(out, f)) if l.strip()]
nat = [r for r in rows if "peer" not in r and r["workload"] in ("io", "louvain", "leiden") and "graph" not in r]
io_n = next(r for r in nat if r["workload"] == "io"); io_p = next(r for r in rows if r.get("peer"))
print(f"\nIO n={io_n['n']}: agglo native {io_n['median_s']:.3f} s, numpy/scipy (1 thread) {io_p['median_s']:.3f} s, ratio native/scipy {io_n['median_s']/io_p['median_s']:.2f}; same answer: {abs(io_n['check']-io_p['check'])/abs(io_p['check']) < 1e-8}")
big = [r for r in nat if r["workload"] != "io" and r["m"] > 100000]
small = [r for r in nat if r["workload"] != "io" and r["m"] <= 100000]
def peer(w, g): return next(r for r in rows if r["workload"] == w and r.get("graph") == g)
ig_b = peer("igraph_multilevel", "graph_big"); il_b = peer("igraph_leiden", "graph_big")
print(f"Graph {big[0]['n']} nodes / {big[0]['m']} edges (medians of {big[0]['runs']} seeds):")
for r in big:
    print(f"  agglo {r['workload']:8s} (iterations {r['iterations']}) {r['median_s']:.3f} s  Q {r['modularity_median']:.4f}")
print(f"  igraph multilevel            {ig_b['median_s']:.3f} s  Q {ig_b['modularity_median']:.4f}")
print(f"  igraph leiden (2 iterations) {il_b['median_s']:.3f} s  Q {il_b['modularity_median']:.4f}")
lv1 = next(r for r in big if r['workload'] == 'louvain' and r['iterations'] == 1)
print(f"  ratio agglo louvain / igraph multilevel: {lv1['median_s']/ig_b['median_s']:.2f} (Q difference {lv1['modularity_median']-ig_b['modularity_median']:+.4f})")
nx_s = peer("networkx_louvain", "graph_small"); ig_s = peer("igraph_multilevel", "graph_small"); s = small[0]
print(f"Graph {s['n']} nodes / {s['m']} edges (networkx capped to this size):")
print(f"  agglo louvain {s['median_s']:.3f} s Q {s['modularity_median']:.4f} | igraph {ig_s['median_s']:.3f} s Q {ig_s['modularity_median']:.4f} | networkx {nx_s['median_s']:.3f} s Q {nx_s['modularity_median']:.4f}")
print(f"  ratio networkx / agglo: {nx_s['median_s']/s['median_s']:.0f}x")
PY
