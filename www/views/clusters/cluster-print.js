// The one-page fact sheet of a cluster (what agencies hand to investors): key figures, the map of
// the cluster's LQ, the top regions as a bar chart with their values, the supplier gaps when the
// Input-output tab has ranked them for this cluster, sources and date. It stays in the page, hidden
// on screen; the print stylesheet (components/styles.js, `.print-sheet`) shows only it, so the
// browser's "Save as PDF" gives a clean page. Every number comes from the `clusterView` result.
import { html, nothing } from 'lit';
import { choropleth, legend } from '../map/choropleth.js';
import { fmt, fmtInt, fmtPct } from '../format.js';
import { componentBars } from './charts.js';

/** The Input-output tab's supplier gaps, when they were ranked for this cluster. */
function gapsFor(host, cluster) {
  const io = host.views?.find((v) => v.constructor.id === 'io');
  const g = io?.gaps;
  return g && String(g.clusterCode) === String(cluster) ? g : null;
}

/**
 * @param {object} p
 * @param {HTMLElement} p.host     the explorer
 * @param {object} p.result        `clusterView` answer ({view, measure})
 * @param {number[]} p.breaks      the map classes of the cluster view
 * @param {string} p.definitions   name of the cluster definitions file
 */
export function clusterSheet({ host, result, breaks, definitions }) {
  const s = host.state;
  const v = result.view;
  const measure = result.measure;
  const year = s.year ?? v.years[v.years.length - 1];
  const y = Math.max(0, v.years.indexOf(year));
  const first = v.years[0];
  const names = new Map(s.data.regions.map((c, i) => [c, s.data.regionNames[i] || s.boundaries?.names.get(c) || c]));
  const total = (k) => v.regions.reduce((acc, r) => acc + (r.employment[k] ?? 0), 0);
  const now = total(y);
  const then = total(0);
  const strong = v.regions.filter((r) => r.strong[y]).sort((a, b) => (b.lq[y] ?? 0) - (a.lq[y] ?? 0));
  const conc = v.concentration[y];
  const top = v.top_by_employment.slice(0, 8);
  const label = `${v.cluster_name} (${v.cluster})`;
  const values = new Map(v.regions.filter((r) => r.lq[y] !== null).map((r) => [r.region, { value: r.lq[y] }]));
  const finite = [...values.values()].map((x) => x.value).filter(Number.isFinite);
  const gaps = gapsFor(host, v.cluster);
  const ref = s.reference ? `${s.reference.file} (reference economy)` : `the sum of the ${s.data.regions.length} loaded regions (reference economy)`;
  return html`<section class="print-sheet" id="cluster-sheet" aria-label=${`Printable profile of ${label}`}>
    <h1>${label}: cluster profile, ${year}</h1>
    <p class="sheet-lede">
      ${v.traded ? 'Traded' : 'Local'} cluster of ${v.members.length} industries in the data. ${fmtInt(now)} ${measure} in ${v.regions.length} regions in ${year}
      ${y > 0 ? html`(${fmtInt(then)} in ${first}, ${fmtPct(then ? (now - then) / then : null)})` : nothing}.
    </p>
    <dl class="sheet-figures">
      <dt>${measure}, ${year}</dt><dd data-key="total">${fmtInt(now)}</dd>
      <dt>Regions with the cluster</dt><dd>${v.regions.length}</dd>
      <dt>Strong-cluster regions</dt><dd data-key="strong">${strong.length}</dd>
      <dt>Highest LQ</dt><dd>${v.top_by_lq[0] ? `${v.top_by_lq[0].region_name || v.top_by_lq[0].region}: ${fmt(v.top_by_lq[0].lq)}` : '–'}</dd>
      ${conc ? html`<dt>Locational Gini</dt><dd>${fmt(conc.locational_gini, 3)}</dd>` : nothing}
    </dl>
    <div class="sheet-grid">
      <figure>
        ${s.boundaries
          ? html`${choropleth({
                projected: s.boundaries.projected,
                values,
                breaks,
                label: 'LQ',
                names,
                title: `Map of the location quotient of ${label} in ${year}`,
                highlight: new Set(strong.map((r) => r.region)),
                onSelect: () => {},
                onHover: () => {},
              })}
              ${legend({ breaks, label: 'LQ', min: finite.length ? Math.min(...finite) : 0, method: s.method ?? 'quantile' })}`
          : html`<p>No boundary file loaded: no map.</p>`}
        <figcaption>Location quotient of the cluster by region, ${year}; heavy outline: strong cluster (US Cluster Mapping rule).</figcaption>
      </figure>
      <figure>
        ${componentBars({ bars: top.map((t) => ({ key: t.region, label: t.region_name || t.region, value: t.employment })), title: `Bar chart: the ${top.length} regions with the most ${measure} in ${label}, ${year}` })}
        <figcaption>Regions with the most ${measure} in the cluster, ${year}; value printed at each bar.</figcaption>
      </figure>
    </div>
    <table class="sheet-table" id="cluster-sheet-top">
      <caption>Top regions, ${year}</caption>
      <thead><tr><th scope="col">Region</th><th scope="col" class="num">${measure}</th><th scope="col" class="num">LQ</th><th scope="col">Strong</th></tr></thead>
      <tbody>
        ${top.map((t) => html`<tr><td>${t.region_name || t.region} (${t.region})</td><td class="num">${fmtInt(t.employment)}</td><td class="num">${fmt(t.lq)}</td><td>${strong.some((r) => r.region === t.region) ? '★ strong' : '–'}</td></tr>`)}
      </tbody>
    </table>
    ${gaps
      ? html`<table class="sheet-table" id="cluster-sheet-gaps">
          <caption>Largest supplier gaps in ${gaps.regionName || gaps.region}: inputs bought from outside the region ($ million, ${gaps.method.toUpperCase()})</caption>
          <thead><tr><th scope="col">Supplying sector</th><th scope="col" class="num">Gap</th><th scope="col" class="num">Local share</th></tr></thead>
          <tbody>${gaps.rows.slice(0, 5).map((r) => html`<tr><td>${r.sector_name}</td><td class="num">${fmt(r.gap, 1)}</td><td class="num">${fmtPct(r.local_share)}</td></tr>`)}</tbody>
        </table>`
      : html`<p class="sheet-note">Linkages: rank the supplier gaps of this cluster in the Input-output tab to add them to this sheet.</p>`}
    <p class="source">Sources: ${host.sourceNote()} Cluster definitions: ${definitions}. Location quotients against ${ref}.</p>
  </section>`;
}

/** Open the browser's print dialog; the print stylesheet shows only the sheet. */
export function printSheet(host) {
  host.announce('Opening the print dialog: choose “Save as PDF” for a one-page file.');
  host.updateComplete.then(() => window.print());
}
