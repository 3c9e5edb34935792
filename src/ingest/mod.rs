//! File bytes → validated panel. Every rejection carries a stable code and a location.
//!
//! Public entry points:
//! * [`inspect`] – format (kind, encoding, delimiter, decimal style, header row, sheets), layout
//!   (long / wide) and proposed column roles, for the role dialog;
//! * [`load_panel`] (bytes), [`load_panel_from_reader`] (any `std::io::Read`, streaming) and
//!   [`LongLoader`] (push chunks, for the browser worker) – all the same machinery;
//! * [`xlsx_to_table`] + [`load_table`] / [`inspect_table`] – workbooks via a text grid, so a
//!   separate XLSX wasm module can do the unzipping.
//!
//! Files: `sniff` (bytes → kind, encoding, delimiter, header), `number` (numbers, decimal style,
//! years), `suppression` (markers), `roles` (column roles), `layout` (long / wide, the plan), `rows`
//! (the per-row hot path), `assemble` (interning, dense panel), `loader` (streaming), `xlsx`.
//!
//! # Conventions
//! * **Kind.** `PK\x03\x04` = XLSX (`E_XLSX_UNAVAILABLE` when built without the `xlsx` feature);
//!   legacy `.xls` = `E_UNKNOWN_FORMAT`; images, PDF, archives, NUL or control bytes =
//!   `E_BINARY_FILE`; everything else is delimited text.
//! * **Encoding.** A BOM decides (UTF-8, UTF-16LE/BE). Without one, a NUL in every other byte means
//!   UTF-16 (LE or BE); otherwise valid UTF-8 is UTF-8 and anything else is Windows-1252 (Excel's
//!   "CSV" on Western Windows). [`load_panel`] checks the whole buffer; the streaming loaders decide
//!   on the first chunk and report a later invalid byte as `E_ENCODING` (set `encoding`).
//! * **Delimiter.** Among `,` `;` tab `|`, the one giving the most records with the same field count
//!   (> 1) in the first 64 KiB; quotes (`"`, doubled to escape) are honoured.
//! * **Header.** The first row with at least two non-empty cells and at least half as many as the
//!   widest of the first 50 rows; title and note rows above it are skipped (listed by [`inspect`]).
//! * **Decimal style**, per file, from the measure cells of the sample: a cell with both `.` and `,`
//!   votes for the last one as decimal mark (`1.234,5` → comma); a single separator not followed by
//!   exactly three digits is a decimal mark (`12,5` → comma, `0.25` → point); a repeated separator
//!   is a thousands separator (`1.234.567` → comma style); `1,234` / `1.234` do not vote. Majority
//!   wins; with no votes: decimal point, except in `;`-delimited files (European convention). A
//!   thousands separator must then split groups of exactly three digits, so a stray `12,5` in a
//!   decimal-point file is `E_NON_NUMERIC`, never 125. Override with `decimal_comma`.
//! * **Missing values.** Suppression markers (see [`SUPPRESSION_MARKERS`]: empty, `(D)`, `D`, `x`,
//!   `..`, `:`, `-`, `c`, …) are missing, counted per marker, measure and year in the report, never
//!   zero. `NaN`, `inf`, `1e400` and other text are `E_NON_NUMERIC`.
//! * **Codes** stay strings (FIPS `01001`, NAICS `00`). Industry codes in `total_codes` (`00`,
//!   `Total`, …) are the region's all-industry total. Rows labelled `Total…` / `Sum…` in the region
//!   column (or with an empty code and such a name) are totals rows: skipped with
//!   `W_TOTALS_ROW_SKIPPED`, never loaded as a region.
//! * **Limits.** `max_bytes`, `max_rows`, `max_cells` give `E_TOO_LARGE` before memory runs out.
//! * **Memory.** Rows are never kept as strings: codes are interned and values scattered into
//!   per-(year, region) rows (`u32` while the values are counts), then into the dense panel; the
//!   peak is about the panel plus the row store.

mod assemble;
pub mod boundaries;
mod layout;
mod loader;
mod number;
#[cfg(not(target_arch = "wasm32"))]
mod parallel;
mod roles;
mod rows;
mod sniff;
mod suppression;
mod text_encoding;
mod xlsx;

