//! Relatedness (Hidalgo proximity) from binary specialisation.

use super::colocation::lq_columns;
use super::network::Graph;
use crate::error::Result;
use crate::panel::{MatrixView, Reference};

/// Proximity `φ_ij = C_ij / max(k_i, k_j)` where `M_ri = [LQ_ri >= 1]`, `C_ij = sum_r M_ri M_rj`
/// (regions specialised in both) and `k_i = sum_r M_ri` (ubiquity). Missing LQs count as not
/// specialised. Edges with `φ > min_weight`.
///
/// # Complexity
/// O(n² R).
///
/// # Reference
/// Hidalgo, Klinger, Barabási & Hausmann (2007), *Science* 317; EconGeo `relatedness`.
#[doc(alias = "proximity")]
pub fn relatedness_graph(
    mx: &MatrixView<'_>,
    reference: &Reference,
    industries: &[String],
    min_weight: f64,
) -> Result<Graph> {
    let cols = lq_columns(mx, reference, false);
    let m: Vec<Vec<bool>> = cols
        .iter()
        .map(|c| c.iter().map(|v| *v >= 1.0).collect())
        .collect();
    let k: Vec<usize> = m.iter().map(|c| c.iter().filter(|b| **b).count()).collect();
    let n = m.len();
    let mut edges = Vec::new();
    for i in 0..n {
        for j in (i + 1)..n {
            let (Some(a), Some(b)) = (m.get(i), m.get(j)) else {
                continue;
            };
            let c = a.iter().zip(b).filter(|(x, y)| **x && **y).count();
            let d = k
                .get(i)
                .copied()
                .unwrap_or(0)
                .max(k.get(j).copied().unwrap_or(0));
            if c > 0 && d > 0 {
                let phi = c as f64 / d as f64;
                if phi > min_weight {
                    edges.push((i, j, phi));
                }
            }
        }
    }
    Graph::new(industries.to_vec(), edges, false)
}

/// Proximity from a binary region × industry matrix given directly (`m[r * n + i]`), for tests and
/// callers with their own specialisation rule.
pub fn proximity_from_binary(m: &[bool], n_regions: usize, n: usize) -> Vec<f64> {
    let get = |r: usize, i: usize| m.get(r * n + i).copied().unwrap_or(false);
    let k: Vec<usize> = (0..n)
        .map(|i| (0..n_regions).filter(|r| get(*r, i)).count())
        .collect();
    let mut phi = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..n {
            let c = (0..n_regions).filter(|r| get(*r, i) && get(*r, j)).count();
            let d = k
                .get(i)
                .copied()
                .unwrap_or(0)
                .max(k.get(j).copied().unwrap_or(0));
            if let Some(p) = phi.get_mut(i * n + j) {
                *p = if d > 0 { c as f64 / d as f64 } else { 0.0 };
            }
        }
    }
    phi
}
