//! Backbone extraction: keep the edges that matter.

use super::network::Graph;
use crate::error::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};

/// Backbone rule.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Backbone {
    /// Keep edges with `w >= value`.
    Threshold { value: f64 },
    /// Keep edges with weight at or above the given percentile (0–100) of all weights
    /// (linear interpolation, type 7).
    Percentile { value: f64 },
    /// Maximum spanning tree (a forest on a disconnected graph), Kruskal.
    MaximumSpanningTree,
    /// Disparity filter (Serrano, Boguñá & Vespignani 2009): keep an edge when, from at least one
    /// endpoint of degree `k > 1`, `α_ij = (1 − w_ij/s_i)^(k_i − 1) < alpha`.
    Disparity { alpha: f64 },
}

/// Apply a backbone rule; node set unchanged.
///
/// # Errors
/// `E_INVALID_PARAMETER` for a percentile outside [0, 100] or alpha outside (0, 1).
///
/// # Complexity
/// O(m log m).
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, backbone, Backbone};
/// let g = Graph::new(vec!["a".into(), "b".into(), "c".into()], vec![(0, 1, 3.0), (1, 2, 2.0), (0, 2, 1.0)], false).unwrap();
/// let t = backbone(&g, &Backbone::MaximumSpanningTree).unwrap();
/// assert_eq!(t.m(), 2);
/// assert_eq!(t.edges.iter().map(|e| e.weight).sum::<f64>(), 5.0);
/// ```
pub fn backbone(g: &Graph, rule: &Backbone) -> Result<Graph> {
    let keep: Vec<bool> = match *rule {
        Backbone::Threshold { value } => g.edges.iter().map(|e| e.weight >= value).collect(),
        Backbone::Percentile { value } => {
            if !(0.0..=100.0).contains(&value) {
                return Err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!("percentile must be in [0, 100]; got {value}"),
                ));
            }
            let mut w: Vec<f64> = g.edges.iter().map(|e| e.weight).collect();
            w.sort_by(f64::total_cmp);
            let cut = if w.is_empty() {
                0.0
            } else {
                let h = (w.len() - 1) as f64 * value / 100.0;
                let lo = h.floor() as usize;
                let hi = h.ceil() as usize;
                let (a, b) = (
                    w.get(lo).copied().unwrap_or(0.0),
                    w.get(hi).copied().unwrap_or(0.0),
                );
                a + (b - a) * (h - lo as f64)
            };
            g.edges.iter().map(|e| e.weight >= cut).collect()
        }
        Backbone::MaximumSpanningTree => {
            let mut order: Vec<usize> = (0..g.m()).collect();
            order.sort_by(|a, b| {
                let (wa, wb) = (
                    g.edges.get(*a).map_or(0.0, |e| e.weight),
                    g.edges.get(*b).map_or(0.0, |e| e.weight),
                );
                wb.total_cmp(&wa).then(a.cmp(b))
            });
            let mut parent: Vec<usize> = (0..g.n()).collect();
            fn find(p: &mut [usize], mut x: usize) -> usize {
                while let Some(&px) = p.get(x) {
                    if px == x {
                        break;
                    }
                    let gp = p.get(px).copied().unwrap_or(px);
                    if let Some(s) = p.get_mut(x) {
                        *s = gp;
                    }
                    x = gp;
                }
                x
            }
            let mut keep = vec![false; g.m()];
            for k in order {
                let Some(e) = g.edges.get(k) else { continue };
                let (a, b) = (find(&mut parent, e.source), find(&mut parent, e.target));
                if a != b {
                    if let Some(s) = parent.get_mut(a) {
                        *s = b;
                    }
                    if let Some(s) = keep.get_mut(k) {
                        *s = true;
                    }
                }
            }
            keep
        }
        Backbone::Disparity { alpha } => {
            if !(alpha > 0.0 && alpha < 1.0) {
                return Err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!("disparity alpha must be in (0, 1); got {alpha}"),
                ));
            }
            let u = g.to_undirected();
            let k: Vec<usize> = (0..u.n()).map(|i| u.neighbors(i).0.len()).collect();
            let s: Vec<f64> = (0..u.n()).map(|i| u.neighbors(i).1.iter().sum()).collect();
            let sig = |i: usize, w: f64| {
                let ki = k.get(i).copied().unwrap_or(0);
                let si = s.get(i).copied().unwrap_or(0.0);
                ki > 1 && si > 0.0 && (1.0 - w / si).powi(ki as i32 - 1) < alpha
            };
            g.edges
                .iter()
                .map(|e| sig(e.source, e.weight) || sig(e.target, e.weight))
                .collect()
        }
    };
    let edges = g
        .edges
        .iter()
        .zip(&keep)
        .filter(|(_, k)| **k)
        .map(|(e, _)| (e.source, e.target, e.weight))
        .collect();
    Graph::new(g.ids.clone(), edges, g.directed)
}
