//! Values for spatial statistics from a panel: an industry's value or location quotient per
//! region, aligned to the boundary ids.

use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::indicators::location_quotient;
use crate::panel::{Panel, Reference};
use serde::{Deserialize, Serialize};

/// Which indicator to map.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Indicator {
    /// Location quotient against the reference.
    #[default]
    Lq,
    /// The industry's value (e.g. employment).
    Value,
    /// The industry's share of the region total.
    Share,
}

impl Indicator {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "lq" => Ok(Indicator::Lq),
            "value" | "employment" | "emp" => Ok(Indicator::Value),
            "share" => Ok(Indicator::Share),
            _ => Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("unknown indicator '{s}' (lq, value, share)"),
            )),
        }
    }
}

/// What to do with regions that have a boundary but no published cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MissingPolicy {
    /// Count as zero (no employment observed in the industry): the default, shown to the user.
    #[default]
    Zero,
    /// Leave the region out of the analysis (dropped from the weights).
    Exclude,
}

impl MissingPolicy {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "zero" | "0" => Ok(MissingPolicy::Zero),
            "exclude" | "drop" => Ok(MissingPolicy::Exclude),
            _ => Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("unknown missing-value policy '{s}' (zero, exclude)"),
            )),
        }
    }
}

/// Per boundary region: the indicator (`None` = missing under `Exclude`) and the industry's value
/// (0 when unpublished), plus warnings naming the regions filled or excluded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorValues {
    pub values: Vec<Option<f64>>,
    pub industry_values: Vec<f64>,
    pub filled_zero: Vec<String>,
    pub excluded: Vec<String>,
    pub warnings: Vec<Warning>,
}

/// What to compute: measure and year indices of the panel, industry code, indicator, policy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorSpec {
    pub measure: usize,
    pub year: usize,
    pub industry: String,
    #[serde(default)]
    pub indicator: Indicator,
    #[serde(default)]
    pub missing: MissingPolicy,
}

/// The indicator of `spec.industry` in year index `spec.year`, measure `spec.measure`, for each id in `ids` (the
/// boundary order). A region without a published cell has industry value 0 under
/// [`MissingPolicy::Zero`] (LQ 0; a region with no data at all also gets 0) or is `None` under
/// [`MissingPolicy::Exclude`].
///
/// # Errors
/// `E_UNKNOWN_INDUSTRY`; `E_ZERO_TOTAL` when the reference has no employment in the industry.
pub fn indicator_values(
    panel: &Panel,
    reference: &Reference,
    spec: &IndicatorSpec,
    ids: &[String],
) -> Result<IndicatorValues> {
    let (m, y, industry, indicator, missing) = (
        spec.measure,
        spec.year,
        spec.industry.as_str(),
        spec.indicator,
        spec.missing,
    );
    let i = panel.industry_index(industry)?;
    let mx = panel.matrix(m, y);
    let e_j = reference
        .industry_totals
        .get(i)
        .copied()
        .unwrap_or(f64::NAN);
    if indicator == Indicator::Lq && !(e_j > 0.0 && reference.total > 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            format!("the reference has no value for industry {industry}: the LQ is undefined"),
        )
        .at(Location::default().with_industry(industry)));
    }
    let mut out = IndicatorValues {
        values: Vec::with_capacity(ids.len()),
        industry_values: Vec::with_capacity(ids.len()),
        filled_zero: Vec::new(),
        excluded: Vec::new(),
        warnings: Vec::new(),
    };
    for id in ids {
        let r = panel.regions.iter().position(|x| x == id);
        let cell = r.and_then(|r| mx.get(r, i));
        let total = r.map(|r| mx.region_total(r)).unwrap_or(0.0);
        let v = match (cell, missing) {
            (Some(v), _) => Some(v),
            (None, MissingPolicy::Zero) => {
                out.filled_zero.push(id.clone());
                Some(0.0)
            }
            (None, MissingPolicy::Exclude) => {
                out.excluded.push(id.clone());
                None
            }
        };
        out.industry_values.push(cell.unwrap_or(0.0));
        let ind = v.map(|v| match indicator {
            Indicator::Value => v,
            Indicator::Share => {
                if total > 0.0 {
                    v / total
                } else {
                    0.0
                }
            }
            Indicator::Lq => {
                if total > 0.0 {
                    location_quotient(v, total, e_j, reference.total).unwrap_or(0.0)
                } else {
                    0.0
                }
            }
        });
        out.values.push(ind);
    }
    if !out.filled_zero.is_empty() {
        out.warnings.push(Warning::new(
            "W_MISSING_AS_ZERO",
            format!(
                "{} region(s) have no published {industry} cell and count as zero (switch to 'exclude' to leave them out)",
                out.filled_zero.len()
            ),
        ));
    }
    if !out.excluded.is_empty() {
        out.warnings.push(Warning::new(
            "W_MISSING_EXCLUDED",
            format!(
                "{} region(s) have no published {industry} cell and are left out",
                out.excluded.len()
            ),
        ));
    }
    Ok(out)
}
