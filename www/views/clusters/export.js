// Superseded by the shared pattern in views/export.js (`tableExport`, or `exportName` on
// `dataTable`), which offers CSV and XLSX; kept so code written against it still works.
import { download } from '../table/table.js';

export async function exportRows(host, filename, rows) {
  try {
    download(filename, await host.call('exportCsv', { rows }, 'writing CSV'));
  } catch {
    // shown by the host
  }
}
