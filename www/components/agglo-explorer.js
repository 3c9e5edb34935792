// <agglo-explorer>: the whole analysis page as one custom element with a single shadow root.
// It picks files, owns the DOM and renders; every number comes from the wasm core in the worker.
import { LitElement, html, nothing } from 'lit';
import { createBridge } from '../worker/bridge.js';
import { choropleth, legend, project } from '../views/map/choropleth.js';
import { portfolioChart, portfolioSummary, quadrantLabel } from '../views/chart/portfolio.js';
import { fmt, fmtInt, fmtPct, setLocale } from '../views/format.js';
import { styles } from './styles.js';
import { VIEWS } from '../views/registry.js';
import { dataTable, download } from '../views/table/table.js';
import { packFile, unpackFile, migrate, autosave, SESSION_VERSION } from './session.js';
import { EXPORT_EVENT, runExport, tableExport, imageExport } from '../views/export.js';

const BOUNDARY_EXT = /\.(geojson|topojson|json|zip|shp|dbf|shx|prj|cpg)$/i;
const SHAPE_PART = /\.(shp|dbf|shx|prj|cpg)$/i;

/** Boundary files to load: a .shp with its sibling parts (same name, any case, any order) is one
 *  entry `{file, parts: {dbf, cpg, prj}}`; a part without its .shp is loaded alone (Rust names it). */
function boundarySets(files) {
  const stem = (f) => f.name.replace(/\.[^.]+$/, '').toLowerCase();
  const ext = (f) => f.name.slice(f.name.lastIndexOf('.') + 1).toLowerCase();
  const shps = files.filter((f) => ext(f) === 'shp');
  const out = files.filter((f) => !SHAPE_PART.test(f.name)).map((file) => ({ file }));
  for (const file of shps) {
    const part = (e) => files.find((f) => ext(f) === e && stem(f) === stem(file));
    out.push({ file, parts: { dbf: part('dbf'), cpg: part('cpg'), prj: part('prj') } });
  }
  const orphans = files.filter((f) => SHAPE_PART.test(f.name) && ext(f) !== 'shp' && !shps.some((s) => stem(s) === stem(f)));
  return [...out, ...orphans.map((file) => ({ file }))];
}
const TABLE_EXT = /\.(csv|tsv|txt|xlsx)$/i;
const ROLES = [
  ['region_code', 'Region code'],
  ['region_name', 'Region name'],
  ['industry_code', 'Industry code'],
  ['industry_name', 'Industry name'],
  ['year', 'Year'],
  ['measure', 'Measure (number)'],
  ['flag', 'Flag (not a measure)'],
  ['ignore', 'Ignore'],
];

export class AggloExplorer extends LitElement {
  static properties = {
    assetBase: { attribute: 'asset-base' },
    dataSrc: { attribute: 'data-src' },
    referenceSrc: { attribute: 'reference-src' },
    boundariesSrc: { attribute: 'boundaries-src' },
    industry: { reflect: true },
    initialView: { attribute: 'initial-view' },
    locale: {},
    theme: { reflect: true },
    _s: { state: true },
  };

  static styles = [styles, ...VIEWS.map((V) => V.styles).filter(Boolean)];

  constructor() {
    super();
    this.assetBase = '';
    this._s = {
      busy: null, // {phase, done, total}
      message: '',
      error: null,
      data: null, // summary from the worker
      reference: null,
      boundaries: null, // {geojson, projected, join, ...}
      industry: '',
      year: null,
      yearStart: null,
      method: 'quantile',
      k: 5,
      lq: null,
      portfolio: null,
      breaks: [],
      selected: null,
      profile: null,
      sortKey: 'lq',
      sortDir: -1,
      hover: null,
      dialog: null, // {file, inspection, roles, use}
    };
    this._queue = [];
    this._abort = null;
    this.tab = 'overview';
    this._files = { data: null, reference: null, boundaries: null };
    this._restore = null;
    this.views = VIEWS.map((V) => new V(this));
  }

  /** Read-only state for the views. */
  get state() {
    return this._s;
  }

  dataChanged() {
    for (const v of this.views) v.onData?.();
  }

  connectedCallback() {
    super.connectedCallback();
    if (!this._exportListener) {
      // Every view's export buttons end here (views/export.js).
      this._exportListener = (e) => runExport(this, e);
      this.renderRoot.addEventListener(EXPORT_EVENT, this._exportListener);
    }
    if (this.initialView) this.tab = this.initialView;
    if (this.locale) setLocale(this.locale);
    this.bridge ??= createBridge();
    if (!this.dataSrc && this.getAttribute('autosave') !== 'off') {
      autosave.load().then((last) => {
        if (last && !this._s.data) {
          this._restore = last;
          this.requestUpdate();
        }
      });
    }
    if (this.dataSrc) this.loadFromUrls({ data: this.dataSrc, reference: this.referenceSrc, boundaries: this.boundariesSrc });
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.bridge?.terminate();
    this.bridge = null;
  }

  set(patch) {
    this._s = { ...this._s, ...patch };
  }

  announce(message) {
    this.set({ message });
  }

