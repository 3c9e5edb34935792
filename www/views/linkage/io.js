// The "Input-output" tab: load an IO table (the shipped BEA 2017 summary Make/Use pair, or the
// user's own flow table or Make/Use pair, plus a crosswalk), see multipliers, linkages and the
// key-sector quadrants, and rank the supplier gaps of a cluster in a region — the industries a
// region buys from outside, with their local LQ and employment: the investment-promotion targets.
import { html, css, nothing } from 'lit';
import { dataTable } from '../table/table.js';
import { fmt, fmtInt, fmtPct } from '../format.js';
import { quadrantChart, gapChart, keyLabel } from './charts.js';
import { imageExport } from '../export.js';
import { linkage, bytesOf } from './shared.js';
import { packFile, unpackFile } from '../../components/session.js';

export class InputOutputView {
  static id = 'io';
  static label = 'Input-output';
  static styles = css`
    .io-load { display: flex; flex-wrap: wrap; gap: 0.6em 1.2em; align-items: end; }
    .io-load fieldset { border: 1px solid var(--agglo-border); border-radius: 4px; padding: 0.4em 0.8em; }
    .io-form { display: flex; flex-wrap: wrap; gap: 0.6em 1.2em; align-items: end; margin: 0.6em 0; }
    .io-form label, .io-load label { display: flex; flex-direction: column; font-size: 0.9rem; }
    .io-form input[type='number'] { width: 6em; }
    svg.chart .average { stroke: var(--agglo-fg); stroke-dasharray: 4 3; }
    svg.chart .grid { stroke: var(--agglo-grid); }
    svg.chart .mark { fill: var(--agglo-accent); stroke: var(--agglo-bg); stroke-width: 1; cursor: pointer; }
    svg.chart .mark.key { fill: var(--agglo-alert); }
    svg.chart .mark.selected { stroke: var(--agglo-focus); stroke-width: 3; }
    svg.chart .mark:focus-visible, svg.chart .gap-row:focus-visible { outline: none; stroke: var(--agglo-focus); stroke-width: 3; }
    svg.chart rect.gap { fill: var(--agglo-alert); }
    svg.chart rect.local { fill: #9ab8d6; }
    .io-summary { max-width: 60em; }
    .io-load input[type='file'] { position: static; width: auto; height: auto; opacity: 1; overflow: visible; }
  `;

  constructor(host) {
    this.host = host;
    host.addController(this);
    this.table = null; // ioLoadTable summary
    this.model = null; // ioModel result
    this.clusters = [];
    this.gaps = null;
    this.forward = 'ghosh';
    this.sort = { key: 'total', dir: -1 };
    this.gapSort = { key: 'rank', dir: 1 };
    this.selected = null;
    this.form = { region: null, cluster: '42', industries: '', method: 'flq', delta: 0.3 };
    this.files = { table: null, make: null, use: null, crosswalk: null };
    this.source = null; // what is loaded, for sessions: {kind: 'bea'} or {kind: 'files', files}
  }

  /** For a saved session: the loaded table (the user's files packed), the options, the gap query. */
  async getState() {
    const files = {};
    if (this.source?.kind === 'files') {
      for (const [k, f] of Object.entries(this.source.files)) files[k] = f ? await packFile({ name: f.name, file: f }) : null;
    }
    return { source: this.source ? { kind: this.source.kind, files } : null, forward: this.forward, form: { ...this.form }, gaps: !!this.gaps };
  }

  async setState(st) {
    if (!st) return;
    if (st.forward === 'ghosh' || st.forward === 'leontief_row') this.forward = st.forward;
    if (st.form) this.form = { ...this.form, ...st.form };
    if (st.source?.kind === 'bea') await this.loadBea();
    else if (st.source?.kind === 'files') {
      for (const [k, p] of Object.entries(st.source.files ?? {})) if (k in this.files) this.files[k] = p ? (await unpackFile(p)).file : null;
      await this.loadFiles();
    }
    if (st.gaps && this.model && this.host.state.data) await this.computeGaps();
    this.update();
  }

  hostConnected() {}

  onData() {
    // A new panel invalidates the gap ranking (it used the old employment).
    if (this.gaps && this.gaps.dataFile !== this.host.state.data?.file) this.gaps = null;
  }

  update() {
    this.host.requestUpdate();
  }

