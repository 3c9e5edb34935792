// The one Web Worker that hosts the wasm core. The main thread never computes: it posts
// {id, method, args}; this worker answers {id, type: 'result' | 'error' | 'progress'}.
// Long jobs run in steps and yield to the event loop between them, so a {type: 'cancel', id}
// message is seen and honoured without losing the loaded data.
import init, { Workspace } from '../pkg/agglo.js';
import wasmUrl from '../pkg/agglo_bg.wasm?url';

const ready = init({ module_or_path: wasmUrl });
let ws = null;
const cancelled = new Set();
const CHUNK = 4 << 20; // 4 MiB reads keep progress smooth and memory bounded

const tick = () => new Promise((r) => setTimeout(r, 0));

function errorPayload(e) {
  return {
    message: String(e && e.message ? e.message : e),
    code: (e && e.code) || 'E_INTERNAL',
    location: (e && e.location) || null,
  };
}

class Cancelled extends Error {
  constructor() {
    super('E_CANCELLED: cancelled by the user');
    this.code = 'E_CANCELLED';
  }
}

/** Read a File/Blob in chunks with progress; returns the bytes. */
async function readAll(id, file, phase) {
  const total = file.size;
  const out = new Uint8Array(total);
  for (let off = 0; off < total; off += CHUNK) {
    if (cancelled.has(id)) throw new Cancelled();
    const buf = new Uint8Array(await file.slice(off, off + CHUNK).arrayBuffer());
    out.set(buf, off);
    postMessage({ id, type: 'progress', phase, done: Math.min(off + CHUNK, total), total });
    await tick();
  }
  return out;
}

async function bytesOf(id, src, phase) {
  if (src instanceof Uint8Array) return src;
  if (src instanceof ArrayBuffer) return new Uint8Array(src);
  return readAll(id, src, phase);
}

const methods = {
  async inspect(id, { name, file, options }) {
    // Only the head of a large file is needed to propose roles.
    const head = file.size > 1 << 20 ? file.slice(0, 1 << 20) : file;
    const bytes = await bytesOf(id, head, 'reading');
    return ws.inspect(name, bytes, options ?? null);
  },
  async loadData(id, { name, file, options }) {
    const bytes = await bytesOf(id, file, 'reading');
    if (cancelled.has(id)) throw new Cancelled();
    postMessage({ id, type: 'progress', phase: 'parsing', done: 0, total: 1 });
    await tick();
    return ws.loadData(name, bytes, options ?? null);
  },
  async loadReference(id, { name, file, options }) {
    const bytes = await bytesOf(id, file, 'reading');
    return ws.loadReference(name, bytes, options ?? null);
  },
  async clearReference() {
    ws.clearReference();
    return true;
  },
  async loadBoundaries(id, { name, file, options }) {
    const bytes = await bytesOf(id, file, 'reading');
    return ws.loadBoundaries(name, bytes, options ?? null);
  },
  async join() {
    return ws.join();
  },
  async locationQuotients(id, options) {
    return ws.locationQuotients(options);
  },
  async portfolio(id, options) {
    return ws.portfolio(options);
  },
  async regionProfile(id, options) {
    return ws.regionProfile(options);
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
    const fn = methods[method];
    if (!fn) throw Object.assign(new Error(`E_INTERNAL: unknown method ${method}`), { code: 'E_INTERNAL' });
    const value = await fn(id, args ?? {});
    postMessage({ id, type: 'result', value });
  } catch (e) {
    postMessage({ id, type: 'error', error: errorPayload(e) });
  } finally {
    cancelled.delete(id);
  }
};
