//! Single-source shortest paths shared by betweenness and closeness (BFS or Dijkstra).
#![allow(clippy::indexing_slicing)] // indices are node ids < n from the CSR

use super::network::Graph;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// How edge weights become path lengths.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DistanceRule {
    /// Length `1/w`: strong ties are short (default; weights are strengths of linkage).
    #[default]
    Inverse,
    /// Length `w`: the weights already are distances.
    Weight,
    /// Every edge has length 1.
    Unweighted,
}

#[derive(PartialEq)]
struct Item(f64, usize, usize);
impl Eq for Item {}
impl Ord for Item {
    fn cmp(&self, o: &Self) -> Ordering {
        // Min-heap on distance, then insertion counter (networkx's order).
        o.0.total_cmp(&self.0).then(o.2.cmp(&self.2))
    }
}
impl PartialOrd for Item {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// Reusable buffers for Brandes' single-source phase.
pub(crate) struct Sssp {
    pub order: Vec<usize>,
    pub sigma: Vec<f64>,
    pub dist: Vec<f64>,
    pub pred: Vec<Vec<usize>>,
    queue: VecDeque<usize>,
    heap: BinaryHeap<Item>,
    done: Vec<bool>,
}

impl Sssp {
    pub fn new(n: usize) -> Self {
        Sssp {
            order: Vec::with_capacity(n),
            sigma: vec![0.0; n],
            dist: vec![f64::INFINITY; n],
            pred: vec![Vec::new(); n],
            queue: VecDeque::new(),
            heap: BinaryHeap::new(),
            done: vec![false; n],
        }
    }

    /// Shortest paths from `s`, following out-edges (`reverse`: in-edges). Fills `order`
    /// (non-decreasing distance), `sigma` (path counts), `dist`, `pred`.
    pub fn run(&mut self, g: &Graph, s: usize, rule: DistanceRule, reverse: bool) {
        for &v in &self.order {
            self.sigma[v] = 0.0;
            self.dist[v] = f64::INFINITY;
            self.pred[v].clear();
            self.done[v] = false;
        }
        self.order.clear();
        self.sigma[s] = 1.0;
        self.dist[s] = 0.0;
        let nb = |u: usize| {
            if reverse {
                g.in_neighbors(u)
            } else {
                g.neighbors(u)
            }
        };
        if rule == DistanceRule::Unweighted {
            self.queue.push_back(s);
            while let Some(u) = self.queue.pop_front() {
                self.order.push(u);
                let du = self.dist[u];
                for &v in nb(u).0 {
                    if self.dist[v].is_infinite() {
                        self.dist[v] = du + 1.0;
                        self.queue.push_back(v);
                    }
                    if self.dist[v] == du + 1.0 {
                        self.sigma[v] += self.sigma[u];
                        self.pred[v].push(u);
                    }
                }
            }
            return;
        }
        let mut counter = 0usize;
        self.heap.push(Item(0.0, s, counter));
        // `seen` distances live in dist; `done` marks settled nodes.
        let mut touched = vec![s];
        while let Some(Item(d, u, _)) = self.heap.pop() {
            if self.done[u] || d > self.dist[u] {
                continue;
            }
            self.done[u] = true;
            self.order.push(u);
            let (vs, ws) = nb(u);
            for (&v, &w) in vs.iter().zip(ws) {
                let len = if rule == DistanceRule::Inverse {
                    1.0 / w
                } else {
                    w
                };
                let nd = d + len;
                if self.done[v] {
                    continue;
                }
                if nd < self.dist[v] {
                    if self.dist[v].is_infinite() {
                        touched.push(v);
                    }
                    self.dist[v] = nd;
                    counter += 1;
                    self.heap.push(Item(nd, v, counter));
                    self.sigma[v] = self.sigma[u];
                    self.pred[v].clear();
                    self.pred[v].push(u);
                } else if nd == self.dist[v] {
                    self.sigma[v] += self.sigma[u];
                    self.pred[v].push(u);
                }
            }
        }
        // Reset bookkeeping for nodes reached but (impossible) not settled.
        for v in touched {
            if !self.done[v] {
                self.dist[v] = f64::INFINITY;
            }
        }
    }
}
