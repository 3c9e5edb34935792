//! Seeded permutation machinery shared by the global and local statistics.

use crate::error::{Error, ErrorCode, Location, Result};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;
use serde::{Deserialize, Serialize};

/// The default seed: fixed, so identical inputs give identical pseudo p-values everywhere.
pub const DEFAULT_SEED: u64 = 12345;
/// The default number of permutations (esda, GeoDa).
pub const DEFAULT_PERMUTATIONS: usize = 999;

/// Multiple-testing adjustment of local significance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Adjust {
    /// Each region tested at `alpha`.
    #[default]
    None,
    /// `p <= alpha / m` (m = regions tested).
    Bonferroni,
    /// Benjamini-Hochberg false discovery rate at `alpha` (GeoDa's "FDR").
    Fdr,
}

impl Adjust {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "none" | "" => Ok(Adjust::None),
            "bonferroni" => Ok(Adjust::Bonferroni),
            "fdr" | "bh" => Ok(Adjust::Fdr),
            _ => Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("unknown adjustment '{s}' (none, bonferroni, fdr)"),
            )),
        }
    }
}

/// Parameters of permutation inference (global and local statistics).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PermutationParams {
    /// Number of permutations (default 999; 0 = analytic inference only).
    pub permutations: usize,
    /// Random seed (default [`DEFAULT_SEED`]).
    pub seed: u64,
    /// Significance level for local statistics (default 0.05).
    pub alpha: f64,
    /// Multiple-testing adjustment (default none, as esda and GeoDa's default map).
    pub adjust: Adjust,
}

impl Default for PermutationParams {
    fn default() -> Self {
        PermutationParams {
            permutations: DEFAULT_PERMUTATIONS,
            seed: DEFAULT_SEED,
            alpha: 0.05,
            adjust: Adjust::None,
        }
    }
}

impl PermutationParams {
    /// Check the parameters once.
    ///
    /// # Errors
    /// `E_INVALID_PARAMETER` for more than 1 000 000 permutations or alpha outside (0, 1).
    pub fn validate(&self) -> Result<()> {
        if self.permutations > 1_000_000 {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!(
                    "{} permutations is too many (at most 1 000 000)",
                    self.permutations
                ),
            )
            .at(Location::default().with_column("permutations")));
        }
        if !(self.alpha > 0.0 && self.alpha < 1.0) {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("alpha must be in (0, 1), not {}", self.alpha),
            )
            .at(Location::default().with_column("alpha")));
        }
        Ok(())
    }
}

pub(crate) fn rng(seed: u64) -> Pcg64 {
    Pcg64::seed_from_u64(seed)
}

/// `perms` rows of `k` distinct indices drawn from `0..m` (row-major), the shared draws of
/// esda's conditional randomisation: region i maps draw `j` to `j + (j >= i)`, so its own value is
/// never drawn.
pub(crate) fn random_ids(m: usize, k: usize, perms: usize, rng: &mut Pcg64) -> Vec<u32> {
    let k = k.min(m);
    let mut out = Vec::with_capacity(perms * k);
    if k == 0 {
        return out;
    }
    let mut pool: Vec<u32> = Vec::new();
    for _ in 0..perms {
        if k * 4 <= m {
            let start = out.len();
            while out.len() < start + k {
                let j = rng.random_range(0..m) as u32;
                if !out.get(start..).unwrap_or(&[]).contains(&j) {
                    out.push(j);
                }
            }
        } else {
            pool.clear();
            pool.extend(0..m as u32);
            for t in 0..k {
                let s = rng.random_range(t..m);
                pool.swap(t, s);
            }
            out.extend_from_slice(pool.get(..k).unwrap_or(&[]));
        }
    }
    out
}

/// esda's folded pseudo p-value: `(min(larger, R - larger) + 1) / (R + 1)` where `larger` counts
/// simulated values >= the observed one.
pub(crate) fn folded_p(larger: usize, perms: usize) -> f64 {
    let l = larger.min(perms - larger.min(perms));
    (l as f64 + 1.0) / (perms as f64 + 1.0)
}

/// Two-tailed normal p-value `2 (1 - Φ(|z|))`, accurate in the tail.
pub(crate) fn p_two_tailed(z: f64) -> f64 {
    statrs::function::erf::erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// One-sided upper-tail normal p-value of `|z|`: `1 - Φ(|z|)`.
pub(crate) fn p_one_sided(z: f64) -> f64 {
    0.5 * statrs::function::erf::erfc(z.abs() / std::f64::consts::SQRT_2)
}

/// Significance flags after the chosen adjustment; `None` p-values (islands) are never significant.
pub fn significance(p: &[Option<f64>], alpha: f64, adjust: Adjust) -> Vec<bool> {
    let m = p.iter().flatten().count().max(1);
    match adjust {
        Adjust::None => p.iter().map(|x| x.is_some_and(|v| v <= alpha)).collect(),
        Adjust::Bonferroni => p
            .iter()
            .map(|x| x.is_some_and(|v| v <= alpha / m as f64))
            .collect(),
        Adjust::Fdr => {
            let mut sorted: Vec<f64> = p.iter().flatten().copied().collect();
            sorted.sort_by(|a, b| a.total_cmp(b));
            let cut = sorted
                .iter()
                .enumerate()
                .filter(|(k, v)| **v <= (*k as f64 + 1.0) * alpha / m as f64)
                .map(|(_, v)| *v)
                .next_back();
            p.iter()
                .map(|x| match (x, cut) {
                    (Some(v), Some(c)) => *v <= c,
                    _ => false,
                })
                .collect()
        }
    }
}

/// Check values against weights: same length, all finite, not all equal.
pub(crate) fn check_values(ids: &[String], y: &[f64], min_n: usize) -> Result<()> {
    if ids.len() != y.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("{} values for {} regions", y.len(), ids.len()),
        ));
    }
    let bad: Vec<usize> = (0..y.len())
        .filter(|&k| !y.get(k).is_some_and(|v| v.is_finite()))
        .collect();
    if let Some(&k) = bad.first() {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            format!(
                "{} region(s) have no value (missing or not finite), first '{}'; exclude them or fill them explicitly",
                bad.len(),
                ids.get(k).cloned().unwrap_or_default()
            ),
        )
        .at(Location::default().with_region(ids.get(k).cloned().unwrap_or_default())));
    }
    if y.len() < min_n {
        return Err(Error::new(
            ErrorCode::InsufficientData,
            format!("{} regions; at least {min_n} are needed", y.len()),
        ));
    }
    if let Some(first) = y.first() {
        if y.iter().all(|v| v == first) {
            return Err(Error::new(
                ErrorCode::ZeroVariance,
                format!(
                    "all {} values equal {first}: spatial autocorrelation is undefined",
                    y.len()
                ),
            )
            .at(Location::default().with_value(first.to_string())));
        }
    }
    Ok(())
}
