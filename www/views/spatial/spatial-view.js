// "Spatial clusters" tab: where is the chosen industry spatially clustered, is it significant, and
// which groups of neighbouring regions form one cluster across administrative borders?
// Map modes (LISA clusters, significance, Gi* hot/cold spots, neighbour counts), a Moran scatter
// plot linked to the map (click or shift-click either, or drag a rectangle on the plot), the
// weights summary with islands, the hot-spot groups beside the map, table twins and a text summary.
// Every number comes from the core (src/wasm/spatial.rs); LISA and Gi* run as a stepped job in the
// worker with progress and cancel.
import { css, html, nothing } from 'lit';
import { choropleth, categoricalLegend } from '../map/choropleth.js';
import { dataTable, download } from '../table/table.js';
import { imageExport } from '../export.js';
import { fmt, fmtInt } from '../format.js';
import { CLASSES, classInfo, fillOf, gistarClass, patternDefs, significanceClass, weightsClass } from './classes.js';
import { moranScatter, scatterLayout } from './scatter.js';
import { contextOf, idOf } from '../clusters/context.js';

const MODES = [
  ['lisa', 'LISA clusters'],
  ['significance', 'Significance'],
  ['gistar', 'Gi* hot and cold spots'],
  ['weights', 'Neighbours and islands'],
];

const DEFAULTS = {
  indicator: 'lq',
  missing: 'zero',
  weights: 'queen',
  order: 1,
  cluster: '',
  fallback: 'islands',
  tolerance: 0,
  k: 5,
  band: 0.5,
  transform: 'r',
  permutations: 999,
  seed: 12345,
  alpha: 0.05,
  adjust: 'none',
  star: true,
  adminPrefix: 2,
};

const ADJUST = { none: 'no adjustment', fdr: 'false discovery rate (Benjamini–Hochberg)', bonferroni: 'Bonferroni' };

export class SpatialView {
  static id = 'spatial';
  static label = 'Spatial clusters';
  static styles = css`
    .sp-controls { display: flex; flex-wrap: wrap; gap: 0.8em 1.2em; align-items: end; }
    .sp-controls label { display: flex; flex-direction: column; font-size: 0.9rem; }
    .sp-controls input[type='number'] { font: inherit; width: 6em; padding: 0.2em; }
    .sp-controls fieldset { margin: 0; padding: 0.2em 0.6em; font-size: 0.9rem; }
    .sp-controls fieldset label { flex-direction: row; gap: 0.3em; align-items: center; }
    .sp-controls .missing { border: 2px solid var(--agglo-accent); }
    .sp-controls label.button { display: inline-block; font-size: 0.9rem; }
    .sp-modes { display: flex; flex-wrap: wrap; gap: 0.3em; margin-bottom: 0.4em; }
    .sp-modes button[aria-pressed='true'] { background: var(--agglo-accent); color: var(--agglo-accent-fg); }
    .sp-grid { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16em, 2fr); gap: 1em; }
    @media (max-width: 900px) { .sp-grid { grid-template-columns: 1fr; } }
    svg.map path.region.highlight { stroke: var(--agglo-strong-line); stroke-width: 2; stroke-dasharray: 3 2; }
    svg.map .map-labels text { font-size: 8px; font-weight: 700; fill: #000; stroke: #fff; stroke-width: 2.2px; paint-order: stroke; pointer-events: none; }
    .groups ol { padding-left: 1.2em; margin: 0.3em 0; }
    .groups li { margin-bottom: 0.6em; }
    .groups li.active { background: var(--agglo-highlight-bg); }
    .groups .units { color: var(--agglo-muted); font-size: 0.85rem; }
    svg.scatter .brush-area { fill: transparent; cursor: crosshair; }
    svg.scatter .brush { fill: rgb(0 94 162 / 0.12); stroke: var(--agglo-accent); stroke-dasharray: 4 2; pointer-events: none; }
    svg.scatter .slope { stroke: var(--agglo-alert); stroke-width: 1.5; }
    svg.scatter .point { stroke: var(--agglo-fg); stroke-width: 0.7; cursor: pointer; }
    svg.scatter .point.highlight, svg.scatter .point.selected { stroke: var(--agglo-strong-line); stroke-width: 2.5; }
    svg.scatter .point:focus-visible { outline: none; stroke: var(--agglo-focus); stroke-width: 3; }
    .sp-facts { display: grid; grid-template-columns: auto auto; gap: 0.1em 1em; margin: 0.3em 0; font-size: 0.9rem; }
    .sp-facts dd { text-align: right; margin: 0; }
    .sp-note { font-size: 0.85rem; color: var(--agglo-muted); }
    .sp-selected { font-size: 0.9rem; }
  `;

  constructor(host) {
    this.host = host;
    host.addController(this);
    this.opts = { ...DEFAULTS };
    this.mode = 'lisa';
    this.result = null;
    this.version = 0;
    this.lastKey = null;
    this.running = false;
    this.brushed = new Set();
    this.brush = null;
    this.activeGroup = null;
    this.weightsFile = null; // {name, text} of an imported GeoDa .gal / .gwt
    this.sorts = { lisa: { key: 'p_sim', dir: 1 }, g: { key: 'z', dir: -1 }, hist: { key: 'neighbours', dir: 1 } };
  }

  hostConnected() {}

  /** Saved with the session: the options and the map mode (results are recomputed). */
  getState() {
    return { opts: this.opts, mode: this.mode, weightsFile: this.weightsFile };
  }

