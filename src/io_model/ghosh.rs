//! The Ghosh (supply-side) model: allocation coefficients and their inverse.

use super::leontief::LeontiefModel;
use serde::Serialize;

/// Ghosh matrices, row-major n × n.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ghosh {
    pub n: usize,
    /// Allocation coefficients `B = diag(x)⁻¹ Z` (`b_ij = z_ij / x_i`).
    pub b: Vec<f64>,
    /// Ghosh inverse `G = (I − B)⁻¹ = diag(x)⁻¹ L diag(x)`.
    pub g: Vec<f64>,
}

/// Ghosh allocation coefficients and inverse, materialised (O(n³); for linkages alone use
/// [`super::rasmussen_linkages`], which needs only row sums).
///
/// # Reference
/// Ghosh (1958); Miller & Blair (2009) §12.1.
///
/// # Examples
/// ```
/// use agglo::io_model::*;
/// let t = IoTable::from_flows(vec!["1".into(), "2".into()],
///     vec![150.0, 500.0, 200.0, 100.0], vec![1000.0, 2000.0], None).unwrap();
/// let g = ghosh(&LeontiefModel::new(&t, &IoParams::default()).unwrap());
/// assert!((g.b[1] - 0.5).abs() < 1e-15);
/// assert!((g.g[1] - 0.66006600660066).abs() < 1e-12);
/// ```
pub fn ghosh(model: &LeontiefModel) -> Ghosh {
    let n = model.n;
    let x = &model.x;
    let xi = |i: usize| x.get(i).copied().unwrap_or(1.0);
    let b = model
        .a
        .iter()
        .enumerate()
        .map(|(k, a)| a * xi(k % n) / xi(k / n))
        .collect();
    let l = model.inverse();
    let g = l
        .iter()
        .enumerate()
        .map(|(k, v)| v * xi(k % n) / xi(k / n))
        .collect();
    Ghosh { n, b, g }
}
