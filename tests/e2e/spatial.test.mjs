// Spatial clusters acceptance (issue 5): on the Georgia NAICS-4 sample, LISA on the 2021 LQ of
// NAICS 3141 (counties without a published cell counted as zero) shows a significant High-High
// group of Murray 13213, Whitfield 13313 and Gordon 13129, the hot-spot list names it, and the
// numbers are the CLI's for the same options and seed. Switching to "exclude" leaves the 149
// counties without a cell out (10 analysed, two of them islands) and keeps the group.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, openPage, ROOT, OUT, CLI, axe, tmp } from './harness.mjs';

const CARPET = ['13129', '13213', '13313'];

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

/** The CLI on the same files the sample loads, with the page's defaults. */
function cliRun(cmd, missing) {
  const args = [
    cmd,
    '--geometry', join(ROOT, 'data', 'ga_counties.topojson'),
    '--data', join(ROOT, 'data', 'ga_cbp_naics4_2017_2021.csv'),
    '--reference', join(ROOT, 'data', 'us_cbp_naics4_2017_2021.csv'),
    '--industry', '3141', '--year', '2021', '--missing', missing,
    '--weights', 'queen', '--transform', 'r', '--permutations', '999', '--seed', '12345', '--alpha', '0.05', '--adjust', 'none',
  ];
  return JSON.parse(execFileSync(CLI, args, { encoding: 'utf8' }));
}

