//! Weighted modularity of a partition.

use super::network::Graph;
use crate::error::{Error, ErrorCode, Result};

/// Newman-Girvan modularity with resolution γ:
/// `Q = 1/(2m) sum_ij (A_ij − γ k_i k_j / 2m) δ(c_i, c_j) = sum_c [W_c/m − γ (K_c/2m)²]`, with
/// `W_c` the weight inside community `c` and `K_c` its total strength. Directed graphs are read
/// as undirected (reciprocal weights summed). Q lies in [−1/2, 1).
///
/// # Errors
/// `E_INVALID_PARAMETER` when `membership.len() != n`; `E_EMPTY_GRAPH` when the graph has no edges.
///
/// # Complexity
/// O(n + m).
///
/// # Reference
/// Newman & Girvan (2004); Reichardt & Bornholdt (2006) for γ.
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, modularity};
/// // Two triangles joined by one edge, split in two: Q = 2·(3/7 − (7/14)²) = 0.357142857...
/// let ids = (0..6).map(|i| i.to_string()).collect();
/// let e = vec![(0,1,1.0),(1,2,1.0),(0,2,1.0),(3,4,1.0),(4,5,1.0),(3,5,1.0),(2,3,1.0)];
/// let g = Graph::new(ids, e, false).unwrap();
/// let q = modularity(&g, &[0,0,0,1,1,1], 1.0).unwrap();
/// assert!((q - 5.0/14.0).abs() < 1e-15);
/// ```
pub fn modularity(g: &Graph, membership: &[usize], resolution: f64) -> Result<f64> {
    if membership.len() != g.n() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("{} community labels for {} nodes", membership.len(), g.n()),
        ));
    }
    let m: f64 = g.edges.iter().map(|e| e.weight).sum();
    if m <= 0.0 {
        return Err(Error::new(
            ErrorCode::EmptyGraph,
            "modularity is undefined for a graph without edges",
        ));
    }
    let k = membership.iter().copied().max().map_or(0, |x| x + 1);
    let mut inside = vec![0.0; k];
    let mut tot = vec![0.0; k];
    for e in &g.edges {
        let (cu, cv) = (
            membership.get(e.source).copied().unwrap_or(0),
            membership.get(e.target).copied().unwrap_or(0),
        );
        if cu == cv {
            if let Some(x) = inside.get_mut(cu) {
                *x += e.weight;
            }
        }
        if let Some(x) = tot.get_mut(cu) {
            *x += e.weight;
        }
        if let Some(x) = tot.get_mut(cv) {
            *x += e.weight;
        }
    }
    Ok(inside
        .iter()
        .zip(&tot)
        .map(|(w, t)| w / m - resolution * (t / (2.0 * m)).powi(2))
        .sum())
}
