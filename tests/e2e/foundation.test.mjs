// Foundation acceptance: an agency spreadsheet becomes a map, a table and a chart in the browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, launch, openPage, ROOT, OUT, CLI, axe } from './harness.mjs';

const DATA = join(ROOT, 'data', 'ga_cbp_naics4_2017_2021.csv');
const GEO = join(ROOT, 'data', 'ga_counties.geojson');

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

test('upload the Georgia CSV and GeoJSON, map NAICS 3141: the Dalton carpet cluster tops the LQ table', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  const x = (sel) => `agglo-explorer >> ${sel}`;
  await page.setInputFiles(x('input[type=file]'), [DATA, GEO]);
  await page.waitForSelector(x('dialog[open]'), { timeout: 30000 });
  // The role dialog proposes the roles of the CBP columns.
  const roles = await page.$$eval(x('dialog table.roles select'), (els) => els.map((e) => e.value));
  assert.deepEqual(roles.slice(0, 5), ['region_code', 'region_name', 'industry_code', 'industry_name', 'year']);
  assert.equal(await page.locator(x('dialog')).evaluate((d) => d.open), true);
  assert.deepEqual(await axe(page), [], 'axe on the role dialog');
  await page.click(x('#confirm-roles'));
  await page.waitForSelector(x('#lq-table'), { timeout: 30000 });
  await page.selectOption(x('#industry'), '3141');
  await page.waitForFunction(
    () => document.querySelector('agglo-explorer').shadowRoot.querySelector('#lq-table caption')?.textContent.includes('3141'),
    null,
    { timeout: 20000 },
  );

  assert.equal(await page.locator(x('svg.map path.region')).count(), 159, '159 county shapes');
  const top = await page.$$eval(x('#lq-table tbody tr'), (trs) =>
    trs.slice(0, 3).map((tr) => ({ region: tr.dataset.region, lq: Number(tr.querySelector('td.lq').dataset.value), shown: tr.querySelector('td.lq').textContent.trim() })),
  );
  assert.deepEqual(top.map((t) => t.region), ['13213', '13313', '13129']);

  // The same LQs the CLI prints for the same inputs (reference = sum of the loaded counties).
  const out = JSON.parse(execFileSync(CLI, ['lq', '--data', DATA, '--year', '2021', '--industry', '3141'], { encoding: 'utf8' }));
  for (const t of top) {
    const row = out.rows.find((r) => r.region === t.region);
    assert.ok(Math.abs(row.lq - t.lq) <= 1e-12 * row.lq, `${t.region}: page ${t.lq} vs CLI ${row.lq}`);
    assert.equal(t.shown, row.lq.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  }

  // Legend with numeric breaks; the join report names the counties without data.
  const legend = await page.locator(x('.legend')).textContent();
  assert.match(legend, /\d+\.\d\d – \d+\.\d\d/);
  assert.match(await page.locator(x('.join')).textContent(), /13007/);

  // Keyboard: focus a county and press Enter: the detail panel shows it.
  await page.focus(x('path[data-id="13313"]'));
  assert.match(await page.locator(x('.tooltip')).textContent(), /Whitfield/);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelector('.profile h3')?.textContent.includes('Whitfield'));

  // Bubble chart: one bubble per county published in both years, with a text summary.
  assert.ok((await page.locator(x('svg.chart .bubble')).count()) >= 5);
  assert.match(await page.locator(x('#chart-summary')).textContent(), /stars/);

  assert.deepEqual(await axe(page), [], 'axe on the results');
  await page.screenshot({ path: join(OUT, 'foundation-3141.png'), fullPage: true });
  assert.deepEqual(foreign, [], 'no request leaves the origin');
  assert.deepEqual(consoleErrors, [], 'no console errors');
  await page.context().close();
});

test('the Georgia sample loads in one click with the US reference, and a bad file gets a located error', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  const x = (sel) => `agglo-explorer >> ${sel}`;
  await page.click(x('#sample'));
  await page.waitForSelector(x('svg.map path.region'), { timeout: 30000 });
  await page.waitForSelector(x('#lq-table tbody tr'));
  assert.match(await page.locator(x('.reference')).textContent(), /us_cbp_naics4_2017_2021\.csv/);
  const first = await page.$eval(x('#lq-table tbody tr'), (tr) => Number(tr.querySelector('td.lq').dataset.value));
  // data README: Murray 2021 LQ against the US `00` total = 784.2
  assert.ok(Math.abs(first - 784.2246320848247) < 1e-9, String(first));
  assert.match(await page.locator('agglo-explorer >> #live').textContent(), /Computation finished/);

  // A CSV with a non-numeric employment cell: a clear message with code and location, no crash.
  await page.setInputFiles(x('input[type=file]'), {
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('region_code,industry_code,year,employment\n13001,3141,2021,12a\n'),
  });
  await page.waitForSelector(x('dialog[open]'));
  await page.click(x('#confirm-roles'));
  await page.waitForSelector(x('.error'));
  const err = await page.locator(x('.error')).textContent();
  assert.match(err, /E_NON_NUMERIC/);
  assert.match(err, /row 2/);
  assert.match(err, /employment/);
  // The earlier analysis is still there.
  assert.equal(await page.locator(x('svg.map path.region')).count(), 159);
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});

test('an agency XLSX (wide, one sheet per year) loads through the lazy module, and a second year is appended', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, srv.origin + '/', srv.origin);
  const x = (sel) => `agglo-explorer >> ${sel}`;
  await page.setInputFiles(x('input[type=file]'), [join(ROOT, 'data', 'ga_cbp_naics4_2021_wide.xlsx'), GEO]);
  await page.waitForSelector(x('dialog[open]'), { timeout: 30000 });
  assert.match(await page.locator(x('dialog')).textContent(), /XLSX.*wide layout/s);
  await page.click(x('#confirm-roles'));
  await page.waitForSelector(x('#lq-table'), { timeout: 30000 });
  await page.selectOption(x('#industry'), '3141');
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelector('#lq-table caption')?.textContent.includes('3141'));
  const whitfield = await page.$eval(x('#lq-table tr[data-region="13313"] td.num'), (td) => Number(td.dataset.value));
  assert.equal(whitfield, 11607);
  // Append the 2017 rows (a second file) to the loaded 2021 sheet.
  const long = readFileSync(DATA, 'utf8').split('\n');
  const y2017 = [long[0], ...long.filter((l) => l.split(',')[4] === '2017')].join('\n'); // the year column only
  await page.setInputFiles(x('input[type=file]'), { name: 'ga_2017.csv', mimeType: 'text/csv', buffer: Buffer.from(y2017) });
  await page.waitForSelector(x('dialog[open]'));
  await page.check(x('input[name=use][value=append]'));
  await page.click(x('#confirm-roles'));
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('#year option').length === 2);
  await page.selectOption(x('#year'), '2017');
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelector('#lq-table caption')?.textContent.includes('2017'));
  const w2017 = await page.$eval(x('#lq-table tr[data-region="13313"] td.num'), (td) => Number(td.dataset.value));
  assert.equal(w2017, 10385);
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, []);
  await page.context().close();
});
