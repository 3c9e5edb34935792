//! Degree and strength.

use super::network::Graph;
use serde::Serialize;

/// Degree and strength per node (out-degree/out-strength plus in-degree/in-strength when directed).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Degrees {
    /// Number of incident edges (undirected) or in + out edges (directed).
    pub degree: Vec<usize>,
    /// Sum of incident edge weights (in + out when directed).
    pub strength: Vec<f64>,
    pub in_degree: Option<Vec<usize>>,
    pub out_degree: Option<Vec<usize>>,
}

/// Degree `k_i = sum_j [a_ij > 0]` and strength `s_i = sum_j w_ij`.
///
/// # Complexity
/// O(n + m).
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, degrees};
/// let g = Graph::new(vec!["a".into(), "b".into(), "c".into()], vec![(0, 1, 2.0), (0, 2, 0.5)], false).unwrap();
/// let d = degrees(&g);
/// assert_eq!(d.degree, vec![2, 1, 1]);
/// assert_eq!(d.strength, vec![2.5, 2.0, 0.5]);
/// ```
pub fn degrees(g: &Graph) -> Degrees {
    let n = g.n();
    let out: Vec<usize> = (0..n).map(|u| g.neighbors(u).0.len()).collect();
    // Folded from +0.0: `Iterator::sum` of no floats is -0.0, which an isolated node would show.
    let out_s: Vec<f64> = (0..n)
        .map(|u| g.neighbors(u).1.iter().fold(0.0, |a, w| a + w))
        .collect();
    if !g.directed {
        return Degrees {
            degree: out,
            strength: out_s,
            in_degree: None,
            out_degree: None,
        };
    }
    let inn: Vec<usize> = (0..n).map(|u| g.in_neighbors(u).0.len()).collect();
    let in_s: Vec<f64> = (0..n).map(|u| g.in_neighbors(u).1.iter().sum()).collect();
    Degrees {
        degree: out.iter().zip(&inn).map(|(a, b)| a + b).collect(),
        strength: out_s.iter().zip(&in_s).map(|(a, b)| a + b).collect(),
        in_degree: Some(inn),
        out_degree: Some(out),
    }
}
