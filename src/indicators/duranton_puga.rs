//! Duranton-Puga relative diversity index.

use super::krugman::krugman_dissimilarity;
use crate::error::Result;

/// Relative diversity `RDI = 1 / sum_j |s_j - S_j|` (the reciprocal of the Krugman index against
/// the reference). Infinite when the structure equals the reference exactly.
///
/// # Errors
/// As [`krugman_dissimilarity`].
///
/// # Complexity
/// O(n).
///
/// # Examples
/// ```
/// let d = agglo::indicators::duranton_puga_diversity(&[30.0, 10.0], &[50.0, 50.0]).unwrap();
/// assert!((d - 2.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// Duranton & Puga (2000), *Urban Studies* 37(3).
pub fn duranton_puga_diversity(region: &[f64], reference: &[f64]) -> Result<f64> {
    Ok(1.0 / krugman_dissimilarity(region, reference)?)
}
