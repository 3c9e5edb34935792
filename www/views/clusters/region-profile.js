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
    host.addController(this);
  }

  hostConnected() {}

  getState() {
    return { region: this.ctx.region, peerMetric: this.peerMetric, eco: { ...this.eco }, settings: { ...this.ctx.settings } };
  }

  setState(st = {}) {
    if (st.region !== undefined) this.ctx.region = st.region;
    if (st.peerMetric) this.peerMetric = st.peerMetric;
    if (st.eco) this.eco = { ...this.eco, ...st.eco };
    if (st.settings) this.ctx.set(st.settings);
    this.host.requestUpdate();
  }

  options() {
    return this.ctx.options({ region: this.ctx.currentRegion(), peerMetric: this.peerMetric, missingAsZero: this.ctx.settings.missingAsZero, peers: 10, ...this.eco });
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
      ${this.renderPortfolio(r, name)} ${this.renderShiftShare(r, name)} ${this.renderSpecialisation(v, name)} ${this.renderPeers(v, name)}`;
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
    const bars = [
      { key: 'national', label: 'National share', value: ss.national_share },
      { key: 'mix', label: 'Industry mix', value: ss.industry_mix },
      { key: 'competitive', label: 'Competitive', value: ss.competitive },
      { key: 'allocation', label: 'Allocation', value: ss.allocation },
      { key: 'change', label: 'Actual change', value: ss.change, total: true },
    ].filter((b) => b.value !== undefined && b.value !== null);
    const explain = {
      national: 'jobs the region would have gained growing like the whole reference economy',
      mix: 'extra jobs from its mix of fast- or slow-growing industries',
      competitive: 'jobs gained or lost by growing faster or slower than each industry does in the reference, at reference-like specialisation',
      allocation: 'the part of that difference due to being specialised in the industries where it is competitive',
      change: 'the actual change: the sum of the components',
    };
    const byCluster = [...v.shift_share_by_cluster].sort((a, b) => (b.regional_share ?? 0) - (a.regional_share ?? 0));
    return html`<section class="panel" aria-labelledby="cl-ss-h">
      <h2 id="cl-ss-h">Shift-share of ${name}, ${ss.from_year}–${ss.to_year} (Esteban-Marquillas)</h2>
      ${imageExport({ id: 'cl-ss', svg: 'svg.chart.bars', name: `shift_share_${v.region}_${ss.from_year}_${ss.to_year}`, title: `Shift-share of ${name}, ${ss.from_year}–${ss.to_year} (${r.measure})`, legend: ['Bars: components of the change, value printed at each bar; dark bar: actual change (the sum of the components).'], label: 'shift-share chart' })}
      <p class="summary" id="cl-ss-summary">
        ${name}’s ${r.measure} went from ${fmtInt(ss.value_from)} to ${fmtInt(ss.value_to)} (${fmtInt(ss.change)}).
        Growing like the reference economy would have given ${fmtInt(ss.national_share)}; the industry mix adds ${fmtInt(ss.industry_mix)}
        and the regional share (competitive ${fmtInt(ss.competitive)} plus allocation ${fmtInt(ss.allocation)}) adds ${fmtInt(ss.regional_share)}.
        ${ss.industries_left_out ? `${ss.industries_left_out} industries missing in a year are left out${r.missingAsZero ? '' : ' (tick “count missing cells as zero” to include them)'}.` : ''}
      </p>
      ${componentBars({ bars, title: `Bar chart of the shift-share components of ${name}, ${ss.from_year}–${ss.to_year}` })}
      <details>
        <summary>Chart data as a table</summary>
        <table class="twin" id="cl-ss-table">
          <thead><tr><th scope="col">Component</th><th scope="col" class="num">${r.measure}</th><th scope="col">Meaning</th></tr></thead>
          <tbody>${bars.map((b) => html`<tr><th scope="row">${b.label}</th><td class="num">${fmtInt(b.value)}</td><td>${explain[b.key]}</td></tr>`)}</tbody>
        </table>
      </details>
      <details>
        <summary>Shift-share by cluster</summary>
        <div class="table-wrap" tabindex="0" role="region" aria-label="Shift-share by cluster">
          <table class="twin" id="cl-ss-clusters">
            <thead><tr><th scope="col">Cluster</th><th scope="col" class="num">${ss.from_year}</th><th scope="col" class="num">${ss.to_year}</th><th scope="col" class="num">Change</th><th scope="col" class="num">National share</th><th scope="col" class="num">Industry mix</th><th scope="col" class="num">Regional share</th></tr></thead>
            <tbody>
              ${byCluster.map(
                (c) => html`<tr><td>${this.ctx.clusterName(c.industry)}</td><td class="num">${fmtInt(c.value_from)}</td><td class="num">${fmtInt(c.value_to)}</td><td class="num">${fmtInt(c.change)}</td><td class="num">${fmtInt(c.national_share)}</td><td class="num">${fmtInt(c.industry_mix)}</td><td class="num">${fmtInt(c.regional_share)}</td></tr>`,
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
