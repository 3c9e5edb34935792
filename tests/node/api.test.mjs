// The ES module API: same numbers as the CLI, errors with codes, no wasm or worker in user code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPanel, loadReference, locationQuotients, portfolio, inspect, close, inputOutput, supplierGaps, analyseNetwork } from '../../www/api/index.js';

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

const D = (f) => join(ROOT, 'data', f);
const cliJson = (args) => JSON.parse(execFileSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 28 }));
function close12(got, want, what) {
  assert.equal(got.length, want.length, `${what}: length`);
  got.forEach((g, k) => {
    if (want[k] === null) return assert.equal(g, null, `${what}[${k}]`);
    assert.ok(Math.abs(g - want[k]) <= 1e-12 * Math.max(1, Math.abs(want[k])), `${what}[${k}]: ${g} vs ${want[k]}`);
  });
}

test('inputOutput gives the numbers of agglo io (BEA Make/Use), both forward linkages, and located errors', async () => {
  const make = D('bea_2017_summary_make.csv');
  const use = D('bea_2017_summary_use.csv');
  const want = cliJson(['io', '--make', make, '--use', use, '--full']);
  const io = await inputOutput({ make, use });
  assert.deepEqual(io.sectors, want.sectors);
  assert.deepEqual(io.key_sector, want.key_sector);
  assert.equal(io.forward_method, want.forward_method);
  for (const k of ['direct', 'indirect', 'total']) close12(io.output_multipliers[k], want.output_multipliers[k], k);
  close12(io.backward_linkage, want.backward_linkage, 'backward');
  close12(io.forward_linkage, want.forward_linkage, 'forward');
  close12(io.extraction.map((x) => x.total_linkage), want.extraction.map((x) => x.total_linkage), 'extraction');
  close12(io.value_added_multipliers.type_i, want.value_added_multipliers.type_i, 'value-added multipliers');
  assert.ok(io.warnings.some((w) => w.code === 'W_NEGATIVE_FLOW'), 'the real table has negative flows, reported');

  const row = await inputOutput({ make, use }, { forward: 'leontief_row' });
  const wantRow = cliJson(['io', '--make', make, '--use', use, '--forward', 'leontief-row']);
  close12(row.forward_linkage, wantRow.forward_linkage, 'forward (Leontief rows)');

  await assert.rejects(inputOutput({ table: new TextEncoder().encode('sector,A,B\nA,1,2\nB,3\n') }), (e) => {
    assert.match(e.code, /^E_/);
    assert.ok(e.location, 'located');
    return true;
  });
  await assert.rejects(inputOutput({ make }), (e) => e.code === 'E_INVALID_PARAMETER');
});

test('supplierGaps of the carpet cluster in Whitfield County equal agglo gaps', async () => {
  const panel = await loadPanel(D('ga_cbp_naics6_2017_2021.csv'));
  await loadReference(panel, D('us_cbp_naics6_2017_2021.csv'));
  const files = { make: D('bea_2017_summary_make.csv'), use: D('bea_2017_summary_use.csv'), crosswalk: D('bea_summary_to_naics.csv') };
  for (const method of ['flq', 'slq']) {
    const got = await supplierGaps(panel, { ...files, region: '13313', cluster: 'Textile Manufacturing', method });
    const want = cliJson(['gaps', '--make', files.make, '--use', files.use, '--data', D('ga_cbp_naics6_2017_2021.csv'),
      '--reference', D('us_cbp_naics6_2017_2021.csv'), '--crosswalk', files.crosswalk, '--region', '13313',
      '--cluster', 'Textile Manufacturing', '--method', method]);
    assert.deepEqual(got.cluster, want.cluster);
    assert.equal(got.year, want.year);
    assert.equal(got.method, want.method);
    assert.deepEqual(got.rows.map((r) => r.sector), want.rows.map((r) => r.sector), `${method}: gap ranking`);
    for (const k of ['requirement', 'local_supply', 'gap', 'regional_lq']) close12(got.rows.map((r) => r[k]), want.rows.map((r) => r[k]), `${method} ${k}`);
    close12([got.total_gap, got.total_requirement], [want.total_gap, want.total_requirement], `${method} totals`);
    close12(got.regional_multipliers.map((r) => r.regional), want.regional_multipliers.map((r) => r.regional), `${method} regional multipliers`);
    assert.deepEqual(got.regional_multipliers.map((r) => r.slq), want.regional_multipliers.map((r) => r.slq));
  }
  assert.equal((await supplierGaps(panel, { ...files, region: '13313', cluster: 'Textile Manufacturing' })).rows[0].sector, '325');
  await assert.rejects(supplierGaps(panel, { ...files, region: 'nowhere', cluster: '42' }), (e) => /nowhere/.test(e.message) && e.code.startsWith('E_'));
  await assert.rejects(supplierGaps(panel, { make: files.make, use: files.use, region: '13313', cluster: '42' }), (e) => e.code === 'E_INVALID_PARAMETER');
  close(panel);
});

