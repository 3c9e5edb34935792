// Bundle-size report: what a first page load downloads (gzipped), against the README's budget.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const BUDGET_KB = 400; // first load, gzipped (README)
const dir = 'dist/assets';
const files = readdirSync(dir).map((f) => join(dir, f));
const gz = (f) => gzipSync(readFileSync(f), { level: 9 }).length;
const rows = files.map((f) => ({ f, raw: statSync(f).size, gz: gz(f) }));
// Loaded only when needed: the XLSX/zip module (a spreadsheet or zipped Shapefile is opened) and the
// full analysis module (the spatial or linkage views are opened).
const lazy = (f) => /xlsx|full|sigma-graph|cluster-print/.test(f);
const first = rows.filter((r) => !lazy(r.f));
const sum = (rs, k) => rs.reduce((a, r) => a + r[k], 0);
const kb = (b) => (b / 1024).toFixed(1);
for (const r of rows) console.log(`size: ${kb(r.gz).padStart(7)} KB gz  ${kb(r.raw).padStart(7)} KB raw  ${r.f}${lazy(r.f) ? '  (lazy)' : ''}`);
const wasm = sum(first.filter((r) => r.f.endsWith('.wasm')), 'gz');
const js = sum(first.filter((r) => r.f.endsWith('.js')), 'gz');
console.log(`size: first load wasm ${kb(wasm)} KB gz, JS ${kb(js)} KB gz, total ${kb(wasm + js)} KB gz (budget ${BUDGET_KB} KB)`);
if (wasm + js > BUDGET_KB * 1024) {
  console.error(`size: over budget by ${kb(wasm + js - BUDGET_KB * 1024)} KB`);
  process.exit(1);
}
