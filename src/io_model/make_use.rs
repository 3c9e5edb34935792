//! Commodity-by-industry Make and Use tables → an industry-by-industry table (industry technology).

use super::grid::{cell_number, read_grid, Grid};
use super::table::{label_columns, IoTable};
use crate::error::{Error, ErrorCode, Location, Result, Warning};

fn has_total(s: &str) -> bool {
    s.to_ascii_lowercase().contains("total")
}

fn header_index(g: &Grid, label: &str) -> Option<usize> {
    g.header.iter().position(|h| h == label)
}

/// Build an industry-by-industry table from a Make (V, industry × commodity) and a Use
/// (U, commodity × industry, plus final-demand columns) table under the **industry-technology
/// assumption**.
///
/// `D = V diag(q)⁻¹` (market shares; `q` = commodity output, the Make table's total row, else its
/// column sums), `B = U diag(g)⁻¹` (`g` = industry output, the Make table's total column, else its
/// row sums), `A = D B`, hence `Z = D U` and industry final demand `D f` with `f` the sum of the
/// Use table's final-demand columns (every non-industry column whose header lacks "total").
/// Value added comes from the Use row labelled "value added" when present.
///
/// Labels are matched by code, so the two files may order sectors differently; every Make
/// commodity must be a Use row and every Make industry a Use column.
///
/// # Errors
/// `E_LABEL_MISMATCH` naming the industry or commodity missing from the other table;
/// `E_NON_NUMERIC` at the offending cell.
///
/// # Complexity
/// O(n_ind² · n_com).
///
/// # Reference
/// Miller & Blair (2009), *Input-Output Analysis*, 2nd ed., §5.3 (industry-based technology).
pub fn parse_make_use(
    make: &[u8],
    make_name: &str,
    use_table: &[u8],
    use_name: &str,
) -> Result<(IoTable, Vec<Warning>)> {
    make_use_from_grids(
        &read_grid(make, make_name, None)?,
        &read_grid(use_table, use_name, None)?,
    )
}

