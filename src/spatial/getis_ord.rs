//! Local Getis-Ord G_i and G*_i (hot and cold spots).

use super::local_engine::{Engine, Progress, Sim};
use super::permutation::{check_values, p_one_sided, significance, Adjust, PermutationParams};
use super::weights::SpatialWeights;
use crate::error::{Error, ErrorCode, Location, Result};
use serde::Serialize;

/// Hot/cold-spot class of a region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Spot {
    Hot,
    Cold,
    NotSignificant,
    Island,
}

/// Local G results, one entry per region in the weights' order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocalG {
    pub ids: Vec<String>,
    pub star: bool,
    pub g: Vec<Option<f64>>,
    pub expected_g: Vec<Option<f64>>,
    pub variance_g: Vec<Option<f64>>,
    /// Standardised G (the z-score ArcGIS and GeoDa map).
    pub z: Vec<Option<f64>>,
    /// One-sided normal p-value of |z| (esda `p_norm`).
    pub p_norm: Vec<Option<f64>>,
    pub p_sim: Vec<Option<f64>>,
    pub z_sim: Vec<Option<f64>>,
    pub significant: Vec<bool>,
    pub spot: Vec<Spot>,
    pub islands: Vec<String>,
    pub permutations: usize,
    pub seed: u64,
    pub alpha: f64,
    pub adjust: Adjust,
}

/// A resumable local G computation (see [`super::LocalMoranJob`]).
#[derive(Debug, Clone)]
pub struct LocalGJob {
    engine: Engine,
    partial: LocalG,
}

impl LocalGJob {
    /// # Errors
    /// As [`getis_ord_local`].
    pub fn new(w: &SpatialWeights, y: &[f64], star: bool, p: &PermutationParams) -> Result<Self> {
        p.validate()?;
        check_values(&w.ids, y, 3)?;
        if let Some(k) = y.iter().position(|v| *v < 0.0) {
            return Err(Error::new(
                ErrorCode::NegativeValue,
                "Getis-Ord G needs non-negative values",
            )
            .at(Location::default()
                .with_region(w.ids.get(k).cloned().unwrap_or_default())
                .with_value(y.get(k).map(|v| v.to_string()).unwrap_or_default())));
        }
        let n = y.len();
        let island: Vec<bool> = w.neighbours.iter().map(Vec::is_empty).collect();
        let ws = if star { w.with_self() } else { w.clone() };
        let sum: f64 = y.iter().sum();
        let sum2: f64 = y.iter().map(|v| v * v).sum();
        let lag = ws.lag(y);
        let remove = if star { 0.0 } else { 1.0 };
        let big_n = n as f64 - remove;
        let mut out = LocalG {
            ids: w.ids.clone(),
            star,
            g: Vec::with_capacity(n),
            expected_g: Vec::with_capacity(n),
            variance_g: Vec::with_capacity(n),
            z: Vec::with_capacity(n),
            p_norm: Vec::with_capacity(n),
            p_sim: Vec::new(),
            z_sim: Vec::new(),
            significant: Vec::new(),
            spot: Vec::new(),
            islands: w
                .island_indices()
                .iter()
                .filter_map(|&k| w.ids.get(k).cloned())
                .collect(),
            permutations: p.permutations,
            seed: p.seed,
            alpha: p.alpha,
            adjust: p.adjust,
        };
        let mut observed = Vec::with_capacity(n);
        let mut others_nb = Vec::with_capacity(n);
        let mut others_w = Vec::with_capacity(n);
        let mut self_w = Vec::with_capacity(n);
        for k in 0..n {
            let yi = y.get(k).copied().unwrap_or(0.0);
            let g = lag.get(k).copied().unwrap_or(0.0) / (sum - yi * remove);
            observed.push(g);
            let nb = ws.neighbours.get(k).map(|v| v.as_slice()).unwrap_or(&[]);
            let wk = ws.weights.get(k).map(|v| v.as_slice()).unwrap_or(&[]);
            let (mut on, mut ow, mut sw) = (Vec::new(), Vec::new(), 0.0);
            for (&j, &x) in nb.iter().zip(wk) {
                if j == k {
                    sw = x;
                } else {
                    on.push(j);
                    ow.push(x);
                }
            }
            others_nb.push(on);
            others_w.push(ow);
            self_w.push(sw);
            if island.get(k).copied().unwrap_or(true) {
                for v in [
                    &mut out.g,
                    &mut out.expected_g,
                    &mut out.variance_g,
                    &mut out.z,
                    &mut out.p_norm,
                ] {
                    v.push(None);
                }
                continue;
            }
            let card: f64 = wk.iter().sum();
            let emp_mean = (sum - yi * remove) / big_n;
            let mean_sq = (sum2 - yi * yi * remove) / big_n;
            let emp_var = mean_sq - emp_mean * emp_mean;
            let e = card / big_n;
            let v = card * (big_n - card) / (big_n - 1.0)
                * (1.0 / (big_n * big_n))
                * (emp_var / (emp_mean * emp_mean));
            let z = (g - e) / v.sqrt();
            out.g.push(Some(g));
            out.expected_g.push(Some(e));
            out.variance_g.push(Some(v));
            out.z.push(Some(z));
            out.p_norm.push(Some(p_one_sided(z)));
        }
        let sim = if star {
            Sim::GStar { sum }
        } else {
            Sim::G { sum }
        };
        let engine = Engine::new(
            sim,
            others_nb,
            others_w,
            self_w,
            y.to_vec(),
            observed,
            island,
            p.permutations,
            p.seed,
        );
        Ok(LocalGJob {
            engine,
            partial: out,
        })
    }

