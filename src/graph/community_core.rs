//! Shared machinery of Louvain and Leiden: a compact weighted graph with self-loops that can be
//! aggregated by a partition, and the parameters both take.
// Indices here are produced by this module (CSR offsets, community ids < n) and bounded by
// construction; checked access would cost the inner loops about a third of their speed.
#![allow(clippy::indexing_slicing)]

use super::network::Graph;
use crate::error::{Error, ErrorCode, Result};
use serde::{Deserialize, Serialize};

/// Parameters of Louvain and Leiden (validated by [`CommunityParams::validate`]).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CommunityParams {
    /// Resolution γ > 0 (default 1: classic modularity).
    pub resolution: f64,
    /// Seed of the node-order shuffles (default 42).
    pub seed: u64,
    /// Use edge weights (default true); false treats every edge as weight 1.
    pub weighted: bool,
    /// Stop after this many aggregation levels (default 100).
    pub max_levels: usize,
    /// Runs of the whole algorithm, each starting from the previous partition; stops early when
    /// modularity no longer improves (default 2, as leidenalg's `n_iterations`; 1 = the classic
    /// single run).
    pub iterations: usize,
}

impl Default for CommunityParams {
    fn default() -> Self {
        CommunityParams {
            resolution: 1.0,
            seed: 42,
            weighted: true,
            max_levels: 100,
            iterations: 2,
        }
    }
}

impl CommunityParams {
    pub fn validate(&self) -> Result<()> {
        if !(self.resolution.is_finite() && self.resolution > 0.0) {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("resolution must be positive; got {}", self.resolution),
            ));
        }
        if self.iterations == 0 {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                "iterations must be at least 1",
            ));
        }
        if self.max_levels == 0 {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                "max_levels must be at least 1",
            ));
        }
        Ok(())
    }
}

/// A partition found by Louvain or Leiden.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Communities {
    /// Community of each node, numbered 0.. by decreasing size (ties: lowest node first).
    pub membership: Vec<usize>,
    pub n_communities: usize,
    pub modularity: f64,
    pub levels: usize,
}

/// Compact undirected weighted graph with self-loop weights, `deg[i] = sum adj + 2 self`.
pub(crate) struct WGraph {
    pub n: usize,
    pub off: Vec<usize>,
    pub nbr: Vec<u32>,
    pub w: Vec<f64>,
    pub self_w: Vec<f64>,
    pub deg: Vec<f64>,
    /// 2m
    pub total: f64,
}

impl WGraph {
    pub fn from_graph(g: &Graph, weighted: bool) -> Result<Self> {
        let g = g.to_undirected();
        let n = g.n();
        if g.m() == 0 {
            return Err(Error::new(
                ErrorCode::EmptyGraph,
                "community detection needs at least one edge",
            ));
        }
        let mut off = Vec::with_capacity(n + 1);
        let mut nbr = Vec::new();
        let mut w = Vec::new();
        off.push(0);
        for u in 0..n {
            let (vs, ws) = g.neighbors(u);
            for (v, x) in vs.iter().zip(ws) {
                nbr.push(*v as u32);
                w.push(if weighted { *x } else { 1.0 });
            }
            off.push(nbr.len());
        }
        let deg: Vec<f64> = (0..n).map(|u| w[off[u]..off[u + 1]].iter().sum()).collect();
        let total = deg.iter().sum();
        Ok(WGraph {
            n,
            off,
            nbr,
            w,
            self_w: vec![0.0; n],
            deg,
            total,
        })
    }

    /// Aggregate by `comm` (values in 0..k): one node per community, inter-community weights
    /// summed, internal weight as a self-loop.
    pub fn aggregate(&self, comm: &[usize], k: usize) -> WGraph {
        let mut members_off = vec![0usize; k + 1];
        for &c in comm {
            members_off[c + 1] += 1;
        }
        for c in 0..k {
            members_off[c + 1] += members_off[c];
        }
        let mut pos = members_off.clone();
        let mut members = vec![0usize; self.n];
        for (i, &c) in comm.iter().enumerate() {
            members[pos[c]] = i;
            pos[c] += 1;
        }
        let mut acc = vec![0.0f64; k];
        let mut seen = vec![false; k];
        let mut touched: Vec<usize> = Vec::new();
        let mut off = Vec::with_capacity(k + 1);
        let mut nbr = Vec::new();
        let mut w = Vec::new();
        let mut self_w = vec![0.0; k];
        let mut deg = vec![0.0; k];
        off.push(0);
        for c in 0..k {
            let mut internal = 0.0;
            for &i in &members[members_off[c]..members_off[c + 1]] {
                internal += self.self_w[i];
                deg[c] += self.deg[i];
                for e in self.off[i]..self.off[i + 1] {
                    let d = comm[self.nbr[e] as usize];
                    if d == c {
                        internal += 0.5 * self.w[e];
                    } else {
                        if !seen[d] {
                            seen[d] = true;
                            touched.push(d);
                        }
                        acc[d] += self.w[e];
                    }
                }
            }
            self_w[c] = internal;
            for &d in &touched {
                nbr.push(d as u32);
                w.push(acc[d]);
                acc[d] = 0.0;
                seen[d] = false;
            }
            touched.clear();
            off.push(nbr.len());
        }
        WGraph {
            n: k,
            off,
            nbr,
            w,
            self_w,
            deg,
            total: self.total,
        }
    }
}

/// Renumber labels 0..k in order of first appearance; returns k.
pub(crate) fn renumber(comm: &mut [usize]) -> usize {
    let mut map = vec![
        usize::MAX;
        comm.len()
            .max(comm.iter().copied().max().map_or(0, |x| x + 1))
    ];
    let mut k = 0;
    for c in comm.iter_mut() {
        if map[*c] == usize::MAX {
            map[*c] = k;
            k += 1;
        }
        *c = map[*c];
    }
    k
}

/// Final labels: by decreasing community size, ties by lowest node.
pub(crate) fn order_by_size(membership: &mut [usize]) -> usize {
    let k = renumber(membership);
    let mut size = vec![0usize; k];
    for &c in membership.iter() {
        size[c] += 1;
    }
    let mut order: Vec<usize> = (0..k).collect();
    order.sort_by(|a, b| size[*b].cmp(&size[*a]).then(a.cmp(b)));
    let mut rank = vec![0usize; k];
    for (r, c) in order.iter().enumerate() {
        rank[*c] = r;
    }
    for c in membership.iter_mut() {
        *c = rank[*c];
    }
    k
}

pub(crate) type Progress<'a> = &'a mut dyn FnMut(usize, usize) -> bool;

pub(crate) fn cancelled() -> Error {
    Error::new(ErrorCode::Cancelled, "community detection cancelled")
}
