// The one Web Worker that hosts the wasm core. The main thread never computes: it posts
// {id, method, args}; this worker answers {id, type: 'result' | 'error' | 'progress'}.
// Files are streamed into the core in chunks, with progress; between chunks the worker yields to
// its event loop, so a {type: 'cancel', id} message is seen and the load abandoned without losing
// what was loaded before. XLSX workbooks and zipped Shapefiles go through the extras module, loaded
// the first time one is opened (so the first page load does not pay for it).
import init, { Workspace as CoreWorkspace } from '../pkg/agglo.js';
import wasmUrl from '../pkg/agglo_bg.wasm?url';
import { checkSize, explainLimit, withLimits } from './limits.js';

// Two builds of the same core: `agglo` (ingest and the overview's indicators: the first load) and
// `agglo_full` (plus clusters, spatial statistics and input-output / network analysis), fetched the first time
// a view calls a method the first one lacks. The loads done so far are then replayed into the full
// module's workspace from the files this worker kept, so nothing is asked of the user twice.
const ready = init({ module_or_path: wasmUrl });
let ws = null;
let full = false;
const replay = []; // [method, args] of every state-changing call, in order

async function upgrade() {
  const mod = await import('../pkg/agglo_full.js');
  const url = (await import('../pkg/agglo_full_bg.wasm?url')).default;
  await mod.default({ module_or_path: url });
  const old = ws;
  ws = new mod.Workspace();
  full = true;
  for (const [method, args] of replay) await run(0, method, args, false);
  old?.free();
}

const stateful = (method) => /^(load|clear|set|begin)/.test(method) && method !== 'beginLoad';
let extras = null;
const cancelled = new Set();
const CHUNK = 1 << 20; // 1 MiB pushes keep progress smooth and memory bounded

const tick = () => new Promise((r) => setTimeout(r, 0));

function errorPayload(e) {
  // A trap (typically memory exhausted inside a computation) leaves the wasm instance unusable:
  // the page is told to start a fresh worker.
  if (e instanceof WebAssembly.RuntimeError) {
    return {
      message: `E_TOO_LARGE: the computation ran out of browser memory (${e.message}); the loaded data was cleared. Load fewer regions, industries or years, or use the command-line tool.`,
      code: 'E_TOO_LARGE',
      location: null,
      fatal: true,
    };
  }
  return {
    message: String(e && e.message ? e.message : e),
    code: (e && e.code) || 'E_INTERNAL',
    location: (e && e.location) || null,
  };
}

/** The browser could not read a file (moved or changed since it was chosen, blob storage full). */
function readError(name, e) {
  if (!(e instanceof DOMException)) return e;
  return Object.assign(new Error(`E_INTERNAL: the browser could not read ${name} (${e.name}: ${e.message}); if it was moved or changed, choose it again. Nothing was loaded.`), {
    code: 'E_INTERNAL',
    location: { file: name },
  });
}

function cancelledError() {
  return Object.assign(new Error('E_CANCELLED: cancelled by the user; nothing was changed'), { code: 'E_CANCELLED' });
}

async function loadExtras() {
  if (!extras) {
    const mod = await import('../pkg/agglo_xlsx.js');
    const url = (await import('../pkg/agglo_xlsx_bg.wasm?url')).default;
    await mod.default({ module_or_path: url });
    extras = mod;
  }
  return extras;
}

const isXlsx = (name) => /\.xlsx$/i.test(name);
const isZip = (name) => /\.zip$/i.test(name);

async function bytesOf(id, file, phase) {
  if (file instanceof Uint8Array) return file;
  if (file instanceof ArrayBuffer) return new Uint8Array(file);
  const total = file.size;
  const out = new Uint8Array(total);
  for (let off = 0; off < total; off += CHUNK) {
    if (cancelled.has(id)) throw cancelledError();
    out.set(new Uint8Array(await file.slice(off, off + CHUNK).arrayBuffer()), off);
    postMessage({ id, type: 'progress', phase, done: Math.min(off + CHUNK, total), total });
    await tick();
  }
  return out;
}

