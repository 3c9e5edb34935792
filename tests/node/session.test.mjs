// Session files: every older version migrates to the current one (v3) with its analysis intact;
// damaged or foreign files are refused with a code. Fixtures: tests/data/sessions/v{1,2}.agglo.json
// (files as the released versions wrote them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate, packFile, unpackFile, SESSION_VERSION, SESSION_EMBED_LIMIT } from '../../www/components/session.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixture = (v) => JSON.parse(readFileSync(join(ROOT, 'tests', 'data', 'sessions', `v${v}.agglo.json`), 'utf8'));

test('v1 and v2 session files migrate to v3 with their view and views', () => {
  assert.equal(SESSION_VERSION, 3);
  const one = migrate(fixture(1));
  assert.equal(one.version, 3);
  assert.equal(one.app, 'agglo');
  assert.deepEqual(one.view, { tab: 'overview', industry: 'x', year: 2021, yearStart: null, method: 'natural_breaks', k: 5, selected: 'A' });
  assert.deepEqual(one.views, {});
  assert.deepEqual(one.shared, {}, 'no shared inputs: the views use their defaults');
  assert.equal(one.files.data.name, 'tiny.csv');

  const two = migrate(fixture(2));
  assert.equal(two.version, 3);
  assert.equal(two.view.tab, 'cluster-priorities');
  assert.deepEqual(two.views['cluster-priorities'].weights, { lq: 0.5, size: 0.5 });
  assert.equal(two.views.spatial.mode, 'gistar');
  assert.deepEqual(two.shared, {});
  // Already current: returned as is.
  assert.equal(migrate(two), two);
});

test('foreign, newer or damaged files are refused with a code', async () => {
  assert.throws(() => migrate({ version: 2 }), (e) => e.code === 'E_UNKNOWN_FORMAT' && /not an Agglo session/.test(e.message));
  assert.throws(() => migrate({ app: 'agglo', version: 99 }), (e) => e.code === 'E_UNKNOWN_FORMAT' && /version 99/.test(e.message));
  const bytes = new TextEncoder().encode('region,industry,year,employment\nA,x,2021,10\n');
  const packed = await packFile({ name: 'd.csv', file: new Blob([bytes]) });
  assert.match(packed.sha256, /^[0-9a-f]{64}$/);
  const back = await unpackFile(packed);
  assert.equal(await back.file.text(), 'region,industry,year,employment\nA,x,2021,10\n');
  const damaged = { ...packed, base64: packed.base64.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) };
  await assert.rejects(unpackFile(damaged), (e) => e.code === 'E_INVALID_PARAMETER' && /d\.csv is damaged/.test(e.message));
});

test('a file over the embedding limit is named, not stored, and reopening asks for it', async () => {
  const big = { size: SESSION_EMBED_LIMIT + 1, arrayBuffer: () => assert.fail('a large file is never read for a session') };
  const packed = await packFile({ name: 'big.csv', file: big, options: { roles: [] } });
  assert.deepEqual(packed, { name: 'big.csv', options: { roles: [] }, size: SESSION_EMBED_LIMIT + 1, sha256: null, base64: null });
  await assert.rejects(unpackFile(packed), (e) => e.code === 'E_TOO_LARGE' && e.location.file === 'big.csv' && /open the file again/.test(e.message));
});
