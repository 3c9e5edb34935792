//! Sample quantiles by linear interpolation (Hyndman & Fan type 7, R's default).

/// Quantile `p` in [0, 1] of `x` (NaNs ignored); `None` for no values.
///
/// `h = (n - 1) p`, `Q = x_(floor h) + (h - floor h)(x_(floor h + 1) - x_(floor h))` on the sorted
/// values (0-based).
///
/// # Examples
/// ```
/// assert_eq!(agglo::clusters::quantile_type7(&[1.0, 2.0, 3.0, 4.0], 0.25), Some(1.75));
/// ```
pub fn quantile_type7(x: &[f64], p: f64) -> Option<f64> {
    let mut v: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
    if v.is_empty() || !(0.0..=1.0).contains(&p) {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let h = (v.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let a = *v.get(lo)?;
    let b = v.get(lo + 1).copied().unwrap_or(a);
    Some(a + (h - h.floor()) * (b - a))
}
