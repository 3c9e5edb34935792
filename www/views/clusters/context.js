// Shared state of the cluster views (one per <agglo-explorer>): the loaded cluster definitions, how
// the data maps to them, and the settings every cluster view uses (LQ base, reference, missing
// cells). The numbers all come from the core (`loadClusterDefinitions`, `clusterMapping`).
import { html, nothing } from 'lit';
import { fmtInt, fmtPct } from '../format.js';
import { packFile, unpackFile } from '../../components/session.js';

const contexts = new WeakMap();
const ids = new WeakMap();
let nextId = 1;

/** A stable id per loaded object (data summary, reference summary): a new load gets a new id. */
export function idOf(obj) {
  if (!obj) return 0;
  if (!ids.has(obj)) ids.set(obj, nextId++);
  return ids.get(obj);
}

export const DEFAULT_DEFINITIONS = 'cluster_definitions_uscmp.csv';

/** CSV text of a sheet's text rows (quoted where needed). */
function rowsToCsv(rows) {
  const cell = (v) => (/[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return rows.map((r) => r.map((v) => cell(String(v ?? ''))).join(',')).join('\n');
}

export class ClusterContext {
  /** Key of this shared state in a saved session (`session.shared.clusters`). */
  static key = 'clusters';

  constructor(host) {
    this.host = host;
    this.defs = null; // {source, clusters, entries, warnings}
    this.mapping = null; // clusterMapping result
    this.mappingFor = 0;
    this.failedFor = null;
    this.version = 0; // bumps when definitions or settings change
    this.pending = null;
    this.settings = { base: 'all', reference: 'auto', missingAsZero: false };
    this.filter = { definitionSet: 'DPS2016', vintage: '2017' };
    this.region = null; // shared by the region profile and the priorities
    this.file = null; // the user's definitions file (null: the default), for sessions
    this.input = null; // {name, bytes} (CSV) of the loaded definitions, for the supplier gaps
  }

  /** For a saved session: the uploaded definitions file (packed) and the row filter. */
  async getState() {
    return { filter: { ...this.filter }, definitions: this.file ? await packFile({ name: this.file.name, file: this.file }) : null };
  }

  /** Restore a saved session's definitions (no entry: the default definitions). */
  async setState(st) {
    await this.pending;
    if (st?.filter) this.filter = { ...this.filter, ...st.filter };
    const packed = st?.definitions;
    if (!packed) return;
    // Held as `pending` so a view rendering meanwhile does not load the default over it.
    this.pending = (async () => {
      const { file } = await unpackFile(packed);
      await this.upload(file);
    })();
    try {
      await this.pending;
    } finally {
      this.pending = null;
      this.host.requestUpdate();
    }
  }

  /** Options every cluster method takes. */
  options(extra = {}) {
    const s = this.host.state;
    return {
      year: s.year ?? undefined,
      fromYear: s.yearStart ?? undefined,
      base: this.settings.base,
      reference: this.settings.reference,
      ...extra,
    };
  }

  /** The region shown: the user's pick, else the host's selected region, else the first region. */
  currentRegion() {
    const d = this.host.state.data;
    if (!d) return null;
    if (this.region && d.regions.includes(this.region)) return this.region;
    const sel = this.host.state.selected;
    if (sel && d.regions.includes(sel)) return sel;
    return d.regions[0] ?? null;
  }

  get ready() {
    return !!(this.defs && this.mapping && this.mappingFor === idOf(this.host.state.data));
  }

  /** Load the default definitions (first use) or refresh the mapping for new data. */
  ensure() {
    const dataId = idOf(this.host.state.data);
    if (this.pending || this.ready || this.failedFor === dataId || !dataId) return this.pending;
    this.pending = (async () => {
      try {
        if (!this.defs) await this.loadDefault();
        else await this.refreshMapping();
        this.failedFor = null;
      } catch (e) {
        this.failedFor = dataId;
        this.error = e.message;
      } finally {
        this.pending = null;
        this.host.requestUpdate();
      }
    })();
    return this.pending;
  }

  async loadDefault() {
    const url = `${this.host.assetBase || ''}sample/${DEFAULT_DEFINITIONS}`;
    const r = await fetch(url);
    if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
    const bytes = new Uint8Array(await r.arrayBuffer());
    await this.load({ name: DEFAULT_DEFINITIONS, bytes });
    this.file = null;
  }

  async load(file) {
    const res = await this.host.call('loadClusterDefinitions', { ...file, ...this.filter }, `reading ${file.name}`);
    this.defs = res;
    this.input = { name: file.name, bytes: file.bytes ?? new TextEncoder().encode(rowsToCsv(file.table.rows)) };
    this.error = null;
    this.setMapping(res.mapping);
    this.version++;
    this.host.scheduleAutosave?.();
    const m = res.mapping;
    this.host.announce(
      `Cluster definitions ${res.source}: ${res.clusters} clusters, ${res.entries} industry codes` +
        (m ? `; ${fmtPct(m.mappedShare)} of ${m.measure} mapped, ${m.unmapped.length} codes unmapped.` : '.'),
    );
  }

  setMapping(mapping) {
    this.mapping = mapping ?? null;
    this.mappingFor = mapping ? idOf(this.host.state.data) : 0;
  }

  async refreshMapping() {
    this.setMapping(await this.host.call('clusterMapping', this.options(), 'mapping industries to clusters'));
    this.version++;
  }

  /** An uploaded definitions file (CSV, or XLSX through the worker's spreadsheet reader). */
  async upload(file) {
    try {
      if (/\.xlsx$/i.test(file.name)) {
        const table = await this.host.call('xlsxTable', { name: file.name, file }, `reading ${file.name}`);
        await this.load({ name: file.name, table });
      } else {
        await this.load({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
      }
      this.file = file;
    } catch {
      // shown by the host
    }
    this.host.requestUpdate();
  }

  set(patch) {
    this.settings = { ...this.settings, ...patch };
    this.version++;
    this.host.scheduleAutosave?.();
    this.host.requestUpdate();
  }

  clusterName(code) {
    const c = this.mapping?.clusters.find((x) => x.code === code);
    return c ? c.name : code;
  }

  /** The settings and definitions panel shown at the top of every cluster view. */
  renderSettings() {
    const s = this.settings;
    const m = this.mapping;
    const hasRef = !!this.host.state.reference;
    return html`<section class="panel cl-settings" aria-labelledby="cl-settings-h">
      <h2 id="cl-settings-h">Cluster definitions and settings</h2>
      <p class="summary" id="cl-defs-summary">
        ${this.defs
          ? html`Definitions: <strong>${this.defs.source}</strong>, ${this.defs.clusters} clusters, ${this.defs.entries} industry codes.
              ${m ? html`${fmtPct(m.mappedShare)} of ${m.measure} (${m.years[m.years.length - 1]}) falls in a cluster; ${m.clusters.length} clusters are present in the data.` : nothing}`
          : this.error
            ? html`No cluster definitions loaded: ${this.error}`
            : 'Loading the US Cluster Mapping definitions…'}
      </p>
      <div class="controls">
        <label
          >Strength LQ base
          <select id="cl-base" @change=${(e) => this.set({ base: e.target.value })}>
            <option value="all" ?selected=${s.base === 'all'}>All industries (default)</option>
            <option value="traded" ?selected=${s.base === 'traded'}>Traded clusters vs traded employment (USCMP)</option>
          </select>
        </label>
        <label
          >Reference economy
          <select id="cl-reference" @change=${(e) => this.set({ reference: e.target.value })}>
            ${hasRef ? html`<option value="auto" ?selected=${s.reference === 'auto'}>Uploaded reference table</option>` : nothing}
            <option value="sum" ?selected=${s.reference === 'sum' || !hasRef}>Sum of the loaded regions</option>
          </select>
        </label>
        <label class="check"
          ><span><input type="checkbox" id="cl-missing-zero" .checked=${s.missingAsZero} @change=${(e) => this.set({ missingAsZero: e.target.checked })} />
          Count missing cells as zero in the region's shift-share</span>
          <span class="hint">CBP: an absent industry has no jobs; suppressed cells are then undercounted.</span>
        </label>
        <label
          >Other definitions (CSV or Excel)
          <input type="file" id="cl-defs-file" class="visible-file" accept=".csv,.tsv,.txt,.xlsx" @change=${(e) => e.target.files[0] && this.upload(e.target.files[0])} />
        </label>
        ${this.defs && this.defs.source !== DEFAULT_DEFINITIONS
          ? html`<button class="button" @click=${async () => { try { await this.loadDefault(); } catch { /* shown */ } this.host.requestUpdate(); }}>Use the US Cluster Mapping default</button>`
          : nothing}
      </div>
      <details>
        <summary>Definition row filter and unmapped codes</summary>
        <div class="controls">
          <label
            >Definition set (empty: all rows)
            <input id="cl-filter-set" .value=${this.filter.definitionSet} @change=${(e) => { this.filter = { ...this.filter, definitionSet: e.target.value }; }} />
          </label>
          <label
            >Classification vintage (empty: all rows)
            <input id="cl-filter-vintage" .value=${this.filter.vintage} @change=${(e) => { this.filter = { ...this.filter, vintage: e.target.value }; }} />
          </label>
        </div>
        <p>The filter applies to the next definitions file loaded, when it has <code>definition_set</code> or <code>naics_vintage</code> columns.</p>
        ${m ? this.renderUnmapped(m) : nothing}
        ${this.defs?.warnings?.length
          ? html`<p>${this.defs.warnings.length} notes on the definitions file, e.g.: ${this.defs.warnings.slice(0, 3).map((w) => w.message).join('; ')}</p>`
          : nothing}
      </details>
    </section>`;
  }

  renderUnmapped(m) {
    const last = m.years.length - 1;
    const rows = [...m.unmapped].sort((a, b) => (b.value_by_year[last] ?? 0) - (a.value_by_year[last] ?? 0));
    if (!rows.length) return html`<p>Every industry code of the data falls in a cluster.</p>`;
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label="Unmapped industry codes">
      <table id="cl-unmapped">
        <caption>${rows.length} industry codes of the data in no cluster (${m.measure} summed over regions)</caption>
        <thead>
          <tr><th scope="col">Code</th><th scope="col">Industry</th><th scope="col">Why</th>${m.years.map((y) => html`<th scope="col" class="num">${y}</th>`)}</tr>
        </thead>
        <tbody>
          ${rows.map(
            (u) => html`<tr>
              <td>${u.industry}</td>
              <td>${u.industry_name}</td>
              <td>${u.reason === 'split' ? `split across clusters ${u.clusters.join(', ')}` : 'not in the definitions'}</td>
              ${u.value_by_year.map((v) => html`<td class="num">${fmtInt(v)}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }
}

export function contextOf(host) {
  if (!contexts.has(host)) contexts.set(host, new ClusterContext(host));
  return contexts.get(host);
}

/** The "nothing yet" states shared by the views. */
export function pending(ctx) {
  if (!ctx.host.state.data) return html`<p>Load data first.</p>`;
  queueMicrotask(() => ctx.ensure());
  return html`<p>${ctx.error ? 'The cluster views need cluster definitions: upload a mapping above.' : 'Mapping industries to clusters…'}</p>`;
}
