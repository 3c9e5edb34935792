// Region profile: one region's clusters with strength flags (US Cluster Mapping "strong", European
// Cluster Observatory stars), a portfolio bubble chart of its clusters, shift-share, specialisation
// indices in plain language, and peer regions. Numbers from `clusterRegionProfile`.
import { html, nothing } from 'lit';
import { bubbleChart, quadrantLabel } from '../chart/portfolio.js';
import { dataTable } from '../table/table.js';
import { fmt, fmtInt, fmtPct } from '../format.js';
import { componentBars } from './charts.js';
import { contextOf, idOf, pending } from './context.js';
import { clusterStyles } from './styles.js';
import { imageExport } from '../export.js';
import { exportRows } from './export.js';
import { linkage } from '../linkage/shared.js';

/** Shift-share methods of the region profile (METHODS.md §3). */
const SS_METHODS = [
  ['esteban', 'Esteban-Marquillas (competitive and allocation)'],
  ['dunn', 'Dunn (classic: national share, industry mix, regional share)'],
  ['gerfin', 'Gerfin (multiplicative factors)'],
  ['dynamic', 'Dynamic (year by year, summed)'],
];
const SS_NAME = { esteban: 'Esteban-Marquillas', dunn: 'Dunn', gerfin: 'Gerfin', dynamic: 'dynamic (Barff-Knight)' };

/** A typology value the data cannot give: said in words, never shown as 0. */
const NA = 'not available';
const orNa = (f) => (v) => (v === null || v === undefined ? NA : f(v));

/** Plain-language explanations of the specialisation indices (what a high value means). */
const SPECIALISATION = [
  ['krugman', 'Krugman dissimilarity', 'How different the region’s industry mix is from the reference economy: 0 = identical shares, 2 = no industry in common.', 3],
  ['krugman_vs_others_mean', 'Krugman vs the other regions', 'The same, against the average mix of all other loaded regions.', 3],
  ['hoover', 'Hoover coefficient', 'Half the Krugman index: the share of jobs that would have to move between industries for the region to look like the reference.', 3],
  ['herfindahl', 'Herfindahl index', 'Sum of squared industry shares: close to 0 for a diversified region, 1 when one industry employs everyone.', 4],
  ['herfindahl_equivalent_number', 'Equivalent number of industries', '1 / Herfindahl: as diversified as this many equally sized industries.', 1],
  ['entropy', 'Shannon entropy (bits)', 'Diversity of the industry mix; higher = more varied. It splits into related and unrelated variety.', 3],
  ['related_variety', 'Related variety', 'Variety within industry groups (industries that share know-how): high values favour spill-overs.', 3],
  ['unrelated_variety', 'Unrelated variety', 'Variety across industry groups: high values spread the risk of sector shocks.', 3],
  ['gini_lq', 'Gini of the location quotients', 'Inequality of the region’s LQs across industries: 0 = equally specialised in everything, near 1 = a few industries dominate.', 3],
  ['theil_t', 'Theil-T', 'Inequality of employment across industries (0 = equal); more sensitive to the largest industries.', 3],
  ['theil_l', 'Theil-L (mean log deviation)', 'Inequality of employment across industries; more sensitive to the smallest industries.', 3],
  ['average_lq', 'Average location quotient', 'Employment-weighted mean LQ: above 1 means jobs sit mostly in industries the region is specialised in.', 2],
  ['hachman', 'Hachman index', '1 / average LQ: 1 = the region mirrors the reference economy, near 0 = very specialised.', 3],
  ['duranton_puga', 'Duranton-Puga relative diversity', '1 / Krugman: higher = a mix closer to the reference (more diverse).', 3],
];

const starText = (s) => {
  if (!s) return '–';
  const which = [s.size_star && 'size', s.specialisation_star && 'specialisation', s.focus_star && 'focus'].filter(Boolean);
  return `${'★'.repeat(s.stars)}${'☆'.repeat(3 - s.stars)} ${s.stars} of 3${which.length ? ` (${which.join(', ')})` : ''}`;
};