  async loadBea() {
    const base = `${this.host.assetBase || ''}sample/`;
    const [make, use, crosswalk, definitions] = await Promise.all(
      ['bea_2017_summary_make.csv', 'bea_2017_summary_use.csv', 'bea_summary_to_naics.csv', 'cluster_definitions_uscmp.csv'].map((f) => bytesOf(base + f)),
    );
    if (await this.load(
      { make, makeName: 'bea_2017_summary_make.csv', use, useName: 'bea_2017_summary_use.csv', crosswalk, crosswalkName: 'bea_summary_to_naics.csv' },
      definitions,
    )) this.source = { kind: 'bea' };
  }

  async loadFiles() {
    const f = this.files;
    const opts = {};
    if (f.table) Object.assign(opts, { table: await bytesOf(f.table), name: f.table.name });
    else if (f.make && f.use) Object.assign(opts, { make: await bytesOf(f.make), makeName: f.make.name, use: await bytesOf(f.use), useName: f.use.name });
    else {
      this.host.announce('Choose a flow table, or both a Make and a Use table.');
      return;
    }
    if (f.crosswalk) Object.assign(opts, { crosswalk: await bytesOf(f.crosswalk), crosswalkName: f.crosswalk.name });
    const definitions = this.clusters.length ? null : await bytesOf(`${this.host.assetBase || ''}sample/cluster_definitions_uscmp.csv`);
    if (await this.load(opts, definitions)) this.source = { kind: 'files', files: { ...f } };
  }

  async load(opts, definitions) {
    try {
      this.table = await this.host.call('ioLoadTable', opts, 'loading the input-output table');
      linkage.io = this.table;
      if (definitions) this.clusters = await this.host.call('ioLoadDefinitions', { definitions, name: 'cluster_definitions_uscmp.csv' }, 'reading cluster definitions');
      this.gaps = null;
      await this.computeModel();
      this.host.announce(`Loaded the input-output table ${this.table.source}: ${this.table.n} sectors.`);
      this.host.scheduleAutosave?.();
      return true;
    } catch {
      // shown by the host
      return false;
    }
  }

  async computeModel() {
    this.model = await this.host.call('ioModel', { forward: this.forward }, 'computing multipliers and linkages');
    this.update();
  }

  async computeGaps() {
    const s = this.host.state;
    const f = this.form;
    const region = f.region ?? s.selected ?? s.data.regions[0];
    const industries = f.industries
      .split(/[\s,;]+/)
      .map((x) => x.trim())
      .filter(Boolean);
    const opts = { region, method: f.method, delta: Number(f.delta), year: s.year };
    if (industries.length) opts.industries = industries;
    else opts.cluster = f.cluster;
    try {
      const g = await this.host.call('ioSupplierGaps', opts, 'ranking supplier gaps');
      g.dataFile = s.data.file;
      this.gaps = g;
      const top = g.rows[0];
      this.host.announce(
        `Supplier gaps of ${g.clusterName} in ${g.regionName || g.region}: ${fmt(g.totalGap, 1)} $M of ${fmt(g.totalRequirement, 1)} $M not supplied locally` +
          (top ? `; largest: ${top.sector_name}.` : '.'),
      );
      this.update();
    } catch {
      // shown
    }
  }

  render() {
    const s = this.host.state;
    return html`<section class="panel" aria-labelledby="io-h">
        <h2 id="io-h">Input-output table</h2>
        <div class="io-load">
          <button class="button primary" id="io-bea" @click=${() => this.loadBea()}>Use the BEA 2017 summary tables (71 industries)</button>
          <fieldset>
            <legend>Or your own table</legend>
            <label>Flow table (CSV, sellers × buyers)<input type="file" id="io-table" accept=".csv,.tsv,.txt" @change=${(e) => (this.files.table = e.target.files[0] ?? null)} /></label>
            <label>Make table<input type="file" id="io-make" accept=".csv,.tsv,.txt" @change=${(e) => (this.files.make = e.target.files[0] ?? null)} /></label>
            <label>Use table<input type="file" id="io-use" accept=".csv,.tsv,.txt" @change=${(e) => (this.files.use = e.target.files[0] ?? null)} /></label>
            <label>Crosswalk data codes → table sectors<input type="file" id="io-crosswalk" accept=".csv,.tsv,.txt" @change=${(e) => (this.files.crosswalk = e.target.files[0] ?? null)} /></label>
            <button class="button" @click=${() => this.loadFiles()}>Load</button>
          </fieldset>
        </div>
        ${this.table
          ? html`<p>Loaded <strong>${this.table.source}</strong>: ${this.table.n} sectors${this.table.crosswalk ? html`; crosswalk <strong>${this.table.crosswalk}</strong>` : nothing}.
              ${this.table.warnings.length ? html`<br />${this.table.warnings.length} warning(s): ${this.table.warnings.map((w) => w.message).join(' · ')}` : nothing}</p>`
          : html`<p>Load an input-output table to see multipliers, linkages and the supplier gaps of a cluster.</p>`}
      </section>
      ${this.model ? this.renderModel() : nothing} ${this.model && s.data ? this.renderGapForm() : nothing} ${this.gaps ? this.renderGaps() : nothing}`;
  }

