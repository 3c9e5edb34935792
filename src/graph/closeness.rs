//! Closeness centrality (Wasserman-Faust scaling for disconnected graphs).

use super::network::Graph;
use super::shortest_paths::{DistanceRule, Sssp};
use crate::error::{Error, ErrorCode, Result};

/// Closeness `C(u) = (r−1)/sum_v d(v,u) · (r−1)/(n−1)` with `r` the number of nodes that reach
/// `u` (itself included): the Wasserman-Faust correction keeps values comparable across
/// components (networkx's `wf_improved`). Directed graphs use incoming distances. Isolated nodes: 0.
///
/// # Errors
/// `E_CANCELLED`.
///
/// # Complexity
/// O(nm) unweighted, O(nm + n² log n) weighted.
///
/// # Reference
/// Wasserman & Faust (1994), *Social Network Analysis*, §5.3.
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, closeness, DistanceRule};
/// let g = Graph::new(vec!["a".into(), "b".into(), "c".into()], vec![(0, 1, 1.0), (1, 2, 1.0)], false).unwrap();
/// let c = closeness(&g, DistanceRule::Unweighted, &mut |_, _| true).unwrap();
/// assert_eq!(c, vec![2.0 / 3.0, 1.0, 2.0 / 3.0]);
/// ```
pub fn closeness(
    g: &Graph,
    rule: DistanceRule,
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<f64>> {
    let n = g.n();
    let mut out = Vec::with_capacity(n);
    for u in (0..n).step_by(256) {
        if u > 0 && !progress(u, n) {
            return Err(Error::new(ErrorCode::Cancelled, "closeness cancelled"));
        }
        out.extend(closeness_nodes(g, rule, u..(u + 256).min(n)));
    }
    Ok(out)
}

/// The resumable part of [`closeness`]: the closeness of the nodes in `nodes`, in order
/// (concatenating the batches gives [`closeness`]).
///
/// # Complexity
/// O(|nodes| · m) unweighted.
pub fn closeness_nodes(g: &Graph, rule: DistanceRule, nodes: std::ops::Range<usize>) -> Vec<f64> {
    let n = g.n();
    let mut sp = Sssp::new(n);
    let mut out = Vec::with_capacity(nodes.len());
    for u in nodes.start..nodes.end.min(n) {
        sp.run(g, u, rule, g.directed);
        out.push(closeness_of(&sp, n));
    }
    out
}

/// Wasserman-Faust closeness of the source of a finished shortest-path pass.
pub(crate) fn closeness_of(sp: &Sssp, n: usize) -> f64 {
    let r = sp.order.len();
    let tot: f64 = sp.order.iter().filter_map(|v| sp.dist.get(*v)).sum();
    if tot > 0.0 && n > 1 {
        let k = (r - 1) as f64;
        (k / tot) * (k / (n - 1) as f64)
    } else {
        0.0
    }
}
