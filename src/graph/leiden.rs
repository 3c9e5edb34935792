//! Leiden community detection (Traag, Waltman & van Eck 2019) on weighted modularity.
#![allow(clippy::indexing_slicing)] // see community_core.rs

use super::community_core::{
    cancelled, order_by_size, renumber, Communities, CommunityParams, Progress, WGraph,
};
use super::louvain::weighted_view;
use super::network::Graph;
use crate::error::Result;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_pcg::Pcg64;
use std::collections::VecDeque;

/// Fast local moving with a queue: only neighbours of moved nodes are revisited; a node may also
/// move to an empty community. Returns whether anything moved.
fn fast_local_moving(g: &WGraph, comm: &mut [usize], gamma: f64, rng: &mut Pcg64) -> bool {
    let n = g.n;
    let mut tot = vec![0.0f64; n];
    let mut size = vec![0usize; n];
    for i in 0..n {
        tot[comm[i]] += g.deg[i];
        size[comm[i]] += 1;
    }
    let mut empty: Vec<usize> = (0..n).filter(|c| size[*c] == 0).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let mut queue: VecDeque<usize> = order.into_iter().collect();
    let mut in_queue = vec![true; n];
    let mut nw = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<usize> = Vec::with_capacity(64);
    let m2 = g.total;
    let mut any = false;
    while let Some(i) = queue.pop_front() {
        in_queue[i] = false;
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
        size[ci] -= 1;
        if size[ci] == 0 {
            empty.push(ci);
        }
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
        if best_gain < -1e-12 * ki.max(1e-300) {
            // An empty community (gain 0) beats every neighbour.
            if let Some(&c) = empty.last() {
                best = c;
            }
        }
        if size[best] == 0 {
            if let Some(p) = empty.iter().rposition(|c| *c == best) {
                empty.swap_remove(p);
            }
        }
        tot[best] += ki;
        size[best] += 1;
        if best != ci {
            comm[i] = best;
            any = true;
            for e in g.off[i]..g.off[i + 1] {
                let j = g.nbr[e] as usize;
                if !in_queue[j] && comm[j] != best {
                    in_queue[j] = true;
                    queue.push_back(j);
                }
            }
        }
        for &c in &touched {
            nw[c] = 0.0;
            seen[c] = false;
        }
        touched.clear();
    }
    any
}

/// Refinement: inside each community, start from singletons and merge well-connected singletons
/// into well-connected sub-communities with the largest non-negative gain (greedy, i.e. Leiden's
/// θ → 0). Returns the refined labels (0..k) and k.
fn refine(g: &WGraph, comm: &[usize], gamma: f64, rng: &mut Pcg64) -> (Vec<usize>, usize) {
    let n = g.n;
    let m2 = g.total;
    let k = comm.iter().copied().max().map_or(0, |x| x + 1);
    let mut ctot = vec![0.0f64; k];
    for i in 0..n {
        ctot[comm[i]] += g.deg[i];
    }
    // Weight from node i to the rest of its community.
    let mut kin = vec![0.0f64; n];
    for i in 0..n {
        for e in g.off[i]..g.off[i + 1] {
            if comm[g.nbr[e] as usize] == comm[i] {
                kin[i] += g.w[e];
            }
        }
    }
    let mut refined: Vec<usize> = (0..n).collect();
    let mut rtot: Vec<f64> = g.deg.clone();
    let mut rsize = vec![1usize; n];
    let mut rext: Vec<f64> = kin.clone(); // weight from sub-community to rest of its community
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(rng);
    let mut nw = vec![0.0f64; n];
    let mut seen = vec![false; n];
    let mut touched: Vec<usize> = Vec::new();
    for &v in &order {
        if rsize[refined[v]] != 1 {
            continue;
        }
        let c = comm[v];
        let kv = g.deg[v];
        if kin[v] < gamma * kv * (ctot[c] - kv) / m2 {
            continue;
        }
        for e in g.off[v]..g.off[v + 1] {
            let u = g.nbr[e] as usize;
            if comm[u] != c {
                continue;
            }
            let s = refined[u];
            if !seen[s] {
                seen[s] = true;
                touched.push(s);
            }
            nw[s] += g.w[e];
        }
        let own = refined[v];
        let mut best = own;
        let mut best_gain = f64::NEG_INFINITY;
        for &s in &touched {
            if s == own || rext[s] < gamma * rtot[s] * (ctot[c] - rtot[s]) / m2 {
                continue;
            }
            let gain = nw[s] - gamma * kv * rtot[s] / m2;
            if gain >= 0.0 && gain > best_gain {
                best_gain = gain;
                best = s;
            }
        }
        if best != own {
            rext[best] = rext[best] + kin[v] - 2.0 * nw[best];
            rtot[best] += kv;
            rsize[best] += 1;
            rsize[own] = 0;
            rtot[own] = 0.0;
            refined[v] = best;
        }
        for &s in &touched {
            nw[s] = 0.0;
            seen[s] = false;
        }
        touched.clear();
    }
    let kk = renumber(&mut refined);
    (refined, kk)
}