const strongText = (c) => (c.strong10 ? '✔ Strong (top 10 %)' : c.strong ? '✔ Strong' : '–');

export class RegionProfileView {
  static id = 'cluster-region';
  static label = 'Region profile';
  static styles = clusterStyles;

  constructor(host) {
    this.host = host;
    this.ctx = contextOf(host);
    this.shared = this.ctx; // its definitions are saved once per session
    this.result = null;
    this.key = null;
    this.peerMetric = 'cosine';
    this.eco = { sizeTopShare: 0.1, lqThreshold: 2, focusTopShare: 0.1 };
    this.sort = { key: 'employment', dir: -1 };
    this.selectedCluster = null;
    this.ssMethod = 'esteban';
    this.extrasOn = false; // depth, multipliers and spatial extent (computed in the full module)
    this.extras = null;
    this.extrasKey = null;
    this.typSort = { key: 'employment', dir: -1 };
    host.addController(this);
  }

  hostConnected() {}

  getState() {
    return { region: this.ctx.region, peerMetric: this.peerMetric, eco: { ...this.eco }, shiftShareMethod: this.ssMethod, typologyExtras: this.extrasOn, settings: { ...this.ctx.settings } };
  }

  setState(st = {}) {
    if (st.region !== undefined) this.ctx.region = st.region;
    if (st.peerMetric) this.peerMetric = st.peerMetric;
    if (st.eco) this.eco = { ...this.eco, ...st.eco };
    if (SS_METHODS.some(([k]) => k === st.shiftShareMethod)) this.ssMethod = st.shiftShareMethod;
    if (typeof st.typologyExtras === 'boolean') this.extrasOn = st.typologyExtras;
    if (st.settings) this.ctx.set(st.settings);
    this.host.requestUpdate();
  }

  options() {
    return this.ctx.options({ region: this.ctx.currentRegion(), peerMetric: this.peerMetric, missingAsZero: this.ctx.settings.missingAsZero, peers: 10, shiftShareMethod: this.ssMethod, ...this.eco });
  }

  /** Depth, local-supplier linkage, multiplier and spatial extent of the region's clusters. */
  async refreshExtras(key, opts) {
    try {
      const res = await this.host.call('clusterTypologyExtras', opts, 'depth, multipliers and spatial extent');
      if (key === this.extrasKey) this.extras = res;
    } catch {
      if (key === this.extrasKey) this.extras = null;
    }
    this.host.requestUpdate();
  }

  async refresh(key) {
    try {
      const res = await this.host.call('clusterRegionProfile', this.options(), 'region profile');
      if (key === this.key) this.result = res;
    } catch {
      if (key === this.key) this.result = null;
    }
    this.host.requestUpdate();
  }