const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: page ${a} vs CLI ${b}`);

/** LISA rows of the page's table twin: id → {i, p, cluster}. */
async function pageLisa(page) {
  return page.$$eval('agglo-explorer >> #lisa-table tbody tr', (trs) =>
    Object.fromEntries(
      trs.map((tr) => {
        const td = [...tr.querySelectorAll('td')];
        return [tr.dataset.key, { i: td[3].dataset.value === '' ? null : Number(td[3].dataset.value), p: td[7].dataset.value === '' ? null : Number(td[7].dataset.value), cluster: td[5].textContent.trim() }];
      }),
    ),
  );
}

async function waitForRun(page, n) {
  await page.waitForFunction(
    (n) => {
      const root = document.querySelector('agglo-explorer').shadowRoot;
      return !root.querySelector('.busy') && root.querySelectorAll('#lisa-table tbody tr').length === n;
    },
    n,
    { timeout: 60000 },
  );
}

test('Georgia 3141: LISA finds the Dalton carpet HH group, matching the CLI; "exclude" changes it as documented', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  const x = (sel) => `agglo-explorer >> ${sel}`;
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 30000 });
  assert.equal(await page.$eval(x('#industry'), (e) => e.value), '3141');
  await page.click(x('#tab-spatial'));
  await waitForRun(page, 159);

  // The missing-value choice is visible, and "count as zero" is the default.
  assert.equal(await page.isChecked(x('#sp-missing-zero')), true);
  assert.equal(await page.isChecked(x('#sp-missing-exclude')), false);

  // Cluster map: the three carpet counties are High-High.
  for (const id of CARPET) assert.equal(await page.getAttribute(x(`svg.map path[data-id="${id}"]`), 'data-class'), 'HH', id);
  // The hot-spot list names the group (the first, largest one).
  const group = page.locator(x('#hotspot-groups li[data-group="1"]'));
  assert.equal(await group.getAttribute('data-ids'), CARPET.join(' '));
  const text = await group.textContent();
  for (const name of ['Murray', 'Whitfield', 'Gordon']) assert.match(text, new RegExp(name));
  assert.match(text, /16,566/, 'combined employment 1,387 + 11,607 + 3,572');

  // Same numbers as the CLI with the same options and seed (reference = the US table the sample loads).
  const want = cliRun('lisa', 'zero');
  const got = await pageLisa(page);
  assert.equal(Object.keys(got).length, want.rows.length);
  for (const r of want.rows) {
    const g = got[r.id];
    assert.equal(g.cluster, r.cluster.replace('_', ' '), r.id);
    if (r.i === null) assert.equal(g.i, null);
    else close(g.i, r.i, `I ${r.id}`);
    close(g.p, r.p_sim, `p_sim ${r.id}`);
  }
  const moran = cliRun('moran', 'zero');
  close(Number(await page.getAttribute(x('#sp-global dd[data-value]'), 'data-value')), moran.i, "Moran's I");
  const hs = cliRun('hotspots', 'zero');
  assert.deepEqual(hs.groups[0].ids, CARPET);
  assert.match(await page.locator(x('#spatial-summary')).textContent(), /Gordon \(13129\), Murray \(13213\), Whitfield \(13313\)/);

  // Linked views: selecting Whitfield on the map marks its point on the scatter plot, and
  // highlighting the group marks the three points and regions.
  await page.click(x('svg.map path[data-id="13313"]'));
  await page.waitForSelector(x('svg.scatter .point.selected[data-id="13313"]'));
  await page.click(x('#hotspot-groups li[data-group="1"] button'));
  assert.equal(await page.locator(x('svg.scatter .point.highlight')).count(), 3);
  assert.equal(await page.locator(x('svg.map path.region.highlight')).count(), 3);
  // Brushing the scatter plot (drag over the HH corner) highlights the same regions on the map.
  await page.click(x('#sp-clear'));
  const area = await page.locator(x('svg.scatter .brush-area')).boundingBox();
  await page.mouse.move(area.x + area.width * 0.6, area.y + 2);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width - 2, area.y + area.height * 0.5, { steps: 5 });
  await page.mouse.up();
  const brushed = await page.$$eval(x('svg.scatter .point.highlight'), (els) => els.map((e) => e.dataset.id).sort());
  assert.ok(brushed.length >= 1, 'brush caught points');
  const mapHl = await page.$$eval(x('svg.map path.region.highlight'), (els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(mapHl, brushed);

  // Other map modes: significance and Gi* (the three are hot spots).
  await page.click(x('#sp-mode-gistar'));
  for (const id of CARPET) assert.match(await page.getAttribute(x(`svg.map path[data-id="${id}"]`), 'data-class'), /^hot/, id);
  await page.click(x('#sp-mode-significance'));
  assert.equal(await page.getAttribute(x('svg.map path[data-id="13313"]'), 'data-class'), 'p001');
  await page.locator(x('.map-panel')).screenshot({ path: join(OUT, 'spatial-3141-significance.png') });
  // Neighbours mode: the selected county's queen neighbours are highlighted.
  await page.click(x('#sp-clear'));
  await page.click(x('#sp-mode-weights'));
  await page.click(x('svg.map path[data-id="13313"]'));
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelector('#sp-selected')?.textContent.includes('Whitfield'));
  const nb = await page.$$eval(x('svg.map path.region.highlight'), (els) => els.map((e) => e.dataset.id).sort());
  assert.deepEqual(nb, ['13047', '13129', '13213', '13295'], 'Catoosa, Gordon, Murray, Walker');
  await page.locator(x('.map-panel')).screenshot({ path: join(OUT, 'spatial-3141-neighbours.png') });
  await page.click(x('#sp-mode-lisa'));

  assert.deepEqual(await axe(page), [], 'axe on the spatial view');
  await page.screenshot({ path: join(OUT, 'spatial-3141.png'), fullPage: true });

  // "Exclude": the 149 counties without a cell leave the analysis (10 remain, Chatham and Troup
  // become islands); the carpet counties stay a significant HH group, with other p-values.
  await page.check(x('#sp-missing-exclude'));
  await waitForRun(page, 10);
  const ex = cliRun('lisa', 'exclude');
  const gotEx = await pageLisa(page);
  assert.deepEqual(Object.keys(gotEx).sort(), ex.rows.map((r) => r.id).sort());
  for (const r of ex.rows) {
    assert.equal(gotEx[r.id].cluster, r.cluster.replace('_', ' '), r.id);
    if (r.i !== null) close(gotEx[r.id].i, r.i, `I ${r.id} (exclude)`);
    if (r.p_sim !== null) close(gotEx[r.id].p, r.p_sim, `p_sim ${r.id} (exclude)`);
  }
  assert.deepEqual(ex.islands.sort(), ['13051', '13285']);
  assert.match(await page.locator(x('#sp-islands')).textContent(), /Chatham.*Troup|Troup.*Chatham/);
  assert.equal(await page.getAttribute(x('svg.map path[data-id="13001"]'), 'data-class'), 'excluded');
  assert.notEqual(gotEx['13313'].p, got['13313'].p, 'a different pseudo p-value after excluding');
  assert.match(await page.locator(x('#spatial-summary')).textContent(), /149 of 159 regions without a published cell are excluded, leaving 10/);
  assert.equal(await page.locator(x('#hotspot-groups li[data-group="1"]')).getAttribute('data-ids'), CARPET.join(' '));
  await page.screenshot({ path: join(OUT, 'spatial-3141-exclude.png'), fullPage: true });
  assert.deepEqual(await axe(page), [], 'axe after exclude');

  // Growth (change in employment 2017-2021) can be negative: LISA runs, Gi* says why it cannot.
  await page.check(x('#sp-missing-zero'));
  await page.selectOption(x('#sp-indicator'), 'growth');
  await page.waitForFunction(
    () => /change in employment .* 2017–2021/.test(document.querySelector('agglo-explorer').shadowRoot.querySelector('#spatial-summary')?.textContent ?? ''),
    null,
    { timeout: 60000 },
  );
  await waitForRun(page, 159);
  const growth = await page.locator(x('#spatial-summary')).textContent();
  assert.match(growth, /Gi\* not computed: E_NEGATIVE_VALUE/);
  assert.equal(await page.locator(x('#sp-mode-gistar')).isDisabled(), true);

  assert.deepEqual(foreign, [], 'no request leaves the origin');
  assert.deepEqual(consoleErrors, [], 'no console errors');
  await page.context().close();
});

/** Value column of the LISA table twin: id → value. */
async function pageValues(page) {
  return page.$$eval('agglo-explorer >> #lisa-table tbody tr', (trs) =>
    Object.fromEntries(trs.map((tr) => [tr.dataset.key, Number(tr.querySelectorAll('td')[2].dataset.value)])),
  );
}

/** `agglo lisa` on a values CSV (id,value) with the page's defaults. */
function cliLisaOn(values) {
  const dir = tmp();
  const file = join(dir, 'values.csv');
  writeFileSync(file, 'id,value\n' + Object.entries(values).map(([id, v]) => `${id},${v}`).join('\n') + '\n');
  return JSON.parse(
    execFileSync(CLI, ['lisa', '--geometry', join(ROOT, 'data', 'ga_counties.topojson'), '--data', file, '--join-col', 'id', '--value-col', 'value',
      '--weights', 'queen', '--transform', 'r', '--permutations', '999', '--seed', '12345', '--alpha', '0.05', '--adjust', 'none'], { encoding: 'utf8' }),
  );
}

function sameLisa(got, want, what) {
  assert.equal(Object.keys(got).length, want.rows.length, what);
  for (const r of want.rows) {
    assert.equal(got[r.id].cluster, r.cluster.replace('_', ' '), `${what} ${r.id}`);
    if (r.i === null) assert.equal(got[r.id].i, null);
    else close(got[r.id].i, r.i, `${what} I ${r.id}`);
    close(got[r.id].p, r.p_sim, `${what} p_sim ${r.id}`);
  }
}

test('Second-order contiguity, a cluster LQ and employment density on the page match the CLI', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  const x = (sel) => `agglo-explorer >> ${sel}`;
  const summaryMatches = (re) =>
    page.waitForFunction((src) => new RegExp(src).test(document.querySelector('agglo-explorer').shadowRoot.querySelector('#spatial-summary')?.textContent ?? ''), re.source, { timeout: 60000 });
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 30000 });
  await page.click(x('#tab-spatial'));
  await waitForRun(page, 159);

  // Order 2 (queen): the link count is `agglo weights --order 2`'s, and the summary says so.
  const w1 = JSON.parse(execFileSync(CLI, ['weights', '--geometry', join(ROOT, 'data', 'ga_counties.topojson'), '--kind', 'queen'], { encoding: 'utf8' }));
  const w2 = JSON.parse(execFileSync(CLI, ['weights', '--geometry', join(ROOT, 'data', 'ga_counties.topojson'), '--kind', 'queen', '--order', '2'], { encoding: 'utf8' }));
  const links = () => page.$eval(x('#weights-summary'), (s) => Number([...s.querySelectorAll('dt')].find((dt) => dt.textContent.startsWith('Links')).nextElementSibling.dataset.value));
  assert.equal(await links(), w1.links);
  await page.selectOption(x('#sp-order'), '2');
  await summaryMatches(/queen\^2 weights/);
  await waitForRun(page, 159);
  assert.equal(await page.getAttribute(x('#sp-weights-order'), 'data-value'), '2');
  assert.match(await page.locator(x('#sp-weights-kind')).textContent(), /queen\^2/);
  assert.equal(await links(), w2.links);
  assert.notEqual(w2.links, w1.links);
  await page.selectOption(x('#sp-order'), '1');
  await summaryMatches(/queen weights/);

  // Cluster LQ: Textile Manufacturing (42, the carpet mills' cluster), as `agglo clusters` computes it.
  await page.selectOption(x('#sp-indicator'), 'cluster_lq');
  await page.waitForSelector(x('#sp-cluster'), { timeout: 60000 });
  await page.selectOption(x('#sp-cluster'), '42');
  await summaryMatches(/LQ of cluster Textile Manufacturing \(42\)/);
  await waitForRun(page, 159);
  const clusters = JSON.parse(execFileSync(CLI, ['clusters', '--data', join(ROOT, 'data', 'ga_cbp_naics4_2017_2021.csv'), '--reference', join(ROOT, 'data', 'us_cbp_naics4_2017_2021.csv'), '--year', '2021'], { encoding: 'utf8', maxBuffer: 1 << 28 }));
  const lq = Object.fromEntries(clusters.rows.filter((r) => r.cluster === '42' && r.lq !== null).map((r) => [r.region, r.lq]));
  assert.ok(Object.keys(lq).length > 5);
  const cval = await pageValues(page);
  assert.equal(Object.keys(cval).length, 159);
  for (const [id, v] of Object.entries(cval)) close(v, lq[id] ?? 0, `cluster LQ ${id}`);
  assert.ok(cval['13313'] > 10, 'Whitfield specialises in textiles');
  sameLisa(await pageLisa(page), cliLisaOn(cval), 'cluster LQ LISA');
  assert.deepEqual(await axe(page), [], 'axe with the cluster picker');

  // Density: employment in 3141 per km² (the area column is the county's geodesic area).
  await page.selectOption(x('#sp-indicator'), 'density');
  await summaryMatches(/employment per km² in/);
  await waitForRun(page, 159);
  const area = await page.$$eval(x('#lisa-table tbody tr'), (trs) => Object.fromEntries(trs.map((tr) => [tr.dataset.key, Number([...tr.querySelectorAll('td')].at(-1).dataset.value)])));
  const dval = await pageValues(page);
  const emp = { 13313: 11607, 13213: 1387, 13129: 3572 }; // the 2021 cells of the sample CSV
  for (const [id, e] of Object.entries(emp)) close(dval[id] * area[id], e, `density × area ${id}`);
  assert.ok(Math.abs(area['13313'] - 752.4) / 752.4 < 0.02, `Whitfield ${area['13313']} km²`);
  const total = Object.values(area).reduce((a, b) => a + b, 0);
  assert.ok(total > 148959 && total < 153910, `Georgia ${total} km²`);
  sameLisa(await pageLisa(page), cliLisaOn(dval), 'density LISA');
  await page.screenshot({ path: join(OUT, 'spatial-density.png'), fullPage: true });

  assert.deepEqual(foreign, [], 'no request leaves the origin');
  assert.deepEqual(consoleErrors, [], 'no console errors');
  await page.context().close();
});

test('LISA with many permutations reports progress and can be cancelled', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  const x = (sel) => `agglo-explorer >> ${sel}`;
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 30000 });
  await page.click(x('#tab-spatial'));
  await waitForRun(page, 159);
  // A million permutations on 159 counties: long enough to see progress and cancel.
  await page.fill(x('#sp-permutations'), '999999');
  await page.press(x('#sp-permutations'), 'Enter');
  await page.locator(x('#sp-permutations')).blur();
  await page.waitForFunction(() => {
    const p = document.querySelector('agglo-explorer').shadowRoot.querySelector('.busy progress');
    return p && p.value > 0 && document.querySelector('agglo-explorer').shadowRoot.querySelector('.busy').textContent.includes('LISA');
  }, null, { timeout: 60000 });
  await page.click(x('.busy button'));
  await page.waitForSelector(x('#sp-run'), { timeout: 30000 });
  assert.match(await page.locator(x('.error')).textContent(), /E_CANCELLED/);
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});
