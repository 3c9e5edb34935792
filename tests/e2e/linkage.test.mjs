// Linkage acceptance: the BEA input-output table and the Georgia sample give the supplier gaps of the
// carpet cluster in Whitfield County (the same numbers as `agglo gaps`), and a firm edge list gives
// communities, brokers and a node table in sync with the drawing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, openPage, ROOT, OUT, CLI, axe } from './harness.mjs';

const D = (f) => join(ROOT, 'data', f);
const EDGES = join(ROOT, 'tests', 'data', 'firm_network_edges.csv');
const NODES = join(ROOT, 'tests', 'data', 'firm_network_nodes.csv');
const run = (args) => JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 26 }));
const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: page ${a} vs CLI ${b}`);

let srv;
let browser;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  srv?.stop();
});

const x = (sel) => `agglo-explorer >> ${sel}`;

/** Rows of a data table as {key, values by column data-key}. */
async function tableRows(page, id) {
  return page.$$eval(x(`#${id}`), ([t]) => {
    const keys = [...t.querySelectorAll('thead button.sort')].map((b) => b.dataset.key);
    return [...t.querySelectorAll('tbody tr')].map((tr) => {
      const cells = [...tr.querySelectorAll('td')];
      const v = {};
      keys.forEach((k, j) => {
        const td = cells[j];
        v[k] = td.dataset.value !== undefined && td.dataset.value !== '' ? Number(td.dataset.value) : td.textContent.trim();
      });
      return { key: tr.dataset.key, v, selected: tr.classList.contains('selected') };
    });
  });
}