/** Stream a delimited text file into the core. */
async function stream(id, { name, file, options }, asReference) {
  const blob = file instanceof Blob ? file : new Blob([file]);
  const total = blob.size;
  checkSize(name, total, 'text');
  ws.beginLoad(name, withLimits(options), asReference);
  try {
    for (let off = 0; off < total; off += CHUNK) {
      if (cancelled.has(id)) throw cancelledError();
      const chunk = new Uint8Array(await blob.slice(off, off + CHUNK).arrayBuffer());
      ws.push(chunk);
      postMessage({ id, type: 'progress', phase: `reading ${name}`, done: Math.min(off + CHUNK, total), total });
      await tick();
    }
    return ws.finishLoad();
  } catch (e) {
    ws.abortLoad();
    throw explainLimit(readError(name, e));
  }
}

async function loadTableFile(id, args, asReference) {
  const { name, file, options } = args;
  if (isXlsx(name)) {
    checkSize(name, file.size ?? file.byteLength, 'xlsx');
    const bytes = await bytesOf(id, file, `reading ${name}`);
    const x = await loadExtras();
    const table = x.xlsxToTable(bytes, options?.sheet ?? undefined);
    return ws.loadTable(name, table, withLimits(options), asReference);
  }
  return stream(id, args, asReference);
}

const special = {
  async inspect(id, { name, file, options }) {
    // Refused before the column dialog: the user learns at once that the file is too large.
    checkSize(name, file.size ?? file.byteLength, isXlsx(name) ? 'xlsx' : 'text');
    if (isXlsx(name)) {
      const bytes = await bytesOf(id, file, `reading ${name}`);
      const x = await loadExtras();
      const table = x.xlsxToTable(bytes, options?.sheet ?? undefined);
      return ws.inspectTable(name, table, options ?? null);
    }
    // Only the head of a large file is needed to propose roles.
    const head = file.size > 1 << 20 ? file.slice(0, 1 << 20) : file;
    return ws.inspect(name, await bytesOf(id, head, 'reading'), options ?? null);
  },
  loadData: (id, args) => loadTableFile(id, args, false),
  loadReference: (id, args) => loadTableFile(id, args, true),
  async loadBoundaries(id, { name, file, options, parts, regionCodes }) {
    checkSize(name, file.size ?? file.byteLength, 'boundaries');
    // The extras module does not see the loaded data: give it the region codes to propose the id.
    const extrasOptions = regionCodes && !options?.idField ? { ...(options ?? {}), regionCodes } : options ?? null;
    const bytes = await bytesOf(id, file, `reading ${name}`);
    // A Shapefile chosen as separate files: .shp (+ .dbf, .cpg, .prj). The extras module checks
    // the parts and bundles them as one zip, which the page keeps as the boundary file.
    if (parts || /\.shp$/i.test(name)) {
      const x = await loadExtras();
      const dbf = parts?.dbf ? await bytesOf(id, parts.dbf, `reading ${parts.dbf.name}`) : undefined;
      const text = async (f) => (f ? new TextDecoder().decode(await bytesOf(id, f, `reading ${f.name}`)) : undefined);
      const r = x.shapefilePartsToGeojson(bytes, dbf, await text(parts?.cpg), await text(parts?.prj), name, extrasOptions);
      const b = ws.loadBoundaries(name, new TextEncoder().encode(r.geojson), { idField: 'id' });
      return Object.assign(b, { zip: r.zip, zipName: r.zipName });
    }
    if (isZip(name)) {
      const x = await loadExtras();
      const { geojson } = x.shapefileToGeojson(bytes, name, extrasOptions);
      return ws.loadBoundaries(name, new TextEncoder().encode(geojson), { idField: 'id' });
    }
    return ws.loadBoundaries(name, bytes, options ?? null);
  },
  /** An XLSX sheet as a text grid, for methods that take a `table` (e.g. cluster definitions). */
  async xlsxTable(id, { name, file, sheet }) {
    const bytes = await bytesOf(id, file, `reading ${name}`);
    const x = await loadExtras();
    return x.xlsxToTable(bytes, sheet ?? undefined);
  },
  async exportXlsx(id, { rows, sheet }) {
    const x = await loadExtras();
    return x.rowsToXlsx({ rows, sheet });
  },
  async classBreaks(id, { values, k, method }) {
    return ws.classBreaks(values, k, method);
  },
  // Spatial view: LISA and Gi* with permutations run as a stepped job (localBegin / localStep /
  // localFinish in src/wasm/spatial.rs) so progress is posted and a cancel is seen between steps.
  async localStatistics(id, args) {
    let p = ws.localBegin(args);
    let last = 0;
    try {
      while (!p.finished) {
        if (performance.now() - last > 150) {
          // Throttled: every progress message re-renders the page.
          postMessage({ id, type: 'progress', phase: 'LISA and Gi* permutations', done: p.done, total: p.total });
          last = performance.now();
        }
        await tick();
        if (cancelled.has(id)) throw cancelledError();
        p = ws.localStep();
      }
      return ws.localFinish();
    } catch (e) {
      ws.localCancel();
      throw e;
    }
  },
};

