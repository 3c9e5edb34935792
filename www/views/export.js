// Exports for every view, one pattern: a view renders buttons with `tableExport(...)` (CSV and XLSX
// of rows) or `imageExport(...)` (SVG and PNG of a map or chart); a click fires one `agglo-export`
// event that bubbles to <agglo-explorer>, whose listener calls `runExport` here. So views never
// touch the worker, file names, the source note or the download themselves.
//
// * Tables: the core writes the file (`exportCsv` in the main module, `exportXlsx` through the lazily
//   loaded extras module); text cells starting with `= + - @` are neutralised in both.
// * Images: the rendered <svg> is copied into a standalone document with inline paint, a title, the
//   legend lines and the source note (data files and date); PNG is drawn from the same shapes
//   (components/export-image.js), so nothing is fetched and no style attribute is needed.
import { html, render } from 'lit';
import { download } from './table/table.js';
import { standaloneSvg, svgToPng } from '../components/export-image.js';

export const EXPORT_EVENT = 'agglo-export';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fire(ev, detail) {
  ev.currentTarget.dispatchEvent(new CustomEvent(EXPORT_EVENT, { bubbles: true, detail }));
}

/** A file-name stem safe on every system (keeps letters, digits, `-` and `_`). */
export function fileStem(name) {
  return String(name).replace(/[^\p{L}\p{N}_-]+/gu, '_').replace(/^_+|_+$/g, '') || 'agglo';
}

/**
 * CSV and XLSX buttons for a table.
 * @param {object} p
 * @param {string} p.id        prefix of the button ids (`${id}-csv`, `${id}-xlsx`)
 * @param {string} p.name      file-name stem
 * @param {object[] | (() => object[])} p.rows  flat rows (raw numbers, snake_case keys)
 * @param {string} [p.sheet]   XLSX sheet name
 * @param {string} [p.label]   what is exported, for screen readers (default "table")
 * @param {string} [p.prefix]  text before "CSV" / "XLSX" (e.g. "Table as ")
 * @param {string} [p.buttonClass]  default "link export" (a toolbar uses "button")
 */
export function tableExport({ id, name, rows, sheet, label = 'table', prefix = '', buttonClass = 'link export' }) {
  const go = (format) => (ev) => fire(ev, { kind: 'table', format, name, sheet: sheet ?? name, rows: typeof rows === 'function' ? rows() : rows });
  return html`<span class="export-buttons" role="group" aria-label=${`Download the ${label}`}>
    <button class=${buttonClass} id=${`${id}-csv`} @click=${go('csv')}>${prefix}CSV</button>
    <button class=${buttonClass} id=${`${id}-xlsx`} @click=${go('xlsx')}>${prefix}XLSX</button>
  </span>`;
}

/**
 * SVG and PNG buttons for a map or chart.
 * @param {object} p
 * @param {string} p.id         prefix of the button ids (`${id}-svg`, `${id}-png`)
 * @param {string} p.svg        selector of the <svg>, looked up in the buttons' panel, then the page
 * @param {string} p.name       file-name stem
 * @param {string} p.title      title printed on the image
 * @param {string[] | (() => string[])} [p.legend]  legend text (for charts whose marks explain
 *   themselves); default: the swatches and labels of the `.legend-item`s, `.legend-list li` or
 *   `.series-key li` of the drawing's panel, else its `figcaption`
 * @param {() => import('lit').TemplateResult} [p.draw]  when the page shows no <svg> (e.g. a WebGL
 *   network), a template of one, rendered off-screen for the export
 * @param {string} [p.label]    what is exported, for screen readers (default "chart")
 * @param {string} [p.prefix]  text before "SVG" / "PNG" (e.g. "Map as ")
 * @param {string} [p.buttonClass]  default "link export" (a toolbar uses "button")
 */
export function imageExport({ id, svg, name, title, legend, draw, label = 'chart', prefix = '', buttonClass = 'link export' }) {
  const go = (format) => (ev) => fire(ev, { kind: 'image', format, svg, name, title, draw, legend: typeof legend === 'function' ? legend() : legend });
  return html`<span class="export-buttons" role="group" aria-label=${`Download the ${label} as an image`}>
    <button class=${buttonClass} id=${`${id}-svg`} @click=${go('svg')}>${prefix}SVG</button>
    <button class=${buttonClass} id=${`${id}-png`} @click=${go('png')}>${prefix}PNG</button>
  </span>`;
}

