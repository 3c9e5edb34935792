//! PageRank.

use super::network::Graph;
use crate::error::{Error, ErrorCode, Result};

/// PageRank with damping `alpha` (0.85 usual): `p = alpha (Pᵀ p + dangling/n) + (1 − alpha)/n`,
/// transition probabilities proportional to edge weight (`weighted`) from each node's out-edges
/// (both directions when undirected); dangling nodes spread uniformly. Iterates until the L1 change
/// is below `1e-13 n`.
///
/// # Errors
/// `E_INVALID_PARAMETER` for alpha outside [0, 1); `E_INSUFFICIENT_DATA` without convergence.
///
/// # Reference
/// Page, Brin, Motwani & Winograd (1999).
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, pagerank};
/// let g = Graph::new(vec!["a".into(), "b".into()], vec![(0, 1, 1.0)], false).unwrap();
/// let p = pagerank(&g, 0.85, true).unwrap();
/// assert!((p[0] - 0.5).abs() < 1e-12);
/// ```
pub fn pagerank(g: &Graph, alpha: f64, weighted: bool) -> Result<Vec<f64>> {
    if !(0.0..1.0).contains(&alpha) {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("PageRank alpha must be in [0, 1); got {alpha}"),
        ));
    }
    let n = g.n();
    if n == 0 {
        return Err(Error::new(
            ErrorCode::EmptyGraph,
            "PageRank of an empty graph",
        ));
    }
    let nf = n as f64;
    let out_s: Vec<f64> = (0..n)
        .map(|u| {
            let (vs, ws) = g.neighbors(u);
            if weighted {
                ws.iter().sum()
            } else {
                vs.len() as f64
            }
        })
        .collect();
    let mut p = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..10_000 {
        let dangling: f64 = p
            .iter()
            .zip(&out_s)
            .filter(|(_, s)| **s <= 0.0)
            .map(|(x, _)| x)
            .sum();
        let base = (1.0 - alpha) / nf + alpha * dangling / nf;
        next.iter_mut().for_each(|v| *v = base);
        for u in 0..n {
            let s = out_s.get(u).copied().unwrap_or(0.0);
            if s <= 0.0 {
                continue;
            }
            let pu = alpha * p.get(u).copied().unwrap_or(0.0) / s;
            let (vs, ws) = g.neighbors(u);
            for (v, w) in vs.iter().zip(ws) {
                if let Some(t) = next.get_mut(*v) {
                    *t += pu * if weighted { *w } else { 1.0 };
                }
            }
        }
        let change: f64 = p.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut p, &mut next);
        if change < 1e-13 * nf {
            return Ok(p);
        }
    }
    Err(Error::new(
        ErrorCode::InsufficientData,
        "PageRank did not converge in 10 000 iterations",
    ))
}
