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
    // Node loads the full module (clusters, spatial, input-output, networks) at once; browsers
    // start with the small one and the worker switches on demand.
    const [{ readFileSync }, mod] = await Promise.all([import('node:fs'), import('../pkg/agglo_full.js')]);
    if (!engine.ready) {
      mod.initSync({ module: readFileSync(new URL('../pkg/agglo_full_bg.wasm', import.meta.url)) });
      engine.ready = true;
    }
    const ws = new mod.Workspace();
    // Synchronous: a sequence of calls runs without another task's calls in between (the
    // input-output and network state of the module is shared by the workspaces of one process).
    const callNow = (method, args, opts = {}) => {
      if (method === 'loadData' || method === 'loadReference' || method === 'loadBoundaries' || method === 'inspect') {
        const bytes = args.file;
        if (method === 'inspect') return ws.inspect(args.name, bytes, args.options ?? null);
        if (method === 'loadBoundaries') return ws.loadBoundaries(args.name, bytes, args.options ?? null);
        ws.beginLoad(args.name, args.options ?? null, method === 'loadReference');
        for (let off = 0; off < bytes.length; off += 1 << 20) ws.push(bytes.subarray(off, off + (1 << 20)));
        return ws.finishLoad();
      }
      if (typeof ws[`${method}Step`] === 'function') return stepped(ws, method, args, opts);
      return ws[method](args ?? null);
    };
    const guard = async (f) => {
      try {
        return await f();
      } catch (e) {
        throw toError(e);
      }
    };
    return {
      call: (method, args, opts) => guard(() => callNow(method, args, opts)),
      seq: (steps) => guard(() => steps.map(([m, a]) => callNow(m, a))),
      close: () => ws.free(),
    };
  }
  const { createBridge } = await import('../worker/bridge.js');
  const bridge = createBridge();
  const call = (method, args, opts) => bridge.call(method, args, opts);
  return {
    call,
    // One worker per engine: its calls already run one after another.
    seq: async (steps) => {
      const out = [];
      for (const [m, a] of steps) out.push(await call(m, a));
      return out;
    },
    close: () => bridge.terminate(),
  };
}

/**
 * A stepped job in Node (as the browser worker drives it): `ws[method](args)` starts it,
 * `ws[method + 'Step']()` advances it; progress goes to `onProgress`, an aborted `signal` cancels
 * it between steps.
 */
