// The "Network" tab: a firm network (uploaded edge list + optional node table) or the industry
// linkage graph of the loaded IO table; communities (Louvain/Leiden), centralities, brokers,
// bridges and articulation points, all computed in the worker (in steps, with progress and
// cancel). Drawn with sigma (WebGL, loaded lazily) or, without WebGL, as an SVG for small graphs;
// the node table is the accessible twin and stays in sync with the drawing.
import { html, css, svg, nothing, unsafeCSS } from 'lit';
import { dataTable, download } from '../table/table.js';
import { imageExport } from '../export.js';
import { fmt, fmtInt } from '../format.js';
import { linkage, bytesOf, PALETTE, OTHER } from './shared.js';
import { contextOf } from '../clusters/context.js';
import { packFile, unpackFile } from '../../components/session.js';

const SVG_MAX_NODES = 1500;
const SVG_MAX_EDGES = 8000;
const TABLE_ROWS = 300;

/** The Gould-Fernandez role a node plays most often, with its count ('' when none). */
function mainRole(b) {
  const roles = ['coordinator', 'gatekeeper', 'representative', 'consultant', 'liaison'];
  const best = roles.reduce((a, r) => (b[r] > b[a] ? r : a), roles[0]);
  return b[best] > 0 ? `${best} (${fmtInt(b[best])})` : '';
}

/** The three nodes with the most roles linking groups (liaison + gatekeeper + representative). */
function topBrokers(net) {
  const across = (i) => net.brokerage[i].liaison + net.brokerage[i].gatekeeper + net.brokerage[i].representative;
  return [...net.ids.keys()]
    .filter((i) => across(i) > 0)
    .sort((a, b) => across(b) - across(a))
    .slice(0, 3)
    .map((i) => net.labels[i]);
}

function hasWebGL() {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') || c.getContext('webgl'));
  } catch {
    return false;
  }
}

export class NetworkView {
  static id = 'network';
  static label = 'Network';
  static styles = css`
    .net-form { display: flex; flex-wrap: wrap; gap: 0.6em 1.2em; align-items: end; margin: 0.6em 0; }
    .net-form label { display: flex; flex-direction: column; font-size: 0.9rem; }
    .net-form label.check { flex-direction: row; gap: 0.3em; align-items: center; }
    .net-form input[type='number'] { width: 6em; }
    .net-canvas { width: 100%; height: 520px; background: var(--agglo-bg); border: 1px solid var(--agglo-border); position: relative; overflow: hidden; }
    .net-form input[type='file'] { position: static; width: auto; height: auto; opacity: 1; overflow: visible; }
    svg.network { width: 100%; height: auto; max-height: 620px; display: block; background: var(--agglo-bg); border: 1px solid var(--agglo-border); }
    svg.network line { stroke: #bbb; stroke-width: 0.6; }
    svg.network circle { stroke: var(--agglo-bg); stroke-width: 0.8; cursor: pointer; }
    svg.network circle.dim { opacity: 0.25; }
    svg.network circle.selected { stroke: var(--agglo-focus); stroke-width: 3; }
    svg.network circle:focus-visible { outline: none; stroke: var(--agglo-focus); stroke-width: 3; }
    svg.network text { font-size: 11px; fill: var(--agglo-fg); pointer-events: none; }
    .legend-list { display: flex; flex-wrap: wrap; gap: 0.3em 1em; list-style: none; padding: 0; font-size: 0.85rem; }
    .swatch { display: inline-block; width: 0.9em; height: 0.9em; border: 1px solid #666; vertical-align: middle; margin-right: 0.3em; }
    ${unsafeCSS(PALETTE.map((c, k) => `.swatch.c${k} { background: ${c}; }`).join('\n') + `\n.swatch.cother { background: ${OTHER}; }`)}
  `;

  constructor(host) {
    this.host = host;
    host.addController(this);
    this.info = null; // networkLoad summary
    this.net = null; // analysis
    this.options = { method: 'louvain', resolution: 1, seed: 42, directed: false, groupCol: '', ioMethod: 'max_coefficient', minWeight: 0.01, colocMeasure: 'lq', colocMin: 0.3, clusters: false, backbone: 'none', backboneValue: 90 };
    this.savedDefs = null; // {clusters, rows} of the communities saved as cluster definitions
    this.files = { edges: null, nodes: null };
    this.sort = { key: 'degree', dir: -1 };
    this.selected = null;
    this.query = '';
    this.webgl = null;
    this.sigma = null;
    this.sigmaEl = null;
    this.renderer = null; // 'webgl' | 'svg' | 'none'
  }