  setState(state) {
    if (!state) return;
    const known = Object.fromEntries(Object.entries(state.opts ?? {}).filter(([k, v]) => k in DEFAULTS && typeof v === typeof DEFAULTS[k]));
    this.opts = { ...DEFAULTS, ...known };
    if (MODES.some(([m]) => m === state.mode)) this.mode = state.mode;
    const f = state.weightsFile;
    this.weightsFile = f && typeof f.name === 'string' && typeof f.text === 'string' ? { name: f.name, text: f.text } : null;
    this.lastKey = null;
  }

  onData() {
    this.version++;
    this.host.requestUpdate();
  }

  // ---------- computing ----------

  args() {
    const s = this.host.state;
    const o = this.opts;
    const weights = o.weights === 'knn' ? `knn:${o.k}` : o.weights === 'band' ? `band:${o.band}` : o.weights;
    const contiguity = o.weights === 'queen' || o.weights === 'rook';
    return {
      industry: s.industry,
      cluster: o.indicator === 'cluster_lq' ? this.clusterCode() ?? undefined : undefined,
      order: contiguity && !this.weightsFile ? o.order : 1,
      year: s.year,
      yearStart: s.yearStart ?? undefined,
      indicator: o.indicator,
      missing: o.missing,
      weights,
      fallback: o.fallback,
      tolerance: o.tolerance,
      weightsFile: this.weightsFile ?? undefined,
      transform: o.transform,
      permutations: o.permutations,
      seed: o.seed,
      alpha: o.alpha,
      adjust: o.adjust,
      star: o.star,
      adminPrefix: o.adminPrefix,
    };
  }

  key() {
    const s = this.host.state;
    const defs = this.opts.indicator === 'cluster_lq' ? contextOf(this.host).version : 0;
    return JSON.stringify([this.version, defs, s.boundaries?.file ?? null, s.reference?.file ?? null, this.args()]);
  }

  set(patch) {
    this.opts = { ...this.opts, ...patch };
    this.host.requestUpdate();
  }

  async run() {
    if (this.running) return;
    const key = this.key();
    this.lastKey = key;
    this.running = true;
    const host = this.host;
    const args = this.args();
    try {
      // The stepped (cancellable) job first: a cancel stops the whole run.
      const local = await host.call('localStatistics', args, `LISA and Gi* (${args.permutations} permutations)`);
      const weights = await host.call('spatialWeights', args, 'building spatial weights');
      const global = await host.call('spatialGlobal', args, `global Moran's I (${args.permutations} permutations)`);
      this.result = { weights, global, local, args, layout: scatterLayout(local.lisa.zValue, local.lisa.lag) };
      this.brushed = new Set();
      this.activeGroup = null;
      host.announce(this.summary());
    } catch (e) {
      this.result = null;
      if (e?.code === 'E_CANCELLED') host.announce('Spatial statistics cancelled; press “Run again” to restart.');
    } finally {
      this.running = false;
      host.requestUpdate();
    }
  }

  // ---------- selection and brushing ----------

  select(id, ev) {
    if (ev?.shiftKey) {
      const b = new Set(this.brushed);
      if (b.has(id)) b.delete(id);
      else b.add(id);
      this.brushed = b;
      this.activeGroup = null;
      this.host.announce(`${b.size} regions highlighted on the map and the scatter plot.`);
      this.host.requestUpdate();
      return;
    }
    this.host.selectRegion(id);
  }

  highlightGroup(g) {
    this.activeGroup = g.group;
    this.brushed = new Set(g.ids);
    this.host.announce(`Group ${g.group} highlighted: ${g.names.map((n, k) => n || g.ids[k]).join(', ')}.`);
    this.host.requestUpdate();
  }

  clearBrush() {
    this.brushed = new Set();
    this.activeGroup = null;
    this.brush = null;
    this.host.requestUpdate();
  }

  svgPoint(ev) {
    const svgEl = ev.currentTarget.ownerSVGElement;
    const pt = svgEl.createSVGPoint();
    pt.x = ev.clientX;
    pt.y = ev.clientY;
    const p = pt.matrixTransform(svgEl.getScreenCTM().inverse());
    return [p.x, p.y];
  }

  brushHandlers() {
    return {
      down: (ev) => {
        const [x, y] = this.svgPoint(ev);
        ev.currentTarget.setPointerCapture?.(ev.pointerId);
        this.brush = { x0: x, y0: y, x1: x, y1: y };
        this.host.requestUpdate();
      },
      move: (ev) => {
        if (!this.brush) return;
        const [x, y] = this.svgPoint(ev);
        this.brush = { ...this.brush, x1: x, y1: y };
        this.host.requestUpdate();
      },
      up: () => {
        const b = this.brush;
        this.brush = null;
        if (!b || !this.result) return;
        const { sx, sy } = this.result.layout;
        const [xa, xb] = [Math.min(b.x0, b.x1), Math.max(b.x0, b.x1)];
        const [ya, yb] = [Math.min(b.y0, b.y1), Math.max(b.y0, b.y1)];
        const l = this.result.local;
        const inside = new Set();
        if (xb - xa > 2 || yb - ya > 2) {
          l.ids.forEach((id, k) => {
            const px = sx(l.lisa.zValue[k]);
            const py = sy(l.lisa.lag[k]);
            if (px >= xa && px <= xb && py >= ya && py <= yb && l.lisa.quadrant[k]) inside.add(id);
          });
        }
        this.brushed = inside;
        this.activeGroup = null;
        this.host.announce(`${inside.size} regions brushed on the scatter plot and highlighted on the map.`);
        this.host.requestUpdate();
      },
    };
  }

  // ---------- text ----------

