//! The graph type every method here takes: node ids, an edge list (each edge once) and CSR
//! adjacency (both directions for undirected graphs; out- and in-adjacency for directed ones).

use crate::error::{Error, ErrorCode, Location, Result};
use serde::Serialize;

/// One edge, stored once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Edge {
    pub source: usize,
    pub target: usize,
    pub weight: f64,
}

/// A weighted graph with string node ids. Weights are positive and finite.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    pub ids: Vec<String>,
    pub directed: bool,
    pub edges: Vec<Edge>,
    out_off: Vec<usize>,
    out_nbr: Vec<usize>,
    out_w: Vec<f64>,
    in_off: Vec<usize>,
    in_nbr: Vec<usize>,
    in_w: Vec<f64>,
}

fn csr(
    n: usize,
    pairs: impl Iterator<Item = (usize, usize, f64)> + Clone,
) -> (Vec<usize>, Vec<usize>, Vec<f64>) {
    let mut off = vec![0usize; n + 1];
    for (u, _, _) in pairs.clone() {
        if let Some(o) = off.get_mut(u + 1) {
            *o += 1;
        }
    }
    for k in 0..n {
        let prev = off.get(k).copied().unwrap_or(0);
        if let Some(o) = off.get_mut(k + 1) {
            *o += prev;
        }
    }
    let m = off.get(n).copied().unwrap_or(0);
    let mut nbr = vec![0usize; m];
    let mut w = vec![0.0; m];
    let mut pos: Vec<usize> = off.iter().take(n).copied().collect();
    for (u, v, x) in pairs {
        if let Some(p) = pos.get_mut(u) {
            if let (Some(a), Some(b)) = (nbr.get_mut(*p), w.get_mut(*p)) {
                *a = v;
                *b = x;
            }
            *p += 1;
        }
    }
    (off, nbr, w)
}

