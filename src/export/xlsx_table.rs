//! XLSX export of flat result rows (feature `xlsx`; in the browser, the lazily loaded extras module).

use super::csv_table::neutralise_cell;
use crate::error::{Error, ErrorCode, Result};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;

/// Write flat JSON rows to a one-sheet workbook: a bold header row, numbers as numbers, text as text
/// (with the same formula neutralisation as the CSV export, so a copy-paste into a formula cell
/// stays inert).
///
/// # Errors
/// `E_INTERNAL` if the workbook cannot be assembled (e.g. more than 1,048,576 rows).
pub fn rows_to_xlsx(rows: &[Value], sheet: &str) -> Result<Vec<u8>> {
    let xerr = |e: rust_xlsxwriter::XlsxError| {
        Error::new(
            ErrorCode::Internal,
            format!("cannot write the workbook: {e}"),
        )
    };
    let mut cols: Vec<String> = Vec::new();
    for r in rows {
        if let Value::Object(m) = r {
            for k in m.keys() {
                if !cols.contains(k) {
                    cols.push(k.clone());
                }
            }
        }
    }
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let name: String = sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    ws.set_name(if name.is_empty() { "Agglo" } else { &name })
        .map_err(xerr)?;
    let bold = Format::new().set_bold();
    for (c, h) in cols.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, neutralise_cell(h), &bold)
            .map_err(xerr)?;
    }
    for (k, r) in rows.iter().enumerate() {
        let row = u32::try_from(k + 1)
            .map_err(|_| Error::new(ErrorCode::TooLarge, "too many rows for a worksheet"))?;
        for (c, key) in cols.iter().enumerate() {
            let col = c as u16;
            match r.get(key) {
                Some(Value::Number(n)) => {
                    if let Some(x) = n.as_f64() {
                        ws.write_number(row, col, x).map_err(xerr)?;
                    }
                }
                Some(Value::String(s)) => {
                    ws.write_string(row, col, neutralise_cell(s))
                        .map_err(xerr)?;
                }
                Some(Value::Bool(b)) => {
                    ws.write_boolean(row, col, *b).map_err(xerr)?;
                }
                Some(Value::Null) | None => {}
                Some(other) => {
                    ws.write_string(row, col, neutralise_cell(&other.to_string()))
                        .map_err(xerr)?;
                }
            }
        }
    }
    wb.save_to_buffer().map_err(xerr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use serde_json::json;

    #[test]
    fn round_trips_through_calamine() {
        let rows = vec![
            json!({"region": "13313", "name": "=cmd()", "lq": 671.5722374388412}),
            json!({"region": "13213", "name": "Murray", "lq": 784.2246320848247}),
        ];
        let bytes = rows_to_xlsx(&rows, "LQ 3141").unwrap();
        let mut wb: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = wb.worksheet_range("LQ 3141").unwrap();
        assert_eq!(range.get((0, 2)), Some(&Data::String("lq".into())));
        assert_eq!(range.get((1, 0)), Some(&Data::String("13313".into())));
        assert_eq!(range.get((1, 1)), Some(&Data::String("'=cmd()".into())));
        assert_eq!(range.get((2, 2)), Some(&Data::Float(784.2246320848247)));
    }
}
