//! File bytes → validated panel. Every rejection carries a stable code and a location.
//!
//! Public entry points: [`inspect`] (format, layout and proposed column roles) and [`load_panel`]
//! (bytes + confirmed roles → [`Panel`] + [`IngestReport`]).

pub mod boundaries;
mod roles;

pub use roles::{propose_roles, Role};

use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::panel::Panel;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How the file was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormatInfo {
    /// `csv` or `xlsx`.
    pub kind: String,
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
    /// The first rows as text, for the role dialog.
    pub preview: Vec<Vec<String>>,
    pub rows: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ColumnInfo {
    pub name: String,
    pub role: Role,
    pub samples: Vec<String>,
    /// Share of non-empty sample cells that parse as numbers.
    pub numeric_share: f64,
}

/// Options for loading; everything optional (detected when absent).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct LoadOptions {
    /// Confirmed roles, one per column; when absent they are proposed from the header.
    pub roles: Option<Vec<ColumnRole>>,
    pub region_col: Option<String>,
    pub industry_col: Option<String>,
    pub year_col: Option<String>,
    /// Measure columns; when absent every numeric column not otherwise used.
    pub value_cols: Option<Vec<String>>,
    pub layout: Option<Layout>,
    /// XLSX sheet name; default the first.
    pub sheet: Option<String>,
    /// Year for a wide sheet without a year column.
    pub year: Option<i32>,
    /// Industry codes that mean "all industries" (region totals); default `00`, `TOTAL`, `ALL`.
    pub total_codes: Option<Vec<String>>,
    /// Accept negative values (default false: employment, establishments and payroll can't be < 0).
    pub allow_negative: bool,
    /// Loading a reference table: a file without a region column is one region, `reference`.
    pub reference: bool,
}

/// What loading found, for the user: counts, suppression, warnings.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IngestReport {
    pub file: String,
    pub rows_read: u64,
    pub cells_loaded: u64,
    /// Suppressed / missing cells by marker (`(D)`, `x`, empty, …).
    pub suppressed: HashMap<String, u64>,
    pub suppressed_total: u64,
    pub warnings: Vec<Warning>,
}

const SUPPRESSION_MARKERS: [&str; 11] =
    ["", "(D)", "D", "x", "X", "..", "-", "c", "(X)", "(S)", "NA"];

/// Whether a cell is a suppression / missing marker (never a zero).
pub fn is_suppression_marker(s: &str) -> bool {
    SUPPRESSION_MARKERS.contains(&s.trim())
}

/// Parse a numeric cell: plain, thousands-separated (`1,234`) or decimal-comma (`1.234,5`) when
/// `decimal_comma` is set. `None` when it is not a number.
pub fn parse_number(s: &str, decimal_comma: bool) -> Option<f64> {
    let t = s.trim();
    if t.is_empty() {
        return None;
    }
    let cleaned: String = if decimal_comma {
        t.chars()
            .filter(|c| *c != '.' && *c != ' ' && *c != '\u{a0}')
            .map(|c| if c == ',' { '.' } else { c })
            .collect()
    } else {
        t.chars()
            .filter(|c| *c != ',' && *c != ' ' && *c != '\u{a0}')
            .collect()
    };
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn default_total_codes() -> Vec<String> {
    ["00", "0", "TOTAL", "Total", "ALL", "All", "10"]
        .iter()
        .take(6)
        .map(|s| s.to_string())
        .collect()
}

/// Detect format, layout and column roles.
pub fn inspect(bytes: &[u8], name: &str, opts: &LoadOptions) -> Result<Inspection> {
    let (headers, rows, format) = read_table(bytes, name, opts, Some(200))?;
    let roles = propose_roles(&headers, &rows);
    let columns = headers
        .iter()
        .enumerate()
        .map(|(c, h)| {
            let samples: Vec<String> = rows
                .iter()
                .filter_map(|r| r.get(c))
                .take(5)
                .cloned()
                .collect();
            let nonempty: Vec<&String> = rows
                .iter()
                .filter_map(|r| r.get(c))
                .filter(|s| !s.trim().is_empty())
                .collect();
            let numeric = nonempty
                .iter()
                .filter(|s| parse_number(s, format.decimal_comma).is_some())
                .count();
            ColumnInfo {
                name: h.clone(),
                role: roles.get(c).map(|r| r.role).unwrap_or(Role::Ignore),
                samples,
                numeric_share: if nonempty.is_empty() {
                    0.0
                } else {
                    numeric as f64 / nonempty.len() as f64
                },
            }
        })
        .collect();
    Ok(Inspection {
        file: name.to_string(),
        format,
        layout: Layout::Long,
        columns,
        preview: rows.iter().take(10).cloned().collect(),
        rows: rows.len() as u64,
    })
}

/// Read a tabular file into header + rows of text. (Simple first version: UTF-8, comma.)
fn read_table(
    bytes: &[u8],
    name: &str,
    _opts: &LoadOptions,
    limit: Option<usize>,
) -> Result<(Vec<String>, Vec<Vec<String>>, FormatInfo)> {
    if bytes.is_empty() {
        return Err(Error::new(ErrorCode::EmptyFile, "the file is empty").at(Location::file(name)));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorCode::Encoding,
            format!("the file is not valid UTF-8 at byte {}", e.valid_up_to()),
        )
        .at(Location::file(name))
    })?;
    let bom = text.starts_with('\u{feff}');
    let text = text.trim_start_matches('\u{feff}');
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = rdr
        .headers()
        .map_err(|e| {
            Error::new(ErrorCode::CsvSyntax, e.to_string()).at(Location::file(name).with_row(1))
        })?
        .iter()
        .map(|s| s.trim().to_string())
        .collect();
    let mut rows = Vec::new();
    for (k, rec) in rdr.records().enumerate() {
        if limit.is_some_and(|l| k >= l) {
            break;
        }
        let rec = rec.map_err(|e| {
            Error::new(ErrorCode::RaggedRow, e.to_string())
                .at(Location::file(name).with_row(k as u64 + 2))
        })?;
        rows.push(rec.iter().map(|s| s.to_string()).collect());
    }
    Ok((
        headers,
        rows,
        FormatInfo {
            kind: "csv".into(),
            encoding: "UTF-8".into(),
            delimiter: Some(','),
            decimal_comma: false,
            bom,
            header_row: 1,
            sheet: None,
            sheets: vec![],
        },
    ))
}

