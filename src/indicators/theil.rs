//! Theil indices of inequality: Theil-T and Theil-L (mean log deviation, REAT's `theil`).

use super::support::check_nonneg;
use crate::error::{Error, ErrorCode, Result};

/// Theil-T `T = (1/n) sum_k (x_k/m) ln(x_k/m)` with `m` the mean (zero values contribute 0).
///
/// # Errors
/// `E_ZERO_TOTAL`, `E_NEGATIVE_VALUE`, `E_NON_NUMERIC`, `E_INSUFFICIENT_DATA`.
///
/// # Complexity
/// O(n).
///
/// # Examples
/// ```
/// let t = agglo::indicators::theil_t(&[10.0, 10.0, 10.0, 20.0, 50.0]).unwrap();
/// assert!((t - 0.250201211769094).abs() < 1e-12);
/// ```
///
/// # Reference
/// Theil (1967).
pub fn theil_t(x: &[f64]) -> Result<f64> {
    let s = check_nonneg(x, "Theil-T")?;
    let m = s / x.len() as f64;
    Ok(x.iter()
        .filter(|v| **v > 0.0)
        .map(|v| (v / m) * (v / m).ln())
        .sum::<f64>()
        / x.len() as f64)
}

/// Theil-L, the mean log deviation `L = (1/n) sum_k ln(m/x_k)` — what REAT calls `theil`.
///
/// # Errors
/// `E_ZERO_TOTAL` also when any value is zero (the log deviation is infinite);
/// `E_NEGATIVE_VALUE`, `E_NON_NUMERIC`, `E_INSUFFICIENT_DATA`.
///
/// # Complexity
/// O(n).
///
/// # Examples
/// REAT's manual (Stoermann 2009): incomes 10, 10, 10, 20, 50 → 0.2326302.
/// ```
/// let l = agglo::indicators::theil_l(&[10.0, 10.0, 10.0, 20.0, 50.0]).unwrap();
/// assert!((l - 0.232630161961136).abs() < 1e-12);
/// ```
///
/// # Reference
/// Theil (1967); REAT `theil`.
#[doc(alias = "theil")]
#[doc(alias = "mean_log_deviation")]
pub fn theil_l(x: &[f64]) -> Result<f64> {
    let s = check_nonneg(x, "Theil-L")?;
    if let Some(k) = x.iter().position(|v| *v == 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            format!(
                "Theil-L (mean log deviation) is undefined with a zero value (position {})",
                k + 1
            ),
        ));
    }
    let m = s / x.len() as f64;
    Ok(x.iter().map(|v| (m / v).ln()).sum::<f64>() / x.len() as f64)
}
