//! Shannon entropy of an industry mix (EconGeo `entropy`).

use super::support::shares;
use crate::error::Result;

/// Shannon entropy in bits `E = -sum_k s_k log2 s_k` (zero shares contribute 0).
///
/// # Errors
/// `E_ZERO_TOTAL`, `E_NEGATIVE_VALUE`, `E_NON_NUMERIC`, `E_INSUFFICIENT_DATA`.
///
/// # Complexity
/// O(n).
///
/// # Examples
/// Four equal industries: 2 bits.
/// ```
/// let e = agglo::indicators::shannon_entropy(&[5.0, 5.0, 5.0, 5.0]).unwrap();
/// assert!((e - 2.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// Shannon (1948); Frenken, Van Oort & Verburg (2007); EconGeo `entropy`.
#[doc(alias = "entropy")]
pub fn shannon_entropy(x: &[f64]) -> Result<f64> {
    let s = shares(x, "entropy")?;
    Ok(s.iter().filter(|v| **v > 0.0).map(|v| -v * v.log2()).sum())
}
