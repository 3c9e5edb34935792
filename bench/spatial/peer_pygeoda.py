"""Peer benchmark: pygeoda (GeoDa's C++ core) queen weights + local Moran (999 permutations, one
thread; both permutation methods) on the GeoJSON files written by the native bench."""
import json, statistics, sys, time

import geopandas
import pygeoda
from shapely.geometry import shape

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
    # pygeoda opens shapefiles or GeoDataFrames only: build the frame from the same GeoJSON.
    fc = json.load(open(f"{out}/{file}"))
    gdf = geopandas.GeoDataFrame({"id": [f["id"] for f in fc["features"]]},
                                 geometry=[shape(f["geometry"]) for f in fc["features"]])
    gda = pygeoda.open(gdf)
    n = gda.num_obs
    runs, w = timed(reps, lambda: pygeoda.queen_weights(gda))
    report("pygeoda", f"{name}_queen", n, runs, links=int(round(w.mean_neighbors() * n)), islands=sum(1 for i in range(n) if len(w.get_neighbors(i)) == 0))
    y = values(n)
    # 'complete' redraws per region and takes minutes on the lattice: counties only.
    methods = ("complete", "lookup-table") if n < 10000 else ("lookup-table",)
    for method in methods:
        runs, lisa = timed(reps, lambda: pygeoda.local_moran(w, y, permutations=999, permutation_method=method, cpu_threads=1, seed=12345))
        sig = sum(1 for p in lisa.lisa_pvalues() if p <= 0.05)
        report(f"pygeoda-{method}", f"{name}_lisa999", n, runs, significant=sig)
