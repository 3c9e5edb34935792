//! Connected components (weak for directed graphs), bridges and articulation points.
#![allow(clippy::indexing_slicing)] // indices are node ids < n

use super::network::Graph;
use serde::Serialize;

/// Components, labelled 0.. by decreasing size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Components {
    pub membership: Vec<usize>,
    pub sizes: Vec<usize>,
}

/// Connected components by BFS (directed graphs: weakly connected).
///
/// # Complexity
/// O(n + m).
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, connected_components};
/// let g = Graph::new((0..4).map(|i| i.to_string()).collect(), vec![(0, 1, 1.0)], false).unwrap();
/// assert_eq!(connected_components(&g).sizes, vec![2, 1, 1]);
/// ```
pub fn connected_components(g: &Graph) -> Components {
    let n = g.n();
    let mut comp = vec![usize::MAX; n];
    let mut sizes = Vec::new();
    let mut stack = Vec::new();
    for s in 0..n {
        if comp[s] != usize::MAX {
            continue;
        }
        let c = sizes.len();
        comp[s] = c;
        stack.push(s);
        let mut size = 0;
        while let Some(u) = stack.pop() {
            size += 1;
            for &v in
                g.neighbors(u)
                    .0
                    .iter()
                    .chain(if g.directed { g.in_neighbors(u).0 } else { &[] })
            {
                if comp[v] == usize::MAX {
                    comp[v] = c;
                    stack.push(v);
                }
            }
        }
        sizes.push(size);
    }
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by(|a, b| sizes[*b].cmp(&sizes[*a]).then(a.cmp(b)));
    let mut rank = vec![0; sizes.len()];
    for (r, c) in order.iter().enumerate() {
        rank[*c] = r;
    }
    Components {
        membership: comp.iter().map(|c| rank[*c]).collect(),
        sizes: order.iter().map(|c| sizes[*c]).collect(),
    }
}

/// Bridges (edges whose removal disconnects their component) and articulation points (nodes
/// whose removal does), on the undirected view, by an iterative Tarjan DFS (no recursion, so
/// 100 k-node graphs do not overflow the stack).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CutStructure {
    /// Bridges as (node, node) index pairs, smaller index first, sorted.
    pub bridges: Vec<(usize, usize)>,
    /// Articulation points, sorted.
    pub articulation_points: Vec<usize>,
}

/// Bridges and articulation points.
///
/// # Complexity
/// O(n + m).
///
/// # Reference
/// Tarjan (1974); Hopcroft & Tarjan (1973).
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, bridges_and_articulation_points};
/// // Triangle 0-1-2 with a tail 2-3: the tail is a bridge and 2 an articulation point.
/// let g = Graph::new((0..4).map(|i| i.to_string()).collect(), vec![(0,1,1.0),(1,2,1.0),(0,2,1.0),(2,3,1.0)], false).unwrap();
/// let c = bridges_and_articulation_points(&g);
/// assert_eq!(c.bridges, vec![(2, 3)]);
/// assert_eq!(c.articulation_points, vec![2]);
/// ```
pub fn bridges_and_articulation_points(g: &Graph) -> CutStructure {
    let u = g.to_undirected();
    let n = u.n();
    let mut disc = vec![usize::MAX; n];
    let mut low = vec![0usize; n];
    let mut is_ap = vec![false; n];
    let mut bridges = Vec::new();
    let mut timer = 0;
    // Frame: (node, parent, next neighbour position, children count)
    let mut stack: Vec<(usize, usize, usize, usize)> = Vec::new();
    for root in 0..n {
        if disc[root] != usize::MAX {
            continue;
        }
        disc[root] = timer;
        low[root] = timer;
        timer += 1;
        stack.push((root, usize::MAX, 0, 0));
        while let Some(top) = stack.last_mut() {
            let (v, parent, pos, _) = *top;
            let nb = u.neighbors(v).0;
            if pos < nb.len() {
                top.2 += 1;
                let w = nb[pos];
                if w == parent {
                    continue;
                }
                if disc[w] == usize::MAX {
                    top.3 += 1;
                    disc[w] = timer;
                    low[w] = timer;
                    timer += 1;
                    stack.push((w, v, 0, 0));
                } else {
                    low[v] = low[v].min(disc[w]);
                }
            } else {
                let (v, parent, _, children) = *top;
                stack.pop();
                if parent != usize::MAX {
                    low[parent] = low[parent].min(low[v]);
                    if low[v] > disc[parent] {
                        bridges.push((parent.min(v), parent.max(v)));
                    }
                    if low[v] >= disc[parent] && stack.last().is_some_and(|f| f.1 != usize::MAX) {
                        is_ap[parent] = true;
                    }
                } else if children > 1 {
                    is_ap[v] = true;
                }
            }
        }
    }
    bridges.sort_unstable();
    CutStructure {
        bridges,
        articulation_points: (0..n).filter(|v| is_ap[*v]).collect(),
    }
}