  async run(label, fn) {
    this._abort = new AbortController();
    this.set({ busy: { phase: label, done: 0, total: 0 }, error: null });
    try {
      const out = await fn(this._abort.signal, (p) => this.set({ busy: p }));
      return out;
    } catch (e) {
      const error = { message: e.message, code: e.code ?? 'E_INTERNAL', location: e.location ?? null };
      if (e.fatal) this.resetEngine();
      this.set({ error });
      this.announce(`Computation failed: ${e.message}`);
      throw e;
    } finally {
      this._abort = null;
      this.set({ busy: null });
    }
  }

  call(method, args, label = method) {
    return this.run(label, (signal, onProgress) => this.bridge.call(method, args, { signal, onProgress }));
  }

  cancel() {
    this._abort?.abort();
  }

  // ---------- loading ----------

  async loadFromUrls({ data, reference, boundaries }, { industry } = {}) {
    const get = async (url) => {
      const r = await fetch(url);
      if (!r.ok) throw new Error(`could not load ${url}: HTTP ${r.status}`);
      const blob = await r.blob();
      return new File([blob], url.split('/').pop());
    };
    try {
      const files = await Promise.all([data, reference, boundaries].map((u) => (u ? get(u) : null)));
      if (files[2]) await this.loadBoundaryFile(files[2]);
      if (files[0]) await this.loadDataFile(files[0], null);
      if (files[1]) await this.loadReferenceFile(files[1]);
      await this.afterLoad(industry ?? this.industry);
    } catch (e) {
      if (!this._s.error) this.set({ error: { message: e.message, code: e.code ?? 'E_INTERNAL' } });
    }
  }

  /** The embedded Georgia sample: County Business Patterns at NAICS-4 (default) or NAICS-6. */
  async loadSample(level = this.renderRoot.querySelector('#sample-level')?.value ?? 'naics4') {
    const base = `${this.assetBase || ''}sample/`;
    this.sampleLevel = level;
    await this.loadFromUrls(
      {
        data: `${base}ga_cbp_${level}_2017_2021.csv`,
        reference: `${base}us_cbp_${level}_2017_2021.csv`,
        boundaries: `${base}ga_counties.topojson`,
      },
      { industry: level === 'naics6' ? '314110' : '3141' },
    );
  }

  async onFiles(fileList) {
    const files = [...fileList];
    this.set({ error: null });
    const session = files.find((f) => /\.agglo\.json$/i.test(f.name));
    if (session) {
      await this.openSession(session);
      return;
    }
    const boundaries = files.filter((f) => BOUNDARY_EXT.test(f.name));
    const tables = files.filter((f) => TABLE_EXT.test(f.name) || !BOUNDARY_EXT.test(f.name));
    try {
      for (const b of boundarySets(boundaries)) await this.loadBoundaryFile(b.file, undefined, b.parts);
      for (const f of tables) {
        const inspection = await this.call('inspect', { name: f.name, file: f }, `reading ${f.name}`);
        const roles = inspection.columns.map((c) => ({ column: c.name, role: c.role }));
        const hasRegion = roles.some((r) => r.role === 'region_code');
        this._queue.push({ file: f, inspection, roles, use: hasRegion || !this._s.data ? 'data' : 'reference' });
      }
      this.nextDialog();
      if (!tables.length && this._s.data) this.compute();
    } catch {
      // error shown by run()
    }
  }

  nextDialog() {
    const next = this._queue.shift() ?? null;
    this.set({ dialog: next });
    if (next) this.updateComplete.then(() => this.renderRoot.querySelector('dialog')?.showModal());
  }

  async confirmDialog() {
    const d = this._s.dialog;
    this.renderRoot.querySelector('dialog')?.close();
    try {
      if (d.use === 'reference') await this.loadReferenceFile(d.file, { roles: d.roles });
      else if (d.use === 'append') await this.loadDataFile(d.file, { roles: d.roles, append: true });
      else await this.loadDataFile(d.file, { roles: d.roles });
      if (!this._queue.length) await this.afterLoad();
    } catch {
      // shown
    }
    this.nextDialog();
  }

  cancelDialog() {
    this.renderRoot.querySelector('dialog')?.close();
    this._queue = [];
    this.set({ dialog: null });
  }

  async loadDataFile(file, options) {
    const data = await this.call('loadData', { name: file.name, file, options }, `loading ${file.name}`);
    if (options?.append && this._files.data) (this._files.more ??= []).push({ name: file.name, file, options });
    else {
      this._files.data = { name: file.name, file, options };
      this._files.more = [];
    }
    data.file = file.name;
    this.set({ data, measure: null });
    if (this._s.boundaries) {
      const join = await this.call('join', {}, 'joining boundaries');
      this.set({ boundaries: { ...this._s.boundaries, join } });
    }
    const suppressed = data.report.suppressed_total;
    this.announce(
      `Loaded ${file.name}: ${data.regions.length} regions, ${data.industries.length} industries, years ${data.years.join(', ')}` +
        (suppressed ? `; ${fmtInt(suppressed)} suppressed cells treated as missing` : ''),
    );
  }

  async loadReferenceFile(file, options) {
    const reference = await this.call('loadReference', { name: file.name, file, options }, `loading ${file.name}`);
    this._files.reference = { name: file.name, file, options };
    reference.file = file.name;
    this.set({ reference });
  }

