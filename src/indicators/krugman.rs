//! Krugman dissimilarity index of two industry structures (REAT `krugman.spec`, `krugman.spec2`,
//! `krugman.conc2`; EconGeo `Krugman_index`).

use super::support::{same_len, shares};
use crate::error::{Error, ErrorCode, Result};

/// Krugman dissimilarity `K = sum_j |a_j/sum a - b_j/sum b|`, in `[0, 2]`.
///
/// With `a` a region's employment by industry and `b` the reference economy's, `K` is the
/// region's specialisation; with `b` another region's, their dissimilarity. Applied to an
/// industry's employment by region against all employment by region it measures the industry's
/// concentration (REAT `krugman.conc`).
///
/// # Errors
/// `E_INVALID_PARAMETER` for different lengths; `E_ZERO_TOTAL` when either vector sums to zero;
/// `E_NEGATIVE_VALUE` / `E_NON_NUMERIC` for bad values.
///
/// # Complexity
/// O(n).
///
/// # Examples
/// REAT's manual: two regions with no industry in common are maximally different.
/// ```
/// let k = agglo::indicators::krugman_dissimilarity(&[20.0, 10.0, 70.0, 0.0, 0.0], &[0.0, 0.0, 0.0, 60.0, 40.0]).unwrap();
/// assert!((k - 2.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// Krugman (1991), *Geography and Trade*; REAT `krugman.spec`.
#[doc(alias = "krugman.spec")]
#[doc(alias = "Krugman_index")]
pub fn krugman_dissimilarity(a: &[f64], b: &[f64]) -> Result<f64> {
    same_len(a, b, "Krugman dissimilarity")?;
    let sa = shares(a, "Krugman dissimilarity (first vector)")?;
    let sb = shares(b, "Krugman dissimilarity (second vector)")?;
    Ok(sa.iter().zip(&sb).map(|(x, y)| (x - y).abs()).sum())
}

/// Krugman dissimilarity of `a` against the **mean share vector** of a comparison group
/// (each member's shares averaged unweighted, as REAT `krugman.spec2` / `krugman.conc2`).
///
/// `K = sum_j |a_j/sum a - (1/m) sum_g b_gj/sum b_g|`.
///
/// # Errors
/// `E_INSUFFICIENT_DATA` for an empty group; otherwise as [`krugman_dissimilarity`].
///
/// # Complexity
/// O(n m) for `m` group members.
///
/// # Examples
/// REAT's manual: Sweden against Norway, Denmark, Finland and Iceland = 0.1595.
/// ```
/// let se = [45000.0, 15000.0, 32000.0, 10000.0, 30000.0];
/// let group: Vec<&[f64]> = vec![
///     &[35000.0, 12000.0, 30000.0, 8000.0, 22000.0],
///     &[40000.0, 10000.0, 25000.0, 9000.0, 18000.0],
///     &[30000.0, 11000.0, 18000.0, 3000.0, 13000.0],
///     &[40000.0, 6000.0, 11000.0, 2000.0, 12000.0],
/// ];
/// let k = agglo::indicators::krugman_vs_group_mean(&se, &group).unwrap();
/// assert!((k - 0.159501792268597).abs() < 1e-12);
/// ```
///
/// # Reference
/// REAT `krugman.spec2` (Farhauer & Kröll 2013).
#[doc(alias = "krugman.spec2")]
#[doc(alias = "krugman.conc2")]
pub fn krugman_vs_group_mean(a: &[f64], group: &[&[f64]]) -> Result<f64> {
    if group.is_empty() {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "Krugman vs group mean: the comparison group is empty",
        ));
    }
    let sa = shares(a, "Krugman vs group mean (focal vector)")?;
    let mut mean = vec![0.0; sa.len()];
    for (g, b) in group.iter().enumerate() {
        same_len(a, b, "Krugman vs group mean")?;
        let sb = shares(
            b,
            &format!("Krugman vs group mean (group member {})", g + 1),
        )?;
        for (m, s) in mean.iter_mut().zip(&sb) {
            *m += s / group.len() as f64;
        }
    }
    Ok(sa.iter().zip(&mean).map(|(x, y)| (x - y).abs()).sum())
}
