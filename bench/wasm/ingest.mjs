// Ingest + LQ in WebAssembly (the module the page uses), in Node, on the same CSV as the native and
// pandas runs: the file is streamed into the core in 1 MiB chunks, as the browser worker does.
// Usage: node bench/wasm/ingest.mjs FILE.csv [RUNS] [PROBES.json]
import { openSync, readSync, closeSync, statSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSync, Workspace } from '../../www/pkg/agglo.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [file, runsArg, probesPath] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const wasm = initSync({ module: readFileSync(join(ROOT, 'www/pkg/agglo_bg.wasm')) });

function once() {
  const ws = new Workspace();
  const t0 = performance.now();
  ws.beginLoad(file, null, false);
  const fd = openSync(file, 'r');
  const buf = new Uint8Array(1 << 20);
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    ws.push(buf.subarray(0, n));
  }
  closeSync(fd);
  const summary = ws.finishLoad();
  let cells = 0;
  const out = [];
  for (const year of summary.years) {
    const r = ws.locationQuotients({ year });
    cells += r.lq.length;
    out.push({ year, r });
  }
  const seconds = (performance.now() - t0) / 1000;
  const result = { seconds, cells, summary, out };
  ws.free();
  return result;
}

const times = [];
let last;
for (let k = 0; k < runs; k++) {
  last = once();
  times.push(last.seconds);
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
const fileMb = statSync(file).size / 2 ** 20;
const wasmMb = wasm.memory.buffer.byteLength / 2 ** 20;
let worst = 0;
if (probesPath) {
  const probes = JSON.parse(readFileSync(probesPath, 'utf8'));
  const { summary, out } = last;
  for (const p of probes) {
    const { r } = out.find((o) => o.year === p.year);
    const ri = summary.regions.indexOf(p.region);
    const ii = summary.industries.indexOf(p.industry);
    for (let k = 0; k < r.lq.length; k++) {
      if (r.region[k] === ri && r.industry[k] === ii) worst = Math.max(worst, Math.abs(r.lq[k] - p.lq) / Math.abs(p.lq));
    }
  }
}
console.log(JSON.stringify({ tool: 'agglo wasm (Node)', runs, median_s: median, cells: last.cells, file_mb: fileMb, wasm_memory_mb: wasmMb, peak_rss_mb: process.resourceUsage().maxRSS / 1024, worst_rel_diff: worst }));
