// Issue 6 beyond the overview: every view's tables export to CSV and XLSX (numbers = the CLI's,
// formula-like text neutralised) and its maps and charts to SVG and PNG (title, legend, source
// note); the printable one-page cluster profile; sessions that bring back uploaded cluster
// definitions and the domain views' parameters; files too large for the browser refused early with
// a clear message while the page keeps working; the dark theme passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, openPage, ROOT, OUT, CLI, axe, tmp } from './harness.mjs';

const D = (f) => join(ROOT, 'data', f);
const DATA6 = D('ga_cbp_naics6_2017_2021.csv');
const REF6 = D('us_cbp_naics6_2017_2021.csv');
const x = (sel) => `agglo-explorer >> ${sel}`;
const run = (args) => JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 28 }));
const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: page ${a} vs CLI ${b}`);
const inShadow = (page, fn, arg, timeout = 60000) => page.waitForFunction(fn, arg, { timeout });

// Cluster definitions with formula-like cluster names: they must reach every export inert.
const HOSTILE_DEFS =
  'industry_code,cluster,cluster_name,traded_local\n' +
  '314110,FLOOR,"=HYPERLINK(""http://evil.example"")",traded\n313110,FLOOR,"=HYPERLINK(""http://evil.example"")",traded\n' +
  '313210,FLOOR,"=HYPERLINK(""http://evil.example"")",traded\n325211,CHEM,@SUM(A1:A9),traded\n325998,CHEM,@SUM(A1:A9),traded\n' +
  '722511,FOOD,+Restaurants,local\n722513,FOOD,+Restaurants,local\n238220,BUILD,-Building trades,local\n238210,BUILD,-Building trades,local\n';

let srv;
let browser;
let dir;
before(async () => {
  dir = join(OUT, 'deploy');
  mkdirSync(dir, { recursive: true });
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  srv?.stop();
});

/** Click an export button and return the downloaded file. */
async function grab(page, sel) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 60000 }), page.click(x(sel))]);
  const path = join(dir, dl.suggestedFilename());
  await dl.saveAs(path);
  return { name: dl.suggestedFilename(), path, text: () => readFileSync(path, 'utf8'), bytes: () => readFileSync(path) };
}

/** RFC 4180 CSV → array of objects keyed by the header. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') q = false;
      else cell += c;
    } else if (c === '"') q = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  const [head, ...body] = rows.filter((r) => r.length > 1 || r[0] !== '');
  return body.map((r) => Object.fromEntries(head.map((h, k) => [h, r[k]])));
}

/** No text cell of the file may start with a formula character (numbers may be negative). */
function assertInert(rows, what) {
  for (const r of rows) for (const [k, v] of Object.entries(r)) if (/^[=+@]/.test(v) || (/^-/.test(v) && Number.isNaN(Number(v)))) assert.fail(`${what}: cell ${k} = ${v} is not neutralised`);
}

/** The shared strings of an exported workbook (python's zipfile: no npm dependency). */
function xlsxStrings(path) {
  const bytes = readFileSync(path);
  assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'an XLSX (zip) file');
  return execFileSync('python3', ['-c', "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(''.join(z.read(n).decode() for n in z.namelist() if n.startswith('xl/sharedStrings') or n.startswith('xl/worksheets/')))", path], { encoding: 'utf8' });
}

/** An exported SVG: standalone, with the title, a legend line and the source note. */
function assertImage(svgText, { title, legend }) {
  assert.match(svgText, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const texts = [...svgText.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'));
  // The title comes first (wrapped to the drawing's width when long).
  assert.match(texts.slice(0, 3).join(' '), new RegExp(`^${title.source.replace(/^\^/, '')}`), 'title');
  assert.match(texts.join(' | '), legend, 'legend');
  assert.match(texts.join(' '), /Data: .*Made with Agglo on \d{4}-\d{2}-\d{2}\./, 'source note');
  assert.doesNotMatch(svgText, /<script|href=|url\(http/i);
}

const tableState = (page, id) =>
  page.$$eval(x(`#${id} tbody tr`), (trs) => trs.map((tr) => [tr.dataset.key, ...[...tr.querySelectorAll('td')].map((td) => td.dataset.value || td.textContent.trim())]));

