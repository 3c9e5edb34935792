//! Prioritisation: a transparent weighted score of clusters over criteria the user picks.

use super::typology::ClusterProfile;
use crate::error::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A prioritisation criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criterion {
    /// CAGR of the cluster's employment.
    Growth,
    /// Location quotient.
    Lq,
    /// Employment.
    Size,
    /// Absolute employment change.
    JobCreation,
    /// Payroll per employee.
    Wages,
    /// Focus: the cluster's share of the region's employment.
    Focus,
    /// Competitive shift-share component.
    Competitive,
    /// Output or employment multiplier (supplied from the input-output module).
    Multiplier,
    /// Local-supplier linkage (supplied from the input-output module).
    LocalSupplier,
}

impl Criterion {
    /// Parse a snake_case name (`growth`, `lq`, `size`, `job_creation`, `wages`, ...).
    pub fn parse(s: &str) -> Result<Self> {
        serde_json::from_value(serde_json::Value::String(s.trim().to_ascii_lowercase().replace('-', "_")))
            .map_err(|_| {
                Error::new(
                    ErrorCode::InvalidParameter,
                    format!("unknown criterion '{s}' (growth, lq, size, job_creation, wages, focus, competitive, multiplier, local_supplier)"),
                )
            })
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Criterion::Growth => "growth",
            Criterion::Lq => "lq",
            Criterion::Size => "size",
            Criterion::JobCreation => "job_creation",
            Criterion::Wages => "wages",
            Criterion::Focus => "focus",
            Criterion::Competitive => "competitive",
            Criterion::Multiplier => "multiplier",
            Criterion::LocalSupplier => "local_supplier",
        }
    }
}

/// How criteria are brought to [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Normalisation {
    /// `(x - min)/(max - min)`; a constant criterion gives 0 to all.
    #[default]
    MinMax,
    /// `(rank - 1)/(n - 1)` with rank 1 = smallest, ties sharing their mean rank.
    Rank,
}

/// Parameters of [`prioritise`]; serialisable so the choice is saved with the analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriorityParams {
    pub criteria: Vec<Criterion>,
    /// One non-negative weight per criterion; rescaled to sum to 1.
    pub weights: Vec<f64>,
    #[serde(default)]
    pub normalisation: Normalisation,
    /// Values of externally computed criteria (`multiplier`, `local_supplier`) by cluster code.
    #[serde(default)]
    pub external: BTreeMap<String, BTreeMap<String, f64>>,
}

/// Validated parameters (weights rescaled).
#[derive(Debug, Clone, PartialEq)]
pub struct ValidPriorityParams {
    pub criteria: Vec<Criterion>,
    pub weights: Vec<f64>,
    pub normalisation: Normalisation,
    pub external: BTreeMap<String, BTreeMap<String, f64>>,
}

impl PriorityParams {
    /// Validate once: as many weights as criteria, no duplicates, weights >= 0 with a positive sum.
    pub fn validate(&self) -> Result<ValidPriorityParams> {
        if self.criteria.is_empty() {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                "pick at least one criterion",
            ));
        }
        if self.criteria.len() != self.weights.len() {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!(
                    "{} criteria but {} weights",
                    self.criteria.len(),
                    self.weights.len()
                ),
            ));
        }
        let mut seen = self.criteria.clone();
        seen.sort();
        seen.dedup();
        if seen.len() != self.criteria.len() {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                "a criterion is listed twice",
            ));
        }
        if let Some((c, w)) = self
            .criteria
            .iter()
            .zip(&self.weights)
            .find(|(_, w)| !(w.is_finite() && **w >= 0.0))
        {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!(
                    "the weight of '{}' is {w}; weights must be >= 0",
                    c.as_str()
                ),
            ));
        }
        let s: f64 = self.weights.iter().sum();
        if !(s > 0.0) {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                "the weights sum to zero",
            ));
        }
        Ok(ValidPriorityParams {
            criteria: self.criteria.clone(),
            weights: self.weights.iter().map(|w| w / s).collect(),
            normalisation: self.normalisation,
            external: self.external.clone(),
        })
    }
}

/// One criterion's part of a cluster's score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Contribution {
    pub criterion: Criterion,
    /// The raw value (`None` when unavailable: it then scores 0 on this criterion).
    pub raw: Option<f64>,
    pub normalised: f64,
    pub weight: f64,
    /// `weight × normalised`; the contributions sum to the score.
    pub contribution: f64,
}

