//! Gini coefficient of location quotients: regional specialisation (REAT `gini.spec`) and industry
//! concentration (REAT `gini.conc`).

use super::gini::gini;
use super::support::lq_vector;
use crate::error::Result;

/// Gini of the LQs `LQ_k = (x_k/sum x)/(r_k/sum r)` (plain, unweighted Gini over the `k`).
///
/// * Specialisation of a region (REAT `gini.spec(e_ij, e_i)`): `x` = the region's employment by
///   industry, `r` = reference employment by industry.
/// * Concentration of an industry (REAT `gini.conc(e_ij, e_j)`): `x` = the industry's employment by
///   region, `r` = total employment by region.
///
/// # Errors
/// `E_ZERO_TOTAL` when a reference value is zero or a vector sums to zero (or all LQs are zero);
/// `E_INVALID_PARAMETER` for different lengths.
///
/// # Complexity
/// O(n log n).
///
/// # Examples
/// REAT's manual (Farhauer & Kröll 2013): `gini.spec` = 0.6222222, `gini.conc` = 0.4068966.
/// ```
/// use agglo::indicators::gini_of_lq;
/// let s = gini_of_lq(&[700.0, 600.0, 500.0, 10000.0, 40000.0], &[30000.0, 15000.0, 10000.0, 60000.0, 50000.0]).unwrap();
/// assert!((s - 0.622222222222222).abs() < 1e-12);
/// let c = gini_of_lq(&[500.0, 500.0, 1000.0, 7000.0, 1000.0], &[20000.0, 15000.0, 20000.0, 40000.0, 5000.0]).unwrap();
/// assert!((c - 0.406896551724138).abs() < 1e-12);
/// ```
///
/// # Reference
/// REAT `gini.spec`, `gini.conc` (Farhauer & Kröll 2013).
#[doc(alias = "gini.spec")]
#[doc(alias = "gini.conc")]
pub fn gini_of_lq(x: &[f64], r: &[f64]) -> Result<f64> {
    let lq = lq_vector(x, r, "Gini of LQs")?;
    gini(&lq, false)
}