pub use loader::{LongLoader, Progress, DEFAULT_MAX_CELLS};
pub use number::parse_number;
pub use roles::{propose_roles, Role};
pub use suppression::{is_suppression_marker, SUPPRESSION_MARKERS};
pub use text_encoding::{TextDecoder, TextEncoding};
pub use xlsx::xlsx_to_table;

use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::panel::Panel;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How the file was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormatInfo {
    /// `csv` (any delimited text) or `xlsx`.
    pub kind: String,
    /// Encoding name as in the WHATWG standard (`UTF-8`, `UTF-16LE`, `windows-1252`).
    pub encoding: String,
    pub delimiter: Option<char>,
    pub decimal_comma: bool,
    pub bom: bool,
    /// 1-based line (or sheet row) of the header.
    pub header_row: u64,
    pub sheet: Option<String>,
    pub sheets: Vec<String>,
}

/// Long: one row per region-industry-(year). Wide: regions as rows, industries as columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Layout {
    Long,
    Wide,
}

/// One column with its proposed (or confirmed) role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ColumnRole {
    pub column: String,
    pub role: Role,
}

/// What [`inspect`] finds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspection {
    pub file: String,
    pub format: FormatInfo,
    pub layout: Layout,
    pub columns: Vec<ColumnInfo>,
    /// The first rows below the header as text, for the role dialog.
    pub preview: Vec<Vec<String>>,
    /// Data rows below the header (non-blank; a wide layout's title row excluded).
    pub rows: u64,
    /// Lines above the header that were skipped (titles, notes).
    pub skipped_rows: Vec<u64>,
    /// Wide layout: the row of industry titles under the header, skipped.
    pub names_row: Option<u64>,
    /// Measures that would be loaded.
    pub measures: Vec<String>,
    /// The year used for rows without a year column (from the options or the sheet name), if any.
    pub year: Option<i32>,
    /// Problems that loading with the proposed roles would hit (e.g. no region column).
    pub warnings: Vec<Warning>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnInfo {
    pub name: String,
    pub role: Role,
    pub samples: Vec<String>,
    /// Share of non-empty, non-marker sample cells that parse as numbers.
    pub numeric_share: f64,
}

/// Options for loading; everything optional (detected when absent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LoadOptions {
    /// Confirmed roles for some or all columns (by header name); the rest are proposed.
    pub roles: Option<Vec<ColumnRole>>,
    pub region_col: Option<String>,
    pub region_name_col: Option<String>,
    pub industry_col: Option<String>,
    pub industry_name_col: Option<String>,
    pub year_col: Option<String>,
    /// Measure columns (long) or industry columns (wide); default: every numeric column not
    /// otherwise used.
    pub value_cols: Option<Vec<String>>,
    pub layout: Option<Layout>,
    /// XLSX sheet name; default the first.
    pub sheet: Option<String>,
    /// Year for a table without a year column (default: from the sheet name, e.g.
    /// `Employment 2021`, for wide files also from the file name; else 0).
    pub year: Option<i32>,
    /// Name of the measure in a wide table (default: from the sheet/file name, else `value`).
    pub measure: Option<String>,
    /// Industry codes that mean "all industries" (region totals); default `00`, `0`, `Total`, `All`.
    pub total_codes: Option<Vec<String>>,
    /// Accept negative values (default false: employment, establishments and payroll can't be < 0).
    pub allow_negative: bool,
    /// Loading a reference table: a file without a region column is one region, `reference`.
    pub reference: bool,
    /// Force the decimal style (default: detected per file, see the `number` module docs).
    pub decimal_comma: Option<bool>,
    /// Force the delimiter (default: sniffed among `,` `;` tab `|`).
    pub delimiter: Option<char>,
    /// Force the encoding by WHATWG label (`utf-8`, `utf-16le`, `windows-1252`…).
    pub encoding: Option<String>,
    /// Refuse files larger than this many bytes with `E_TOO_LARGE` (default: no limit).
    pub max_bytes: Option<u64>,
    /// Refuse files with more data rows than this with `E_TOO_LARGE` (default: no limit).
    pub max_rows: Option<u64>,
    /// Refuse panels with more values than this with `E_TOO_LARGE` (default [`DEFAULT_MAX_CELLS`]).
    pub max_cells: Option<u64>,
    /// Native reads from a file or stream: parse with up to this many threads (default: the
    /// available cores, at most 4; `1` = one thread). The result is the same either way.
    pub threads: Option<usize>,
}

