//! Ellison-Glaeser-Kerr coagglomeration of an industry pair.

use super::support::{same_len, shares};
use crate::error::{Error, ErrorCode, Result};

/// Coagglomeration `gamma_c = sum_r (s_ri - x_r)(s_rj - x_r) / (1 - sum_r x_r^2)`, with `s_ri`
/// industry `i`'s share in region `r` and `x_r` the region's share of all employment.
///
/// Positive when the two industries over-locate in the same regions. (REAT `ellison.c` returns an
/// implausible value on its own example and is not followed.)
///
/// # Errors
/// `E_INVALID_PARAMETER` for different lengths; `E_ZERO_TOTAL` for zero sums;
/// `E_INSUFFICIENT_DATA` for a single region.
///
/// # Complexity
/// O(regions).
///
/// # Examples
/// Two industries both entirely in the first of two equal regions: (0.25 + 0.25) / 0.5 = 1.
/// ```
/// let c = agglo::indicators::coagglomeration(&[5.0, 0.0], &[7.0, 0.0], &[50.0, 50.0]).unwrap();
/// assert!((c - 1.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// Ellison, Glaeser & Kerr (2010), *American Economic Review* 100(3).
pub fn coagglomeration(
    industry_i: &[f64],
    industry_j: &[f64],
    region_totals: &[f64],
) -> Result<f64> {
    same_len(industry_i, region_totals, "coagglomeration")?;
    same_len(industry_j, region_totals, "coagglomeration")?;
    if region_totals.len() < 2 {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "coagglomeration needs at least two regions",
        ));
    }
    let si = shares(industry_i, "coagglomeration (first industry)")?;
    let sj = shares(industry_j, "coagglomeration (second industry)")?;
    let x = shares(region_totals, "coagglomeration (region totals)")?;
    let sx2: f64 = x.iter().map(|v| v * v).sum();
    let num: f64 = si
        .iter()
        .zip(&sj)
        .zip(&x)
        .map(|((a, b), c)| (a - c) * (b - c))
        .sum();
    Ok(num / (1.0 - sx2))
}
