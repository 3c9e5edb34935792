//! Geary's C.

use super::permutation::{check_values, p_two_tailed, rng, PermutationParams};
use super::weights::SpatialWeights;
use crate::error::{Error, ErrorCode, Result};
use rand::seq::SliceRandom;
use serde::Serialize;

/// Geary's C with analytic and permutation inference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Geary {
    pub n: usize,
    pub c: f64,
    /// Always 1.
    pub expected_c: f64,
    pub variance_norm: f64,
    pub z_norm: f64,
    pub p_norm: f64,
    pub variance_rand: f64,
    pub z_rand: f64,
    pub p_rand: f64,
    /// Pseudo p-value on the side of the observed value (C < 1 = positive autocorrelation).
    pub p_sim: Option<f64>,
    pub permutations: usize,
    pub seed: u64,
}

/// Geary's C: `C = (n-1) Σ_ij w_ij (y_i - y_j)² / (2 S0 Σ (y_i - ȳ)²)`, `E[C] = 1`; variances as
/// esda `Geary` (normality and randomisation). Values below 1 mean positive autocorrelation.
///
/// # Errors
/// As [`super::moran`].
///
/// # Complexity
/// O(L + R (n + L)).
///
/// # Examples
/// Values 1,2,3,4 on a line, binary: `Σ w (y_i - y_j)² = 6`, `C = 3·6/(2·6·5) = 0.3`.
/// ```
/// use agglo::spatial::{geary, PermutationParams, SpatialWeights};
/// let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
/// let w = SpatialWeights::new(ids, vec![vec![1], vec![0, 2], vec![1, 3], vec![2]], None, "line").unwrap();
/// let g = geary(&w, &[1.0, 2.0, 3.0, 4.0], &PermutationParams { permutations: 0, ..Default::default() }).unwrap();
/// assert!((g.c - 0.3).abs() < 1e-12);
/// ```
///
/// # Reference
/// Geary (1954); esda `Geary`.
#[doc(alias = "geary.test")]
pub fn geary(w: &SpatialWeights, y: &[f64], p: &PermutationParams) -> Result<Geary> {
    p.validate()?;
    check_values(&w.ids, y, 4)?;
    let n = y.len();
    let nf = n as f64;
    let mean = y.iter().sum::<f64>() / nf;
    let (s0, s1, s2) = w.s012();
    if s0 == 0.0 {
        return Err(Error::new(
            ErrorCode::Islands,
            "no region has a neighbour: Geary's C is undefined",
        ));
    }
    let yd2: f64 = y.iter().map(|v| (v - mean).powi(2)).sum();
    let yd4: f64 = y.iter().map(|v| (v - mean).powi(4)).sum();
    let stat = |y: &[f64]| -> f64 {
        let mut num = 0.0;
        for (i, (nb, ws)) in w.neighbours.iter().zip(&w.weights).enumerate() {
            let yi = y.get(i).copied().unwrap_or(0.0);
            for (&j, &wij) in nb.iter().zip(ws) {
                num += wij * (yi - y.get(j).copied().unwrap_or(0.0)).powi(2);
            }
        }
        (nf - 1.0) * num / (2.0 * s0 * yd2)
    };
    let c = stat(y);
    let s02 = s0 * s0;
    let n2 = nf * nf;
    let k = (yd4 / nf) / (yd2 / nf).powi(2);
    let a = (nf - 1.0) * s1 * (n2 - 3.0 * nf + 3.0 - (nf - 1.0) * k);
    let b = 0.25 * ((nf - 1.0) * s2 * (n2 + 3.0 * nf - 6.0 - (n2 - nf + 2.0) * k));
    let cc = s02 * (n2 - 3.0 - (nf - 1.0).powi(2) * k);
    let v_rand = (a - b + cc) / (nf * (nf - 2.0) * (nf - 3.0) * s02);
    let v_norm = ((2.0 * s1 + s2) * (nf - 1.0) - 4.0 * s02) / (2.0 * (nf + 1.0) * s02);
    let z_norm = (c - 1.0) / v_norm.sqrt();
    let z_rand = (c - 1.0) / v_rand.sqrt();
    let mut p_sim = None;
    if p.permutations > 0 {
        let mut r = rng(p.seed);
        let mut yp = y.to_vec();
        let mut count = 0usize;
        for _ in 0..p.permutations {
            yp.shuffle(&mut r);
            let s = stat(&yp);
            if (c <= 1.0 && s <= c) || (c > 1.0 && s >= c) {
                count += 1;
            }
        }
        p_sim = Some((count as f64 + 1.0) / (p.permutations as f64 + 1.0));
    }
    Ok(Geary {
        n,
        c,
        expected_c: 1.0,
        variance_norm: v_norm,
        z_norm,
        p_norm: p_two_tailed(z_norm),
        variance_rand: v_rand,
        z_rand,
        p_rand: p_two_tailed(z_rand),
        p_sim,
        permutations: p.permutations,
        seed: p.seed,
    })
}
