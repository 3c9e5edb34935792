//! Pearson correlation over pairwise-complete entries (helper of the graph builders).

/// Pearson correlation of `a` and `b` over the positions where both are finite; `None` when fewer
/// than `min_n` such positions or either side has zero variance.
pub(crate) fn pearson(a: &[f64], b: &[f64], min_n: usize) -> Option<f64> {
    let mut n = 0usize;
    let (mut sa, mut sb) = (0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        if x.is_finite() && y.is_finite() {
            n += 1;
            sa += x;
            sb += y;
        }
    }
    if n < min_n.max(2) {
        return None;
    }
    let (ma, mb) = (sa / n as f64, sb / n as f64);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        if x.is_finite() && y.is_finite() {
            let (dx, dy) = (x - ma, y - mb);
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

#[cfg(test)]
mod tests {
    #[test]
    fn perfect_and_undefined() {
        assert!(
            (super::pearson(&[1.0, 2.0, 3.0], &[2.0, 4.0, 6.5], 3).unwrap()
                - 4.5 / (2.0f64 * 61.0 / 6.0).sqrt())
            .abs()
                < 1e-12
        );
        assert_eq!(super::pearson(&[1.0, 1.0, 1.0], &[1.0, 2.0, 3.0], 3), None);
        assert_eq!(
            super::pearson(&[1.0, f64::NAN, 3.0], &[1.0, 2.0, 3.0], 3),
            None
        );
    }
}
