//! Cross-border hot spots: connected groups of significant high-value regions.

use super::weights::SpatialWeights;
use crate::error::{Error, ErrorCode, Result};
use serde::Serialize;
use std::collections::BTreeSet;

/// One group of neighbouring hot regions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HotspotGroup {
    /// 1-based, by decreasing size (then combined total, then first region).
    pub group: usize,
    pub ids: Vec<String>,
    pub names: Vec<String>,
    pub size: usize,
    /// Mean and maximum of the indicator (e.g. LQ) over the group.
    pub indicator_mean: f64,
    pub indicator_max: f64,
    /// Sum of the totals (e.g. employment in the industry) when given.
    pub total: Option<f64>,
    /// Administrative units spanned (e.g. states), sorted.
    pub admin_units: Vec<String>,
    /// More than one administrative unit.
    pub crosses_border: bool,
}

/// Connected groups of `hot` regions (e.g. significant `HH` in a LISA, or Gi* hot spots) on the
/// undirected neighbour graph of `w`, with the indicator summarised, `totals` (e.g. employment)
/// summed and the `admin` units (one per region, e.g. state FIPS) each group spans.
///
/// # Errors
/// `E_INVALID_PARAMETER` when a slice's length differs from the regions'.
///
/// # Complexity
/// O(n + L).
///
/// # Examples
/// ```
/// use agglo::spatial::{hotspot_groups, SpatialWeights};
/// let ids: Vec<String> = ["01001", "01003", "13001", "13003"].iter().map(|s| s.to_string()).collect();
/// let w = SpatialWeights::new(ids.clone(), vec![vec![1], vec![0, 2], vec![1, 3], vec![2]], None, "line").unwrap();
/// let admin: Vec<String> = ids.iter().map(|s| s[..2].to_string()).collect();
/// let g = hotspot_groups(&w, &[false, true, true, false], &[1.0, 5.0, 7.0, 1.0], None, Some(&admin), None).unwrap();
/// assert_eq!(g.len(), 1);
/// assert_eq!(g[0].ids, vec!["01003", "13001"]);
/// assert_eq!(g[0].admin_units, vec!["01", "13"]);
/// assert!(g[0].crosses_border);
/// assert_eq!(g[0].indicator_mean, 6.0);
/// ```
pub fn hotspot_groups(
    w: &SpatialWeights,
    hot: &[bool],
    indicator: &[f64],
    totals: Option<&[f64]>,
    admin: Option<&[String]>,
    names: Option<&[String]>,
) -> Result<Vec<HotspotGroup>> {
    let n = w.n();
    let bad = |what: &str, len: usize| {
        Error::new(
            ErrorCode::InvalidParameter,
            format!("{what} has {len} entries for {n} regions"),
        )
    };
    if hot.len() != n {
        return Err(bad("the hot-spot flag list", hot.len()));
    }
    if indicator.len() != n {
        return Err(bad("the indicator", indicator.len()));
    }
    if let Some(t) = totals.filter(|t| t.len() != n) {
        return Err(bad("the totals", t.len()));
    }
    if let Some(a) = admin.filter(|a| a.len() != n) {
        return Err(bad("the administrative units", a.len()));
    }
    let mut und: Vec<Vec<usize>> = w.neighbours.clone();
    for (i, nb) in w.neighbours.iter().enumerate() {
        for &j in nb {
            if let Some(v) = und.get_mut(j) {
                v.push(i);
            }
        }
    }
    let is_hot = |i: usize| hot.get(i).copied().unwrap_or(false);
    let mut seen = vec![false; n];
    let mut groups = Vec::new();
    for s in 0..n {
        if !is_hot(s) || seen.get(s).copied().unwrap_or(true) {
            continue;
        }
        let mut members = vec![s];
        if let Some(x) = seen.get_mut(s) {
            *x = true;
        }
        let mut k = 0;
        while let Some(&u) = members.get(k) {
            k += 1;
            for &v in und.get(u).map(|v| v.as_slice()).unwrap_or(&[]) {
                if is_hot(v) && !seen.get(v).copied().unwrap_or(true) {
                    if let Some(x) = seen.get_mut(v) {
                        *x = true;
                    }
                    members.push(v);
                }
            }
        }
        members.sort_unstable();
        let vals: Vec<f64> = members
            .iter()
            .filter_map(|&i| indicator.get(i).copied())
            .collect();
        let units: BTreeSet<String> = members
            .iter()
            .filter_map(|&i| admin.and_then(|a| a.get(i)).cloned())
            .collect();
        groups.push(HotspotGroup {
            group: 0,
            ids: members
                .iter()
                .filter_map(|&i| w.ids.get(i).cloned())
                .collect(),
            names: members
                .iter()
                .map(|&i| names.and_then(|nm| nm.get(i)).cloned().unwrap_or_default())
                .collect(),
            size: members.len(),
            indicator_mean: vals.iter().sum::<f64>() / vals.len().max(1) as f64,
            indicator_max: vals.iter().copied().fold(f64::NEG_INFINITY, f64::max),
            total: totals.map(|t| members.iter().filter_map(|&i| t.get(i)).sum()),
            crosses_border: units.len() > 1,
            admin_units: units.into_iter().collect(),
        });
    }
    groups.sort_by(|a, b| {
        b.size
            .cmp(&a.size)
            .then(b.total.unwrap_or(0.0).total_cmp(&a.total.unwrap_or(0.0)))
            .then(a.ids.cmp(&b.ids))
    });
    for (k, g) in groups.iter_mut().enumerate() {
        g.group = k + 1;
    }
    Ok(groups)
}

/// Administrative unit of each id by its first `len` characters (state = 2 for a county FIPS,
/// NUTS1 = 3 for a NUTS3 code).
pub fn admin_by_prefix(ids: &[String], len: usize) -> Vec<String> {
    ids.iter().map(|s| s.chars().take(len).collect()).collect()
}