impl Graph {
    /// Build a graph from `(source, target, weight)` index triples.
    ///
    /// # Errors
    /// `E_UNKNOWN_NODE` for an index ≥ `ids.len()`; `E_SELF_LOOP` and `E_DUPLICATE_EDGE` naming the
    /// nodes (loaders apply their documented merge/drop rule before calling this);
    /// `E_INVALID_PARAMETER` for a weight that is not positive and finite. Locations give the
    /// 1-based edge number in `row`.
    ///
    /// # Complexity
    /// O(n + m log m) (duplicate check by sorting).
    pub fn new(ids: Vec<String>, edges: Vec<(usize, usize, f64)>, directed: bool) -> Result<Self> {
        let n = ids.len();
        let name = |i: usize| ids.get(i).cloned().unwrap_or_else(|| i.to_string());
        for (k, (u, v, w)) in edges.iter().enumerate() {
            let loc = Location::default().with_row(k as u64 + 1);
            if *u >= n || *v >= n {
                return Err(Error::new(
                    ErrorCode::UnknownNode,
                    format!(
                        "edge {} refers to node index {} but there are {n} nodes",
                        k + 1,
                        (*u).max(*v)
                    ),
                )
                .at(loc));
            }
            if u == v {
                return Err(Error::new(
                    ErrorCode::SelfLoop,
                    format!("edge {} is a self-loop on node '{}'", k + 1, name(*u)),
                )
                .at(loc.with_value(name(*u))));
            }
            if !(w.is_finite() && *w > 0.0) {
                return Err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!(
                        "edge {} ({} – {}) has weight {w}; weights must be positive and finite",
                        k + 1,
                        name(*u),
                        name(*v)
                    ),
                )
                .at(loc.with_value(w.to_string())));
            }
        }
        let mut keys: Vec<(usize, usize, usize)> = edges
            .iter()
            .enumerate()
            .map(|(k, (u, v, _))| {
                if directed || u < v {
                    (*u, *v, k)
                } else {
                    (*v, *u, k)
                }
            })
            .collect();
        keys.sort_unstable();
        for w in keys.windows(2) {
            if let [a, b] = w {
                if a.0 == b.0 && a.1 == b.1 {
                    return Err(Error::new(
                        ErrorCode::DuplicateEdge,
                        format!(
                            "edges {} and {} both join '{}' and '{}'",
                            a.2 + 1,
                            b.2 + 1,
                            name(a.0),
                            name(a.1)
                        ),
                    )
                    .at(Location::default().with_row(b.2 as u64 + 1)));
                }
            }
        }
        let e2: Vec<Edge> = edges
            .iter()
            .map(|(u, v, w)| Edge {
                source: *u,
                target: *v,
                weight: *w,
            })
            .collect();
        let (out_off, out_nbr, out_w, in_off, in_nbr, in_w);
        if directed {
            (out_off, out_nbr, out_w) = csr(n, edges.iter().map(|(u, v, w)| (*u, *v, *w)));
            (in_off, in_nbr, in_w) = csr(n, edges.iter().map(|(u, v, w)| (*v, *u, *w)));
        } else {
            (out_off, out_nbr, out_w) = csr(
                n,
                edges
                    .iter()
                    .flat_map(|(u, v, w)| [(*u, *v, *w), (*v, *u, *w)]),
            );
            (in_off, in_nbr, in_w) = (vec![], vec![], vec![]);
        }
        Ok(Graph {
            ids,
            directed,
            edges: e2,
            out_off,
            out_nbr,
            out_w,
            in_off,
            in_nbr,
            in_w,
        })
    }

    pub fn n(&self) -> usize {
        self.ids.len()
    }

    pub fn m(&self) -> usize {
        self.edges.len()
    }

    /// Display names of the nodes: `names[k]` for the node whose id is `codes[k]`, the id itself
    /// where there is none (or it is empty).
    pub fn names_from(&self, codes: &[String], names: &[String]) -> Vec<String> {
        let index: std::collections::HashMap<&str, &String> = codes
            .iter()
            .map(String::as_str)
            .zip(names)
            .filter(|(_, n)| !n.is_empty())
            .collect();
        self.ids
            .iter()
            .map(|id| {
                index
                    .get(id.as_str())
                    .map_or_else(|| id.clone(), |n| (*n).clone())
            })
            .collect()
    }

    /// Edges over possible edges: `2m / (n(n − 1))` undirected, `m / (n(n − 1))` directed; 0 below
    /// two nodes.
    pub fn density(&self) -> f64 {
        let n = self.n() as f64;
        if self.n() < 2 {
            return 0.0;
        }
        let m = self.m() as f64;
        let pairs = n * (n - 1.0);
        if self.directed {
            m / pairs
        } else {
            2.0 * m / pairs
        }
    }

    /// Out-neighbours (all neighbours when undirected) with weights.
    pub fn neighbors(&self, u: usize) -> (&[usize], &[f64]) {
        let a = self.out_off.get(u).copied().unwrap_or(0);
        let b = self.out_off.get(u + 1).copied().unwrap_or(a);
        (
            self.out_nbr.get(a..b).unwrap_or(&[]),
            self.out_w.get(a..b).unwrap_or(&[]),
        )
    }

    /// In-neighbours (all neighbours when undirected).
    pub fn in_neighbors(&self, u: usize) -> (&[usize], &[f64]) {
        if !self.directed {
            return self.neighbors(u);
        }
        let a = self.in_off.get(u).copied().unwrap_or(0);
        let b = self.in_off.get(u + 1).copied().unwrap_or(a);
        (
            self.in_nbr.get(a..b).unwrap_or(&[]),
            self.in_w.get(a..b).unwrap_or(&[]),
        )
    }

    /// The undirected view: a directed graph's reciprocal edges merged (weights summed).
    pub fn to_undirected(&self) -> Graph {
        if !self.directed {
            return self.clone();
        }
        let mut pairs: Vec<(usize, usize, f64)> = self
            .edges
            .iter()
            .map(|e| (e.source.min(e.target), e.source.max(e.target), e.weight))
            .collect();
        pairs.sort_by_key(|p| (p.0, p.1));
        let mut merged: Vec<(usize, usize, f64)> = Vec::with_capacity(pairs.len());
        for p in pairs {
            match merged.last_mut() {
                Some(l) if l.0 == p.0 && l.1 == p.1 => l.2 += p.2,
                _ => merged.push(p),
            }
        }
        // Cannot fail: indices valid, no loops or duplicates, weights positive.
        Graph::new(self.ids.clone(), merged, false).unwrap_or_else(|_| self.clone())
    }

    /// Index of a node id.
    pub fn index(&self, id: &str) -> Option<usize> {
        self.ids.iter().position(|x| x == id)
    }
}