const text = (el) => el.textContent.trim().replace(/\s+/g, ' ');

/** The swatch colour of a legend entry (an SVG swatch's fill, or a CSS swatch's background). */
function swatchOf(item) {
  const rect = item.querySelector('svg.swatch rect, .swatch rect');
  if (rect) return rect.getAttribute('fill');
  const span = item.querySelector('.swatch');
  const bg = span ? getComputedStyle(span).backgroundColor : '';
  return bg && bg !== 'rgba(0, 0, 0, 0)' ? bg : null;
}

/**
 * The legend of a drawing: the legend of its panel (swatches and labels), else the caption of its
 * figure as a note.
 * @returns {{legend: {title: string, items: {fill: string|null, label: string}[]} | null, notes: string[]}}
 */
function legendOf(svgEl, fallback) {
  const panel = svgEl.closest('.panel') ?? fallback;
  const items = panel ? [...panel.querySelectorAll('.legend-item, .legend-list li, .series-key li')].map((el) => ({ fill: swatchOf(el), label: text(el) })).filter((i) => i.label) : [];
  if (items.length) {
    const title = panel.querySelector('.legend-title, .legend-list[aria-label], .series-key[aria-label]');
    const name = title ? (title.classList.contains('legend-title') ? text(title) : title.getAttribute('aria-label')) : '';
    return { legend: { title: name, items }, notes: [] };
  }
  const cap = (svgEl.closest('figure') ?? panel)?.querySelector('figcaption');
  return { legend: null, notes: cap ? [text(cap)] : [] };
}

/** Colours of the exported image: the element's theme, so a dark page exports a dark image. */
function themeOf(host) {
  const cs = getComputedStyle(host);
  return { background: cs.getPropertyValue('--agglo-bg').trim() || '#ffffff', color: cs.getPropertyValue('--agglo-fg').trim() || '#1b1b1b' };
}

/**
 * Carry out an `agglo-export` request (the host's listener calls this).
 * @param {HTMLElement & {call: Function, sourceNote: () => string, renderRoot: ShadowRoot}} host
 * @param {CustomEvent} ev
 */
export async function runExport(host, ev) {
  const d = ev.detail;
  const stem = fileStem(d.name);
  try {
    if (d.kind === 'table') {
      if (d.format === 'xlsx') {
        // Excel sheet names: at most 31 characters, none of [ ] : * ? / \
        const sheet = String(d.sheet).replace(/[[\]:*?/\\]+/g, ' ').slice(0, 31).trim() || 'Agglo';
        const bytes = await host.call('exportXlsx', { rows: d.rows, sheet }, 'writing XLSX');
        download(`${stem}.xlsx`, bytes, XLSX_TYPE);
      } else {
        download(`${stem}.csv`, await host.call('exportCsv', { rows: d.rows }, 'writing CSV'));
      }
      host.announce(`Saved ${stem}.${d.format}.`);
      return;
    }
    const origin = ev.composedPath()[0];
    const panel = origin?.closest?.('.panel, section, figure') ?? null;
    let svgEl = panel?.querySelector(d.svg) ?? host.renderRoot.querySelector(d.svg);
    let scratch = null;
    if (!svgEl && d.draw) {
      scratch = document.createElement('div');
      scratch.className = 'export-scratch';
      host.renderRoot.append(scratch);
      render(d.draw(), scratch);
      svgEl = scratch.querySelector('svg');
    }
    try {
      if (!svgEl) throw Object.assign(new Error(`nothing to export: no drawing matches ${d.svg}`), { code: 'E_INVALID_PARAMETER' });
      const found = d.legend ? { legend: null, notes: d.legend } : legendOf(svgEl, panel);
      const doc = standaloneSvg(svgEl, { title: d.title, legend: found.legend, footer: [...found.notes, host.sourceNote()], ...themeOf(host) });
      if (d.format === 'svg') download(`${stem}.svg`, doc.svg, 'image/svg+xml');
      else download(`${stem}.png`, await svgToPng(doc), 'image/png');
    } finally {
      scratch?.remove();
    }
    host.announce(`Saved ${stem}.${d.format}.`);
  } catch (e) {
    if (!host.state.error) host.announce(`Export failed: ${e.message}`);
  }
}
