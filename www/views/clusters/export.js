// CSV export of flat result rows: the core writes the CSV (`exportCsv`), the page only saves it.
import { download } from '../table/table.js';

export async function exportRows(host, filename, rows) {
  try {
    const text = await host.call('exportCsv', { rows }, 'writing CSV');
    download(filename, text);
  } catch {
    // shown by the host
  }
}