  async loadBoundaryFile(file, options, parts) {
    const regionCodes = this._s.data?.regions;
    const b = await this.call('loadBoundaries', { name: file.name, file, options: options ?? null, parts, regionCodes }, `loading ${file.name}`);
    // Shapefile parts come back bundled as one zip: kept as the boundary file (sessions, id choice).
    this._files.boundaries = b.zip ? { name: b.zipName, file: new File([b.zip], b.zipName), options: options ?? null } : { name: file.name, file, options: options ?? null };
    const geojson = JSON.parse(b.geojson);
    const names = new Map(geojson.features.map((f) => [String(f.id), f.properties?.name ?? String(f.id)]));
    this.set({ boundaries: { ...b, file: file.name, geojson, names, projected: project(geojson) } });
    this.announce(`Loaded ${geojson.features.length} boundaries from ${file.name}`);
  }

  /** The user picked another id property of the boundary file: reload it with that id. */
  async changeIdField(idField) {
    const f = this._files.boundaries;
    if (!f) return;
    try {
      await this.loadBoundaryFile(f.file, { ...(f.options ?? {}), idField });
      if (this._s.data) {
        const join = await this.call('join', {}, 'joining boundaries');
        this.set({ boundaries: { ...this._s.boundaries, join } });
      }
      this.scheduleAutosave();
    } catch {
      // shown
    }
  }

  async afterLoad(industry) {
    const d = this._s.data;
    if (!d) return;
    const want = industry && d.industries.includes(industry) ? industry : this._s.industry && d.industries.includes(this._s.industry) ? this._s.industry : d.industries[0];
    const years = d.years;
    this.set({
      industry: want,
      year: years[years.length - 1],
      yearStart: years.length > 1 ? years[0] : null,
    });
    await this.compute();
  }

  // ---------- sessions, export, print ----------

  async session() {
    const s = this._s;
    const views = {};
    for (const v of this.views) if (v.getState) views[v.constructor.id] = await v.getState();
    const shared = {};
    for (const o of this.sharedStates()) shared[o.constructor.key] = await o.getState();
    return {
      version: SESSION_VERSION,
      app: 'agglo',
      saved: new Date().toISOString(),
      files: {
        data: await packFile(this._files.data),
        reference: await packFile(this._files.reference),
        boundaries: await packFile(this._files.boundaries),
        more: await Promise.all((this._files.more ?? []).map(packFile)),
      },
      view: { tab: this.tab, industry: s.industry, year: s.year, yearStart: s.yearStart, method: s.method, k: s.k, selected: s.selected, measure: s.measure ?? null },
      views,
      shared,
    };
  }

  /** State objects several views share (`view.shared`, e.g. the cluster definitions), once each. */
  sharedStates() {
    return [...new Set(this.views.map((v) => v.shared).filter((o) => o?.getState && o.constructor.key))];
  }

  scheduleAutosave() {
    if (this.getAttribute('autosave') === 'off') return;
    clearTimeout(this._autosaveTimer);
    this._autosaveTimer = setTimeout(async () => {
      const session = await this.session();
      await autosave.save(session);
      // Lets tests and embedding pages know the autosave has landed.
      this.dataset.autosaved = session.saved;
    }, 500);
  }

  async saveSession() {
    const text = JSON.stringify(await this.session());
    download(`${(this._files.data?.name ?? 'analysis').replace(/\.[^.]+$/, '')}.agglo.json`, text, 'application/json');
    this.announce('Session saved.');
  }

  async openSession(file) {
    try {
      await this.restoreSession(JSON.parse(await file.text()));
    } catch (e) {
      this.set({ error: { message: e.message.startsWith('E_') ? e.message : `E_UNKNOWN_FORMAT: ${e.message}`, code: e.code ?? 'E_UNKNOWN_FORMAT' } });
    }
  }

  async restoreSession(raw) {
    const session = migrate(raw);
    this._restore = null;
    const [data, reference, boundaries] = await Promise.all([session.files.data, session.files.reference, session.files.boundaries].map(unpackFile));
    if (boundaries) await this.loadBoundaryFile(boundaries.file, boundaries.options);
    if (data) await this.loadDataFile(data.file, data.options);
    for (const m of await Promise.all((session.files.more ?? []).map(unpackFile))) await this.loadDataFile(m.file, { ...(m.options ?? {}), append: true });
    if (reference) await this.loadReferenceFile(reference.file, reference.options);
    const v = session.view;
    this.set({ industry: v.industry, year: v.year, yearStart: v.yearStart, method: v.method ?? 'quantile', k: v.k ?? 5, selected: v.selected ?? null, measure: v.measure ?? null });
    this.tab = v.tab ?? 'overview';
    await this.compute();
    // Shared inputs first (the views use them), then each view in tab order (the Network tab may
    // build on the IO table); they may reload files of their own, so one at a time.
    for (const o of this.sharedStates()) await o.setState(session.shared?.[o.constructor.key]);
    for (const view of this.views) await view.setState?.(session.views?.[view.constructor.id]);
    this.requestUpdate();
    this.announce(`Session restored (saved ${session.saved ?? 'earlier'}).`);
  }