  update() {
    this.host.requestUpdate();
  }

  /** For a saved session: the loaded network (the user's files packed, or the IO graph) and options. */
  async getState() {
    const pack = (f) => (f ? packFile({ name: f.name, file: f }) : null);
    const src = this.source;
    return {
      options: { ...this.options },
      source: src?.kind === 'files' ? { kind: 'files', edges: await pack(src.edges), nodes: await pack(src.nodes) } : src?.kind === 'io' || src?.kind === 'colocation' ? { kind: src.kind } : null,
    };
  }

  async setState(st) {
    if (!st) return;
    if (st.options) this.options = { ...this.options, ...st.options };
    if (st.source?.kind === 'files' && st.source.edges) {
      this.files = { edges: (await unpackFile(st.source.edges)).file, nodes: st.source.nodes ? (await unpackFile(st.source.nodes)).file : null };
      await this.loadFiles();
    } else if (st.source?.kind === 'io' && linkage.io) await this.loadIo();
    else if (st.source?.kind === 'colocation' && this.host.state.data) await this.loadColocation();
    this.update();
  }

  async loadFiles() {
    const f = this.files;
    if (!f.edges) {
      this.host.announce('Choose an edge list first.');
      return;
    }
    const opts = { edges: await bytesOf(f.edges), name: f.edges.name, directed: this.options.directed, backbone: this.backboneRule() };
    if (f.nodes) Object.assign(opts, { nodes: await bytesOf(f.nodes), nodesName: f.nodes.name, groupCol: this.options.groupCol || null });
    await this.load('networkLoad', opts);
    if (this.info) this.source = { kind: 'files', edges: f.edges, nodes: f.nodes };
  }

  async loadColocation() {
    const o = this.options;
    const args = { minWeight: Number(o.colocMin), year: this.host.state.year ?? undefined, backbone: this.backboneRule(), clusters: !!o.clusters };
    if (o.clusters) {
      // Cluster level uses the cluster views' definitions (the US Cluster Mapping ones by default).
      const ctx = contextOf(this.host);
      await ctx.ensure();
      if (!ctx.defs) {
        this.host.announce('The cluster definitions could not be loaded; see the Cluster view.');
        return;
      }
    }
    if (o.colocMeasure === 'relatedness') await this.load('networkFromRelatedness', args);
    else await this.load('networkFromColocation', { ...args, measure: o.colocMeasure });
    if (this.info) this.source = { kind: 'colocation' };
  }

  /** The communities of an industry graph as cluster definitions, loaded for the cluster views. */
  async saveDefinitions() {
    try {
      const d = await this.host.call('networkCommunityDefinitions', {}, 'writing cluster definitions');
      const name = 'network_communities.csv';
      await contextOf(this.host).load({ name, bytes: new TextEncoder().encode(d.csv) });
      this.savedDefs = { ...d, name };
      this.host.announce(
        `${d.clusters.length} communities saved as cluster definitions (${d.rows} industries${d.crosswalk ? `, the data's codes through the crosswalk ${d.crosswalk}` : ''}); the Region profile, Cluster view, Priorities and the supplier gaps now use them.`,
      );
      this.update();
    } catch {
      // shown by the host
    }
  }

  async downloadDefinitions() {
    try {
      const d = await this.host.call('networkCommunityDefinitions', {}, 'writing cluster definitions');
      download('network_communities.csv', d.csv);
    } catch {
      // shown
    }
  }

  async loadIo() {
    await this.load('networkFromIo', { method: this.options.ioMethod, minWeight: Number(this.options.minWeight), backbone: this.backboneRule() });
    if (this.info) this.source = { kind: 'io' };
  }

  /** The backbone rule of the options (`null`: all edges), as `backbone` in src/wasm/linkage.rs. */
  backboneRule() {
    const { backbone: kind, backboneValue: v } = this.options;
    if (kind === 'threshold' || kind === 'percentile') return { kind, value: Number(v) };
    if (kind === 'disparity') return { kind, alpha: Number(v) };
    if (kind === 'maximum_spanning_tree') return { kind };
    return null;
  }