test('cluster views: exports equal the CLI and are inert, the cluster sheet prints on one page, a session brings back definitions and parameters', async () => {
  const defs = join(dir, 'hostile_clusters.csv');
  writeFileSync(defs, HOSTILE_DEFS);
  const cli = run(['clusters', '--data', DATA6, '--reference', REF6, '--year', '2021', '--definitions', defs]).rows;

  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.selectOption(x('#sample-level'), 'naics6');
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 120000 });

  // ---- Cluster view with the uploaded definitions ----
  await page.click(x('#tab-cluster-view'));
  await page.waitForSelector(x('#cl-strong-list'), { timeout: 60000 });
  await page.setInputFiles(x('#cl-defs-file'), { name: 'hostile_clusters.csv', mimeType: 'text/csv', buffer: Buffer.from(HOSTILE_DEFS) });
  await inShadow(page, () => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cl-defs-summary')?.textContent.includes('hostile_clusters.csv'));
  await page.selectOption(x('#cl-cluster'), 'FLOOR');
  await inShadow(page, () => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cl-cluster-table caption')?.textContent.includes('(FLOOR)'));
  const csv = parseCsv((await grab(page, '#cl-cluster-table-csv')).text());
  const want = cli.filter((r) => r.cluster === 'FLOOR');
  assert.equal(csv.length, want.length, 'one row per region with the cluster, as the CLI');
  for (const r of csv) {
    const w = want.find((c) => c.region === r.region);
    assert.ok(w, r.region);
    assert.equal(Number(r.employment), w.employment, `employment ${r.region}`);
    close(Number(r.lq), w.lq, `LQ ${r.region}`);
    assert.equal(r.strong, String(w.strong), `strong ${r.region}`);
    assert.equal(r.cluster_name, `'=HYPERLINK("http://evil.example")`, 'neutralised cluster name');
  }
  assertInert(csv, 'cluster table');
  assert.match(xlsxStrings((await grab(page, '#cl-cluster-table-xlsx')).path), /'=HYPERLINK/);
  assertImage((await grab(page, '#cl-map-svg')).text(), { title: /^Location quotient of .*\(FLOOR\), 2021/, legend: /Legend: LQ \(quantiles\) \| [\d.,]+ – [\d.,]+ \|/ });
  assertImage((await grab(page, '#cl-ts-emp-svg')).text(), { title: /employment in .*\(FLOOR\), five largest regions, 2017–2021/, legend: /Legend: Line key \| Whitfield: solid line, circles/ });
  const png = (await grab(page, '#cl-map-png')).bytes();
  assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');

  // ---- Region profile of Whitfield (13313) ----
  await page.click(x('#tab-cluster-region'));
  await page.waitForSelector(x('#cl-region'), { timeout: 60000 });
  await page.selectOption(x('#cl-region'), '13313');
  await page.waitForSelector(x('#cl-region-table tr[data-key="FLOOR"]'), { timeout: 60000 });
  const prof = parseCsv((await grab(page, '#cl-region-table-csv')).text());
  const mine = cli.filter((r) => r.region === '13313');
  assert.equal(prof.length, mine.length);
  for (const r of prof) {
    const w = mine.find((c) => c.cluster === r.cluster);
    assert.equal(Number(r.employment), w.employment, `employment ${r.cluster}`);
    close(Number(r.lq), w.lq, `LQ ${r.cluster}`);
  }
  assertInert(prof, 'region profile table');
  assertImage((await grab(page, '#cl-portfolio-svg')).text(), { title: /^Portfolio of Whitfield/, legend: /\| Bubbles: clusters/ });
  assertImage((await grab(page, '#cl-ss-svg')).text(), { title: /^Shift-share of Whitfield/, legend: /\| Bars: components/ });

  // ---- Priorities: a weight changed, exported, compared with the CLI ----
  await page.click(x('#tab-cluster-priorities'));
  await page.waitForSelector(x('#cl-priority-table tbody tr'), { timeout: 60000 });
  await page.fill(x('#cl-w-lq'), '0.6');
  await page.locator(x('#cl-w-lq')).dispatchEvent('change');
  const pcli = run(['priorities', '--data', DATA6, '--reference', REF6, '--region', '13313', '--definitions', defs, '--criteria', 'growth,lq,size', '--weights', '0.4,0.6,0.3']).rows;
  await inShadow(
    page,
    (w) => {
      const trs = [...document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('#cl-priority-table tbody tr')];
      return trs.length === w.length && trs.every((tr, k) => tr.dataset.key === w[k]);
    },
    pcli.map((r) => r.cluster),
  );
  const pr = parseCsv((await grab(page, '#cl-priority-table-csv')).text());
  assert.deepEqual(pr.map((r) => r.cluster), pcli.map((r) => r.cluster));
  pr.forEach((r, k) => close(Number(r.score), pcli[k].score, `score ${r.cluster}`));
  assert.ok(pr.some((r) => r.cluster_name === "'+Restaurants"), 'a + name is neutralised');
  assertInert(pr, 'priority table');
  assert.match(xlsxStrings((await grab(page, '#cl-priority-table-xlsx')).path), /'@SUM\(A1:A9\)/);

  // ---- Session: save, clear everything, reopen: same tables, same definitions, same weights ----
  const prBefore = await tableState(page, 'cl-priority-table');
  await page.click(x('#tab-cluster-view'));
  await inShadow(page, () => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cl-cluster-table caption')?.textContent.includes('(FLOOR)'));
  const cvBefore = await tableState(page, 'cl-cluster-table');
  await page.click(x('#tab-overview'));
  const saved = await grab(page, '#save-session');
  const session = JSON.parse(saved.text());
  assert.equal(session.version, 3);
  assert.equal(session.shared.clusters.definitions.name, 'hostile_clusters.csv');
  assert.match(session.shared.clusters.definitions.sha256, /^[0-9a-f]{64}$/);
  assert.equal(session.views['cluster-priorities'].weights.lq, 0.6);
  assert.equal(session.views['cluster-view'].cluster, 'FLOOR');
  await page.click(x('#clear-all'));
  await page.reload();
  await page.waitForSelector(x('#file'));
  await page.setInputFiles(x('#file'), { name: 'analysis.agglo.json', mimeType: 'application/json', buffer: readFileSync(saved.path) });
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 120000 });
  await page.click(x('#tab-cluster-view'));
  await inShadow(page, () => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cl-cluster-table caption')?.textContent.includes('(FLOOR)'), undefined, 120000);
  assert.match(await page.locator(x('#cl-defs-summary')).textContent(), /hostile_clusters\.csv/);
  assert.deepEqual(await tableState(page, 'cl-cluster-table'), cvBefore, 'cluster view table after restore');
  await page.click(x('#tab-cluster-priorities'));
  await page.waitForSelector(x('#cl-priority-table tbody tr'), { timeout: 60000 });
  assert.equal(await page.inputValue(x('#cl-w-lq')), '0.6');
  assert.deepEqual(await tableState(page, 'cl-priority-table'), prBefore, 'priority table after restore');

  // ---- The printable cluster profile ----
  await page.click(x('#tab-cluster-view'));
  await page.waitForSelector(x('#cl-cluster-table tbody tr'), { timeout: 60000 });
  await page.evaluate(() => {
    window.print = () => {
      window.printed = (window.printed ?? 0) + 1;
    };
  });
  await page.click(x('#cl-print'));
  await page.waitForSelector(x('#cluster-sheet'), { state: 'attached' });
  assert.equal(await page.evaluate(() => window.printed), 1, 'the print dialog was asked for');
  assert.equal(await page.locator(x('#cluster-sheet')).isVisible(), false, 'hidden on screen');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator(x('#cluster-sheet')).isVisible(), true);
  for (const chrome of ['header', '.tabs', '.load', '.cl-settings', '#cl-cluster-table', '.controls', '.toolbar']) {
    assert.equal(await page.locator(x(chrome)).first().isVisible(), false, `${chrome} hidden in print`);
  }
  const sheet = await page.locator(x('#cluster-sheet')).textContent();
  assert.match(sheet, /=HYPERLINK\("http:\/\/evil\.example"\) \(FLOOR\): cluster profile, 2021/);
  const total = want.reduce((a, r) => a + r.employment, 0);
  assert.equal(await page.locator(x('#cluster-sheet dd[data-key="total"]')).textContent(), total.toLocaleString('en-US'));
  assert.equal(await page.locator(x('#cluster-sheet dd[data-key="strong"]')).textContent(), String(want.filter((r) => r.strong).length));
  assert.match(sheet, /Sources: Data: ga_cbp_naics6_2017_2021\.csv.*Made with Agglo on \d{4}-\d{2}-\d{2}\. Cluster definitions: hostile_clusters\.csv/);
  assert.match(sheet, /supplier gaps/i);
  assert.equal(await page.locator(x('#cluster-sheet svg.map path.region')).count(), 159);
  assert.ok((await page.locator(x('#cluster-sheet svg.chart.bars rect')).count()) >= 3);
  assert.ok(await page.locator(x('#cluster-sheet svg.map')).isVisible());
  const pdf = join(OUT, 'cluster-profile.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  const pages = (readFileSync(pdf, 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  assert.equal(pages, 1, 'one page');
  await page.screenshot({ path: join(OUT, 'cluster-profile-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  // Linkages on the sheet: the supplier gaps the Input-output tab ranked for the same cluster
  // (US Cluster Mapping definitions again, Textile Manufacturing in Whitfield).
  await page.click(x('button:has-text("Use the US Cluster Mapping default")'));
  await inShadow(page, () => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cl-defs-summary')?.textContent.includes('cluster_definitions_uscmp.csv'));
  await page.selectOption(x('#cl-cluster'), '42');
  await page.click(x('#tab-io'));
  await page.click(x('#io-bea'));
  await page.waitForSelector(x('#io-region'), { timeout: 120000 });
  await page.selectOption(x('#io-region'), '13313');
  await page.selectOption(x('#io-cluster'), '42');
  await page.click(x('#io-gaps-run'));
  await page.waitForSelector(x('#io-gaps tbody tr'), { timeout: 60000 });
  const firstGap = await page.locator(x('#io-gaps tbody tr:first-child td:nth-child(3)')).textContent();
  await page.click(x('#tab-cluster-view'));
  await inShadow(page, () => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cluster-sheet h1')?.textContent.includes('(42)'));
  assert.equal(await page.locator(x('#cluster-sheet-gaps tbody tr')).count(), 5);
  assert.equal((await page.locator(x('#cluster-sheet-gaps tbody tr:first-child td:first-child')).textContent()).trim(), firstGap.trim());
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: join(OUT, 'cluster-profile-textiles.pdf'), format: 'A4', printBackground: true });
  assert.equal((readFileSync(join(OUT, 'cluster-profile-textiles.pdf'), 'latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, 'one page with the linkages');
  await page.screenshot({ path: join(OUT, 'cluster-profile-textiles.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });

  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});

test('spatial, input-output and network views export tables (= CLI, inert) and drawings; dark theme passes axe; a session brings back the IO table and the edge list', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 60000 });

  // ---- Spatial clusters: the LISA table ----
  await page.click(x('#tab-spatial'));
  await page.waitForFunction(() => {
    const root = document.querySelector('agglo-explorer').shadowRoot;
    return !root.querySelector('.busy') && root.querySelectorAll('#lisa-table tbody tr').length === 159;
  }, undefined, { timeout: 120000 });
  const lisaCli = run([
    'lisa', '--geometry', D('ga_counties.topojson'), '--data', D('ga_cbp_naics4_2017_2021.csv'), '--reference', D('us_cbp_naics4_2017_2021.csv'),
    '--industry', '3141', '--year', '2021', '--missing', 'zero', '--weights', 'queen', '--transform', 'r', '--permutations', '999', '--seed', '12345', '--alpha', '0.05', '--adjust', 'none',
  ]).rows;
  const lisa = parseCsv((await grab(page, '#lisa-table-csv')).text());
  assert.equal(lisa.length, lisaCli.length);
  for (const r of lisa) {
    const w = lisaCli.find((c) => c.id === r.id);
    close(Number(r.i), w.i, `local I ${r.id}`);
    close(Number(r.p_sim), w.p_sim, `pseudo p ${r.id}`);
    assert.equal(r.cluster, w.cluster, `cluster ${r.id}`);
  }
  assertInert(lisa, 'LISA table');
  assert.match(xlsxStrings((await grab(page, '#lisa-table-xlsx')).path), /not_significant/);
  assertImage((await grab(page, '#sp-map-svg')).text(), { title: /^LISA clusters: LQ of 3141/, legend: /Legend: LISA clusters \| .*High–High \(hot cluster\)/ });
  assertImage((await grab(page, '#sp-scatter-svg')).text(), { title: /^Moran scatter plot/, legend: /\| Points: regions/ });

  // ---- Input-output: the multipliers ----
  await page.click(x('#tab-io'));
  await page.click(x('#io-bea'));
  await page.waitForSelector(x('#io-multipliers tbody tr'), { timeout: 120000 });
  const io = run(['io', '--make', D('bea_2017_summary_make.csv'), '--use', D('bea_2017_summary_use.csv')]);
  const mult = parseCsv((await grab(page, '#io-multipliers-csv')).text());
  assert.equal(mult.length, 71);
  for (const r of mult) {
    const i = io.sectors.indexOf(r.sector);
    close(Number(r.total), io.output_multipliers.total[i], `multiplier ${r.sector}`);
    close(Number(r.backward), io.backward_linkage[i], `backward ${r.sector}`);
  }
  assertInert(mult, 'multiplier table');
  assertImage((await grab(page, '#io-quadrant-svg')).text(), { title: /^Key sectors/, legend: /\| Key-sector quadrants/ });

  // ---- Network: an edge list with formula-like firm names ----
  const edges = 'source,target,weight\n=cmd|calc,@Mill,2\n@Mill,+Dyes,1\n+Dyes,=cmd|calc,1\n-Yarn Co,@Mill,3\nPlain Firm,-Yarn Co,1\n';
  const edgesPath = join(dir, 'hostile_edges.csv');
  writeFileSync(edgesPath, edges);
  await page.click(x('#tab-network'));
  await page.setInputFiles(x('#net-edges'), edgesPath);
  await page.click(x('#net-load'));
  await page.waitForSelector(x('#net-nodes tbody tr'), { timeout: 60000 });
  const g = run(['graph', '--edges', edgesPath]);
  const nodes = parseCsv((await grab(page, '#net-nodes-csv')).text());
  assert.equal(nodes.length, g.n_nodes);
  for (const r of nodes) {
    const id = r.id.replace(/^'(?=[=+\-@])/, '');
    const w = g.nodes.find((n) => n.id === id);
    assert.ok(w, `node ${r.id}`);
    assert.equal(Number(r.degree), w.degree, `degree ${id}`);
    close(Number(r.pagerank), w.pagerank, `pagerank ${id}`);
  }
  assertInert(nodes, 'node table');
  assert.ok(nodes.some((r) => r.id === "'=cmd|calc"));
  // The drawing exports as SVG even when the page shows it with WebGL.
  assertImage((await grab(page, '#net-drawing-svg')).text(), { title: /hostile_edges\.csv: 5 nodes, 5 edges/, legend: /Legend: Community colours \| Community \d+ \(\d nodes\)/ });

  const netBefore = await tableState(page, 'net-nodes');

  // ---- Dark theme: the custom properties reach every view; axe (contrast included) is clean ----
  await page.evaluate(() => document.querySelector('agglo-explorer').setAttribute('theme', 'dark'));
  assert.deepEqual(await axe(page), [], 'axe, dark theme, network view');
  await page.screenshot({ path: join(OUT, 'dark-network.png'), fullPage: true });
  await page.click(x('#tab-io'));
  await page.waitForSelector(x('#io-multipliers tbody tr'));
  await page.selectOption(x('#io-forward'), 'leontief_row');
  await inShadow(page, () => /Leontief-row/.test(document.querySelector('agglo-explorer').shadowRoot.querySelector('#io-multipliers caption')?.textContent ?? ''));
  const ioBefore = await tableState(page, 'io-multipliers');
  assert.deepEqual(await axe(page), [], 'axe, dark theme, input-output view');
  await page.click(x('#tab-spatial'));
  await page.waitForSelector(x('#lisa-table tbody tr'), { timeout: 60000 });
  assert.deepEqual(await axe(page), [], 'axe, dark theme, spatial view');
  await page.screenshot({ path: join(OUT, 'dark-spatial.png'), fullPage: true });
  await page.click(x('#tab-overview'));
  await page.waitForSelector(x('#lq-table tbody tr'));
  await page.click(x('path[data-id="13313"]'));
  await page.waitForSelector(x('.profile h3'));
  assert.deepEqual(await axe(page), [], 'axe, dark theme, overview');
  await page.screenshot({ path: join(OUT, 'dark-overview.png'), fullPage: true });
  // A dark page exports a dark image whose text stays readable.
  const darkSvg = (await grab(page, '#export-map-svg')).text();
  assert.match(darkSvg, /<rect width="\d+(\.\d+)?" height="\d+(\.\d+)?" fill="#1b1b1b"/);
  assertImage(darkSvg, { title: /^Location quotient, 3141/, legend: /Legend: LQ \(quantiles\) \|/ });

  // ---- Session: the IO table (shipped BEA) with its option, the uploaded edge list ----
  const saved = await grab(page, '#save-session');
  const session = JSON.parse(saved.text());
  assert.equal(session.views.io.source.kind, 'bea');
  assert.equal(session.views.io.forward, 'leontief_row');
  assert.equal(session.views.network.source.edges.name, 'hostile_edges.csv');
  await page.click(x('#clear-all'));
  await page.reload();
  await page.waitForSelector(x('#file'));
  await page.setInputFiles(x('#file'), { name: 'analysis.agglo.json', mimeType: 'application/json', buffer: readFileSync(saved.path) });
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 120000 });
  await page.click(x('#tab-io'));
  await inShadow(page, () => /Leontief-row/.test(document.querySelector('agglo-explorer').shadowRoot.querySelector('#io-multipliers caption')?.textContent ?? ''), undefined, 120000);
  assert.deepEqual(await tableState(page, 'io-multipliers'), ioBefore, 'IO multipliers after restore');
  await page.click(x('#tab-network'));
  await page.waitForSelector(x('#net-nodes tbody tr'), { timeout: 60000 });
  assert.deepEqual(await tableState(page, 'net-nodes'), netBefore, 'network nodes after restore');

  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});

test('files too large for the browser are refused early with a located E_TOO_LARGE, and the page keeps working', async () => {
  const { page, consoleErrors } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.waitForSelector(x('#file'));
  const choose = (make) =>
    page.evaluate(async (src) => {
      // eslint-disable-next-line no-new-func
      const file = await new Function(`return (${src})()`)();
      const input = document.querySelector('agglo-explorer').shadowRoot.querySelector('#file');
      const dt = new DataTransfer();
      dt.items.add(file);
      input.files = dt.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }, typeof make === 'string' ? make : make.toString());

  // A 3 GiB CSV, built in the page from one repeated 1 MiB chunk (nothing written to disk): refused
  // from its size, before any byte is parsed and before the column dialog.
  await choose(async () => {
    const mib = new Blob([('A,x,2021,1\n').repeat(Math.ceil((1 << 20) / 11))]).slice(0, 1 << 20);
    return new File([new Blob(['region,industry,year,employment\n']), ...Array(3 * 1024).fill(mib)], 'huge.csv', { type: 'text/csv' });
  });
  await page.waitForSelector(x('.error'), { timeout: 30000 });
  const err = await page.locator(x('.error')).textContent();
  assert.match(err, /E_TOO_LARGE/);
  assert.match(err, /huge\.csv is 3,072 MiB, more than the 2,048 MiB/);
  assert.match(err, /Nothing was loaded/);
  assert.equal(await page.locator(x('dialog[open]')).count(), 0, 'no column dialog for a refused file');

  // A small file whose panel would not fit: every row a new region and a new industry (a "diagonal"
  // panel of 9,000 × 9,000 cells). The core refuses it at the row where the 2^24-value limit is passed.
  await choose(async () => {
    let s = 'region,industry,year,employment\n';
    for (let i = 0; i < 9000; i++) s += `R${i},I${i},2021,${i + 1}\n`;
    return new File([s], 'diagonal.csv', { type: 'text/csv' });
  });
  await page.waitForSelector(x('dialog[open]'), { timeout: 30000 });
  await page.click(x('#confirm-roles'));
  await inShadow(page, () => /diagonal\.csv/.test(document.querySelector('agglo-explorer').shadowRoot.querySelector('.error')?.textContent ?? '') || /cells/.test(document.querySelector('agglo-explorer').shadowRoot.querySelector('.error')?.textContent ?? ''), undefined, 60000);
  const err2 = await page.locator(x('.error')).textContent();
  assert.match(err2, /E_TOO_LARGE/);
  assert.match(err2, /more than 16777216 cells/);
  assert.match(err2, /row 4\d{3}/, 'located at the row that passed the limit');
  assert.match(err2, /at most 16,777,216 values \(128 MiB\)/);
  await page.screenshot({ path: join(OUT, 'too-large.png') });

  // A large file that fits is processed, streamed with a progress bar: 5,000 regions × 1,000
  // industries, 5 M rows, ~100 MiB built in the page. AGGLO_E2E_GB=1: a real 1 GB file on disk
  // (12,000 × 4,500, 54 M rows), written to the temporary folder and removed afterwards: it is
  // refused, located, once its panel passes the limit (region 3,729).
  const gb = process.env.AGGLO_E2E_GB === '1';
  const big = gb ? { regions: 12000, industries: 4500 } : { regions: 5000, industries: 1000 };
  let bigPath = null;
  if (gb) {
    bigPath = join(tmp(), 'big.csv');
    const fd = openSync(bigPath, 'w');
    writeSync(fd, 'region,industry,year,employment\n');
    for (let r = 0; r < big.regions; r++) {
      let s = '';
      for (let i = 0; i < big.industries; i++) s += `R${r},I${i},2021,${((r * 7 + i) % 97) + 1}\n`;
      writeSync(fd, s);
    }
    closeSync(fd);
    assert.ok(statSync(bigPath).size > 1e9, 'a 1 GB file');
    await page.setInputFiles(x('#file'), bigPath);
  } else {
    await choose(
      `async () => {
        const parts = ['region,industry,year,employment\\n'];
        let blob = new Blob([]);
        for (let r = 0; r < ${big.regions}; r++) {
          let s = '';
          for (let i = 0; i < ${big.industries}; i++) s += 'R' + r + ',I' + i + ',2021,' + ((r * 7 + i) % 97 + 1) + '\\n';
          parts.push(s);
          if (parts.length >= 256) blob = new Blob([blob, ...parts.splice(0)]);
        }
        return new File([blob, ...parts], 'big.csv', { type: 'text/csv' });
      }`,
    );
  }
  try {
    await page.waitForSelector(x('dialog[open]'), { timeout: 120000 });
    await page.click(x('#confirm-roles'));
    await page.waitForSelector(x('.busy progress[value]'), { timeout: 60000 });
    if (gb) {
      await inShadow(page, () => /E_TOO_LARGE/.test(document.querySelector('agglo-explorer').shadowRoot.querySelector('.error')?.textContent ?? ''), undefined, 900000);
      assert.match(await page.locator(x('.error')).textContent(), /more than 16777216 cells \(3729 regions × 4500 industries .*big\.csv, row 16776002\)/);
    } else {
      await inShadow(page, (n) => document.querySelector('agglo-explorer').shadowRoot.querySelector('#live')?.textContent.includes(`Loaded big.csv: ${n} regions`), big.regions, 900000);
      assert.match(await page.locator(x('#live')).textContent(), new RegExp(`Loaded big\\.csv: ${big.regions} regions, ${big.industries} industries`));
      await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 120000 });
    }
  } finally {
    if (bigPath) rmSync(bigPath);
  }

  await page.screenshot({ path: join(OUT, 'big-file-loaded.png') });

  // The tab is alive and the worker usable: the sample loads.
  await page.click(x('#sample'));
  await page.waitForFunction(() => /Loaded ga_cbp_naics4/.test(document.querySelector('agglo-explorer').shadowRoot.querySelector('#live')?.textContent ?? ''), undefined, { timeout: 120000 }).catch(async (e) => {
    await page.screenshot({ path: join(OUT, 'big-file-then-sample.png') });
    throw e;
  });
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 120000 });
  assert.equal(await page.locator(x('.error')).count(), 0);
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});