/// Suppressed cells of one measure, year and marker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuppressionCount {
    pub measure: String,
    pub year: i32,
    /// The marker (`(D)`, `x`, …; `(blank)` for an empty cell).
    pub marker: String,
    pub count: u64,
}

/// What loading found, for the user: counts, suppression, warnings.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IngestReport {
    pub file: String,
    /// Non-blank rows below the header (a wide layout's title row excluded, skipped totals rows
    /// included).
    pub rows_read: u64,
    /// Non-missing industry cells stored in the panel.
    pub cells_loaded: u64,
    /// Suppressed / missing cells by marker (`(D)`, `x`, `(blank)`, …), all measures and years.
    pub suppressed: BTreeMap<String, u64>,
    pub suppressed_total: u64,
    /// The same by measure and year.
    pub suppressed_cells: Vec<SuppressionCount>,
    /// Totals rows (e.g. "Sum of published county cells") skipped, by line.
    pub total_rows_skipped: Vec<u64>,
    pub format: Option<FormatInfo>,
    pub layout: Option<Layout>,
    pub warnings: Vec<Warning>,
}

/// A text grid: what an XLSX sheet (or any spreadsheet source) gives the pipeline.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Table {
    /// All sheet names of the workbook.
    pub sheets: Vec<String>,
    /// The sheet these rows come from.
    pub sheet: Option<String>,
    /// Sheet row number (1-based) of `rows[0]`.
    pub first_row: u64,
    pub rows: Vec<Vec<String>>,
}

/// Detect format, layout and column roles.
///
/// Never fails because roles are incomplete: what loading would reject (no region column, …) is
/// listed in `warnings`. Fails on unreadable input (`E_EMPTY_FILE`, `E_BINARY_FILE`,
/// `E_NO_HEADER`, `E_XLSX_*`, `E_ENCODING`).
///
/// # Examples
/// ```
/// use agglo::ingest::{inspect, Layout, LoadOptions, Role};
/// let csv = "Employment by county\n\nfips;naics;year;employment\n01001;1133;2021;1.234,5\n";
/// let ins = inspect(csv.as_bytes(), "t.csv", &LoadOptions::default()).unwrap();
/// assert_eq!(ins.format.delimiter, Some(';'));
/// assert!(ins.format.decimal_comma);
/// assert_eq!(ins.format.header_row, 3);
/// assert_eq!(ins.layout, Layout::Long);
/// assert_eq!(ins.columns[0].role, Role::RegionCode);
/// assert_eq!(ins.rows, 1);
/// ```
///
/// # Complexity
/// O(file size) (the rows are counted); the roles use the first 64 KiB.
pub fn inspect(bytes: &[u8], name: &str, opts: &LoadOptions) -> Result<Inspection> {
    match sniff::sniff_kind(bytes, name, opts.encoding.as_deref())? {
        sniff::Kind::Zip => {
            let table = xlsx_to_table(bytes, opts.sheet.as_deref()).map_err(|mut e| {
                e.location.file = Some(name.to_string());
                e
            })?;
            inspect_table(&table, name, opts)
        }
        sniff::Kind::Text { encoding, bom } => {
            let raw = bytes.get(bom..).unwrap_or(&[]);
            let head = raw
                .get(..raw.len().min(4 * sniff::SNIFF_BYTES))
                .unwrap_or(raw);
            let complete = head.len() == raw.len();
            let sample = loader::decode_sample(encoding, head, complete);
            let sn = loader::sniff_text(&sample, complete, opts, name)?;
            let plan = loader::plan_from_sniff(&sn, opts, name, None).or_else(|e| {
                // A table without a region column is a reference table (e.g. national totals).
                if e.code == ErrorCode::MissingColumn && !opts.reference {
                    let r = LoadOptions {
                        reference: true,
                        ..opts.clone()
                    };
                    loader::plan_from_sniff(&sn, &r, name, None).map_err(|_| e)
                } else {
                    Err(e)
                }
            });
            let full = if complete {
                sample
            } else {
                loader::decode_sample(encoding, raw, true)
            };
            let rows = count_rows(&full, sn.delimiter, sn.header_idx);
            let format = FormatInfo {
                kind: "csv".into(),
                encoding: encoding.name().to_string(),
                delimiter: Some(char::from(sn.delimiter)),
                decimal_comma: false,
                bom: bom > 0,
                header_row: 1,
                sheet: None,
                sheets: Vec::new(),
            };
            Ok(build_inspection(
                name,
                format,
                &sn.records,
                sn.header_idx,
                plan,
                rows,
                opts,
            ))
        }
    }
}

