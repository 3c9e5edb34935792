//! Distance-based weights from points (or polygon centroids): k nearest neighbours, distance band,
//! inverse distance. Euclidean distance in coordinate units (project lon/lat data first, or accept
//! degree distances as libpysal does by default).

use super::weights::SpatialWeights;
use crate::error::{Error, ErrorCode, Result};
use crate::ingest::boundaries::Boundaries;
use geo::Centroid;
use rstar::primitives::GeomWithData;
use rstar::RTree;

type Pt = GeomWithData<[f64; 2], usize>;

/// Area-weighted centroids of the regions (geopandas `centroid`, the points libpysal's kNN uses).
pub fn centroids(b: &Boundaries) -> Vec<[f64; 2]> {
    b.geometries
        .iter()
        .map(|g| {
            g.centroid()
                .map(|p| [p.x(), p.y()])
                .unwrap_or([f64::NAN, f64::NAN])
        })
        .collect()
}

fn check_points(ids: &[String], pts: &[[f64; 2]]) -> Result<()> {
    if ids.len() != pts.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("{} ids for {} points", ids.len(), pts.len()),
        ));
    }
    if let Some((k, _)) = pts
        .iter()
        .enumerate()
        .find(|(_, p)| !p[0].is_finite() || !p[1].is_finite())
    {
        return Err(Error::new(
            ErrorCode::GeometryInvalid,
            format!("region {k} has no finite point (centroid)"),
        )
        .at(
            crate::error::Location::default().with_region(ids.get(k).cloned().unwrap_or_default())
        ));
    }
    Ok(())
}

fn tree(pts: &[[f64; 2]]) -> RTree<Pt> {
    RTree::bulk_load(
        pts.iter()
            .enumerate()
            .map(|(i, p)| GeomWithData::new(*p, i))
            .collect(),
    )
}

fn d2(a: [f64; 2], b: [f64; 2]) -> f64 {
    (a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2)
}

/// k nearest neighbours (binary, asymmetric in general). Ties at the k-th distance are broken by
/// the lower region index (libpysal's KD-tree order is not specified; on data without exact ties
/// the result is the same).
///
/// # Errors
/// `E_INVALID_PARAMETER` when `k` is 0 or ≥ n; `E_GEOMETRY_INVALID` for a non-finite point.
///
/// # Complexity
/// O(n log n + n k log n) with an R-tree.
///
/// # Examples
/// ```
/// let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
/// let w = agglo::spatial::knn(&ids, &[[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [2.0, 0.0]], 1).unwrap();
/// // b is 1 from a and 1 from d: the tie goes to the lower index, a; d is 1 from b and from c: b.
/// assert_eq!(w.neighbours, vec![vec![1], vec![0], vec![3], vec![1]]);
/// ```
pub fn knn(ids: &[String], pts: &[[f64; 2]], k: usize) -> Result<SpatialWeights> {
    check_points(ids, pts)?;
    let n = pts.len();
    if k == 0 || k >= n {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!(
                "k must be between 1 and n-1 = {}, not {k}",
                n.saturating_sub(1)
            ),
        ));
    }
    let t = tree(pts);
    let mut nb = Vec::with_capacity(n);
    for (i, p) in pts.iter().enumerate() {
        let mut cand: Vec<(f64, usize)> = Vec::with_capacity(k + 4);
        let mut kth = f64::INFINITY;
        for q in t.nearest_neighbor_iter(p) {
            if q.data == i {
                continue;
            }
            let d = d2(*p, *q.geom());
            if cand.len() >= k && d > kth {
                break;
            }
            cand.push((d, q.data));
            if cand.len() == k {
                kth = d;
            }
        }
        cand.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        cand.truncate(k);
        nb.push(cand.into_iter().map(|(_, j)| j).collect());
    }
    SpatialWeights::new(ids.to_vec(), nb, None, format!("knn:{k}"))
}

/// Distance band: neighbours at distance `<= threshold` (binary, symmetric).
///
/// # Errors
/// `E_INVALID_PARAMETER` for a threshold that is not positive.
///
/// # Examples
/// ```
/// let ids: Vec<String> = ["a", "b", "c"].iter().map(|s| s.to_string()).collect();
/// let w = agglo::spatial::distance_band(&ids, &[[0.0, 0.0], [1.0, 0.0], [3.0, 0.0]], 1.0).unwrap();
/// assert_eq!(w.neighbours, vec![vec![1], vec![0], vec![]]);
/// ```
pub fn distance_band(ids: &[String], pts: &[[f64; 2]], threshold: f64) -> Result<SpatialWeights> {
    band(ids, pts, threshold, None)
}

/// Inverse-distance weights `w_ij = d_ij^(-alpha)` within `threshold` (transform
/// [`super::Transform::Original`]; row-standardise with [`SpatialWeights::transform`]).
///
/// # Errors
/// `E_INVALID_PARAMETER` for a non-positive threshold or alpha; `E_GEOMETRY_INVALID` for two
/// regions at the same point (infinite weight).
pub fn inverse_distance(
    ids: &[String],
    pts: &[[f64; 2]],
    threshold: f64,
    alpha: f64,
) -> Result<SpatialWeights> {
    if !(alpha > 0.0 && alpha.is_finite()) {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("the distance decay alpha must be > 0, not {alpha}"),
        ));
    }
    band(ids, pts, threshold, Some(alpha))
}

fn band(
    ids: &[String],
    pts: &[[f64; 2]],
    threshold: f64,
    alpha: Option<f64>,
) -> Result<SpatialWeights> {
    check_points(ids, pts)?;
    if !(threshold > 0.0 && threshold.is_finite()) {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("the distance threshold must be > 0, not {threshold}"),
        ));
    }
    let t = tree(pts);
    let mut nb = Vec::with_capacity(pts.len());
    let mut ws = Vec::with_capacity(pts.len());
    for (i, p) in pts.iter().enumerate() {
        let mut v: Vec<(usize, f64)> = t
            .locate_within_distance(*p, threshold * threshold)
            .filter(|q| q.data != i)
            .map(|q| (q.data, d2(*p, *q.geom()).sqrt()))
            .collect();
        v.sort_by_key(|(j, _)| *j);
        if let Some(a) = alpha {
            if let Some((j, _)) = v.iter().find(|(_, d)| *d == 0.0) {
                return Err(Error::new(
                    ErrorCode::GeometryInvalid,
                    "two regions share the same point: inverse distance is infinite",
                )
                .at(crate::error::Location::default()
                    .with_region(ids.get(i).cloned().unwrap_or_default())
                    .with_value(ids.get(*j).cloned().unwrap_or_default())));
            }
            ws.push(v.iter().map(|(_, d)| d.powf(-a)).collect());
        }
        nb.push(v.into_iter().map(|(j, _)| j).collect());
    }
    match alpha {
        Some(a) => SpatialWeights::new(ids.to_vec(), nb, Some(ws), format!("idw:{threshold}:{a}")),
        None => SpatialWeights::new(ids.to_vec(), nb, None, format!("band:{threshold}")),
    }
}