  /** The chosen cluster of the cluster LQ: the user's pick if the mapping has it, else the first. */
  clusterCode() {
    const ctx = contextOf(this.host);
    const list = ctx.ready ? ctx.mapping.clusters : [];
    if (list.some((c) => c.code === this.opts.cluster)) return this.opts.cluster;
    return list[0]?.code ?? null;
  }

  indicatorLabel(r = this.result) {
    const s = this.host.state;
    const ind = r?.local?.indicator ?? this.opts.indicator;
    const measure = this.measureName();
    if (ind === 'cluster_lq') {
      const code = r?.args?.cluster ?? this.clusterCode();
      return `LQ of cluster ${contextOf(this.host).clusterName(code)} (${code}) in ${r?.local?.year ?? s.year}`;
    }
    if (ind === 'density') return `${measure} per km² in ${this.host.industryLabel()}, ${r?.local?.year ?? s.year}`;
    if (ind === 'lq') return `LQ of ${this.host.industryLabel()} in ${r?.local?.year ?? s.year}`;
    if (ind === 'value') return `${measure} in ${this.host.industryLabel()}, ${r?.local?.year ?? s.year}`;
    return `change in ${measure} in ${this.host.industryLabel()}, ${r?.local?.yearStart ?? s.yearStart}–${r?.local?.year ?? s.year}`;
  }

  measureName() {
    return this.host.state.lq?.measure ?? 'employment';
  }

  counts() {
    const l = this.result.local;
    const c = { HH: 0, LL: 0, LH: 0, HL: 0, not_significant: 0, island: 0 };
    for (const k of l.lisa.cluster) c[k]++;
    const g = { hot: 0, cold: 0, not_significant: 0, island: 0 };
    if (l.g) for (const k of l.g.spot) g[k]++;
    return { c, g };
  }

  summary() {
    const { weights: w, global, local: l, args } = this.result;
    const m = global.moran;
    const { c, g } = this.counts();
    const named = (grp) => grp.ids.map((id, k) => `${grp.names[k] || id} (${id})`).join(', ');
    const first = l.lisaGroups[0];
    const missing =
      args.missing === 'zero'
        ? `${l.filledZero.length} of ${l.boundaries} regions without a published cell are counted as zero`
        : `${l.excluded.length} of ${l.boundaries} regions without a published cell are excluded, leaving ${l.n}`;
    const pattern = m.p_sim !== null && m.p_sim <= args.alpha ? (m.i > m.expected_i ? 'clustered (similar values are neighbours)' : 'dispersed (dissimilar values are neighbours)') : 'not significantly different from a random arrangement';
    return (
      `${this.indicatorLabel()}: ${missing}; ${w.weightsKind} weights (${w.transform === 'row' ? 'row-standardised' : w.transform}), ` +
      `${w.links} links, ${w.islands.length} island${w.islands.length === 1 ? '' : 's'}, ${w.components} connected component${w.components === 1 ? '' : 's'}. ` +
      `Global Moran's I = ${fmt(m.i, 3)} (expected ${fmt(m.expected_i, 3)}, z = ${fmt(m.z_rand)}, pseudo p = ${m.p_sim === null ? '–' : fmt(m.p_sim, 3)} with ${m.permutations} permutations): the values are ${pattern}. ` +
      `LISA at ${args.alpha} (${ADJUST[args.adjust]}): ${c.HH} High–High, ${c.LL} Low–Low, ${c.LH} Low–High, ${c.HL} High–Low, ${c.not_significant} not significant` +
      (c.island ? `, ${c.island} islands not tested` : '') +
      `. ` +
      (l.g ? `${l.g.star ? 'Gi*' : 'Gi'}: ${g.hot} hot and ${g.cold} cold spots. ` : `Gi* not computed: ${l.gError}. `) +
      (first
        ? `${l.lisaGroups.length} group${l.lisaGroups.length === 1 ? '' : 's'} of neighbouring High–High regions; the largest: ${named(first)}, ${first.crosses_border ? 'crossing the borders between administrative units' : 'within administrative unit'} ${first.admin_units.join(', ')}.`
        : 'No group of significant High–High regions.')
    );
  }

  // ---------- rendering ----------

  render() {
    const s = this.host.state;
    if (!s.boundaries) return html`<section class="panel"><h2>Spatial clusters</h2><p>Add a boundary file (GeoJSON, TopoJSON, or a Shapefile as .zip or .shp with its .dbf) of the regions to find spatial clusters.</p></section>`;
    // The cluster LQ needs the cluster definitions the cluster views use (loaded once, shared).
    const ctx = contextOf(this.host);
    const waiting = this.opts.indicator === 'cluster_lq' && !ctx.ready;
    if (waiting && s.data && ctx.failedFor !== idOf(s.data)) queueMicrotask(() => ctx.ensure());
    if (!waiting && !this.running && this.key() !== this.lastKey) queueMicrotask(() => this.run());
    const r = this.result;
    return html`
      ${this.renderControls()}
      ${r
        ? html`<p class="summary" id="spatial-summary">${this.summary()}</p>
            ${this.renderWarnings()}
            <div class="sp-grid">
              <section class="panel map-panel" aria-labelledby="sp-map-h">${this.renderMap()}</section>
              <section class="panel groups" aria-labelledby="sp-groups-h" id="hotspot-groups">${this.renderGroups()}</section>
            </div>
            <div class="sp-grid">
              <section class="panel" aria-labelledby="sp-scatter-h">${this.renderScatter()}</section>
              <section class="panel" aria-labelledby="sp-weights-h" id="weights-summary">${this.renderWeights()}</section>
            </div>
            ${this.renderTables()}`
        : html`<p class="sp-note">${this.running ? 'Computing spatial statistics…' : html`No results. <button class="button" id="sp-run" @click=${() => this.run()}>Run again</button>`}</p>`}
    `;
  }