test('BEA table + Georgia NAICS-6: supplier gaps of Textile Manufacturing in Whitfield County match the CLI', async () => {
  const { page, consoleErrors, foreign, requests } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.selectOption(x('#sample-level'), 'naics6');
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 60000 });
  // sigma is loaded lazily: not part of the first page load.
  assert.ok(!requests.some((u) => /sigma/.test(u)), 'sigma is not fetched on first load');
  assert.ok(!requests.some((u) => /agglo_full/.test(u)), 'the full wasm module is not fetched on first load');

  await page.click(x('#tab-io'));
  await page.click(x('#io-bea'));
  await page.waitForSelector(x('#io-multipliers tbody tr'), { timeout: 60000 });
  assert.ok(requests.some((u) => /agglo_full_bg.*\.wasm/.test(u)), 'the full module was loaded on demand');
  const mult = await tableRows(page, 'io-multipliers');
  assert.equal(mult.length, 71, '71 BEA summary industries');

  // Multipliers and linkages: the numbers `agglo io` prints for the same Make/Use pair.
  const io = run(['io', '--make', D('bea_2017_summary_make.csv'), '--use', D('bea_2017_summary_use.csv')]);
  for (const r of mult) {
    const i = io.sectors.indexOf(r.key);
    assert.ok(i >= 0, r.key);
    close(r.v.total, io.output_multipliers.total[i], `multiplier ${r.key}`);
    close(r.v.backward, io.backward_linkage[i], `backward ${r.key}`);
    close(r.v.forward, io.forward_linkage[i], `forward ${r.key}`);
  }
  // Sorted by the output multiplier, descending.
  const totals = mult.map((r) => r.v.total);
  assert.deepEqual(totals, [...totals].sort((a, b) => b - a));
  // The quadrant chart: one focusable mark per sector; key sectors as squares.
  assert.equal(await page.locator(x('svg.quadrant path.mark')).count(), 71);
  assert.equal(await page.locator(x('svg.quadrant path.mark.key')).count(), io.key_sector.filter((k) => k === 'key').length);
  assert.match(await page.locator(x('#io-model-summary')).textContent(), /key sectors/);

  // Supplier gaps: Whitfield County (Dalton), the US Cluster Mapping "Textile Manufacturing" cluster (42), FLQ δ = 0.3.
  await page.selectOption(x('#io-region'), '13313');
  await page.selectOption(x('#io-cluster'), '42');
  await page.selectOption(x('#io-method'), 'flq');
  await page.click(x('#io-gaps-run'));
  await page.waitForSelector(x('#io-gaps tbody tr'), { timeout: 30000 });
  const gaps = await tableRows(page, 'io-gaps');
  const want = run([
    'gaps', '--make', D('bea_2017_summary_make.csv'), '--use', D('bea_2017_summary_use.csv'),
    '--data', D('ga_cbp_naics6_2017_2021.csv'), '--reference', D('us_cbp_naics6_2017_2021.csv'),
    '--crosswalk', D('bea_summary_to_naics.csv'), '--region', '13313', '--cluster', 'Textile Manufacturing', '--method', 'flq',
  ]);
  assert.equal(want.cluster.code, '42');
  assert.equal(gaps.length, want.rows.length);
  gaps.forEach((g, k) => {
    const w = want.rows[k];
    assert.equal(g.key, w.sector, `rank ${k + 1}`);
    assert.equal(g.v.rank, w.rank);
    close(g.v.requirement, w.requirement, `requirement ${w.sector}`);
    close(g.v.local_supply, w.local_supply, `local supply ${w.sector}`);
    close(g.v.gap, w.gap, `gap ${w.sector}`);
    close(g.v.regional_employment, w.regional_employment, `employment ${w.sector}`);
    if (w.regional_lq !== null) close(g.v.regional_lq, w.regional_lq, `LQ ${w.sector}`);
  });
  assert.equal(gaps[0].key, '325', 'chemical products: the largest gap of the carpet cluster');
  const summary = await page.locator(x('#io-gaps-summary')).textContent();
  assert.match(summary, /Chemical products/);
  assert.match(summary, new RegExp(want.total_gap.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).replace(/[.,]/g, '\\$&')));
  assert.match(await page.locator(x('#io-gaps-h')).textContent(), /Textile Manufacturing.*Whitfield/);
  assert.equal(await page.locator(x('svg.gaps .gap-row')).count(), Math.min(15, want.rows.length));

  // SLQ gives another ranking of the same requirements.
  await page.selectOption(x('#io-method'), 'slq');
  await page.click(x('#io-gaps-run'));
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelector('#io-gaps-summary')?.textContent.includes('SLQ'));
  const slq = run([
    'gaps', '--make', D('bea_2017_summary_make.csv'), '--use', D('bea_2017_summary_use.csv'),
    '--data', D('ga_cbp_naics6_2017_2021.csv'), '--reference', D('us_cbp_naics6_2017_2021.csv'),
    '--crosswalk', D('bea_summary_to_naics.csv'), '--region', '13313', '--cluster', '42', '--method', 'slq',
  ]);
  const g2 = await tableRows(page, 'io-gaps');
  assert.deepEqual(g2.slice(0, 10).map((g) => g.key), slq.rows.slice(0, 10).map((r) => r.sector));
  close(g2[0].v.gap, slq.rows[0].gap, 'SLQ top gap');

  assert.deepEqual(await axe(page), [], 'axe on the input-output tab');
  await page.screenshot({ path: join(OUT, 'linkage-io-gaps.png'), fullPage: true });

  // The industry linkage graph of the same table, in the Network tab.
  await page.click(x('#tab-network'));
  await page.click(x('#net-from-io'));
  await page.waitForSelector(x('#net-nodes tbody tr'), { timeout: 60000 });
  assert.match(await page.locator(x('#net-summary')).textContent(), /71 nodes/);

  await finish(page, foreign, consoleErrors);
});

/** Load the Georgia sample, open the Network tab and load the firm fixture with its node table. */
/** The page with the Georgia NAICS-6 sample (and the US reference) and the BEA tables loaded. */
async function openWithBea() {
  const opened = await openPage(browser, srv.origin + '/', srv.origin);
  const { page } = opened;
  await page.selectOption(x('#sample-level'), 'naics6');
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 60000 });
  await page.click(x('#tab-io'));
  await page.click(x('#io-bea'));
  await page.waitForSelector(x('#io-multipliers tbody tr'), { timeout: 60000 });
  return opened;
}

/** Every test ends the same way: nothing left the origin, no console error. */
async function finish(page, foreign, consoleErrors) {
  assert.deepEqual(foreign, [], 'no request leaves the origin');
  assert.deepEqual(consoleErrors, [], 'no console errors');
  await page.context().close();
}

