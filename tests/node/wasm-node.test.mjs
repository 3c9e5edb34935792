// The same wasm the page uses, loaded in Node (initSync), gives the same numbers as the native CLI.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initSync, Workspace } from '../../www/pkg/agglo.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
initSync({ module: readFileSync(join(ROOT, 'www/pkg/agglo_bg.wasm')) });
const cli = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'agglo');
const DATA = join(ROOT, 'data/ga_cbp_naics4_2017_2021.csv');
const REF = join(ROOT, 'data/us_cbp_naics4_2017_2021.csv');

test('wasm LQs equal the native CLI to the last bit (Georgia, US reference, 2017 and 2021)', () => {
  const ws = new Workspace();
  const summary = ws.loadData('ga.csv', readFileSync(DATA), null);
  assert.equal(summary.regions.length, 157);
  assert.deepEqual(summary.years, [2017, 2021]);
  ws.loadReference('us.csv', readFileSync(REF), null);
  for (const year of [2017, 2021]) {
    const w = ws.locationQuotients({ year });
    const out = JSON.parse(execFileSync(cli, ['lq', '--data', DATA, '--reference', REF, '--year', String(year)], { encoding: 'utf8', maxBuffer: 1 << 28 }));
    assert.equal(w.lq.length, out.rows.length);
    for (let k = 0; k < w.lq.length; k++) {
      const row = out.rows[k];
      assert.equal(summary.regions[w.region[k]], row.region);
      assert.equal(summary.industries[w.industry[k]], row.industry);
      assert.equal(w.lq[k], row.lq);
    }
  }
});

test('boundaries load in Node and join the data', () => {
  const ws = new Workspace();
  ws.loadData('ga.csv', readFileSync(DATA), null);
  const b = ws.loadBoundaries('ga.topojson', readFileSync(join(ROOT, 'data/ga_counties.topojson')), null);
  assert.equal(JSON.parse(b.geojson).features.length, 159);
  assert.equal(b.join.matched, 157);
  assert.deepEqual([...b.join.geometry_without_data].sort(), ['13007', '13265']);
});
