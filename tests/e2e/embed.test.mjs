// Agglo as agencies deploy it: embedded under a strict CSP in a sub-path, exports, sessions,
// autosave, keyboard-only use, hostile strings.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, launch, openPage, ROOT, OUT, CLI, axe } from './harness.mjs';

const DATA = join(ROOT, 'data', 'ga_cbp_naics4_2017_2021.csv');
const REF = join(ROOT, 'data', 'us_cbp_naics4_2017_2021.csv');
const x = (sel) => `agglo-explorer >> ${sel}`;

let srv;
let browser;
before(async () => {
  mkdirSync(OUT, { recursive: true });
  // The built site lives in a sub-path of the agency's server: /agency/tools/.
  const root = mkdtempSync(join(tmpdir(), 'agglo-site-'));
  mkdirSync(join(root, 'agency'));
  symlinkSync(join(ROOT, 'dist'), join(root, 'agency', 'tools'));
  srv = await startServer(root);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  srv?.stop();
});

const tableValues = (page) =>
  page.$$eval(x('#lq-table tbody tr'), (trs) => trs.map((tr) => [tr.dataset.region, ...[...tr.querySelectorAll('td.num')].map((td) => td.dataset.value)]));

test('embed example in a sub-path under the strict CSP renders the sample and exports the CLI numbers', async () => {
  const { page, consoleErrors, foreign } = await openPage(browser, `${srv.origin}/agency/tools/www/embed-example.html`, srv.origin);
  await page.waitForSelector(x('svg.map path.region'), { timeout: 30000 });
  await page.waitForSelector(x('#lq-table tbody tr'));
  assert.equal(await page.locator(x('svg.map path.region')).count(), 159);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(x('#export-csv'))]);
  const csv = readFileSync(await dl.path(), 'utf8').trim().split('\n');
  assert.equal(csv[0], 'region,name,industry,year,value,share_region,share_reference,lq');
  const cliRows = JSON.parse(execFileSync(CLI, ['lq', '--data', DATA, '--reference', REF, '--year', '2021', '--industry', '3141'], { encoding: 'utf8' })).rows;
  assert.equal(csv.length - 1, cliRows.length);
  for (const line of csv.slice(1)) {
    const cells = line.split(',');
    const row = cliRows.find((r) => r.region === cells[0]);
    assert.equal(Number(cells.at(-1)), row.lq, `LQ of ${cells[0]}`);
    assert.equal(Number(cells[4]), row.value);
  }
  // The same table as XLSX: a real workbook (zip container with the sheet XML).
  const [xl] = await Promise.all([page.waitForEvent('download'), page.click(x('#export-xlsx'))]);
  const xbytes = readFileSync(await xl.path());
  assert.equal(xbytes.subarray(0, 2).toString('latin1'), 'PK');
  assert.match(xl.suggestedFilename(), /\.xlsx$/);
  // The page's theme reached the element through its custom property.
  const accent = await page.$eval('agglo-explorer', (el) => getComputedStyle(el).getPropertyValue('--agglo-accent').trim());
  assert.equal(accent, '#162e51');
  assert.deepEqual(await axe(page), []);
  await page.screenshot({ path: join(OUT, 'embed-example.png'), fullPage: true });
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, [], 'no CSP violation or other console error');
  await page.context().close();
});

