// Cluster view: one cluster across regions — a map of its LQ with the strong-cluster regions
// outlined and starred (and listed), employment and LQ over all loaded years, concentration indices
// and the top regions. Numbers from `clusterView` (and `classBreaks` for the map classes).
import { html, svg, nothing } from 'lit';
import { choropleth, legend } from '../map/choropleth.js';
import { dataTable } from '../table/table.js';
import { fmt, fmtInt } from '../format.js';
import { yearLines } from './charts.js';
import { contextOf, idOf, pending } from './context.js';
import { clusterStyles } from './styles.js';
import { imageExport } from '../export.js';

const CONCENTRATION = [
  ['locational_gini', 'Locational Gini', 'How unevenly the cluster is spread compared with all jobs: 0 = spread like total employment, 0.5 = all in one region.'],
  ['gini_lq', 'Gini of LQs', 'Inequality of the cluster’s location quotients across regions (0 = equally specialised everywhere).'],
  ['gini_plain', 'Gini', 'Inequality of the cluster’s employment across regions, ignoring region size.'],
  ['hoover', 'Hoover concentration', 'Share of the cluster’s jobs that would have to move for it to be spread like all jobs.'],
  ['herfindahl', 'Herfindahl', 'Sum of squared regional shares of the cluster: 1 = one region has it all.'],
  ['theil_t', 'Theil-T', 'Inequality of the cluster across regions (0 = equal); weighted towards the large regions.'],
  ['eg_gamma', 'Ellison-Glaeser γ', 'Concentration beyond what random plant location would give (with establishment counts; above 0.05 is highly concentrated).'],
];

/** How the plant Herfindahl of Ellison-Glaeser was obtained (the data decides). */
const egText = (v) =>
  `Concentration beyond what random plant location would give (above 0.05 is highly concentrated); plant sizes ${
    v.eg_from_size_classes
      ? 'from the establishment counts by size class (each class at its midpoint, the open top class at 1.5 × its lower bound).'
      : 'approximated by each region’s mean establishment size (load establishment counts by size class for a better estimate).'
  }`;

const DASH_NAMES = ['solid line, circles', 'dashed line, squares', 'dotted line, triangles', 'dash-dot line, diamonds', 'fine dots, crosses'];

export class ClusterView {
  static id = 'cluster-view';
  static label = 'Cluster view';
  static styles = clusterStyles;

  constructor(host) {
    this.host = host;
    this.ctx = contextOf(host);
    this.shared = this.ctx; // its definitions are saved once per session
    this.cluster = null;
    this.result = null;
    this.breaks = [];
    this.key = null;
    this.sort = { key: 'lq', dir: -1 };
    this.hover = null;
    this.sheet = null; // the printable one-page profile's module, loaded when first asked for
    host.addController(this);
  }

  getState() {
    return { cluster: this.cluster, settings: { ...this.ctx.settings } };
  }

  setState(st = {}) {
    if (st.cluster !== undefined) this.cluster = st.cluster;
    if (st.settings) this.ctx.set(st.settings);
    this.host.requestUpdate();
  }

  /** Show the one-page sheet (kept in the page, hidden on screen) and open the print dialog. */
  async print() {
    this.sheet ??= await import('./cluster-print.js');
    this.host.requestUpdate();
    this.sheet.printSheet(this.host);
  }

  /** The user's cluster, else the cluster of the overview's industry, else the first. */
  currentCluster() {
    const cs = this.ctx.mapping?.clusters ?? [];
    if (this.cluster && cs.some((c) => c.code === this.cluster)) return this.cluster;
    const ind = this.host.state.industry;
    const home = cs.find((c) => c.members.includes(ind));
    return home?.code ?? cs[0]?.code ?? null;
  }

  options() {
    return this.ctx.options({ cluster: this.currentCluster(), top: 10 });
  }

  async refresh(key) {
    try {
      const res = await this.host.call('clusterView', this.options(), 'cluster view');
      const y = res.view.years.indexOf(this.host.state.year ?? res.view.years[res.view.years.length - 1]);
      const lqs = Float64Array.from(res.view.regions.map((r) => r.lq[y]).filter((v) => v !== null && Number.isFinite(v)));
      const breaks = lqs.length ? (await this.host.call('classBreaks', { values: lqs, k: Math.min(5, lqs.length), method: this.host.state.method ?? 'quantile' }, 'classifying')).breaks : [];
      if (key === this.key) {
        this.result = res;
        this.breaks = Array.from(breaks);
      }
    } catch {
      if (key === this.key) this.result = null;
    }
    this.host.requestUpdate();
  }