  /** A fresh worker, nothing loaded (after "clear all", or when the engine trapped). */
  resetEngine() {
    this.bridge?.terminate();
    this.bridge = createBridge();
    this._files = { data: null, reference: null, boundaries: null };
    this.set({ data: null, reference: null, boundaries: null, lq: null, portfolio: null, profile: null, selected: null, error: null, industry: '' });
    this.dataChanged();
  }

  async clearAll() {
    await autosave.clear();
    this._restore = null;
    this.resetEngine();
    this.announce('All data cleared from this page and from the browser storage.');
  }

  exportName(kind) {
    return `agglo-${kind}-${this._s.industry}-${this._s.year}`;
  }

  sourceNote() {
    const f = this._files;
    const parts = [f.data && `Data: ${f.data.name}`, f.reference && `reference: ${f.reference.name}`, f.boundaries && `boundaries: ${f.boundaries.name}`].filter(Boolean);
    return `${parts.join('; ')}. Made with Agglo on ${new Date().toISOString().slice(0, 10)}.`;
  }

  lqRows() {
    return this.rows().map((r) => ({ region: r.code, name: r.name, industry: this._s.industry, year: this._s.year, value: r.value, share_region: r.shareRegion, share_reference: r.shareReference, lq: r.lq }));
  }

  async exportGeojson() {
    const gj = await this.call('exportGeojson', { industry: this._s.industry, year: this._s.year }, 'writing GeoJSON');
    download(`${this.exportName('lq')}.geojson`, gj, 'application/geo+json');
  }

  printProfile() {
    this.printing = true;
    this.requestUpdate();
    this.updateComplete.then(() => {
      const done = () => {
        this.printing = false;
        this.requestUpdate();
        window.removeEventListener('afterprint', done);
      };
      window.addEventListener('afterprint', done);
      window.print();
    });
  }

  // ---------- computing ----------

  async compute() {
    const s = this._s;
    if (!s.data || !s.industry) return;
    try {
      const measure = s.measure ?? undefined;
      const lq = await this.call('locationQuotients', { industry: s.industry, year: s.year, measure }, 'computing location quotients');
      const lqValues = Float64Array.from(lq.lq);
      const breaks = lqValues.length ? (await this.call('classBreaks', { values: lqValues, k: s.k, method: s.method }, 'classifying')).breaks : [];
      let portfolio = null;
      if (s.yearStart !== null && s.yearStart < s.year) {
        try {
          portfolio = await this.call('portfolio', { industry: s.industry, year: s.year, yearStart: s.yearStart, measure }, 'computing growth');
          for (const p of portfolio.points) p.regionCode = s.data.regions[p.region];
        } catch {
          portfolio = null;
        }
      }
      this.industry = s.industry;
      this.set({ lq, breaks: Array.from(breaks), portfolio, error: portfolio === null && this._s.error ? this._s.error : null });
      if (s.selected) await this.selectRegion(s.selected, false);
      this.dataChanged();
      this.scheduleAutosave();
      const n = lq.lq.length;
      this.announce(`Computation finished: ${n} regions with a published value for ${this.industryLabel()} in ${s.year}.`);
    } catch {
      // shown
    }
  }

  async selectRegion(id, announce = true) {
    const s = this._s;
    this.set({ selected: id });
    this.scheduleAutosave();
    if (!s.data || !s.data.regions.includes(id)) {
      this.set({ profile: null });
      return;
    }
    try {
      const profile = await this.call('regionProfile', { region: id, year: s.year, measure: s.measure ?? undefined }, 'region profile');
      this.set({ profile });
      if (announce) this.announce(`Selected ${profile.name || id}.`);
    } catch {
      // shown
    }
  }

  industryLabel(code = this._s.industry) {
    const d = this._s.data;
    if (!d) return code;
    const i = d.industries.indexOf(code);
    const name = d.industryNames[i];
    return name ? `${code} ${name}` : code;
  }

  rows() {
    const { lq, data, sortKey, sortDir, boundaries } = this._s;
    if (!lq) return [];
    const names = boundaries?.names;
    const rows = Array.from(lq.region, (r, k) => ({
      code: data.regions[r],
      name: data.regionNames[r] || names?.get(data.regions[r]) || '',
      value: lq.value[k],
      shareRegion: lq.shareRegion[k],
      shareReference: lq.shareReference[k],
      lq: lq.lq[k],
    }));
    rows.sort((a, b) => {
      const x = a[sortKey];
      const y = b[sortKey];
      return (typeof x === 'string' ? x.localeCompare(y) : x - y) * sortDir;
    });
    return rows;
  }

  // ---------- rendering ----------

  updated() {
    // Positions go through the CSSOM: a strict CSP (style-src 'self') blocks style attributes.
    const tip = this.renderRoot.querySelector('.tooltip');
    const h = this._s.hover;
    if (tip && h) {
      tip.style.left = `${h.x}px`;
      tip.style.top = `${h.y}px`;
    }
  }

