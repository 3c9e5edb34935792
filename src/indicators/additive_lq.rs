//! Additive location quotient (REAT `locq(..., LQ.method = "a")`).

/// Additive LQ `s_rj - S_j`: the region's share minus the reference share (in share points).
///
/// # Examples
/// ```
/// assert!((agglo::indicators::additive_lq(0.3, 0.2) - 0.1).abs() < 1e-12);
/// ```
///
/// # Reference
/// REAT `locq` with `LQ.method = "a"`.
pub fn additive_lq(share_region: f64, share_reference: f64) -> f64 {
    share_region - share_reference
}
