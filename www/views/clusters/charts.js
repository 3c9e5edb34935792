// Small SVG charts of the cluster views: component bars (shift-share) and year lines (time series).
// Values are written next to the marks and every chart has a table twin, so colour never carries
// information alone.
import { scaleLinear, scaleBand, scalePoint } from 'd3-scale';
import { html, svg } from 'lit';
import { fmtInt } from '../format.js';

const fmtTick = (t) => new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 }).format(t);

/**
 * Horizontal bars from a zero line, one per component, the value printed right of the bar (right of
 * the zero line for negative bars, so it never meets the row label).
 * @param {{key: string, label: string, value: number, total?: boolean}[]} bars
 */
export function componentBars({ bars, title, format = fmtInt, width = 640 }) {
  const row = 30;
  const m = { top: 12, right: 90, bottom: 28, left: 170 };
  const height = m.top + m.bottom + row * bars.length;
  const vals = bars.map((b) => b.value).concat([0]);
  const x = scaleLinear().domain([Math.min(...vals), Math.max(...vals)]).range([m.left, width - m.right]).nice();
  const y = scaleBand().domain(bars.map((b) => b.key)).range([m.top, height - m.bottom]).padding(0.25);
  return html`<svg class="chart bars" viewBox="0 0 ${width} ${height}" role="img" aria-label=${title}>
    <title>${title}</title>
    ${x.ticks(5).map((t) => svg`<g aria-hidden="true"><line class="grid" x1=${x(t)} x2=${x(t)} y1=${m.top} y2=${height - m.bottom}></line>
      <text x=${x(t)} y=${height - m.bottom + 16} text-anchor="middle">${fmtTick(t)}</text></g>`)}
    ${bars.map((b) => {
      const x0 = x(Math.min(0, b.value));
      const w = Math.abs(x(b.value) - x(0));
      const yy = y(b.key);
      return svg`<g class=${'bar' + (b.value < 0 ? ' negative' : ' positive') + (b.total ? ' total' : '')}>
        <text x=${m.left - 8} y=${yy + y.bandwidth() / 2 + 4} text-anchor="end">${b.label}</text>
        <rect x=${x0} y=${yy} width=${Math.max(w, 0.5)} height=${y.bandwidth()}></rect>
        <text class="value" x=${b.value < 0 ? x(0) + 4 : x0 + w + 4} y=${yy + y.bandwidth() / 2 + 4}>${format(b.value)}</text>
      </g>`;
    })}
    <line class="zero" x1=${x(0)} x2=${x(0)} y1=${m.top} y2=${height - m.bottom}></line>
  </svg>`;
}

const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2'];
const MARKS = ['circle', 'square', 'triangle', 'diamond', 'cross'];

function mark(kind, cx, cy) {
  const r = 3.5;
  switch (kind) {
    case 'square':
      return svg`<rect x=${cx - r} y=${cy - r} width=${2 * r} height=${2 * r}></rect>`;
    case 'triangle':
      return svg`<path d=${`M${cx} ${cy - r - 1}L${cx + r + 1} ${cy + r}L${cx - r - 1} ${cy + r}Z`}></path>`;
    case 'diamond':
      return svg`<path d=${`M${cx} ${cy - r - 1}L${cx + r + 1} ${cy}L${cx} ${cy + r + 1}L${cx - r - 1} ${cy}Z`}></path>`;
    case 'cross':
      return svg`<path d=${`M${cx - r} ${cy - r}L${cx + r} ${cy + r}M${cx - r} ${cy + r}L${cx + r} ${cy - r}`} class="cross"></path>`;
    default:
      return svg`<circle cx=${cx} cy=${cy} r=${r}></circle>`;
  }
}

/**
 * Lines over years: one per series, each with its own dash pattern and marker, labelled at its end.
 * @param {{id: string, label: string, values: (number|null)[]}[]} series
 * @param {number[]} years
 */
export function yearLines({ series, years, title, yLabel, format = fmtInt, width = 640, height = 260 }) {
  const m = { top: 16, right: 150, bottom: 32, left: 64 };
  const all = series.flatMap((s) => s.values).filter((v) => v !== null && v !== undefined && Number.isFinite(v));
  if (!all.length) return html`<p>No published values to plot.</p>`;
  const x = scalePoint().domain(years).range([m.left, width - m.right]).padding(0.1);
  const y = scaleLinear().domain([Math.min(0, ...all), Math.max(...all)]).range([height - m.bottom, m.top]).nice();
  return html`<svg class="chart lines" viewBox="0 0 ${width} ${height}" role="img" aria-label=${title}>
    <title>${title}</title>
    <g aria-hidden="true">
      ${y.ticks(5).map((t) => svg`<g><line class="grid" x1=${m.left} x2=${width - m.right} y1=${y(t)} y2=${y(t)}></line>
        <text x=${m.left - 6} y=${y(t) + 4} text-anchor="end">${fmtTick(t)}</text></g>`)}
      ${years.map((t) => svg`<text x=${x(t)} y=${height - m.bottom + 16} text-anchor="middle">${t}</text>`)}
      <text transform="translate(14 ${(m.top + height - m.bottom) / 2}) rotate(-90)" text-anchor="middle" class="axis-label">${yLabel}</text>
      ${series.map((s, k) => {
        const pts = s.values.map((v, i) => (v === null || v === undefined || !Number.isFinite(v) ? null : [x(years[i]), y(v)]));
        const d = pts.reduce((acc, p, i) => (p ? acc + `${i && pts[i - 1] ? 'L' : 'M'}${p[0]} ${p[1]}` : acc), '');
        const lastK = pts.map((p, i) => (p ? i : -1)).filter((i) => i >= 0).pop();
        const last = pts[lastK];
        return svg`<g class=${'series s' + k}>
          <path class="line" d=${d} stroke-dasharray=${DASHES[k % DASHES.length] || 'none'}></path>
          ${pts.map((p, i) => (p ? svg`<g class="pt">${mark(MARKS[k % MARKS.length], p[0], p[1])}<title>${s.label}, ${years[i]}: ${format(s.values[i])}</title></g>` : ''))}
          ${last ? svg`<text x=${last[0] + 8} y=${last[1] + 4} class="series-label">${s.label}</text>` : ''}
        </g>`;
      })}
    </g>
  </svg>`;
}