/// [`parse_make_use`] on already read grids (e.g. XLSX sheets).
///
/// # Errors
/// As [`parse_make_use`].
pub fn make_use_from_grids(mg: &Grid, ug: &Grid) -> Result<(IoTable, Vec<Warning>)> {
    let (make_name, use_name) = (mg.file.as_str(), ug.file.as_str());
    let mut warnings = Vec::new();
    let mlc = label_columns(mg);
    let ulc = label_columns(ug);
    let ind_rows: Vec<usize> = (0..mg.rows.len())
        .filter(|r| {
            mg.rows
                .get(*r)
                .and_then(|x| x.first())
                .is_some_and(|l| !has_total(l))
        })
        .collect();
    let industries: Vec<String> = ind_rows
        .iter()
        .filter_map(|r| mg.rows.get(*r).and_then(|x| x.first()).cloned())
        .collect();
    let names: Vec<String> = ind_rows
        .iter()
        .map(|r| {
            if mlc == 2 {
                mg.rows
                    .get(*r)
                    .and_then(|x| x.get(1))
                    .cloned()
                    .unwrap_or_default()
            } else {
                String::new()
            }
        })
        .collect();
    let com_cols: Vec<usize> = (mlc..mg.header.len())
        .filter(|c| {
            mg.header
                .get(*c)
                .is_some_and(|h| !has_total(h) && !h.is_empty())
        })
        .collect();
    let commodities: Vec<String> = com_cols
        .iter()
        .filter_map(|c| mg.header.get(*c).cloned())
        .collect();
    let ni = industries.len();
    let nc = commodities.len();
    if ni == 0 || nc == 0 {
        return Err(Error::new(
            ErrorCode::NoData,
            "the Make table needs industry rows and commodity columns",
        )
        .at(Location::file(make_name)));
    }
    // V (ni × nc)
    let mut v = vec![0.0; ni * nc];
    for (a, r) in ind_rows.iter().enumerate() {
        for (b, c) in com_cols.iter().enumerate() {
            if let Some(s) = v.get_mut(a * nc + b) {
                *s = cell_number(mg, *r, *c, *r as u64 + 2)?;
            }
        }
    }
    let g_col = (mlc..mg.header.len()).find(|c| {
        mg.header.get(*c).is_some_and(|h| {
            let l = h.to_ascii_lowercase();
            l.contains("total") && l.contains("industry")
        })
    });
    let g: Vec<f64> = match g_col {
        Some(c) => ind_rows
            .iter()
            .map(|r| cell_number(mg, *r, c, *r as u64 + 2))
            .collect::<Result<_>>()?,
        None => (0..ni)
            .map(|a| v.iter().skip(a * nc).take(nc).sum())
            .collect(),
    };
    let q_row = (0..mg.rows.len()).find(|r| {
        mg.rows.get(*r).and_then(|x| x.first()).is_some_and(|l| {
            let l = l.to_ascii_lowercase();
            l.contains("total") && l.contains("commodity")
        })
    });
    let q: Vec<f64> = match q_row {
        Some(r) => com_cols
            .iter()
            .map(|c| cell_number(mg, r, *c, r as u64 + 2))
            .collect::<Result<_>>()?,
        None => (0..nc)
            .map(|b| {
                (0..ni)
                    .map(|a| v.get(a * nc + b).copied().unwrap_or(0.0))
                    .sum()
            })
            .collect(),
    };
    // Use: commodity rows and industry columns located by label.
    let mut u_rows = Vec::with_capacity(nc);
    for c in &commodities {
        let r = ug
            .rows
            .iter()
            .position(|row| row.first().is_some_and(|l| l == c))
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::LabelMismatch,
                    format!("commodity '{c}' of the Make table has no row in the Use table"),
                )
                .at(Location::file(use_name).with_industry(c))
            })?;
        u_rows.push(r);
    }
    let mut u_cols = Vec::with_capacity(ni);
    for i in &industries {
        let c = header_index(&ug, i).filter(|c| *c >= ulc).ok_or_else(|| {
            Error::new(
                ErrorCode::LabelMismatch,
                format!("industry '{i}' of the Make table has no column in the Use table"),
            )
            .at(Location::file(use_name).with_column(i).with_industry(i))
        })?;
        u_cols.push(c);
    }
    // Use columns that look like industries but are not in the Make table.
    for (c, h) in ug.header.iter().enumerate().skip(ulc) {
        if u_cols.contains(&c) || has_total(h) {
            continue;
        }
        if commodities.contains(h) {
            return Err(Error::new(
                ErrorCode::LabelMismatch,
                format!(
                    "Use column '{h}' looks like an industry but is not a row of the Make table"
                ),
            )
            .at(Location::file(use_name).with_column(h)));
        }
    }
    let fd_cols: Vec<usize> = (ulc..ug.header.len())
        .filter(|c| {
            !u_cols.contains(c)
                && ug
                    .header
                    .get(*c)
                    .is_some_and(|h| !has_total(h) && !h.is_empty())
        })
        .collect();
    // Z = D U with D = V diag(q)^-1: z_ij = sum_c v_ic / q_c * u_cj.
    let mut d = vec![0.0; ni * nc];
    for b in 0..nc {
        let qb = q.get(b).copied().unwrap_or(0.0);
        for a in 0..ni {
            let vv = v.get(a * nc + b).copied().unwrap_or(0.0);
            if let Some(s) = d.get_mut(a * nc + b) {
                *s = if qb != 0.0 { vv / qb } else { 0.0 };
            }
            if qb == 0.0 && vv != 0.0 {
                warnings.push(Warning::new(
                    "W_ZERO_COMMODITY_OUTPUT",
                    format!("commodity '{}' has zero total output but a Make entry; its market share is taken as 0", commodities.get(b).cloned().unwrap_or_default()),
                ));
            }
        }
    }
    let mut u = vec![0.0; nc * ni];
    let mut fcom = vec![0.0; nc];
    for (b, r) in u_rows.iter().enumerate() {
        for (j, c) in u_cols.iter().enumerate() {
            if let Some(s) = u.get_mut(b * ni + j) {
                *s = cell_number(ug, *r, *c, *r as u64 + 2)?;
            }
        }
        for c in &fd_cols {
            if let Some(s) = fcom.get_mut(b) {
                *s += cell_number(ug, *r, *c, *r as u64 + 2)?;
            }
        }
    }
    let mut z = vec![0.0; ni * ni];
    for i in 0..ni {
        for b in 0..nc {
            let dib = d.get(i * nc + b).copied().unwrap_or(0.0);
            if dib == 0.0 {
                continue;
            }
            for j in 0..ni {
                if let (Some(s), Some(ub)) = (z.get_mut(i * ni + j), u.get(b * ni + j)) {
                    *s += dib * ub;
                }
            }
        }
    }
    let f: Vec<f64> = (0..ni)
        .map(|i| {
            (0..nc)
                .map(|b| {
                    d.get(i * nc + b).copied().unwrap_or(0.0) * fcom.get(b).copied().unwrap_or(0.0)
                })
                .sum()
        })
        .collect();
    let va_row = (0..ug.rows.len()).find(|r| {
        ug.rows
            .get(*r)
            .and_then(|x| x.first())
            .is_some_and(|l| l.to_ascii_lowercase().contains("value added"))
    });
    let value_added = match va_row {
        Some(r) => Some(
            u_cols
                .iter()
                .map(|c| cell_number(ug, r, *c, r as u64 + 2))
                .collect::<Result<Vec<f64>>>()?,
        ),
        None => None,
    };
    let final_demand_columns = fd_cols
        .iter()
        .filter_map(|c| ug.header.get(*c).cloned())
        .collect();
    Ok((
        IoTable {
            n: ni,
            sectors: industries,
            names,
            z,
            final_demand: f,
            x: g,
            employment: None,
            value_added,
            final_demand_columns,
            output_source: "make_total_industry_output".into(),
        },
        warnings,
    ))
}
