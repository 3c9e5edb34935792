//! Hoover index: half the Krugman dissimilarity (specialisation coefficient of a region, or
//! concentration of an industry across regions).

use super::krugman::krugman_dissimilarity;
use crate::error::Result;

/// Hoover index `H = 1/2 sum_k |x_k/sum x - r_k/sum r|`, in `[0, 1]`.
///
/// * Region specialisation coefficient (EconGeo `spec_coeff`): `x` = region's employment by
///   industry, `r` = reference employment by industry.
/// * Hoover concentration of an industry: `x` = the industry's employment by region, `r` = total
///   employment by region (REAT `hoover(x, ref)`); with `r` all ones the reference is uniform.
///
/// # Errors
/// As [`krugman_dissimilarity`].
///
/// # Complexity
/// O(n).
///
/// # Examples
/// ```
/// let h = agglo::indicators::hoover(&[20.0, 10.0, 70.0, 0.0, 0.0], &[0.0, 0.0, 0.0, 60.0, 40.0]).unwrap();
/// assert!((h - 1.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// Hoover (1936); REAT `hoover`, EconGeo `spec_coeff`, `Hoover_index`.
#[doc(alias = "spec_coeff")]
#[doc(alias = "specialisation_coefficient")]
pub fn hoover(x: &[f64], r: &[f64]) -> Result<f64> {
    Ok(krugman_dissimilarity(x, r)? / 2.0)
}
