//! Getis-Ord General G.

use super::permutation::{check_values, p_one_sided, rng, PermutationParams};
use super::weights::SpatialWeights;
use crate::error::{Error, ErrorCode, Location, Result};
use rand::seq::SliceRandom;
use serde::Serialize;

/// General G with analytic and permutation inference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GeneralG {
    pub n: usize,
    pub g: f64,
    pub expected_g: f64,
    pub variance: f64,
    pub z_norm: f64,
    /// One-sided normal p-value of |z|.
    pub p_norm: f64,
    pub p_sim: Option<f64>,
    pub permutations: usize,
    pub seed: u64,
}

/// Getis-Ord General G: `G = Σ_ij w_ij y_i y_j / Σ_{i≠j} y_i y_j` on binary weights (esda
/// `G`), `E[G] = S0 / (n(n-1))`, variance from the moments of Getis & Ord (1992).
///
/// # Errors
/// As [`super::moran`]; `E_NEGATIVE_VALUE` (located) for negative values (G needs y ≥ 0).
///
/// # Complexity
/// O(L + R (n + L)).
///
/// # Examples
/// Values 1,2,3,4 on a line: `Σ w y_i y_j = 2(2 + 6 + 12) = 40`, `Σ_{i≠j} y_i y_j = 100 - 30 =
/// 70`, `G = 4/7`.
/// ```
/// use agglo::spatial::{general_g, PermutationParams, SpatialWeights};
/// let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
/// let w = SpatialWeights::new(ids, vec![vec![1], vec![0, 2], vec![1, 3], vec![2]], None, "line").unwrap();
/// let g = general_g(&w, &[1.0, 2.0, 3.0, 4.0], &PermutationParams { permutations: 0, ..Default::default() }).unwrap();
/// assert!((g.g - 4.0 / 7.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// Getis & Ord (1992); esda `G`.
pub fn general_g(w: &SpatialWeights, y: &[f64], p: &PermutationParams) -> Result<GeneralG> {
    p.validate()?;
    check_values(&w.ids, y, 4)?;
    if let Some(k) = y.iter().position(|v| *v < 0.0) {
        return Err(Error::new(
            ErrorCode::NegativeValue,
            "General G needs non-negative values",
        )
        .at(Location::default()
            .with_region(w.ids.get(k).cloned().unwrap_or_default())
            .with_value(y.get(k).map(|v| v.to_string()).unwrap_or_default())));
    }
    let n = y.len();
    let nf = n as f64;
    let (s0, s1, s2) = w.s012();
    if s0 == 0.0 {
        return Err(Error::new(
            ErrorCode::Islands,
            "no region has a neighbour: G is undefined",
        ));
    }
    let sy: f64 = y.iter().sum();
    let sy2: f64 = y.iter().map(|v| v * v).sum();
    let sy3: f64 = y.iter().map(|v| v.powi(3)).sum();
    let sy4: f64 = y.iter().map(|v| v.powi(4)).sum();
    let den = sy * sy - sy2;
    let stat = |y: &[f64]| -> f64 {
        let lag = w.lag(y);
        y.iter().zip(&lag).map(|(a, b)| a * b).sum::<f64>() / den
    };
    let g = stat(y);
    let eg = s0 / (nf * (nf - 1.0));
    let n2 = nf * nf;
    let s02 = s0 * s0;
    let b0 = (n2 - 3.0 * nf + 3.0) * s1 - nf * s2 + 3.0 * s02;
    let b1 = -((n2 - nf) * s1 - 2.0 * nf * s2 + 6.0 * s02);
    let b2 = -(2.0 * nf * s1 - (nf + 3.0) * s2 + 6.0 * s02);
    let b3 = 4.0 * (nf - 1.0) * s1 - 2.0 * (nf + 1.0) * s2 + 8.0 * s02;
    let b4 = s1 - s2 + s02;
    let eg2 = (b0 * sy2 * sy2 + b1 * sy4 + b2 * sy * sy * sy2 + b3 * sy * sy3 + b4 * sy.powi(4))
        / (den * den * nf * (nf - 1.0) * (nf - 2.0) * (nf - 3.0));
    let v = eg2 - eg * eg;
    let z = (g - eg) / v.sqrt();
    let mut p_sim = None;
    if p.permutations > 0 {
        let mut r = rng(p.seed);
        let mut yp = y.to_vec();
        let mut larger = 0usize;
        for _ in 0..p.permutations {
            yp.shuffle(&mut r);
            if stat(&yp) >= g {
                larger += 1;
            }
        }
        p_sim = Some(super::permutation::folded_p(larger, p.permutations));
    }
    Ok(GeneralG {
        n,
        g,
        expected_g: eg,
        variance: v,
        z_norm: z,
        p_norm: p_one_sided(z),
        p_sim,
        permutations: p.permutations,
        seed: p.seed,
    })
}