  /** Load the current source again (after the backbone changed). */
  async reload() {
    const k = this.source?.kind;
    if (k === 'files') await this.loadFiles();
    else if (k === 'io') await this.loadIo();
    else if (k === 'colocation') await this.loadColocation();
    else this.host.announce('Load a network first.');
  }

  async load(method, opts) {
    try {
      this.dispose();
      this.net = null;
      this.selected = null;
      this.savedDefs = null;
      this.info = await this.host.call(method, opts, 'reading the network');
      this.update();
      await this.analyse();
    } catch {
      // shown by the host
    }
  }

  async analyse() {
    const o = this.options;
    try {
      this.dispose();
      const net = await this.host.call('networkAnalyse', { method: o.method, resolution: Number(o.resolution), seed: Number(o.seed) }, 'analysing the network');
      this.net = net;
      this.colors = this.colorize(net);
      this.selected = null;
      this.host.announce(
        `Network analysed: ${fmtInt(net.nNodes)} nodes, ${fmtInt(net.nEdges)} edges` +
          (net.nCommunities !== null ? `, ${net.nCommunities} communities (modularity ${fmt(net.modularity, 3)}).` : '.'),
      );
      this.update();
    } catch {
      // shown
    }
  }

  /** Colour per node: the ten largest communities (or components) get palette colours, the rest grey. */
  colorize(net) {
    const group = net.community ?? net.component;
    const counts = new Map();
    for (const c of group) counts.set(c, (counts.get(c) ?? 0) + 1);
    const order = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
    this.groupClass = new Map(order.map((c, k) => [c, k < PALETTE.length ? k : 'other']));
    this.groupSizes = order.map((c) => [c, counts.get(c)]);
    return Array.from(group, (c) => {
      const k = this.groupClass.get(c);
      return k === 'other' ? OTHER : PALETTE[k];
    });
  }

  dispose() {
    this.sigma?.kill();
    this.sigma = null;
    this.sigmaEl = null;
  }

  matches() {
    const q = this.query.trim().toLowerCase();
    if (!q || !this.net) return null;
    const set = new Set();
    this.net.labels.forEach((l, i) => {
      if (l.toLowerCase().includes(q) || this.net.ids[i].toLowerCase().includes(q)) set.add(i);
    });
    return set;
  }

  select(i, from) {
    this.selected = i;
    this.sigma?.select(i);
    this.update();
    const net = this.net;
    this.host.announce(`Selected ${net.labels[i]}: community ${net.community ? net.community[i] : '–'}, degree ${net.degree[i]}.`);
    if (from === 'graph') {
      this.host.updateComplete.then(() => this.host.renderRoot.querySelector(`#net-nodes tr[data-key="${CSS.escape(net.ids[i])}"]`)?.scrollIntoView({ block: 'nearest' }));
    }
  }

  /** Lit controller hook: (re)attach sigma to its container after each render. */
  async hostUpdated() {
    if (this.renderer !== 'webgl' || !this.net) return;
    const el = this.host.renderRoot.querySelector('#net-canvas');
    // Another tab is shown: drop the renderer (a detached container has no size, and sigma throws
    // on the next window resize).
    if (!el) this.dispose();
    if (!el || el === this.sigmaEl) return;
    this.dispose();
    this.sigmaEl = el;
    const net = this.net;
    const { createSigma } = await import('./sigma-graph.js');
    if (this.sigmaEl !== el || this.net !== net) return;
    // The user may have switched tabs while sigma loaded: a detached or hidden container has no
    // width (sigma throws); the next render of this tab attaches it.
    if (!el.isConnected || !el.clientWidth) {
      this.sigmaEl = null;
      return;
    }
    this.sigma = createSigma(el, net, { colors: this.colors, onClick: (i) => this.select(i, 'graph') });
    this.sigma.filter(this.matches());
    if (this.selected !== null) this.sigma.select(this.selected);
  }

