//! Crosswalk from the data's industry codes (e.g. NAICS) to the IO table's sector codes.

use super::grid::{read_grid, Grid};
use crate::error::{Error, ErrorCode, Location, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Column names; defaults detect the BEA file (`naics_2017_code` → `bea_summary_code`), else the
/// first two columns, with an optional weight column.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CrosswalkOptions {
    pub from_col: Option<String>,
    pub to_col: Option<String>,
    pub weight_col: Option<String>,
}

/// Code → [(IO code, weight)], weights summing to 1 per code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Crosswalk {
    pub from_column: String,
    pub to_column: String,
    pub map: BTreeMap<String, Vec<(String, f64)>>,
}

/// Parse a crosswalk CSV. Duplicate pairs are merged; a code mapping to several IO codes is split
/// equally (or by the weight column, normalised).
///
/// # Errors
/// `E_MISSING_COLUMN` naming an absent column; `E_NON_NUMERIC` for a bad weight.
pub fn parse_crosswalk(bytes: &[u8], name: &str, opts: &CrosswalkOptions) -> Result<Crosswalk> {
    crosswalk_from_grid(&read_grid(bytes, name, None)?, opts)
}

/// [`parse_crosswalk`] on an already read grid (e.g. an XLSX sheet).
///
/// # Errors
/// As [`parse_crosswalk`].
pub fn crosswalk_from_grid(g: &Grid, opts: &CrosswalkOptions) -> Result<Crosswalk> {
    let name = g.file.as_str();
    let find = |want: &Option<String>, defaults: &[&str], fallback: usize| -> Result<usize> {
        match want {
            Some(w) => g
                .header
                .iter()
                .position(|h| h.eq_ignore_ascii_case(w))
                .ok_or_else(|| {
                    Error::new(
                        ErrorCode::MissingColumn,
                        format!(
                            "crosswalk has no column '{w}'; it has: {}",
                            g.header.join(", ")
                        ),
                    )
                    .at(Location::file(name).with_column(w))
                }),
            None => Ok(defaults
                .iter()
                .find_map(|d| g.header.iter().position(|h| h.eq_ignore_ascii_case(d)))
                .unwrap_or(fallback)),
        }
    };
    let fc = find(
        &opts.from_col,
        &["naics_2017_code", "naics_code", "naics", "from"],
        0,
    )?;
    let tc = find(&opts.to_col, &["bea_summary_code", "io_code", "to"], 1)?;
    let wc = match &opts.weight_col {
        Some(_) => Some(find(&opts.weight_col, &[], 0)?),
        None => g
            .header
            .iter()
            .position(|h| h.eq_ignore_ascii_case("weight")),
    };
    let mut raw: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    for (k, r) in g.rows.iter().enumerate() {
        let from = r.get(fc).cloned().unwrap_or_default();
        let to = r.get(tc).cloned().unwrap_or_default();
        if from.is_empty() || to.is_empty() {
            continue;
        }
        let w = match wc {
            Some(c) => {
                let s = r.get(c).cloned().unwrap_or_default();
                crate::ingest::parse_number(&s, false)
                    .filter(|w| *w >= 0.0)
                    .ok_or_else(|| {
                        Error::new(
                            ErrorCode::NonNumeric,
                            format!("weight '{s}' is not a non-negative number"),
                        )
                        .at(Location::file(name).with_row(k as u64 + 2).with_value(&s))
                    })?
            }
            None => 1.0,
        };
        let e = raw.entry(from).or_default().entry(to).or_insert(0.0);
        // Without weights, repeated pairs (several detail rows) count once.
        *e = if wc.is_some() { *e + w } else { 1.0 };
    }
    let map = raw
        .into_iter()
        .filter_map(|(k, v)| {
            let s: f64 = v.values().sum();
            (s > 0.0).then(|| (k, v.into_iter().map(|(t, w)| (t, w / s)).collect()))
        })
        .collect();
    Ok(Crosswalk {
        from_column: g.header.get(fc).cloned().unwrap_or_default(),
        to_column: g.header.get(tc).cloned().unwrap_or_default(),
        map,
    })
}

impl Crosswalk {
    /// IO codes for a data code: the exact code, else its longest prefix in the crosswalk.
    pub fn lookup(&self, code: &str) -> Option<&[(String, f64)]> {
        let mut end = code.len();
        while end > 0 {
            if let Some(v) = code.get(..end).and_then(|c| self.map.get(c)) {
                return Some(v);
            }
            end -= 1;
            while end > 0 && !code.is_char_boundary(end) {
                end -= 1;
            }
        }
        None
    }
}