  render() {
    const s = this._s;
    return html`
      <header part="header">
        <h1>Agglo <span class="sub">regional industry clusters</span></h1>
        <p class="privacy">Runs entirely in your browser: your files are never uploaded.</p>
      </header>
      ${this._restore
        ? html`<div class="restore" role="region" aria-label="Last session">
            Your last session (${this._restore.saved?.slice(0, 16).replace('T', ' ') ?? ''}) is stored in this browser.
            <button class="button primary" id="restore" @click=${() => this.restoreSession(this._restore).catch((e) => this.set({ error: { message: e.message, code: e.code ?? 'E_INTERNAL' } }))}>Restore it</button>
            <button class="button" @click=${() => { this._restore = null; this.requestUpdate(); }}>Not now</button>
          </div>`
        : nothing}
      ${this.renderLoad()} ${this.renderStatus()} ${s.data ? this.renderControls() : nothing}
      <main>
        ${s.data && s.lq ? this.renderTabs() : nothing}
      </main>
      ${this.renderDialog()}
    `;
  }

  renderLoad() {
    return html`<section class="load" aria-label="Load data">
      <div
        class="drop"
        part="dropzone"
        @dragover=${(e) => {
          e.preventDefault();
          e.currentTarget.classList.add('over');
        }}
        @dragleave=${(e) => e.currentTarget.classList.remove('over')}
        @drop=${(e) => {
          e.preventDefault();
          e.currentTarget.classList.remove('over');
          this.onFiles(e.dataTransfer.files);
        }}
      >
        <p>Drop a spreadsheet (CSV or Excel: employment by region × industry × year, long or wide) and a boundary file (GeoJSON, TopoJSON, Shapefile as .zip or .shp with its .dbf) here, or</p>
        <label class="button" for="file">Choose files…</label>
        <input id="file" type="file" multiple accept=".csv,.tsv,.txt,.xlsx,.geojson,.json,.topojson,.zip,.shp,.dbf,.shx,.prj,.cpg" @change=${(e) => this.onFiles(e.target.files)} />
        <button class="button primary" id="sample" @click=${() => this.loadSample()}>Try the Georgia sample</button>
        <button class="button" id="clear-all" @click=${() => this.clearAll()}>Clear all data</button>
        <label class="inline">detail
          <select id="sample-level">
            <option value="naics4">NAICS 4-digit industries</option>
            <option value="naics6">NAICS 6-digit industries</option>
          </select>
        </label>
      </div>
    </section>`;
  }

  renderStatus() {
    const s = this._s;
    const pct = s.busy && s.busy.total ? Math.round((100 * s.busy.done) / s.busy.total) : null;
    return html`<div class="status">
      <p role="status" aria-live="polite" id="live">${s.message}</p>
      ${s.busy
        ? html`<div class="busy">
            <span>${s.busy.phase}…</span>
            <progress max="100" value=${pct ?? nothing} aria-label="Progress"></progress>
            <button class="button" @click=${() => this.cancel()}>Cancel</button>
          </div>`
        : nothing}
      ${s.error
        ? html`<div class="error" role="alert">
            <strong>${s.error.code}</strong> ${s.error.message}
          </div>`
        : nothing}
    </div>`;
  }

  renderControls() {
    const s = this._s;
    const d = s.data;
    const ref = s.reference ? `${s.reference.file} (uploaded reference table)` : `sum of the ${d.regions.length} loaded regions`;
    return html`<section class="controls" part="controls" aria-label="Analysis settings">
      <label
        >Industry
        <select id="industry" @change=${(e) => { this.set({ industry: e.target.value }); this.compute(); }}>
          ${d.industries.map((c, i) => html`<option value=${c} ?selected=${c === s.industry}>${c} ${d.industryNames[i] ?? ''}</option>`)}
        </select>
      </label>
      <label
        >Year
        <select id="year" @change=${(e) => { this.set({ year: Number(e.target.value) }); this.compute(); }}>
          ${d.years.map((y) => html`<option value=${y} ?selected=${y === s.year}>${y}</option>`)}
        </select>
      </label>
      ${d.years.length > 1
        ? html`<label
            >Growth from
            <select id="year-start" @change=${(e) => { this.set({ yearStart: Number(e.target.value) }); this.compute(); }}>
              ${d.years.map((y) => html`<option value=${y} ?selected=${y === s.yearStart}>${y}</option>`)}
            </select>
          </label>`
        : nothing}
      ${d.measures.length > 1
        ? html`<label
            >Measure
            <select id="measure" @change=${(e) => { this.set({ measure: e.target.value }); this.compute(); }}>
              ${d.measures.map((m) => html`<option value=${m} ?selected=${m === (s.measure ?? s.lq?.measure)}>${m}</option>`)}
            </select>
          </label>`
        : nothing}
      <label
        >Map classes
        <select id="method" @change=${(e) => { this.set({ method: e.target.value }); this.compute(); }}>
          <option value="quantile" ?selected=${s.method === 'quantile'}>Quantiles</option>
          <option value="natural_breaks" ?selected=${s.method === 'natural_breaks'}>Natural breaks (Jenks)</option>
        </select>
      </label>
      <p class="reference">Reference economy: <strong>${ref}</strong>
        ${s.reference ? html`<button class="link" @click=${async () => { await this.call('clearReference', {}); this.set({ reference: null }); this.compute(); }}>use the sum of loaded regions</button>` : nothing}
      </p>
    </section>`;
  }

