#!/usr/bin/env python3
"""Deterministic long CSV for the ingest benchmark: region x industry x year, employment and
establishments, ~2% of employment cells suppressed as "(D)" and ~10% of cells unpublished (absent).

Usage: python3 bench/ingest/gen_long_csv.py OUT.csv [ROWS]   (default 5,000,000 rows)
Layout: 5 years x 1,100 regions x 1,000 industries, cells dropped by a fixed hash until ROWS remain.
"""
import sys


def main():
    out = sys.argv[1]
    target = int(sys.argv[2]) if len(sys.argv) > 2 else 5_000_000
    years = [2017, 2018, 2019, 2020, 2021]
    n_ind = 1000
    n_reg = max(1, -(-target * 10 // (9 * len(years) * n_ind)))  # ~10% of cells absent
    written = 0
    with open(out, "w", newline="") as f:
        f.write("region_code,industry_code,year,employment,establishments\n")
        buf = []
        for y in years:
            for r in range(n_reg):
                rc = f"{10001 + r:05d}"
                for i in range(n_ind):
                    if written >= target:
                        break
                    h = (r * 1_000_003 + i * 7_919 + y * 104_729) * 2_654_435_761 % 4_294_967_296
                    if h % 10 == 0:  # unpublished cell: no row
                        continue
                    est = 1 + (h >> 8) % 200
                    emp = "(D)" if h % 50 == 1 else str(est * (3 + (h >> 16) % 40))
                    buf.append(f"{rc},{100000 + i * 7:06d},{y},{emp},{est}\n")
                    written += 1
                    if len(buf) >= 100_000:
                        f.write("".join(buf))
                        buf.clear()
        f.write("".join(buf))
    print(f"{out}: {written} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