async function loadFirms(page) {
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 60000 });
  await page.click(x('#tab-network'));
  await page.setInputFiles(x('#net-edges'), EDGES);
  await page.setInputFiles(x('#net-nodes-file'), NODES);
  await page.fill(x('#net-group-col'), 'municipality');
  await page.locator(x('#net-group-col')).dispatchEvent('change');
  await page.click(x('#net-load'));
  await page.waitForSelector(x('#net-nodes tbody tr'), { timeout: 60000 });
}

test('a firm edge list with municipalities: communities, brokers and the node table in sync with the drawing', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await loadFirms(page);

  const want = run(['graph', '--edges', EDGES, '--nodes', NODES, '--group-col', 'municipality']);
  const summary = await page.locator(x('#net-summary')).textContent();
  assert.match(summary, new RegExp(`${want.n_communities} communities, modularity ${want.modularity.toFixed(3)}`));
  assert.match(summary, /31 nodes and 79 undirected edges/);
  assert.match(summary, /1 bridge\(s\) and/);
  const rows = await tableRows(page, 'net-nodes');
  assert.equal(rows.length, want.n_nodes);
  for (const r of rows) {
    const w = want.nodes.find((n) => n.id === r.key);
    assert.ok(w, r.key);
    assert.equal(r.v.degree, w.degree, `degree ${r.key}`);
    assert.equal(r.v.community, w.community, `community ${r.key}`);
    close(r.v.betweenness, w.betweenness, `betweenness ${r.key}`);
    close(r.v.closeness, w.closeness, `closeness ${r.key}`);
    close(r.v.pagerank, w.pagerank, `pagerank ${r.key}`);
    close(r.v.eigenvector, w.eigenvector, `eigenvector ${r.key}`);
    assert.equal(r.v.brokerage, w.brokerage.total, `Gould-Fernandez roles ${r.key}`);
  }
  assert.match(summary, /Brokers between groups \(Gould-Fernandez liaison and gatekeeper roles\): [^.]+\./);
  // The three municipalities are recovered as the three communities.
  const byGroup = new Map();
  for (const r of rows) {
    if (r.key === 'Cohutta Embroidery') continue;
    const s = byGroup.get(r.v.group) ?? new Set();
    s.add(r.v.community);
    byGroup.set(r.v.group, s);
  }
  assert.deepEqual([...byGroup.values()].map((s) => s.size), [1, 1, 1]);

  // Renderer: sigma (WebGL) when available, else the SVG fallback (headless Chromium with --disable-gpu).
  const webgl = await page.evaluate(() => {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') || c.getContext('webgl'));
  });
  if (webgl) {
    await page.waitForSelector(x('#net-canvas canvas'), { timeout: 30000 });
  } else {
    assert.equal(await page.locator(x('#net-svg circle')).count(), 31);
    // Selecting in the drawing selects the table row.
    await page.locator(x('#net-svg circle[data-node="Dixie Yarns"]')).click();
    await page.waitForSelector(x('#net-nodes tr.selected[data-key="Dixie Yarns"]'));
  }
  // Selecting in the table highlights the node in the drawing.
  await page.locator(x('#net-nodes tr[data-key="Mohawk Mill"] button.link')).click();
  await page.waitForSelector(x('#net-nodes tr.selected[data-key="Mohawk Mill"]'));
  if (!webgl) assert.equal(await page.locator(x('#net-svg circle.selected')).getAttribute('data-node'), 'Mohawk Mill');
  assert.match(await page.locator(x('#live')).textContent(), /Selected Mohawk Mill/);

  // Search filters the table (and dims the other nodes).
  await page.fill(x('#net-search'), 'calhoun');
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('#net-nodes tbody tr').length === 2);
  const found = (await tableRows(page, 'net-nodes')).map((r) => r.key).sort();
  assert.deepEqual(found, ['Calhoun Chemicals', 'Calhoun Machine']);
  await page.fill(x('#net-search'), '');

  // Leiden, another resolution: recomputed in the worker.
  await page.selectOption(x('#net-method'), 'leiden');
  await page.click(x('#net-analyse'));
  await page.waitForFunction(() => /Leiden|communities/.test(document.querySelector('agglo-explorer').shadowRoot.querySelector('#live').textContent));
  const leiden = run(['graph', '--edges', EDGES, '--nodes', NODES, '--group-col', 'municipality', '--communities', 'leiden']);
  await page.waitForFunction(
    (m) => document.querySelector('agglo-explorer').shadowRoot.querySelector('#net-summary')?.textContent.includes(`modularity ${m}`),
    leiden.modularity.toFixed(3),
  );

  assert.deepEqual(await axe(page), [], 'axe on the network tab');
  await page.screenshot({ path: join(OUT, 'linkage-network.png'), fullPage: true });
  await finish(page, foreign, consoleErrors);
});

