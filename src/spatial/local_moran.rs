//! Local Moran's I (LISA) with conditional randomisation, quadrant labels and significance.

use super::local_engine::{Engine, Progress, Sim};
use super::permutation::{check_values, p_two_tailed, significance, Adjust, PermutationParams};
use super::weights::SpatialWeights;
use crate::error::Result;
use serde::Serialize;

/// Moran scatter-plot quadrant: value high/low, neighbours' lag high/low.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Quadrant {
    HH,
    LH,
    LL,
    HL,
}

impl Quadrant {
    /// esda's rule: "high" means strictly above the mean (z > 0), likewise for the lag.
    pub fn of(z: f64, lag: f64) -> Self {
        match (z > 0.0, lag > 0.0) {
            (true, true) => Quadrant::HH,
            (false, true) => Quadrant::LH,
            (false, false) => Quadrant::LL,
            (true, false) => Quadrant::HL,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Quadrant::HH => "HH",
            Quadrant::LH => "LH",
            Quadrant::LL => "LL",
            Quadrant::HL => "HL",
        }
    }
}

/// LISA cluster-map class: the quadrant when significant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cluster {
    #[serde(rename = "HH")]
    HH,
    #[serde(rename = "LH")]
    LH,
    #[serde(rename = "LL")]
    LL,
    #[serde(rename = "HL")]
    HL,
    NotSignificant,
    Island,
}

/// Local Moran results, one entry per region in the weights' order. Islands have `None`
/// statistics, `Cluster::Island` and are never significant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocalMoran {
    pub ids: Vec<String>,
    /// `I_i = (n-1) z_i (Wz)_i / Σ z²` with `z` standardised (esda/GeoDa scaling).
    pub i: Vec<Option<f64>>,
    /// Standardised value `z_i = (y_i - ȳ)/sd` (ddof 0).
    pub z_value: Vec<f64>,
    /// Spatial lag of the standardised value.
    pub lag: Vec<f64>,
    pub quadrant: Vec<Option<Quadrant>>,
    /// Analytic moments under total randomisation (Sokal et al. 1998; esda `EI`, `VI`).
    pub expected_i: Vec<Option<f64>>,
    pub variance_i: Vec<Option<f64>>,
    pub z: Vec<Option<f64>>,
    pub p_norm: Vec<Option<f64>>,
    /// Moments under conditional randomisation (Sokal et al. 1998 A7/A8).
    pub expected_i_conditional: Vec<Option<f64>>,
    pub variance_i_conditional: Vec<Option<f64>>,
    /// Folded pseudo p-value (esda `p_sim`).
    pub p_sim: Vec<Option<f64>>,
    pub mean_sim: Vec<Option<f64>>,
    pub z_sim: Vec<Option<f64>>,
    /// At `alpha` after `adjust`, on `p_sim` (on `p_norm` without permutations).
    pub significant: Vec<bool>,
    pub cluster: Vec<Cluster>,
    pub islands: Vec<String>,
    pub permutations: usize,
    pub seed: u64,
    pub alpha: f64,
    pub adjust: Adjust,
}

/// A resumable local Moran computation: build with [`LocalMoranJob::new`], call
/// [`LocalMoranJob::step`] until done (report progress, honour cancel between steps), then
/// [`LocalMoranJob::finish`].
#[derive(Debug, Clone)]
pub struct LocalMoranJob {
    engine: Engine,
    partial: LocalMoran,
}