test('session save, reload, reopen gives identical tables; autosave is offered after a reload; clear all really clears', async () => {
  const { page, context, consoleErrors, foreign } = await openPage(browser, `${srv.origin}/agency/tools/`, srv.origin);
  await page.click(x('#sample'));
  await page.waitForSelector(x('#lq-table tbody tr'));
  await page.selectOption(x('#year'), '2017');
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelector('#lq-table caption')?.textContent.includes('2017'));
  const lastAction = await page.evaluate(() => new Date().toISOString());
  await page.click(x('path[data-id="13213"]'));
  await page.waitForSelector(x('.profile h3'));
  const before = await tableValues(page);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(x('#save-session'))]);
  const sessionPath = await dl.path();
  const session = JSON.parse(readFileSync(sessionPath, 'utf8'));
  assert.equal(session.version, 3);
  assert.equal(session.view.year, 2017);
  assert.match(session.files.data.sha256, /^[0-9a-f]{64}$/);

  // Reload: the autosaved session is offered; restoring it gives the same table.
  // Wait for the autosave that follows the last action (an earlier one may still hold 2021).
  await page.waitForFunction((t) => (document.querySelector('agglo-explorer').dataset.autosaved ?? '') >= t, lastAction, { timeout: 10000 });
  await page.reload();
  await page.waitForSelector(x('#restore'), { timeout: 10000 });
  await page.click(x('#restore'));
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelector('#lq-table caption')?.textContent.includes('2017'));
  assert.deepEqual(await tableValues(page), before);
  assert.match(await page.locator(x('.profile h3')).textContent(), /Murray/);

  // Clear all data: nothing is offered after the next reload.
  await page.click(x('#clear-all'));
  await page.waitForFunction(() => !document.querySelector('agglo-explorer').shadowRoot.querySelector('#lq-table'));
  await page.reload();
  await page.waitForTimeout(800);
  assert.equal(await page.locator(x('#restore')).count(), 0);

  // Reopen the saved session file through the file input.
  await page.setInputFiles(x('#file'), sessionPath.endsWith('.json') ? sessionPath : { name: 'analysis.agglo.json', mimeType: 'application/json', buffer: readFileSync(sessionPath) });
  await page.waitForFunction(() => document.querySelector('agglo-explorer').shadowRoot.querySelector('#lq-table caption')?.textContent.includes('2017'));
  assert.deepEqual(await tableValues(page), before);
  assert.deepEqual(foreign, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('keyboard only: choose a file, Escape closes the dialog, load, reach the map and the table', async () => {
  const { page, context, consoleErrors } = await openPage(browser, `${srv.origin}/agency/tools/`, srv.origin);
  const active = () => page.evaluate(() => {
    const a = document.querySelector('agglo-explorer').shadowRoot.activeElement;
    return a ? a.id || a.dataset.id || a.tagName.toLowerCase() : null;
  });
  const tabTo = async (want, max = 40) => {
    for (let i = 0; i < max; i++) {
      if ((await active()) === want) return;
      await page.keyboard.press('Tab');
    }
    assert.fail(`could not reach ${want} with Tab (focus is on ${await active()})`);
  };
  // Space on the focused file input opens the chooser. On a loaded machine a key press can land
  // while the element re-renders; focus it again and retry (still keyboard only, at most 3 times).
  const chooseByKeyboard = async (files) => {
    for (let attempt = 1; ; attempt++) {
      await tabTo('file');
      try {
        const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10000 }), page.keyboard.press('Space')]);
        return chooser.setFiles(files);
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  };
  await chooseByKeyboard([DATA, join(ROOT, 'data', 'ga_counties.geojson')]);
  await page.waitForSelector(x('dialog[open]'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('agglo-explorer').shadowRoot.querySelector('dialog[open]'));
  await chooseByKeyboard([DATA]);
  await page.waitForSelector(x('dialog[open]'));
  // Focus is inside the dialog; move to its Load button and press Enter.
  await tabTo('confirm-roles');
  await page.keyboard.press('Enter');
  await page.waitForSelector(x('svg.map path.region'));
  await tabTo('industry');
  // Visible focus: the focused control has an outline.
  const outline = await page.evaluate(() => getComputedStyle(document.querySelector('agglo-explorer').shadowRoot.activeElement).outlineStyle);
  assert.notEqual(outline, 'none');
  await tabTo('13001', 80);
  await page.keyboard.press('Enter');
  await page.waitForSelector(x('.profile h3'));
  await tabTo('export-csv', 400);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test('hostile region and industry names render as text and export neutralised', async () => {
  const { page, context, consoleErrors } = await openPage(browser, `${srv.origin}/agency/tools/`, srv.origin);
  let alerted = false;
  page.on('dialog', async (d) => {
    alerted = true;
    await d.dismiss();
  });
  await page.setInputFiles(x('#file'), join(ROOT, 'tests', 'data', 'e2e', 'hostile_names.csv'));
  await page.waitForSelector(x('dialog[open]'));
  await page.click(x('#confirm-roles'));
  await page.waitForSelector(x('#lq-table tbody tr'));
  const names = await page.$$eval(x('#lq-table tbody td:nth-child(2)'), (tds) => tds.map((t) => t.textContent));
  assert.ok(names.includes('<img src=x onerror=alert(1)>'));
  assert.equal(await page.evaluate(() => document.querySelector('agglo-explorer').shadowRoot.querySelectorAll('img, script').length), 0);
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(x('#export-csv'))]);
  const csv = readFileSync(await dl.path(), 'utf8');
  assert.match(csv, /'=HYPERLINK/);
  assert.match(csv, /'@SUM/);
  assert.equal(alerted, false);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