  render() {
    const io = linkage.io;
    const o = this.options;
    const set = (k, num) => (e) => { this.options = { ...this.options, [k]: e.target.type === 'checkbox' ? e.target.checked : num ? Number(e.target.value) : e.target.value }; };
    return html`<section class="panel" aria-labelledby="net-h">
        <h2 id="net-h">Network</h2>
        <p>A firm network (edge list: source, target, optional weight; optional node table: id, group such as municipality or sector, size), or an industry graph: the linkages of the input-output table, or the co-location or relatedness of the loaded data's industries. A backbone keeps the strongest edges; eigenvector centrality, PageRank, betweenness and closeness rank the nodes.</p>
        <div class="net-form">
          <label>Edge list (CSV)<input type="file" id="net-edges" accept=".csv,.tsv,.txt" @change=${(e) => (this.files.edges = e.target.files[0] ?? null)} /></label>
          <label>Node table (optional)<input type="file" id="net-nodes-file" accept=".csv,.tsv,.txt" @change=${(e) => (this.files.nodes = e.target.files[0] ?? null)} /></label>
          <label>Group column<input type="text" id="net-group-col" .value=${o.groupCol} placeholder="auto" @change=${set('groupCol')} /></label>
          <label class="check"><input type="checkbox" id="net-directed" .checked=${o.directed} @change=${set('directed')} /> directed</label>
          <button class="button primary" id="net-load" @click=${() => this.loadFiles()}>Load network</button>
        </div>
        <div class="net-form">
          <label
            >Industry graph from IO
            <select id="net-io-method" @change=${set('ioMethod')}>
              <option value="max_coefficient" ?selected=${o.ioMethod === 'max_coefficient'}>max(a_ij, a_ji)</option>
              <option value="feser_bergman" ?selected=${o.ioMethod === 'feser_bergman'}>Feser-Bergman (max of four correlations)</option>
            </select>
          </label>
          <label>Minimum weight<input type="number" id="net-min-weight" min="0" step="0.005" .value=${String(o.minWeight)} @change=${set('minWeight', true)} /></label>
          <button class="button" id="net-from-io" ?disabled=${!io} @click=${() => this.loadIo()}>Use the IO table's industry graph</button>
          ${io ? nothing : html`<span class="code">(load a table in the Input-output tab first)</span>`}
        </div>
        <div class="net-form">
          <label
            >Co-location graph of the loaded data
            <select id="net-coloc-measure" @change=${set('colocMeasure')}>
              <option value="lq" ?selected=${o.colocMeasure === 'lq'}>correlation of location quotients</option>
              <option value="share" ?selected=${o.colocMeasure === 'share'}>correlation of employment shares</option>
              <option value="coagglomeration" ?selected=${o.colocMeasure === 'coagglomeration'}>coagglomeration (Ellison-Glaeser-Kerr)</option>
              <option value="relatedness" ?selected=${o.colocMeasure === 'relatedness'}>relatedness: proximity of specialisations (LQ ≥ 1)</option>
            </select>
          </label>
          <label>Minimum correlation, γc or proximity<input type="number" id="net-coloc-min" min="0" max="0.99" step="0.05" .value=${String(o.colocMin)} @change=${set('colocMin', true)} /></label>
          <label class="check"><input type="checkbox" id="net-clusters" .checked=${o.clusters} @change=${set('clusters')} /> clusters instead of industries</label>
          <button class="button" id="net-from-coloc" ?disabled=${!this.host.state.data} @click=${() => this.loadColocation()}>Use this graph of the data's industries</button>
          ${this.host.state.data ? nothing : html`<span class="code">(load data first)</span>`}
        </div>
        <div class="net-form">
          <label
            >Backbone
            <select id="net-backbone" @change=${(e) => { set('backbone')(e); this.update(); }}>
              <option value="none" ?selected=${o.backbone === 'none'}>all edges</option>
              <option value="threshold" ?selected=${o.backbone === 'threshold'}>weight at least…</option>
              <option value="percentile" ?selected=${o.backbone === 'percentile'}>weights at or above percentile…</option>
              <option value="maximum_spanning_tree" ?selected=${o.backbone === 'maximum_spanning_tree'}>maximum spanning tree</option>
              <option value="disparity" ?selected=${o.backbone === 'disparity'}>disparity filter, alpha…</option>
            </select>
          </label>
          <label>Value<input type="number" id="net-backbone-value" min="0" step="any" .value=${String(o.backboneValue)} ?disabled=${o.backbone === 'none' || o.backbone === 'maximum_spanning_tree'} @change=${set('backboneValue', true)} /></label>
          <button class="button" id="net-backbone-apply" ?disabled=${!this.info} @click=${() => this.reload()}>Apply to the loaded network</button>
          <span>Applied to every network loaded from now on.</span>
        </div>
        <div class="net-form">
          <label
            >Communities
            <select id="net-method" @change=${set('method')}>
              <option value="louvain" ?selected=${o.method === 'louvain'}>Louvain</option>
              <option value="leiden" ?selected=${o.method === 'leiden'}>Leiden</option>
              <option value="none" ?selected=${o.method === 'none'}>none</option>
            </select>
          </label>
          <label>Resolution<input type="number" id="net-resolution" min="0.05" step="0.05" .value=${String(o.resolution)} @change=${set('resolution', true)} /></label>
          <label>Seed<input type="number" id="net-seed" min="0" step="1" .value=${String(o.seed)} @change=${set('seed', true)} /></label>
          <button class="button" id="net-analyse" ?disabled=${!this.info} @click=${() => this.analyse()}>Recompute</button>
        </div>
      </section>
      ${this.net ? this.renderNet() : nothing}`;
  }

