//! An industry-by-industry input-output table loaded from CSV bytes.

use super::grid::{cell_number, is_name_header, read_grid, Grid};
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use serde::{Deserialize, Serialize};

/// A square input-output table. Matrices are flat, row-major: `z[i * n + j]` is the flow from
/// selling sector `i` (row) to buying sector `j` (column).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IoTable {
    pub n: usize,
    /// Sector codes, in row (= column) order.
    pub sectors: Vec<String>,
    /// Sector names (empty strings when the file has none).
    pub names: Vec<String>,
    /// Inter-industry flows `Z`, n × n row-major.
    pub z: Vec<f64>,
    /// Final demand per sector (sum of the final-demand columns); zeros when the file has none.
    pub final_demand: Vec<f64>,
    /// Total output `x`: the given total row/column, else `Z 1 + f`.
    pub x: Vec<f64>,
    /// Employment per sector, when the file has an employment row.
    pub employment: Option<Vec<f64>>,
    /// Value added per sector, when the file has a value-added row.
    pub value_added: Option<Vec<f64>>,
    /// Names of the columns summed into final demand.
    pub final_demand_columns: Vec<String>,
    /// Where `x` came from: `total_row`, `total_column` or `row_sums_plus_final_demand`.
    pub output_source: String,
}

/// How to read the table; every field optional (recognised from the labels when absent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IoTableOptions {
    /// Final-demand columns; default: every non-sector column that is not a total.
    pub final_demand_columns: Option<Vec<String>>,
    /// Label of the total-output row or column; default: a label containing "total" and "output",
    /// or exactly `x` / `output` / `total output`.
    pub total_output: Option<String>,
    /// Label of the employment row; default: a label starting with "employ" or equal to "emp".
    pub employment_row: Option<String>,
    /// Label of the value-added row; default: a label containing "value added" or equal to "va".
    pub value_added_row: Option<String>,
    /// Sheet of an XLSX workbook (default: the first).
    pub sheet: Option<String>,
}

fn is_total_output(l: &str, opt: &Option<String>) -> bool {
    if let Some(o) = opt {
        return l.eq_ignore_ascii_case(o);
    }
    let l = l.to_ascii_lowercase();
    l == "x"
        || l == "output"
        || (l.contains("total") && l.contains("output") && !l.contains("commodity"))
}
fn is_employment(l: &str, opt: &Option<String>) -> bool {
    if let Some(o) = opt {
        return l.eq_ignore_ascii_case(o);
    }
    let l = l.to_ascii_lowercase();
    l.starts_with("employ") || l == "emp" || l == "jobs"
}
fn is_value_added(l: &str, opt: &Option<String>) -> bool {
    if let Some(o) = opt {
        return l.eq_ignore_ascii_case(o);
    }
    let l = l.to_ascii_lowercase();
    l.contains("value added") || l == "va" || l == "gva"
}

/// Number of leading label columns: the code column, plus a name column when its header says so
/// or its cells are text.
pub(crate) fn label_columns(g: &Grid) -> usize {
    let second_is_name = g.header.get(1).is_some_and(|h| is_name_header(h))
        || (g.rows.len() >= 2
            && g.rows.iter().take(20).all(|r| {
                r.get(1).is_some_and(|c| {
                    !c.is_empty() && crate::ingest::parse_number(c, false).is_none()
                })
            }));
    if second_is_name {
        2
    } else {
        1
    }
}

/// Load a square inter-industry table from CSV bytes or an XLSX workbook (`opts.sheet`).
///
/// Layout: first column = sector code (row label), optional second column = sector name; the next
/// `n` columns are the buying sectors, in the **same order** as the `n` leading rows. Columns after
/// the sector block are final demand, or the total output column; rows after the sector block may be
/// total output, employment, value added, or any other row whose label contains "total" or
/// "value added" (ignored with a warning).
///
/// # Errors
/// `E_NOT_SQUARE` when there are fewer sector columns than sector rows; `E_LABEL_MISMATCH` naming
/// the column whose header differs from the row label at the same position, or an unrecognised row;
/// `E_NON_NUMERIC` at the offending cell; `E_DUPLICATE_ROW` for a repeated sector.
///
/// # Complexity
/// O(n²) time and memory.
pub fn parse_io_table(
    bytes: &[u8],
    name: &str,
    opts: &IoTableOptions,
) -> Result<(IoTable, Vec<Warning>)> {
    io_table_from_grid(&read_grid(bytes, name, opts.sheet.as_deref())?, opts)
}

