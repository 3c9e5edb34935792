//! Plain Gini coefficient of a distribution (REAT `gini`), unweighted and weighted.

use super::support::{check_nonneg, same_len};
use crate::error::{Error, ErrorCode, Result};

/// Gini coefficient of the values `x` (inequality of the distribution itself).
///
/// Formula (values sorted ascending, ranks `i = 1..n`):
/// `G = 2 sum_i i x_(i) / (n sum x) - (n + 1)/n`; `normalised = true` multiplies by `n/(n-1)`
/// (the maximum for `n` units becomes 1).
///
/// Not to be confused with [`super::locational_gini`] (Krugman's, max 0.5) nor with the Gini of
/// location quotients ([`super::gini_of_lq`], REAT `gini.spec` / `gini.conc`).
///
/// # Arguments
/// * `x` non-negative values (e.g. an industry's employment in each region).
/// * `normalised` REAT's `coefnorm`.
///
/// # Errors
/// `E_INSUFFICIENT_DATA` for no values (or one value with `normalised`), `E_NEGATIVE_VALUE`,
/// `E_NON_NUMERIC` for NaN, `E_ZERO_TOTAL` when the values sum to zero.
///
/// # Complexity
/// O(n log n).
///
/// # Examples
/// REAT's manual (Doersam 2004): sales 20, 50, 20, 10 give 0.3, normalised 0.4.
/// ```
/// use agglo::indicators::gini;
/// assert!((gini(&[20.0, 50.0, 20.0, 10.0], false).unwrap() - 0.3).abs() < 1e-12);
/// assert!((gini(&[20.0, 50.0, 20.0, 10.0], true).unwrap() - 0.4).abs() < 1e-12);
/// ```
///
/// # Reference
/// Gini (1912); REAT `gini` (Wieland 2019).
pub fn gini(x: &[f64], normalised: bool) -> Result<f64> {
    let s = check_nonneg(x, "Gini")?;
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len() as f64;
    let weighted: f64 = v
        .iter()
        .enumerate()
        .map(|(i, x)| (i as f64 + 1.0) * x)
        .sum();
    let g = 2.0 * weighted / (n * s) - (n + 1.0) / n;
    if normalised {
        if v.len() < 2 {
            return Err(Error::new(
                ErrorCode::InsufficientData,
                "the normalised Gini needs at least two values",
            ));
        }
        Ok(g * n / (n - 1.0))
    } else {
        Ok(g)
    }
}

/// Gini coefficient of class means `x` with class sizes `w` (grouped data; REAT `gini(x, weighting)`).
///
/// Formula: sort classes by `x`; population shares `p_k = w_k / sum w`, cumulative value shares
/// `Q_k` of `x_k w_k`; `G = 1 - sum_k p_k (Q_k + Q_{k-1})` (trapezoid Lorenz area).
///
/// # Errors
/// As [`gini`]; `E_INVALID_PARAMETER` when the lengths differ.
///
/// # Complexity
/// O(n log n).
///
/// # Examples
/// REAT's manual: income classes 500…15000 with sizes 1000…600 give 0.5278.
/// ```
/// let x = [500.0, 1500.0, 2500.0, 4000.0, 7500.0, 15000.0];
/// let w = [1000.0, 1200.0, 1600.0, 400.0, 200.0, 600.0];
/// let g = agglo::indicators::gini_weighted(&x, &w).unwrap();
/// assert!((g - 0.527826086956522).abs() < 1e-12);
/// ```
///
/// # Reference
/// REAT `gini` with `weighting` (Doersam 2004).
pub fn gini_weighted(x: &[f64], w: &[f64]) -> Result<f64> {
    same_len(x, w, "weighted Gini")?;
    check_nonneg(x, "weighted Gini values")?;
    let sw = check_nonneg(w, "weighted Gini weights")?;
    let mut idx: Vec<usize> = (0..x.len()).collect();
    idx.sort_by(|a, b| {
        x.get(*a)
            .copied()
            .unwrap_or(0.0)
            .total_cmp(&x.get(*b).copied().unwrap_or(0.0))
    });
    let total: f64 = x.iter().zip(w).map(|(a, b)| a * b).sum();
    if !(total > 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            "weighted Gini: zero total",
        ));
    }
    let mut q_prev = 0.0;
    let mut area = 0.0;
    for k in idx {
        let (xk, wk) = (
            x.get(k).copied().unwrap_or(0.0),
            w.get(k).copied().unwrap_or(0.0),
        );
        let q = q_prev + xk * wk / total;
        area += wk / sw * (q + q_prev);
        q_prev = q;
    }
    Ok(1.0 - area)
}