  renderNet() {
    const net = this.net;
    this.webgl ??= hasWebGL();
    this.renderer = this.webgl ? 'webgl' : net.nNodes <= SVG_MAX_NODES && net.nEdges <= SVG_MAX_EDGES ? 'svg' : 'none';
    const nAp = net.articulation.reduce((a, b) => a + b, 0);
    const topB = net.betweenness ? [...net.betweenness.keys()].sort((a, b) => net.betweenness[b] - net.betweenness[a]).slice(0, 3) : [];
    const matches = this.matches();
    return html`<section class="panel" aria-labelledby="net-r-h">
      <h2 id="net-r-h">${net.source}</h2>
      <p id="net-summary">
        ${fmtInt(net.nNodes)} nodes and ${fmtInt(net.nEdges)} ${net.directed ? 'directed' : 'undirected'} edges (density ${fmt(net.density, 4)}), ${net.nComponents}
        connected component(s), the largest with ${fmtInt(net.largestComponent)} nodes.
        ${net.nCommunities !== null ? html`${net.nCommunities} communities, modularity ${fmt(net.modularity, 3)}.` : 'No communities computed.'}
        ${net.bridges.length} bridge(s) and ${nAp} articulation point(s): firms or links whose loss splits the network.
        ${topB.length ? html`Main brokers (betweenness): ${topB.map((i) => net.labels[i]).join(', ')}.` : 'Betweenness skipped (graph too large).'}
        ${net.brokerage ? html`Brokers between groups (Gould-Fernandez liaison and gatekeeper roles): ${topBrokers(net).join(', ') || 'none'}.` : nothing}
      </p>
      ${this.info?.warnings?.length
        ? html`<ul class="warnings" id="net-warnings" aria-label="Warnings about the network">${this.info.warnings.map((w) => html`<li>${w.message}</li>`)}</ul>`
        : nothing}
      <label>Search nodes <input type="search" id="net-search" .value=${this.query} @input=${(e) => { this.query = e.target.value; this.sigma?.filter(this.matches()); this.update(); }} /></label>
      ${matches ? html`<span>${matches.size} match(es)</span>` : nothing}
      ${this.renderLegend()}
      ${net.nNodes <= SVG_MAX_NODES && net.nEdges <= SVG_MAX_EDGES
        ? imageExport({ id: 'net-drawing', svg: '#net-svg', draw: () => this.renderSvg(null), name: 'network', title: `${net.source}: ${fmtInt(net.nNodes)} nodes, ${fmtInt(net.nEdges)} edges`, label: 'network drawing' })
        : nothing}
      ${this.renderer === 'webgl'
        ? html`<div class="net-canvas" id="net-canvas" role="img" aria-label=${`Network drawing (WebGL) of ${net.nNodes} nodes coloured by ${net.community ? 'community' : 'component'}; the node table below holds the same information`}></div>`
        : this.renderer === 'svg'
          ? this.renderSvg(matches)
          : html`<p>WebGL is not available and the graph is too large for the SVG drawing; the node table holds the results.</p>`}
      ${this.info?.industries && net.community ? this.renderDefinitions() : nothing}
      ${this.renderTable(matches)}
      ${net.bridges.length
        ? html`<details><summary>Bridges (${net.bridges.length})</summary><ul>${net.bridges.slice(0, 200).map(([a, b]) => html`<li>${a} – ${b}</li>`)}</ul></details>`
        : nothing}
    </section>`;
  }

