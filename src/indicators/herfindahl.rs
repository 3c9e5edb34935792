//! Herfindahl-Hirschman index of a distribution (REAT `herf`, EconGeo `Herfindahl`).

use super::support::shares;
use crate::error::Result;
use serde::Serialize;

/// The Herfindahl index and its two derived forms.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Herfindahl {
    /// `H = sum_k s_k^2`.
    pub plain: f64,
    /// `(H - 1/n)/(1 - 1/n)`; `NaN` for `n = 1`.
    pub normalised: f64,
    /// The equivalent number of equal-sized units `1/H`.
    pub equivalent_number: f64,
}

/// Herfindahl index of the values `x` (shares computed here).
///
/// # Errors
/// `E_ZERO_TOTAL` when `x` sums to zero; `E_NEGATIVE_VALUE`, `E_NON_NUMERIC`, `E_INSUFFICIENT_DATA`.
///
/// # Complexity
/// O(n).
///
/// # Examples
/// REAT's manual (Doersam 2004): sales 20, 50, 20, 10 → 0.34, normalised 0.12, equivalent 2.94.
/// ```
/// let h = agglo::indicators::herfindahl(&[20.0, 50.0, 20.0, 10.0]).unwrap();
/// assert!((h.plain - 0.34).abs() < 1e-12);
/// assert!((h.normalised - 0.12).abs() < 1e-12);
/// assert!((h.equivalent_number - 1.0 / 0.34).abs() < 1e-12);
/// ```
///
/// # Reference
/// Herfindahl (1950), Hirschman (1945); REAT `herf`.
#[doc(alias = "herf")]
#[doc(alias = "HHI")]
pub fn herfindahl(x: &[f64]) -> Result<Herfindahl> {
    let s = shares(x, "Herfindahl")?;
    let h: f64 = s.iter().map(|v| v * v).sum();
    let n = s.len() as f64;
    let normalised = if s.len() > 1 {
        (h - 1.0 / n) / (1.0 - 1.0 / n)
    } else {
        f64::NAN
    };
    Ok(Herfindahl {
        plain: h,
        normalised,
        equivalent_number: 1.0 / h,
    })
}
