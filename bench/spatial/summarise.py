"""Read the JSON lines of all implementations and print medians side by side with ratios
(peer median / agglo native median: > 1 means agglo is faster)."""
import json, sys

rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
by = {}
for r in rows:
    by.setdefault(r["workload"], []).append(r)
print(f"{'workload':24} {'implementation':26} {'n':>7} {'median s':>10} {'peer/agglo':>11}  extra")
for wl, rs in by.items():
    base = next((r["median_s"] for r in rs if r["impl"] == "agglo-native"), None)
    for r in rs:
        ratio = f"{r['median_s'] / base:.2f}" if base else "-"
        extra = {k: v for k, v in r.items() if k not in ("impl", "workload", "n", "median_s", "runs")}
        print(f"{wl:24} {r['impl']:26} {r['n']:>7} {r['median_s']:>10.4f} {ratio:>11}  {extra}")

# The targets: weights native <= pygeoda, wasm <= 3 x pygeoda; LISA native <= pygeoda's
# fastest one-thread mode, wasm <= 2 x that; the 90 000-cell LISA in wasm under 2 s.
def med(wl, pred):
    v = [r["median_s"] for r in by.get(wl, []) if pred(r["impl"])]
    return min(v) if v else None

print()
print(f"{'target':58} {'value':>10}  verdict")
def check(label, value, limit):
    if value is None:
        print(f"{label:58} {'-':>10}  not run")
    else:
        print(f"{label:58} {value:>10.2f}  {'met' if value <= limit else 'MISSED'} (<= {limit})")

for area in ("us_counties", "lattice300"):
    pg_w = med(f"{area}_queen", lambda i: i == "pygeoda")
    pg_l = med(f"{area}_lisa999", lambda i: i.startswith("pygeoda"))
    nat_w = med(f"{area}_queen", lambda i: i == "agglo-native")
    nat_l = med(f"{area}_lisa999", lambda i: i == "agglo-native")
    wasm_w = med(f"{area}_queen", lambda i: i == "agglo-wasm")
    wasm_l = med(f"{area}_lisa999", lambda i: i == "agglo-wasm")
    r = lambda a, b: a / b if a is not None and b else None
    check(f"{area} queen: native / pygeoda", r(nat_w, pg_w), 1.0)
    check(f"{area} queen: wasm / pygeoda", r(wasm_w, pg_w), 3.0)
    check(f"{area} LISA 999: native / fastest pygeoda (1 thread)", r(nat_l, pg_l), 1.0)
    check(f"{area} LISA 999: wasm / fastest pygeoda (1 thread)", r(wasm_l, pg_l), 2.0)
check("lattice300 LISA 999 in wasm, seconds", med("lattice300_lisa999", lambda i: i == "agglo-wasm"), 2.0)