test('analyseNetwork gives the communities, centralities and brokerage roles of agglo graph; progress and cancel', async () => {
  const edges = join(ROOT, 'tests', 'data', 'firm_network_edges.csv');
  const nodes = join(ROOT, 'tests', 'data', 'firm_network_nodes.csv');
  const want = cliJson(['graph', '--edges', edges, '--nodes', nodes, '--group-col', 'municipality']);
  const phases = [];
  const got = await analyseNetwork({ edges, nodes }, { groupCol: 'municipality', onProgress: (p) => phases.push(p.phase) });
  assert.ok(phases.length > 0, 'progress reported');
  assert.equal(got.n_nodes, want.n_nodes);
  assert.equal(got.n_edges, want.n_edges);
  assert.equal(got.n_communities, want.n_communities);
  close12([got.modularity], [want.modularity], 'modularity');
  for (const w of want.nodes) {
    const g = got.nodes.find((n) => n.id === w.id);
    assert.ok(g, w.id);
    assert.equal(g.degree, w.degree, `degree ${w.id}`);
    assert.equal(g.community, w.community, `community ${w.id}`);
    close12([g.strength, g.betweenness, g.closeness, g.pagerank, g.eigenvector], [w.strength, w.betweenness, w.closeness, w.pagerank, w.eigenvector], w.id);
    assert.deepEqual(g.brokerage, w.brokerage, `brokerage ${w.id}`);
  }
  const key = (e) => `${e.source}|${e.target}|${e.weight}`;
  assert.deepEqual(got.edges.map(key).sort(), want.edges.map(key).sort());
  assert.equal(got.bridges.length, 1);

  const tree = await analyseNetwork({ edges }, { backbone: { kind: 'maximum_spanning_tree' } });
  const wantTree = cliJson(['graph', '--edges', edges, '--backbone', 'mst']);
  assert.equal(tree.n_edges, wantTree.n_edges);
  assert.equal(tree.n_edges, tree.n_nodes - tree.n_components);
  assert.deepEqual(tree.edges.map(key).sort(), wantTree.edges.map(key).sort());
  await assert.rejects(analyseNetwork({ edges }, { backbone: { kind: 'percentile', value: 101 } }), (e) => e.code === 'E_INVALID_PARAMETER');

  const messy = await analyseNetwork({ edges: new TextEncoder().encode('source,target\na,b\nb,b\na,b\nb,c\n') });
  assert.deepEqual(messy.warnings.map((w) => w.code).sort(), ['W_DUPLICATE_EDGE_MERGED', 'W_SELF_LOOP_DROPPED'].sort());
  assert.equal(messy.n_edges, 2);
  assert.deepEqual(messy.edges.find((e) => e.source === 'a').weight, 2, 'the repeated a-b edge is summed');

  await assert.rejects(analyseNetwork({ edges: new TextEncoder().encode('source,target\na,b\nb,b\n') }, { selfLoops: 'error' }), (e) => e.code === 'E_SELF_LOOP' && e.location.row === 3);

  const ac = new AbortController();
  await assert.rejects(analyseNetwork({ edges }, { signal: ac.signal, onProgress: () => ac.abort() }), (e) => e.code === 'E_CANCELLED');
  await assert.rejects(analyseNetwork({ edges: new TextEncoder().encode('source,target\na,b\nc\n') }), (e) => e.code === 'E_UNKNOWN_NODE' && e.location.row === 3);
});