  renderControls() {
    const o = this.opts;
    const s = this.host.state;
    const num = (key, label, attrs = {}) => html`<label
      >${label}
      <input type="number" id=${`sp-${key}`} .value=${String(o[key])} min=${attrs.min ?? nothing} max=${attrs.max ?? nothing} step=${attrs.step ?? 'any'}
        @change=${(e) => { const v = Number(e.target.value); if (e.target.value !== '' && Number.isFinite(v)) this.set({ [key]: v }); }} />
    </label>`;
    return html`<section class="panel" aria-labelledby="sp-controls-h">
      <h2 id="sp-controls-h">Spatial clusters of ${this.host.industryLabel()}, ${s.year}</h2>
      <div class="sp-controls">
        <label>Indicator
          <select id="sp-indicator" @change=${(e) => this.set({ indicator: e.target.value })}>
            <option value="lq" ?selected=${o.indicator === 'lq'}>Location quotient (LQ)</option>
            <option value="value" ?selected=${o.indicator === 'value'}>${this.measureName()}</option>
            <option value="growth" ?selected=${o.indicator === 'growth'} ?disabled=${!(s.yearStart !== null && s.yearStart < s.year)}>Growth: change ${s.yearStart ?? ''}–${s.year}</option>
            <option value="density" ?selected=${o.indicator === 'density'}>Density: ${this.measureName()} per km² (boundary area)</option>
            <option value="cluster_lq" ?selected=${o.indicator === 'cluster_lq'}>LQ of a cluster (cluster definitions)</option>
          </select>
        </label>
        ${o.indicator === 'cluster_lq' ? this.renderClusterPicker() : nothing}
        <fieldset class="missing">
          <legend>Regions without a published cell</legend>
          <label><input type="radio" name="sp-missing" id="sp-missing-zero" value="zero" ?checked=${o.missing === 'zero'} @change=${() => this.set({ missing: 'zero' })} /> count as zero</label>
          <label><input type="radio" name="sp-missing" id="sp-missing-exclude" value="exclude" ?checked=${o.missing === 'exclude'} @change=${() => this.set({ missing: 'exclude' })} /> exclude</label>
        </fieldset>
        <label>Neighbours (weights)
          <select id="sp-weights" @change=${(e) => this.set({ weights: e.target.value })}>
            <option value="queen" ?selected=${o.weights === 'queen'}>Queen contiguity (shared point)</option>
            <option value="rook" ?selected=${o.weights === 'rook'}>Rook contiguity (shared edge)</option>
            <option value="knn" ?selected=${o.weights === 'knn'}>k nearest centroids</option>
            <option value="band" ?selected=${o.weights === 'band'}>Distance band (centroids)</option>
          </select>
        </label>
        ${o.weights === 'queen' || o.weights === 'rook'
          ? html`<label>Order
              <select id="sp-order" @change=${(e) => this.set({ order: Number(e.target.value) })}>
                <option value="1" ?selected=${o.order === 1}>1: neighbours</option>
                <option value="2" ?selected=${o.order === 2}>2: neighbours of neighbours</option>
                <option value="3" ?selected=${o.order === 3}>3: three steps away</option>
              </select>
            </label>`
          : nothing}
        ${o.weights === 'knn' ? num('k', 'k', { min: 1, step: 1 }) : nothing}
        ${o.weights === 'band' ? num('band', 'Band (coordinate units)', { min: 0 }) : nothing}
        ${o.weights === 'queen' || o.weights === 'rook'
          ? html`<label>Imperfect boundaries
                <select id="sp-fallback" @change=${(e) => this.set({ fallback: e.target.value })}>
                  <option value="islands" ?selected=${o.fallback === 'islands'}>Check regions without neighbours</option>
                  <option value="all" ?selected=${o.fallback === 'all'}>Check all: boundaries within the tolerance touch</option>
                  <option value="off" ?selected=${o.fallback === 'off'}>Exact shared vertices only</option>
                </select>
              </label>
              ${num('tolerance', 'Snapping tolerance (coordinate units)', { min: 0 })}`
          : nothing}
        <div class="sp-file">
          <label class="button" for="sp-weights-file">Use GeoDa weights (.gal, .gwt)…</label>
          <input type="file" id="sp-weights-file" accept=".gal,.gwt" @change=${(e) => this.importWeights(e.target)} />
        </div>
        ${this.weightsFile
          ? html`<p class="sp-note" id="sp-weights-imported">Using the weights of <strong>${this.weightsFile.name}</strong> instead of the choice above.
              <button class="link" id="sp-weights-drop" @click=${() => { this.weightsFile = null; this.host.requestUpdate(); }}>Use the computed weights again</button></p>`
          : nothing}
        <label>Transform
          <select id="sp-transform" @change=${(e) => this.set({ transform: e.target.value })}>
            <option value="r" ?selected=${o.transform === 'r'}>Row-standardised</option>
            <option value="b" ?selected=${o.transform === 'b'}>Binary</option>
          </select>
        </label>
        ${num('permutations', 'Permutations', { min: 0, max: 1000000, step: 1 })}
        ${num('seed', 'Seed', { min: 0, step: 1 })}
        <label>Significance level
          <select id="sp-alpha" @change=${(e) => this.set({ alpha: Number(e.target.value) })}>
            ${[0.1, 0.05, 0.01, 0.001].map((a) => html`<option value=${a} ?selected=${o.alpha === a}>${a}</option>`)}
          </select>
        </label>
        <label>Multiple testing
          <select id="sp-adjust" @change=${(e) => this.set({ adjust: e.target.value })}>
            <option value="none" ?selected=${o.adjust === 'none'}>None</option>
            <option value="fdr" ?selected=${o.adjust === 'fdr'}>False discovery rate</option>
            <option value="bonferroni" ?selected=${o.adjust === 'bonferroni'}>Bonferroni</option>
          </select>
        </label>
        <label>Getis-Ord
          <select id="sp-star" @change=${(e) => this.set({ star: e.target.value === 'star' })}>
            <option value="star" ?selected=${o.star}>Gi* (region included)</option>
            <option value="gi" ?selected=${!o.star}>Gi (neighbours only)</option>
          </select>
        </label>
        ${num('adminPrefix', 'Administrative unit = first N characters of the code', { min: 1, step: 1 })}
      </div>
      <p class="sp-note">
        Counting a missing cell as zero treats “no published employment” as none (right for County Business Patterns, where a missing row means no establishment); “exclude” drops those regions
        and their links from the weights, so fewer regions are tested and some may become islands. Growth is the change of ${this.measureName()} (v1 − v0) between the “Growth from” year and the selected year.
        Density is ${this.measureName()} per km² of the region's boundary polygons (geodesic area on the WGS84 ellipsoid; planar area in metres for projected boundaries).
        The cluster LQ sums the industries into the clusters of the cluster tabs' definitions (all-industry base). A contiguity order of 2 links the regions two steps apart that are not direct neighbours.
      </p>
    </section>`;
  }