  render() {
    const ctx = this.ctx;
    if (!ctx.ready) return html`${ctx.renderSettings()}${pending(ctx)}`;
    const key = JSON.stringify([idOf(this.host.state.data), idOf(this.host.state.reference), ctx.version, this.host.state.method, this.options()]);
    if (key !== this.key) {
      this.key = key;
      queueMicrotask(() => this.refresh(key));
    }
    const current = this.currentCluster();
    const cs = [...ctx.mapping.clusters].sort((a, b) => a.name.localeCompare(b.name));
    return html`${ctx.renderSettings()}
      <section class="panel" aria-labelledby="cl-cv-h">
        <h2 id="cl-cv-h">Cluster view</h2>
        <div class="controls">
          <label
            >Cluster
            <select id="cl-cluster" @change=${(e) => { this.cluster = e.target.value; this.host.requestUpdate(); }}>
              ${cs.map((c) => html`<option value=${c.code} ?selected=${c.code === current}>${c.name} (${c.code}, ${c.traded ? 'traded' : 'local'})</option>`)}
            </select>
          </label>
          <button class="button" id="cl-print" ?disabled=${!this.result} @click=${() => this.print()}>Print cluster profile</button>
        </div>
      </section>
      ${this.result && this.result.view.cluster === current ? this.renderResult(this.result) : html`<p>Computing the cluster view…</p>`}
      ${this.sheet && this.result && this.result.view.cluster === current ? this.sheet.clusterSheet({ host: this.host, result: this.result, breaks: this.breaks, definitions: ctx.defs?.source ?? '' }) : nothing}`;
  }

