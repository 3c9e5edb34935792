//! Eigenvector centrality by power iteration.

use super::network::Graph;
use crate::error::{Error, ErrorCode, Result};

/// Eigenvector centrality: the Perron vector of the (weighted) adjacency matrix, unit Euclidean
/// norm, found by power iteration on `A + I` (same fixed point, no oscillation on bipartite
/// graphs) until the L1 change is below `1e-13 n`. Directed graphs use in-edges (a node is central
/// when central nodes point to it). On a disconnected graph the vector concentrates on the
/// component with the largest eigenvalue.
///
/// # Errors
/// `E_EMPTY_GRAPH` without edges; `E_INSUFFICIENT_DATA` when it does not converge in 10 000 steps.
///
/// # Reference
/// Bonacich (1987).
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, eigenvector_centrality};
/// // Star: centre 1/√2, leaves 1/(2)… here with two leaves: centre √2/2, leaves 1/2.
/// let g = Graph::new(vec!["c".into(), "a".into(), "b".into()], vec![(0, 1, 1.0), (0, 2, 1.0)], false).unwrap();
/// let x = eigenvector_centrality(&g, true).unwrap();
/// assert!((x[0] - 0.5f64.sqrt()).abs() < 1e-9 && (x[1] - 0.5).abs() < 1e-9);
/// ```
pub fn eigenvector_centrality(g: &Graph, weighted: bool) -> Result<Vec<f64>> {
    let n = g.n();
    if g.m() == 0 {
        return Err(Error::new(
            ErrorCode::EmptyGraph,
            "eigenvector centrality needs at least one edge",
        ));
    }
    let mut x = vec![1.0 / n as f64; n];
    let mut next = vec![0.0; n];
    for _ in 0..10_000 {
        next.copy_from_slice(&x);
        for u in 0..n {
            let xu = x.get(u).copied().unwrap_or(0.0);
            let (vs, ws) = g.neighbors(u);
            for (v, w) in vs.iter().zip(ws) {
                if let Some(t) = next.get_mut(*v) {
                    *t += xu * if weighted { *w } else { 1.0 };
                }
            }
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        let norm = if norm > 0.0 { norm } else { 1.0 };
        let mut change = 0.0;
        for (a, b) in x.iter_mut().zip(&next) {
            let v = b / norm;
            change += (v - *a).abs();
            *a = v;
        }
        if change < 1e-13 * n as f64 {
            return Ok(x);
        }
    }
    Err(Error::new(
        ErrorCode::InsufficientData,
        "eigenvector centrality did not converge in 10 000 iterations",
    ))
}