  /** The cluster of the cluster LQ, from the shared cluster definitions (loading them if needed). */
  renderClusterPicker() {
    const ctx = contextOf(this.host);
    if (!ctx.ready) {
      return html`<p class="sp-note" id="sp-cluster-wait">${ctx.error ? `The cluster LQ needs cluster definitions: ${ctx.error} (upload a mapping on a cluster tab).` : 'Loading the cluster definitions…'}</p>`;
    }
    const code = this.clusterCode();
    return html`<label>Cluster
      <select id="sp-cluster" @change=${(e) => this.set({ cluster: e.target.value })}>
        ${ctx.mapping.clusters.map((c) => html`<option value=${c.code} ?selected=${c.code === code}>${c.name} (${c.code})</option>`)}
      </select>
    </label>`;
  }

  /** A GeoDa weights file chosen by the user: its text goes to the core with every run. */
  async importWeights(input) {
    const file = input.files?.[0];
    if (!file) return;
    this.weightsFile = { name: file.name, text: await file.text() };
    input.value = '';
    this.host.requestUpdate();
  }

  async exportWeights(format) {
    const out = await this.host.call('spatialWeightsFile', { ...this.result.args, format, boundaryFile: this.host.state.boundaries?.file }, `writing .${format} weights`);
    download(out.fileName, out.text, 'text/plain');
    this.host.announce(`Saved the weights as ${out.fileName}.`);
  }

  renderWarnings() {
    const w = this.result.local.warnings.filter((x) => x.code !== 'W_SUPPRESSED' && x.code !== 'W_ID_FIELD_PROPOSED');
    if (!w.length) return nothing;
    return html`<ul class="sp-note" aria-label="Notes on the analysis">
      ${w.map((x) => html`<li><strong>${x.code}</strong> ${x.message}</li>`)}
    </ul>`;
  }

  regionClass(mode) {
    const { local: l, weights: w } = this.result;
    const at = new Map(l.ids.map((id, k) => [id, k]));
    return (id) => {
      const k = at.get(id);
      if (k === undefined) return 'excluded';
      if (mode === 'lisa') return l.lisa.cluster[k];
      if (mode === 'significance') return significanceClass(l.lisa.cluster[k], l.lisa.significant[k], l.lisa.pSim[k]);
      if (mode === 'gistar') return l.g ? gistarClass(l.g.spot[k], l.g.pSim[k]) : 'not_significant';
      return weightsClass(w.cardinality[k]);
    };
  }

