//! Bytes → a rectangular grid of trimmed text cells, for the IO loaders (tables, Make/Use, crosswalks).
//! Kept here rather than in `ingest` because IO tables are matrices, not region × industry panels.

use crate::error::{Error, ErrorCode, Location, Result};

/// A parsed CSV: the header and the data rows (1-based line of data row `k` is `k + 2`).
#[derive(Debug, Clone, PartialEq)]
pub struct Grid {
    pub file: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Parse CSV bytes (UTF-8 with optional BOM, or Windows-1252; `,`, `;` or tab separated, sniffed
/// from the header line).
pub fn parse_grid(bytes: &[u8], name: &str) -> Result<Grid> {
    if bytes.is_empty() {
        return Err(Error::new(ErrorCode::EmptyFile, "the file is empty").at(Location::file(name)));
    }
    if bytes.iter().take(4096).any(|b| *b == 0) {
        return Err(Error::new(
            ErrorCode::BinaryFile,
            "the file looks binary (NUL bytes); expected a CSV text file",
        )
        .at(Location::file(name)));
    }
    let text: String = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => crate::ingest::TextEncoding::Windows1252.decode_lossy_prefix(bytes),
    };
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delim = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .delimiter(delim)
        .from_reader(text.as_bytes());
    let header: Vec<String> = rdr
        .headers()
        .map_err(|e| {
            Error::new(ErrorCode::CsvSyntax, e.to_string()).at(Location::file(name).with_row(1))
        })?
        .iter()
        .map(|s| s.trim().to_string())
        .collect();
    if header.iter().all(|h| h.is_empty()) {
        return Err(
            Error::new(ErrorCode::NoHeader, "the first line has no column names")
                .at(Location::file(name).with_row(1)),
        );
    }
    let mut rows = Vec::new();
    for (k, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| {
            Error::new(ErrorCode::CsvSyntax, e.to_string())
                .at(Location::file(name).with_row(k as u64 + 2))
        })?;
        let row: Vec<String> = rec.iter().map(|s| s.trim().to_string()).collect();
        push_row(&mut rows, row, header.len(), name, k)?;
    }
    finish(header, rows, name, "file")
}

/// Appends data row `k` (0-based; line `k + 2`) unless all its cells are empty.
///
/// # Errors
/// `E_RAGGED_ROW` when the row has more cells than the header's `width`.
fn push_row(
    rows: &mut Vec<Vec<String>>,
    row: Vec<String>,
    width: usize,
    name: &str,
    k: usize,
) -> Result<()> {
    if row.iter().all(|c| c.is_empty()) {
        return Ok(());
    }
    if row.len() > width {
        return Err(Error::new(
            ErrorCode::RaggedRow,
            format!(
                "row has {} cells but the header has {} columns",
                row.len(),
                width
            ),
        )
        .at(Location::file(name).with_row(k as u64 + 2)));
    }
    rows.push(row);
    Ok(())
}

/// The grid of `header` and `rows`.
///
/// # Errors
/// `E_NO_DATA` without data rows (the message names the `what`: file or sheet).
fn finish(header: Vec<String>, rows: Vec<Vec<String>>, name: &str, what: &str) -> Result<Grid> {
    if rows.is_empty() {
        return Err(Error::new(
            ErrorCode::NoData,
            format!("the {what} has a header but no data rows"),
        )
        .at(Location::file(name)));
    }
    Ok(Grid {
        file: name.to_string(),
        header,
        rows,
    })
}

/// A grid from text rows (the first row is the header), e.g. one XLSX sheet read by
/// [`crate::ingest::xlsx_to_table`]. Cells are trimmed; empty rows are skipped. Row numbers in
/// later messages count the header as line 1.
///
/// # Errors
/// `E_NO_HEADER` when the first row is empty; `E_RAGGED_ROW` when a row has more cells than the
/// header; `E_NO_DATA` without data rows.
///
/// # Examples
/// ```
/// use agglo::io_model::grid_from_rows;
/// let g = grid_from_rows(vec![vec!["code".into(), "x".into()], vec!["A".into(), " 2 ".into()]], "t.xlsx").unwrap();
/// assert_eq!(g.rows[0][1], "2");
/// ```
pub fn grid_from_rows(rows: Vec<Vec<String>>, name: &str) -> Result<Grid> {
    let mut it = rows.into_iter();
    let mut header: Vec<String> = it
        .next()
        .unwrap_or_default()
        .into_iter()
        .map(|s| s.trim().to_string())
        .collect();
    while header.last().is_some_and(|h| h.is_empty()) {
        header.pop();
    }
    if header.iter().all(|h| h.is_empty()) {
        return Err(
            Error::new(ErrorCode::NoHeader, "the first row has no column names")
                .at(Location::file(name).with_row(1)),
        );
    }
    let mut out = Vec::new();
    for (k, r) in it.enumerate() {
        let mut row: Vec<String> = r.into_iter().map(|s| s.trim().to_string()).collect();
        while row.len() > header.len() && row.last().is_some_and(|c| c.is_empty()) {
            row.pop();
        }
        push_row(&mut out, row, header.len(), name, k)?;
    }
    finish(header, out, name, "sheet")
}

/// A grid from file bytes: an XLSX workbook (by its zip signature or `.xlsx` name; `sheet` chosen
/// by name, default the first) or delimited text as [`parse_grid`].
///
/// # Errors
/// As [`parse_grid`] / [`grid_from_rows`]; `E_XLSX_*` for unreadable workbooks or an unknown sheet
/// (`E_XLSX_UNAVAILABLE` in builds without XLSX support).
pub fn read_grid(bytes: &[u8], name: &str, sheet: Option<&str>) -> Result<Grid> {
    if bytes.starts_with(b"PK\x03\x04") || name.to_ascii_lowercase().ends_with(".xlsx") {
        let t = crate::ingest::xlsx_to_table(bytes, sheet).map_err(|e| {
            if e.location.is_empty() {
                e.at(Location::file(name))
            } else {
                e
            }
        })?;
        let label = match &t.sheet {
            Some(s) => format!("{name} [{s}]"),
            None => name.to_string(),
        };
        return grid_from_rows(t.rows, &label);
    }
    parse_grid(bytes, name)
}

/// Parse one numeric matrix cell: empty means 0 in an IO table (flows are published as blanks when
/// nil); anything else non-numeric is an error at its row and column.
pub fn cell_number(grid: &Grid, row: usize, col: usize, line: u64) -> Result<f64> {
    let s = grid
        .rows
        .get(row)
        .and_then(|r| r.get(col))
        .map(|s| s.as_str())
        .unwrap_or("");
    let t = s.trim();
    if t.is_empty() || t == "-" || t == "..." {
        return Ok(0.0);
    }
    crate::ingest::parse_number(t, false).ok_or_else(|| {
        Error::new(
            ErrorCode::NonNumeric,
            format!("'{t}' is not a number in an input-output matrix cell"),
        )
        .at(Location::file(&grid.file)
            .with_row(line)
            .with_column(grid.header.get(col).cloned().unwrap_or_default())
            .with_value(t))
    })
}

/// Whether a header or row label is a code/name column rather than a sector.
pub fn is_name_header(h: &str) -> bool {
    let l = h.to_ascii_lowercase();
    matches!(
        l.as_str(),
        "name"
            | "names"
            | "description"
            | "title"
            | "label"
            | "sector name"
            | "industry name"
            | "commodity name"
    )
}