test('without WebGL the network is drawn as SVG, keyboard-reachable and in sync with the table', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  // A browser without WebGL (as headless Chromium with --disable-gpu may be).
  await page.addInitScript(() => {
    const orig = HTMLCanvasElement.prototype.getContext;
    HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
      return /webgl/i.test(kind) ? null : orig.call(this, kind, ...rest);
    };
  });
  await page.reload();
  await loadFirms(page);
  assert.equal(await page.locator(x('#net-canvas')).count(), 0, 'no WebGL canvas');
  assert.equal(await page.locator(x('#net-svg circle')).count(), 31);
  assert.equal(await page.locator(x('#net-svg line')).count(), 79);
  // Each community has its own colour, and the legend names it.
  const fills = await page.$$eval(x('#net-svg circle'), (cs) => [...new Set(cs.map((c) => c.getAttribute('fill')))]);
  assert.equal(fills.length, 3);
  assert.equal(await page.locator(x('.legend-list li')).count(), 3);
  // Keyboard: focus a firm in the drawing, press Enter: its table row is selected.
  await page.focus(x('#net-svg circle[data-node="Calhoun Chemicals"]'));
  await page.keyboard.press('Enter');
  await page.waitForSelector(x('#net-nodes tr.selected[data-key="Calhoun Chemicals"]'));
  assert.match(await page.locator(x('#net-svg circle.selected')).getAttribute('aria-label'), /Calhoun Chemicals: community \d, degree 8/);
  // And back: the table selects in the drawing.
  await page.locator(x('#net-nodes tr[data-key="Lookout Logistics"] button.link')).click();
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelector('#net-svg circle.selected')?.dataset.node === 'Lookout Logistics');
  // Search dims the other nodes.
  await page.fill(x('#net-search'), 'dalton');
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('#net-svg circle.dim').length === 30);
  assert.deepEqual(await axe(page), [], 'axe on the SVG network');
  await page.screenshot({ path: join(OUT, 'linkage-network-svg.png'), fullPage: true });
  await finish(page, foreign, consoleErrors);
});

const FIX = (f) => join(ROOT, 'tests', 'fixtures', 'io', f);

