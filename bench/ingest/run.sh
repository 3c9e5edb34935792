#!/usr/bin/env bash
# Ingest + location-quotient benchmark: agglo (native, streaming) vs pandas read_csv + groupby.
# Usage: bench/ingest/run.sh [ROWS] [RUNS]   (default 5,000,000 rows, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS=${1:-5000000}
RUNS=${2:-5}
DIR=${BENCH_DIR:-bench/ingest/out}
mkdir -p "$DIR"
CSV="$DIR/long_${ROWS}.csv"
[ -s "$CSV" ] || python3 bench/ingest/gen_long_csv.py "$CSV" "$ROWS"
python3 -c "import pandas" 2>/dev/null || pip install -q -r bench/requirements-ingest.txt
# A target dir of its own, and panic = unwind for this build: with the release profile's
# panic = "abort", `cargo bench` builds the library twice (abort for the `agglo` binary, unwind for
# the bench harness) into the same file names ("output filename collision", cargo#6313) and an
# incremental build then links the binary against the wrong copy.
export CARGO_TARGET_DIR=${BENCH_TARGET_DIR:-${CARGO_TARGET_DIR:-target}/bench-ingest}
export CARGO_PROFILE_RELEASE_PANIC=unwind
cargo bench --bench ingest -- "$CSV" "$RUNS" "$DIR/probes.json" | tail -n 1 > "$DIR/agglo.json"
python3 bench/ingest/peer_pandas.py "$CSV" "$RUNS" "$DIR/probes.json" > "$DIR/pandas.json"
python3 - "$DIR/agglo.json" "$DIR/pandas.json" "$DIR/probes.json" <<'PY'
import json, sys
a = json.load(open(sys.argv[1])); p = json.load(open(sys.argv[2])); probes = json.load(open(sys.argv[3]))
worst = max(abs(x["lq"] - y["lq"]) / abs(y["lq"]) for x, y in zip(probes, p["probes"]))
print(f"file: {a['file_mb']:.1f} MiB, {a['cells']} LQ cells (pandas {p['cells']})")
print(f"agglo native : median {a['median_s']:.3f} s over {a['runs']} runs, peak RSS {a['peak_rss_mb']:.1f} MiB = {a['peak_over_file']:.2f} x file")
print(f"{p['tool']:13s}: median {p['median_s']:.3f} s over {p['runs']} runs, peak RSS {p['peak_rss_mb']:.1f} MiB = {p['peak_rss_mb'] / a['file_mb']:.2f} x file")
print(f"speed-up     : {p['median_s'] / a['median_s']:.2f} x   (target >= 3)")
print(f"memory target: peak <= 1.5 x file: {'met' if a['peak_over_file'] <= 1.5 else 'NOT met'}")
print(f"LQ agreement : {len(probes)} probe cells, worst relative difference {worst:.2e}")
assert a["cells"] == p["cells"], "cell counts differ"
assert worst < 1e-9, "LQs differ"
PY
