//! Change and compound annual growth between two years (METHODS.md §3).

use crate::error::{Error, ErrorCode, Result};

/// Compound annual growth rate `(v1/v0)^(1/(t1-t0)) - 1`.
///
/// # Errors
/// `E_INVALID_PARAMETER` when `t1 <= t0`; `E_ZERO_TOTAL` when `v0 <= 0` (growth from nothing is
/// undefined) or a value is negative.
///
/// # Examples
/// ```
/// let g = agglo::indicators::cagr(100.0, 121.0, 2017, 2019).unwrap();
/// assert!((g - 0.1).abs() < 1e-12);
/// ```
pub fn cagr(v0: f64, v1: f64, t0: i32, t1: i32) -> Result<f64> {
    if t1 <= t0 {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("CAGR needs the end year after the start year ({t0} → {t1})"),
        ));
    }
    if !(v0 > 0.0) || v1 < 0.0 || !v1.is_finite() {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            format!("CAGR undefined from {v0} to {v1}"),
        ));
    }
    Ok((v1 / v0).powf(1.0 / f64::from(t1 - t0)) - 1.0)
}

/// Absolute change `v1 - v0` (job creation when the measure is employment).
pub fn change(v0: f64, v1: f64) -> f64 {
    v1 - v0
}