    pub fn step(&mut self, budget: usize) -> Progress {
        self.engine.step(budget)
    }

    pub fn is_done(&self) -> bool {
        self.engine.is_done()
    }

    pub fn finish(mut self) -> LocalG {
        while !self.engine.is_done() {
            self.engine.step(usize::MAX);
        }
        let (p_sim, _mean, z_sim) = self.engine.results();
        let mut out = self.partial;
        let test: Vec<Option<f64>> = if out.permutations > 0 {
            p_sim.clone()
        } else {
            // Two-sided on the analytic z, as the hot/cold map is two-sided.
            out.p_norm.iter().map(|p| p.map(|x| 2.0 * x)).collect()
        };
        out.significant = significance(&test, out.alpha, out.adjust);
        out.spot = out
            .z
            .iter()
            .zip(&out.significant)
            .map(|(z, s)| match (z, s) {
                (None, _) => Spot::Island,
                (Some(_), false) => Spot::NotSignificant,
                (Some(z), true) if *z > 0.0 => Spot::Hot,
                (Some(_), true) => Spot::Cold,
            })
            .collect();
        out.p_sim = p_sim;
        out.z_sim = z_sim;
        out
    }
}

/// Local Getis-Ord `G_i` (`star = false`) or `G*_i` (`star = true`, each region its own
/// neighbour with base weight 1 before the transform, as esda).
///
/// `G_i = Σ_j w_ij y_j / Σ_{j≠i} y_j` (`G*_i` divides by `Σ_j y_j`), `E[G_i] = W_i / N`,
/// `Var[G_i] = W_i (N - W_i) / (N - 1) · s²/(N² ȳ²)` with N = n-1 (G) or n (G*), ȳ and s² the
/// mean and variance of the other values (G) or all values (G*), `W_i` the row sum — esda
/// `G_Local`. The z-score is what hot-spot maps show; `p_norm` is one-sided of |z|; `p_sim` is
/// the folded conditional-randomisation pseudo p-value. Islands: `None`, spot `island`.
///
/// # Errors
/// `E_INSUFFICIENT_DATA`, `E_ZERO_VARIANCE`, `E_NEGATIVE_VALUE` (located), `E_CANCELLED`.
///
/// # Complexity
/// O(n + R·L).
///
/// # Examples
/// Values 1,2,3,4 on a line, binary G*: region 4 sees 3 + 4 of the total 10, `G*_4 = 0.7`.
/// ```
/// use agglo::spatial::{getis_ord_local, PermutationParams, SpatialWeights, Transform};
/// let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
/// let w = SpatialWeights::new(ids, vec![vec![1], vec![0, 2], vec![1, 3], vec![2]], None, "line").unwrap();
/// let g = getis_ord_local(&w, &[1.0, 2.0, 3.0, 4.0], true, &PermutationParams { permutations: 0, ..Default::default() }, &mut |_, _| true).unwrap();
/// assert!((g.g[3].unwrap() - 0.7).abs() < 1e-12);
/// ```
///
/// # Reference
/// Getis & Ord (1992); Ord & Getis (1995); esda `G_Local`.
#[doc(alias = "localG")]
#[doc(alias = "G_Local")]
#[doc(alias = "getis_ord_gi_star")]
pub fn getis_ord_local(
    w: &SpatialWeights,
    y: &[f64],
    star: bool,
    p: &PermutationParams,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<LocalG> {
    let mut job = LocalGJob::new(w, y, star, p)?;
    job.engine.run(progress)?;
    Ok(job.finish())
}
