// SVG charts of the input-output tab: the key-sector quadrant chart (backward × forward linkage)
// and the supplier-gap bar chart. Every mark is focusable with an aria-label; the tables next to
// them hold the same numbers.
import { svg } from 'lit';
import { scaleLinear, scaleBand } from 'd3-scale';
import { fmt } from '../format.js';

const QUADRANT = {
  key: 'Key sector',
  backward_oriented: 'Backward-oriented',
  forward_oriented: 'Forward-oriented',
  weak: 'Weakly linked',
};
export const keyLabel = (k) => QUADRANT[k] ?? k;

// Marker shapes per quadrant so the class is not told by colour alone.
const SHAPE = {
  key: (x, y) => `M${x - 5},${y - 5}h10v10h-10z`,
  backward_oriented: (x, y) => `M${x},${y - 6}L${x + 6},${y + 5}L${x - 6},${y + 5}z`,
  forward_oriented: (x, y) => `M${x},${y - 6}L${x + 6},${y}L${x},${y + 6}L${x - 6},${y}z`,
  weak: (x, y) => `M${x - 4.5},${y}a4.5,4.5 0 1,0 9,0a4.5,4.5 0 1,0 -9,0`,
};

/**
 * @param {{sectors: string[], names: string[], backward: Float64Array, forward: Float64Array, keySector: string[]}} m
 * @param {{selected?: string, onSelect?: (code: string) => void}} opts
 */
export function quadrantChart(m, { selected, onSelect } = {}) {
  const W = 720;
  const H = 440;
  const pad = { l: 56, r: 16, t: 16, b: 44 };
  const bl = Array.from(m.backward);
  const fl = Array.from(m.forward);
  const ext = (v) => [Math.min(0.5, ...v) * 0.95, Math.max(1.5, ...v) * 1.05];
  const x = scaleLinear().domain(ext(bl)).range([pad.l, W - pad.r]).nice();
  const y = scaleLinear().domain(ext(fl)).range([H - pad.b, pad.t]).nice();
  const ticks = (s) => s.ticks(6);
  return svg`<svg class="chart quadrant" viewBox="0 0 ${W} ${H}" role="group" aria-label="Key-sector chart: backward linkage (horizontal) against forward linkage (vertical); both 1 at the economy's average">
    ${ticks(x).map((t) => svg`<g><line class="grid" x1=${x(t)} x2=${x(t)} y1=${pad.t} y2=${H - pad.b}></line><text x=${x(t)} y=${H - pad.b + 14} text-anchor="middle">${fmt(t, 1)}</text></g>`)}
    ${ticks(y).map((t) => svg`<g><line class="grid" y1=${y(t)} y2=${y(t)} x1=${pad.l} x2=${W - pad.r}></line><text x=${pad.l - 6} y=${y(t) + 4} text-anchor="end">${fmt(t, 1)}</text></g>`)}
    <line class="average" x1=${x(1)} x2=${x(1)} y1=${pad.t} y2=${H - pad.b}></line>
    <line class="average" y1=${y(1)} y2=${y(1)} x1=${pad.l} x2=${W - pad.r}></line>
    <text class="quadrant-name" x=${W - pad.r - 4} y=${pad.t + 12} text-anchor="end">Key sectors</text>
    <text class="quadrant-name" x=${pad.l + 4} y=${pad.t + 12}>Forward-oriented</text>
    <text class="quadrant-name" x=${W - pad.r - 4} y=${H - pad.b - 6} text-anchor="end">Backward-oriented</text>
    <text class="quadrant-name" x=${pad.l + 4} y=${H - pad.b - 6}>Weakly linked</text>
    <text x=${(pad.l + W - pad.r) / 2} y=${H - 6} text-anchor="middle">Backward linkage (Rasmussen, 1 = average)</text>
    <text transform=${`translate(14,${(pad.t + H - pad.b) / 2}) rotate(-90)`} text-anchor="middle">Forward linkage</text>
    ${m.sectors.map((code, i) => {
      const k = m.keySector[i];
      const cx = x(bl[i]);
      const cy = y(fl[i]);
      return svg`<path class=${`mark ${k}${code === selected ? ' selected' : ''}`} d=${(SHAPE[k] ?? SHAPE.weak)(cx, cy)} tabindex="0" role="button" data-sector=${code}
        aria-label=${`${code} ${m.names[i]}: backward ${fmt(bl[i])}, forward ${fmt(fl[i])}, ${keyLabel(k)}`}
        @click=${() => onSelect?.(code)} @keydown=${(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect?.(code))}><title>${code} ${m.names[i]}</title></path>`;
    })}
  </svg>`;
}

/**
 * Horizontal bars of the largest supplier gaps (requirement not met locally), with the local share
 * as a darker segment.
 * @param {{sector: string, sector_name: string, gap: number, local_supply: number, requirement: number}[]} rows
 */
