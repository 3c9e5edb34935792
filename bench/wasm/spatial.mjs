// The spatial workloads in WebAssembly (Node): queen weights and LISA (999 permutations) on the US
// counties and the 300 x 300 lattice, one JSON line per workload in the format of
// bench/spatial/summarise.py. Needs bench/wasm/pkg (bench/spatial/run.sh builds it).
// Usage: node bench/wasm/spatial.mjs COUNTIES_10M_JSON [RUNS]
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const mod = await import(join(HERE, 'pkg', 'agglo_bench.js'));
mod.initSync({ module: readFileSync(join(HERE, 'pkg', 'agglo_bench_bg.wasm')) });
const atlas = readFileSync(process.argv[2]);
const runs = Number(process.argv[3] ?? 3);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const line = (workload, n, times, extra = {}) =>
  console.log(JSON.stringify({ impl: 'agglo-wasm', workload, n, ...extra, median_s: median(times), runs: times }));

// One untimed warm-up of each workload: V8 first runs wasm from its baseline compiler and tiers
// up to the optimising one in the background; the native side has no such phase.
mod.benchCounties(atlas, 999);
mod.benchLattice(300, 300, 99);
const c = Array.from({ length: runs }, () => mod.benchCounties(atlas, 999));
line('us_counties_queen', c[0].n, c.map((r) => r.weightsSeconds), { links: c[0].links });
line('us_counties_lisa999', c[0].n, c.map((r) => r.lisaSeconds), { significant: c[0].significant });
const l = Array.from({ length: runs }, () => mod.benchLattice(300, 300, 999));
line('lattice300_queen', 90000, l.map((r) => r.weightsSeconds));
line('lattice300_lisa999', 90000, l.map((r) => r.lisaSeconds));
