//! Classic (Dunn) shift-share.

use super::inputs;
use crate::error::Result;
use serde::Serialize;

/// Dunn components (for a region, or for one industry of a region).
///
/// `change = national_share + industry_mix + regional_share`, `net_shift = industry_mix + regional_share`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Dunn {
    /// Actual change `E_t1 - E_t0`.
    pub change: f64,
    /// `E_t0 (G - 1)`.
    pub national_share: f64,
    /// `sum_j E_j,t0 G_j - E_t0 G`.
    pub industry_mix: f64,
    /// Competitive / regional share `sum_j E_j,t0 (g_j - G_j) = sum_j (E_j,t1 - E_j,t0 G_j)`.
    pub regional_share: f64,
    /// `industry_mix + regional_share = E_t1 - E_t0 G`.
    pub net_shift: f64,
}

/// Dunn's classic shift-share of a region against a reference economy, in total and per industry.
///
/// # Arguments
/// * `r0`, `r1` the region's values by industry at the start and end year.
/// * `n0`, `n1` the reference's values by industry (same industry order).
///
/// # Returns
/// The region's total decomposition and one per industry (which sum to the total).
///
/// # Errors
/// `E_INVALID_PARAMETER` for lengths that differ; `E_ZERO_TOTAL` when a reference start value is
/// zero (its growth is undefined); `E_NON_NUMERIC` for missing or negative values.
///
/// # Complexity
/// O(industries).
///
/// # Examples
/// Farhauer & Kröll's region A (REAT `shift`): change 25 = 27 + 1 - 3.
/// ```
/// let (d, _) = agglo::indicators::shift_share::dunn(&[90.0, 20.0, 10.0, 60.0], &[100.0, 40.0, 10.0, 55.0],
///     &[400.0, 150.0, 150.0, 400.0], &[440.0, 210.0, 135.0, 480.0]).unwrap();
/// assert!((d.national_share - 27.0).abs() < 1e-9 && (d.industry_mix - 1.0).abs() < 1e-9);
/// assert!((d.regional_share + 3.0).abs() < 1e-9 && (d.change - 25.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// Dunn (1960); REAT `shift`.
#[doc(alias = "shift")]
pub fn dunn(r0: &[f64], r1: &[f64], n0: &[f64], n1: &[f64]) -> Result<(Dunn, Vec<Dunn>)> {
    let inp = inputs(r0, r1, n0, n1)?;
    let per: Vec<Dunn> = inp
        .r0
        .iter()
        .zip(inp.r1)
        .zip(&inp.gj)
        .map(|((a, b), gj)| {
            let mix = a * (gj - inp.g);
            // E_t1 - E_t0 G_j: defined also for industries new to the region (E_t0 = 0).
            let reg = b - a * gj;
            Dunn {
                change: b - a,
                national_share: a * (inp.g - 1.0),
                industry_mix: mix,
                regional_share: reg,
                net_shift: mix + reg,
            }
        })
        .collect();
    let e0: f64 = inp.r0.iter().sum();
    let e1: f64 = inp.r1.iter().sum();
    let expected: f64 = inp.r0.iter().zip(&inp.gj).map(|(a, g)| a * g).sum();
    let total = Dunn {
        change: e1 - e0,
        national_share: e0 * (inp.g - 1.0),
        industry_mix: expected - e0 * inp.g,
        regional_share: e1 - expected,
        net_shift: e1 - e0 * inp.g,
    };
    Ok((total, per))
}
