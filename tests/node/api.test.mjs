// The ES module API: same numbers as the CLI, errors with codes, no wasm or worker in user code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPanel, loadReference, locationQuotients, portfolio, inspect, close } from '../../www/api/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(process.env.CARGO_TARGET_DIR ?? join(ROOT, 'target'), 'debug', 'agglo');
const DATA = join(ROOT, 'data/ga_cbp_naics4_2017_2021.csv');
const REF = join(ROOT, 'data/us_cbp_naics4_2017_2021.csv');

test('loadPanel + locationQuotients give the CLI rows', async () => {
  const panel = await loadPanel(DATA);
  await loadReference(panel, REF);
  const rows = await locationQuotients(panel, { year: 2021, industry: '3141' });
  const out = JSON.parse(execFileSync(cli, ['lq', '--data', DATA, '--reference', REF, '--year', '2021', '--industry', '3141'], { encoding: 'utf8' }));
  assert.deepEqual(rows, out.rows);
  const pf = await portfolio(panel, { industry: '3141', yearStart: 2017, year: 2021 });
  const whitfield = pf.points.find((p) => p.region === '13313');
  assert.equal(whitfield.value_start, 10385);
  assert.equal(whitfield.value_end, 11607);
  close(panel);
});

test('inspect proposes roles; bad input rejects with a code and a location', async () => {
  const ins = await inspect(DATA);
  assert.equal(ins.columns[0].role, 'region_code');
  await assert.rejects(loadPanel(new TextEncoder().encode('region_code,industry_code,employment\nA,x,-5\n')), (e) => {
    assert.equal(e.code, 'E_NEGATIVE_VALUE');
    assert.equal(e.location.row, 2);
    return true;
  });
});
