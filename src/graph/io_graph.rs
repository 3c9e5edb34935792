//! Industry graphs from input-output flows.

use super::correlation::pearson;
use super::network::Graph;
use crate::error::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};

/// How IO flows become an undirected edge weight.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IoGraphMethod {
    /// `w_ij = max(a_ij, a_ji)` with `a_ij = z_ij / x_j` (default).
    #[default]
    MaxCoefficient,
    /// Feser & Bergman (2000): the largest of four correlations between purchase-share columns
    /// `p_·j = z_·j / sum_k z_kj` and sales-share rows `s_i· = z_i· / sum_k z_ik`:
    /// `r(p_·i, p_·j)`, `r(s_i·, s_j·)`, `r(p_·i, s_j·)`, `r(s_i·, p_·j)`.
    FeserBergman,
}

/// Parameters: the method and the smallest weight kept (edges need `w > min_weight`; default 0).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct IoGraphParams {
    pub method: IoGraphMethod,
    pub min_weight: f64,
}

/// Build an undirected industry graph from flows `z` (n × n row-major, seller × buyer) and
/// output `x`.
///
/// # Errors
/// `E_NOT_SQUARE` on length mismatch; `E_ZERO_OUTPUT` naming a sector with `x <= 0` (max
/// coefficient method).
///
/// # Complexity
/// O(n²) (max coefficient), O(n³) (Feser-Bergman).
///
/// # Reference
/// Feser & Bergman (2000), *Regional Studies* 34(1).
///
/// # Examples
/// ```
/// use agglo::graph::{io_linkage_graph, IoGraphParams};
/// let g = io_linkage_graph(&["1".into(), "2".into()], &[150.0, 500.0, 200.0, 100.0], &[1000.0, 2000.0], &IoGraphParams::default()).unwrap();
/// assert_eq!(g.edges[0].weight, 0.25); // max(a_12 = 0.25, a_21 = 0.2)
/// ```
pub fn io_linkage_graph(
    sectors: &[String],
    z: &[f64],
    x: &[f64],
    params: &IoGraphParams,
) -> Result<Graph> {
    let n = sectors.len();
    if z.len() != n * n || x.len() != n {
        return Err(Error::new(
            ErrorCode::NotSquare,
            format!("{n} sectors need {} flows and {n} outputs", n * n),
        ));
    }
    let zz = |i: usize, j: usize| z.get(i * n + j).copied().unwrap_or(0.0);
    let mut edges = Vec::new();
    match params.method {
        IoGraphMethod::MaxCoefficient => {
            if let Some(j) = (0..n).find(|j| !x.get(*j).is_some_and(|v| *v > 0.0)) {
                return Err(Error::new(
                    ErrorCode::ZeroOutput,
                    format!(
                        "sector '{}' has no positive output",
                        sectors.get(j).cloned().unwrap_or_default()
                    ),
                )
                .at(crate::error::Location::default()
                    .with_industry(sectors.get(j).cloned().unwrap_or_default())));
            }
            let xx = |j: usize| x.get(j).copied().unwrap_or(1.0);
            for i in 0..n {
                for j in (i + 1)..n {
                    let w = (zz(i, j) / xx(j)).max(zz(j, i) / xx(i));
                    if w > params.min_weight && w > 0.0 {
                        edges.push((i, j, w));
                    }
                }
            }
        }
        IoGraphMethod::FeserBergman => {
            let colsum: Vec<f64> = (0..n).map(|j| (0..n).map(|i| zz(i, j)).sum()).collect();
            let rowsum: Vec<f64> = (0..n).map(|i| (0..n).map(|j| zz(i, j)).sum()).collect();
            let p: Vec<Vec<f64>> = (0..n)
                .map(|j| {
                    (0..n)
                        .map(|i| {
                            let s = colsum.get(j).copied().unwrap_or(0.0);
                            if s != 0.0 {
                                zz(i, j) / s
                            } else {
                                f64::NAN
                            }
                        })
                        .collect()
                })
                .collect();
            let s: Vec<Vec<f64>> = (0..n)
                .map(|i| {
                    (0..n)
                        .map(|j| {
                            let t = rowsum.get(i).copied().unwrap_or(0.0);
                            if t != 0.0 {
                                zz(i, j) / t
                            } else {
                                f64::NAN
                            }
                        })
                        .collect()
                })
                .collect();
            for i in 0..n {
                for j in (i + 1)..n {
                    let (Some(pi), Some(pj), Some(si), Some(sj)) =
                        (p.get(i), p.get(j), s.get(i), s.get(j))
                    else {
                        continue;
                    };
                    let w = [
                        pearson(pi, pj, 3),
                        pearson(si, sj, 3),
                        pearson(pi, sj, 3),
                        pearson(si, pj, 3),
                    ]
                    .into_iter()
                    .flatten()
                    .fold(f64::NEG_INFINITY, f64::max);
                    if w.is_finite() && w > params.min_weight && w > 0.0 {
                        edges.push((i, j, w));
                    }
                }
            }
        }
    }
    Graph::new(sectors.to_vec(), edges, false)
}
