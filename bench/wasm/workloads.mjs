// The linkage and spatial workloads in WebAssembly (Node), for side-by-side figures with the native
// and peer runs. Needs the bench build: bench/run.sh makes bench/wasm/pkg (feature bench-exports).
// Usage: node bench/wasm/workloads.mjs [RUNS]
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const mod = await import(join(HERE, 'pkg', 'agglo_bench.js'));
mod.initSync({ module: readFileSync(join(HERE, 'pkg', 'agglo_bench_bg.wasm')) });
const runs = Number(process.argv[2] ?? 3);
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const env = (k, d) => Number(process.env[k] ?? d);

const io = Array.from({ length: runs }, () => mod.benchIo(env('LINKAGE_N', 4000)));
console.log(JSON.stringify({ tool: 'agglo wasm (Node)', workload: 'io', n: env('LINKAGE_N', 4000), median_s: median(io.map((r) => r.seconds)), check: io[0].check }));
const lv = Array.from({ length: runs }, (_, seed) => mod.benchLouvain(env('LINKAGE_GRAPH_N', 10000), env('LINKAGE_GRAPH_M', 500000), BigInt(seed)));
console.log(JSON.stringify({ tool: 'agglo wasm (Node)', workload: 'louvain', median_s: median(lv.map((r) => r.seconds)), modularity_median: median(lv.map((r) => r.modularity)) }));
const lat = Array.from({ length: runs }, () => mod.benchLattice(300, 300, 999));
console.log(JSON.stringify({ tool: 'agglo wasm (Node)', workload: 'lattice 300x300', weights_median_s: median(lat.map((r) => r.weightsSeconds)), lisa_median_s: median(lat.map((r) => r.lisaSeconds)) }));