export function gapChart(rows, { limit = 15 } = {}) {
  const top = rows.slice(0, limit);
  const W = 720;
  const bar = 22;
  const pad = { l: 250, r: 90, t: 8, b: 28 };
  const H = pad.t + pad.b + bar * top.length;
  const max = Math.max(1e-9, ...top.map((r) => r.requirement));
  const x = scaleLinear().domain([0, max]).range([pad.l, W - pad.r]).nice();
  const y = scaleBand().domain(top.map((r) => r.sector)).range([pad.t, H - pad.b]).padding(0.2);
  const short = (s) => (s.length > 36 ? `${s.slice(0, 35)}…` : s);
  return svg`<svg class="chart gaps" viewBox="0 0 ${W} ${H}" role="group" aria-label=${`Largest ${top.length} supplier gaps, $ million of input requirements not supplied in the region`}>
    ${x.ticks(5).map((t) => svg`<g><line class="grid" x1=${x(t)} x2=${x(t)} y1=${pad.t} y2=${H - pad.b}></line><text x=${x(t)} y=${H - pad.b + 14} text-anchor="middle">${fmt(t, 0)}</text></g>`)}
    ${top.map(
      (r) => svg`<g class="gap-row" tabindex="0" role="img" data-sector=${r.sector}
        aria-label=${`${r.rank}. ${r.sector} ${r.sector_name}: gap ${fmt(r.gap, 1)} of ${fmt(r.requirement, 1)} $M required, ${fmt(r.local_supply, 1)} supplied locally`}>
        <text x=${pad.l - 6} y=${y(r.sector) + y.bandwidth() / 2 + 4} text-anchor="end">${r.rank}. ${short(r.sector_name)}</text>
        <rect class="gap" x=${x(0)} y=${y(r.sector)} width=${Math.max(0, x(r.gap) - x(0))} height=${y.bandwidth()}></rect>
        <rect class="local" x=${x(r.gap)} y=${y(r.sector)} width=${Math.max(0, x(r.requirement) - x(r.gap))} height=${y.bandwidth()}></rect>
        <text x=${x(r.requirement) + 4} y=${y(r.sector) + y.bandwidth() / 2 + 4}>${fmt(r.gap, 1)}</text>
      </g>`,
    )}
    <text x=${(pad.l + W - pad.r) / 2} y=${H - 4} text-anchor="middle">$ million (red: gap, labelled; blue: supplied locally)</text>
  </svg>`;
}

/**
 * Paired horizontal bars: regional (dark, thin, in front) against national (light, wide) output
 * multipliers of the sectors with the largest regional multipliers. Values are also written at the
 * bar ends, so the pairing is not told by colour alone.
 * @param {{sector: string, name: string, national: number, regional: number}[]} rows
 */
export function multiplierChart(rows, { limit = 15 } = {}) {
  const top = [...rows].sort((a, b) => b.regional - a.regional).slice(0, limit);
  const W = 720;
  const bar = 22;
  const pad = { l: 250, r: 120, t: 8, b: 28 };
  const H = pad.t + pad.b + bar * top.length;
  const max = Math.max(1, ...top.map((r) => r.national));
  const x = scaleLinear().domain([0, max]).range([pad.l, W - pad.r]).nice();
  const y = scaleBand().domain(top.map((r) => r.sector)).range([pad.t, H - pad.b]).padding(0.2);
  const short = (s) => (s.length > 36 ? `${s.slice(0, 35)}…` : s);
  const bw = y.bandwidth();
  return svg`<svg class="chart multipliers" viewBox="0 0 ${W} ${H}" role="group" aria-label=${`Largest ${top.length} regional output multipliers, with the national multiplier of each sector`}>
    ${x.ticks(5).map((t) => svg`<g><line class="grid" x1=${x(t)} x2=${x(t)} y1=${pad.t} y2=${H - pad.b}></line><text x=${x(t)} y=${H - pad.b + 14} text-anchor="middle">${fmt(t, 1)}</text></g>`)}
    ${top.map(
      (r) => svg`<g class="gap-row" tabindex="0" role="img" data-sector=${r.sector}
        aria-label=${`${r.sector} ${r.name}: regional multiplier ${fmt(r.regional, 3)}, national ${fmt(r.national, 3)}`}>
        <text x=${pad.l - 6} y=${y(r.sector) + bw / 2 + 4} text-anchor="end">${short(r.name || r.sector)}</text>
        <rect class="local" x=${x(0)} y=${y(r.sector)} width=${Math.max(0, x(r.national) - x(0))} height=${bw}></rect>
        <rect class="gap" x=${x(0)} y=${y(r.sector) + bw / 4} width=${Math.max(0, x(r.regional) - x(0))} height=${bw / 2}></rect>
        <text x=${x(r.national) + 4} y=${y(r.sector) + bw / 2 + 4}>${fmt(r.regional, 2)} / ${fmt(r.national, 2)}</text>
      </g>`,
    )}
    <text x=${(pad.l + W - pad.r) / 2} y=${H - 4} text-anchor="middle">Output multiplier (thin dark bar: regional; wide light bar: national; labels regional / national)</text>
  </svg>`;
}
