//! Establishment-level (plant) sizes for Ellison-Glaeser's H: parsing a plant file against a panel.

use crate::error::{Error, ErrorCode, Location, Result};
use serde::Serialize;

/// One establishment: its region (index into the panel's regions), year (`None`: every year) and
/// employment.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Plant {
    pub region: usize,
    pub year: Option<i32>,
    pub size: f64,
}

fn find(headers: &[String], names: &[&str]) -> Option<usize> {
    headers
        .iter()
        .position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)))
}

/// Parse a plant-level CSV (one row per establishment) into the plants of each panel industry.
///
/// Columns (header names, case-insensitive): region `region_code` | `region`, industry
/// `industry_code` | `industry`, size `employment` | `employees` | `size`, optional `year`.
///
/// # Arguments
/// * `bytes` the CSV file (UTF-8).
/// * `regions`, `industries` the panel's codes; the result has one vector per industry.
///
/// # Errors
/// `E_CSV_SYNTAX` for unreadable CSV; `E_MISSING_COLUMN`; `E_UNKNOWN_REGION` /
/// `E_UNKNOWN_INDUSTRY` for a code not in the panel, `E_NON_NUMERIC` / `E_BAD_YEAR` for a bad
/// cell, `E_NEGATIVE_VALUE` for a negative size (each with its row, column and value).
///
/// # Complexity
/// O(rows × (regions + industries)) for the code look-ups.
///
/// # Examples
/// ```
/// let csv = b"region_code,industry_code,employment\nA,x,10\nB,x,100\n";
/// let p = agglo::indicators::parse_plants(csv, &["A".into(), "B".into()], &["x".into()]).unwrap();
/// assert_eq!(p[0].len(), 2);
/// assert_eq!((p[0][1].region, p[0][1].size), (1, 100.0));
/// ```
pub fn parse_plants(
    bytes: &[u8],
    regions: &[String],
    industries: &[String],
) -> Result<Vec<Vec<Plant>>> {
    let mut rd = csv::ReaderBuilder::new().flexible(false).from_reader(bytes);
    let headers: Vec<String> = rd
        .headers()
        .map_err(|e| Error::new(ErrorCode::CsvSyntax, format!("plant file: {e}")))?
        .iter()
        .map(str::to_string)
        .collect();
    let col = |names: &[&str], what: &str| {
        find(&headers, names).ok_or_else(|| {
            Error::new(
                ErrorCode::MissingColumn,
                format!("plant file: no {what} column (one of {})", names.join(", ")),
            )
        })
    };
    let rc = col(&["region_code", "region"], "region")?;
    let ic = col(&["industry_code", "industry"], "industry")?;
    let sc = col(&["employment", "employees", "size"], "size")?;
    let yc = find(&headers, &["year"]);
    let mut out = vec![Vec::new(); industries.len()];
    for (k, rec) in rd.records().enumerate() {
        let row = k as u64 + 2;
        let rec = rec.map_err(|e| {
            Error::new(ErrorCode::CsvSyntax, format!("plant file row {row}: {e}"))
                .at(Location::default().with_row(row))
        })?;
        let cell = |c: usize| rec.get(c).unwrap_or("").trim();
        let at = |c: usize| {
            Location::default()
                .with_row(row)
                .with_column(headers.get(c).cloned().unwrap_or_default())
                .with_value(cell(c))
        };
        let region = regions.iter().position(|r| r == cell(rc)).ok_or_else(|| {
            Error::new(
                ErrorCode::UnknownRegion,
                format!("plant file row {row}: no region '{}' in the data", cell(rc)),
            )
            .at(at(rc).with_region(cell(rc)))
        })?;
        let industry = industries
            .iter()
            .position(|i| i == cell(ic))
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::UnknownIndustry,
                    format!(
                        "plant file row {row}: no industry '{}' in the data",
                        cell(ic)
                    ),
                )
                .at(at(ic).with_industry(cell(ic)))
            })?;
        let size: f64 = cell(sc).parse().map_err(|_| {
            Error::new(
                ErrorCode::NonNumeric,
                format!("plant file row {row}: size '{}' is not a number", cell(sc)),
            )
            .at(at(sc))
        })?;
        if !(size.is_finite() && size >= 0.0) {
            return Err(Error::new(
                ErrorCode::NegativeValue,
                format!("plant file row {row}: size {size} is negative or not finite"),
            )
            .at(at(sc)));
        }
        let year = match yc {
            Some(c) => Some(cell(c).parse::<i32>().map_err(|_| {
                Error::new(
                    ErrorCode::BadYear,
                    format!("plant file row {row}: year '{}' is not a year", cell(c)),
                )
                .at(at(c))
            })?),
            None => None,
        };
        if let Some(v) = out.get_mut(industry) {
            v.push(Plant { region, year, size });
        }
    }
    Ok(out)
}
