//! Krugman's locational Gini of an industry (EconGeo `locational_gini`), at most 0.5.

use super::support::{same_len, shares};
use crate::error::{Error, ErrorCode, Result};

/// Locational Gini: the area between the diagonal and the locational Lorenz curve of an industry.
///
/// Regions are sorted by `LQ_r = x_r / w_r` (`x_r` the region's share of the industry, `w_r` its
/// share of all employment); the curve plots cumulative `w` against cumulative `x`; the index is
/// `1/2 - area under the curve`, in `[0, 1/2)` (EconGeo's scale; twice it is the Hoover-Gini).
///
/// # Arguments
/// * `industry` the industry's employment by region; `totals` total employment by region.
///
/// # Errors
/// `E_ZERO_TOTAL` when either vector sums to zero or a region total is zero;
/// `E_INVALID_PARAMETER` for different lengths.
///
/// # Complexity
/// O(n log n).
///
/// # Examples
/// An industry all in one of two equal regions: 0.25.
/// ```
/// let g = agglo::indicators::locational_gini(&[10.0, 0.0], &[50.0, 50.0]).unwrap();
/// assert!((g - 0.25).abs() < 1e-12);
/// ```
///
/// # Reference
/// Krugman (1991); EconGeo `locational_gini` (Balland 2017).
#[doc(alias = "locational.Gini")]
pub fn locational_gini(industry: &[f64], totals: &[f64]) -> Result<f64> {
    same_len(industry, totals, "locational Gini")?;
    let x = shares(industry, "locational Gini (industry)")?;
    let w = shares(totals, "locational Gini (region totals)")?;
    if let Some(k) = w.iter().position(|v| *v <= 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            format!(
                "locational Gini: region total at position {} is zero",
                k + 1
            ),
        ));
    }
    let mut idx: Vec<usize> = (0..x.len()).collect();
    let lq = |k: &usize| x.get(*k).copied().unwrap_or(0.0) / w.get(*k).copied().unwrap_or(1.0);
    idx.sort_by(|a, b| lq(a).total_cmp(&lq(b)));
    let (mut cx, mut area) = (0.0, 0.0);
    for k in idx {
        let (xk, wk) = (
            x.get(k).copied().unwrap_or(0.0),
            w.get(k).copied().unwrap_or(0.0),
        );
        area += wk * (cx + cx + xk) / 2.0;
        cx += xk;
    }
    Ok(0.5 - area)
}
