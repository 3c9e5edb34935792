//! Spatial extent of a regional cluster: does it continue across the region's border?

use super::aggregate::ClusterPanel;
use super::code_index;
use super::strength::{cluster_lqs, uscmp_strength, LqBase, UscmpParams};
use crate::error::{Error, ErrorCode, Result};
use crate::panel::Reference;
use serde::Serialize;

/// Spatial extent of one region × cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterExtent {
    pub region: String,
    pub cluster: String,
    /// Contiguous neighbours of the region (in the data).
    pub neighbours: usize,
    /// Neighbours where the cluster has LQ >= 1.
    pub neighbours_specialised: usize,
    /// Neighbours where the cluster is a US Cluster Mapping strong cluster.
    pub neighbours_strong: usize,
    /// `neighbours_specialised / neighbours` (`None` for a region without neighbours).
    pub spatial_extent: Option<f64>,
}

/// Spatial extent of every region × cluster with employment in year index `year`.
///
/// `neighbours[r]` lists the contiguous neighbours (indices into the cluster panel's regions) of
/// region `r` (e.g. queen contiguity of the loaded boundaries; a region missing from the
/// boundaries has an empty list). The extent is the share of neighbours where the cluster is
/// specialised too (`LQ >= 1` on `base`, the same LQs as the profile), with the counts of
/// specialised and of strong (US Cluster Mapping, [`uscmp_strength`]) neighbours. A cluster that
/// is specialised in the region and in most of its neighbours extends beyond the administrative
/// border (OECD typology "spatial extent"; METHODS.md §4, §7).
///
/// # Errors
/// `E_INVALID_PARAMETER` when `neighbours` has not one entry per region or names a region out of
/// range; errors of [`uscmp_strength`].
///
/// # Complexity
/// O(clusters × (regions log regions + neighbour pairs)).
pub fn cluster_spatial_extent(
    cp: &ClusterPanel,
    neighbours: &[Vec<usize>],
    measure: usize,
    establishments: Option<usize>,
    year: usize,
    base: LqBase,
    reference: Option<&Reference>,
) -> Result<Vec<ClusterExtent>> {
    let p = &cp.panel;
    if neighbours.len() != p.regions.len()
        || neighbours.iter().flatten().any(|j| *j >= p.regions.len())
    {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!(
                "spatial extent: {} neighbour lists for {} regions (or an index out of range)",
                neighbours.len(),
                p.regions.len()
            ),
        ));
    }
    let lqs = cluster_lqs(cp, measure, year, base, reference);
    let (strength, _) = uscmp_strength(
        cp,
        year,
        reference,
        &UscmpParams {
            base,
            employment: measure,
            establishments,
            ..Default::default()
        },
    )?;
    let region_ix = code_index(&p.regions);
    let cluster_ix = code_index(&p.industries);
    let mut strong = vec![vec![false; p.industries.len()]; p.regions.len()];
    for s in strength.iter().filter(|s| s.strong) {
        if let (Some(r), Some(c)) = (
            region_ix.get(s.region.as_str()),
            cluster_ix.get(s.cluster.as_str()),
        ) {
            if let Some(slot) = strong.get_mut(*r).and_then(|row| row.get_mut(*c)) {
                *slot = true;
            }
        }
    }
    let mx = p.matrix(measure, year);
    let specialised = |r: usize, c: usize| {
        lqs.get(r)
            .and_then(|row| row.get(c))
            .is_some_and(|l| *l >= 1.0)
    };
    let mut rows = Vec::new();
    for (r, nb) in neighbours.iter().enumerate() {
        for c in 0..p.industries.len() {
            if !mx.get(r, c).is_some_and(|e| e > 0.0) {
                continue;
            }
            let spec = nb.iter().filter(|j| specialised(**j, c)).count();
            let st = nb
                .iter()
                .filter(|j| strong.get(**j).and_then(|row| row.get(c)).copied() == Some(true))
                .count();
            rows.push(ClusterExtent {
                region: p.regions.get(r).cloned().unwrap_or_default(),
                cluster: p.industries.get(c).cloned().unwrap_or_default(),
                neighbours: nb.len(),
                neighbours_specialised: spec,
                neighbours_strong: st,
                spatial_extent: (!nb.is_empty()).then(|| spec as f64 / nb.len() as f64),
            });
        }
    }
    Ok(rows)
}

/// Copy IO indicators and spatial extents into profiles (matched by region and cluster code).
pub fn apply_typology_extras(
    profiles: &mut [super::ClusterProfile],
    io: Option<&[super::ClusterIo]>,
    extent: Option<&[ClusterExtent]>,
) {
    use std::collections::HashMap;
    let io: HashMap<(&str, &str), &super::ClusterIo> = io
        .unwrap_or(&[])
        .iter()
        .map(|x| ((x.region.as_str(), x.cluster.as_str()), x))
        .collect();
    let ex: HashMap<(&str, &str), &ClusterExtent> = extent
        .unwrap_or(&[])
        .iter()
        .map(|x| ((x.region.as_str(), x.cluster.as_str()), x))
        .collect();
    for p in profiles.iter_mut() {
        let (region, cluster) = (p.region.clone(), p.cluster.clone());
        let key = (region.as_str(), cluster.as_str());
        if let Some(x) = io.get(&key) {
            p.depth = x.depth;
            p.local_supplier = x.local_supplier;
            p.multiplier = x.multiplier;
        }
        if let Some(x) = ex.get(&key) {
            p.spatial_extent = x.spatial_extent;
            p.neighbours = Some(x.neighbours);
            p.neighbours_specialised = Some(x.neighbours_specialised);
            p.neighbours_strong = Some(x.neighbours_strong);
        }
    }
}

/// Align neighbour lists given over boundary ids (`ids[k]` has neighbours `neighbours[k]`,
/// indices into `ids`) to a panel's regions: one list per region, with indices into `regions`.
/// Regions without a boundary, and neighbours without data, are left out.
///
/// # Examples
/// ```
/// use agglo::clusters::neighbours_for_regions;
/// let ids = ["b", "a", "x"].map(String::from);
/// let nb = neighbours_for_regions(&["a".into(), "b".into(), "c".into()], &ids,
///     &[vec![1, 2], vec![0], vec![0]]);
/// assert_eq!(nb, vec![vec![1], vec![0], vec![]]);
/// ```
///
/// # Complexity
/// O(regions + neighbour pairs).
pub fn neighbours_for_regions(
    regions: &[String],
    ids: &[String],
    neighbours: &[Vec<usize>],
) -> Vec<Vec<usize>> {
    let at = code_index(regions);
    let mut out = vec![Vec::new(); regions.len()];
    for (k, id) in ids.iter().enumerate() {
        let Some(r) = at.get(id.as_str()) else {
            continue;
        };
        let list: Vec<usize> = neighbours
            .get(k)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .filter_map(|j| ids.get(*j).and_then(|x| at.get(x.as_str())).copied())
            .collect();
        if let Some(slot) = out.get_mut(*r) {
            *slot = list;
        }
    }
    out
}
