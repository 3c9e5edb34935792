// Spatial files on the page (issue 5): a Shapefile chosen as separate .shp + .dbf files (any
// order; a clear error without the .dbf), GeoDa weights exported as .gal / .gwt (the CLI's
// files) and imported back for the statistics (a located error when the ids do not match the
// boundaries), and disconnected components listed and shown on the map after "exclude".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, openPage, ROOT, OUT, CLI, axe, tmp } from './harness.mjs';

const CARPET = ['13129', '13213', '13313'];
const PARTS = join(ROOT, 'tests', 'data', 'shapefile_parts');
const SHP = join(PARTS, 'ga_counties.shp');

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

const cli = (args, json = true) => {
  const out = execFileSync(CLI, args, { encoding: 'utf8' });
  return json ? JSON.parse(out) : out;
};
/** The page's defaults, on the Shapefile parts. */
const lisaArgs = (extra = []) => [
  'lisa', '--geometry', SHP,
  '--data', join(ROOT, 'data', 'ga_cbp_naics4_2017_2021.csv'),
  '--reference', join(ROOT, 'data', 'us_cbp_naics4_2017_2021.csv'),
  '--industry', '3141', '--year', '2021', '--missing', 'zero',
  '--transform', 'r', '--permutations', '999', '--seed', '12345', '--alpha', '0.05', '--adjust', 'none',
  ...extra,
];
const close = (a, b, what) => assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: page ${a} vs CLI ${b}`);

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

/** Waits until the spatial view shows `n` LISA rows computed with weights of `kind`. */
async function waitForRun(page, n, kind) {
  await page.waitForFunction(
    ([n, kind]) => {
      const root = document.querySelector('agglo-explorer').shadowRoot;
      const w = root.querySelector('#weights-summary dd');
      return !root.querySelector('.busy') && root.querySelectorAll('#lisa-table tbody tr').length === n && (!kind || w?.textContent.startsWith(kind));
    },
    [n, kind],
    { timeout: 60000 },
  );
}

function assertSameLisa(got, want, what) {
  assert.equal(Object.keys(got).length, want.rows.length, what);
  for (const r of want.rows) {
    assert.equal(got[r.id].cluster, r.cluster.replace('_', ' '), `${what} ${r.id}`);
    if (r.i === null) assert.equal(got[r.id].i, null);
    else close(got[r.id].i, r.i, `${what} I ${r.id}`);
    if (r.p_sim !== null) close(got[r.id].p, r.p_sim, `${what} p_sim ${r.id}`);
  }
}

async function downloaded(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: dl.suggestedFilename(), text: readFileSync(await dl.path(), 'utf8') };
}

/** A GeoDa file's body (after its header line). */
const body = (text) => text.split('\n').slice(1).join('\n');

test('Shapefile as .shp + .dbf, GAL/GWT export and import, components after "exclude"', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  const x = (sel) => `agglo-explorer >> ${sel}`;
  const errorText = () => page.locator(x('.error')).textContent();
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'), { timeout: 30000 });
  const joinedTopo = (await page.locator(x('p.join')).textContent()).match(/(\d+) shapes; (\d+) joined/).slice(1);

  // A .shp alone: the page says which file is missing.
  await page.setInputFiles(x('#file'), [SHP]);
  await page.waitForSelector(x('.error'), { timeout: 30000 });
  assert.match(await errorText(), /E_SHAPEFILE_READ/);
  assert.match(await errorText(), /ga_counties\.dbf is missing/);

  // .dbf, .prj and .shp together, in that order: the boundaries come from the Shapefile.
  await page.setInputFiles(x('#file'), [join(PARTS, 'ga_counties.dbf'), join(PARTS, 'ga_counties.prj'), SHP]);
  await page.waitForFunction(() => document.querySelector('agglo-explorer').state.boundaries?.file === 'ga_counties.shp', null, { timeout: 30000 });
  assert.equal(await page.locator(x('.error')).count(), 0);
  // The same join as the sample's TopoJSON (159 counties; two have no data).
  const joinedShp = (await page.locator(x('p.join')).textContent()).match(/(\d+) shapes; (\d+) joined/).slice(1);
  assert.deepEqual(joinedShp, joinedTopo);
  assert.equal(joinedShp[0], '159');

  await page.click(x('#tab-spatial'));
  await waitForRun(page, 159, 'queen');
  for (const id of CARPET) assert.equal(await page.getAttribute(x(`svg.map path[data-id="${id}"]`), 'data-class'), 'HH', id);
  assertSameLisa(await pageLisa(page), cli(lisaArgs(['--weights', 'queen'])), 'shapefile queen');

  // Export: the page's .gal and .gwt carry the CLI's neighbours and weights.
  const gal = await downloaded(page, x('#sp-export-gal'));
  assert.equal(gal.name, 'ga_counties_queen.gal');
  assert.match(gal.text, /^0 159 ga_counties /);
  assert.equal(body(gal.text), body(cli(['weights', '--geometry', SHP, '--id-field', 'FIPS', '--kind', 'queen', '--format', 'gal'], false)));
  const gwt = await downloaded(page, x('#sp-export-gwt'));
  assert.equal(gwt.name, 'ga_counties_queen.gwt');
  assert.equal(body(gwt.text), body(cli(['weights', '--geometry', SHP, '--id-field', 'FIPS', '--kind', 'queen', '--transform', 'r', '--format', 'gwt'], false)));

  // Import: rook weights written by the CLI give the CLI's LISA with --weights rook.gal.
  const dir = tmp();
  const rookGal = join(dir, 'ga_rook.gal');
  writeFileSync(rookGal, cli(['weights', '--geometry', SHP, '--id-field', 'FIPS', '--kind', 'rook', '--format', 'gal'], false));
  await page.setInputFiles(x('#sp-weights-file'), rookGal);
  await waitForRun(page, 159, 'gal');
  assert.match(await page.locator(x('#sp-weights-imported')).textContent(), /ga_rook\.gal/);
  assertSameLisa(await pageLisa(page), cli(lisaArgs(['--weights', rookGal])), 'imported rook.gal');
  const rookLinks = cli(['weights', '--geometry', SHP, '--id-field', 'FIPS', '--kind', 'rook']).links;
  assert.equal(Number(await page.getAttribute(x('#weights-summary dl dd:nth-of-type(3)'), 'data-value')), rookLinks);

  // A file whose ids are not the boundaries' ids: the error names the id and the file.
  const bad = join(dir, 'bad_ids.gal');
  writeFileSync(bad, '2\n13001 1\n99999\n99999 1\n13001\n');
  await page.setInputFiles(x('#sp-weights-file'), bad);
  await page.waitForSelector(x('.error'), { timeout: 30000 });
  assert.match(await errorText(), /E_UNKNOWN_REGION/);
  assert.match(await errorText(), /'99999'/);
  assert.match(await errorText(), /bad_ids\.gal/);
  await page.screenshot({ path: join(OUT, 'spatial-files-bad-gal.png'), fullPage: true });
  // Back to the computed weights.
  await page.click(x('#sp-weights-drop'));
  await waitForRun(page, 159, 'queen');
  assert.equal(await page.locator(x('.error')).count(), 0);

  // "Exclude": 10 counties remain in several components (two are islands); each component is
  // listed and can be shown on the map.
  await page.check(x('#sp-missing-exclude'));
  await waitForRun(page, 10, 'queen');
  const comps = Number(await page.getAttribute(x('#weights-summary dl dd:nth-of-type(5)'), 'data-value'));
  const islands = Number(await page.getAttribute(x('#weights-summary dl dd:nth-of-type(6)'), 'data-value'));
  assert.equal(islands, 2);
  assert.ok(comps > 2, `components ${comps}`);
  const items = page.locator(x('#sp-components li'));
  assert.equal(await items.count(), comps - islands, 'every component that is not an island is listed');
  const first = await items.first().textContent();
  const size = Number(first.trim().match(/^(\d+) region/)[1]);
  await items.first().locator('button').click();
  assert.equal(await page.locator(x('svg.map path.region.highlight')).count(), size);
  assert.equal(await page.locator(x('#sp-mode-weights')).getAttribute('aria-pressed'), 'true');
  await page.locator(x('.map-panel')).screenshot({ path: join(OUT, 'spatial-components.png') });
  assert.deepEqual(await axe(page), [], 'axe on the spatial view with components and the weights file controls');
  await page.screenshot({ path: join(OUT, 'spatial-files.png'), fullPage: true });

  assert.deepEqual(foreign, [], 'no request leaves the origin');
  assert.deepEqual(consoleErrors, [], 'no console errors');
  await page.context().close();
});
