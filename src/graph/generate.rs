//! Seeded random graphs with planted communities, for benchmarks and tests.

use super::network::Graph;
use crate::error::{Error, ErrorCode, Result};
use rand::{RngExt, SeedableRng};
use rand_pcg::Pcg64;
use std::collections::HashSet;

/// A planted-partition graph: `n` nodes in `groups` equal groups (node `i` in group `i % groups`),
/// `m` distinct undirected edges; each edge picks a uniform node and, with probability `p_within`,
/// a partner in its group, else a uniform partner. Weights uniform in [1, 2). Loops and repeats
/// are redrawn.
///
/// # Errors
/// `E_INVALID_PARAMETER` when `m` exceeds the possible edges or `groups` is 0 or `p_within` ∉ [0, 1].
pub fn planted_partition(
    n: usize,
    m: usize,
    groups: usize,
    p_within: f64,
    seed: u64,
) -> Result<Graph> {
    let per = n / groups.max(1);
    if groups == 0 || per < 2 || !(0.0..=1.0).contains(&p_within) || m > n * (n - 1) / 4 {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!(
                "cannot place {m} edges on {n} nodes in {groups} groups with p_within {p_within}"
            ),
        ));
    }
    let mut rng = Pcg64::seed_from_u64(seed);
    let mut seen: HashSet<(u32, u32)> = HashSet::with_capacity(m * 2);
    let mut edges = Vec::with_capacity(m);
    while edges.len() < m {
        let u = rng.random_range(0..n);
        let v = if rng.random::<f64>() < p_within {
            let g = u % groups;
            g + groups * rng.random_range(0..per)
        } else {
            rng.random_range(0..n)
        };
        if u == v || v >= n {
            continue;
        }
        let key = (u.min(v) as u32, u.max(v) as u32);
        if seen.insert(key) {
            edges.push((u, v, 1.0 + rng.random::<f64>()));
        }
    }
    Graph::new((0..n).map(|i| i.to_string()).collect(), edges, false)
}
