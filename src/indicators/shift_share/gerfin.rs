//! Gerfin's multiplicative shift-share.

use super::inputs;
use crate::error::{Error, ErrorCode, Result};
use serde::Serialize;

/// Gerfin factors: `net_shift = industry_mix × regional_share`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gerfin {
    /// `(sum_j E_j,t0 G_j / E_t0) / G`.
    pub industry_mix: f64,
    /// `(E_t1/E_t0) / (sum_j E_j,t0 G_j / E_t0)`.
    pub regional_share: f64,
    /// `(E_t1/E_t0) / G`.
    pub net_shift: f64,
}

/// Gerfin's multiplicative decomposition of a region's growth against a reference.
///
/// # Errors
/// As [`super::dunn`]; `E_ZERO_TOTAL` also when the region's start total is zero.
///
/// # Complexity
/// O(industries).
///
/// # Examples
/// ```
/// let g = agglo::indicators::shift_share::gerfin(&[90.0, 20.0, 10.0, 60.0], &[100.0, 40.0, 10.0, 55.0],
///     &[400.0, 150.0, 150.0, 400.0], &[440.0, 210.0, 135.0, 480.0]).unwrap();
/// assert!((g.industry_mix * g.regional_share - g.net_shift).abs() < 1e-12);
/// assert!((g.net_shift - (205.0 / 180.0) / (1265.0 / 1100.0)).abs() < 1e-12);
/// ```
///
/// # Reference
/// Gerfin (1964); REAT `shift` (Gerfin).
pub fn gerfin(r0: &[f64], r1: &[f64], n0: &[f64], n1: &[f64]) -> Result<Gerfin> {
    let inp = inputs(r0, r1, n0, n1)?;
    let e0: f64 = inp.r0.iter().sum();
    if !(e0 > 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            "Gerfin shift-share: the region's start total is zero",
        ));
    }
    let e1: f64 = inp.r1.iter().sum();
    let expected: f64 = inp.r0.iter().zip(&inp.gj).map(|(a, g)| a * g).sum::<f64>() / e0;
    Ok(Gerfin {
        industry_mix: expected / inp.g,
        regional_share: (e1 / e0) / expected,
        net_shift: (e1 / e0) / inp.g,
    })
}