/// [`inspect`] for a text grid (an XLSX sheet from [`xlsx_to_table`]).
pub fn inspect_table(table: &Table, name: &str, opts: &LoadOptions) -> Result<Inspection> {
    let sample: Vec<(u64, Vec<String>)> = table
        .rows
        .iter()
        .take(200)
        .enumerate()
        .map(|(k, r)| (table.first_row + k as u64, r.clone()))
        .collect();
    let (h, plan) = match loader::grid_plan(table, name, opts) {
        Ok((h, p)) => (h, Ok(p)),
        Err(e) if matches!(e.code, ErrorCode::EmptyFile | ErrorCode::NoHeader) => return Err(e),
        Err(e) => (sniff::detect_header(&sample).unwrap_or(0), Err(e)),
    };
    let rows = table
        .rows
        .iter()
        .skip(h + 1)
        .filter(|r| !sniff::is_blank(r))
        .count() as u64;
    let format = FormatInfo {
        kind: "xlsx".into(),
        encoding: "UTF-8".into(),
        delimiter: None,
        decimal_comma: false,
        bom: false,
        header_row: 1,
        sheet: table.sheet.clone(),
        sheets: table.sheets.clone(),
    };
    Ok(build_inspection(name, format, &sample, h, plan, rows, opts))
}

fn build_inspection(
    name: &str,
    mut format: FormatInfo,
    records: &[(u64, Vec<String>)],
    h: usize,
    plan: Result<layout::Plan>,
    mut rows: u64,
    opts: &LoadOptions,
) -> Inspection {
    let (header_line, headers) = records.get(h).cloned().unwrap_or((1, Vec::new()));
    format.header_row = header_line;
    let body: Vec<&(u64, Vec<String>)> = records.iter().skip(h + 1).collect();
    let mut warnings = Vec::new();
    let (layout, roles, names_row, measures, year) = match plan {
        Ok(p) => {
            format.decimal_comma = p.decimal_comma;
            let year = if p.year.is_none() && p.fixed_year != 0 {
                Some(p.fixed_year)
            } else {
                None
            };
            (
                p.layout,
                p.roles.clone(),
                p.names_line,
                p.measure_names(),
                year,
            )
        }
        Err(e) => {
            warnings.push(
                Warning::new("W_ROLES_INCOMPLETE", format!("{}: {}", e.code, e.message))
                    .at(e.location),
            );
            let rows: Vec<Vec<String>> = body.iter().map(|(_, f)| f.clone()).collect();
            (
                Layout::Long,
                propose_roles(&headers, &rows),
                None,
                vec![],
                opts.year,
            )
        }
    };
    if names_row.is_some() {
        rows = rows.saturating_sub(1);
    }
    let data: Vec<&Vec<String>> = body
        .iter()
        .filter(|(l, f)| Some(*l) != names_row && !sniff::is_blank(f))
        .map(|(_, f)| f)
        .collect();
    let columns = headers
        .iter()
        .enumerate()
        .map(|(c, hname)| {
            let samples: Vec<String> = data
                .iter()
                .filter_map(|r| r.get(c))
                .take(5)
                .cloned()
                .collect();
            let cells: Vec<&String> = data
                .iter()
                .filter_map(|r| r.get(c))
                .filter(|s| !is_suppression_marker(s))
                .collect();
            let numeric = cells
                .iter()
                .filter(|s| parse_number(s, format.decimal_comma).is_some())
                .count();
            ColumnInfo {
                name: hname.clone(),
                role: roles.get(c).map_or(Role::Ignore, |r| r.role),
                samples,
                numeric_share: if cells.is_empty() {
                    0.0
                } else {
                    numeric as f64 / cells.len() as f64
                },
            }
        })
        .collect();
    Inspection {
        file: name.to_string(),
        format,
        layout,
        columns,
        preview: data.iter().take(10).map(|r| (*r).clone()).collect(),
        rows,
        skipped_rows: records.iter().take(h).map(|(l, _)| *l).collect(),
        names_row,
        measures,
        year,
        warnings,
    }
}