  render() {
    const ctx = this.ctx;
    if (!ctx.ready) return html`${ctx.renderSettings()}${pending(ctx)}`;
    const key = JSON.stringify([idOf(this.host.state.data), idOf(this.host.state.reference), ctx.version, this.options()]);
    if (key !== this.key) {
      this.key = key;
      queueMicrotask(() => this.refresh(key));
    }
    if (this.extrasOn) {
      const { shiftShareMethod, peerMetric, peers, sizeTopShare, lqThreshold, focusTopShare, ...opts } = this.options();
      const k2 = JSON.stringify([idOf(this.host.state.data), idOf(this.host.state.reference), idOf(this.host.state.boundaries), idOf(linkage.io), ctx.version, opts]);
      if (k2 !== this.extrasKey) {
        this.extrasKey = k2;
        this.extras = null;
        queueMicrotask(() => this.refreshExtras(k2, opts));
      }
    }
    const d = this.host.state.data;
    const region = ctx.currentRegion();
    const names = d.regions.map((c, i) => [c, d.regionNames[i] || this.host.state.boundaries?.names.get(c) || c]).sort((a, b) => a[1].localeCompare(b[1]));
    return html`${ctx.renderSettings()}
      <section class="panel" aria-labelledby="cl-rp-h">
        <h2 id="cl-rp-h">Region profile</h2>
        <div class="controls">
          <label
            >Region
            <select id="cl-region" @change=${(e) => { ctx.region = e.target.value; this.host.requestUpdate(); }}>
              ${names.map(([c, n]) => html`<option value=${c} ?selected=${c === region}>${n} (${c})</option>`)}
            </select>
          </label>
          <label
            >Peers by
            <select id="cl-peer-metric" @change=${(e) => { this.peerMetric = e.target.value; this.host.requestUpdate(); }}>
              <option value="cosine" ?selected=${this.peerMetric === 'cosine'}>Cosine similarity of industry shares</option>
              <option value="krugman" ?selected=${this.peerMetric === 'krugman'}>Krugman dissimilarity</option>
            </select>
          </label>
        </div>
        <details>
          <summary>European Cluster Observatory star thresholds</summary>
          <div class="controls">
            ${[
              ['sizeTopShare', 'Size star: top share of regions by employment', 0.01],
              ['lqThreshold', 'Specialisation star: LQ at least', 0.1],
              ['focusTopShare', 'Focus star: top share of regions by focus', 0.01],
            ].map(
              ([k, label, step]) => html`<label
                >${label}
                <input type="number" id=${`cl-eco-${k}`} min="0" step=${step} .value=${String(this.eco[k])}
                  @change=${(e) => { const v = Number(e.target.value); if (Number.isFinite(v) && v >= 0) { this.eco = { ...this.eco, [k]: v }; this.host.requestUpdate(); } }}
              /></label>`,
            )}
          </div>
        </details>
      </section>
      ${this.result && this.result.view.region === region ? this.renderResult(this.result) : html`<p>Computing the profile…</p>`}`;
  }

  renderResult(r) {
    const v = r.view;
    const stars = new Map(v.stars.map((s) => [s.cluster, s]));
    const rows = v.clusters.map((c) => ({
      cluster: c.cluster,
      cluster_name: c.cluster_name,
      type: c.traded ? 'traded' : 'local',
      employment: c.employment,
      lq: c.lq,
      focus: c.focus,
      growth: c.growth,
      strong: c.strong10 ? 2 : c.strong ? 1 : 0,
      stars: stars.get(c.cluster)?.stars ?? 0,
      quadrant: c.quadrant ? quadrantLabel(c.quadrant) : '–',
      _c: c,
    }));
    const strong = v.clusters.filter((c) => c.strong).sort((a, b) => b.employment - a.employment);
    const name = v.region_name || v.region;
    const from = r.fromYear;
    return html`
      <section class="panel" aria-labelledby="cl-clusters-h">
        <h2 id="cl-clusters-h">Clusters of ${name}, ${v.year}</h2>
        <p class="summary" id="cl-region-summary">
          ${name} has ${v.clusters.length} clusters with ${r.measure} in ${v.year}.
          ${strong.length
            ? html`${strong.length} ${strong.length === 1 ? 'is' : 'are'} strong by the US Cluster Mapping rule: ${strong.map((c) => c.cluster_name).join(', ')}.`
            : 'None is strong by the US Cluster Mapping rule.'}
          ${v.stars.filter((s) => s.stars > 0).length} clusters earn at least one European Cluster Observatory star.
        </p>
        <p class="hint">
          <strong>Strong</strong> (US Cluster Mapping): LQ in the top quarter of regions for the cluster (top 10 % marked), LQ ≥ 1, employment and establishments above the lowest quarter.
          <strong>Stars</strong> (European Cluster Observatory): ★ size (top 10 % of regions by employment), ★ specialisation (LQ ≥ 2), ★ focus (top 10 % by the cluster’s share of the region’s jobs).
        </p>
        ${dataTable({
          id: 'cl-region-table',
          caption: `Clusters of ${name} (${v.region}), ${v.year}`,
          columns: [
            { key: 'cluster_name', label: 'Cluster', format: (x, row) => `${x} (${row.cluster})` },
            { key: 'type', label: 'Type' },
            { key: 'employment', label: r.measure, num: true, format: fmtInt },
            { key: 'lq', label: 'LQ', num: true, format: (x) => fmt(x) },
            { key: 'focus', label: 'Share of region', num: true, format: (x) => fmtPct(x, 2) },
            { key: 'growth', label: from ? `Growth p.a. ${from}–${v.year}` : 'Growth', num: true, format: (x) => fmtPct(x) },
            { key: 'strong', label: 'USCMP strength', num: true, format: (_, row) => strongText(row._c) },
            { key: 'stars', label: 'ECO stars', num: true, format: (_, row) => starText(stars.get(row.cluster)) },
            { key: 'quadrant', label: 'Quadrant' },
          ],
          rows,
          rowKey: 'cluster',
          sort: this.sort,
          onSort: (s) => { this.sort = s; this.host.requestUpdate(); },
          exportName: `clusters_${v.region}_${v.year}`,
          exportRows: v.clusters,
        })}
      </section>
      ${this.renderTypology(r, name)} ${this.renderPortfolio(r, name)} ${this.renderShiftShare(r, name)} ${this.renderSpecialisation(v, name)} ${this.renderPeers(v, name)}`;
  }

