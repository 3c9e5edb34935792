//! Exact betweenness centrality (Brandes 2001).
#![allow(clippy::indexing_slicing)] // indices are node ids < n

use super::network::Graph;
use super::shortest_paths::{DistanceRule, Sssp};
use crate::error::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};

/// Betweenness parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BetweennessParams {
    pub distance: DistanceRule,
    /// Divide by the number of pairs not involving the node: `(n−1)(n−2)` ordered pairs
    /// (networkx's convention; undirected values are then in [0, 1]). Default true.
    pub normalized: bool,
}

impl Default for BetweennessParams {
    fn default() -> Self {
        BetweennessParams {
            distance: DistanceRule::Inverse,
            normalized: true,
        }
    }
}

/// Exact betweenness `C_B(v) = sum_{s≠v≠t} σ_st(v)/σ_st` by Brandes' accumulation, with BFS
/// (unweighted) or Dijkstra (weights as `1/w` or `w` lengths). Undirected raw values count each
/// unordered pair once.
///
/// Floating-point ties between weighted paths are resolved by exact equality, as networkx does;
/// other peers break such ties differently (see `tests/refcases/README.md`).
///
/// # Arguments
/// * `progress(done_sources, n)` every 256 sources; returning `false` cancels.
///
/// # Errors
/// `E_CANCELLED`.
///
/// # Complexity
/// O(nm) unweighted, O(nm + n² log n) weighted; O(n + m) memory.
///
/// # Reference
/// Brandes (2001), *J. Math. Sociol.* 25(2).
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, betweenness, BetweennessParams, DistanceRule};
/// // A path a – b – c: b lies on the one a–c path.
/// let g = Graph::new(vec!["a".into(), "b".into(), "c".into()], vec![(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let p = BetweennessParams { distance: DistanceRule::Unweighted, normalized: false };
/// assert_eq!(betweenness(&g, &p, &mut |_, _| true).unwrap(), vec![0.0, 1.0, 0.0]);
/// ```
pub fn betweenness(
    g: &Graph,
    params: &BetweennessParams,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<f64>> {
    let n = g.n();
    let mut cb = vec![0.0; n];
    for s in (0..n).step_by(256) {
        if s > 0 && !progress(s, n) {
            return Err(Error::new(ErrorCode::Cancelled, "betweenness cancelled"));
        }
        betweenness_sources(g, params, s..(s + 256).min(n), &mut cb);
    }
    let scale = betweenness_scale(g, params);
    let _ = progress(n, n);
    Ok(cb.into_iter().map(|c| c * scale).collect())
}

/// The resumable part of [`betweenness`]: adds the raw (unscaled) dependencies of the sources in
/// `sources` to `acc` (length `n`). Summing over all sources in any batches and multiplying by
/// [`betweenness_scale`] gives [`betweenness`]; a caller (the browser worker) can so spread the
/// work over several steps and report progress between them.
///
/// # Complexity
/// O(|sources| · m) unweighted.
pub fn betweenness_sources(
    g: &Graph,
    params: &BetweennessParams,
    sources: std::ops::Range<usize>,
    acc: &mut [f64],
) {
    betweenness_closeness_sources(g, params, sources, acc, None);
}

/// [`betweenness_sources`] that also appends, for an undirected graph, the closeness of each
/// source (as [`super::closeness_nodes`] with the same distance rule) to `closeness`, from the
/// same shortest-path pass: one traversal per source instead of two. For a directed graph
/// (closeness uses incoming distances: another traversal) nothing is appended and the function
/// returns `false`.
///
/// # Complexity
/// O(|sources| · m) unweighted.
pub fn betweenness_closeness_sources(
    g: &Graph,
    params: &BetweennessParams,
    sources: std::ops::Range<usize>,
    acc: &mut [f64],
    mut closeness: Option<&mut Vec<f64>>,
) -> bool {
    let n = g.n();
    if acc.len() != n {
        return false;
    }
    if g.directed {
        closeness = None;
    }
    let shared = closeness.is_some();
    let mut sp = Sssp::new(n);
    let mut delta = vec![0.0; n];
    for s in sources.start..sources.end.min(n) {
        sp.run(g, s, params.distance, false);
        if let Some(c) = closeness.as_deref_mut() {
            c.push(super::closeness::closeness_of(&sp, n));
        }
        for &v in &sp.order {
            delta[v] = 0.0;
        }
        for &w in sp.order.iter().rev() {
            let coeff = (1.0 + delta[w]) / sp.sigma[w];
            for &v in &sp.pred[w] {
                delta[v] += sp.sigma[v] * coeff;
            }
            if w != s {
                acc[w] += delta[w];
            }
        }
    }
    shared
}

/// The factor turning the raw sums of [`betweenness_sources`] into [`betweenness`] values.
pub fn betweenness_scale(g: &Graph, params: &BetweennessParams) -> f64 {
    let n = g.n();
    if params.normalized {
        if n > 2 {
            1.0 / ((n - 1) as f64 * (n - 2) as f64)
        } else {
            1.0
        }
    } else if g.directed {
        1.0
    } else {
        0.5
    }
}
