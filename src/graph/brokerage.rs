//! Gould-Fernandez brokerage roles.
#![allow(clippy::indexing_slicing)] // indices are node ids < n

use super::network::Graph;
use crate::error::{Error, ErrorCode, Result};
use serde::Serialize;

/// Counts of brokered two-paths `a → b → c` (no direct tie `a → c`) by the groups of `a`, `b`, `c`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct BrokerageRoles {
    /// All three in one group.
    pub coordinator: u64,
    /// `b` and `c` share a group, `a` is outside: `b` guards its group's door.
    pub gatekeeper: u64,
    /// `a` and `b` share a group, `c` is outside: `b` represents its group.
    pub representative: u64,
    /// `a` and `c` share a group, `b` is outside (itinerant / consultant).
    pub consultant: u64,
    /// All three groups differ.
    pub liaison: u64,
    pub total: u64,
}

/// Gould-Fernandez brokerage roles for every node. Directed graphs use `a → b → c`; an undirected
/// tie counts in both directions, so each unordered pair is brokered twice and gatekeeper equals
/// representative by symmetry (the `sna::brokerage` convention on a symmetric matrix).
///
/// # Arguments
/// * `groups[i]`: the group of node `i`; `progress(done, n)` every 1 024 brokers.
///
/// # Errors
/// `E_INVALID_PARAMETER` when `groups.len() != n`; `E_CANCELLED`.
///
/// # Complexity
/// O(sum_b in_b · out_b · log d).
///
/// # Reference
/// Gould & Fernandez (1989), *Sociological Methodology* 19.
///
/// # Examples
/// ```
/// use agglo::graph::{Graph, gould_fernandez};
/// // a(x) → b(y) → c(y): b is a gatekeeper.
/// let g = Graph::new(vec!["a".into(), "b".into(), "c".into()], vec![(0, 1, 1.0), (1, 2, 1.0)], true).unwrap();
/// let r = gould_fernandez(&g, &["x".into(), "y".into(), "y".into()], &mut |_, _| true).unwrap();
/// assert_eq!(r[1].gatekeeper, 1);
/// assert_eq!(r[1].total, 1);
/// ```
pub fn gould_fernandez(
    g: &Graph,
    groups: &[String],
    progress: &mut dyn FnMut(usize, usize) -> bool,
) -> Result<Vec<BrokerageRoles>> {
    let n = g.n();
    if groups.len() != n {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("{} group labels for {n} nodes", groups.len()),
        ));
    }
    let sorted: Vec<Vec<usize>> = (0..n)
        .map(|u| {
            let mut v = g.neighbors(u).0.to_vec();
            v.sort_unstable();
            v
        })
        .collect();
    let mut out = vec![BrokerageRoles::default(); n];
    for b in 0..n {
        if b % 1024 == 1023 && !progress(b + 1, n) {
            return Err(Error::new(ErrorCode::Cancelled, "brokerage cancelled"));
        }
        let gb = &groups[b];
        let r = &mut out[b];
        for &a in g.in_neighbors(b).0 {
            let ga = &groups[a];
            for &c in &sorted[b] {
                if c == a || sorted[a].binary_search(&c).is_ok() {
                    continue;
                }
                let gc = &groups[c];
                match (ga == gb, gb == gc, ga == gc) {
                    (true, true, _) => r.coordinator += 1,
                    (false, true, _) => r.gatekeeper += 1,
                    (true, false, _) => r.representative += 1,
                    (false, false, true) => r.consultant += 1,
                    (false, false, false) => r.liaison += 1,
                }
                r.total += 1;
            }
        }
    }
    Ok(out)
}
