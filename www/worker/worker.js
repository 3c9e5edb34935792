// The one Web Worker that hosts the wasm core. The main thread never computes: it posts
// {id, method, args}; this worker answers {id, type: 'result' | 'error' | 'progress'}.
// Files are streamed into the core in chunks, with progress; between chunks the worker yields to
// its event loop, so a {type: 'cancel', id} message is seen and the load abandoned without losing
// what was loaded before. XLSX workbooks and zipped Shapefiles go through the extras module, loaded
// the first time one is opened (so the first page load does not pay for it).
import init, { Workspace } from '../pkg/agglo.js';
import wasmUrl from '../pkg/agglo_bg.wasm?url';

const ready = init({ module_or_path: wasmUrl });
let ws = null;
let extras = null;
const cancelled = new Set();
const CHUNK = 1 << 20; // 1 MiB pushes keep progress smooth and memory bounded

const tick = () => new Promise((r) => setTimeout(r, 0));

function errorPayload(e) {
  return {
    message: String(e && e.message ? e.message : e),
    code: (e && e.code) || 'E_INTERNAL',
    location: (e && e.location) || null,
  };
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
async function stream(id, { name, file, options }, asReference, target = ws) {
  const blob = file instanceof Blob ? file : new Blob([file]);
  const total = blob.size;
  target.beginLoad(name, options ?? null, asReference);
  try {
    for (let off = 0; off < total; off += CHUNK) {
      if (cancelled.has(id)) throw cancelledError();
      const chunk = new Uint8Array(await blob.slice(off, off + CHUNK).arrayBuffer());
      target.push(chunk);
      postMessage({ id, type: 'progress', phase: `reading ${name}`, done: Math.min(off + CHUNK, total), total });
      await tick();
    }
    return target.finishLoad();
  } catch (e) {
    target.abortLoad();
    throw e;
  }
}

async function loadTableFile(id, args, asReference, target = ws) {
  const { name, file, options } = args;
  if (isXlsx(name)) {
    const bytes = await bytesOf(id, file, `reading ${name}`);
    const x = await loadExtras();
    const table = x.xlsxToTable(bytes, options?.sheet ?? undefined);
    return target.loadTable(name, table, options ?? null, asReference);
  }
  return stream(id, args, asReference, target);
}

// The linkage module (input-output tables and networks: the workspace plus that facade) is loaded
// the first time an `io…`/`network…` method is called. It holds its own workspace, into which the
// loaded data and reference are replayed (once per load), so its gap analysis sees the same panel.
let linkage = null;
const loads = { data: null, reference: null, version: 0 };
let linkageVersion = -1;
const isLinkage = (method) => /^(io|network)[A-Z]/.test(method);

async function linkageWorkspace(id) {
  if (!linkage) {
    const mod = await import('../pkg/agglo_linkage.js');
    const url = (await import('../pkg/agglo_linkage_bg.wasm?url')).default;
    await mod.default({ module_or_path: url });
    linkage = new mod.Workspace();
  }
  if (linkageVersion !== loads.version) {
    if (loads.data) await loadTableFile(id, loads.data, false, linkage);
    if (loads.reference) await loadTableFile(id, loads.reference, true, linkage);
    else linkage.clearReference();
    linkageVersion = loads.version;
  }
  return linkage;
}

/**
 * A stepped job (e.g. the network analysis): `ws[method](args)` starts it and `ws[method + 'Step']()`
 * advances it by a bounded amount of work, both answering {finished, phase, done, total, value}.
 * Between steps the worker posts progress and yields, so a cancel message is seen.
 */
async function stepped(id, method, args, target) {
  let p = target[method](args ?? null);
  while (!p.finished) {
    postMessage({ id, type: 'progress', phase: p.phase, done: p.done, total: p.total });
    await tick();
    if (cancelled.has(id)) {
      target[`${method}Cancel`]?.();
      throw cancelledError();
    }
    p = target[`${method}Step`]();
  }
  return p.value;
}

const special = {
  async inspect(id, { name, file, options }) {
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
  async loadData(id, args) {
    const out = await loadTableFile(id, args, false);
    loads.data = args;
    loads.version++;
    return out;
  },
  async loadReference(id, args) {
    const out = await loadTableFile(id, args, true);
    loads.reference = args;
    loads.version++;
    return out;
  },
  async clearReference() {
    ws.clearReference();
    loads.reference = null;
    loads.version++;
  },
  async loadBoundaries(id, { name, file, options }) {
    const bytes = await bytesOf(id, file, `reading ${name}`);
    if (isZip(name)) {
      const x = await loadExtras();
      const { geojson } = x.shapefileToGeojson(bytes, name, options ?? null);
      return ws.loadBoundaries(name, new TextEncoder().encode(geojson), { idField: 'id' });
    }
    return ws.loadBoundaries(name, bytes, options ?? null);
  },
  async classBreaks(id, { values, k, method }) {
    return ws.classBreaks(values, k, method);
  },
};

self.onmessage = async (ev) => {
  const msg = ev.data;
  if (msg.type === 'cancel') {
    cancelled.add(msg.id);
    return;
  }
  const { id, method, args } = msg;
  try {
    await ready;
    ws ??= new Workspace();
    let value;
    const target = isLinkage(method) ? await linkageWorkspace(id) : ws;
    if (special[method]) value = await special[method](id, args ?? {});
    else if (typeof target[`${method}Step`] === 'function') value = await stepped(id, method, args, target);
    else if (target !== ws && typeof target[method] === 'function') value = target[method](args ?? null);
    else if (typeof ws[method] === 'function' && !method.startsWith('_') && method !== 'free') value = ws[method](args ?? null);
    else throw Object.assign(new Error(`E_INTERNAL: unknown method ${method}`), { code: 'E_INTERNAL' });
    postMessage({ id, type: 'result', value });
  } catch (e) {
    postMessage({ id, type: 'error', error: errorPayload(e) });
  } finally {
    cancelled.delete(id);
  }
};
