//! Standardised location quotient (O'Donoghue & Gleave 2004) and its log variant.

use crate::error::{Error, ErrorCode, Result};

/// Standardise an industry's LQs across regions: `SLQ_r = (LQ_r - mean)/sd` (sd with `n - 1`).
/// With `log = true` the LQs are first replaced by `log10 LQ` (O'Donoghue-Gleave's variant, which
/// makes the skewed LQ distribution closer to normal; zero LQs are then an error).
///
/// # Errors
/// `E_INSUFFICIENT_DATA` for fewer than two values; `E_ZERO_VARIANCE` when all LQs are equal;
/// `E_ZERO_TOTAL` for a non-positive LQ with `log`; `E_NON_NUMERIC` for NaN.
///
/// # Complexity
/// O(n).
///
/// # Examples
/// ```
/// let z = agglo::indicators::standardised_lq(&[0.5, 1.0, 1.5], false).unwrap();
/// assert!((z[2] - 1.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// O'Donoghue & Gleave (2004), *Regional Studies* 38(4).
pub fn standardised_lq(lq: &[f64], log: bool) -> Result<Vec<f64>> {
    if lq.len() < 2 {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "standardised LQ needs at least two regions",
        ));
    }
    let mut v = Vec::with_capacity(lq.len());
    for (k, x) in lq.iter().enumerate() {
        if !x.is_finite() {
            return Err(Error::new(
                ErrorCode::NonNumeric,
                format!("standardised LQ: value at position {} is not finite", k + 1),
            ));
        }
        if log {
            if *x <= 0.0 {
                return Err(Error::new(
                    ErrorCode::ZeroTotal,
                    format!(
                        "log standardised LQ: LQ {} at position {} has no logarithm",
                        x,
                        k + 1
                    ),
                ));
            }
            v.push(x.log10());
        } else {
            v.push(*x);
        }
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    if !(sd > 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroVariance,
            "standardised LQ: all LQs are equal",
        ));
    }
    Ok(v.iter().map(|x| (x - mean) / sd).collect())
}
