//! Average location quotient of a region and its reciprocal, the Hachman index.

use super::support::lq_vector;
use crate::error::Result;

/// Employment-weighted average LQ `A = sum_j LQ_j s_j` of a region (`s_j` its industry shares).
///
/// `A >= 1`, with 1 when the region's structure equals the reference's.
///
/// # Arguments
/// * `region` the region's values by industry; `reference` the reference economy's.
///
/// # Errors
/// `E_ZERO_TOTAL` when a reference value is zero or a vector sums to zero; `E_INVALID_PARAMETER`
/// for different lengths.
///
/// # Complexity
/// O(n).
///
/// # Examples
/// ```
/// let a = agglo::indicators::average_lq(&[30.0, 10.0], &[50.0, 50.0]).unwrap();
/// // shares .75/.25, LQs 1.5/0.5 -> 0.75*1.5 + 0.25*0.5 = 1.25
/// assert!((a - 1.25).abs() < 1e-12);
/// ```
///
/// # Reference
/// Hachman (1994); Mack, Grubesic & Kessler (2007).
pub fn average_lq(region: &[f64], reference: &[f64]) -> Result<f64> {
    let lq = lq_vector(region, reference, "average LQ")?;
    let total: f64 = region.iter().sum();
    Ok(lq.iter().zip(region).map(|(l, e)| l * e / total).sum())
}

/// Hachman index `HI = 1 / sum_j LQ_j s_j` in `(0, 1]`; 1 = same structure as the reference.
///
/// # Errors
/// As [`average_lq`].
///
/// # Examples
/// ```
/// let h = agglo::indicators::hachman(&[30.0, 10.0], &[50.0, 50.0]).unwrap();
/// assert!((h - 0.8).abs() < 1e-12);
/// ```
///
/// # Reference
/// Hachman (1994).
pub fn hachman(region: &[f64], reference: &[f64]) -> Result<f64> {
    Ok(1.0 / average_lq(region, reference)?)
}