/// Non-blank records after the header, without allocating per record.
fn count_rows(text: &str, delim: u8, header_idx: usize) -> u64 {
    let mut rdr = csv_core::ReaderBuilder::new().delimiter(delim).build();
    let mut input = text.as_bytes();
    let mut out = vec![0u8; 64 * 1024];
    let mut ends = vec![0usize; 4096];
    let (mut idx, mut n, mut nonblank) = (0usize, 0u64, false);
    loop {
        let (res, nin, nout, _) = rdr.read_record(input, &mut out, &mut ends);
        if out
            .get(..nout)
            .is_some_and(|o| o.iter().any(|b| !b.is_ascii_whitespace()))
        {
            nonblank = true;
        }
        input = input.get(nin..).unwrap_or(&[]);
        match res {
            csv_core::ReadRecordResult::Record => {
                if idx > header_idx && nonblank {
                    n += 1;
                }
                idx += 1;
                nonblank = false;
            }
            csv_core::ReadRecordResult::End => return n,
            _ => {}
        }
    }
}

/// Load a long or wide table (CSV/TSV/XLSX bytes) into a panel.
///
/// # Arguments
/// * `bytes` – the whole file; `name` – its name, for error locations; `opts` – overrides.
///
/// # Returns
/// The dense [`Panel`] (codes as strings in first-seen order, years ascending, `NaN` = missing) and
/// the [`IngestReport`] (rows, suppressed cells by marker, skipped totals rows, warnings).
///
/// # Errors
/// Every rejection has a stable code and a location (file, sheet, row, column, value):
/// `E_EMPTY_FILE`, `E_BINARY_FILE`, `E_ENCODING`, `E_UNKNOWN_FORMAT`, `E_CSV_SYNTAX`,
/// `E_RAGGED_ROW`, `E_NO_HEADER`, `E_MISSING_COLUMN`, `E_DUPLICATE_COLUMN`, `E_NON_NUMERIC`,
/// `E_NEGATIVE_VALUE`, `E_BAD_YEAR`, `E_DUPLICATE_ROW`, `E_TOO_LARGE`, `E_XLSX_READ`,
/// `E_XLSX_SHEET`, `E_XLSX_UNAVAILABLE`, `E_NO_DATA`, `E_EMPTY_CODE`.
///
/// # Examples
/// ```
/// use agglo::ingest::{load_panel, LoadOptions};
/// let csv = "fips,naics,year,employment\n01001,00,2021,100\n01001,1133,2021,40\n01003,1133,2021,(D)\n";
/// let (p, rep) = load_panel(csv.as_bytes(), "t.csv", &LoadOptions::default()).unwrap();
/// assert_eq!(p.regions, ["01001", "01003"]);
/// assert_eq!(p.matrix(0, 0).region_total(0), 100.0); // the data's own total row `00`
/// assert_eq!(p.get(0, 0, 1, 0), None); // suppressed: missing, not zero
/// assert_eq!(rep.suppressed["(D)"], 1);
/// ```
///
/// # Complexity
/// O(file size + panel size); memory about twice the panel plus 64 KiB.
pub fn load_panel(bytes: &[u8], name: &str, opts: &LoadOptions) -> Result<(Panel, IngestReport)> {
    let mut opts = opts.clone();
    // The whole file is at hand: decide UTF-8 vs Windows-1252 on all of it, not only the first
    // 64 KiB (an accented name deep in an Excel export must not turn into an encoding error).
    if opts.encoding.is_none()
        && TextEncoding::for_bom(bytes).is_none()
        && !bytes.starts_with(b"PK\x03\x04")
        && !bytes.contains(&0)
        && std::str::from_utf8(bytes).is_err()
    {
        opts.encoding = Some("windows-1252".into());
    }
    let mut l = LongLoader::new(opts, name);
    for chunk in bytes.chunks(1 << 20) {
        l.push(chunk)?;
    }
    l.finish()
}