  renderTabs() {
    const tabs = [{ id: 'overview', label: 'Location quotients' }, ...this.views.map((v) => ({ id: v.constructor.id, label: v.constructor.label }))];
    const active = this.views.find((v) => v.constructor.id === this.tab);
    const keydown = (e) => {
      const k = tabs.findIndex((t) => t.id === this.tab);
      const next = e.key === 'ArrowRight' ? (k + 1) % tabs.length : e.key === 'ArrowLeft' ? (k - 1 + tabs.length) % tabs.length : -1;
      if (next < 0) return;
      e.preventDefault();
      this.tab = tabs[next].id;
      this.requestUpdate();
      this.updateComplete.then(() => this.renderRoot.querySelector(`#tab-${this.tab}`)?.focus());
    };
    return html`${tabs.length > 1
        ? html`<div role="tablist" aria-label="Views" class="tabs" @keydown=${keydown}>
            ${tabs.map(
              (t) => html`<button role="tab" id=${`tab-${t.id}`} aria-selected=${t.id === this.tab ? 'true' : 'false'} aria-controls="tabpanel"
                tabindex=${t.id === this.tab ? '0' : '-1'} @click=${() => { this.tab = t.id; this.requestUpdate(); }}>${t.label}</button>`,
            )}
          </div>`
        : nothing}
      <div id="tabpanel" role=${tabs.length > 1 ? 'tabpanel' : nothing} aria-labelledby=${tabs.length > 1 ? `tab-${this.tab}` : nothing}>
        ${active ? active.render() : this.renderResults()}
      </div>`;
  }

  renderToolbar() {
    return html`<div class="toolbar" role="toolbar" aria-label="Export and session">
      ${tableExport({ id: 'export', name: this.exportName('lq'), sheet: `LQ ${this._s.industry} ${this._s.year}`, rows: () => this.lqRows(), label: 'location quotient table', prefix: 'Table as ', buttonClass: 'button' })}
      ${this._s.boundaries
        ? html`${imageExport({ id: 'export-map', svg: '.map-panel svg.map', name: this.exportName('map'), title: this.mapTitle(), label: 'map', prefix: 'Map as ', buttonClass: 'button' })}
            <button class="button" id="export-geojson" @click=${() => this.exportGeojson()}>Indicators as GeoJSON</button>`
        : nothing}
      ${this._s.portfolio
        ? imageExport({
            id: 'export-chart',
            svg: '#chart-panel svg.chart',
            name: this.exportName('chart'),
            title: `Portfolio: ${this.industryLabel()}`,
            legend: [`Bubbles: regions; area = ${this._s.lq?.measure ?? 'value'} in ${this._s.year}; colour and quadrant name: star, emerging, mature / at risk, transforming (LQ 1 and zero growth split the quadrants).`],
            label: 'portfolio chart',
            prefix: 'Chart as ',
            buttonClass: 'button',
          })
        : nothing}
      <button class="button" id="save-session" @click=${() => this.saveSession()}>Save session</button>
      <label class="button" for="open-session">Open session…</label>
      <input id="open-session" type="file" accept=".json" @change=${(e) => e.target.files[0] && this.openSession(e.target.files[0])} />
      ${this._s.selected ? html`<button class="button" id="print" @click=${() => this.printProfile()}>Print region profile</button>` : nothing}
    </div>`;
  }

  mapTitle() {
    return `Location quotient, ${this.industryLabel()}, ${this._s.year}`;
  }

  renderPrintProfile() {
    const s = this._s;
    const p = s.profile;
    if (!this.printing || !p) return nothing;
    const d = s.data;
    const top = Array.from(p.industry, (i, k) => ({ code: d.industries[i], name: d.industryNames[i], value: p.value[k], lq: p.lq[k] })).slice(0, 12);
    return html`<section class="print-profile" aria-label="Printable profile">
      <h1>${p.name || p.region} (${p.region}): industry profile, ${p.year}</h1>
      <p>Total ${s.lq?.measure ?? ''}: <strong>${fmtInt(p.total)}</strong>; ${p.industries} industries with a published value.
        Reference economy: ${s.reference ? s.reference.file : `sum of the ${d.regions.length} loaded regions`}.</p>
      <table>
        <caption>Most specialised industries (location quotient)</caption>
        <thead><tr><th scope="col">Industry</th><th scope="col">${s.lq?.measure ?? 'Value'}</th><th scope="col">LQ</th></tr></thead>
        <tbody>${top.map((t) => html`<tr><td>${t.code} ${t.name}</td><td class="num">${fmtInt(t.value)}</td><td class="num">${fmt(t.lq)}</td></tr>`)}</tbody>
      </table>
      <p class="source">${this.sourceNote()}</p>
    </section>`;
  }