/// [`parse_io_table`] on an already read grid (e.g. an XLSX sheet turned into rows by the page's
/// XLSX module and [`super::grid_from_rows`]).
///
/// # Errors
/// As [`parse_io_table`].
pub fn io_table_from_grid(g: &Grid, opts: &IoTableOptions) -> Result<(IoTable, Vec<Warning>)> {
    let name = g.file.as_str();
    let lc = label_columns(g);
    let cols: Vec<&String> = g.header.iter().skip(lc).collect();
    let mut warnings = Vec::new();
    // Sector rows: the leading rows whose label is also a column header.
    let label = |r: &Vec<String>| r.first().cloned().unwrap_or_default();
    let n = g
        .rows
        .iter()
        .take_while(|r| {
            let l = label(r);
            cols.iter().any(|c| **c == l)
        })
        .count();
    if n == 0 {
        let first = g.rows.first().map(label).unwrap_or_default();
        return Err(Error::new(
            ErrorCode::LabelMismatch,
            format!(
                "the first row label '{first}' is not among the column headers; rows (sellers) and columns (buyers) must list the same sectors in the same order"
            ),
        )
        .at(Location::file(name).with_row(2).with_value(first)));
    }
    let sectors: Vec<String> = g.rows.iter().take(n).map(label).collect();
    let names: Vec<String> = g
        .rows
        .iter()
        .take(n)
        .map(|r| {
            if lc == 2 {
                r.get(1).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .collect();
    for (k, s) in sectors.iter().enumerate() {
        if sectors.iter().take(k).any(|t| t == s) {
            return Err(Error::new(
                ErrorCode::DuplicateRow,
                format!("sector '{s}' appears twice as a row"),
            )
            .at(Location::file(name).with_row(k as u64 + 2).with_industry(s)));
        }
    }
    if cols.len() < n {
        return Err(Error::new(
            ErrorCode::NotSquare,
            format!(
                "{n} sector rows but only {} data columns: the flow matrix must be square",
                cols.len()
            ),
        )
        .at(Location::file(name)));
    }
    for (k, s) in sectors.iter().enumerate() {
        let c = cols.get(k).map(|c| c.as_str()).unwrap_or("");
        if c != s {
            let msg = if cols.contains(&s) {
                format!("column {} is '{c}' but row {} is '{s}': columns must list the sectors in the same order as the rows", k + lc + 1, k + 2)
            } else {
                format!(
                    "row sector '{s}' has no column; column {} is '{c}'",
                    k + lc + 1
                )
            };
            return Err(
                Error::new(ErrorCode::LabelMismatch, msg).at(Location::file(name)
                    .with_row(k as u64 + 2)
                    .with_column(c)
                    .with_industry(s)),
            );
        }
    }
    // A sector-looking column after the block (e.g. a 73rd commodity) means the matrix is not square.
    let mut z = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let v = cell_number(g, i, lc + j, i as u64 + 2)?;
            if let Some(slot) = z.get_mut(i * n + j) {
                *slot = v;
            }
        }
    }
    // Extra columns.
    let mut fd_cols = Vec::new();
    let mut total_col = None;
    for (k, h) in cols.iter().enumerate().skip(n) {
        let c = lc + k;
        if is_total_output(h, &opts.total_output) {
            total_col = Some(c);
        } else if let Some(list) = &opts.final_demand_columns {
            if list.iter().any(|l| l.eq_ignore_ascii_case(h)) {
                fd_cols.push(c);
            }
        } else if !h.to_ascii_lowercase().contains("total") && !h.is_empty() {
            fd_cols.push(c);
        }
    }
    if let Some(list) = &opts.final_demand_columns {
        for l in list {
            if !g.header.iter().any(|h| h.eq_ignore_ascii_case(l)) {
                return Err(Error::new(
                    ErrorCode::MissingColumn,
                    format!("no final-demand column '{l}'"),
                )
                .at(Location::file(name).with_column(l)));
            }
        }
    }
    let mut f = vec![0.0; n];
    for (i, fi) in f.iter_mut().enumerate() {
        for c in &fd_cols {
            *fi += cell_number(g, i, *c, i as u64 + 2)?;
        }
    }
    // Extra rows.
    let mut total_row = None;
    let mut employment = None;
    let mut value_added = None;
    let read_row = |r: usize| -> Result<Vec<f64>> {
        (0..n)
            .map(|j| cell_number(g, r, lc + j, r as u64 + 2))
            .collect()
    };
    for (r, row) in g.rows.iter().enumerate().skip(n) {
        let l = label(row);
        if is_total_output(&l, &opts.total_output) {
            total_row = Some(read_row(r)?);
        } else if is_employment(&l, &opts.employment_row) {
            employment = Some(read_row(r)?);
        } else if is_value_added(&l, &opts.value_added_row) {
            value_added = Some(read_row(r)?);
        } else if cols.iter().any(|c| **c == l) {
            return Err(Error::new(
                ErrorCode::LabelMismatch,
                format!("row '{l}' is a sector column but appears after a non-sector row; sector rows must come first, in column order"),
            )
            .at(Location::file(name).with_row(r as u64 + 2).with_industry(&l)));
        } else if l.to_ascii_lowercase().contains("total")
            || l.to_ascii_lowercase().starts_with('v')
        {
            warnings.push(
                Warning::new("W_IO_ROW_IGNORED", format!("row '{l}' is not used"))
                    .at(Location::file(name).with_row(r as u64 + 2)),
            );
        } else {
            return Err(Error::new(
                ErrorCode::LabelMismatch,
                format!("row '{l}' has no matching sector column, and is not a total-output, employment or value-added row: the flow matrix must be square with the same sectors on rows and columns"),
            )
            .at(Location::file(name).with_row(r as u64 + 2).with_industry(&l)));
        }
    }
    let (x, source) = if let Some(t) = total_row {
        (t, "total_row")
    } else if let Some(c) = total_col {
        let x: Result<Vec<f64>> = (0..n).map(|i| cell_number(g, i, c, i as u64 + 2)).collect();
        (x?, "total_column")
    } else {
        if fd_cols.is_empty() {
            warnings.push(Warning::new(
                "W_IO_NO_OUTPUT",
                "the table has no total-output row or column and no final demand: output is taken as intermediate sales only",
            ).at(Location::file(name)));
        }
        let x = (0..n)
            .map(|i| z.iter().skip(i * n).take(n).sum::<f64>() + f.get(i).copied().unwrap_or(0.0))
            .collect();
        (x, "row_sums_plus_final_demand")
    };
    if fd_cols.is_empty() && source != "row_sums_plus_final_demand" {
        // Final demand implied by the accounting identity x = Z 1 + f.
        for (i, fi) in f.iter_mut().enumerate() {
            let zi: f64 = z.iter().skip(i * n).take(n).sum();
            *fi = x.get(i).copied().unwrap_or(0.0) - zi;
        }
    }
    let final_demand_columns = fd_cols
        .iter()
        .filter_map(|c| g.header.get(*c).cloned())
        .collect();
    Ok((
        IoTable {
            n,
            sectors,
            names,
            z,
            final_demand: f,
            x,
            employment,
            value_added,
            final_demand_columns,
            output_source: source.to_string(),
        },
        warnings,
    ))
}

impl IoTable {
    /// Build a table from flows and output (e.g. generated in a benchmark or passed from JS).
    ///
    /// # Errors
    /// `E_NOT_SQUARE` when `z.len() != n²` or `x`/`f` lengths differ from n.
    pub fn from_flows(
        sectors: Vec<String>,
        z: Vec<f64>,
        x: Vec<f64>,
        final_demand: Option<Vec<f64>>,
    ) -> Result<Self> {
        let n = sectors.len();
        if z.len() != n * n || x.len() != n {
            return Err(Error::new(
                ErrorCode::NotSquare,
                format!(
                    "{n} sectors need {} flows and {n} outputs; got {} and {}",
                    n * n,
                    z.len(),
                    x.len()
                ),
            ));
        }
        let f = match final_demand {
            Some(f) if f.len() == n => f,
            Some(f) => {
                return Err(Error::new(
                    ErrorCode::NotSquare,
                    format!("{n} sectors but {} final-demand values", f.len()),
                ))
            }
            None => (0..n)
                .map(|i| {
                    x.get(i).copied().unwrap_or(0.0) - z.iter().skip(i * n).take(n).sum::<f64>()
                })
                .collect(),
        };
        Ok(IoTable {
            n,
            names: vec![String::new(); n],
            sectors,
            z,
            final_demand: f,
            x,
            employment: None,
            value_added: None,
            final_demand_columns: vec![],
            output_source: "given".into(),
        })
    }

    /// Index of a sector code.
    pub fn sector_index(&self, code: &str) -> Option<usize> {
        self.sectors.iter().position(|s| s == code)
    }
}
