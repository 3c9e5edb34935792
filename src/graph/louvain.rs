//! Louvain community detection (Blondel et al. 2008) on weighted modularity.
#![allow(clippy::indexing_slicing)] // see community_core.rs

use super::community_core::{
    cancelled, order_by_size, renumber, Communities, CommunityParams, Progress, WGraph,
};
use super::network::Graph;
use crate::error::Result;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_pcg::Pcg64;

/// One local-moving phase: nodes in a seeded random order move to the neighbouring community with
/// the largest modularity gain `k_i,in(C) − γ Σ_tot(C) k_i / 2m` until a sweep moves none.
/// Returns whether anything moved.
pub(crate) fn local_moving(g: &WGraph, comm: &mut [usize], gamma: f64, rng: &mut Pcg64) -> bool {
    let n = g.n;
    let mut tot = vec![0.0f64; n];
    for i in 0..n {
        tot[comm[i]] += g.deg[i];
    }
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let mut nw = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<usize> = Vec::with_capacity(64);
    let m2 = g.total;
    let mut any = false;
    for _sweep in 0..10_000 {
        let mut moved = 0usize;
        for &i in &order {
            let ci = comm[i];
            let ki = g.deg[i];
            for e in g.off[i]..g.off[i + 1] {
                let c = comm[g.nbr[e] as usize];
                if !seen[c] {
                    seen[c] = true;
                    touched.push(c);
                }
                nw[c] += g.w[e];
            }
            tot[ci] -= ki;
            let scale = gamma * ki / m2;
            let mut best = ci;
            let mut best_gain = nw[ci] - tot[ci] * scale;
            for &c in &touched {
                let gain = nw[c] - tot[c] * scale;
                if gain > best_gain + 1e-12 * ki.max(1e-300) {
                    best_gain = gain;
                    best = c;
                }
            }
            tot[best] += ki;
            if best != ci {
                comm[i] = best;
                moved += 1;
            }
            for &c in &touched {
                nw[c] = 0.0;
                seen[c] = false;
            }
            touched.clear();
        }
        if moved == 0 {
            break;
        }
        any = true;
    }
    any
}

/// Louvain communities.
///
/// Repeats (1) local moving of single nodes in a seeded random order to the neighbouring community
/// with the best modularity gain and (2) aggregation of communities into nodes, until a level
/// changes nothing. Directed graphs are symmetrised (reciprocal weights summed).
///
/// # Arguments
/// * `progress(level, max_levels)` is called after each level; returning `false` cancels.
///
/// # Errors
/// `E_EMPTY_GRAPH`; `E_INVALID_PARAMETER` (resolution ≤ 0); `E_CANCELLED`.
///
/// # Complexity
/// Near-linear in practice: O(m) per sweep, few sweeps and levels.
///
/// # Reference
/// Blondel, Guillaume, Lambiotte & Lefebvre (2008), *J. Stat. Mech.* P10008.
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, louvain, CommunityParams};
/// let ids = (0..6).map(|i| i.to_string()).collect();
/// let e = vec![(0,1,1.0),(1,2,1.0),(0,2,1.0),(3,4,1.0),(4,5,1.0),(3,5,1.0),(2,3,1.0)];
/// let c = louvain(&Graph::new(ids, e, false).unwrap(), &CommunityParams::default(), &mut |_, _| true).unwrap();
/// assert_eq!(c.n_communities, 2);
/// assert!((c.modularity - 5.0/14.0).abs() < 1e-12);
/// ```
pub fn louvain(g: &Graph, params: &CommunityParams, progress: Progress<'_>) -> Result<Communities> {
    params.validate()?;
    let base = WGraph::from_graph(g, params.weighted)?;
    let mut rng = Pcg64::seed_from_u64(params.seed);
    let view = weighted_view(g, params.weighted);
    let total = params.iterations * params.max_levels;
    let mut done = 0usize;
    let mut best: Option<Communities> = None;
    for _ in 0..params.iterations {
        let start = best.as_ref().map(|b| b.membership.clone());
        let (mut membership, levels) = louvain_run(&base, start, params, &mut rng, &mut |_, _| {
            done += 1;
            progress(done, total)
        })?;
        let k = order_by_size(&mut membership);
        let q = super::modularity::modularity(&view, &membership, params.resolution)?;
        let improved = best.as_ref().is_none_or(|b| q > b.modularity + 1e-12);
        if !improved {
            break;
        }
        best = Some(Communities {
            membership,
            n_communities: k,
            modularity: q,
            levels,
        });
    }
    best.ok_or_else(|| {
        crate::error::Error::new(crate::error::ErrorCode::Internal, "no Louvain run")
    })
}

fn louvain_run(
    base: &WGraph,
    start: Option<Vec<usize>>,
    params: &CommunityParams,
    rng: &mut Pcg64,
    progress: Progress<'_>,
) -> Result<(Vec<usize>, usize)> {
    let n0 = base.n;
    let mut node_to_agg: Vec<usize> = (0..n0).collect();
    let mut cur: Option<WGraph> = None;
    let mut levels = 0;
    let mut start = start;
    loop {
        let g = cur.as_ref().unwrap_or(base);
        let mut comm: Vec<usize> = match start.take() {
            Some(s) => s,
            None => (0..g.n).collect(),
        };
        let before = comm.clone();
        local_moving(g, &mut comm, params.resolution, rng);
        let k = renumber(&mut comm);
        let moved = comm != before;
        for a in node_to_agg.iter_mut() {
            *a = comm[*a];
        }
        levels += 1;
        if !progress(levels, params.max_levels) {
            return Err(cancelled());
        }
        if (!moved && levels > 1) || k == g.n || levels >= params.max_levels {
            break;
        }
        let next = g.aggregate(&comm, k);
        cur = Some(next);
    }
    Ok((node_to_agg, levels))
}
/// The graph whose modularity is reported: unit weights when `weighted` is false.
pub(crate) fn weighted_view(g: &Graph, weighted: bool) -> Graph {
    let u = g.to_undirected();
    if weighted {
        return u;
    }
    let e = u.edges.iter().map(|e| (e.source, e.target, 1.0)).collect();
    Graph::new(u.ids.clone(), e, false).unwrap_or(u)
}