async function stepped(ws, method, args, { onProgress, signal } = {}) {
  let p = ws[method](args ?? null);
  while (!p.finished) {
    onProgress?.({ phase: p.phase, done: p.done, total: p.total });
    await new Promise((r) => setImmediate(r));
    if (signal?.aborted) {
      ws[`${method}Cancel`]?.();
      throw { message: 'E_CANCELLED: cancelled by the user', code: 'E_CANCELLED' };
    }
    p = ws[`${method}Step`]();
  }
  return p.value;
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

/** The bytes of a source (input-output tables, crosswalks, edge lists are read whole). */
async function bytesOf(source) {
  const { name, file } = await readSource(source);
  return { name, bytes: file instanceof Uint8Array ? file : new Uint8Array(await file.arrayBuffer()) };
}

/** `ioLoadTable` options from `{table}` or `{make, use}` (+ `crosswalk`), each a Source. */
async function ioSources({ table, make, use, crosswalk, finalDemandColumns, totalOutput, strictNegative } = {}) {
  const o = { finalDemandColumns, totalOutput, strictNegative: !!strictNegative };
  if (table !== undefined) {
    const t = await bytesOf(table);
    Object.assign(o, { table: t.bytes, name: t.name });
  } else if (make !== undefined && use !== undefined) {
    const [m, u] = await Promise.all([bytesOf(make), bytesOf(use)]);
    Object.assign(o, { make: m.bytes, makeName: m.name, use: u.bytes, useName: u.name });
  } else {
    throw toError({ message: 'E_INVALID_PARAMETER: give a flow table (table), or a Make and a Use table (make, use)', code: 'E_INVALID_PARAMETER' });
  }
  if (crosswalk !== undefined) {
    const c = await bytesOf(crosswalk);
    Object.assign(o, { crosswalk: c.bytes, crosswalkName: c.name });
  }
  return o;
}

const arr = (v) => (v == null ? null : Array.from(v));

/**
 * Input-output model of a square flow table (`{table}`) or a Make/Use pair (`{make, use}`,
 * industry-technology assumption): the fields of `agglo io --format json` (without `a` and `l`) plus
 * hypothetical extraction up to 1 500 sectors. `forward`: `'ghosh'` (default) or `'leontief_row'`.
 */
export async function inputOutput(sources, { forward } = {}) {
  const e = await engine();
  try {
    const load = await ioSources(sources);
    const [, m] = await e.seq([
      ['ioLoadTable', load],
      ['ioModel', { forward }],
    ]);
    const n = m.sectors.length;
    const out = {
      sectors: m.sectors,
      names: m.names,
      output: arr(m.output),
      output_multipliers: { direct: arr(m.direct), indirect: arr(m.indirect), total: arr(m.total) },
      backward_linkage: arr(m.backward),
      forward_linkage: arr(m.forward),
      forward_method: m.forwardMethod,
      key_sector: m.keySector,
      extraction: m.extraction
        ? Array.from({ length: n }, (_, k) => ({ total_linkage: m.extraction[k], share_of_output: m.extractionShare[k] }))
        : null,
      warnings: m.warnings,
    };
    if (m.valueAddedTypeI) {
      out.value_added_multipliers = { coefficients: arr(m.valueAddedCoefficient), type_i: Array.from(m.valueAddedTypeI, (v) => (Number.isNaN(v) ? null : v)) };
    }
    if (m.employmentTotal) {
      out.employment_multipliers = { total: arr(m.employmentTotal), type_i: Array.from(m.employmentTypeI, (v) => (Number.isNaN(v) ? null : v)) };
    }
    return out;
  } finally {
    e.close();
  }
}

/**
 * Supplier gaps of a cluster in a region, from the panel's employment and an input-output table
 * regionalised with FLQ (`method: 'flq'`, `delta` 0.3) or SLQ: the fields of `agglo gaps`.
 * `{table}` or `{make, use}`, `crosswalk` (data codes → table sectors), `region`, and `cluster`
 * (code or name in `definitions`, default the US Cluster Mapping definitions) or `industries`.
 */
export async function supplierGaps(panel, { table, make, use, crosswalk, definitions, region, cluster, industries, method, delta, year, measure, reference } = {}) {
  if (crosswalk === undefined) {
    throw toError({ message: 'E_INVALID_PARAMETER: supplierGaps needs a crosswalk from the data industry codes to the table sectors', code: 'E_INVALID_PARAMETER' });
  }
  const load = await ioSources({ table, make, use, crosswalk });
  const steps = [['ioLoadTable', load]];
  if (!industries?.length) {
    const d = await bytesOf(definitions ?? new URL('../../data/cluster_definitions_uscmp.csv', import.meta.url));
    steps.push(['ioLoadDefinitions', { definitions: d.bytes, name: d.name }]);
  }
  const args = { region, cluster, industries, method, delta, year, measure, reference };
  steps.push(['ioSupplierGaps', args], ['ioRegionalMultipliers', args]);
  const res = await panel[ENGINE].seq(steps);
  const [g, rm] = res.slice(-2);
  return {
    region: g.region,
    year: g.year,
    cluster: { code: g.clusterCode, name: g.clusterName, industries_in_region: g.clusterIndustries },
    method: g.method,
    delta: g.delta,
    lambda: g.lambda,
    reference: g.reference,
    total_requirement: g.totalRequirement,
    total_local_supply: g.totalLocalSupply,
    total_gap: g.totalGap,
    cluster_output: g.clusterOutput.map(([sector, output]) => ({ sector, output })),
    rows: g.rows,
    regional_multipliers: rm.sectors.map((sector, k) => ({
      sector,
      name: rm.names[k],
      national: rm.national[k],
      regional: rm.regional[k],
      slq: Number.isNaN(rm.slq[k]) ? null : rm.slq[k],
      regional_employment: rm.regionalEmployment[k],
    })),
    warnings: g.warnings,
  };
}

/**
 * Communities and centralities of a network: `{edges}` (edge list: source, target, optional
 * weight) and optionally `{nodes}` (node table; `groupCol` adds Gould-Fernandez brokerage roles).
 * `backbone`: `{kind: 'threshold' | 'percentile', value}`, `{kind: 'maximum_spanning_tree'}` or
 * `{kind: 'disparity', alpha}` keeps only the strongest edges before the analysis.
 * The fields of `agglo graph --format json`, plus components, articulation points and bridges.
 * Large graphs run in steps: `onProgress({phase, done, total})`, cancel with `signal`.
 */
export async function analyseNetwork({ edges, nodes } = {}, options = {}) {
  const { sourceCol, targetCol, weightCol, groupCol, directed, duplicates, selfLoops, backbone, communities, resolution, seed, distance, onProgress, signal } = options;
  if (edges === undefined) throw toError({ message: 'E_INVALID_PARAMETER: analyseNetwork needs an edge list (edges)', code: 'E_INVALID_PARAMETER' });
  const e = await engine();
  try {
    const el = await bytesOf(edges);
    const nt = nodes === undefined ? null : await bytesOf(nodes);
    const load = { edges: el.bytes, name: el.name, sourceCol, targetCol, weightCol, groupCol, directed: !!directed, duplicates, selfLoops, backbone };
    if (nt) Object.assign(load, { nodes: nt.bytes, nodesName: nt.name });
    const [info] = await e.seq([['networkLoad', load]]);
    const r = await e.call('networkAnalyse', { method: communities, resolution, seed, distance }, { onProgress, signal });
    const ids = r.ids;
    const out = {
      directed: r.directed,
      n_nodes: r.nNodes,
      n_edges: r.nEdges,
      density: r.density,
      modularity: r.modularity,
      n_communities: r.nCommunities,
      n_components: r.nComponents,
      nodes: ids.map((id, i) => {
        const v = {
          id,
          degree: r.degree[i],
          strength: r.strength[i],
          betweenness: r.betweenness ? r.betweenness[i] : null,
          closeness: r.closeness ? r.closeness[i] : null,
          pagerank: r.pagerank[i],
          eigenvector: r.eigenvector ? r.eigenvector[i] : null,
          community: r.community ? r.community[i] : null,
          component: r.component[i],
          articulation_point: r.articulation[i] === 1,
        };
        if (r.group) v.group = r.group[i];
        if (r.brokerage) v.brokerage = r.brokerage[i];
        return v;
      }),
      edges: Array.from(r.edgeSource, (s, k) => ({ source: ids[s], target: ids[r.edgeTarget[k]], weight: r.edgeWeight[k] })),
      bridges: r.bridges.map(([a, b]) => ({ source: a, target: b })),
      warnings: info.warnings,
    };
    return out;
  } finally {
    e.close();
  }
}

/** Release the panel's engine (its worker in browsers). */
export function close(panel) {
  panel[ENGINE].close();
}
