//! Ellison-Glaeser agglomeration index gamma with its raw concentration G and plant Herfindahl H,
//! from establishment-level sizes or from establishment counts by size class.

use super::support::{check_nonneg, shares};
use crate::error::{Error, ErrorCode, Result};
use serde::Serialize;

/// Ellison-Glaeser result for one industry.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct EllisonGlaeser {
    /// `gamma = (G - (1 - sum x_r^2) H) / ((1 - sum x_r^2)(1 - H))`.
    pub gamma: f64,
    /// Raw geographic concentration `G = sum_r (s_r - x_r)^2`.
    pub g: f64,
    /// Plant Herfindahl `H = sum_k z_k^2`.
    pub h: f64,
    /// `z = (G - E[G]) / sd(G)` under the null of no agglomeration (EG 1997 variance; REAT `z Gi`).
    pub z_g: f64,
    /// Number of establishments.
    pub n_establishments: f64,
}

/// Ellison-Glaeser gamma from establishment-level sizes.
///
/// `s_r` = the industry's share of employment in region `r` (sum of its establishments there),
/// `x_r` = the region's share of all employment (`region_totals`), `z_k` = establishment `k`'s share
/// of the industry. `Var(G) = 2 {H^2 [sum x^2 - 2 sum x^3 + (sum x^2)^2] - sum z^4 [sum x^2 -
/// 4 sum x^3 + 3 (sum x^2)^2]}`.
///
/// # Arguments
/// * `sizes` employment of each establishment of the industry.
/// * `region_of` the region index (into `region_totals`) of each establishment.
/// * `region_totals` all-industry employment per region.
///
/// # Errors
/// `E_INVALID_PARAMETER` for lengths that differ or a region index out of range; `E_ZERO_TOTAL` for
/// zero sums; `E_INSUFFICIENT_DATA` when `H = 1` (a single establishment) or one region.
///
/// # Complexity
/// O(establishments + regions).
///
/// # Examples
/// REAT's manual (`ellison.a`): 10 plants in Vienna, Linz, Graz → gamma = 0.05990628.
/// ```
/// let sizes = [200.0, 650.0, 12000.0, 100.0, 50.0, 16000.0, 13000.0, 1500.0, 1500.0, 25000.0];
/// let region = [0, 0, 0, 0, 0, 1, 1, 1, 1, 2];
/// let eg = agglo::indicators::ellison_glaeser(&sizes, &region, &[500000.0, 400000.0, 100000.0]).unwrap();
/// assert!((eg.gamma - 0.0599062841165389).abs() < 1e-12);
/// ```
///
/// # Reference
/// Ellison & Glaeser (1997), *Journal of Political Economy* 105(5); REAT `ellison.a`.
#[doc(alias = "ellison.a")]
pub fn ellison_glaeser(
    sizes: &[f64],
    region_of: &[usize],
    region_totals: &[f64],
) -> Result<EllisonGlaeser> {
    if sizes.len() != region_of.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!(
                "Ellison-Glaeser: {} establishment sizes but {} region assignments",
                sizes.len(),
                region_of.len()
            ),
        ));
    }
    let total = check_nonneg(sizes, "Ellison-Glaeser establishment sizes")?;
    let mut by_region = vec![0.0; region_totals.len()];
    for (k, (e, r)) in sizes.iter().zip(region_of).enumerate() {
        match by_region.get_mut(*r) {
            Some(slot) => *slot += e,
            None => {
                return Err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!(
                        "Ellison-Glaeser: establishment {} has region index {} but there are {} regions",
                        k + 1,
                        r,
                        region_totals.len()
                    ),
                ))
            }
        }
    }
    let z: Vec<f64> = sizes.iter().map(|e| e / total).collect();
    let h: f64 = z.iter().map(|v| v * v).sum();
    let z4: f64 = z.iter().map(|v| v.powi(4)).sum();
    finish(&by_region, region_totals, h, z4, sizes.len() as f64)
}

