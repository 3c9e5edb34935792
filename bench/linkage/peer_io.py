"""numpy/scipy peer of the IO workload: the same synthetic table (SplitMix64, see
src/io_model/synthetic.rs), one LU of I - A, output multipliers (transposed solve) and
Ghosh forward linkages (solve with x). One thread. Prints one JSON line."""
import json, os, sys, time
import numpy as np
import scipy.linalg as sla

def splitmix_unit(k, seed):
    with np.errstate(over="ignore"):
        z = (k + np.uint64(seed)) * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    return (z >> np.uint64(11)).astype(np.float64) * (1.0 / (1 << 53))

n = int(os.environ.get("LINKAGE_N", 4000)); runs = int(os.environ.get("LINKAGE_RUNS", 5))
k = np.arange(n * n, dtype=np.uint64)
x = 1000.0 * (1.0 + splitmix_unit(np.arange(n * n, n * n + n, dtype=np.uint64), 1))
Z = (splitmix_unit(k, 1) / n).reshape(n, n) * x[None, :]
del k

def work():
    A = Z / x[None, :]
    M = np.eye(n) - A
    lu = sla.lu_factor(M, overwrite_a=True, check_finite=False)
    m = sla.lu_solve(lu, np.ones(n), trans=1, check_finite=False)
    bl = m / m.mean()
    g = sla.lu_solve(lu, x, check_finite=False) / x
    fl = g / g.mean()
    return m, g, bl, fl

times = []
for _ in range(runs):
    t = time.perf_counter(); m, g, bl, fl = work(); times.append(time.perf_counter() - t)
tl = []
for _ in range(min(runs, 3)):
    M = np.eye(n) - Z / x[None, :]
    t = time.perf_counter(); sla.lu_factor(M, overwrite_a=True, check_finite=False); tl.append(time.perf_counter() - t)
try:
    from threadpoolctl import threadpool_info
    blas = [(i.get("internal_api"), i.get("architecture"), i.get("num_threads")) for i in threadpool_info()]
except Exception as e:  # noqa
    blas = str(e)
print(json.dumps({"workload": "io", "peer": "numpy/scipy", "n": n, "median_s": float(np.median(times)), "check": float(m.sum() + g.sum()), "runs": runs, "lu_factor_only_s": float(np.median(tl)), "blas": blas}))