test('an Excel flow table: multipliers, extraction and regional multipliers match the CLI; employment multipliers from an employment row', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.selectOption(x('#sample-level'), 'naics6');
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 60000 });
  await page.click(x('#tab-io'));
  // The BEA flow table as an Excel workbook (table on its second sheet "Flows"), plus the crosswalk.
  await page.setInputFiles(x('#io-table'), FIX('bea_2017_summary_flows.xlsx'));
  await page.fill(x('#io-sheet'), 'Flows');
  await page.locator(x('#io-sheet')).dispatchEvent('change');
  await page.setInputFiles(x('#io-crosswalk'), D('bea_summary_to_naics.csv'));
  await page.click(x('#io-load-files'));
  await page.waitForSelector(x('#io-multipliers tbody tr'), { timeout: 60000 });
  const io = run(['io', '--table', FIX('bea_2017_summary_flows.xlsx'), '--sheet', 'Flows', '--full']);
  const mult = await tableRows(page, 'io-multipliers');
  assert.equal(mult.length, 71);
  for (const r of mult) {
    const i = io.sectors.indexOf(r.key);
    assert.ok(i >= 0, r.key);
    close(r.v.total, io.output_multipliers.total[i], `multiplier ${r.key}`);
    close(r.v.direct, io.output_multipliers.direct[i], `direct ${r.key}`);
    close(r.v.indirect, io.output_multipliers.indirect[i], `indirect ${r.key}`);
    close(r.v.indirect, io.output_multipliers.total[i] - io.output_multipliers.direct[i], `indirect = total − direct ${r.key}`);
    const ex = io.extraction.find((e) => e.sector === r.key);
    close(r.v.extraction, ex.total_linkage, `extraction ${r.key}`);
    close(r.v.extraction_share, ex.share_of_output, `extraction share ${r.key}`);
  }
  assert.match(await page.locator(x('#io-model-summary')).textContent(), /Hypothetical extraction: removing .* would cost the most output/);
  assert.match(await page.locator(x('#io-model-summary')).textContent(), /no employment row/);

  // Regional multipliers of Whitfield County (FLQ δ = 0.3): `agglo gaps` prints the same.
  await page.selectOption(x('#io-region'), '13313');
  await page.selectOption(x('#io-method'), 'flq');
  await page.click(x('#io-regional-run'));
  await page.waitForSelector(x('#io-regional tbody tr'), { timeout: 30000 });
  const want = run([
    'gaps', '--table', FIX('bea_2017_summary_flows.xlsx'), '--table-sheet', 'Flows',
    '--data', D('ga_cbp_naics6_2017_2021.csv'), '--reference', D('us_cbp_naics6_2017_2021.csv'),
    '--crosswalk', D('bea_summary_to_naics.csv'), '--region', '13313', '--cluster', '42', '--method', 'flq',
  ]);
  const reg = await tableRows(page, 'io-regional');
  assert.equal(reg.length, 71);
  for (const r of reg) {
    const w = want.regional_multipliers.find((m) => m.sector === r.key);
    close(r.v.regional, w.regional, `regional multiplier ${r.key}`);
    close(r.v.national, w.national, `national multiplier ${r.key}`);
    close(r.v.employment, w.regional_employment, `regional employment ${r.key}`);
    assert.ok(r.v.regional <= r.v.national + 1e-12, `regional ≤ national ${r.key}`);
  }
  assert.match(await page.locator(x('#io-regional-h')).textContent(), /Whitfield/);
  assert.match(await page.locator(x('#io-regional-summary')).textContent(), /FLQ \(δ = 0\.30/);
  assert.equal(await page.locator(x('svg.multipliers .gap-row')).count(), 15);
  assert.deepEqual(await axe(page), [], 'axe with regional multipliers');
  await page.screenshot({ path: join(OUT, 'linkage-io-regional.png'), fullPage: true });

  // A flow table with an employment row: type-I employment multipliers, as `agglo io`.
  await page.setInputFiles(x('#io-table'), FIX('miller_blair_employment.csv'));
  await page.click(x('#io-load-files'));
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('#io-multipliers tbody tr').length === 2);
  const mb = run(['io', '--table', FIX('miller_blair_employment.csv')]);
  const rows = await tableRows(page, 'io-multipliers');
  for (const r of rows) {
    const i = mb.sectors.indexOf(r.key);
    close(r.v.employment_type_i, mb.employment_multipliers.type_i[i], `type I ${r.key}`);
    close(r.v.employment_multiplier, mb.employment_multipliers.total[i], `jobs per unit ${r.key}`);
  }
  assert.match(await page.locator(x('#io-model-summary')).textContent(), /type-I employment multipliers/);
  await finish(page, foreign, consoleErrors);
});