  renderMap() {
    const s = this.host.state;
    const { local: l, weights: w } = this.result;
    const mode = this.mode === 'gistar' && !l.g ? 'lisa' : this.mode;
    const classOf = this.regionClass(mode);
    const at = new Map(l.ids.map((id, k) => [id, k]));
    const names = new Map([...s.boundaries.names]);
    const counts = {};
    const labels = [];
    for (const id of s.boundaries.projected.paths.keys()) {
      const key = classOf(id);
      counts[key] = (counts[key] ?? 0) + 1;
      const short = classInfo(mode, key)?.short;
      if (short && key !== 'not_significant') labels.push({ id, text: short });
    }
    const describe = (id) => {
      const key = classOf(id);
      const k = at.get(id);
      const info = classInfo(mode, key);
      let text = info.label;
      if (k !== undefined) {
        if (mode === 'lisa' || mode === 'significance') text += `; local I ${fmt(l.lisa.i[k], 3)}, pseudo p ${fmt(l.lisa.pSim[k], 3)}`;
        if (mode === 'gistar' && l.g) text += `; z ${fmt(l.g.z[k])}, pseudo p ${fmt(l.g.pSim[k], 3)}`;
        if (mode === 'weights') text = `${w.cardinality[k]} neighbours`;
      }
      return { key, fill: fillOf(mode, key), text };
    };
    // The selected region's neighbours are highlighted in the neighbours mode.
    let highlighted = this.brushed;
    const sel = at.get(s.selected);
    if (mode === 'weights' && sel !== undefined && !this.brushed.size) {
      highlighted = new Set(Array.from(w.neighbours.subarray(w.offsets[sel], w.offsets[sel + 1]), (j) => w.ids[j]));
    }
    const modeLabel = MODES.find((m) => m[0] === mode)[1];
    return html`<h2 id="sp-map-h">Map: ${modeLabel}</h2>
      ${imageExport({ id: 'sp-map', svg: 'svg.map', name: `spatial_${mode}_${this.host.state.industry}_${this.host.state.year}`, title: `${modeLabel}: ${this.indicatorLabel()}`, label: 'map' })}
      <div class="sp-modes" role="group" aria-label="Map mode">
        ${MODES.map(([id, label]) => html`<button class="button" id=${`sp-mode-${id}`} aria-pressed=${mode === id ? 'true' : 'false'} ?disabled=${id === 'gistar' && !l.g}
          @click=${() => { this.mode = id; this.host.requestUpdate(); }}>${label}</button>`)}
      </div>
      ${choropleth({
        projected: s.boundaries.projected,
        names,
        fillOf: describe,
        defs: patternDefs(),
        highlighted,
        labels,
        selected: s.selected,
        title: `Map of ${modeLabel.toLowerCase()}: ${this.indicatorLabel()}`,
        onSelect: (id, ev) => this.select(id, ev),
        onHover: () => {},
      })}
      ${categoricalLegend({
        title: modeLabel,
        items: CLASSES[mode].filter((c) => counts[c.key] || ['not_significant'].includes(c.key)).map((c) => ({ key: c.key, fill: fillOf(mode, c.key), label: c.label, count: counts[c.key] ?? 0 })),
      })}
      <p class="sp-note">Click a region to select it (on the map and the scatter plot); shift-click to add it to the highlighted set.
        ${this.brushed.size ? html`${this.brushed.size} highlighted. <button class="link" id="sp-clear" @click=${() => this.clearBrush()}>Clear highlight</button>` : nothing}</p>
      ${this.renderSelected()}`;
  }

  renderSelected() {
    const s = this.host.state;
    const { local: l, weights: w } = this.result;
    const k = l.ids.indexOf(s.selected);
    if (!s.selected) return nothing;
    const name = s.boundaries.names.get(s.selected) ?? s.selected;
    if (k < 0) return html`<p class="sp-selected">${name} (${s.selected}): excluded (no published value).</p>`;
    const nb = Array.from(w.neighbours.subarray(w.offsets[k], w.offsets[k + 1]), (j) => l.names[j] || l.ids[j]);
    return html`<p class="sp-selected" id="sp-selected">
      <strong>${name}</strong> (${s.selected}): value ${fmt(l.values[k])}; LISA ${l.lisa.quadrant[k] ?? 'island'}, I ${fmt(l.lisa.i[k], 3)}, pseudo p ${fmt(l.lisa.pSim[k], 3)}${l.lisa.significant[k] ? ' (significant)' : ''}${l.g ? html`; ${l.g.star ? 'Gi*' : 'Gi'} z ${fmt(l.g.z[k])}` : nothing}.
      ${nb.length} neighbours${nb.length ? `: ${nb.join(', ')}` : ' (island)'}.
      ${w.components > 1 && nb.length ? `Its connected component has ${w.componentOf.filter((c) => c === w.componentOf[k]).length} of the ${w.n} regions.` : ''}
    </p>`;
  }

  renderGroups() {
    const l = this.result.local;
    const useG = this.mode === 'gistar' && l.g;
    const groups = useG ? l.gGroups : l.lisaGroups;
    const what = useG ? `significant ${l.g.star ? 'Gi*' : 'Gi'} hot spots` : 'significant High–High (LISA) regions';
    return html`<h2 id="sp-groups-h">Cross-border groups</h2>
      <p class="sp-note">Connected groups of ${what}, with the administrative units (first ${this.result.args.adminPrefix} characters of the code) they span.</p>
      ${groups.length
        ? html`<ol>
            ${groups.map(
              (g) => html`<li class=${this.activeGroup === g.group ? 'active' : ''} data-group=${g.group} data-ids=${g.ids.join(' ')}>
                <strong>Group ${g.group}</strong>: ${g.ids.map((id, k) => `${g.names[k] || id} (${id})`).join(', ')}
                <br /><span class="units">${g.size} region${g.size === 1 ? '' : 's'}; ${g.crosses_border ? 'crosses the borders of administrative units ' : 'within administrative unit '}${g.admin_units.join(', ')};
                  combined ${this.measureName()} ${fmtInt(g.total)}; indicator mean ${fmt(g.indicator_mean)}, max ${fmt(g.indicator_max)}</span>
                <br /><button class="link" @click=${() => this.highlightGroup(g)}>Highlight group ${g.group} on the map and the plot</button>
              </li>`,
            )}
          </ol>`
        : html`<p>No group: no region is ${useG ? 'a significant hot spot' : 'a significant High–High cluster'}.</p>`}`;
  }

