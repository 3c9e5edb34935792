//! CSV export of flat result rows, safe to open in a spreadsheet.

use crate::error::{Error, ErrorCode, Result};
use serde_json::Value;

/// Neutralise a cell a spreadsheet would run as a formula: a leading `=`, `+`, `-`, `@`, tab or
/// carriage return gets a `'` prefix (OWASP CSV-injection guidance). Numbers are never passed here.
///
/// ```
/// assert_eq!(agglo::export::neutralise_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
/// assert_eq!(agglo::export::neutralise_cell("Whitfield"), "Whitfield");
/// ```
pub fn neutralise_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => b.to_string(),
        // Numbers are written in full precision; a negative number is data, not a formula.
        Value::Number(n) => n.to_string(),
        Value::String(s) => neutralise_cell(s),
        other => neutralise_cell(&other.to_string()),
    }
}

/// Write an array of flat JSON objects as CSV. Columns: the keys of the first row, in order, then
/// any new keys met later.
pub fn rows_to_csv(rows: &[Value]) -> Result<String> {
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
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::new(ErrorCode::Internal, e.to_string());
    w.write_record(&cols).map_err(err)?;
    for r in rows {
        let rec: Vec<String> = cols
            .iter()
            .map(|c| r.get(c).map(cell).unwrap_or_default())
            .collect();
        w.write_record(&rec).map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn neutralises_strings_not_numbers() {
        let csv = rows_to_csv(&[json!({"name": "=cmd|' /C calc'!A0", "v": -1.5, "n": "@SUM(A1)"})])
            .unwrap();
        assert_eq!(csv, "name,v,n\n'=cmd|' /C calc'!A0,-1.5,'@SUM(A1)\n");
    }
}