  renderDefinitions() {
    const d = this.savedDefs;
    return html`<div class="net-form">
      <button class="button primary" id="net-save-defs" @click=${() => this.saveDefinitions()}>Use these communities as cluster definitions</button>
      <button class="button" id="net-download-defs" @click=${() => this.downloadDefinitions()}>Download them as a definitions CSV</button>
    </div>
    ${d
      ? html`<p id="net-defs-summary">Saved: ${d.clusters.length} community clusters (${d.rows} industries${d.crosswalk ? html`, given as the data's industry codes through the crosswalk <strong>${d.crosswalk}</strong>: each code joins the community of its main IO sector` : nothing}) are now the cluster definitions of the Region profile, Cluster view, Priorities and the supplier gaps; the largest: ${[...d.clusters]
          .sort((a, b) => b.industries - a.industries || a.code.localeCompare(b.code, 'en', { numeric: true }))
          .slice(0, 3)
          .map((c) => `${c.code} ${c.name} (${c.industries})`)
          .join('; ')} (cluster Ck is community k − 1 of the table).</p>`
      : html`<p>Each community becomes a cluster (code C1, C2, …, named after its most connected industry; cluster Ck is community k − 1 of the table); the CSV has the columns industry_code, cluster_code, cluster_name.</p>`}`;
  }

  renderLegend() {
    const what = this.net.community ? 'Community' : 'Component';
    return html`<ul class="legend-list" aria-label=${`${what} colours`}>
      ${this.groupSizes.slice(0, PALETTE.length).map(([c, n], k) => html`<li><span class=${`swatch c${k}`} aria-hidden="true"></span>${what} ${c} (${n} nodes)</li>`)}
      ${this.groupSizes.length > PALETTE.length ? html`<li><span class="swatch cother" aria-hidden="true"></span>others (${this.groupSizes.length - PALETTE.length} smaller)</li>` : nothing}
    </ul>`;
  }

  renderSvg(matches) {
    const net = this.net;
    const W = 900;
    const H = 620;
    let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
    for (let i = 0; i < net.nNodes; i++) {
      x0 = Math.min(x0, net.x[i]);
      x1 = Math.max(x1, net.x[i]);
      y0 = Math.min(y0, net.y[i]);
      y1 = Math.max(y1, net.y[i]);
    }
    const s = Math.min((W - 40) / Math.max(1e-9, x1 - x0), (H - 40) / Math.max(1e-9, y1 - y0));
    const px = (i) => 20 + (net.x[i] - x0) * s;
    const py = (i) => 20 + (net.y[i] - y0) * s;
    const maxDeg = net.degree.reduce((a, b) => Math.max(a, b), 1);
    const r = (i) => 3 + 7 * Math.sqrt(net.degree[i] / maxDeg);
    const focusable = net.nNodes <= 200;
    const label = (i) => `${net.labels[i]}: ${net.community ? `community ${net.community[i]}, ` : ''}degree ${net.degree[i]}`;
    const edges = [];
    for (let k = 0; k < net.edgeSource.length; k++) {
      const a = net.edgeSource[k];
      const b = net.edgeTarget[k];
      edges.push(svg`<line x1=${px(a)} y1=${py(a)} x2=${px(b)} y2=${py(b)}></line>`);
    }
    const nodes = [];
    for (let i = 0; i < net.nNodes; i++) {
      const cls = `${i === this.selected ? 'selected' : ''}${matches && !matches.has(i) ? ' dim' : ''}`;
      nodes.push(
        focusable
          ? svg`<circle cx=${px(i)} cy=${py(i)} r=${r(i)} fill=${this.colors[i]} class=${cls} data-node=${net.ids[i]} tabindex="0" role="button" aria-label=${label(i)}
              @click=${() => this.select(i, 'graph')} @keydown=${(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), this.select(i, 'graph'))}><title>${label(i)}</title></circle>`
          : svg`<circle cx=${px(i)} cy=${py(i)} r=${r(i)} fill=${this.colors[i]} class=${cls} data-node=${net.ids[i]} @click=${() => this.select(i, 'graph')}><title>${label(i)}</title></circle>`,
      );
    }
    const sel = this.selected;
    return html`<figure>
      <svg class="network" id="net-svg" viewBox="0 0 ${W} ${H}" role="group" aria-label=${`Network drawing (SVG) of ${net.nNodes} nodes coloured by ${net.community ? 'community' : 'component'}; the node table below holds the same information`}>
        <g>${edges}</g><g>${nodes}</g>
        ${sel !== null ? svg`<text x=${px(sel) + r(sel) + 3} y=${py(sel) + 4}>${net.labels[sel]}</text>` : nothing}
      </svg>
      <figcaption>Drawn as SVG (WebGL is not available). Node size grows with degree; the colour is the ${net.community ? 'community' : 'component'} (also in the table).</figcaption>
    </figure>`;
  }