test('co-location communities of the Georgia sample become cluster definitions used by the Cluster view', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 60000 });
  await page.click(x('#tab-network'));
  await page.click(x('#net-from-coloc'));
  await page.waitForSelector(x('#net-nodes tbody tr'), { timeout: 120000 });
  assert.match(await page.locator(x('#net-r-h')).textContent(), /co-location of industries/);
  const summary = await page.locator(x('#net-summary')).textContent();
  const k = Number(summary.match(/(\d+) communities/)[1]);
  assert.ok(k >= 2, summary);
  await page.click(x('#net-save-defs'));
  await page.waitForSelector(x('#net-defs-summary'), { timeout: 30000 });
  const saved = await page.locator(x('#net-defs-summary')).textContent();
  assert.match(saved, new RegExp(`${k} community clusters`));
  assert.match(saved, /the largest: C\d+ Community \d+: [^;]+ \(\d+\)/);
  assert.deepEqual(await axe(page), [], 'axe on the co-location network');
  await page.screenshot({ path: join(OUT, 'linkage-colocation.png'), fullPage: true });

  // The Cluster view now offers the communities as clusters.
  await page.click(x('#tab-cluster-view'));
  await page.waitForSelector(x('#cl-cluster'), { timeout: 60000 });
  assert.match(await page.locator(x('#cl-defs-summary')).textContent(), /network_communities\.csv/);
  const options = await page.$$eval(x('#cl-cluster option'), (os) => os.map((o) => [o.value, o.textContent.trim()]));
  assert.ok(options.length >= 2 && options.length <= k, `${options.length} community clusters present in the data`);
  assert.ok(options.every(([v, t]) => /^C\d+$/.test(v) && /^Community \d+: /.test(t)), JSON.stringify(options.slice(0, 3)));
  await page.selectOption(x('#cl-cluster'), options[0][0]);
  await page.waitForFunction(
    (code) => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cl-map-h')?.textContent.includes(`(${code})`),
    options[0][0],
    { timeout: 60000 },
  );
  assert.match(await page.locator(x('#cl-map-h')).textContent(), /Community \d+: /);
  await page.screenshot({ path: join(OUT, 'linkage-community-cluster-view.png'), fullPage: true });
  await finish(page, foreign, consoleErrors);
});

test('relatedness of the Georgia sample reduced to its maximum spanning tree: the nodes, communities and eigenvector centralities of agglo linkage', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 60000 });
  await page.click(x('#tab-network'));
  await page.selectOption(x('#net-coloc-measure'), 'relatedness');
  await page.selectOption(x('#net-backbone'), 'maximum_spanning_tree');
  assert.ok(await page.locator(x('#net-backbone-value')).isDisabled(), 'a spanning tree needs no value');
  await page.click(x('#net-from-coloc'));
  await page.waitForSelector(x('#net-nodes tbody tr'), { timeout: 120000 });
  assert.match(await page.locator(x('#net-r-h')).textContent(), /relatedness of industries.*backbone \d+ of \d+ edges/);

  const want = run(['linkage', 'relatedness', '--data', D('ga_cbp_naics4_2017_2021.csv'), '--reference', D('us_cbp_naics4_2017_2021.csv'), '--backbone', 'mst']);
  const summary = await page.locator(x('#net-summary')).textContent();
  assert.match(summary, new RegExp(`${want.n_nodes} nodes and ${want.n_edges} undirected edges`));
  assert.match(summary, new RegExp(`${want.n_communities} communities, modularity ${want.modularity.toFixed(3)}`));
  const rows = await tableRows(page, 'net-nodes');
  assert.equal(rows.length, want.n_nodes);
  for (const r of rows) {
    const w = want.nodes.find((n) => n.id === r.key);
    assert.ok(w, r.key);
    assert.equal(r.v.degree, w.degree, `degree ${r.key}`);
    assert.equal(r.v.community, w.community, `community ${r.key}`);
    close(r.v.eigenvector, w.eigenvector, `eigenvector ${r.key}`);
    close(r.v.pagerank, w.pagerank, `pagerank ${r.key}`);
  }
  // A spanning forest: every extra edge of the proximity graph was dropped.
  const comps = Number(summary.match(/(\d+)\s+connected component/)[1]);
  assert.equal(want.n_edges, want.n_nodes - comps);

  // Sorting by eigenvector centrality (descending) puts the CLI's most central industry first.
  await page.click(x('#net-nodes thead button.sort[data-key="eigenvector"]'));
  const top = [...want.nodes].sort((a, b) => b.eigenvector - a.eigenvector)[0];
  await page.waitForFunction((id) => document.querySelector('agglo-explorer').shadowRoot.querySelector('#net-nodes tbody tr')?.dataset.key === id, top.id, { timeout: 10000 });
  close((await tableRows(page, 'net-nodes'))[0].v.eigenvector, top.eigenvector, 'largest eigenvector centrality');
  assert.deepEqual(await axe(page), [], 'axe on the relatedness network');
  await finish(page, foreign, consoleErrors);
});