  renderResults() {
    const s = this._s;
    const names = new Map(s.data.regions.map((c, i) => [c, s.data.regionNames[i] || s.boundaries?.names.get(c) || c]));
    const values = new Map(Array.from(s.lq.region, (r, k) => [s.data.regions[r], { value: s.lq.lq[k] }]));
    const label = this.industryLabel();
    const rows = this.rows();
    const finite = s.lq.lq.length ? Math.min(...s.lq.lq) : 0;
    return html`
      ${this.renderToolbar()} ${this.renderPrintProfile()}
      <div class="grid">
        <section class="panel map-panel" part="map" aria-labelledby="map-h">
          <h2 id="map-h">Location quotient, ${label}, ${s.year}</h2>
          ${s.boundaries
            ? html`${choropleth({
                  projected: s.boundaries.projected,
                  values,
                  breaks: s.breaks,
                  label: 'LQ',
                  selected: s.selected,
                  names,
                  title: `Map of the location quotient of ${label} in ${s.year}`,
                  onSelect: (id) => this.selectRegion(id),
                  onHover: (id, ev) => this.hover(id, ev, names, values),
                })}
                ${legend({ breaks: s.breaks, label: 'LQ', min: finite, method: s.method })} ${this.renderTooltip()}
                ${this.renderJoin()}`
            : html`<p>Add a boundary file to see the map.</p>`}
        </section>
        <section class="panel detail" aria-labelledby="detail-h">
          <h2 id="detail-h">Region detail</h2>
          ${this.renderDetail()}
        </section>
      </div>
      <section class="panel" part="table" aria-labelledby="table-h">
        <h2 id="table-h">Regions by location quotient</h2>
        ${this.renderTable(rows)}
      </section>
      ${s.portfolio
        ? html`<section class="panel" part="chart" id="chart-panel" aria-labelledby="chart-h">
            <h2 id="chart-h">Portfolio: specialisation and growth, ${label}</h2>
            <p class="summary" id="chart-summary">${portfolioSummary(s.portfolio, names, label)}</p>
            ${portfolioChart({
              portfolio: s.portfolio,
              names,
              selected: s.selected,
              onSelect: (id) => this.selectRegion(id),
              title: `Bubble chart: location quotient against growth ${s.portfolio.year_start}–${s.portfolio.year_end}, bubble size = ${s.lq.measure}`,
            })}
            <details>
              <summary>Chart data as a table</summary>
              ${this.renderPortfolioTable(names)}
            </details>
          </section>`
        : nothing}
    `;
  }

  hover(id, ev, names, values) {
    if (!id) {
      this.set({ hover: null });
      return;
    }
    const box = this.renderRoot.querySelector('.map-panel')?.getBoundingClientRect();
    const t = ev?.target?.getBoundingClientRect?.();
    const x = t && box ? t.left - box.left + t.width / 2 : 0;
    const y = t && box ? t.top - box.top : 0;
    const v = values.get(id)?.value;
    this.set({ hover: { id, name: names.get(id) || id, value: v, x, y } });
  }

  renderTooltip() {
    const h = this._s.hover;
    if (!h) return nothing;
    return html`<div class="tooltip" role="tooltip">
      <strong>${h.name}</strong> (${h.id})<br />${h.value === undefined ? 'no published value' : html`LQ ${fmt(h.value)}`}
    </div>`;
  }

  renderJoin() {
    const j = this._s.boundaries?.join;
    if (!j) return nothing;
    const noGeo = j.regions_without_geometry ?? [];
    const noData = j.geometry_without_data ?? [];
    const b = this._s.boundaries;
    const props = b.summary?.available_properties ?? [];
    return html`<p class="join">
      ${props.length > 1
        ? html`<label class="inline">Region id in ${b.file}:
            <select id="id-field" @change=${(e) => this.changeIdField(e.target.value)}>
              ${props.map((p) => html`<option value=${p.name} ?selected=${p.name === b.summary.id_field}>${p.name} (e.g. ${p.samples.slice(0, 2).join(', ')})</option>`)}
            </select></label><br />`
        : nothing}
      ${b.geojson.features.length} shapes; ${j.matched} joined to the data.
      ${noGeo.length ? html`<br />Regions in the data without a shape: ${noGeo.slice(0, 20).join(', ')}${noGeo.length > 20 ? '…' : ''}` : nothing}
      ${noData.length ? html`<br />Shapes without data: ${noData.slice(0, 20).join(', ')}${noData.length > 20 ? '…' : ''}` : nothing}
    </p>`;
  }

  renderDetail() {
    const p = this._s.profile;
    if (!p) return html`<p>Select a region on the map, the table or the chart.</p>`;
    const d = this._s.data;
    const top = Array.from(p.industry, (i, k) => ({ code: d.industries[i], name: d.industryNames[i], value: p.value[k], lq: p.lq[k] })).slice(0, 10);
    return html`<div class="profile">
      <h3>${p.name || p.region} <span class="code">${p.region}</span></h3>
      <dl>
        <dt>Total ${this._s.lq?.measure ?? ''} (${p.year})</dt>
        <dd>${fmtInt(p.total)}</dd>
        <dt>Industries with a published value</dt>
        <dd>${p.industries}</dd>
      </dl>
      <table>
        <caption>Most specialised industries</caption>
        <thead><tr><th scope="col">Industry</th><th scope="col">Value</th><th scope="col">LQ</th></tr></thead>
        <tbody>
          ${top.map((t) => html`<tr><td>${t.code} ${t.name}</td><td class="num">${fmtInt(t.value)}</td><td class="num">${fmt(t.lq)}</td></tr>`)}
        </tbody>
      </table>
    </div>`;
  }

