//! XLSX → a text grid ([`Table`]) that the normal pipeline consumes (calamine, feature `xlsx`).
//!
//! The main wasm build is compiled without the feature; the lazily loaded XLSX wasm module calls
//! [`xlsx_to_table`] and hands the resulting [`Table`] (plain serde) to [`super::load_table`].

use super::Table;
use crate::error::{Error, ErrorCode, Result};

/// Read one sheet of an XLSX workbook as text cells.
///
/// Numbers are written without a trailing `.0` when integral (`11607`), otherwise in Rust's
/// shortest round-trip form; text cells are kept as they are (FIPS `01001` keeps its zero); empty
/// cells are `""`; Excel error cells become their text (`#DIV/0!`) and are rejected later if used
/// as values. Row numbers in [`Table::first_row`] are the sheet's own (1-based).
///
/// # Arguments
/// * `bytes` – the workbook; `sheet` – its name, default the first sheet.
///
/// # Errors
/// `E_XLSX_READ` (not a readable workbook: truncated, corrupt, not XLSX), `E_XLSX_SHEET` (no such
/// sheet; the message lists the sheets), `E_EMPTY_FILE` (the sheet is empty).
///
/// # Complexity
/// O(cells).
#[cfg(feature = "xlsx")]
pub fn xlsx_to_table(bytes: &[u8], sheet: Option<&str>) -> Result<Table> {
    use crate::error::Location;
    use calamine::{Data, Reader, Xlsx};
    let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|e| {
        Error::new(
            ErrorCode::XlsxRead,
            format!("cannot read the workbook (truncated, corrupt or not XLSX): {e}"),
        )
    })?;
    let sheets = wb.sheet_names();
    let chosen = match sheet {
        Some(s) => sheets
            .iter()
            .find(|n| n.as_str() == s)
            .or_else(|| {
                sheets
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(s.trim()))
            })
            .cloned()
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::XlsxSheet,
                    format!("no sheet '{s}'; the workbook has: {}", sheets.join(", ")),
                )
                .at(Location::default().with_sheet(s))
            })?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| Error::new(ErrorCode::XlsxSheet, "the workbook has no sheets"))?,
    };
    let range = wb.worksheet_range(&chosen).map_err(|e| {
        Error::new(
            ErrorCode::XlsxRead,
            format!("cannot read sheet '{chosen}': {e}"),
        )
        .at(Location::default().with_sheet(chosen.clone()))
    })?;
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let mut rows = Vec::with_capacity(range.height());
    for r in range.rows() {
        let mut out = Vec::with_capacity(col0 as usize + r.len());
        // Keep sheet columns aligned with column A even when the used range starts later.
        out.resize(col0 as usize, String::new());
        for c in r {
            out.push(match c {
                Data::Empty => String::new(),
                Data::String(s) => s.clone(),
                Data::Float(f) => format_float(*f),
                Data::Int(i) => i.to_string(),
                Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
                Data::DateTime(d) => format_float(d.as_f64()),
                Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
                Data::Error(e) => format!("{e}"),
            });
        }
        rows.push(out);
    }
    if rows.is_empty() {
        return Err(
            Error::new(ErrorCode::EmptyFile, format!("sheet '{chosen}' is empty"))
                .at(Location::default().with_sheet(chosen.clone())),
        );
    }
    Ok(Table {
        sheets,
        sheet: Some(chosen),
        first_row: u64::from(row0) + 1,
        rows,
    })
}

/// Without the `xlsx` feature every workbook is refused with `E_XLSX_UNAVAILABLE`.
#[cfg(not(feature = "xlsx"))]
pub fn xlsx_to_table(_bytes: &[u8], _sheet: Option<&str>) -> Result<Table> {
    Err(unavailable())
}

#[cfg(not(feature = "xlsx"))]
pub(crate) fn unavailable() -> Error {
    Error::new(
        ErrorCode::XlsxUnavailable,
        "this is an XLSX workbook and XLSX reading is not built into this module; load the XLSX module (or save the sheet as CSV)",
    )
}

#[cfg(feature = "xlsx")]
fn format_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}