impl LocalMoranJob {
    /// Validate and compute the analytic part; the permutations run in [`Self::step`].
    ///
    /// # Errors
    /// As [`local_moran`].
    pub fn new(w: &SpatialWeights, y: &[f64], p: &PermutationParams) -> Result<Self> {
        p.validate()?;
        check_values(&w.ids, y, 3)?;
        let n = y.len();
        let nf = n as f64;
        let mean = y.iter().sum::<f64>() / nf;
        let sd = (y.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / nf).sqrt();
        let z: Vec<f64> = y.iter().map(|v| (v - mean) / sd).collect();
        let den: f64 = z.iter().map(|v| v * v).sum();
        let lag = w.lag(&z);
        let card = w.cardinalities();
        let island: Vec<bool> = card.iter().map(|&c| c == 0).collect();
        let m2 = den / nf;
        let m4 = z.iter().map(|v| v.powi(4)).sum::<f64>() / nf;
        let b2 = m4 / (m2 * m2);
        let mut out = LocalMoran {
            ids: w.ids.clone(),
            i: Vec::with_capacity(n),
            z_value: z.clone(),
            lag: lag.clone(),
            quadrant: Vec::with_capacity(n),
            expected_i: Vec::with_capacity(n),
            variance_i: Vec::with_capacity(n),
            z: Vec::with_capacity(n),
            p_norm: Vec::with_capacity(n),
            expected_i_conditional: Vec::with_capacity(n),
            variance_i_conditional: Vec::with_capacity(n),
            p_sim: Vec::new(),
            mean_sim: Vec::new(),
            z_sim: Vec::new(),
            significant: Vec::new(),
            cluster: Vec::new(),
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
        for k in 0..n {
            let (zi, li) = (
                z.get(k).copied().unwrap_or(0.0),
                lag.get(k).copied().unwrap_or(0.0),
            );
            let ii = (nf - 1.0) * zi * li / den;
            observed.push(ii);
            if island.get(k).copied().unwrap_or(true) {
                for v in [
                    &mut out.i,
                    &mut out.expected_i,
                    &mut out.variance_i,
                    &mut out.z,
                    &mut out.p_norm,
                    &mut out.expected_i_conditional,
                    &mut out.variance_i_conditional,
                ] {
                    v.push(None);
                }
                out.quadrant.push(None);
                continue;
            }
            let ws = w.weights.get(k).map(|v| v.as_slice()).unwrap_or(&[]);
            let wi: f64 = ws.iter().sum();
            let wi2: f64 = ws.iter().map(|x| x * x).sum();
            let e = -wi / (nf - 1.0);
            let wikh = wi * wi - wi2;
            let v = wi2 * (nf - b2) / (nf - 1.0)
                + wikh * (2.0 * b2 - nf) / ((nf - 1.0) * (nf - 2.0))
                - e * e;
            let zz = (ii - e) / v.sqrt();
            out.i.push(Some(ii));
            out.quadrant.push(Some(Quadrant::of(zi, li)));
            out.expected_i.push(Some(e));
            out.variance_i.push(Some(v));
            out.z.push(Some(zz));
            out.p_norm.push(Some(p_two_tailed(zz)));
            out.expected_i_conditional
                .push(Some(-(zi * zi * wi) / ((nf - 1.0) * m2)));
            out.variance_i_conditional.push(Some(
                (zi / m2).powi(2)
                    * (nf / (nf - 2.0))
                    * (wi2 - wi * wi / (nf - 1.0))
                    * (m2 - zi * zi / (nf - 1.0)),
            ));
        }
        let engine = Engine::new(
            Sim::Moran { den },
            w.neighbours.clone(),
            w.weights.clone(),
            vec![0.0; n],
            z,
            observed,
            island,
            p.permutations,
            p.seed,
        );
        Ok(LocalMoranJob {
            engine,
            partial: out,
        })
    }

    /// Run the permutations of up to `budget` more regions.
    pub fn step(&mut self, budget: usize) -> Progress {
        self.engine.step(budget)
    }

    pub fn is_done(&self) -> bool {
        self.engine.is_done()
    }

    /// The results (runs any remaining steps first).
    pub fn finish(mut self) -> LocalMoran {
        while !self.engine.is_done() {
            self.engine.step(usize::MAX);
        }
        let (p_sim, mean_sim, z_sim) = self.engine.results();
        let mut out = self.partial;
        let test: Vec<Option<f64>> = if out.permutations > 0 {
            p_sim.clone()
        } else {
            out.p_norm.clone()
        };
        out.significant = significance(&test, out.alpha, out.adjust);
        out.cluster = out
            .quadrant
            .iter()
            .zip(&out.significant)
            .map(|(q, s)| match (q, s) {
                (None, _) => Cluster::Island,
                (Some(_), false) => Cluster::NotSignificant,
                (Some(Quadrant::HH), true) => Cluster::HH,
                (Some(Quadrant::LH), true) => Cluster::LH,
                (Some(Quadrant::LL), true) => Cluster::LL,
                (Some(Quadrant::HL), true) => Cluster::HL,
            })
            .collect();
        out.p_sim = p_sim;
        out.mean_sim = mean_sim;
        out.z_sim = z_sim;
        out
    }
}

/// Local Moran's I (LISA) for every region.
///
/// `I_i = (n-1) z_i Σ_j w_ij z_j / Σ_k z_k²` with `z` standardised (ddof 0): the esda and GeoDa
/// scaling, `(n-1)/n · z_i · lag_i`. R spdep reports `z_i · lag_i` (n/(n-1) times larger). The
/// pseudo p-value comes from conditional randomisation (the other n-1 values permuted, esda's
/// shared draws, folded: `(min(larger, R-larger)+1)/(R+1)`). Quadrants are labels (`HH`, `LH`,
/// `LL`, `HL`): esda and GeoDa number them differently. Islands (no neighbours) are excluded:
/// `None` statistics, cluster `island`.
///
/// # Arguments
/// * `w` weights (row-standardised is the usual choice), `y` values in `w.ids` order,
///   `p` permutations, seed, alpha and adjustment, `progress(done, total)` called between steps;
///   return false to cancel.
///
/// # Errors
/// `E_INSUFFICIENT_DATA` (missing value, located; n < 3), `E_ZERO_VARIANCE` (all values equal),
/// `E_INVALID_PARAMETER`, `E_CANCELLED`.
///
/// # Complexity
/// O(n + R·k_max + R·L) for L links.
///
/// # Examples
/// Values 1,2,3,4 on a line (binary weights): z = (-1.342, -0.447, 0.447, 1.342),
/// `I_1 = 3 · z_1 · z_2 / 4 = 3 · 0.6 / 4 = 0.45`.
/// ```
/// use agglo::spatial::{local_moran, PermutationParams, SpatialWeights};
/// let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
/// let w = SpatialWeights::new(ids, vec![vec![1], vec![0, 2], vec![1, 3], vec![2]], None, "line").unwrap();
/// let l = local_moran(&w, &[1.0, 2.0, 3.0, 4.0], &PermutationParams::default(), &mut |_, _| true).unwrap();
/// assert!((l.i[0].unwrap() - 0.45).abs() < 1e-12);
/// assert_eq!(l.quadrant[0].unwrap().as_str(), "LL");
/// ```
///
/// # Reference
/// Anselin (1995); Sokal, Oden & Thomson (1998); esda `Moran_Local`; GeoDa.
#[doc(alias = "localmoran")]
#[doc(alias = "lisa")]
#[doc(alias = "Moran_Local")]
pub fn local_moran(
    w: &SpatialWeights,
    y: &[f64],
    p: &PermutationParams,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<LocalMoran> {
    let mut job = LocalMoranJob::new(w, y, p)?;
    job.engine.run(progress)?;
    Ok(job.finish())
}