  renderModel() {
    const m = this.model;
    const rows = m.sectors.map((code, i) => ({
      sector: code,
      name: m.names[i],
      output: m.output[i],
      direct: m.direct[i],
      indirect: m.indirect[i],
      total: m.total[i],
      backward: m.backward[i],
      forward: m.forward[i],
      key: keyLabel(m.keySector[i]),
    }));
    const keys = rows.filter((r) => m.keySector[m.sectors.indexOf(r.sector)] === 'key');
    const best = [...rows].sort((a, b) => b.total - a.total)[0];
    return html`<section class="panel" aria-labelledby="io-mult-h">
      <h2 id="io-mult-h">Multipliers and linkages</h2>
      <label class="inline"
        >Forward linkage from
        <select id="io-forward" @change=${(e) => { this.forward = e.target.value; this.computeModel(); }}>
          <option value="ghosh" ?selected=${this.forward === 'ghosh'}>the Ghosh inverse (supply-driven)</option>
          <option value="leontief_row" ?selected=${this.forward === 'leontief_row'}>Leontief row sums</option>
        </select>
      </label>
      <p class="io-summary" id="io-model-summary">
        ${m.sectors.length} sectors. The largest output multiplier is ${best.name} (${best.sector}): ${fmt(best.total, 3)}, i.e. each dollar of final demand for it
        requires ${fmt(best.total, 3)} dollars of output across the economy. ${keys.length} key sectors (backward and forward linkage both above the average of 1)${keys.length ? `: ${keys.slice(0, 8).map((k) => k.name).join('; ')}${keys.length > 8 ? ` and ${keys.length - 8} more` : ''}` : ''}.
      </p>
      ${imageExport({ id: 'io-quadrant', svg: 'svg.chart.quadrant', name: 'io_key_sectors', title: `Key sectors: backward against forward linkage (${this.table?.source ?? 'input-output table'})`, label: 'key-sector chart' })}
      <figure>
        ${quadrantChart(m, { selected: this.selected, onSelect: (code) => { this.selected = code; this.update(); this.host.announce(`Selected sector ${code}.`); } })}
        <figcaption>Key-sector quadrants. Squares: key sectors; triangles: backward-oriented; diamonds: forward-oriented; circles: weakly linked. The table below holds the same values.</figcaption>
      </figure>
      ${dataTable({
        id: 'io-multipliers',
        caption: `Output multipliers and Rasmussen-Hirschman linkages (${m.forwardMethod === 'ghosh' ? 'Ghosh' : 'Leontief-row'} forward linkage)`,
        columns: [
          { key: 'sector', label: 'Sector' },
          { key: 'name', label: 'Name' },
          { key: 'output', label: 'Output $M', num: true, format: fmtInt },
          { key: 'direct', label: 'Direct', num: true, format: (v) => fmt(v, 3) },
          { key: 'indirect', label: 'Indirect', num: true, format: (v) => fmt(v, 3) },
          { key: 'total', label: 'Output multiplier', num: true, format: (v) => fmt(v, 3) },
          { key: 'backward', label: 'Backward linkage', num: true, format: (v) => fmt(v, 3) },
          { key: 'forward', label: 'Forward linkage', num: true, format: (v) => fmt(v, 3) },
          { key: 'key', label: 'Quadrant' },
        ],
        rows,
        sort: this.sort,
        onSort: (sort) => { this.sort = sort; this.update(); },
        rowKey: 'sector',
        selected: this.selected,
        onRow: (r) => { this.selected = r.sector; this.update(); },
        exportName: 'io_multipliers',
      })}
    </section>`;
  }