  renderTable(matches) {
    const net = this.net;
    let idx = [...net.ids.keys()];
    if (matches) idx = idx.filter((i) => matches.has(i));
    const rows = idx.map((i) => ({
      i,
      id: net.ids[i],
      name: net.labels[i],
      group: net.group ? net.group[i] : undefined,
      community: net.community ? net.community[i] : null,
      degree: net.degree[i],
      strength: net.strength[i],
      betweenness: net.betweenness ? net.betweenness[i] : null,
      closeness: net.closeness ? net.closeness[i] : null,
      pagerank: net.pagerank[i],
      eigenvector: net.eigenvector ? net.eigenvector[i] : null,
      brokerage: net.brokerage ? net.brokerage[i].total : null,
      role: net.brokerage ? mainRole(net.brokerage[i]) : undefined,
      cut: net.articulation[i] ? 'yes' : '',
    }));
    // Large networks: the table shows the first rows in the chosen order (search finds the others).
    const key = this.sort.key;
    rows.sort((a, b) => {
      const x = a[key];
      const y = b[key];
      return (typeof x === 'string' ? x.localeCompare(y) : (x ?? -Infinity) - (y ?? -Infinity)) * this.sort.dir;
    });
    const shown = rows.slice(0, TABLE_ROWS);
    if (this.selected !== null && !shown.some((r) => r.i === this.selected)) {
      const r = rows.find((x) => x.i === this.selected);
      if (r) shown.push(r);
    }
    const columns = [
      { key: 'name', label: 'Node' },
      ...(net.labels.some((l, i) => l !== net.ids[i]) ? [{ key: 'id', label: 'Id' }] : []),
      ...(net.group ? [{ key: 'group', label: 'Group' }] : []),
      { key: 'community', label: 'Community', num: true },
      { key: 'degree', label: 'Degree', num: true },
      { key: 'strength', label: 'Strength', num: true, format: (v) => fmt(v, 2) },
      { key: 'betweenness', label: 'Betweenness', num: true, format: (v) => fmt(v, 4) },
      { key: 'closeness', label: 'Closeness', num: true, format: (v) => fmt(v, 4) },
      { key: 'pagerank', label: 'PageRank', num: true, format: (v) => fmt(v, 4) },
      { key: 'eigenvector', label: 'Eigenvector', num: true, format: (v) => fmt(v, 4) },
      ...(net.brokerage
        ? [
            { key: 'brokerage', label: 'Brokerage roles (Gould-Fernandez)', num: true },
            { key: 'role', label: 'Main role' },
          ]
        : []),
      { key: 'cut', label: 'Articulation point' },
    ];
    return dataTable({
      id: 'net-nodes',
      caption: `Nodes${rows.length > shown.length ? ` (showing ${shown.length} of ${fmtInt(rows.length)} in the chosen order; search to find others)` : ` (${rows.length})`}`,
      columns,
      rows: shown,
      sort: this.sort,
      onSort: (sort) => { this.sort = sort; this.update(); },
      rowKey: 'id',
      selected: this.selected !== null ? net.ids[this.selected] : undefined,
      onRow: (r) => this.select(r.i, 'table'),
      exportName: 'network_nodes',
      exportRows: () => rows.map(({ i, ...r }) => r),
    });
  }
}