test('communities of the BEA industry graph, restated in NAICS codes through the crosswalk, drive the supplier gaps as agglo linkage + gaps do', async () => {
  const { page, consoleErrors, foreign } = await openWithBea();
  assert.match(await page.locator(x('label:has(#io-cluster)')).textContent(), /cluster_definitions_uscmp\.csv/);

  await page.click(x('#tab-network'));
  await page.click(x('#net-from-io'));
  await page.waitForSelector(x('#net-save-defs'), { timeout: 120000 });
  await page.click(x('#net-save-defs'));
  await page.waitForSelector(x('#net-defs-summary'), { timeout: 30000 });
  assert.match(await page.locator(x('#net-defs-summary')).textContent(), /through the crosswalk bea_summary_to_naics\.csv/);

  // The same definitions from the CLI: the IO graph's Louvain communities (seed 42) through the crosswalk.
  const defs = join(OUT, 'bea_communities.csv');
  const graph = run(['linkage', 'io', '--make', D('bea_2017_summary_make.csv'), '--use', D('bea_2017_summary_use.csv'),
    '--crosswalk', D('bea_summary_to_naics.csv'), '--min-weight', '0.01', '--definitions-out', defs]);
  const textile = graph.nodes.find((n) => n.id === '313TT');
  const cluster = `C${textile.community + 1}`;

  await page.click(x('#tab-io'));
  await page.waitForFunction(() => /network_communities\.csv/.test(document.querySelector('agglo-explorer').shadowRoot.querySelector('label:has(#io-cluster)')?.textContent), null, { timeout: 30000 });
  await page.selectOption(x('#io-region'), '13313');
  await page.selectOption(x('#io-cluster'), cluster);
  await page.selectOption(x('#io-method'), 'flq');
  await page.click(x('#io-gaps-run'));
  await page.waitForSelector(x('#io-gaps tbody tr'), { timeout: 30000 });
  const want = run([
    'gaps', '--make', D('bea_2017_summary_make.csv'), '--use', D('bea_2017_summary_use.csv'),
    '--data', D('ga_cbp_naics6_2017_2021.csv'), '--reference', D('us_cbp_naics6_2017_2021.csv'),
    '--crosswalk', D('bea_summary_to_naics.csv'), '--region', '13313', '--cluster', cluster, '--definitions', defs, '--method', 'flq',
  ]);
  assert.ok(want.cluster.industries_in_region.length > 0, 'the community has industries in Whitfield County');
  const gaps = await tableRows(page, 'io-gaps');
  assert.equal(gaps.length, want.rows.length);
  gaps.forEach((g, k) => {
    assert.equal(g.key, want.rows[k].sector, `rank ${k + 1}`);
    close(g.v.gap, want.rows[k].gap, `gap ${g.key}`);
  });
  assert.match(await page.locator(x('#io-gaps-h')).textContent(), new RegExp(`Community ${textile.community + 1}: .*Whitfield`));
  await finish(page, foreign, consoleErrors);
});

test('a coagglomeration graph of clusters (the cluster views\' definitions) matches agglo linkage colocation --clusters', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 60000 });
  await page.click(x('#tab-network'));
  await page.selectOption(x('#net-coloc-measure'), 'coagglomeration');
  await page.fill(x('#net-coloc-min'), '0.02');
  await page.dispatchEvent(x('#net-coloc-min'), 'change');
  await page.check(x('#net-clusters'));
  await page.click(x('#net-from-coloc'));
  await page.waitForSelector(x('#net-nodes tbody tr'), { timeout: 120000 });
  assert.match(await page.locator(x('#net-r-h')).textContent(), /^coagglomeration of clusters \(cluster_definitions_uscmp\.csv \[DPS2016, vintage 2017\]\) .*γc > 0\.02/);
  const want = run(['linkage', 'colocation', '--data', D('ga_cbp_naics4_2017_2021.csv'), '--reference', D('us_cbp_naics4_2017_2021.csv'),
    '--clusters', '--measure', 'coagglomeration', '--min-weight', '0.02']);
  const summary = await page.locator(x('#net-summary')).textContent();
  assert.match(summary, new RegExp(`${want.n_nodes} nodes and ${want.n_edges} undirected edges`));
  assert.match(summary, new RegExp(`${want.n_communities} communities, modularity ${want.modularity.toFixed(3)}`));
  const rows = await tableRows(page, 'net-nodes');
  for (const r of rows) {
    const w = want.nodes.find((n) => n.id === r.key);
    assert.ok(w, r.key);
    assert.equal(r.v.name, w.name);
    close(r.v.strength, w.strength, `strength ${r.key}`);
  }
  // Communities of clusters are no industry mapping: no "use as cluster definitions" button.
  assert.equal(await page.locator(x('#net-save-defs')).count(), 0);
  assert.deepEqual(await axe(page), [], 'axe on the cluster network');
  await finish(page, foreign, consoleErrors);
});