  renderGapForm() {
    const s = this.host.state;
    const d = s.data;
    const f = this.form;
    const region = f.region ?? s.selected ?? d.regions[0];
    const set = (k) => (e) => { this.form = { ...this.form, [k]: e.target.value }; this.update(); };
    return html`<section class="panel" aria-labelledby="io-gap-h">
      <h2 id="io-gap-h">Supplier gaps</h2>
      <p>For a cluster in a region: the inputs it needs from each supplying sector, the share the region can supply (regionalised with location quotients), and the gap bought from outside. Large gaps in sectors with little local employment are candidates for investment promotion.</p>
      <div class="io-form">
        <label
          >Region
          <select id="io-region" @change=${set('region')}>
            ${d.regions.map((c, i) => html`<option value=${c} ?selected=${c === region}>${d.regionNames[i] || c} (${c})</option>`)}
          </select>
        </label>
        <label
          >Cluster
          <select id="io-cluster" @change=${set('cluster')}>
            ${this.clusters.map((c) => html`<option value=${c.code} ?selected=${c.code === f.cluster}>${c.code} ${c.name}</option>`)}
          </select>
        </label>
        <label>or industry codes (comma-separated)<input type="text" id="io-industries" .value=${f.industries} @change=${set('industries')} /></label>
        <label
          >Regionalisation
          <select id="io-method" @change=${set('method')}>
            <option value="flq" ?selected=${f.method === 'flq'}>FLQ (Flegg)</option>
            <option value="slq" ?selected=${f.method === 'slq'}>SLQ (simple LQ)</option>
          </select>
        </label>
        <label>FLQ δ<input type="number" id="io-delta" min="0" max="1" step="0.05" .value=${String(f.delta)} ?disabled=${f.method !== 'flq'} @change=${set('delta')} /></label>
        <button class="button primary" id="io-gaps-run" @click=${() => this.computeGaps()}>Rank supplier gaps</button>
      </div>
    </section>`;
  }

  renderGaps() {
    const g = this.gaps;
    const rows = g.rows.map((r) => ({ ...r }));
    const top = g.rows.slice(0, 3).map((r) => `${r.sector_name} (${fmt(r.gap, 1)} $M, local LQ ${fmt(r.regional_lq)})`);
    return html`<section class="panel" aria-labelledby="io-gaps-h">
      <h2 id="io-gaps-h">Supplier gaps: ${g.clusterName}, ${g.regionName || g.region} (${g.region}), ${g.year}</h2>
      <p class="io-summary" id="io-gaps-summary">
        The ${g.clusterIndustries.length} cluster industries present in the region produce an estimated output that needs
        ${fmt(g.totalRequirement, 1)} $M of inputs; ${fmt(g.totalLocalSupply, 1)} $M (${fmtPct(g.totalLocalSupply / g.totalRequirement)}) can be supplied
        locally under ${g.method === 'flq' ? `FLQ (δ = ${fmt(g.delta, 2)}, λ = ${fmt(g.lambda, 3)})` : 'SLQ'}, leaving a gap of ${fmt(g.totalGap, 1)} $M.
        Largest gaps: ${top.join('; ')}.
      </p>
      ${imageExport({ id: 'io-gaps-chart', svg: 'svg.chart.gaps', name: `supplier_gaps_${g.region}_${g.clusterCode}`, title: `Largest supplier gaps: ${g.clusterName}, ${g.regionName || g.region} (${g.region}), ${g.year}`, label: 'supplier-gap chart' })}
      <figure>
        ${gapChart(g.rows)}
        <figcaption>The 15 largest gaps: red bars are the input requirement not supplied in the region; blue the part supplied locally. All gaps are in the table.</figcaption>
      </figure>
      ${dataTable({
        id: 'io-gaps',
        caption: `Supplier gaps, ranked (${rows.length} supplying sectors; $ million)`,
        columns: [
          { key: 'rank', label: 'Rank', num: true },
          { key: 'sector', label: 'Sector' },
          { key: 'sector_name', label: 'Supplying sector' },
          { key: 'requirement', label: 'Requirement', num: true, format: (v) => fmt(v, 2) },
          { key: 'local_supply', label: 'Local supply', num: true, format: (v) => fmt(v, 2) },
          { key: 'local_share', label: 'Local share', num: true, format: (v) => fmtPct(v, 2) },
          { key: 'gap', label: 'Gap', num: true, format: (v) => fmt(v, 2) },
          { key: 'regional_lq', label: 'Regional LQ', num: true, format: (v) => fmt(v, 2) },
          { key: 'regional_employment', label: 'Regional employment', num: true, format: fmtInt },
        ],
        rows,
        sort: this.gapSort,
        onSort: (sort) => { this.gapSort = sort; this.update(); },
        rowKey: 'sector',
        exportName: `supplier_gaps_${g.region}_${g.clusterCode}`,
        exportRows: rows,
      })}
    </section>`;
  }
}
