// Clusters acceptance (issue 3, page): on the Georgia NAICS-6 sample with the default US Cluster
// Mapping definitions, Textile Manufacturing is a strong cluster in Whitfield and Murray counties
// (as the CLI says), and the prioritisation table re-ranks when a weight changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, openPage, ROOT, OUT, CLI, axe } from './harness.mjs';

const DATA = join(ROOT, 'data', 'ga_cbp_naics6_2017_2021.csv');
const REF = join(ROOT, 'data', 'us_cbp_naics6_2017_2021.csv');
const TEXTILE = '42';

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

const run = (args) => JSON.parse(execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 1 << 28 }));
const x = (sel) => `agglo-explorer >> ${sel}`;
const inShadow = (page, fn, arg) => page.waitForFunction(fn, arg, { timeout: 60000 });
// Open every <details> (chart data tables) so the axe scan covers the table twins too.
const openDetails = (page) => page.evaluate(() => document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('details').forEach((d) => { d.open = true; }));

test('NAICS-6 sample: Textile Manufacturing is strong in Whitfield and Murray; priorities re-rank on a weight change', async () => {
  // The CLI on the same inputs: the sample page loads the US file as its reference table.
  const withRef = run(['clusters', '--data', DATA, '--reference', REF, '--year', '2021']).rows;
  const sumRef = run(['clusters', '--data', DATA, '--year', '2021']).rows;
  const cliRow = (rows, region) => rows.find((r) => r.region === region && r.cluster === TEXTILE);
  for (const region of ['13313', '13213']) {
    assert.equal(cliRow(withRef, region).strong, true, `CLI (US reference): ${region} strong`);
    assert.equal(cliRow(sumRef, region).strong, true, `CLI (sum of counties): ${region} strong`);
  }

  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.selectOption(x('#sample-level'), 'naics6');
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 120000 });

  // ---- Region profile of Whitfield ----
  await page.click(x('#tab-cluster-region'));
  await page.waitForSelector(x('#cl-region'), { timeout: 60000 });
  await page.selectOption(x('#cl-region'), '13313');
  await page.waitForSelector(x(`#cl-region-table tr[data-key="${TEXTILE}"]`), { timeout: 60000 });
  const flagOf = async (region) => {
    await page.selectOption(x('#cl-region'), region);
    await inShadow(
      page,
      (r) => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cl-region-table caption')?.textContent.includes(`(${r})`),
      region,
    );
    const row = x(`#cl-region-table tr[data-key="${TEXTILE}"]`);
    const cells = await page.$$eval(`${row} >> td`, (tds) => tds.map((td) => ({ text: td.textContent.trim(), value: td.dataset.value })));
    return cells;
  };
  for (const region of ['13313', '13213']) {
    const cells = await flagOf(region);
    assert.match(cells[0].text, /Textile Manufacturing \(42\)/);
    // Column order: cluster, type, employment, LQ, share, growth, USCMP strength, ECO stars, quadrant.
    assert.match(cells[6].text, /Strong/, `${region}: rendered strong flag`);
    const c = cliRow(withRef, region);
    assert.equal(Number(cells[2].value), c.employment, `${region}: employment as the CLI`);
    assert.ok(Math.abs(Number(cells[3].value) - c.lq) <= 1e-9 * c.lq, `${region}: LQ ${cells[3].value} vs CLI ${c.lq}`);
    assert.match(cells[7].text, /★/, `${region}: ECO stars rendered`);
  }
  assert.match(await page.locator(x('#cl-region-summary')).textContent(), /Textile Manufacturing/);
  // Portfolio chart with a table twin and a summary; shift-share bars with a table twin.
  assert.ok((await page.locator(x('svg.cl-portfolio .bubble')).count()) >= 5);
  assert.match(await page.locator(x('#cl-portfolio-summary')).textContent(), /stars/);
  assert.ok((await page.locator(x('#cl-portfolio-table tbody tr')).count()) >= 5);
  assert.equal(await page.locator(x('#cl-ss-table tbody tr')).count(), 5);
  assert.ok((await page.locator(x('#cl-spec-table tbody tr')).count()) >= 8);
  assert.equal(await page.locator(x('#cl-peers-table tbody tr')).count(), 10);

  // The traded LQ base changes the LQs to the CLI's `--base traded` values.
  await page.selectOption(x('#cl-base'), 'traded');
  const tradedCli = cliRow(run(['clusters', '--data', DATA, '--reference', REF, '--year', '2021', '--base', 'traded']).rows, '13213');
  await inShadow(
    page,
    (want) => {
      const td = document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('#cl-region-table tr[data-key="42"] td')[3];
      return td && Math.abs(Number(td.dataset.value) - want) <= 1e-9 * want;
    },
    tradedCli.lq,
  );
  await page.selectOption(x('#cl-base'), 'all');
  await openDetails(page);
  assert.deepEqual(await axe(page), [], 'axe on the region profile');
  await page.screenshot({ path: join(OUT, 'clusters-region-profile.png'), fullPage: true });

  // ---- Cluster view: Textile Manufacturing (the cluster of the overview's 314110) ----
  await page.click(x('#tab-cluster-view'));
  await page.waitForSelector(x('#cl-strong-list'), { timeout: 60000 });
  assert.equal(await page.locator(x('#cl-cluster')).inputValue(), TEXTILE);
  const strongListed = await page.$$eval(x('#cl-strong-list li'), (lis) => lis.map((li) => li.dataset.region));
  const cliStrong = withRef.filter((r) => r.cluster === TEXTILE && r.strong).map((r) => r.region).sort();
  assert.deepEqual([...strongListed].sort(), cliStrong, 'strong regions listed as the CLI');
  assert.ok(strongListed.includes('13313') && strongListed.includes('13213'));
  // On the map: outlined (class) and named as strong (accessible name), not colour alone.
  for (const id of ['13313', '13213']) {
    const cls = await page.getAttribute(x(`svg.map path[data-id="${id}"]`), 'class');
    assert.match(cls, /highlight/);
    assert.match(await page.getAttribute(x(`svg.map path[data-id="${id}"]`), 'aria-label'), /strong cluster/);
  }
  assert.ok((await page.locator(x('svg.chart.lines')).count()) === 2, 'employment and LQ lines');
  assert.ok((await page.locator(x('#cl-ts-table tbody tr')).count()) >= 3);
  assert.ok((await page.locator(x('#cl-conc-table tbody tr')).count()) >= 5);
  await openDetails(page);
  assert.deepEqual(await axe(page), [], 'axe on the cluster view');
  await page.screenshot({ path: join(OUT, 'clusters-cluster-view.png'), fullPage: true });

  // ---- Priorities: Whitfield, growth / LQ / size ----
  await page.click(x('#tab-cluster-priorities'));
  await page.waitForSelector(x('#cl-pr-region'), { timeout: 60000 });
  await page.selectOption(x('#cl-pr-region'), '13313');
  const order = async () => page.$$eval(x('#cl-priority-table tbody tr'), (trs) => trs.map((tr) => tr.dataset.key));
  await inShadow(page, () => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cl-priority-table caption')?.textContent.includes('13313'));
  const before = await order();
  const prCli = run(['priorities', '--data', DATA, '--reference', REF, '--region', '13313', '--criteria', 'growth,lq,size', '--weights', '0.4,0.3,0.3']).rows;
  assert.deepEqual(before, prCli.map((r) => r.cluster), 'the page ranks as the CLI');
  const score0 = Number(await page.getAttribute(x('#cl-priority-table tbody tr >> nth=0 >> td.score'), 'data-value'));
  assert.ok(Math.abs(score0 - prCli[0].score) < 1e-12, `score ${score0} vs CLI ${prCli[0].score}`);

  // All weight on growth: the ranking follows growth alone (CLI with the same weights).
  await page.fill(x('#cl-w-lq'), '0');
  await page.locator(x('#cl-w-lq')).dispatchEvent('change');
  await page.fill(x('#cl-w-size'), '0');
  await page.locator(x('#cl-w-size')).dispatchEvent('change');
  const growthCli = run(['priorities', '--data', DATA, '--reference', REF, '--region', '13313', '--criteria', 'growth,lq,size', '--weights', '1,0,0']).rows;
  const want = growthCli.map((r) => r.cluster);
  await inShadow(
    page,
    (w) => {
      const trs = [...document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('#cl-priority-table tbody tr')];
      return trs.length === w.length && trs.every((tr, k) => tr.dataset.key === w[k]);
    },
    want,
  );
  const after = await order();
  assert.notDeepEqual(after, before, 're-ranked after the weight change');
  assert.deepEqual(after, want);
  assert.match(await page.locator(x('#cl-pr-summary')).textContent(), /Growth/);
  // The choice is kept in the controller state (for saving the analysis).
  const state = await page.evaluate(() => {
    const el = document.querySelector('agglo-explorer');
    return el.views.find((v) => v.constructor.id === 'cluster-priorities').getState();
  });
  assert.deepEqual(state.criteria, ['growth', 'lq', 'size']);
  assert.equal(state.weights.lq, 0);
  assert.equal(state.weights.size, 0);
  await openDetails(page);
  assert.deepEqual(await axe(page), [], 'axe on the priorities');
  await page.screenshot({ path: join(OUT, 'clusters-priorities.png'), fullPage: true });

  assert.deepEqual(foreign, [], 'no request leaves the origin');
  assert.deepEqual(consoleErrors, [], 'no console errors');
  await page.context().close();
});