  renderTypology(r, name) {
    const v = r.view;
    const x = this.extrasOn && this.extras && this.extras.region === v.region ? this.extras : null;
    const io = new Map((x?.io ?? []).map((e) => [e.cluster, e]));
    const ext = new Map((x?.extent ?? []).map((e) => [e.cluster, e]));
    const rows = v.clusters.map((c) => {
      const i = io.get(c.cluster);
      const e = ext.get(c.cluster);
      return {
        cluster: c.cluster,
        cluster_name: c.cluster_name,
        employment: c.employment,
        avg_establishment_size: c.avg_establishment_size,
        sme_share: c.sme_share,
        breadth_present: c.breadth_present,
        breadth_specialised: c.breadth_specialised,
        job_creation: c.job_creation,
        competitive_shift: c.competitive_shift,
        depth: i?.depth ?? null,
        local_supplier: i?.local_supplier ?? null,
        multiplier: i?.multiplier ?? null,
        spatial_extent: e?.spatial_extent ?? null,
        _e: e,
      };
    });
    const noSizes = !r.sizeClasses?.length;
    const ioWhy = !this.extrasOn ? 'press the button below' : x ? x.ioMissing : 'computing…';
    const extWhy = !this.extrasOn ? 'press the button below' : x ? x.extentMissing : 'computing…';
    const extentText = (val, row) =>
      row._e ? (row._e.neighbours ? `${row._e.neighbours_specialised} of ${row._e.neighbours} neighbours (${fmtPct(val, 0)})${row._e.neighbours_strong ? `, ${row._e.neighbours_strong} strong` : ''}` : 'no neighbours') : NA;
    const deepest = rows.filter((c) => c.depth !== null).sort((a, b) => b.depth - a.depth)[0] ?? null;
    return html`<section class="panel" aria-labelledby="cl-typ-h">
      <h2 id="cl-typ-h">Typology of ${name}’s clusters, ${v.year}</h2>
      <p class="summary" id="cl-typ-summary">
        The OECD dimensions of each cluster beyond size and specialisation: breadth (its industries present and specialised here), establishment size and SME share,
        depth (how much of its input requirements local suppliers provide), its regional multiplier, and spatial extent (whether it continues in neighbouring regions).
        ${deepest ? `The deepest local supply chain: ${deepest.cluster_name} (${fmtPct(deepest.depth, 0)} of its inputs supplied locally).` : ''}
      </p>
      <ul class="hint" id="cl-typ-availability">
        <li>SME share (establishments with fewer than ${fmtInt(r.smeThreshold)} employees):
          ${noSizes ? `${NA}: the data has no establishment counts by size class (CBP columns n<5 … n1000, or size_<lo>_<hi>).` : `from ${r.sizeClasses.length} size classes.`}</li>
        <li>Depth, local-supplier linkage and multiplier (input-output table regionalised by FLQ, δ = 0.3):
          ${io.size ? `from ${x.ioSource}.` : `${NA}${ioWhy ? ` — ${ioWhy}` : ''}.`}</li>
        <li>Spatial extent (queen contiguity of the boundaries):
          ${ext.size ? 'from the loaded boundaries.' : `${NA}${extWhy ? ` — ${extWhy}` : ''}.`}</li>
      </ul>
      ${this.extrasOn
        ? nothing
        : html`<button id="cl-typ-extras" @click=${() => { this.extrasOn = true; this.host.requestUpdate(); }}>Compute depth, multipliers and spatial extent</button>
            <span class="hint">(loads the analysis module; depth needs an input-output table and crosswalk from the Input-output tab, extent needs boundaries)</span>`}
      ${dataTable({
        id: 'cl-typology-table',
        caption: `Typology of the clusters of ${name} (${v.region}), ${v.year}`,
        columns: [
          { key: 'cluster_name', label: 'Cluster', format: (val, row) => `${val} (${row.cluster})` },
          { key: 'employment', label: r.measure, num: true, format: fmtInt },
          { key: 'avg_establishment_size', label: 'Employees per establishment', num: true, format: orNa((val) => fmt(val, 1)) },
          { key: 'sme_share', label: 'SME share', num: true, format: orNa((val) => fmtPct(val, 1)) },
          { key: 'breadth_present', label: 'Industries present', num: true, format: (val) => fmtPct(val, 0) },
          { key: 'breadth_specialised', label: 'Industries specialised', num: true, format: (val) => fmtPct(val, 0) },
          { key: 'job_creation', label: 'Job creation', num: true, format: orNa(fmtInt) },
          { key: 'competitive_shift', label: 'Competitive shift', num: true, format: orNa(fmtInt) },
          { key: 'depth', label: 'Depth (local share of inputs)', num: true, format: orNa((val) => fmtPct(val, 1)) },
          { key: 'local_supplier', label: 'Local purchases per $ output', num: true, format: orNa((val) => fmt(val, 3)) },
          { key: 'multiplier', label: 'Regional output multiplier', num: true, format: orNa((val) => fmt(val, 3)) },
          { key: 'spatial_extent', label: 'Spatial extent', num: true, format: extentText },
        ],
        rows,
        rowKey: 'cluster',
        sort: this.typSort,
        onSort: (st) => { this.typSort = st; this.host.requestUpdate(); },
        onExport: () => exportRows(this.host, `typology_${v.region}_${v.year}.csv`, rows.map(({ _e, ...o }) => ({ ...o, neighbours: _e?.neighbours ?? null, neighbours_specialised: _e?.neighbours_specialised ?? null, neighbours_strong: _e?.neighbours_strong ?? null }))),
      })}
    </section>`;
  }