/// Load a long-layout table into a panel.
pub fn load_panel(bytes: &[u8], name: &str, opts: &LoadOptions) -> Result<(Panel, IngestReport)> {
    let (headers, rows, format) = read_table(bytes, name, opts, None)?;
    let mut roles = match &opts.roles {
        Some(r) => r.clone(),
        None => propose_roles(&headers, &rows),
    };
    let mut force = |col: &Option<String>, role: Role| -> Result<()> {
        if let Some(c) = col {
            let Some(k) = headers.iter().position(|h| h == c) else {
                return Err(Error::new(
                    ErrorCode::MissingColumn,
                    format!("no column '{c}'; the header has: {}", headers.join(", ")),
                )
                .at(Location::file(name)
                    .with_row(format.header_row)
                    .with_column(c.clone())));
            };
            for r in roles.iter_mut() {
                if r.role == role {
                    r.role = Role::Ignore;
                }
            }
            if let Some(r) = roles.get_mut(k) {
                r.role = role;
            }
        }
        Ok(())
    };
    force(&opts.region_col, Role::RegionCode)?;
    force(&opts.industry_col, Role::IndustryCode)?;
    force(&opts.year_col, Role::Year)?;
    if let Some(vs) = &opts.value_cols {
        for r in roles.iter_mut() {
            if r.role == Role::Measure {
                r.role = Role::Ignore;
            }
        }
        for v in vs {
            let Some(k) = headers.iter().position(|h| h == v) else {
                return Err(Error::new(
                    ErrorCode::MissingColumn,
                    format!("no column '{v}'; the header has: {}", headers.join(", ")),
                )
                .at(Location::file(name)
                    .with_row(format.header_row)
                    .with_column(v.clone())));
            };
            if let Some(r) = roles.get_mut(k) {
                r.role = Role::Measure;
            }
        }
    }
    let col = |role: Role| roles.iter().position(|r| r.role == role);
    let rc = col(Role::RegionCode);
    let ic = col(Role::IndustryCode).ok_or_else(|| {
        Error::new(
            ErrorCode::MissingColumn,
            "no industry code column was found; name it with --industry-col",
        )
        .at(Location::file(name).with_row(format.header_row))
    })?;
    if rc.is_none() && !opts.reference {
        return Err(Error::new(
            ErrorCode::MissingColumn,
            "no region code column was found; name it with --region-col",
        )
        .at(Location::file(name).with_row(format.header_row)));
    }
    let rn = col(Role::RegionName);
    let iname = col(Role::IndustryName);
    let yc = col(Role::Year);
    let mcols: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(_, r)| r.role == Role::Measure)
        .map(|(k, _)| k)
        .collect();
    if mcols.is_empty() {
        return Err(Error::new(
            ErrorCode::MissingColumn,
            "no numeric measure column was found; name it with --value-col",
        )
        .at(Location::file(name).with_row(format.header_row)));
    }
    let totals = opts.total_codes.clone().unwrap_or_else(default_total_codes);
    let mut report = IngestReport {
        file: name.to_string(),
        ..Default::default()
    };
    let mut rix: HashMap<String, usize> = HashMap::new();
    let mut iix: HashMap<String, usize> = HashMap::new();
    let mut yix: HashMap<i32, usize> = HashMap::new();
    let (mut regions, mut rnames, mut inds, mut inames, mut years) =
        (vec![], vec![], vec![], vec![], vec![]);
    struct Cell {
        r: usize,
        i: Option<usize>,
        y: usize,
        vals: Vec<f64>,
    }
    let mut cells = Vec::with_capacity(rows.len());
    for (k, row) in rows.iter().enumerate() {
        let line = k as u64 + format.header_row + 1;
        let get = |c: usize| row.get(c).map(|s| s.trim()).unwrap_or("");
        let rcode = match rc {
            Some(rc) => get(rc),
            None => "reference",
        };
        if rcode.is_empty() {
            return Err(
                Error::new(ErrorCode::MissingColumn, "empty region code").at(Location::file(name)
                    .with_row(line)
                    .with_column(rc.and_then(|c| headers.get(c)).cloned().unwrap_or_default())),
            );
        }
        let icode = get(ic);
        let year = match yc {
            Some(c) => {
                let y = get(c);
                y.parse::<i32>().map_err(|_| {
                    Error::new(ErrorCode::BadYear, format!("'{y}' is not a year")).at(
                        Location::file(name)
                            .with_row(line)
                            .with_column(headers.get(c).cloned().unwrap_or_default())
                            .with_value(y),
                    )
                })?
            }
            None => opts.year.unwrap_or(0),
        };
        let r = *rix.entry(rcode.to_string()).or_insert_with(|| {
            regions.push(rcode.to_string());
            rnames.push(rn.map(|c| get(c).to_string()).unwrap_or_default());
            regions.len() - 1
        });
        let i = if totals.iter().any(|t| t == icode) {
            None
        } else {
            Some(*iix.entry(icode.to_string()).or_insert_with(|| {
                inds.push(icode.to_string());
                inames.push(iname.map(|c| get(c).to_string()).unwrap_or_default());
                inds.len() - 1
            }))
        };
        let y = *yix.entry(year).or_insert_with(|| {
            years.push(year);
            years.len() - 1
        });
        let mut vals = Vec::with_capacity(mcols.len());
        for &c in &mcols {
            let s = get(c);
            if is_suppression_marker(s) {
                *report.suppressed.entry(s.to_string()).or_default() += 1;
                report.suppressed_total += 1;
                vals.push(f64::NAN);
                continue;
            }
            let v = parse_number(s, format.decimal_comma).ok_or_else(|| {
                Error::new(ErrorCode::NonNumeric, format!("'{s}' is not a number")).at(
                    Location::file(name)
                        .with_row(line)
                        .with_column(headers.get(c).cloned().unwrap_or_default())
                        .with_value(s),
                )
            })?;
            if v < 0.0 && !opts.allow_negative {
                return Err(
                    Error::new(ErrorCode::NegativeValue, format!("negative value {s}")).at(
                        Location::file(name)
                            .with_row(line)
                            .with_column(headers.get(c).cloned().unwrap_or_default())
                            .with_value(s),
                    ),
                );
            }
            vals.push(v);
        }
        report.rows_read += 1;
        cells.push(Cell { r, i, y, vals });
    }
    if cells.is_empty() {
        return Err(
            Error::new(ErrorCode::NoData, "the file has a header but no data rows")
                .at(Location::file(name)),
        );
    }
    // Years ascending.
    let mut order: Vec<usize> = (0..years.len()).collect();
    order.sort_by_key(|&k| years.get(k).copied().unwrap_or(0));
    let mut remap = vec![0usize; years.len()];
    for (new, &old) in order.iter().enumerate() {
        if let Some(slot) = remap.get_mut(old) {
            *slot = new;
        }
    }
    let sorted_years: Vec<i32> = order
        .iter()
        .filter_map(|&k| years.get(k).copied())
        .collect();
    let measures: Vec<String> = mcols
        .iter()
        .map(|&c| headers.get(c).cloned().unwrap_or_default())
        .collect();
    let mut panel = Panel::new(regions, rnames, inds, inames, sorted_years, measures);
    for c in &cells {
        let y = remap.get(c.y).copied().unwrap_or(0);
        for (m, v) in c.vals.iter().enumerate() {
            match c.i {
                Some(i) => {
                    if !v.is_nan() {
                        report.cells_loaded += 1;
                    }
                    panel.set(m, y, c.r, i, *v)?
                }
                None => panel.set_region_total(m, y, c.r, *v)?,
            }
        }
    }
    if report.suppressed_total > 0 {
        report.warnings.push(Warning::new(
            "W_SUPPRESSED",
            format!(
                "{} suppressed or empty cells are treated as missing (not zero)",
                report.suppressed_total
            ),
        ));
    }
    Ok((panel, report))
}