  renderScatter() {
    const s = this.host.state;
    const { local: l, global, layout } = this.result;
    const m = global.moran;
    const title = `Moran scatter plot: ${this.indicatorLabel()}, standardised, against its spatial lag; slope = Moran's I = ${fmt(m.i, 3)}`;
    return html`<h2 id="sp-scatter-h">Moran scatter plot</h2>
      ${imageExport({ id: 'sp-scatter', svg: 'svg.scatter', name: `moran_scatter_${s.industry}_${s.year}`, title, legend: ['Points: regions; shapes: circle High–High, square Low–Low, triangle Low–High, diamond High–Low; filled marks significant; line: slope = Moran’s I.'], label: 'Moran scatter plot' })}
      <p class="summary" id="sp-scatter-summary">
        Each point is a region: its standardised value (right = above the mean) against the mean of its neighbours (up = neighbours above the mean). The red line’s slope is Moran’s I = ${fmt(m.i, 3)}.
        Filled, patterned marks are significant at ${l.lisa.alpha}; shapes: circle HH, square LL, triangle LH, diamond HL. Drag a rectangle to highlight regions on the map.
      </p>
      ${moranScatter({
        layout,
        ids: l.ids,
        names: l.names,
        x: l.lisa.zValue,
        y: l.lisa.lag,
        quadrant: l.lisa.quadrant,
        cluster: l.lisa.cluster,
        slope: m.i,
        selected: s.selected,
        highlighted: this.brushed,
        onSelect: (id, ev) => this.select(id, ev),
        brush: this.brush,
        brushHandlers: this.brushHandlers(),
        title,
        indicatorLabel: this.indicatorLabel(),
      })}
      <dl class="sp-facts" id="sp-global">
        <dt>Moran's I</dt><dd data-value=${m.i}>${fmt(m.i, 4)}</dd>
        <dt>E[I]</dt><dd>${fmt(m.expected_i, 4)}</dd>
        <dt>z (randomisation) / p</dt><dd>${fmt(m.z_rand)} / ${fmt(m.p_rand, 4)}</dd>
        <dt>z (normality) / p</dt><dd>${fmt(m.z_norm)} / ${fmt(m.p_norm, 4)}</dd>
        <dt>Pseudo p (${m.permutations} permutations, seed ${m.seed})</dt><dd data-value=${m.p_sim ?? ''}>${m.p_sim === null ? '–' : fmt(m.p_sim, 3)}</dd>
        <dt>Geary's C (z, p)</dt><dd>${fmt(global.geary.c, 4)} (${fmt(global.geary.z_rand)}, ${fmt(global.geary.p_rand, 4)})</dd>
        <dt>General G (z, p)</dt><dd>${global.generalG ? html`${fmt(global.generalG.g, 4)} (${fmt(global.generalG.z_norm)}, ${fmt(global.generalG.p_norm, 4)})` : html`not defined: ${global.generalGError}`}</dd>
      </dl>`;
  }

  /** Connected components of the weights graph (islands are one-region components), largest first. */
  components() {
    const w = this.result.weights;
    const groups = new Map();
    w.componentOf.forEach((c, k) => {
      if (!groups.has(c)) groups.set(c, []);
      groups.get(c).push(w.ids[k]);
    });
    return [...groups.values()].sort((a, b) => b.length - a.length || (a[0] < b[0] ? -1 : 1));
  }

  renderComponents() {
    const w = this.result.weights;
    if (w.components <= 1) return html`<p>One connected component: every region can be reached from every other through neighbours.</p>`;
    const names = this.host.state.boundaries.names;
    const label = (id) => `${names.get(id) ?? id} (${id})`;
    const comps = this.components().filter((c) => c.length > 1 || !w.islands.includes(c[0]));
    return html`<div id="sp-components">
      <p>${w.components} connected components: regions in different components never influence each other's local statistics${w.islands.length ? ` (${w.islands.length} of them are islands, listed above)` : ''}.</p>
      <ol>
        ${comps.map((c, i) => html`<li>
          ${c.length} region${c.length === 1 ? '' : 's'}${c.length <= 6 ? `: ${c.map(label).join(', ')}` : `, e.g. ${c.slice(0, 3).map(label).join(', ')}`}
          <button class="link" data-component=${i} @click=${() => { this.brushed = new Set(c); this.mode = 'weights'; this.host.requestUpdate(); }}>Show on the map</button>
        </li>`)}
      </ol>
    </div>`;
  }

  renderWeights() {
    const w = this.result.weights;
    const names = this.host.state.boundaries.names;
    return html`<h2 id="sp-weights-h">Neighbours (spatial weights)</h2>
      <dl class="sp-facts">
        <dt>Weights</dt><dd id="sp-weights-kind">${w.weightsKind}, ${w.transform === 'row' ? 'row-standardised' : w.transform}</dd>
        <dt>Regions analysed</dt><dd data-value=${w.n}>${w.n} of ${w.boundaries}</dd>
        <dt>Links (directed)</dt><dd data-value=${w.links}>${fmtInt(w.links)}</dd>
        <dt>Neighbours: mean (min–max)</dt><dd>${fmt(w.meanNeighbours)} (${w.minNeighbours}–${w.maxNeighbours})</dd>
        <dt>Connected components</dt><dd data-value=${w.components}>${w.components}</dd>
        <dt>Islands</dt><dd data-value=${w.islands.length}>${w.islands.length}</dd>
        <dt>Symmetric</dt><dd>${w.symmetric ? 'yes' : 'no'}</dd>
        <dt>Contiguity order</dt><dd id="sp-weights-order" data-value=${this.result.args.order}>${this.result.args.order}${this.result.args.order > 1 ? ` (regions exactly ${this.result.args.order} steps apart)` : ' (direct neighbours)'}</dd>
      </dl>
      ${w.islands.length
        ? html`<p id="sp-islands">Islands (no neighbours; excluded from LISA and Gi*, marked with a red cross on the map):
            ${w.islands.map((id) => `${names.get(id) ?? id} (${id})`).join(', ')}.
            <button class="link" @click=${() => { this.brushed = new Set(w.islands); this.mode = 'weights'; this.host.requestUpdate(); }}>Show the islands on the map</button></p>`
        : html`<p>No islands: every region has at least one neighbour.</p>`}
      ${this.renderComponents()}
      <p>Take these weights to GeoDa or PySAL:
        <button class="button" id="sp-export-gal" @click=${() => this.exportWeights('gal')}>Download .gal</button>
        <button class="button" id="sp-export-gwt" @click=${() => this.exportWeights('gwt')}>Download .gwt</button></p>
      ${dataTable({
        id: 'sp-histogram',
        caption: 'Regions by number of neighbours',
        exportName: 'neighbour_counts',
        columns: [
          { key: 'neighbours', label: 'Neighbours', num: true },
          { key: 'regions', label: 'Regions', num: true },
        ],
        rows: w.histogram.map(([n, c]) => ({ neighbours: n, regions: c })),
        sort: this.sorts.hist,
        onSort: (sort) => { this.sorts.hist = sort; this.host.requestUpdate(); },
      })}`;
  }