  renderPortfolio(r, name) {
    const v = r.view;
    if (!r.fromYear) return html`<section class="panel"><h2>Portfolio of clusters</h2><p>Load two or more years to see growth.</p></section>`;
    const pts = r.portfolio;
    const label = (p) =>
      `${p.cluster_name}: LQ ${fmt(p.lq)}, growth ${fmtPct(p.growth)} a year against ${fmtPct(p.reference_growth)} in the reference (${fmtPct(p.growth_gap)} points), ${fmtInt(p.employment)} ${r.measure}, ${quadrantLabel(p.quadrant)}`;
    const counts = { star: 0, emerging: 0, mature: 0, transforming: 0 };
    for (const p of pts) if (p.quadrant) counts[p.quadrant]++;
    const bigStars = pts.filter((p) => p.quadrant === 'star').sort((a, b) => b.employment - a.employment).slice(0, 3);
    return html`<section class="panel" aria-labelledby="cl-pf-h">
      <h2 id="cl-pf-h">Portfolio of ${name}’s clusters, ${r.fromYear}–${v.year}</h2>
      ${imageExport({ id: 'cl-portfolio', svg: 'svg.chart.cl-portfolio', name: `cluster_portfolio_${v.region}_${v.year}`, title: `Portfolio of ${name}’s clusters, ${r.fromYear}–${v.year}`, legend: [`Bubbles: clusters; area = ${r.measure} in ${v.year}; horizontal: LQ, vertical: growth p.a. minus the cluster’s reference growth; quadrants: stars, emerging, mature / at risk, transforming.`], label: 'portfolio chart' })}
      <p class="summary" id="cl-portfolio-summary">
        ${pts.length} clusters plotted (published in both years). ${counts.star} stars (specialised and growing faster than the same cluster in the reference economy),
        ${counts.emerging} emerging, ${counts.mature} mature or at risk, ${counts.transforming} transforming.
        ${bigStars.length ? `Largest stars: ${bigStars.map((p) => p.cluster_name).join(', ')}.` : ''}
      </p>
      ${bubbleChart({
        points: pts.map((p) => ({ id: p.cluster, lq: p.lq, y: p.growth_gap, size: p.employment, quadrant: p.quadrant, label: label(p) })),
        yLine: 0,
        yLabel: `Growth p.a. minus the cluster’s reference growth, ${r.fromYear}–${v.year}`,
        title: `Bubble chart of ${name}’s clusters: location quotient against growth relative to the reference, bubble size = ${r.measure}`,
        selected: this.selectedCluster,
        onSelect: (id) => { this.selectedCluster = id; this.host.announce(label(pts.find((p) => p.cluster === id))); this.host.requestUpdate(); },
        className: 'cl-portfolio',
        emptyText: 'No cluster has a published value in both years.',
      })}
      <details>
        <summary>Chart data as a table</summary>
        <table class="twin" id="cl-portfolio-table">
          <thead><tr><th scope="col">Cluster</th><th scope="col" class="num">LQ</th><th scope="col" class="num">Growth p.a.</th><th scope="col" class="num">Reference growth p.a.</th><th scope="col" class="num">Difference</th><th scope="col" class="num">${r.measure}</th><th scope="col">Quadrant</th></tr></thead>
          <tbody>
            ${[...pts].sort((a, b) => b.lq - a.lq).map(
              (p) => html`<tr class=${p.cluster === this.selectedCluster ? 'selected' : ''}><td>${p.cluster_name}</td><td class="num">${fmt(p.lq)}</td><td class="num">${fmtPct(p.growth)}</td><td class="num">${fmtPct(p.reference_growth)}</td><td class="num">${fmtPct(p.growth_gap)}</td><td class="num">${fmtInt(p.employment)}</td><td>${quadrantLabel(p.quadrant)}</td></tr>`,
            )}
          </tbody>
        </table>
      </details>
    </section>`;
  }