/**
 * A generic stepped job (e.g. `networkAnalyse` in src/wasm/linkage.rs): `ws[method](args)` starts it
 * and `ws[method + 'Step']()` advances it by a bounded amount of work, both answering
 * {finished, phase, done, total, value}. Between steps the worker posts progress and yields, so a
 * cancel message is seen (then `ws[method + 'Cancel']()` drops the job).
 */
async function stepped(id, method, args) {
  let p = ws[method](args ?? null);
  while (!p.finished) {
    postMessage({ id, type: 'progress', phase: p.phase, done: p.done, total: p.total });
    await tick();
    if (cancelled.has(id)) {
      ws[`${method}Cancel`]?.();
      throw cancelledError();
    }
    p = ws[`${method}Step`]();
  }
  return p.value;
}

// Methods of the full module that the worker drives in steps (special entries use them).
const NEEDS_FULL = { localStatistics: 'localBegin' };

async function run(id, method, args, record = true) {
  // Special entries run in this worker unless they drive a method only the full module has.
  const probe = NEEDS_FULL[method] ?? (special[method] ? null : method);
  if (!full && probe && typeof ws[probe] !== 'function') await upgrade();
  let value;
  if (special[method]) value = await special[method](id, args ?? {});
  else if (typeof ws[`${method}Step`] === 'function') value = await stepped(id, method, args);
  else if (typeof ws[method] === 'function' && !method.startsWith('_') && method !== 'free') value = ws[method](args ?? null);
  else throw Object.assign(new Error(`E_INTERNAL: unknown method ${method}`), { code: 'E_INTERNAL' });
  if (record && stateful(method)) {
    // A new data file replaces the old one (unless it is appended): keep only what is still loaded.
    if (/^load(Data|Reference|Boundaries)$/.test(method) && !args?.options?.append) {
      for (let k = replay.length - 1; k >= 0; k--) if (replay[k][0] === method) replay.splice(k, 1);
    }
    replay.push([method, args]);
  }
  return value;
}

self.onmessage = async (ev) => {
  const msg = ev.data;
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    return;
  }
  const { id, method, args } = msg;
  try {
    await ready;
    ws ??= new CoreWorkspace();
    const value = await run(id, method, args);
    postMessage({ id, type: 'result', value });
  } catch (e) {
    postMessage({ id, type: 'error', error: errorPayload(e) });
  } finally {
    cancelled.delete(id);
  }
};