test('an uploaded mapping replaces the default: unmapped codes are reported with their employment, as the CLI does', async () => {
  const dir = join(OUT, 'clusters-defs');
  mkdirSync(dir, { recursive: true });
  const defs = join(dir, 'my_clusters.csv');
  const text = 'industry_code;cluster;cluster_name;traded_local\n314110;FLOOR;Floor coverings;traded\n313110;FLOOR;Floor coverings;traded\n722511;FOOD;Restaurants;local\n314110;FOOD;Restaurants;local\n';
  writeFileSync(defs, text);
  const cliOut = run(['clusters', '--data', DATA, '--definitions', defs, '--unmapped']);
  const cliUnmapped = [...cliOut.rows].sort((a, b) => b.value_by_year.at(-1) - a.value_by_year.at(-1));

  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.selectOption(x('#sample-level'), 'naics6');
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 120000 });
  await page.click(x('#tab-cluster-view'));
  await page.waitForSelector(x('#cl-strong-list'), { timeout: 60000 });
  await page.setInputFiles(x('#cl-defs-file'), { name: 'my_clusters.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
  await inShadow(page, () => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cl-defs-summary')?.textContent.includes('my_clusters.csv'));
  // Two clusters; the duplicate row of 314110 is reported (first definition wins).
  assert.match(await page.locator(x('#cl-defs-summary')).textContent(), /2 clusters, 3 industry codes/);
  const options = await page.$$eval(x('#cl-cluster option'), (os) => os.map((o) => o.value).sort());
  assert.deepEqual(options, ['FLOOR', 'FOOD']);
  await page.click(x('.cl-settings details > summary'));
  const rows = await page.$$eval(x('#cl-unmapped tbody tr'), (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent.trim())));
  assert.equal(rows.length, cliUnmapped.length, 'as many unmapped codes as the CLI lists');
  assert.equal(rows[0][0], cliUnmapped[0].industry);
  assert.equal(rows[0].at(-1), cliUnmapped[0].value_by_year.at(-1).toLocaleString('en-US', { maximumFractionDigits: 0 }));
  assert.match(await page.locator(x('.cl-settings details')).textContent(), /314110' is defined again/);
  assert.deepEqual(await axe(page), [], 'axe with the unmapped report open');
  await page.screenshot({ path: join(OUT, 'clusters-uploaded-definitions.png'), fullPage: true });
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});

test('typology (SME share, depth, multiplier, spatial extent), every shift-share method, and the multiplier criterion, as the CLI', async () => {
  const MAKE = join(ROOT, 'data', 'bea_2017_summary_make.csv');
  const USE = join(ROOT, 'data', 'bea_2017_summary_use.csv');
  const CW = join(ROOT, 'data', 'bea_summary_to_naics.csv');
  const GEO = join(ROOT, 'data', 'ga_counties.topojson');
  const io = ['--io-make', MAKE, '--io-use', USE, '--crosswalk', CW];
  const prof = run(['clusters', '--data', DATA, '--reference', REF, '--profile', '--year', '2021', '--from', '2017', ...io, '--geometry', GEO]).rows;
  const cli = (cluster) => prof.find((r) => r.region === '13313' && r.cluster === cluster);

  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  await page.selectOption(x('#sample-level'), 'naics6');
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 120000 });

  // Region profile before the IO table: SME share and depth are "not available", never 0.
  await page.click(x('#tab-cluster-region'));
  await page.waitForSelector(x('#cl-region'), { timeout: 60000 });
  await page.selectOption(x('#cl-region'), '13313');
  const typRow = x(`#cl-typology-table tr[data-key="${TEXTILE}"]`);
  await page.waitForSelector(typRow, { timeout: 60000 });
  const cells = () => page.$$eval(`${typRow} >> td`, (tds) => tds.map((td) => ({ text: td.textContent.trim(), value: td.dataset.value })));
  // Columns: cluster, employment, per establishment, SME share, present, specialised, job creation,
  // competitive shift, depth, local purchases, multiplier, spatial extent.
  let c = await cells();
  assert.equal(c[3].text, 'not available', 'no size classes in the sample');
  assert.equal(c[8].text, 'not available');
  assert.equal(c[11].text, 'not available');
  assert.match(await page.locator(x('#cl-typ-availability')).textContent(), /no establishment counts by size class/);
  assert.ok(Math.abs(Number(c[2].value) - cli(TEXTILE).avg_establishment_size) < 1e-9);

  // Load the BEA tables in the Input-output tab, then compute the extra dimensions.
  await page.click(x('#tab-io'));
  await page.click(x('#io-bea'));
  await page.waitForSelector(x('#io-model-summary'), { timeout: 120000 });
  await page.click(x('#tab-cluster-region'));
  await page.waitForSelector(x('#cl-typ-extras'), { timeout: 60000 });
  await page.click(x('#cl-typ-extras'));
  await inShadow(page, () => {
    const td = document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('#cl-typology-table tr[data-key="42"] td');
    return td.length && td[8].dataset.value && td[11].dataset.value;
  });
  c = await cells();
  const want = cli(TEXTILE);
  const close = (a, b) => Math.abs(Number(a) - b) <= 1e-9 * Math.abs(b);
  assert.ok(close(c[8].value, want.depth), `depth ${c[8].value} vs CLI ${want.depth}`);
  assert.ok(close(c[9].value, want.local_supplier), `local supplier ${c[9].value} vs CLI ${want.local_supplier}`);
  assert.ok(close(c[10].value, want.multiplier), `multiplier ${c[10].value} vs CLI ${want.multiplier}`);
  assert.equal(Number(c[11].value), want.spatial_extent);
  assert.match(c[11].text, new RegExp(`${want.neighbours_specialised} of ${want.neighbours} neighbours`));
  // Every cluster of Whitfield with a CLI depth shows it.
  const depths = await page.$$eval(x('#cl-typology-table tbody tr'), (trs) => trs.map((tr) => [tr.dataset.key, tr.querySelectorAll('td')[8].dataset.value]));
  for (const [cluster, v] of depths) {
    const d = cli(cluster).depth;
    if (d === null) assert.equal(v, '', `${cluster}: no depth`);
    else assert.ok(close(v, d), `${cluster}: depth ${v} vs ${d}`);
  }

  // Shift-share: every method, each re-rendering the chart and its table twin with the CLI's numbers.
  const ssCli = (method) => run(['shift-share', '--data', DATA, '--reference', REF, '--from', '2017', '--to', '2021', '--method', method]).rows.find((r) => r.region === '13313');
  const ssValue = (key) => page.getAttribute(x(`#cl-ss-table tr[data-key="${key}"] td.num`), 'data-value');
  const pick = async (method, key) => {
    await page.selectOption(x('#cl-ss-method'), method);
    await page.waitForSelector(x(`#cl-ss-table tr[data-key="${key}"]`), { state: 'attached', timeout: 60000 });
    await inShadow(page, (m) => document.querySelector('agglo-explorer').shadowRoot.querySelector('#cl-ss-h')?.textContent.includes(m), { esteban: 'Esteban', dunn: 'Dunn', gerfin: 'Gerfin', dynamic: 'dynamic' }[method]);
  };
  await pick('gerfin', 'g_net');
  const g = ssCli('gerfin');
  assert.ok(close(await ssValue('g_net'), g.gerfin_net_shift));
  assert.ok(close(await ssValue('g_mix'), g.gerfin_industry_mix));
  assert.equal(await page.locator(x('#cl-ss-table tbody tr')).count(), 3);
  assert.match(await page.locator(x('#cl-ss-summary')).textContent(), /Gerfin/);
  await pick('dunn', 'regional');
  const d = ssCli('dunn');
  assert.ok(close(await ssValue('regional'), d.regional_share));
  assert.ok(close(await ssValue('mix'), d.industry_mix));
  assert.equal(await page.locator(x('#cl-ss-table tbody tr')).count(), 4);
  await pick('dynamic', 'regional');
  assert.ok(close(await ssValue('regional'), ssCli('dynamic').regional_share));
  await pick('esteban', 'allocation');
  assert.ok(close(await ssValue('allocation'), ssCli('esteban').allocation));
  await pick('gerfin', 'g_net');
  const rpState = await page.evaluate(() => document.querySelector('agglo-explorer').views.find((v) => v.constructor.id === 'cluster-region').getState());
  assert.equal(rpState.shiftShareMethod, 'gerfin');
  assert.equal(rpState.typologyExtras, true);
  await openDetails(page);
  assert.deepEqual(await axe(page), [], 'axe on the region profile with the typology');
  await page.screenshot({ path: join(OUT, 'clusters-typology.png'), fullPage: true });

  // Priorities with the IO multiplier: all weight on it ranks as the CLI.
  await page.click(x('#tab-cluster-priorities'));
  await page.waitForSelector(x('#cl-pr-region'), { timeout: 60000 });
  await page.selectOption(x('#cl-pr-region'), '13313');
  await page.check(x('#cl-crit-multiplier'));
  for (const k of ['growth', 'lq', 'size']) {
    await page.fill(x(`#cl-w-${k}`), '0');
    await page.locator(x(`#cl-w-${k}`)).dispatchEvent('change');
  }
  await page.fill(x('#cl-w-multiplier'), '1');
  await page.locator(x('#cl-w-multiplier')).dispatchEvent('change');
  const prCli = run(['priorities', '--data', DATA, '--reference', REF, '--region', '13313', '--criteria', 'growth,lq,size,multiplier', '--weights', '0,0,0,1', ...io]).rows;
  const order = prCli.map((r) => r.cluster);
  await inShadow(
    page,
    (w) => {
      const trs = [...document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('#cl-priority-table tbody tr')];
      return trs.length === w.length && trs.every((tr, k) => tr.dataset.key === w[k]);
    },
    order,
  );
  const raw = await page.getAttribute(x(`#cl-priority-table tr[data-key="${TEXTILE}"] td.raw >> nth=3`), 'data-value');
  assert.ok(close(raw, prCli.find((r) => r.cluster === TEXTILE).raw_multiplier));
  assert.ok(close(raw, want.multiplier), 'the same multiplier as the typology');
  assert.match(await page.locator(x('#cl-pr-io')).textContent(), /bea_2017_summary_make\.csv/);
  const prState = await page.evaluate(() => document.querySelector('agglo-explorer').views.find((v) => v.constructor.id === 'cluster-priorities').getState());
  assert.deepEqual(prState.criteria, ['growth', 'lq', 'size', 'multiplier']);
  assert.equal(prState.weights.multiplier, 1);
  await openDetails(page);
  assert.deepEqual(await axe(page), [], 'axe on the priorities with the multiplier');
  await page.screenshot({ path: join(OUT, 'clusters-priorities-multiplier.png'), fullPage: true });
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});
