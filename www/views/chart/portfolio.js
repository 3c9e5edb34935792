// Portfolio (bubble) charts: x = LQ (log scale), y = growth, bubble area = employment, quadrant lines
// at LQ = 1 and at the reference growth (`bubbleChart`: any points; `portfolioChart`: regions of one
// industry). Rendered as SVG with d3 scales; a table twin and a text
// summary carry the same numbers for screen readers and copy-paste.
import { scaleLog, scaleLinear, scaleSqrt } from 'd3-scale';
import { html, svg } from 'lit';
import { fmt, fmtPct, fmtInt } from '../format.js';

const QUADRANT_LABEL = { star: 'Stars', emerging: 'Emerging', mature: 'Mature / at risk', transforming: 'Transforming' };
// Okabe-Ito colours, plus a shape per quadrant so colour is never the only cue.
const QUADRANT_COLOUR = { star: '#0072B2', emerging: '#009E73', mature: '#D55E00', transforming: '#6b6b6b' };

const fmtTick = (t) => new Intl.NumberFormat(undefined, { maximumSignificantDigits: 2 }).format(t);

export function quadrantLabel(q) {
  return QUADRANT_LABEL[q] ?? q;
}

/**
 * Generic bubble chart of a portfolio: x = LQ (log scale), y = a growth figure, bubble area = size,
 * quadrant lines at LQ = 1 and at `yLine`; quadrant names in the corners; one focusable mark per
 * point (shape per quadrant, so colour is never the only cue).
 * @param {object} p
 * @param {{id: string, lq: number, y: number, size: number, quadrant: string, label: string}[]} p.points
 * @param {number} p.yLine   the horizontal quadrant line (reference growth)
 * @param {string} p.yLabel  y-axis label
 * @param {string} p.title
 * @param {string|null} [p.selected]
 * @param {(id: string) => void} p.onSelect
 * @param {string} [p.emptyText]
 * @param {string} [p.className]  extra class of the svg
 */
export function bubbleChart({ points, yLine, yLabel, title, selected, onSelect, emptyText = 'Nothing to plot.', className = '', width = 640, height = 400 }) {
  const pts = points;
  const m = { top: 24, right: 24, bottom: 48, left: 64 };
  if (!pts.length) return html`<p>${emptyText}</p>`;
  const lqs = pts.map((p) => p.lq).filter((v) => v > 0);
  const lo = Math.min(0.5, ...lqs) / 1.3;
  const hi = Math.max(2, ...lqs) * 1.3;
  const x = scaleLog().domain([lo, hi]).range([m.left, width - m.right]).nice();
  const gs = pts.map((p) => p.y).concat([yLine]);
  const y = scaleLinear().domain([Math.min(...gs), Math.max(...gs)]).range([height - m.bottom, m.top]).nice();
  const r = scaleSqrt().domain([0, Math.max(...pts.map((p) => p.size))]).range([2, 22]);
  const xt = x.ticks(6).filter((t) => Number.isInteger(Math.log10(t)) || x.ticks(6).length < 8);
  const yt = y.ticks(6);
  const shape = (q, cx, cy, rad) => {
    if (q === 'star' || q === 'mature') return svg`<circle cx=${cx} cy=${cy} r=${rad}></circle>`;
    return svg`<rect x=${cx - rad} y=${cy - rad} width=${rad * 2} height=${rad * 2}></rect>`;
  };
  const sorted = [...pts].sort((a, b) => b.size - a.size);
  return html`<svg class=${'chart' + (className ? ' ' + className : '')} viewBox="0 0 ${width} ${height}" role="group" aria-label=${title}>
    <title>${title}</title>
    <g class="axis" aria-hidden="true">
      ${xt.map((t) => svg`<g><line x1=${x(t)} x2=${x(t)} y1=${m.top} y2=${height - m.bottom} class="grid"></line>
        <text x=${x(t)} y=${height - m.bottom + 16} text-anchor="middle">${fmtTick(t)}</text></g>`)}
      ${yt.map((t) => svg`<g><line x1=${m.left} x2=${width - m.right} y1=${y(t)} y2=${y(t)} class="grid"></line>
        <text x=${m.left - 6} y=${y(t) + 4} text-anchor="end">${fmtPct(t, 0)}</text></g>`)}
      <text x=${(m.left + width - m.right) / 2} y=${height - 8} text-anchor="middle" class="axis-label">Location quotient (log scale)</text>
      <text transform="translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${yLabel}</text>
      <line class="quadrant-line" x1=${x(1)} x2=${x(1)} y1=${m.top} y2=${height - m.bottom}></line>
      <line class="quadrant-line" x1=${m.left} x2=${width - m.right} y1=${y(yLine)} y2=${y(yLine)}></line>
      <text x=${width - m.right - 4} y=${m.top + 12} text-anchor="end" class="quadrant-name">Stars</text>
      <text x=${m.left + 4} y=${m.top + 12} class="quadrant-name">Emerging</text>
      <text x=${width - m.right - 4} y=${height - m.bottom - 6} text-anchor="end" class="quadrant-name">Mature / at risk</text>
      <text x=${m.left + 4} y=${height - m.bottom - 6} class="quadrant-name">Transforming</text>
    </g>
    <g class="bubbles">
      ${sorted.map((p) => {
        const id = p.id;
        return svg`<g class=${'bubble q-' + p.quadrant + (id === selected ? ' selected' : '')} fill=${QUADRANT_COLOUR[p.quadrant]}
            tabindex="0" role="button" aria-label=${p.label} data-id=${id}
            @click=${() => onSelect(id)}
            @keydown=${(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(id); } }}>
          <title>${p.label}</title>
          ${shape(p.quadrant, x(Math.max(p.lq, lo)), y(p.y), r(p.size))}
        </g>`;
      })}
    </g>
  </svg>`;
}

/** The industry portfolio of the overview: one bubble per region (see `bubbleChart`). */
export function portfolioChart({ portfolio, names, selected, onSelect, title, width = 640, height = 400 }) {
  const points = portfolio.points.map((p) => {
    const id = p.regionCode;
    return {
      id,
      lq: p.lq,
      y: p.growth,
      size: p.value_end,
      quadrant: p.quadrant,
      label: `${names.get(id) || id} (${id}): LQ ${fmt(p.lq)}, growth ${fmtPct(p.growth)}, ${fmtInt(p.value_end)} in ${portfolio.year_end}, ${quadrantLabel(p.quadrant)}`,
    };
  });
  return bubbleChart({
    points,
    yLine: portfolio.reference_growth,
    yLabel: `Growth ${portfolio.year_start}–${portfolio.year_end}`,
    emptyText: 'No region has a published value in both years.',
    title,
    selected,
    onSelect,
    width,
    height,
  });
}

/** One-paragraph summary of the chart for screen readers and the page. */
export function portfolioSummary(portfolio, names, industryLabel) {
  const counts = { star: 0, emerging: 0, mature: 0, transforming: 0 };
  for (const p of portfolio.points) counts[p.quadrant]++;
  const stars = portfolio.points.filter((p) => p.quadrant === 'star').sort((a, b) => b.value_end - a.value_end).slice(0, 3);
  const starNames = stars.map((p) => names.get(p.regionCode) || p.regionCode).join(', ');
  return `${industryLabel}, ${portfolio.year_start}–${portfolio.year_end}: ${portfolio.points.length} regions plotted; reference growth ${fmtPct(portfolio.reference_growth)}. ` +
    `${counts.star} stars, ${counts.emerging} emerging, ${counts.mature} mature or at risk, ${counts.transforming} transforming.` +
    (starNames ? ` Largest stars: ${starNames}.` : '');
}
