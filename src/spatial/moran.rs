//! Global Moran's I (METHODS.md §7).

use super::permutation::{check_values, p_two_tailed, rng, PermutationParams};
use super::weights::SpatialWeights;
use crate::error::{Error, ErrorCode, Result};
use rand::seq::SliceRandom;
use serde::Serialize;

/// Global Moran's I with analytic and permutation inference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Moran {
    pub n: usize,
    pub i: f64,
    pub expected_i: f64,
    pub variance_norm: f64,
    pub z_norm: f64,
    pub p_norm: f64,
    pub variance_rand: f64,
    pub z_rand: f64,
    pub p_rand: f64,
    /// Pseudo p-value `(count(I_sim >= I if I > E[I] else I_sim <= I) + 1) / (R + 1)`; `None`
    /// without permutations.
    pub p_sim: Option<f64>,
    pub mean_sim: Option<f64>,
    pub z_sim: Option<f64>,
    pub permutations: usize,
    pub seed: u64,
    /// Regions without neighbours (included with a zero lag, as esda does).
    pub islands: usize,
}

/// Global Moran's I: `I = (n / S0) · (z' W z) / (z' z)` with `z = y - ȳ`.
///
/// `E[I] = -1/(n-1)`; variances under normality and randomisation as in esda (Cliff & Ord 1981);
/// two-tailed normal p-values; the permutation pseudo p-value counts the tail on the side of the
/// observed value (METHODS.md §7).
///
/// # Arguments
/// * `w` weights (use the transform you want; esda and GeoDa default to row-standardised),
///   `y` one value per region in `w.ids` order, `p` permutations and seed.
///
/// # Errors
/// `E_INSUFFICIENT_DATA` (missing values, located at the region; n < 4), `E_ZERO_VARIANCE`
/// (all values equal), `E_ISLANDS` when no region has a neighbour.
///
/// # Complexity
/// O(L + R (n + L)) for L links and R permutations.
///
/// # Examples
/// Four regions on a line, values 1,2,3,4, binary neighbours: `z'Wz = 2(1.5·0.5 + 0.5·(-0.5) +
/// (-0.5)(-1.5)) = 2.5`, `z'z = 5`, `S0 = 6`, `I = 4/6 · 2.5/5 = 1/3`.
/// ```
/// use agglo::spatial::{moran, PermutationParams, SpatialWeights};
/// let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
/// let w = SpatialWeights::new(ids, vec![vec![1], vec![0, 2], vec![1, 3], vec![2]], None, "line").unwrap();
/// let m = moran(&w, &[1.0, 2.0, 3.0, 4.0], &PermutationParams { permutations: 0, ..Default::default() }).unwrap();
/// assert!((m.i - 1.0 / 3.0).abs() < 1e-12);
/// assert!((m.expected_i + 1.0 / 3.0).abs() < 1e-12);
/// ```
///
/// # Reference
/// Moran (1950); Cliff & Ord (1981); esda `Moran`.
#[doc(alias = "moran.test")]
#[doc(alias = "Moran")]
pub fn moran(w: &SpatialWeights, y: &[f64], p: &PermutationParams) -> Result<Moran> {
    p.validate()?;
    check_values(&w.ids, y, 4)?;
    let n = y.len();
    let nf = n as f64;
    let mean = y.iter().sum::<f64>() / nf;
    let z: Vec<f64> = y.iter().map(|v| v - mean).collect();
    let (s0, s1, s2) = w.s012();
    if s0 == 0.0 {
        return Err(Error::new(
            ErrorCode::Islands,
            "no region has a neighbour: Moran's I is undefined",
        ));
    }
    let z2: f64 = z.iter().map(|v| v * v).sum();
    let z4: f64 = z.iter().map(|v| v.powi(4)).sum();
    let stat = |z: &[f64]| -> f64 {
        let lag = w.lag(z);
        nf / s0 * z.iter().zip(&lag).map(|(a, b)| a * b).sum::<f64>() / z2
    };
    let i = stat(&z);
    let ei = -1.0 / (nf - 1.0);
    let s02 = s0 * s0;
    let n2 = nf * nf;
    let v_norm = (n2 * s1 - nf * s2 + 3.0 * s02) / ((n2 - 1.0) * s02) - ei * ei;
    let k = (z4 / nf) / (z2 / nf).powi(2);
    let a = nf * ((n2 - 3.0 * nf + 3.0) * s1 - nf * s2 + 3.0 * s02);
    let b = k * ((n2 - nf) * s1 - 2.0 * nf * s2 + 6.0 * s02);
    let v_rand = (a - b) / ((nf - 1.0) * (nf - 2.0) * (nf - 3.0) * s02) - ei * ei;
    let z_norm = (i - ei) / v_norm.sqrt();
    let z_rand = (i - ei) / v_rand.sqrt();
    let (mut p_sim, mut mean_sim, mut z_sim) = (None, None, None);
    if p.permutations > 0 {
        let mut r = rng(p.seed);
        let mut zp = z.clone();
        let mut sims = Vec::with_capacity(p.permutations);
        for _ in 0..p.permutations {
            zp.shuffle(&mut r);
            sims.push(stat(&zp));
        }
        let count = if i > ei {
            sims.iter().filter(|s| **s >= i).count()
        } else {
            sims.iter().filter(|s| **s <= i).count()
        };
        let m = sims.iter().sum::<f64>() / sims.len() as f64;
        let sd = (sims.iter().map(|s| (s - m).powi(2)).sum::<f64>()
            / (sims.len() as f64 - 1.0).max(1.0))
        .sqrt();
        p_sim = Some((count as f64 + 1.0) / (p.permutations as f64 + 1.0));
        mean_sim = Some(m);
        z_sim = Some((i - m) / sd);
    }
    Ok(Moran {
        n,
        i,
        expected_i: ei,
        variance_norm: v_norm,
        z_norm,
        p_norm: p_two_tailed(z_norm),
        variance_rand: v_rand,
        z_rand,
        p_rand: p_two_tailed(z_rand),
        p_sim,
        mean_sim,
        z_sim,
        permutations: p.permutations,
        seed: p.seed,
        islands: w.island_indices().len(),
    })
}
