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
 */
export function choropleth({ projected, values, breaks, label, selected, onSelect, onHover, names, title }) {
  const colours = palette(breaks.length);
  const regions = [...projected.paths.entries()];
  return html`
    <svg class="map" viewBox="0 0 ${projected.width} ${projected.height}" role="group" aria-label=${title}>
      <title>${title}</title>
      ${regions.map(([id, d]) => {
        const entry = values.get(id);
        const v = entry?.value;
        const c = classOf(v, breaks);
        const fill = c < 0 ? NO_DATA : colours[c];
        const name = names.get(id) || id;
        const text = c < 0 ? `${name} (${id}): no published value` : `${name} (${id}): ${label} ${fmt(v)}`;
        return svg`<path
          d=${d}
          fill=${fill}
          class=${'region' + (id === selected ? ' selected' : '') + (c < 0 ? ' nodata' : '')}
          data-id=${id}
          tabindex="0"
          role="button"
          aria-label=${text}
          aria-pressed=${id === selected ? 'true' : 'false'}
          @click=${() => onSelect(id)}
          @keydown=${(e) => {
            if (e.key === 'Enter' || e.key === ' ') {
              e.preventDefault();
              onSelect(id);
            }
          }}
          @mouseenter=${(e) => onHover(id, e)}
          @mouseleave=${() => onHover(null)}
          @focus=${(e) => onHover(id, e)}
          @blur=${() => onHover(null)}
        ></path>`;
      })}
    </svg>`;
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
