// SVG choropleth with d3-geo: focusable regions with accessible names, tooltips on hover and focus,
// a legend with the numeric class breaks. No tiles, no WebGL: it prints and works on locked-down PCs.
import { geoMercator, geoPath } from 'd3-geo';
import { html, svg } from 'lit';
import { fmt } from '../format.js';

// ColorBrewer YlGnBu (colour-blind safe, sequential), 3 to 7 classes.
const PALETTES = {
  3: ['#edf8b1', '#7fcdbb', '#2c7fb8'],
  4: ['#ffffcc', '#a1dab4', '#41b6c4', '#225ea8'],
  5: ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'],
  6: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#2c7fb8', '#253494'],
  7: ['#ffffcc', '#c7e9b4', '#7fcdbb', '#41b6c4', '#1d91c0', '#225ea8', '#0c2c84'],
};
export const NO_DATA = '#f0f0f0';

export function palette(k) {
  return PALETTES[Math.max(3, Math.min(7, k))];
}

export function classOf(v, breaks) {
  if (v === undefined || Number.isNaN(v)) return -1;
  for (let i = 0; i < breaks.length; i++) if (v <= breaks[i]) return i;
  return breaks.length - 1;
}

/** Project features once per geometry set; returns {paths: Map(id → d), width, height}. */
export function project(featureCollection, width = 640, height = 560) {
  const projection = geoMercator().fitExtent([[8, 8], [width - 8, height - 8]], featureCollection);
  const path = geoPath(projection);
  const paths = new Map();
  const centroids = new Map();
  for (const f of featureCollection.features) {
    paths.set(String(f.id), path(f));
    centroids.set(String(f.id), path.centroid(f));
  }
  return { paths, centroids, width, height };
}

/**
 * @param {object} p
 * @param {{paths: Map<string,string>, width: number, height: number}} p.projected
 * @param {Map<string, {name: string, value: number}>} p.values  region id → value
 * @param {number[]} p.breaks upper bounds
 * @param {string} p.label  indicator label, e.g. "LQ"
 * @param {string|null} p.selected
 * @param {(id: string) => void} p.onSelect
 * @param {(id: string|null, ev?: Event) => void} p.onHover
 * @param {Map<string,string>} p.names
 * Categorical maps (e.g. LISA clusters) pass instead of `values`/`breaks`:
 * @param {(id: string) => {key: string, fill: string, text: string}} [p.fillOf]  fill (a colour or
 *   `url(#pattern)`), class key (set as `data-class`) and the accessible description of a region
 * @param {import('lit').TemplateResult} [p.defs]  SVG <defs> content (patterns)
 * @param {Set<string>} [p.highlighted]  regions drawn with the `highlight` class (linked brushing)
 * @param {{id: string, text: string}[]} [p.labels]  short text drawn at region centroids
 * `onSelect(id, event)` receives the event, so views can read modifier keys.
 * @param {Set<string>} [p.highlight]  regions drawn with a heavy outline (class `highlight`); pair
 *   it with a text cue (`values` entry `note`, appended to the accessible name, and a list)
 * @param {unknown} [p.marks]  extra SVG content drawn on top (e.g. symbols at `projected.centroids`)
 */
export function choropleth({ projected, values, breaks, label, selected, onSelect, onHover, names, title, fillOf, defs, highlighted, highlight, labels, marks }) {
  const colours = breaks ? palette(breaks.length) : [];
  const lit = highlighted ?? highlight;
  const regions = [...projected.paths.entries()];
  return html`
    <svg class="map" viewBox="0 0 ${projected.width} ${projected.height}" role="group" aria-label=${title}>
      <title>${title}</title>
      ${defs ? svg`<defs>${defs}</defs>` : ''}
      ${regions.map(([id, d]) => {
        const name = names.get(id) || id;
        let fill, text, key, nodata;
        if (fillOf) {
          ({ fill, text, key } = fillOf(id));
          text = `${name} (${id}): ${text}`;
          nodata = false;
        } else {
          const entry = values.get(id);
          const v = entry?.value;
          const c = classOf(v, breaks);
          fill = c < 0 ? NO_DATA : colours[c];
          const note = entry?.note ? `, ${entry.note}` : '';
          text = (c < 0 ? `${name} (${id}): no published value` : `${name} (${id}): ${label} ${fmt(v)}`) + note;
          key = String(c);
          nodata = c < 0;
        }
        return svg`<path
          d=${d}
          fill=${fill}
          class=${'region' + (id === selected ? ' selected' : '') + (nodata ? ' nodata' : '') + (lit?.has(id) ? ' highlight' : '')}
          data-id=${id}
          data-class=${key}
          tabindex="0"
          role="button"
          aria-label=${text}
          aria-pressed=${id === selected ? 'true' : 'false'}
          @click=${(e) => onSelect(id, e)}
          @keydown=${(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              onSelect(id, e);
            }
          }}
          @mouseenter=${(e) => onHover(id, e)}
          @mouseleave=${() => onHover(null)}
          @focus=${(e) => onHover(id, e)}
          @blur=${() => onHover(null)}
        ></path>`;
      })}
      ${labels?.length
        ? svg`<g class="map-labels" aria-hidden="true">${labels.map(({ id, text }) => {
            const c = projected.centroids.get(id);
            return c && Number.isFinite(c[0]) ? svg`<text x=${c[0]} y=${c[1] + 3} text-anchor="middle">${text}</text>` : '';
          })}</g>`
        : ''}
      ${marks ?? ''}
    </svg>`;
}

/** Legend of a categorical map: one swatch (colour or pattern) per class, with its name and count. */
export function categoricalLegend({ title, items }) {
  return html`<div class="legend" role="list" aria-label=${`Legend: ${title}`}>
    <span class="legend-title">${title}</span>
    ${items.map(
      (it) => html`<span role="listitem" class="legend-item" data-key=${it.key}
        ><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill=${it.fill}></rect></svg>${it.label}${it.count === undefined ? '' : ` (${it.count})`}</span
      >`,
    )}
  </div>`;
}

/** Legend: one swatch per class with its numeric range, plus "no published value". */
export function legend({ breaks, label, min, method }) {
  const colours = palette(breaks.length);
  let lo = min;
  return html`<div class="legend" role="list" aria-label=${`Legend: ${label}, ${method === 'quantile' ? 'quantile' : 'natural breaks'} classes`}>
    <span class="legend-title">${label} (${method === 'quantile' ? 'quantiles' : 'natural breaks'})</span>
    ${breaks.map((b, i) => {
      const from = lo;
      lo = b;
      return html`<span role="listitem" class="legend-item"
        ><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill=${colours[i]}></rect></svg>${fmt(from)} – ${fmt(b)}</span
      >`;
    })}
    <span role="listitem" class="legend-item"><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true"><rect width="10" height="10" fill=${NO_DATA}></rect></svg>no published value</span>
  </div>`;
}
