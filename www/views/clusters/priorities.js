// Prioritisation: the user picks criteria, weights and a normalisation; the core ranks the region's
// clusters (`clusterPriorities`) and returns each criterion's contribution to the score. The chosen
// parameters live in this controller (getState / setState) so a saved analysis can restore them.
import { html, nothing } from 'lit';
import { fmt, fmtInt, fmtPct } from '../format.js';
import { contextOf, idOf, pending } from './context.js';
import { clusterStyles } from './styles.js';
import { exportRows } from './export.js';
import { linkage } from '../linkage/shared.js';
import { tableExport } from '../export.js';

export const CRITERIA = [
  { key: 'growth', label: 'Growth (employment CAGR)', format: (v) => fmtPct(v) },
  { key: 'lq', label: 'Specialisation (LQ)', format: (v) => fmt(v) },
  { key: 'size', label: 'Size (employment)', format: fmtInt },
  { key: 'job_creation', label: 'Job creation', format: fmtInt },
  { key: 'wages', label: 'Wages (payroll per employee)', format: (v) => fmt(v, 1) },
  { key: 'focus', label: 'Focus (share of the region)', format: (v) => fmtPct(v, 2) },
  { key: 'competitive', label: 'Competitive shift', format: fmtInt },
  { key: 'multiplier', label: 'Regional output multiplier (IO table)', format: (v) => fmt(v, 3), io: true },
  { key: 'local_supplier', label: 'Local-supplier linkage (IO table)', format: (v) => fmt(v, 3), io: true },
];

const DEFAULT = { criteria: ['growth', 'lq', 'size'], weights: { growth: 0.4, lq: 0.3, size: 0.3, job_creation: 0.2, wages: 0.2, focus: 0.2, competitive: 0.2, multiplier: 0.2, local_supplier: 0.2 }, normalisation: 'min_max', tradedOnly: false };

export class PrioritiesView {
  static id = 'cluster-priorities';
  static label = 'Priorities';
  static styles = clusterStyles;

  constructor(host) {
    this.host = host;
    this.ctx = contextOf(host);
    this.shared = this.ctx; // its definitions are saved once per session
    this.params = structuredClone(DEFAULT);
    this.result = null;
    this.key = null;
    host.addController(this);
  }

  /** The prioritisation choice, for a saved analysis. */
  getState() {
    return { region: this.ctx.region, ...structuredClone(this.params), settings: { ...this.ctx.settings } };
  }

  setState(st = {}) {
    const p = structuredClone(DEFAULT);
    if (Array.isArray(st.criteria)) p.criteria = st.criteria.filter((c) => CRITERIA.some((x) => x.key === c));
    if (st.weights) p.weights = { ...p.weights, ...st.weights };
    if (st.normalisation === 'rank' || st.normalisation === 'min_max') p.normalisation = st.normalisation;
    if (typeof st.tradedOnly === 'boolean') p.tradedOnly = st.tradedOnly;
    this.params = p;
    if (st.region !== undefined) this.ctx.region = st.region;
    if (st.settings) this.ctx.set(st.settings);
    this.host.requestUpdate();
  }

  options() {
    const p = this.params;
    return this.ctx.options({
      region: this.ctx.currentRegion(),
      criteria: p.criteria,
      weights: p.criteria.map((c) => Number(p.weights[c])),
      normalisation: p.normalisation,
      tradedOnly: p.tradedOnly,
    });
  }

  async refresh(key) {
    try {
      const res = await this.host.call('clusterPriorities', this.options(), 'ranking clusters');
      if (key === this.key) {
        this.result = res;
        this.host.announce(`Clusters re-ranked: first ${res.rows[0]?.cluster_name ?? 'none'}.`);
      }
    } catch {
      if (key === this.key) this.result = null;
    }
    this.host.requestUpdate();
  }

  update(patch) {
    this.params = { ...this.params, ...patch };
    this.host.scheduleAutosave?.();
    this.host.requestUpdate();
  }

  toggle(key, on) {
    const set = new Set(this.params.criteria);
    if (on) set.add(key);
    else set.delete(key);
    this.update({ criteria: CRITERIA.map((c) => c.key).filter((k) => set.has(k)) });
  }