/// Ellison-Glaeser gamma from establishment **counts by size class**, when plant-level sizes are
/// not available (CBP's employment-size classes, Eurostat SBS classes).
///
/// Assumption (documented, and the only one possible without microdata): every establishment of a
/// size class has the class's representative size `class_size[c]` (e.g. the class midpoint, or
/// the class's published mean employment). Then `H = sum_c n_c (size_c / E)^2` with
/// `E = sum_c n_c size_c`, and the industry's regional employment is `sum_c n_rc size_c` unless
/// `industry_by_region` gives the actual figures (recommended: G then uses real employment while
/// only H is approximated). H is biased low when sizes vary within classes.
///
/// # Arguments
/// * `counts` establishment counts, one row per region, one column per size class.
/// * `class_size` representative employment of each class.
/// * `region_totals` all-industry employment per region.
/// * `industry_by_region` optional actual employment of the industry per region.
///
/// # Errors
/// As [`ellison_glaeser`]; `E_INVALID_PARAMETER` for ragged rows.
///
/// # Complexity
/// O(regions × classes).
///
/// # Examples
/// Sizes 10 and 100, one class each per region, matches the plant-level result.
/// ```
/// use agglo::indicators::{ellison_glaeser, ellison_glaeser_size_classes};
/// let a = ellison_glaeser(&[10.0, 100.0, 100.0], &[0, 1, 1], &[1000.0, 3000.0]).unwrap();
/// let b = ellison_glaeser_size_classes(&[vec![1.0, 0.0], vec![0.0, 2.0]], &[10.0, 100.0], &[1000.0, 3000.0], None).unwrap();
/// assert!((a.gamma - b.gamma).abs() < 1e-12);
/// ```
///
/// # Reference
/// Ellison & Glaeser (1997); Holmes & Stevens (2002) on size-class approximations.
pub fn ellison_glaeser_size_classes(
    counts: &[Vec<f64>],
    class_size: &[f64],
    region_totals: &[f64],
    industry_by_region: Option<&[f64]>,
) -> Result<EllisonGlaeser> {
    if counts.len() != region_totals.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!(
                "Ellison-Glaeser size classes: {} count rows but {} regions",
                counts.len(),
                region_totals.len()
            ),
        ));
    }
    check_nonneg(class_size, "Ellison-Glaeser class sizes")?;
    let mut n_c = vec![0.0; class_size.len()];
    let mut by_region = Vec::with_capacity(counts.len());
    for (r, row) in counts.iter().enumerate() {
        if row.len() != class_size.len() {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!(
                    "Ellison-Glaeser size classes: region {} has {} classes, expected {}",
                    r + 1,
                    row.len(),
                    class_size.len()
                ),
            ));
        }
        let mut e = 0.0;
        for ((n, s), acc) in row.iter().zip(class_size).zip(n_c.iter_mut()) {
            if !(n.is_finite() && *n >= 0.0) {
                return Err(Error::new(
                    ErrorCode::NegativeValue,
                    format!(
                        "Ellison-Glaeser size classes: region {} has count {}",
                        r + 1,
                        n
                    ),
                ));
            }
            e += n * s;
            *acc += n;
        }
        by_region.push(e);
    }
    let total: f64 = n_c.iter().zip(class_size).map(|(n, s)| n * s).sum();
    if !(total > 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            "Ellison-Glaeser size classes: no establishments with positive size",
        ));
    }
    let h: f64 = n_c
        .iter()
        .zip(class_size)
        .map(|(n, s)| n * (s / total).powi(2))
        .sum();
    let z4: f64 = n_c
        .iter()
        .zip(class_size)
        .map(|(n, s)| n * (s / total).powi(4))
        .sum();
    let n_est: f64 = n_c.iter().sum();
    let regional = match industry_by_region {
        Some(v) => {
            if v.len() != region_totals.len() {
                return Err(Error::new(
                    ErrorCode::InvalidParameter,
                    "Ellison-Glaeser size classes: industry employment length differs from regions",
                ));
            }
            v.to_vec()
        }
        None => by_region,
    };
    finish(&regional, region_totals, h, z4, n_est)
}

fn finish(
    industry_by_region: &[f64],
    region_totals: &[f64],
    h: f64,
    z4: f64,
    n: f64,
) -> Result<EllisonGlaeser> {
    if region_totals.len() < 2 {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "Ellison-Glaeser needs at least two regions",
        ));
    }
    let s = shares(
        industry_by_region,
        "Ellison-Glaeser industry employment by region",
    )?;
    let x = shares(region_totals, "Ellison-Glaeser region totals")?;
    let g: f64 = s.iter().zip(&x).map(|(a, b)| (a - b).powi(2)).sum();
    let sx2: f64 = x.iter().map(|v| v * v).sum();
    let sx3: f64 = x.iter().map(|v| v.powi(3)).sum();
    if (1.0 - h).abs() < 1e-15 {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            "Ellison-Glaeser gamma is undefined for an industry with one establishment (H = 1)",
        ));
    }
    let gamma = (g - (1.0 - sx2) * h) / ((1.0 - sx2) * (1.0 - h));
    let var_g =
        2.0 * (h * h * (sx2 - 2.0 * sx3 + sx2 * sx2) - z4 * (sx2 - 4.0 * sx3 + 3.0 * sx2 * sx2));
    let z_g = (g - (1.0 - sx2) * h) / var_g.sqrt();
    Ok(EllisonGlaeser {
        gamma,
        g,
        h,
        z_g,
        n_establishments: n,
    })
}
