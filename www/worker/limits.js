// How big a file the page accepts, and why. The wasm core runs in a 32-bit address space: at most
// 4 GiB of memory for everything (the browser may grant less), so large inputs are refused early,
// with E_TOO_LARGE naming the file and the limit, instead of letting the worker run out of memory
// (which would kill it, and with it the page's results).
//
// * Delimited text (CSV, TSV) is streamed in 1 MiB chunks: the bytes are never held at once, so the
//   limit that matters is the panel. The core refuses a panel of more than maxCells values
//   (regions × industries × years × measures, dense, 8 bytes each) at the row where it would be
//   exceeded: 2^24 values = 128 MiB. Loading peaks at about 2.3 times the panel (cell store, line
//   numbers, finished panel), but the analyses need more: the location quotients of every cell are
//   40 bytes a value, up to 80 while their vector grows, i.e. 10 times the panel, 1.3 GiB here.
//   (Measured: a 1 GB CSV of 54 M values loads in the browser, then its all-cell LQs exhaust
//   the 4 GiB.) A computation that still runs out of memory traps the wasm; the worker reports it
//   as E_TOO_LARGE and the page starts a fresh engine (components/agglo-explorer.js).
//   maxTextBytes (2 GiB) bounds the reading time: a 1 GB CSV of a long panel is read, with
//   progress and a cancel button, in tens of seconds (the ingest benchmark streams 124 MiB in 1.2 s).
// * XLSX workbooks and boundary files are read whole and expanded in memory (an XLSX unzips to
//   5–10 times its size; GeoJSON is parsed into objects), hence their much lower limits.
export const LIMITS = {
  maxTextBytes: 2 * 1024 ** 3,
  maxCells: 2 ** 24,
  maxXlsxBytes: 200 * 1024 ** 2,
  maxBoundaryBytes: 300 * 1024 ** 2,
};

const MiB = (n) => `${Math.round(n / 1024 ** 2).toLocaleString('en-US')} MiB`;

/**
 * Refuse a file before reading it when it is over its limit.
 * @param {string} name  file name (named in the message and the location)
 * @param {number} size  bytes
 * @param {'text'|'xlsx'|'boundaries'} kind
 */
export function checkSize(name, size, kind) {
  const limit = kind === 'xlsx' ? LIMITS.maxXlsxBytes : kind === 'boundaries' ? LIMITS.maxBoundaryBytes : LIMITS.maxTextBytes;
  if (size <= limit) return;
  const advice =
    kind === 'xlsx'
      ? 'save the sheet as CSV (CSV files are streamed and may be up to ' + MiB(LIMITS.maxTextBytes) + ')'
      : kind === 'boundaries'
        ? 'simplify the shapes (e.g. mapshaper) or keep only the regions of the data'
        : 'split it by year or region, or keep only the columns needed';
  throw Object.assign(
    new Error(`E_TOO_LARGE: ${name} is ${MiB(size)}, more than the ${MiB(limit)} this page can hold in browser memory for a ${kind === 'text' ? 'CSV' : kind === 'xlsx' ? 'workbook' : 'boundary file'}; ${advice}. Nothing was loaded.`),
    { code: 'E_TOO_LARGE', location: { file: name } },
  );
}

/** Load options with the browser's panel limit (a caller's own, lower limit wins). */
export function withLimits(options) {
  const o = { ...(options ?? {}) };
  o.maxCells = Math.min(Number(o.maxCells ?? Infinity), LIMITS.maxCells);
  return o;
}

/** The core's E_TOO_LARGE (panel cells) in the page's terms: the limit cannot be raised here. */
export function explainLimit(e) {
  if (e?.code !== 'E_TOO_LARGE' || !/cells/.test(String(e.message))) return e;
  const msg = String(e.message).replace(/; raise max_cells or load fewer columns/, '');
  return Object.assign(new Error(`${msg}. In the browser a panel may hold at most ${LIMITS.maxCells.toLocaleString('en-US')} values (${LIMITS.maxCells * 8 / 1024 ** 2} MiB); load fewer years, regions or measures, or use the command-line tool. Nothing was loaded.`), { code: e.code, location: e.location });
}
