// A sortable data table with an accessible header (aria-sort) and CSV / XLSX downloads (see
// views/export.js: the files are written by the core, formula-like cells neutralised).
import { html } from 'lit';
import { tableExport } from '../export.js';

/**
 * @param {object} p
 * @param {string} p.id            element id
 * @param {string} p.caption
 * @param {{key: string, label: string, num?: boolean, format?: (v: any, row: object) => any}[]} p.columns
 * @param {object[]} p.rows
 * @param {{key: string, dir: number}} p.sort   current sort (dir -1 descending)
 * @param {(sort: {key: string, dir: number}) => void} p.onSort
 * @param {(row: object) => void} [p.onRow]   activates a row (e.g. select a region)
 * @param {string} [p.rowKey]   property used for data-key
 * @param {string} [p.exportName]  file-name stem: shows CSV and XLSX buttons in the caption
 * @param {object[] | (() => object[])} [p.exportRows]  rows to export (default: the table's rows,
 *   raw values of its columns, in the shown order)
 * @param {() => void} [p.onExport]  (older views) a custom CSV download instead
 */
export function dataTable({ id, caption, columns, rows, sort, onSort, onRow, rowKey, onExport, exportName, exportRows, selected }) {
  const sorted = [...rows].sort((a, b) => {
    const x = a[sort.key];
    const y = b[sort.key];
    if (x === y) return 0;
    if (x === undefined || x === null || Number.isNaN(x)) return 1;
    if (y === undefined || y === null || Number.isNaN(y)) return -1;
    return (typeof x === 'string' ? x.localeCompare(y) : x - y) * sort.dir;
  });
  return html`<div class="table-wrap">
    <table id=${id}>
      <caption>
        ${caption}
        ${exportName
          ? tableExport({ id, name: exportName, sheet: caption, label: `table ${caption}`, rows: exportRows ?? (() => sorted.map((r) => Object.fromEntries(columns.map((c) => [c.key, r[c.key] ?? null])))) })
          : onExport
            ? html`<button class="link export" @click=${onExport}>Download CSV</button>`
            : ''}
      </caption>
      <thead>
        <tr>
          ${columns.map((c) => {
            const on = sort.key === c.key;
            return html`<th scope="col" class=${c.num ? 'num' : ''} aria-sort=${on ? (sort.dir < 0 ? 'descending' : 'ascending') : 'none'}>
              <button class="sort" data-key=${c.key} @click=${() => onSort({ key: c.key, dir: on ? -sort.dir : c.num ? -1 : 1 })}>
                ${c.label}<span aria-hidden="true">${on ? (sort.dir < 0 ? ' ▼' : ' ▲') : ''}</span>
              </button>
            </th>`;
          })}
        </tr>
      </thead>
      <tbody>
        ${sorted.map(
          (r) => html`<tr data-key=${rowKey ? r[rowKey] : ''} class=${selected !== undefined && rowKey && r[rowKey] === selected ? 'selected' : ''}>
            ${columns.map((c, k) => {
              const v = r[c.key];
              const shown = c.format ? c.format(v, r) : v;
              if (k === 0 && onRow) return html`<td><button class="link" @click=${() => onRow(r)}>${shown}</button></td>`;
              return html`<td class=${c.num ? 'num' : ''} data-value=${typeof v === 'number' ? v : ''}>${shown}</td>`;
            })}
          </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}

/** Save text as a file (Blob + object URL: nothing leaves the machine). */
export function download(filename, text, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