/// Stream a table from a reader (native CLI, big files): same as [`load_panel`] without holding
/// the file in memory.
pub fn load_panel_from_reader<R: std::io::Read>(
    reader: R,
    name: &str,
    opts: &LoadOptions,
) -> Result<(Panel, IngestReport)> {
    load_panel_from_reader_with_progress(reader, name, opts, &mut |_, _| true)
}

/// The next bytes of a reader (0 at its end); a read error is located at the file.
pub(crate) fn read_block<R: std::io::Read>(
    reader: &mut R,
    buf: &mut [u8],
    name: &str,
) -> Result<usize> {
    loop {
        match reader.read(buf) {
            Ok(n) => return Ok(n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(
                    Error::new(ErrorCode::EmptyFile, format!("cannot read the file: {e}"))
                        .at(Location::file(name)),
                )
            }
        }
    }
}

/// [`load_panel_from_reader`] with a progress callback `(bytes_done, 0) -> keep_going`;
/// returning false cancels with `E_CANCELLED`.
pub fn load_panel_from_reader_with_progress<R: std::io::Read>(
    mut reader: R,
    name: &str,
    opts: &LoadOptions,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<(Panel, IngestReport)> {
    #[cfg(not(target_arch = "wasm32"))]
    if parallel::threads(opts) > 1 {
        return parallel::load(reader, name, opts, progress);
    }
    let mut l = LongLoader::new(opts.clone(), name);
    let mut buf = vec![0u8; 1 << 18];
    loop {
        let n = read_block(&mut reader, &mut buf, name)?;
        if n == 0 {
            break;
        }
        l.push(buf.get(..n).unwrap_or(&[]))?;
        if !progress(l.progress().bytes as usize, 0) {
            return Err(
                Error::new(ErrorCode::Cancelled, "loading was cancelled").at(Location::file(name))
            );
        }
    }
    l.finish()
}

/// Load a text grid (an XLSX sheet from [`xlsx_to_table`]) into a panel: header detection (title
/// rows skipped), long or wide layout, the title row under a wide header, totals rows skipped with
/// a warning, the year from the sheet name.
///
/// # Errors
/// As [`load_panel`]; locations carry the sheet name and the sheet's row numbers.
pub fn load_table(table: &Table, name: &str, opts: &LoadOptions) -> Result<(Panel, IngestReport)> {
    let (h, plan) = loader::grid_plan(table, name, opts)?;
    let names_line = plan.names_line;
    let layout = plan.layout;
    let decimal_comma = plan.decimal_comma;
    let header_line = plan.header_line;
    let mut proc = rows::Processor::new(
        plan,
        name,
        table.sheet.clone(),
        opts.max_rows.unwrap_or(u64::MAX),
        opts.max_cells.unwrap_or(DEFAULT_MAX_CELLS),
    );
    for (k, row) in table.rows.iter().enumerate().skip(h + 1) {
        let line = table.first_row + k as u64;
        if Some(line) == names_line {
            continue;
        }
        proc.record(row.as_slice(), line)?;
    }
    let (panel, mut report) = proc.finish()?;
    report.format = Some(FormatInfo {
        kind: "xlsx".into(),
        encoding: "UTF-8".into(),
        delimiter: None,
        decimal_comma,
        bom: false,
        header_row: header_line,
        sheet: table.sheet.clone(),
        sheets: table.sheets.clone(),
    });
    report.layout = Some(layout);
    Ok((panel, report))
}