  renderTables() {
    const { local: l } = this.result;
    const s = this.host.state;
    const label = this.indicatorLabel();
    const lisaRows = l.ids.map((id, k) => ({
      id,
      name: l.names[k],
      value: l.values[k],
      i: l.lisa.i[k],
      quadrant: l.lisa.quadrant[k] ?? 'island',
      cluster: l.lisa.cluster[k],
      z: l.lisa.z[k],
      p_sim: l.lisa.pSim[k],
      significant: l.lisa.significant[k] ? 'yes' : 'no',
      z_value: l.lisa.zValue[k],
      lag: l.lisa.lag[k],
      neighbours: this.result.weights.cardinality[k],
      area: l.areaKm2.length ? l.areaKm2[k] : null,
    }));
    const select = (r) => this.host.selectRegion(r.id);
    const n3 = (v) => fmt(v, 3);
    const tables = [
      html`<section class="panel" aria-labelledby="sp-lisa-h">
        <h2 id="sp-lisa-h">LISA (local Moran's I) by region</h2>
        <details open>
          <summary>Table of the LISA cluster, significance and neighbours maps and of the scatter plot</summary>
          ${dataTable({
            id: 'lisa-table',
            caption: `Local Moran's I of ${label}: ${l.lisa.permutations} conditional permutations, seed ${l.lisa.seed}, significance ${l.lisa.alpha} (${ADJUST[l.lisa.adjust]})`,
            columns: [
              { key: 'id', label: 'Region' },
              { key: 'name', label: 'Name' },
              { key: 'value', label: 'Value', num: true, format: (v) => fmt(v) },
              { key: 'i', label: 'Local I', num: true, format: n3 },
              { key: 'quadrant', label: 'Quadrant' },
              { key: 'cluster', label: 'Cluster', format: (v) => v.replace('_', ' ') },
              { key: 'z', label: 'z', num: true, format: (v) => fmt(v) },
              { key: 'p_sim', label: 'Pseudo p', num: true, format: n3 },
              { key: 'significant', label: 'Significant' },
              { key: 'z_value', label: 'Standardised value (scatter x)', num: true, format: n3 },
              { key: 'lag', label: 'Spatial lag (scatter y)', num: true, format: n3 },
              { key: 'neighbours', label: 'Neighbours', num: true },
              ...(l.areaKm2.length ? [{ key: 'area', label: 'Area (km²)', num: true, format: (v) => fmt(v) }] : []),
            ],
            rows: lisaRows,
            rowKey: 'id',
            selected: s.selected,
            sort: this.sorts.lisa,
            onSort: (sort) => { this.sorts.lisa = sort; this.host.requestUpdate(); },
            onRow: select,
            exportName: 'lisa',
            exportRows: lisaRows,
          })}
        </details>
      </section>`,
    ];
    if (l.g) {
      const gRows = l.ids.map((id, k) => ({ id, name: l.names[k], value: l.values[k], g: l.g.g[k], z: l.g.z[k], p_norm: l.g.pNorm[k], p_sim: l.g.pSim[k], spot: l.g.spot[k] }));
      tables.push(html`<section class="panel" aria-labelledby="sp-g-h">
        <h2 id="sp-g-h">${l.g.star ? 'Gi*' : 'Gi'} hot and cold spots by region</h2>
        <details>
          <summary>Table of the hot and cold spot map</summary>
          ${dataTable({
            id: 'gistar-table',
            caption: `Local Getis-Ord ${l.g.star ? 'Gi*' : 'Gi'} of ${label}`,
            columns: [
              { key: 'id', label: 'Region' },
              { key: 'name', label: 'Name' },
              { key: 'value', label: 'Value', num: true, format: (v) => fmt(v) },
              { key: 'g', label: 'G', num: true, format: (v) => fmt(v, 4) },
              { key: 'z', label: 'z', num: true, format: (v) => fmt(v) },
              { key: 'p_norm', label: 'p (normal)', num: true, format: n3 },
              { key: 'p_sim', label: 'Pseudo p', num: true, format: n3 },
              { key: 'spot', label: 'Spot', format: (v) => v.replace('_', ' ') },
            ],
            rows: gRows,
            rowKey: 'id',
            selected: s.selected,
            sort: this.sorts.g,
            onSort: (sort) => { this.sorts.g = sort; this.host.requestUpdate(); },
            onRow: select,
            exportName: 'gistar',
            exportRows: gRows,
          })}
        </details>
      </section>`);
    }
    return tables;
  }
}