  renderResult(r) {
    const v = r.view;
    const s = this.host.state;
    const year = s.year ?? v.years[v.years.length - 1];
    const y = Math.max(0, v.years.indexOf(year));
    const names = new Map(v.regions.map((x) => [x.region, x.region_name || s.boundaries?.names.get(x.region) || x.region]));
    const strong = v.regions.filter((x) => x.strong[y]).sort((a, b) => (b.lq[y] ?? 0) - (a.lq[y] ?? 0));
    const strongSet = new Set(strong.map((x) => x.region));
    const values = new Map(
      v.regions.filter((x) => x.lq[y] !== null).map((x) => [x.region, { value: x.lq[y], note: x.strong[y] ? 'strong cluster' : undefined }]),
    );
    const label = `${v.cluster_name} (${v.cluster})`;
    const rows = v.regions.map((x) => ({
      region: x.region,
      name: names.get(x.region),
      employment: x.employment[y],
      lq: x.lq[y],
      strong: x.strong[y] ? 1 : 0,
    }));
    const finite = rows.map((x) => x.lq).filter((x) => x !== null && Number.isFinite(x));
    const allNames = new Map(s.data.regions.map((c, i) => [c, s.data.regionNames[i] || s.boundaries?.names.get(c) || c]));
    const marks = s.boundaries
      ? svg`<g aria-hidden="true">${strong.map((x) => {
          const c = s.boundaries.projected.centroids.get(x.region);
          return c && Number.isFinite(c[0]) ? svg`<text class="strong-mark-label" x=${c[0]} y=${c[1] + 4} text-anchor="middle">★</text>` : '';
        })}</g>`
      : nothing;
    return html`
      <div class="grid">
        <section class="panel map-panel" aria-labelledby="cl-map-h">
          <h2 id="cl-map-h">Location quotient of ${label}, ${year}</h2>
          ${s.boundaries ? imageExport({ id: 'cl-map', svg: 'svg.map', name: `cluster_map_${v.cluster}_${year}`, title: `Location quotient of ${label}, ${year}`, label: 'map' }) : nothing}
          <p class="summary" id="cl-map-summary">
            ${v.regions.length} regions have ${r.measure} in the cluster in some year (${v.members.length} member industries in the data).
            ${strong.length
              ? html`${strong.length} ${strong.length === 1 ? 'region has' : 'regions have'} a strong cluster in ${year} (outlined and marked ★ on the map):
                  ${strong.map((x) => names.get(x.region)).join(', ')}.`
              : `No region has a strong cluster in ${year}.`}
            ${v.top_by_lq[0] ? `Highest LQ: ${v.top_by_lq[0].region_name || v.top_by_lq[0].region} (${fmt(v.top_by_lq[0].lq)}).` : ''}
          </p>
          ${s.boundaries
            ? html`${choropleth({
                  projected: s.boundaries.projected,
                  values,
                  breaks: this.breaks,
                  label: 'LQ',
                  selected: this.hover,
                  names: allNames,
                  title: `Map of the location quotient of ${label} in ${year}; strong-cluster regions outlined and starred`,
                  highlight: strongSet,
                  marks,
                  onSelect: (id) => this.host.announce(`${allNames.get(id) || id}: ${values.has(id) ? `LQ ${fmt(values.get(id).value)}${strongSet.has(id) ? ', strong cluster' : ''}` : 'no published value'}`),
                  onHover: () => {},
                })}
                ${legend({ breaks: this.breaks, label: 'LQ', min: finite.length ? Math.min(...finite) : 0, method: s.method ?? 'quantile' })}
                <p class="hint">Heavy outline and ★: strong cluster (US Cluster Mapping rule, ${this.ctx.settings.base === 'traded' ? 'traded' : 'all-industry'} LQ base).</p>`
            : html`<p>Add a boundary file to see the map.</p>`}
        </section>
        <section class="panel" aria-labelledby="cl-strong-h">
          <h2 id="cl-strong-h">Strong-cluster regions, ${year}</h2>
          ${strong.length
            ? html`<ul id="cl-strong-list">
                ${strong.map((x) => html`<li data-region=${x.region}>★ ${names.get(x.region)} (${x.region}): LQ ${fmt(x.lq[y])}, ${fmtInt(x.employment[y])} ${r.measure}</li>`)}
              </ul>`
            : html`<p>None.</p>`}
          ${v.strength[0]
            ? html`<p class="hint">Thresholds in ${year}: LQ above ${fmt(v.strength[0].lq_q75)} (top quarter; top 10 % above ${fmt(v.strength[0].lq_q90)}), at least 1;
                ${r.measure} above ${fmtInt(v.strength[0].employment_q25)}${v.strength[0].establishments_q25 !== null ? html`, establishments above ${fmt(v.strength[0].establishments_q25, 1)}` : nothing}.</p>`
            : nothing}
        </section>
      </div>
      <section class="panel" aria-labelledby="cl-cv-table-h">
        <h2 id="cl-cv-table-h">Map data as a table</h2>
        ${dataTable({
          id: 'cl-cluster-table',
          caption: `${rows.length} regions with ${label}, ${year}`,
          columns: [
            { key: 'name', label: 'Region', format: (x, row) => `${x} (${row.region})` },
            { key: 'employment', label: r.measure, num: true, format: fmtInt },
            { key: 'lq', label: 'LQ', num: true, format: (x) => fmt(x) },
            { key: 'strong', label: 'Strong cluster', num: true, format: (x) => (x ? '★ strong' : '–') },
          ],
          rows,
          rowKey: 'region',
          sort: this.sort,
          onSort: (o) => { this.sort = o; this.host.requestUpdate(); },
          exportName: `cluster_${v.cluster}_${year}`,
          exportRows: v.strength,
        })}
      </section>
      ${this.renderSeries(r, names, label, y)} ${this.renderConcentration(v, label)} ${this.renderTop(v, r, label)}`;
  }