  render() {
    const ctx = this.ctx;
    if (!ctx.ready) return html`${ctx.renderSettings()}${pending(ctx)}`;
    const p = this.params;
    const valid = p.criteria.length > 0 && p.criteria.every((c) => Number.isFinite(Number(p.weights[c])) && Number(p.weights[c]) >= 0) && p.criteria.some((c) => Number(p.weights[c]) > 0);
    const usesIo = p.criteria.some((c) => CRITERIA.find((x) => x.key === c)?.io);
    const key = JSON.stringify([idOf(this.host.state.data), idOf(this.host.state.reference), usesIo ? idOf(linkage.io) : 0, ctx.version, this.options()]);
    if (valid && key !== this.key) {
      this.key = key;
      queueMicrotask(() => this.refresh(key));
    }
    const d = this.host.state.data;
    const region = ctx.currentRegion();
    const names = d.regions.map((c, i) => [c, d.regionNames[i] || this.host.state.boundaries?.names.get(c) || c]).sort((a, b) => a[1].localeCompare(b[1]));
    return html`${ctx.renderSettings()}
      <section class="panel" aria-labelledby="cl-pr-h">
        <h2 id="cl-pr-h">Which clusters to prioritise?</h2>
        <div class="controls">
          <label
            >Region
            <select id="cl-pr-region" @change=${(e) => { ctx.region = e.target.value; this.host.requestUpdate(); }}>
              ${names.map(([c, n]) => html`<option value=${c} ?selected=${c === region}>${n} (${c})</option>`)}
            </select>
          </label>
          <label
            >Normalisation
            <select id="cl-pr-norm" @change=${(e) => this.update({ normalisation: e.target.value })}>
              <option value="min_max" ?selected=${p.normalisation === 'min_max'}>Min–max (0 = lowest, 1 = highest value)</option>
              <option value="rank" ?selected=${p.normalisation === 'rank'}>Rank (0 = last, 1 = first)</option>
            </select>
          </label>
          <label class="check"
            ><span><input type="checkbox" id="cl-pr-traded" .checked=${p.tradedOnly} @change=${(e) => this.update({ tradedOnly: e.target.checked })} /> Traded clusters only</span></label
          >
        </div>
        <fieldset>
          <legend>Criteria and weights (weights are rescaled to sum to 1)</legend>
          <div class="criteria">
            ${CRITERIA.map((c) => {
              const on = p.criteria.includes(c.key);
              return html`<div class="criterion">
                <label><input type="checkbox" id=${`cl-crit-${c.key}`} .checked=${on} @change=${(e) => this.toggle(c.key, e.target.checked)} /> ${c.label}</label>
                <label
                  ><span class="visually-hidden">Weight of ${c.label}</span
                  ><input type="number" id=${`cl-w-${c.key}`} min="0" step="0.05" .value=${String(p.weights[c.key])} ?disabled=${!on}
                    @change=${(e) => this.update({ weights: { ...p.weights, [c.key]: Number(e.target.value) } })}
                /></label>
              </div>`;
            })}
          </div>
        </fieldset>
        ${valid ? nothing : html`<p class="error" role="alert">Pick at least one criterion, with weights of 0 or more and at least one above 0.</p>`}
      </section>
      ${this.result && this.result.region === region ? this.renderTable(this.result) : html`<p>Ranking…</p>`}`;
  }

  renderTable(r) {
    const crit = r.criteria.map((k) => CRITERIA.find((c) => c.key === k) ?? { key: k, label: k, format: (v) => fmt(v) });
    const name = this.host.state.data.regionNames[this.host.state.data.regions.indexOf(r.region)] || r.region;
    const top = r.rows.slice(0, 3);
    const weights = crit.map((c, k) => `${c.label} ${fmtPct(r.weights[k], 0)}`).join(', ');
    return html`<section class="panel" aria-labelledby="cl-pr-table-h">
      <h2 id="cl-pr-table-h">Ranking of ${name}’s clusters</h2>
      <p class="summary" id="cl-pr-summary">
        ${r.rows.length} clusters ranked by ${weights} (${r.normalisation === 'rank' ? 'rank' : 'min–max'} normalised${r.fromYear ? `, growth ${r.fromYear}–${r.toYear}` : ''}).
        ${top.length ? `First: ${top.map((x) => `${x.cluster_name} (${fmt(x.score, 3)})`).join(', ')}.` : ''}
        A cluster’s score is the sum of its contributions: weight × normalised value; a missing value scores 0.
      </p>
      ${crit.some((c) => c.io)
        ? html`<p class="hint" id="cl-pr-io">
            ${r.ioSource
              ? `Multiplier and local-supplier linkage from ${r.ioSource}, regionalised for ${name} with Flegg’s location quotient (δ = 0.3): the multiplier is the output-weighted column sum of the regional Leontief inverse over the cluster’s IO sectors; local-supplier linkage is its local intermediate purchases per dollar of output.`
              : 'Multiplier and local-supplier linkage need an input-output table and a crosswalk: load them in the Input-output tab (“Use the BEA 2017 summary tables”). Until then they score 0.'}
          </p>`
        : nothing}
      <div class="table-wrap">
        <table id="cl-priority-table">
          <caption>
            Clusters of ${name} (${r.region}) by priority score
            ${tableExport({ id: 'cl-priority-table', name: `priorities_${r.region}`, rows: () => this.flatRows(r), label: 'priority table' })}
          </caption>
          <thead>
            <tr>
              <th scope="col" class="num">Rank</th>
              <th scope="col">Cluster</th>
              <th scope="col" class="num">Score</th>
              ${crit.map((c) => html`<th scope="col" class="num">${c.label}: value</th><th scope="col" class="num">contribution</th>`)}
            </tr>
          </thead>
          <tbody>
            ${r.rows.map(
              (x) => html`<tr data-key=${x.cluster}>
                <td class="num">${x.rank}</td>
                <td>${x.cluster_name} (${x.cluster})</td>
                <td class="num score" data-value=${x.score}>${fmt(x.score, 3)}</td>
                ${x.contributions.map((c, k) => html`<td class="num raw" data-value=${c.raw ?? ""}>${crit[k].format(c.raw)}</td><td class="num" data-value=${c.contribution}>${fmt(c.contribution, 3)}</td>`)}
              </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </section>`;
  }

  flatRows(r) {
    return r.rows.map((x) => {
      const o = { rank: x.rank, region: x.region, cluster: x.cluster, cluster_name: x.cluster_name, score: x.score };
      for (const c of x.contributions) {
        o[`raw_${c.criterion}`] = c.raw;
        o[`normalised_${c.criterion}`] = c.normalised;
        o[`weight_${c.criterion}`] = c.weight;
        o[`contribution_${c.criterion}`] = c.contribution;
      }
      return o;
    });
  }
}