/// Leiden communities: fast local moving, refinement, aggregation of the refined partition (the
/// aggregate starts from the unrefined one), until local moving leaves every node alone.
/// Guarantees connected communities, unlike Louvain. Directed graphs are symmetrised.
///
/// # Arguments
/// * `progress(level, max_levels)` after each level; `false` cancels.
///
/// # Errors
/// `E_EMPTY_GRAPH`; `E_INVALID_PARAMETER`; `E_CANCELLED`.
///
/// # Complexity
/// Near-linear in practice.
///
/// # Reference
/// Traag, Waltman & van Eck (2019), *Scientific Reports* 9:5233. The refinement here merges
/// greedily (θ → 0) instead of sampling.
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, leiden, CommunityParams};
/// let ids = (0..6).map(|i| i.to_string()).collect();
/// let e = vec![(0,1,1.0),(1,2,1.0),(0,2,1.0),(3,4,1.0),(4,5,1.0),(3,5,1.0),(2,3,1.0)];
/// let c = leiden(&Graph::new(ids, e, false).unwrap(), &CommunityParams::default(), &mut |_, _| true).unwrap();
/// assert_eq!(c.membership, vec![0, 0, 0, 1, 1, 1]);
/// ```
pub fn leiden(g: &Graph, params: &CommunityParams, progress: Progress<'_>) -> Result<Communities> {
    params.validate()?;
    let base = WGraph::from_graph(g, params.weighted)?;
    let mut rng = Pcg64::seed_from_u64(params.seed);
    let view = weighted_view(g, params.weighted);
    let total = params.iterations * params.max_levels;
    let mut done = 0usize;
    let mut best: Option<Communities> = None;
    for _ in 0..params.iterations {
        let start = best.as_ref().map(|b| b.membership.clone());
        let (mut membership, levels) = leiden_run(&base, start, params, &mut rng, &mut |_, _| {
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
    best.ok_or_else(|| crate::error::Error::new(crate::error::ErrorCode::Internal, "no Leiden run"))
}

fn leiden_run(
    base: &WGraph,
    start: Option<Vec<usize>>,
    params: &CommunityParams,
    rng: &mut Pcg64,
    progress: Progress<'_>,
) -> Result<(Vec<usize>, usize)> {
    let gamma = params.resolution;
    let mut node_to_agg: Vec<usize> = (0..base.n).collect();
    let mut cur: Option<WGraph> = None;
    let mut comm: Vec<usize> = start.unwrap_or_else(|| (0..base.n).collect());
    let mut levels = 0;
    loop {
        let g = cur.as_ref().unwrap_or(base);
        fast_local_moving(g, &mut comm, gamma, rng);
        let k = renumber(&mut comm);
        levels += 1;
        if !progress(levels, params.max_levels) {
            return Err(cancelled());
        }
        if k == g.n || levels >= params.max_levels {
            break;
        }
        let (refined, kr) = refine(g, &comm, gamma, rng);
        let mut next_comm = vec![0usize; kr];
        for i in 0..g.n {
            next_comm[refined[i]] = comm[i];
        }
        for a in node_to_agg.iter_mut() {
            *a = refined[*a];
        }
        let next = g.aggregate(&refined, kr);
        cur = Some(next);
        comm = next_comm;
    }
    Ok((node_to_agg.iter().map(|a| comm[*a]).collect(), levels))
}