  renderShiftShare(r, name) {
    const v = r.view;
    const ss = v.shift_share;
    if (!r.fromYear || !ss) return nothing;
    const method = r.shiftShareMethod ?? 'esteban';
    const gerfin = method === 'gerfin';
    const additive = [
      { key: 'national', label: 'National share', value: ss.national_share },
      { key: 'mix', label: 'Industry mix', value: ss.industry_mix },
      ...(method === 'esteban'
        ? [
            { key: 'competitive', label: 'Competitive', value: ss.competitive },
            { key: 'allocation', label: 'Allocation', value: ss.allocation },
          ]
        : [{ key: 'regional', label: 'Regional share', value: ss.regional_share }]),
      { key: 'change', label: 'Actual change', value: ss.change, total: true },
    ];
    // Gerfin: factors around 1, drawn as their deviation from 1 (percent), the factor in the table.
    const factors = [
      { key: 'g_mix', label: 'Industry mix factor', value: ss.gerfin_industry_mix },
      { key: 'g_regional', label: 'Regional factor', value: ss.gerfin_regional_share },
      { key: 'g_net', label: 'Net factor', value: ss.gerfin_net_shift, total: true },
    ];
    const bars = (gerfin ? factors : additive).filter((b) => b.value !== undefined && b.value !== null);
    const explain = {
      national: 'jobs the region would have gained growing like the whole reference economy',
      mix: 'extra jobs from its mix of fast- or slow-growing industries',
      regional: 'jobs gained or lost by growing faster or slower than each industry does in the reference',
      competitive: 'jobs gained or lost by growing faster or slower than each industry does in the reference, at reference-like specialisation',
      allocation: 'the part of that difference due to being specialised in the industries where it is competitive',
      change: 'the actual change: the sum of the components',
      g_mix: 'growth the industry mix alone gives, relative to the reference growth (1 = neutral)',
      g_regional: 'the region’s growth relative to what its industry mix predicts (above 1 = competitive)',
      g_net: 'the region’s growth relative to the reference growth: mix factor × regional factor',
    };
    const fmtFactor = (f) => `×${fmt(f, 4)}`;
    const byCluster = [...v.shift_share_by_cluster].sort((a, b) => (gerfin ? (b.gerfin_regional_share ?? 0) - (a.gerfin_regional_share ?? 0) : (b.regional_share ?? 0) - (a.regional_share ?? 0)));
    const dyn = method === 'dynamic' ? ' (each consecutive pair of loaded years, summed)' : '';
    return html`<section class="panel" aria-labelledby="cl-ss-h">
      <h2 id="cl-ss-h">Shift-share of ${name}, ${ss.from_year}–${ss.to_year} (${SS_NAME[method]})</h2>
      <div class="controls">
        <label
          >Method
          <select id="cl-ss-method" @change=${(e) => { this.ssMethod = e.target.value; this.host.requestUpdate(); }}>
            ${SS_METHODS.map(([k, label]) => html`<option value=${k} ?selected=${k === method}>${label}</option>`)}
          </select>
        </label>
      </div>
      ${imageExport({ id: 'cl-ss', svg: 'svg.chart.bars', name: `shift_share_${v.region}_${ss.from_year}_${ss.to_year}`, title: `Shift-share of ${name}, ${ss.from_year}–${ss.to_year}, ${SS_NAME[method]} (${r.measure})`, legend: ['Bars: components of the change, value printed at each bar; dark bar: actual change (the sum of the components).'], label: 'shift-share chart' })}
      <p class="summary" id="cl-ss-summary">
        ${name}’s ${r.measure} went from ${fmtInt(ss.value_from)} to ${fmtInt(ss.value_to)} (${fmtInt(ss.change ?? ss.value_to - ss.value_from)}).
        ${gerfin
          ? `Gerfin’s factors: the industry mix gives ${fmtFactor(ss.gerfin_industry_mix)} the reference growth, the region’s own performance ${fmtFactor(ss.gerfin_regional_share)}; together ${fmtFactor(ss.gerfin_net_shift)}.`
          : html`Growing like the reference economy would have given ${fmtInt(ss.national_share)}${dyn}; the industry mix adds ${fmtInt(ss.industry_mix)}
              and the regional share adds ${fmtInt(ss.regional_share)}${method === 'esteban' ? ` (competitive ${fmtInt(ss.competitive)} plus allocation ${fmtInt(ss.allocation)})` : ''}.`}
        ${ss.industries_left_out ? `${ss.industries_left_out} industries missing in a year are left out${r.missingAsZero ? '' : ' (tick “count missing cells as zero” to include them)'}.` : ''}
      </p>
      ${componentBars({
        // Gerfin: percent above or below 1, so the axis reads in percent too.
        bars: gerfin ? bars.map((b) => ({ ...b, value: (b.value - 1) * 100 })) : bars,
        format: gerfin ? (d) => `${d >= 0 ? '+' : ''}${fmt(d, 2)} %` : undefined,
        title: `Bar chart of the ${SS_NAME[method]} shift-share ${gerfin ? 'factors (percent above or below 1)' : 'components'} of ${name}, ${ss.from_year}–${ss.to_year}`,
      })}
      <details>
        <summary>Chart data as a table</summary>
        <table class="twin" id="cl-ss-table">
          <thead><tr><th scope="col">Component</th><th scope="col" class="num">${gerfin ? 'Factor' : r.measure}</th><th scope="col">Meaning</th></tr></thead>
          <tbody>${bars.map((b) => html`<tr data-key=${b.key}><th scope="row">${b.label}</th><td class="num" data-value=${b.value}>${gerfin ? fmtFactor(b.value) : fmtInt(b.value)}</td><td>${explain[b.key]}</td></tr>`)}</tbody>
        </table>
      </details>
      <details>
        <summary>Shift-share by cluster</summary>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Shift-share by cluster">
          <table class="twin" id="cl-ss-clusters">
            <thead><tr><th scope="col">Cluster</th><th scope="col" class="num">${ss.from_year}</th><th scope="col" class="num">${ss.to_year}</th>
              ${gerfin
                ? html`<th scope="col" class="num">Mix factor</th><th scope="col" class="num">Regional factor</th><th scope="col" class="num">Net factor</th>`
                : html`<th scope="col" class="num">Change</th><th scope="col" class="num">National share</th><th scope="col" class="num">Industry mix</th><th scope="col" class="num">Regional share</th>`}</tr></thead>
            <tbody>
              ${byCluster.map(
                (c) => html`<tr><td>${this.ctx.clusterName(c.industry)}</td><td class="num">${fmtInt(c.value_from)}</td><td class="num">${fmtInt(c.value_to)}</td>
                  ${gerfin
                    ? html`<td class="num">${fmt(c.gerfin_industry_mix, 4)}</td><td class="num">${fmt(c.gerfin_regional_share, 4)}</td><td class="num">${fmt(c.gerfin_net_shift, 4)}</td>`
                    : html`<td class="num">${fmtInt(c.change)}</td><td class="num">${fmtInt(c.national_share)}</td><td class="num">${fmtInt(c.industry_mix)}</td><td class="num">${fmtInt(c.regional_share)}</td>`}</tr>`,
              )}
            </tbody>
          </table>
        </div>
      </details>
    </section>`;
  }

