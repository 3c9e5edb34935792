//! The reference economy that shares are measured against (METHODS.md §1): an uploaded reference
//! table (e.g. national totals by industry) or, by default, the sum over the loaded regions.

use super::Panel;
use crate::error::{Error, ErrorCode, Result, Warning};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReferenceSource {
    /// The sum of the loaded regions' published cells.
    SumOfRegions,
    /// A user-supplied table; `total_from_data` is true when its all-industry total row was used.
    Table { name: String, total_from_data: bool },
}

/// Reference totals for one measure and year, aligned with the analysed panel's industries.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reference {
    pub source: ReferenceSource,
    /// Reference value per industry of the analysed panel; `NaN` where the reference lacks it.
    pub industry_totals: Vec<f64>,
    /// The reference economy's grand total.
    pub total: f64,
}

impl Reference {
    /// Sum over the loaded regions of measure `m`, year index `y`. Region totals given by the data
    /// (an all-industry row) are summed for the grand total; otherwise the published cells.
    pub fn sum_of_regions(panel: &Panel, m: usize, y: usize) -> Self {
        let mx = panel.matrix(m, y);
        let industry_totals = mx.industry_totals();
        let total = (0..mx.n_regions).map(|r| mx.region_total(r)).sum();
        Reference {
            source: ReferenceSource::SumOfRegions,
            industry_totals,
            total,
        }
    }

    /// Totals from a reference panel (any number of regions, summed), matched to `panel`'s
    /// industries by code, for the same measure name and year. Industries the reference lacks are
    /// `NaN` and reported as one warning.
    pub fn from_table(
        reference: &Panel,
        name: &str,
        panel: &Panel,
        m: usize,
        y: usize,
    ) -> Result<(Self, Vec<Warning>)> {
        let measure = panel
            .measures
            .get(m)
            .ok_or_else(|| Error::new(ErrorCode::Internal, "measure index"))?;
        let year = *panel
            .years
            .get(y)
            .ok_or_else(|| Error::new(ErrorCode::Internal, "year index"))?;
        let rm = reference.measure_index(measure).map_err(|e| Error {
            message: format!("the reference table '{name}' has no measure '{measure}'"),
            ..e
        })?;
        // A reference without a year column (year 0) serves every year.
        let ry = if reference.years == [0] {
            0
        } else {
            reference.year_index(year).map_err(|e| Error {
                message: format!("the reference table '{name}' has no year {year}"),
                location: crate::error::Location::file(name).with_value(year.to_string()),
                ..e
            })?
        };
        let rmx = reference.matrix(rm, ry);
        let mut warnings = Vec::new();
        let mut missing = Vec::new();
        let industry_totals: Vec<f64> = panel
            .industries
            .iter()
            .map(
                |code| match reference.industries.iter().position(|c| c == code) {
                    Some(ri) => {
                        let vals: Vec<f64> =
                            (0..rmx.n_regions).filter_map(|r| rmx.get(r, ri)).collect();
                        if vals.is_empty() {
                            missing.push(code.clone());
                            f64::NAN
                        } else {
                            vals.iter().sum()
                        }
                    }
                    None => {
                        missing.push(code.clone());
                        f64::NAN
                    }
                },
            )
            .collect();
        let given: Vec<f64> = (0..rmx.n_regions)
            .map(|r| rmx.totals.get(r).copied().unwrap_or(f64::NAN))
            .collect();
        let total_from_data = given.iter().all(|t| !t.is_nan());
        let total: f64 = if total_from_data {
            given.iter().sum()
        } else {
            (0..rmx.n_regions).map(|r| rmx.region_total(r)).sum()
        };
        if !missing.is_empty() {
            let shown: Vec<&str> = missing.iter().take(10).map(|s| s.as_str()).collect();
            warnings.push(Warning::new(
                "W_REFERENCE_MISSING_INDUSTRY",
                format!(
                    "the reference table '{name}' has no value for {} industr{} of the data ({}{}); their LQ is not computed",
                    missing.len(),
                    if missing.len() == 1 { "y" } else { "ies" },
                    shown.join(", "),
                    if missing.len() > 10 { ", …" } else { "" }
                ),
            ));
        }
        if !(total > 0.0) {
            return Err(Error::new(
                ErrorCode::ZeroTotal,
                format!("the reference table '{name}' has a zero or missing total for {measure} in {year}"),
            )
            .at(crate::error::Location::file(name).with_column(measure.clone())));
        }
        Ok((
            Reference {
                source: ReferenceSource::Table {
                    name: name.to_string(),
                    total_from_data,
                },
                industry_totals,
                total,
            },
            warnings,
        ))
    }
}
