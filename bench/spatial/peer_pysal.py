"""Peer benchmark: libpysal Queen weights + esda Moran_Local (999 permutations, one job) on the
GeoJSON files written by the native bench. Prints one JSON line per workload (median of runs)."""
import json, statistics, sys, time

import numpy as np
import libpysal
import esda
from shapely.geometry import shape

out, reps = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 3


def values(n):
    return np.array([(7919 * i + 13) % 1009 for i in range(n)], dtype=float)


def timed(reps, f):
    runs, r = [], None
    for _ in range(reps):
        t = time.perf_counter()
        r = f()
        runs.append(time.perf_counter() - t)
    return runs, r


def report(workload, n, runs, **extra):
    print(json.dumps({"impl": "libpysal/esda", "workload": workload, "n": n, **extra,
                      "median_s": statistics.median(runs), "runs": runs}), flush=True)


# Warm numba's JIT outside the timings.
_w = libpysal.weights.lat2W(5, 5)
_w.transform = "r"
esda.Moran_Local(values(25), _w, permutations=99, seed=1, n_jobs=1)

for name, file, lisa_reps in (("us_counties", "us_counties.geojson", reps), ("lattice300", "lattice_300.geojson", min(reps, 2))):
    fc = json.load(open(f"{out}/{file}"))
    geoms = [shape(f["geometry"]) for f in fc["features"]]
    n = len(geoms)
    runs, w = timed(reps, lambda: libpysal.weights.Queen.from_iterable(geoms))
    report(f"{name}_queen", n, runs, links=int(w.s0), islands=len(w.islands))
    w.transform = "r"
    y = values(n)
    runs, lm = timed(lisa_reps, lambda: esda.Moran_Local(y, w, permutations=999, seed=12345, n_jobs=1))
    report(f"{name}_lisa999", n, runs, significant=int((lm.p_sim <= 0.05).sum()))
