// Agglo as an ES module: the same Rust core as the page and the CLI, for analysts' scripts.
//
//   import { loadPanel, locationQuotients } from 'agglo';
//   const panel = await loadPanel('ga.csv');                  // Node: a path; browser: File/Blob/URL
//   const rows = await locationQuotients(panel, { year: 2021, industry: '3141' });
//
// The wasm and, in browsers, the Web Worker that hosts it stay hidden: no init(), no .free().
// Results have the CLI's shape: flat snake_case rows.

const isNode = typeof process !== 'undefined' && !!process.versions?.node && typeof window === 'undefined';

/** One engine per panel: a Workspace in Node, a worker hosting one in browsers. */
async function engine() {
  if (isNode) {
    const [{ readFileSync }, mod] = await Promise.all([import('node:fs'), import('../pkg/agglo.js')]);
    if (!engine.ready) {
      mod.initSync({ module: readFileSync(new URL('../pkg/agglo_bg.wasm', import.meta.url)) });
      engine.ready = true;
    }
    const ws = new mod.Workspace();
    const call = async (method, args) => {
      try {
        if (method === 'loadData' || method === 'loadReference' || method === 'loadBoundaries' || method === 'inspect') {
          const bytes = args.file;
          if (method === 'inspect') return ws.inspect(args.name, bytes, args.options ?? null);
          if (method === 'loadBoundaries') return ws.loadBoundaries(args.name, bytes, args.options ?? null);
          ws.beginLoad(args.name, args.options ?? null, method === 'loadReference');
          for (let off = 0; off < bytes.length; off += 1 << 20) ws.push(bytes.subarray(off, off + (1 << 20)));
          return ws.finishLoad();
        }
        return ws[method](args ?? null);
      } catch (e) {
        throw toError(e);
      }
    };
    return { call, close: () => ws.free() };
  }
  const { createBridge } = await import('../worker/bridge.js');
  const bridge = createBridge();
  return { call: (method, args, opts) => bridge.call(method, args, opts), close: () => bridge.terminate() };
}

function toError(e) {
  const err = new Error(e?.message ?? String(e));
  err.name = 'AggloError';
  err.code = e?.code ?? 'E_INTERNAL';
  err.location = e?.location ?? null;
  return err;
}

async function readSource(source) {
  if (source instanceof Uint8Array) return { name: 'data', file: source };
  if (source instanceof ArrayBuffer) return { name: 'data', file: new Uint8Array(source) };
  if (typeof Blob !== 'undefined' && source instanceof Blob) {
    const file = isNode ? new Uint8Array(await source.arrayBuffer()) : source;
    return { name: source.name ?? 'data', file };
  }
  if (typeof source === 'string' || source instanceof URL) {
    if (isNode && !/^https?:/.test(String(source))) {
      const { readFileSync } = await import('node:fs');
      const { basename } = await import('node:path');
      const p = source instanceof URL ? source : String(source);
      return { name: basename(String(p)), file: new Uint8Array(readFileSync(p)) };
    }
    const r = await fetch(source);
    if (!r.ok) throw toError({ message: `E_EMPTY_FILE: cannot fetch ${source}: HTTP ${r.status}`, code: 'E_EMPTY_FILE' });
    const blob = await r.blob();
    const name = String(source).split('/').pop();
    return { name, file: isNode ? new Uint8Array(await blob.arrayBuffer()) : new File([blob], name) };
  }
  throw toError({ message: 'E_INVALID_PARAMETER: source must be a path, URL, File, Blob, ArrayBuffer or Uint8Array', code: 'E_INVALID_PARAMETER' });
}

const ENGINE = Symbol('engine');

/**
 * Load a panel (CSV/TSV; long or wide layout). Options as the page's role dialog:
 * `{ regionCol, industryCol, yearCol, valueCols, sheet, year, ... }`.
 */
export async function loadPanel(source, options = {}) {
  const e = await engine();
  const { name, file } = await readSource(source);
  const summary = await e.call('loadData', { name, file, options });
  return Object.freeze({ ...summary, [ENGINE]: e });
}

/** Use a reference economy (e.g. national totals by industry) for the panel's shares and LQs. */
export async function loadReference(panel, source, options = {}) {
  const { name, file } = await readSource(source);
  return panel[ENGINE].call('loadReference', { name, file, options });
}

/** Detected format, layout and proposed column roles of a file. */
export async function inspect(source, options = {}) {
  const e = await engine();
  try {
    const { name, file } = await readSource(source);
    return await e.call('inspect', { name, file, options });
  } finally {
    e.close();
  }
}

/**
 * Location quotients: rows `{region, industry, year, value, share_region, share_reference, lq}`,
 * the same as `agglo lq --format json`.
 */
export async function locationQuotients(panel, { year, industry, measure, reference } = {}) {
  const years = year === undefined ? panel.years : [year];
  const rows = [];
  for (const y of years) {
    const r = await panel[ENGINE].call('locationQuotients', { year: y, industry, measure, reference });
    for (let k = 0; k < r.lq.length; k++) {
      rows.push({
        region: panel.regions[r.region[k]],
        industry: panel.industries[r.industry[k]],
        year: r.year,
        value: r.value[k],
        share_region: r.shareRegion[k],
        share_reference: r.shareReference[k],
        lq: r.lq[k],
      });
    }
  }
  return rows;
}

/** Portfolio of one industry between two years: LQ, growth, quadrant per region. */
export async function portfolio(panel, { industry, yearStart, year, measure } = {}) {
  const p = await panel[ENGINE].call('portfolio', { industry, yearStart, year, measure });
  return { ...p, points: p.points.map((pt) => ({ ...pt, region: panel.regions[pt.region] })) };
}

/** Load region boundaries and join them to the panel: `{geojson, summary, join, warnings}`. */
export async function loadBoundaries(panel, source, options = {}) {
  const { name, file } = await readSource(source);
  return panel[ENGINE].call('loadBoundaries', { name, file, options });
}

/** Release the panel's engine (its worker in browsers). */
export function close(panel) {
  panel[ENGINE].close();
}
