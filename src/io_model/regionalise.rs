//! Regionalising a national coefficient matrix with simple and Flegg location quotients.

use super::leontief::{IoParams, LeontiefModel};
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use serde::{Deserialize, Serialize};

/// Regionalisation method.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionalMethod {
    /// Simple LQ: `a_r,ij = a_ij min(SLQ_i, 1)`.
    Slq,
    /// Flegg LQ (default): `a_r,ij = a_ij min(CILQ_ij λ, 1)`.
    #[default]
    Flq,
}

/// Parameters (validated by [`regionalise`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegionalParams {
    pub method: RegionalMethod,
    /// Flegg's δ in [0, 1); default 0.3 (Flegg & Tohmo 2013).
    pub delta: f64,
}

impl Default for RegionalParams {
    fn default() -> Self {
        RegionalParams {
            method: RegionalMethod::Flq,
            delta: 0.3,
        }
    }
}

/// Employment by IO sector in a region and in the nation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SectorEmployment {
    pub regional: Vec<f64>,
    pub national: Vec<f64>,
    pub region_total: f64,
    pub nation_total: f64,
}

/// A regionalised coefficient matrix.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegionalCoefficients {
    pub n: usize,
    /// `A_r`, row-major.
    pub a: Vec<f64>,
    /// Simple LQ per sector; `None` where the nation has no employment in the sector.
    pub slq: Vec<Option<f64>>,
    /// Flegg's λ = (log2(1 + E_r/E_n))^δ (FLQ only).
    pub lambda: Option<f64>,
    pub method: RegionalMethod,
    pub warnings: Vec<Warning>,
}

/// Regionalise national coefficients `a` (n × n row-major) for one region.
///
/// SLQ: `SLQ_i = (E_r,i / E_r) / (E_n,i / E_n)`, `a_r,ij = a_ij min(SLQ_i, 1)`.
/// FLQ: `CILQ_ij = SLQ_i / SLQ_j` (`SLQ_i` on the diagonal and where `SLQ_j` is 0),
/// `λ = (log2(1 + E_r/E_n))^δ`, `a_r,ij = a_ij min(CILQ_ij λ, 1)`.
/// Sectors without national employment (e.g. government in CBP data) have no LQ: their rows are
/// kept national (assumed locally supplied) and listed in a warning.
///
/// # Errors
/// `E_INVALID_PARAMETER` for δ outside [0, 1); `E_NOT_SQUARE` on length mismatch;
/// `E_ZERO_TOTAL` when a total is not positive.
///
/// # Reference
/// Flegg, Webber & Elliott (1995); Flegg & Tohmo (2013); Miller & Blair (2009) §8.
///
/// # Examples
/// ```
/// use agglo::io_model::*;
/// let emp = SectorEmployment { regional: vec![10.0, 30.0], national: vec![500.0, 500.0],
///     region_total: 40.0, nation_total: 1000.0 };
/// let r = regionalise(&[0.15, 0.25, 0.2, 0.05], &emp,
///     &RegionalParams { method: RegionalMethod::Slq, delta: 0.3 }).unwrap();
/// // SLQ_1 = (10/40)/(500/1000) = 0.5: row 1 halves; SLQ_2 = 1.5 caps at 1.
/// assert!((r.a[0] - 0.075).abs() < 1e-15 && (r.a[2] - 0.2).abs() < 1e-15);
/// ```
#[doc(alias = "flq")]
#[doc(alias = "slq")]
pub fn regionalise(
    a: &[f64],
    emp: &SectorEmployment,
    params: &RegionalParams,
) -> Result<RegionalCoefficients> {
    let n = emp.regional.len();
    if emp.national.len() != n || a.len() != n * n {
        return Err(Error::new(
            ErrorCode::NotSquare,
            format!(
                "{} regional and {} national employment values for a {}-entry coefficient matrix",
                n,
                emp.national.len(),
                a.len()
            ),
        ));
    }
    if !(params.delta >= 0.0 && params.delta < 1.0) {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("FLQ delta must be in [0, 1); got {}", params.delta),
        ));
    }
    if !(emp.region_total > 0.0 && emp.nation_total > 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            format!(
                "region total {} and national total {} must be positive",
                emp.region_total, emp.nation_total
            ),
        )
        .at(Location::default()));
    }
    let slq: Vec<Option<f64>> = emp
        .regional
        .iter()
        .zip(&emp.national)
        .map(|(r, nn)| {
            if r.is_finite() {
                crate::indicators::location_quotient(*r, emp.region_total, *nn, emp.nation_total)
                    .ok()
            } else {
                None
            }
        })
        .collect();
    let mut warnings = Vec::new();
    let undefined = slq.iter().filter(|s| s.is_none()).count();
    if undefined > 0 {
        warnings.push(Warning::new(
            "W_NO_NATIONAL_EMPLOYMENT",
            format!("{undefined} sector(s) have no national employment in the data: their coefficients are not regionalised (treated as locally supplied)"),
        ));
    }
    let lambda = (1.0 + emp.region_total / emp.nation_total)
        .log2()
        .powf(params.delta);
    let mut ar = a.to_vec();
    for (k, v) in ar.iter_mut().enumerate() {
        let (i, j) = (k / n, k % n);
        let Some(Some(si)) = slq.get(i) else { continue };
        let factor = match params.method {
            RegionalMethod::Slq => si.min(1.0),
            RegionalMethod::Flq => {
                let cilq = match slq.get(j) {
                    Some(Some(sj)) if i != j && *sj > 0.0 => si / sj,
                    _ => *si,
                };
                (cilq * lambda).min(1.0)
            }
        };
        *v *= factor;
    }
    Ok(RegionalCoefficients {
        n,
        a: ar,
        slq,
        lambda: (params.method == RegionalMethod::Flq).then_some(lambda),
        method: params.method,
        warnings,
    })
}

/// Regional output multipliers: column sums of `(I − A_r)⁻¹`.
///
/// # Errors
/// As [`LeontiefModel::from_coefficients`].
pub fn regional_multipliers(
    sectors: &[String],
    r: &RegionalCoefficients,
    x: &[f64],
) -> Result<Vec<f64>> {
    let m = LeontiefModel::from_coefficients(
        sectors.to_vec(),
        r.a.clone(),
        x.to_vec(),
        &IoParams::default(),
        vec![],
    )?;
    Ok(m.solve_transpose(&vec![1.0; r.n]))
}