  renderTable(rows) {
    const s = this._s;
    const col = (key, label, num = true) => {
      const sorted = s.sortKey === key;
      return html`<th scope="col" aria-sort=${sorted ? (s.sortDir < 0 ? 'descending' : 'ascending') : 'none'} class=${num ? 'num' : ''}>
        <button class="sort" data-key=${key} @click=${() => this.set({ sortKey: key, sortDir: sorted ? -s.sortDir : num ? -1 : 1 })}>
          ${label}<span aria-hidden="true">${sorted ? (s.sortDir < 0 ? ' ▼' : ' ▲') : ''}</span>
        </button>
      </th>`;
    };
    return html`<div class="table-wrap">
      <table id="lq-table">
        <caption>
          ${rows.length} regions with a published ${s.lq.measure} value for ${this.industryLabel()} in ${s.year}
        </caption>
        <thead>
          <tr>
            ${col('code', 'Region', false)} ${col('name', 'Name', false)} ${col('value', s.lq.measure)} ${col('shareRegion', 'Share of region')}
            ${col('shareReference', 'Share of reference')} ${col('lq', 'LQ')}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (r) => html`<tr data-region=${r.code} class=${r.code === s.selected ? 'selected' : ''}>
              <td><button class="link" @click=${() => this.selectRegion(r.code)}>${r.code}</button></td>
              <td>${r.name}</td>
              <td class="num" data-value=${r.value}>${fmtInt(r.value)}</td>
              <td class="num" data-value=${r.shareRegion}>${fmtPct(r.shareRegion, 2)}</td>
              <td class="num" data-value=${r.shareReference}>${fmtPct(r.shareReference, 3)}</td>
              <td class="num lq" data-value=${r.lq}>${fmt(r.lq)}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  renderPortfolioTable(names) {
    const p = this._s.portfolio;
    const rows = [...p.points].sort((a, b) => b.lq - a.lq);
    return html`<table class="twin">
      <thead>
        <tr><th scope="col">Region</th><th scope="col">LQ ${p.year_end}</th><th scope="col">${p.year_start}</th><th scope="col">${p.year_end}</th><th scope="col">Growth</th><th scope="col">CAGR</th><th scope="col">Quadrant</th></tr>
      </thead>
      <tbody>
        ${rows.map(
          (r) => html`<tr>
            <td>${names.get(r.regionCode)} (${r.regionCode})</td>
            <td class="num">${fmt(r.lq)}</td>
            <td class="num">${fmtInt(r.value_start)}</td>
            <td class="num">${fmtInt(r.value_end)}</td>
            <td class="num">${fmtPct(r.growth)}</td>
            <td class="num">${fmtPct(r.cagr)}</td>
            <td>${quadrantLabel(r.quadrant)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  renderDialog() {
    const d = this._s.dialog;
    if (!d) return html`<dialog aria-label="Column roles"></dialog>`;
    const ins = d.inspection;
    return html`<dialog aria-labelledby="dialog-h" @cancel=${(e) => { e.preventDefault(); this.cancelDialog(); }}>
      <form method="dialog" @submit=${(e) => { e.preventDefault(); this.confirmDialog(); }}>
        <h2 id="dialog-h">Columns of ${d.file.name}</h2>
        <p>
          Detected: ${ins.format.kind.toUpperCase()}, ${ins.format.encoding}${ins.format.delimiter ? html`, delimiter “${ins.format.delimiter === '\t' ? 'tab' : ins.format.delimiter}”` : nothing}${ins.format.decimal_comma ? ', decimal comma' : ''}, ${ins.layout} layout. Check the role of each column.
        </p>
        <fieldset>
          <legend>This file is</legend>
          <label><input type="radio" name="use" value="data" ?checked=${d.use === 'data'} @change=${() => this.set({ dialog: { ...d, use: 'data' } })} /> the data to analyse</label>
          <label><input type="radio" name="use" value="reference" ?checked=${d.use === 'reference'} @change=${() => this.set({ dialog: { ...d, use: 'reference' } })} /> a reference economy (e.g. national totals)</label>
          ${this._s.data
            ? html`<label><input type="radio" name="use" value="append" ?checked=${d.use === 'append'} @change=${() => this.set({ dialog: { ...d, use: 'append' } })} /> more of the loaded data (another year's sheet, more regions)</label>`
            : nothing}
        </fieldset>
        <table class="roles">
          <thead><tr><th scope="col">Column</th><th scope="col">Examples</th><th scope="col">Role</th></tr></thead>
          <tbody>
            ${ins.columns.map(
              (c, k) => html`<tr>
                <th scope="row">${c.name}</th>
                <td>${c.samples.slice(0, 3).join(' · ')}</td>
                <td>
                  <select aria-label=${`Role of column ${c.name}`} @change=${(e) => {
                    const roles = d.roles.map((r, j) => (j === k ? { ...r, role: e.target.value } : r));
                    this.set({ dialog: { ...d, roles } });
                  }}>
                    ${ROLES.map(([v, l]) => html`<option value=${v} ?selected=${d.roles[k].role === v}>${l}</option>`)}
                  </select>
                </td>
              </tr>`,
            )}
          </tbody>
        </table>
        <div class="dialog-buttons">
          <button type="button" class="button" @click=${() => this.cancelDialog()}>Cancel</button>
          <button type="submit" class="button primary" id="confirm-roles">Load</button>
        </div>
      </form>
    </dialog>`;
  }
}

customElements.define('agglo-explorer', AggloExplorer);