test('a 100 000-edge firm network: the worker reports progress, the page stays responsive, and cancel stops it', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 60000 });
  await page.click(x('#tab-network'));
  // 20 000 firms, 100 000 distinct weighted ties from a fixed linear congruential sequence.
  let s = 12345;
  const next = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0);
  const seen = new Set();
  const lines = ['source,target,weight'];
  while (seen.size < 100000) {
    const a = next() % 20000;
    const b = next() % 20000;
    const key = a < b ? `${a}-${b}` : `${b}-${a}`;
    if (a === b || seen.has(key)) continue;
    seen.add(key);
    lines.push(`F${a},F${b},${1 + (next() % 9)}`);
  }
  await page.setInputFiles(x('#net-edges'), { name: 'big_edges.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.click(x('#net-load'));
  // Exact betweenness runs in bounded steps: progress is posted while it runs.
  await page.waitForFunction(() => {
    const busy = document.querySelector('agglo-explorer').shadowRoot.querySelector('.busy');
    const p = busy?.querySelector('progress');
    return p && p.value > 0 && /betweenness/.test(busy.textContent);
  }, null, { timeout: 120000 });
  // The main thread answers while the worker computes: typing into the search box is handled at once.
  const t0 = Date.now();
  await page.fill(x('#net-min-weight'), '0.5');
  assert.equal(await page.locator(x('#net-min-weight')).inputValue(), '0.5');
  assert.ok(Date.now() - t0 < 2000, `input handled in ${Date.now() - t0} ms during the analysis`);
  assert.match(await page.locator(x('.busy')).textContent(), /betweenness/);
  await page.click(x('.busy button'));
  await page.waitForFunction(() => !document.querySelector('agglo-explorer').shadowRoot.querySelector('.busy'), null, { timeout: 30000 });
  assert.match(await page.locator(x('.error')).textContent(), /E_CANCELLED/);
  await finish(page, foreign, consoleErrors);
});

test('BEA tables have no employment row: employment multipliers from the national CBP reference match agglo io --employment-data', async () => {
  const { page, consoleErrors, foreign } = await openWithBea();
  assert.match(await page.locator(x('#io-model-summary')).textContent(), /no employment row/);
  await page.click(x('#io-emp-from-ref'));
  await page.waitForSelector(x('#io-emp-warnings'), { timeout: 30000 });
  const summary = await page.locator(x('#io-model-summary')).textContent();
  assert.match(summary, /from us_cbp_naics6_2017_2021\.csv \(2021\) through bea_summary_to_naics\.csv/);
  assert.match(await page.locator(x('#io-emp-warnings')).textContent(), /7 sector\(s\) have no employment.*111CA/);
  const want = run(['io', '--make', D('bea_2017_summary_make.csv'), '--use', D('bea_2017_summary_use.csv'),
    '--employment-data', D('us_cbp_naics6_2017_2021.csv'), '--crosswalk', D('bea_summary_to_naics.csv'), '--year', '2021']);
  const rows = await tableRows(page, 'io-multipliers');
  assert.equal(rows.length, 71);
  for (const r of rows) {
    const i = want.sectors.indexOf(r.key);
    close(r.v.employment_multiplier, want.employment_multipliers.total[i], `jobs per $M ${r.key}`);
    const t = want.employment_multipliers.type_i[i];
    if (t === null) assert.equal(r.v.employment_type_i, '–', `no type I for ${r.key}`);
    else close(r.v.employment_type_i, t, `type I ${r.key}`);
  }
  await finish(page, foreign, consoleErrors);
});
