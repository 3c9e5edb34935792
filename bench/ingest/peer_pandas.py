#!/usr/bin/env python3
"""Peer for the ingest benchmark: pandas read_csv + groupby location quotients.

LQ[r][j] = (e_rj / e_r) / (e_j / e) per year, with e_r the region's sum of published cells, e_j the
industry's sum over regions and e the grand total (METHODS.md: the reference is the sum of regions).
Prints one JSON line: median seconds, peak RSS, and the LQs of the probe cells for cross-checking.

Usage: python3 bench/ingest/peer_pandas.py FILE.csv [RUNS] [PROBES.json]
"""
import json
import resource
import statistics
import sys
import time

import pandas as pd


def lq(path):
    df = pd.read_csv(
        path,
        dtype={"region_code": str, "industry_code": str, "year": "int32"},
        na_values=["(D)"],
        keep_default_na=False,
    )
    e = df.dropna(subset=["employment"])
    e_r = e.groupby(["year", "region_code"])["employment"].transform("sum")
    e_j = e.groupby(["year", "industry_code"])["employment"].transform("sum")
    tot = e.groupby("year")["employment"].transform("sum")
    e = e.assign(lq=(e["employment"] / e_r) / (e_j / tot))
    return e


def main():
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    probes = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else []
    times = []
    out = None
    for _ in range(runs):
        t = time.perf_counter()
        out = lq(path)
        times.append(time.perf_counter() - t)
    idx = out.set_index(["region_code", "industry_code", "year"])["lq"]
    got = [
        {"region": p["region"], "industry": p["industry"], "year": p["year"],
         "lq": float(idx.loc[(p["region"], p["industry"], p["year"])])}
        for p in probes
    ]
    print(json.dumps({
        "tool": "pandas " + pd.__version__,
        "median_s": statistics.median(times),
        "runs": runs,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "cells": int(len(out)),
        "probes": got,
    }))


if __name__ == "__main__":
    main()
