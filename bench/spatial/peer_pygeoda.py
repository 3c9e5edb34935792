"""Peer benchmark: pygeoda (GeoDa's C++ core) queen weights + local Moran (999 permutations, one
thread; both permutation methods) on the GeoJSON files written by the native bench."""
import json, statistics, sys, time

import pygeoda

out, reps = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3


def values(n):
    return [float((7919 * i + 13) % 1009) for i in range(n)]


def timed(reps, f):
    runs, r = [], None
    for _ in range(reps):
        t = time.perf_counter()
        r = f()
        runs.append(time.perf_counter() - t)
    return runs, r


def report(impl, workload, n, runs, **extra):
    print(json.dumps({"impl": impl, "workload": workload, "n": n, **extra,
                      "median_s": statistics.median(runs), "runs": runs}), flush=True)


for name, file in (("us_counties", "us_counties.geojson"), ("lattice300", "lattice_300.geojson")):
    gda = pygeoda.open(f"{out}/{file}")
    n = gda.num_obs
    runs, w = timed(reps, lambda: pygeoda.queen_weights(gda))
    report("pygeoda", f"{name}_queen", n, runs, links=int(round(w.mean_neighbors * n)), islands=int(w.num_obs - sum(1 for c in w.get_neighbors_cardinality() if c > 0)) if hasattr(w, "get_neighbors_cardinality") else None)
    y = values(n)
    for method in ("complete", "lookup-table"):
        runs, lisa = timed(reps, lambda: pygeoda.local_moran(w, y, permutations=999, permutation_method=method, cpu_threads=1, seed=12345))
        sig = sum(1 for p in lisa.lisa_pvalues() if p <= 0.05)
        report(f"pygeoda-{method}", f"{name}_lisa999", n, runs, significant=sig)