/// One ranked cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PriorityRow {
    pub rank: usize,
    pub region: String,
    pub cluster: String,
    pub cluster_name: String,
    pub score: f64,
    pub contributions: Vec<Contribution>,
}

fn raw_value(
    p: &ClusterProfile,
    c: Criterion,
    ext: &BTreeMap<String, BTreeMap<String, f64>>,
) -> Option<f64> {
    match c {
        Criterion::Growth => p.growth,
        Criterion::Lq => p.lq,
        Criterion::Size => Some(p.employment),
        Criterion::JobCreation => p.job_creation,
        Criterion::Wages => p.wage,
        Criterion::Focus => p.focus,
        Criterion::Competitive => p.competitive_shift,
        Criterion::Multiplier | Criterion::LocalSupplier => {
            let own = if c == Criterion::Multiplier {
                p.multiplier
            } else {
                p.local_supplier
            };
            own.or_else(|| ext.get(c.as_str()).and_then(|m| m.get(&p.cluster)).copied())
        }
    }
    .filter(|v| v.is_finite())
}

/// Rank the profiles (typically one region's clusters) by a weighted score.
///
/// `score = sum_k w_k n_k(x)`, with `n_k` the min-max or rank normalisation of criterion `k` over
/// the profiles given; a missing value normalises to 0. Ties in score keep the input order.
///
/// # Errors
/// Parameter validation errors ([`PriorityParams::validate`]).
///
/// # Complexity
/// O(criteria × n log n).
///
/// # Examples
/// See `tests/clusters.rs`; the contributions of every row sum to its score.
pub fn prioritise(
    profiles: &[ClusterProfile],
    params: &PriorityParams,
) -> Result<Vec<PriorityRow>> {
    let v = params.validate()?;
    let n = profiles.len();
    let mut norm = vec![vec![0.0; v.criteria.len()]; n];
    let mut raws = vec![vec![None; v.criteria.len()]; n];
    for (k, c) in v.criteria.iter().enumerate() {
        let vals: Vec<Option<f64>> = profiles
            .iter()
            .map(|p| raw_value(p, *c, &v.external))
            .collect();
        let present: Vec<f64> = vals.iter().flatten().copied().collect();
        for (i, x) in vals.iter().enumerate() {
            let nv = match (x, v.normalisation) {
                (None, _) => 0.0,
                (Some(x), Normalisation::MinMax) => {
                    let lo = present.iter().copied().fold(f64::INFINITY, f64::min);
                    let hi = present.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                    if hi > lo {
                        (x - lo) / (hi - lo)
                    } else {
                        0.0
                    }
                }
                (Some(x), Normalisation::Rank) => {
                    let below = present.iter().filter(|y| **y < *x).count() as f64;
                    let equal = present.iter().filter(|y| **y == *x).count() as f64;
                    let rank = below + (equal + 1.0) / 2.0;
                    if present.len() > 1 {
                        (rank - 1.0) / (present.len() as f64 - 1.0)
                    } else {
                        0.0
                    }
                }
            };
            if let Some(slot) = norm.get_mut(i).and_then(|r| r.get_mut(k)) {
                *slot = nv;
            }
            if let Some(slot) = raws.get_mut(i).and_then(|r| r.get_mut(k)) {
                *slot = *x;
            }
        }
    }
    let mut rows: Vec<PriorityRow> = profiles
        .iter()
        .zip(norm.iter().zip(&raws))
        .map(|(p, (nr, rr))| {
            let contributions: Vec<Contribution> = v
                .criteria
                .iter()
                .zip(&v.weights)
                .zip(nr.iter().zip(rr))
                .map(|((c, w), (nv, rv))| Contribution {
                    criterion: *c,
                    raw: *rv,
                    normalised: *nv,
                    weight: *w,
                    contribution: w * nv,
                })
                .collect();
            PriorityRow {
                rank: 0,
                region: p.region.clone(),
                cluster: p.cluster.clone(),
                cluster_name: p.cluster_name.clone(),
                score: contributions.iter().map(|c| c.contribution).sum(),
                contributions,
            }
        })
        .collect();
    rows.sort_by(|a, b| b.score.total_cmp(&a.score));
    for (k, r) in rows.iter_mut().enumerate() {
        r.rank = k + 1;
    }
    Ok(rows)
}