  renderSeries(r, names, label, y) {
    const v = r.view;
    const top = [...v.regions].sort((a, b) => (b.employment[y] ?? 0) - (a.employment[y] ?? 0)).slice(0, 5);
    const series = (k) => top.map((x) => ({ id: x.region, label: names.get(x.region), values: x[k] }));
    const first = v.years[0];
    const last = v.years[v.years.length - 1];
    const totals = v.years.map((_, i) => v.regions.reduce((acc, x) => acc + (x.employment[i] ?? 0), 0));
    return html`<section class="panel" aria-labelledby="cl-ts-h">
      <h2 id="cl-ts-h">${label} over time, ${first}–${last}</h2>
      ${imageExport({ id: 'cl-ts-emp', svg: '.two > svg.chart.lines:nth-of-type(1)', name: `cluster_${r.measure}_${v.cluster}_${first}_${last}`, title: `${r.measure} in ${label}, five largest regions, ${first}–${last}`, label: `${r.measure} chart` })}
      ${imageExport({ id: 'cl-ts-lq', svg: '.two > svg.chart.lines:nth-of-type(2)', name: `cluster_lq_${v.cluster}_${first}_${last}`, title: `Location quotient of ${label}, five largest regions, ${first}–${last}`, label: 'location quotient chart' })}
      <p class="summary" id="cl-ts-summary">
        The five regions with the most ${r.measure} in the cluster in ${v.years[y]}: ${top.map((x) => `${names.get(x.region)} (${fmtInt(x.employment[0])} in ${first}, ${fmtInt(x.employment[v.years.length - 1])} in ${last})`).join('; ')}.
      </p>
      <ul class="series-key" aria-label="Line key">
        ${top.map((x, k) => html`<li>${names.get(x.region)}: ${DASH_NAMES[k]}</li>`)}
      </ul>
      <div class="two">
        ${yearLines({ series: series('employment'), years: v.years, yLabel: r.measure, title: `Line chart of ${r.measure} in ${label}, five largest regions, ${first}–${last}` })}
        ${yearLines({ series: series('lq'), years: v.years, yLabel: 'Location quotient', format: (x) => fmt(x), title: `Line chart of the location quotient of ${label}, five largest regions, ${first}–${last}` })}
      </div>
      <details>
        <summary>Chart data as a table (every region)</summary>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Employment and LQ by region and year">
          <table class="twin" id="cl-ts-table">
            <thead>
              <tr><th scope="col">Region</th>${v.years.map((yy) => html`<th scope="col" class="num">${r.measure} ${yy}</th>`)}${v.years.map((yy) => html`<th scope="col" class="num">LQ ${yy}</th>`)}</tr>
            </thead>
            <tbody>
              <tr><th scope="row">All regions</th>${totals.map((t) => html`<td class="num">${fmtInt(t)}</td>`)}${v.years.map(() => html`<td></td>`)}</tr>
              ${v.regions.map(
                (x) => html`<tr><th scope="row">${names.get(x.region)} (${x.region})</th>${x.employment.map((e) => html`<td class="num">${fmtInt(e)}</td>`)}${x.lq.map((l) => html`<td class="num">${fmt(l)}</td>`)}</tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>`;
  }

  renderConcentration(v, label) {
    const rows = v.concentration;
    if (!rows.length) return nothing;
    const used = CONCENTRATION.filter(([k]) => rows.some((r) => r[k] !== null && r[k] !== undefined));
    const last = rows[rows.length - 1];
    return html`<section class="panel" aria-labelledby="cl-conc-h">
      <h2 id="cl-conc-h">How concentrated is ${label}?</h2>
      <p class="summary" id="cl-conc-summary">
        In ${v.years[rows.length - 1]} the locational Gini is ${fmt(last.locational_gini, 3)} and the Hoover concentration ${fmt(last.hoover, 3)}
        (${v.years[0]}: ${fmt(rows[0].locational_gini, 3)} and ${fmt(rows[0].hoover, 3)}).
      </p>
      <table id="cl-conc-table">
          <thead><tr><th scope="col">Index</th>${v.years.map((y) => html`<th scope="col" class="num">${y}</th>`)}<th scope="col">What it says</th></tr></thead>
          <tbody>
            ${used.map(
              ([k, name, text]) => html`<tr data-key=${k}><th scope="row">${name}</th>${rows.map((r) => html`<td class="num" data-value=${r[k] ?? ''}>${fmt(r[k], 3)}</td>`)}<td>${k === 'eg_gamma' ? egText(v) : text}</td></tr>`,
            )}
          </tbody>
        </table>
    </section>`;
  }

  renderTop(v, r, label) {
    const t = (id, caption, list) => html`<table id=${id}>
      <caption>${caption}</caption>
      <thead><tr><th scope="col" class="num">Rank</th><th scope="col">Region</th><th scope="col" class="num">${r.measure}</th><th scope="col" class="num">LQ</th></tr></thead>
      <tbody>${list.map((x) => html`<tr><td class="num">${x.rank}</td><td>${x.region_name || x.region} (${x.region})</td><td class="num">${fmtInt(x.employment)}</td><td class="num">${fmt(x.lq)}</td></tr>`)}</tbody>
    </table>`;
    return html`<section class="panel" aria-labelledby="cl-top-h">
      <h2 id="cl-top-h">Top regions for ${label}</h2>
      <div class="two">${t('cl-top-lq', 'By location quotient', v.top_by_lq)} ${t('cl-top-emp', `By ${r.measure}`, v.top_by_employment)}</div>
    </section>`;
  }
}