  renderSpecialisation(v, name) {
    const s = v.specialisation;
    if (!s) return nothing;
    return html`<section class="panel" aria-labelledby="cl-spec-h">
      <h2 id="cl-spec-h">How specialised is ${name}? (${s.n_industries} industries, ${v.year})</h2>
      <table id="cl-spec-table">
        <thead><tr><th scope="col">Index</th><th scope="col" class="num">Value</th><th scope="col">What it says</th></tr></thead>
        <tbody>
          ${SPECIALISATION.filter(([k]) => s[k] !== undefined).map(
            ([k, label, text, digits]) => html`<tr data-key=${k}><th scope="row">${label}</th><td class="num">${fmt(s[k], digits)}</td><td>${text}</td></tr>`,
          )}
        </tbody>
      </table>
      ${s.missing_cells ? html`<p class="hint">${s.missing_cells} suppressed or missing cells are left out of these indices.</p>` : nothing}
    </section>`;
  }

  renderPeers(v, name) {
    const cos = this.peerMetric === 'cosine';
    return html`<section class="panel" aria-labelledby="cl-peers-h">
      <h2 id="cl-peers-h">Regions most like ${name} (${cos ? 'cosine similarity' : 'Krugman dissimilarity'} of industry shares)</h2>
      <p class="summary">${cos ? 'Cosine similarity: 1 = the same industry mix.' : 'Krugman dissimilarity: 0 = the same industry mix, 2 = nothing in common.'}
        ${v.peers.length ? `Closest: ${v.peers.slice(0, 3).map((p) => p.region_name || p.region).join(', ')}.` : ''}</p>
      <table id="cl-peers-table">
        <thead><tr><th scope="col" class="num">Rank</th><th scope="col">Region</th><th scope="col" class="num">${cos ? 'Similarity' : 'Dissimilarity'}</th></tr></thead>
        <tbody>
          ${v.peers.map(
            (p) => html`<tr><td class="num">${p.rank}</td><td><button class="link" @click=${() => { this.ctx.region = p.region; this.host.requestUpdate(); }}>${p.region_name || p.region} (${p.region})</button></td><td class="num">${fmt(p.value, 3)}</td></tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}
