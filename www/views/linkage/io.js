// The "Input-output" tab: load an IO table (the shipped BEA 2017 summary Make/Use pair, or the
// user's own flow table or Make/Use pair, plus a crosswalk), see multipliers, linkages and the
// key-sector quadrants, and rank the supplier gaps of a cluster in a region — the industries a
// region buys from outside, with their local LQ and employment: the investment-promotion targets.
import { html, css, nothing } from 'lit';
import { dataTable } from '../table/table.js';
import { fmt, fmtInt, fmtPct } from '../format.js';
import { quadrantChart, gapChart, multiplierChart, keyLabel } from './charts.js';
import { imageExport } from '../export.js';
import { linkage, bytesOf } from './shared.js';
import { packFile, unpackFile } from '../../components/session.js';
import { contextOf } from '../clusters/context.js';

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
    this.regional = null; // ioRegionalMultipliers result
    this.regionalSort = { key: 'regional', dir: -1 };
    this.forward = 'ghosh';
    this.sort = { key: 'total', dir: -1 };
    this.gapSort = { key: 'rank', dir: 1 };
    this.selected = null;
    this.form = { region: null, cluster: '42', industries: '', method: 'flq', delta: 0.3 };
    this.files = { table: null, make: null, use: null, crosswalk: null };
    this.sheet = ''; // sheet of Excel tables (empty: the first)
    this.source = null; // what is loaded, for sessions: {kind: 'bea'} or {kind: 'files', files}
    this.defsInput = null; // the cluster views' definitions last given to the IO facade
    this.defsSource = 'cluster_definitions_uscmp.csv';
    this.empFromRef = false; // employment multipliers from the reference table's employment
  }

  /**
   * Lit controller hook: the supplier gaps use the cluster definitions of the cluster views (an
   * uploaded file, or network communities saved as clusters) once they are loaded there.
   */
  hostUpdated() {
    const input = contextOf(this.host).input;
    if (!this.table || !input || input === this.defsInput || this.syncing) return;
    this.syncing = (async () => {
      try {
        this.clusters = await this.host.call('ioLoadDefinitions', { definitions: input.bytes, name: input.name }, `reading ${input.name}`);
        this.defsInput = input;
        this.defsSource = input.name;
        if (!this.clusters.some((c) => c.code === this.form.cluster)) this.form = { ...this.form, cluster: this.clusters[0]?.code ?? '' };
        this.gaps = null;
      } catch {
        this.defsInput = input; // shown by the host; not retried
      } finally {
        this.syncing = null;
        this.update();
      }
    })();
  }

  /** For a saved session: the loaded table (the user's files packed), the options, the gap query. */
  async getState() {
    const files = {};
    if (this.source?.kind === 'files') {
      for (const [k, f] of Object.entries(this.source.files)) files[k] = f ? await packFile({ name: f.name, file: f }) : null;
    } else if (this.source?.kind === 'bea' && this.files.crosswalk) {
      files.crosswalk = await packFile({ name: this.files.crosswalk.name, file: this.files.crosswalk });
    }
    return { source: this.source ? { kind: this.source.kind, files } : null, sheet: this.sheet, forward: this.forward, empFromRef: this.empFromRef, form: { ...this.form }, gaps: !!this.gaps };
  }

  async setState(st) {
    if (!st) return;
    if (st.forward === 'ghosh' || st.forward === 'leontief_row') this.forward = st.forward;
    if (st.form) this.form = { ...this.form, ...st.form };
    if (typeof st.sheet === 'string') this.sheet = st.sheet;
    this.empFromRef = !!st.empFromRef;
    if (st.source?.kind === 'bea' || st.source?.kind === 'files') {
      for (const [k, p] of Object.entries(st.source.files ?? {})) if (k in this.files) this.files[k] = p ? (await unpackFile(p)).file : null;
      await (st.source.kind === 'bea' ? this.loadBea() : this.loadFiles());
    }
    if (st.gaps && this.model && this.host.state.data) await this.computeGaps();
    this.update();
  }

  hostConnected() {}

  onData() {
    // A new panel invalidates the gap ranking (it used the old employment).
    if (this.gaps && this.gaps.dataFile !== this.host.state.data?.file) this.gaps = null;
    if (this.regional && this.regional.dataFile !== this.host.state.data?.file) this.regional = null;
  }

  update() {
    this.host.requestUpdate();
  }

  async loadBea() {
    const base = `${this.host.assetBase || ''}sample/`;
    const [make, use, crosswalk, definitions] = await Promise.all(
      ['bea_2017_summary_make.csv', 'bea_2017_summary_use.csv', 'bea_summary_to_naics.csv', 'cluster_definitions_uscmp.csv'].map((f) => bytesOf(base + f)),
    );
    // A crosswalk the user chose replaces the shipped BEA summary ↔ NAICS one.
    let cw = { crosswalk, crosswalkName: 'bea_summary_to_naics.csv' };
    if (this.files.crosswalk) {
      try {
        cw = { ...(await this.fileOption(this.files.crosswalk, 'crosswalk')), crosswalkName: this.files.crosswalk.name };
      } catch {
        return; // shown by the host
      }
    }
    if (await this.load({ make, makeName: 'bea_2017_summary_make.csv', use, useName: 'bea_2017_summary_use.csv', ...cw }, definitions)) this.source = { kind: 'bea' };
  }

  /** `{key: bytes}` for a CSV file, `{keyRows: rows}` for an XLSX workbook (its first sheet, read by the worker's XLSX module). */
  async fileOption(file, key) {
    if (/\.xlsx$/i.test(file.name)) {
      const sheet = key === 'crosswalk' ? undefined : this.sheet.trim() || undefined;
      const t = await this.host.call('xlsxTable', { name: file.name, file, sheet }, `reading ${file.name}`);
      return { [`${key}Rows`]: t.rows };
    }
    return { [key]: await bytesOf(file) };
  }

  async loadFiles() {
    const f = this.files;
    const opts = {};
    try {
      if (f.table) Object.assign(opts, await this.fileOption(f.table, 'table'), { name: f.table.name });
      else if (f.make && f.use) Object.assign(opts, await this.fileOption(f.make, 'make'), { makeName: f.make.name }, await this.fileOption(f.use, 'use'), { useName: f.use.name });
      else {
        this.host.announce('Choose a flow table, or both a Make and a Use table.');
        return;
      }
      if (f.crosswalk) Object.assign(opts, await this.fileOption(f.crosswalk, 'crosswalk'), { crosswalkName: f.crosswalk.name });
    } catch {
      return; // shown by the host
    }
    const definitions = this.clusters.length ? null : await bytesOf(`${this.host.assetBase || ''}sample/cluster_definitions_uscmp.csv`);
    if (await this.load(opts, definitions)) this.source = { kind: 'files', files: { ...f } };
  }

  async load(opts, definitions) {
    try {
      this.table = await this.host.call('ioLoadTable', opts, 'loading the input-output table');
      linkage.io = this.table;
      if (definitions) {
        this.clusters = await this.host.call('ioLoadDefinitions', { definitions, name: 'cluster_definitions_uscmp.csv' }, 'reading cluster definitions');
        this.defsInput = null; // the cluster views' definitions (if any) are given again
        this.defsSource = 'cluster_definitions_uscmp.csv';
      }
      this.gaps = null;
      this.regional = null;
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
    const opts = { forward: this.forward, employmentFromReference: this.empFromRef, year: this.host.state.year ?? undefined };
    try {
      this.model = await this.host.call('ioModel', opts, 'computing multipliers and linkages');
    } catch (e) {
      if (!this.empFromRef) throw e;
      this.empFromRef = false; // shown by the host; the multipliers without employment stay
      this.model = await this.host.call('ioModel', { forward: this.forward }, 'computing multipliers and linkages');
    }
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

  async computeRegional() {
    const s = this.host.state;
    const f = this.form;
    const region = f.region ?? s.selected ?? s.data.regions[0];
    try {
      const r = await this.host.call('ioRegionalMultipliers', { region, method: f.method, delta: Number(f.delta), year: s.year }, 'regionalising the table');
      r.dataFile = s.data.file;
      this.regional = r;
      this.host.announce(`Regional multipliers of ${r.regionName || r.region} computed (${r.sectors.length} sectors).`);
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
            <label>Flow table (CSV or Excel, sellers × buyers)<input type="file" id="io-table" accept=".csv,.tsv,.txt,.xlsx" @change=${(e) => (this.files.table = e.target.files[0] ?? null)} /></label>
            <label>Make table<input type="file" id="io-make" accept=".csv,.tsv,.txt,.xlsx" @change=${(e) => (this.files.make = e.target.files[0] ?? null)} /></label>
            <label>Use table<input type="file" id="io-use" accept=".csv,.tsv,.txt,.xlsx" @change=${(e) => (this.files.use = e.target.files[0] ?? null)} /></label>
            <label>Excel sheet (empty: the first)<input type="text" id="io-sheet" .value=${this.sheet} @change=${(e) => (this.sheet = e.target.value)} /></label>
            <label>Crosswalk data codes → table sectors (also replaces the BEA one)<input type="file" id="io-crosswalk" accept=".csv,.tsv,.txt,.xlsx" @change=${(e) => (this.files.crosswalk = e.target.files[0] ?? null)} /></label>
            <button class="button" id="io-load-files" @click=${() => this.loadFiles()}>Load</button>
          </fieldset>
        </div>
        ${this.table
          ? html`<p>Loaded <strong>${this.table.source}</strong>: ${this.table.n} sectors${this.table.crosswalk ? html`; crosswalk <strong>${this.table.crosswalk}</strong>` : nothing}.
              ${this.table.warnings.length ? html`<br />${this.table.warnings.length} warning(s): ${this.table.warnings.map((w) => w.message).join(' · ')}` : nothing}</p>`
          : html`<p>Load an input-output table to see multipliers, linkages and the supplier gaps of a cluster.</p>`}
      </section>
      ${this.model ? this.renderModel() : nothing} ${this.model && s.data ? this.renderGapForm() : nothing} ${this.regional ? this.renderRegional() : nothing} ${this.gaps ? this.renderGaps() : nothing}`;
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
      extraction: m.extraction ? m.extraction[i] : null,
      extraction_share: m.extractionShare ? m.extractionShare[i] : null,
      employment_multiplier: m.employmentTotal ? m.employmentTotal[i] : null,
      employment_type_i: m.employmentTypeI ? orNull(m.employmentTypeI[i]) : null,
      value_added_coefficient: m.valueAddedCoefficient ? m.valueAddedCoefficient[i] : null,
      value_added_type_i: m.valueAddedTypeI ? orNull(m.valueAddedTypeI[i]) : null,
    }));
    const hasEmp = !!m.employmentTypeI;
    const hasVa = !!m.valueAddedTypeI;
    const hasEx = !!m.extraction;
    const topEx = hasEx ? [...rows].sort((a, b) => b.extraction - a.extraction)[0] : null;
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
        ${topEx ? `Hypothetical extraction: removing ${topEx.name} (${topEx.sector}) as a buyer would cost the most output, ${fmt(topEx.extraction, 1)} (${fmtPct(topEx.extraction_share, 2)} of total output).` : ''}
        ${hasEmp
          ? html`Employment from ${m.employmentSource}: type-I employment multipliers (and jobs per $M of final demand) are in the table.
              ${m.employmentWarnings?.length ? html`<span id="io-emp-warnings">${m.employmentWarnings.map((w) => w.message).join(' · ')}</span>` : nothing}`
          : 'The table has no employment row, so there are no employment multipliers yet.'}
        ${hasVa ? 'It has a value-added row: value added per dollar of output and type-I value-added multipliers are in the table.' : ''}
      </p>
      ${!hasEmp && this.host.state.data
        ? html`<p>
            <button class="button" id="io-emp-from-ref" ?disabled=${!this.host.state.reference || !this.table?.crosswalk} @click=${() => { this.empFromRef = true; this.computeModel(); }}>
              Employment multipliers from the national employment of the reference table
            </button>
            ${this.host.state.reference && this.table?.crosswalk ? nothing : html`<span>(needs a reference table loaded with the data and a crosswalk)</span>`}
          </p>`
        : nothing}
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
          ...(hasEx
            ? [
                { key: 'extraction', label: 'Extraction: output lost', num: true, format: (v) => fmt(v, 1) },
                { key: 'extraction_share', label: 'Extraction: share of output', num: true, format: (v) => fmtPct(v, 2) },
              ]
            : []),
          ...(hasEmp
            ? [
                { key: 'employment_multiplier', label: 'Jobs per unit of final demand', num: true, format: (v) => fmt(v, 4) },
                { key: 'employment_type_i', label: 'Employment multiplier (type I)', num: true, format: (v) => fmt(v, 3) },
              ]
            : []),
          ...(hasVa
            ? [
                { key: 'value_added_coefficient', label: 'Value added per $ of output', num: true, format: (v) => fmt(v, 3) },
                { key: 'value_added_type_i', label: 'Value-added multiplier (type I)', num: true, format: (v) => fmt(v, 3) },
              ]
            : []),
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
          >Cluster (${this.defsSource})
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
        <button class="button" id="io-regional-run" @click=${() => this.computeRegional()}>Regional multipliers</button>
      </div>
    </section>`;
  }

  renderRegional() {
    const r = this.regional;
    const rows = r.sectors.map((code, i) => ({
      sector: code,
      name: r.names[i],
      national: r.national[i],
      regional: r.regional[i],
      leakage: r.national[i] - r.regional[i],
      slq: Number.isNaN(r.slq[i]) ? null : r.slq[i],
      employment: r.regionalEmployment[i],
    }));
    const best = [...rows].sort((a, b) => b.regional - a.regional)[0];
    const meanOf = (k) => rows.reduce((t, x) => t + x[k], 0) / rows.length;
    const where = `${r.regionName || r.region} (${r.region}), ${r.year}`;
    return html`<section class="panel" aria-labelledby="io-regional-h">
      <h2 id="io-regional-h">Regional output multipliers: ${where}</h2>
      <p class="io-summary" id="io-regional-summary">
        The national table regionalised with ${r.method === 'flq' ? `FLQ (δ = ${fmt(r.delta, 2)}, λ = ${fmt(r.lambda, 3)})` : 'SLQ'} from the region's employment:
        the average output multiplier falls from ${fmt(meanOf('national'), 3)} nationally to ${fmt(meanOf('regional'), 3)} in the region, because part of the inputs
        are bought from outside. The largest regional multiplier is ${best.name} (${best.sector}): ${fmt(best.regional, 3)}.
      </p>
      ${imageExport({ id: 'io-regional-chart', svg: 'svg.chart.multipliers', name: `regional_multipliers_${r.region}`, title: `Regional and national output multipliers: ${where}`, label: 'regional multiplier chart' })}
      <figure>
        ${multiplierChart(rows)}
        <figcaption>The 15 sectors with the largest regional multipliers: the dark bar is the regional multiplier, the light bar the national one. All sectors are in the table.</figcaption>
      </figure>
      ${dataTable({
        id: 'io-regional',
        caption: `Regional and national output multipliers (${rows.length} sectors)`,
        columns: [
          { key: 'sector', label: 'Sector' },
          { key: 'name', label: 'Name' },
          { key: 'national', label: 'National multiplier', num: true, format: (v) => fmt(v, 4) },
          { key: 'regional', label: 'Regional multiplier', num: true, format: (v) => fmt(v, 4) },
          { key: 'leakage', label: 'Leakage', num: true, format: (v) => fmt(v, 4) },
          { key: 'slq', label: 'Regional LQ', num: true, format: (v) => (v === null ? '–' : fmt(v, 2)) },
          { key: 'employment', label: 'Regional employment', num: true, format: fmtInt },
        ],
        rows,
        sort: this.regionalSort,
        onSort: (sort) => { this.regionalSort = sort; this.update(); },
        rowKey: 'sector',
        exportName: `regional_multipliers_${r.region}`,
      })}
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

/** NaN (undefined: e.g. a type-I multiplier of a sector without employment) as null: an empty cell. */
function orNull(v) {
  return Number.isNaN(v) ? null : v;
}
