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
