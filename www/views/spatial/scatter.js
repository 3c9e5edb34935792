// Moran scatter plot: x = standardised value z, y = spatial lag of z (Wz), slope = Moran's I.
// Points are focusable buttons (Enter selects the region); their shape and fill show the LISA
// class, so colour is never the only cue. A drag on the plot area draws a brush rectangle: the
// view highlights the brushed regions on the map as well.
import { scaleLinear } from 'd3-scale';
import { html, nothing, svg } from 'lit';
import { fmt } from '../format.js';
import { classInfo, fillOf } from './classes.js';

const M = { top: 20, right: 20, bottom: 44, left: 56 };

/** Scales for the points (shared by the renderer and the view's brush). */
export function scatterLayout(x, y, width = 560, height = 440) {
  const ext = (v) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of v) {
      if (Number.isFinite(t)) {
        lo = Math.min(lo, t);
        hi = Math.max(hi, t);
      }
    }
    if (!Number.isFinite(lo)) return [-1, 1];
    const pad = (hi - lo) * 0.05 || 1;
    return [Math.min(lo - pad, -0.5), Math.max(hi + pad, 0.5)];
  };
  const sx = scaleLinear().domain(ext(x)).range([M.left, width - M.right]).nice();
  const sy = scaleLinear().domain(ext(y)).range([height - M.bottom, M.top]).nice();
  return { sx, sy, width, height, m: M };
}

function mark(q, cx, cy, r) {
  // HH circle, LL square, LH triangle, HL diamond.
  if (q === 'HH') return svg`<circle cx=${cx} cy=${cy} r=${r}></circle>`;
  if (q === 'LL') return svg`<rect x=${cx - r} y=${cy - r} width=${2 * r} height=${2 * r}></rect>`;
  if (q === 'LH') return svg`<path d=${`M${cx} ${cy - r * 1.2}L${cx + r * 1.1} ${cy + r * 0.8}L${cx - r * 1.1} ${cy + r * 0.8}Z`}></path>`;
  return svg`<path d=${`M${cx} ${cy - r * 1.3}L${cx + r * 1.3} ${cy}L${cx} ${cy + r * 1.3}L${cx - r * 1.3} ${cy}Z`}></path>`;
}

/**
 * @param {object} p
 * @param {ReturnType<typeof scatterLayout>} p.layout
 * @param {string[]} p.ids @param {Map<string,string>} p.names
 * @param {Float64Array} p.x @param {Float64Array} p.y
 * @param {(string|null)[]} p.quadrant @param {string[]} p.cluster
 * @param {number} p.slope  Moran's I
 * @param {string|null} p.selected @param {Set<string>} p.highlighted
 * @param {(id: string, ev: Event) => void} p.onSelect
 * @param {{x0:number,y0:number,x1:number,y1:number}|null} p.brush
 * @param {object} p.brushHandlers  pointerdown / pointermove / pointerup on the plot area
 */
export function moranScatter({ layout, ids, names, x, y, quadrant, cluster, slope, selected, highlighted, onSelect, brush, brushHandlers, title, indicatorLabel }) {
  const { sx, sy, width, height, m } = layout;
  const [x0, x1] = sx.domain();
  const clipY = (v) => Math.max(sy.range()[1], Math.min(sy.range()[0], sy(v)));
  const order = ids.map((_, k) => k).sort((a, b) => (ids[a] === selected) - (ids[b] === selected) || highlighted.has(ids[a]) - highlighted.has(ids[b]));
  return html`<svg class="chart scatter" viewBox="0 0 ${width} ${height}" role="group" aria-label=${title}>
    <title>${title}</title>
    <g aria-hidden="true" class="axis">
      ${sx.ticks(6).map((t) => svg`<g><line class="grid" x1=${sx(t)} x2=${sx(t)} y1=${m.top} y2=${height - m.bottom}></line>
        <text x=${sx(t)} y=${height - m.bottom + 16} text-anchor="middle">${fmt(t, 1)}</text></g>`)}
      ${sy.ticks(6).map((t) => svg`<g><line class="grid" x1=${m.left} x2=${width - m.right} y1=${sy(t)} y2=${sy(t)}></line>
        <text x=${m.left - 6} y=${sy(t) + 4} text-anchor="end">${fmt(t, 1)}</text></g>`)}
      <line class="quadrant-line" x1=${sx(0)} x2=${sx(0)} y1=${m.top} y2=${height - m.bottom}></line>
      <line class="quadrant-line" x1=${m.left} x2=${width - m.right} y1=${sy(0)} y2=${sy(0)}></line>
      <line class="slope" x1=${sx(x0)} y1=${clipY(slope * x0)} x2=${sx(x1)} y2=${clipY(slope * x1)}></line>
      <text class="quadrant-name" x=${width - m.right - 4} y=${m.top + 12} text-anchor="end">HH</text>
      <text class="quadrant-name" x=${m.left + 4} y=${m.top + 12}>LH</text>
      <text class="quadrant-name" x=${m.left + 4} y=${height - m.bottom - 6}>LL</text>
      <text class="quadrant-name" x=${width - m.right - 4} y=${height - m.bottom - 6} text-anchor="end">HL</text>
      <text class="axis-label" x=${(m.left + width - m.right) / 2} y=${height - 6} text-anchor="middle">${indicatorLabel}, standardised (z)</text>
      <text class="axis-label" transform=${`translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)`} text-anchor="middle">Spatial lag of z (neighbours' mean)</text>
    </g>
    <rect class="brush-area" x=${m.left} y=${m.top} width=${width - m.left - m.right} height=${height - m.top - m.bottom}
      @pointerdown=${brushHandlers.down} @pointermove=${brushHandlers.move} @pointerup=${brushHandlers.up} @pointercancel=${brushHandlers.up}></rect>
    ${brush
      ? svg`<rect class="brush" x=${Math.min(brush.x0, brush.x1)} y=${Math.min(brush.y0, brush.y1)} width=${Math.abs(brush.x1 - brush.x0)} height=${Math.abs(brush.y1 - brush.y0)}></rect>`
      : nothing}
    <g class="points">
      ${order.map((k) => {
        const id = ids[k];
        const q = quadrant[k];
        if (!q || !Number.isFinite(x[k]) || !Number.isFinite(y[k])) return nothing;
        const c = cluster[k];
        const sig = c !== 'not_significant' && c !== 'island';
        const info = classInfo('lisa', sig ? c : 'not_significant');
        const label = `${names[k] || id} (${id}): z ${fmt(x[k])}, lag ${fmt(y[k])}, ${q}${sig ? ', significant' : ', not significant'}`;
        const cls = `point${sig ? ' sig' : ''}${id === selected ? ' selected' : ''}${highlighted.has(id) ? ' highlight' : ''}`;
        return svg`<g class=${cls} data-id=${id} fill=${sig ? fillOf('lisa', c) : info.colour} tabindex="0" role="button" aria-label=${label}
            aria-pressed=${id === selected ? 'true' : 'false'}
            @click=${(e) => onSelect(id, e)}
            @keydown=${(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(id, e); } }}>
          <title>${label}</title>${mark(q, sx(x[k]), sy(y[k]), sig ? 5 : 3.5)}
        </g>`;
      })}
    </g>
  </svg>`;
}
