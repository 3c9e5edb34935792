//! Queen and rook contiguity from polygons.
//!
//! Vertices (queen) or edges = vertex pairs (rook) are hashed, after snapping coordinates to a grid
//! of `tolerance` (0 = exact coordinates, as libpysal and GeoDa do); regions sharing a key are
//! neighbours. With TopoJSON, rook neighbours come from shared arcs (exact by construction).
//!
//! Imperfect boundaries (T junctions, slivers, gaps, boundaries digitised separately) share no
//! exact vertex, so hashing misses them. The geometric fallback ([`ContiguityParams::fallback`],
//! [`ContiguityParams::fallback_all`]) looks through an R-tree of boundary segments: two regions
//! are queen neighbours when their boundaries come within `tolerance` of each other (or cross),
//! rook neighbours when more than `tolerance` of boundary length runs within `tolerance`. With
//! `tolerance` 0 a hair of slack (1e-9 of the map's extent) absorbs floating-point noise. By
//! default only regions left without neighbours by hashing get this look (cheap, and it never
//! changes the weights of clean data); `fallback_all` gives it to every region, so a county
//! separated from one neighbour by a thin gap but touching others exactly still gets that link.

use super::weights::SpatialWeights;
use crate::error::{Error, ErrorCode, Result, Warning};
use crate::ingest::boundaries::Boundaries;
use geo::{Coord, MultiPolygon};
use rstar::{RTree, RTreeObject, AABB};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Queen (a shared vertex) or rook (a shared edge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contiguity {
    Queen,
    Rook,
}

/// Parameters of contiguity weights.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContiguityParams {
    /// Snapping tolerance in coordinate units (default 0: exact coordinates).
    pub tolerance: f64,
    /// Use TopoJSON shared arcs for rook when the boundaries have them (default true).
    pub use_arcs: bool,
    /// Give regions left without neighbours a geometric check through an R-tree (default true).
    pub fallback: bool,
    /// Give every region the geometric check, not only those left without neighbours: polygons
    /// whose boundaries come within `tolerance` but share no vertex (gaps, slivers, T junctions)
    /// become neighbours (default false; O(S log S) for S boundary segments).
    pub fallback_all: bool,
}

impl Default for ContiguityParams {
    fn default() -> Self {
        ContiguityParams {
            tolerance: 0.0,
            use_arcs: true,
            fallback: true,
            fallback_all: false,
        }
    }
}

impl ContiguityParams {
    /// Set the geometric fallback by name: `islands` (default: only regions left without
    /// neighbours), `all` (every region: boundaries within the tolerance connect) or `off`.
    ///
    /// # Errors
    /// `E_INVALID_PARAMETER` naming an unknown mode.
    ///
    /// # Examples
    /// ```
    /// use agglo::spatial::ContiguityParams;
    /// let p = ContiguityParams::default().with_fallback("all").unwrap();
    /// assert!(p.fallback && p.fallback_all);
    /// assert!(!ContiguityParams::default().with_fallback("off").unwrap().fallback);
    /// assert!(ContiguityParams::default().with_fallback("near").is_err());
    /// ```
    pub fn with_fallback(mut self, mode: &str) -> Result<Self> {
        let (fallback, all) = match mode.trim().to_ascii_lowercase().as_str() {
            "islands" | "" => (true, false),
            "all" => (true, true),
            "off" | "none" => (false, false),
            _ => {
                return Err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!("unknown contiguity fallback '{mode}' (islands, all, off)"),
                )
                .at(crate::error::Location::default().with_value(mode)))
            }
        };
        self.fallback = fallback;
        self.fallback_all = all;
        Ok(self)
    }

    fn validate(&self) -> Result<()> {
        if !(self.tolerance >= 0.0 && self.tolerance.is_finite()) {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!(
                    "the snapping tolerance must be >= 0, not {}",
                    self.tolerance
                ),
            ));
        }
        Ok(())
    }
}

/// Queen contiguity weights (binary) from boundaries.
///
/// # Returns
/// Binary weights (apply [`SpatialWeights::transform`]) and warnings (islands, links added by the
/// R-tree fallback).
///
/// # Complexity
/// O(V log V) for V vertices, plus the fallback for islands.
///
/// # Examples
/// Two unit squares sharing a corner are queen but not rook neighbours:
/// ```
/// use agglo::ingest::boundaries::{load_boundaries, BoundaryOptions};
/// use agglo::spatial::{queen, rook, ContiguityParams};
/// let gj = br#"{"type":"FeatureCollection","features":[
///  {"type":"Feature","id":"a","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},
///  {"type":"Feature","id":"b","properties":{},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,2],[1,1]]]}}]}"#;
/// let (b, _) = load_boundaries(gj, "x.geojson", &BoundaryOptions::default()).unwrap();
/// let p = ContiguityParams { fallback: false, ..Default::default() };
/// assert_eq!(queen(&b, &p).unwrap().0.neighbours, vec![vec![1], vec![0]]);
/// assert_eq!(rook(&b, &p).unwrap().0.summary().links, 0);
/// ```
///
/// # Reference
/// Anselin (1988); libpysal `Queen.from_dataframe`; GeoDa.
pub fn queen(b: &Boundaries, p: &ContiguityParams) -> Result<(SpatialWeights, Vec<Warning>)> {
    contiguity_from_polygons(&b.ids, &b.geometries, Contiguity::Queen, p)
}

/// Rook contiguity weights (binary): shared TopoJSON arcs when available, else shared edges.
///
/// # Complexity
/// O(V log V).
pub fn rook(b: &Boundaries, p: &ContiguityParams) -> Result<(SpatialWeights, Vec<Warning>)> {
    if let (true, Some(arcs)) = (p.use_arcs, &b.arcs) {
        p.validate()?;
        let mut by_arc: Vec<(usize, usize)> = arcs
            .iter()
            .enumerate()
            .flat_map(|(r, a)| a.iter().map(move |&k| (k, r)))
            .collect();
        by_arc.sort_unstable();
        let mut nb = groups_to_neighbours(b.len(), &by_arc);
        let mut warnings = Vec::new();
        if p.fallback_all {
            let added = near_links(
                &b.geometries,
                &mut nb,
                Contiguity::Rook,
                snap_eps(&b.geometries, p.tolerance),
            );
            warnings.extend(fallback_warning(added));
        }
        let w = SpatialWeights::new(b.ids.clone(), nb, None, "rook")?;
        warnings.extend(island_warning(&w));
        return Ok((w, warnings));
    }
    contiguity_from_polygons(&b.ids, &b.geometries, Contiguity::Rook, p)
}

/// An undirected edge: its two snapped vertex keys, ordered.
type EdgeKey = ((i64, i64), (i64, i64));

fn key(c: Coord<f64>, tol: f64) -> (i64, i64) {
    if tol > 0.0 {
        ((c.x / tol).round() as i64, (c.y / tol).round() as i64)
    } else {
        // +0.0 and -0.0 are the same point.
        ((c.x + 0.0).to_bits() as i64, (c.y + 0.0).to_bits() as i64)
    }
}

fn groups_to_neighbours<K: PartialEq + Copy>(n: usize, sorted: &[(K, usize)]) -> Vec<Vec<usize>> {
    let mut nb: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut start = 0;
    while start < sorted.len() {
        let Some(&(k0, _)) = sorted.get(start) else {
            break;
        };
        let mut end = start + 1;
        while sorted.get(end).is_some_and(|(k, _)| *k == k0) {
            end += 1;
        }
        let group = sorted.get(start..end).unwrap_or(&[]);
        if group.len() > 1 {
            for &(_, a) in group {
                for &(_, b) in group {
                    if a != b {
                        if let Some(v) = nb.get_mut(a) {
                            v.push(b);
                        }
                    }
                }
            }
        }
        start = end;
    }
    for v in nb.iter_mut() {
        v.sort_unstable();
        v.dedup();
    }
    nb
}

fn island_warning(w: &SpatialWeights) -> Vec<Warning> {
    let isl = w.island_indices();
    if isl.is_empty() {
        return Vec::new();
    }
    let names: Vec<&str> = isl
        .iter()
        .take(10)
        .filter_map(|&i| w.ids.get(i).map(|s| s.as_str()))
        .collect();
    vec![Warning::new(
        "W_ISLANDS",
        format!(
            "{} region(s) have no neighbours ({}{}); they are excluded from local statistics",
            isl.len(),
            names.join(", "),
            if isl.len() > 10 { ", …" } else { "" }
        ),
    )]
}

/// Contiguity weights from raw polygons (pure; the benchmark workload).
///
/// # Errors
/// `E_INVALID_PARAMETER` for a negative tolerance or mismatched lengths.
pub fn contiguity_from_polygons(
    ids: &[String],
    polys: &[MultiPolygon<f64>],
    kind: Contiguity,
    p: &ContiguityParams,
) -> Result<(SpatialWeights, Vec<Warning>)> {
    p.validate()?;
    if ids.len() != polys.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("{} ids for {} polygons", ids.len(), polys.len()),
        ));
    }
    let tol = p.tolerance;
    let mut nb = match kind {
        Contiguity::Queen => {
            let mut keys: Vec<((i64, i64), usize)> = Vec::new();
            let mut local: Vec<(i64, i64)> = Vec::new();
            for (r, mp) in polys.iter().enumerate() {
                local.clear();
                for poly in &mp.0 {
                    for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                        local.extend(ring.0.iter().map(|c| key(*c, tol)));
                    }
                }
                local.sort_unstable();
                local.dedup();
                keys.extend(local.iter().map(|k| (*k, r)));
            }
            keys.sort_unstable();
            groups_to_neighbours(polys.len(), &keys)
        }
        Contiguity::Rook => {
            let mut keys: Vec<(EdgeKey, usize)> = Vec::new();
            for (r, mp) in polys.iter().enumerate() {
                for poly in &mp.0 {
                    for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                        for w in ring.0.windows(2) {
                            if let [a, b] = w {
                                let (ka, kb) = (key(*a, tol), key(*b, tol));
                                if ka != kb {
                                    keys.push(((ka.min(kb), ka.max(kb)), r));
                                }
                            }
                        }
                    }
                }
            }
            keys.sort_unstable();
            keys.dedup();
            groups_to_neighbours(polys.len(), &keys)
        }
    };
    let mut warnings = Vec::new();
    if p.fallback_all {
        let added = near_links(polys, &mut nb, kind, snap_eps(polys, tol));
        warnings.extend(fallback_warning(added));
    } else if p.fallback {
        let added = rtree_fallback(polys, &mut nb, kind, tol);
        warnings.extend(fallback_warning(added));
    }
    let name = match kind {
        Contiguity::Queen => "queen",
        Contiguity::Rook => "rook",
    };
    let w = SpatialWeights::new(ids.to_vec(), nb, None, name)?;
    warnings.extend(island_warning(&w));
    Ok((w, warnings))
}

fn fallback_warning(added: usize) -> Option<Warning> {
    (added > 0).then(|| {
        Warning::new(
            "W_CONTIGUITY_FALLBACK",
            format!("{added} link(s) found geometrically for regions that shared no exact vertex or edge (imperfect boundaries)"),
        )
    })
}

/// The geometric slack: the tolerance, or 1e-9 of the largest region extent when it is 0.
fn snap_eps(polys: &[MultiPolygon<f64>], tol: f64) -> f64 {
    if tol > 0.0 {
        return tol;
    }
    let extent = polys
        .iter()
        .filter_map(|p| bbox(p, 0.0))
        .fold(0.0f64, |m, b| {
            let (l, u) = (b.lower(), b.upper());
            m.max((u[0] - l[0]).abs()).max((u[1] - l[1]).abs())
        });
    extent * 1e-9
}

/// One boundary segment of region `poly`, its envelope padded by the slack.
struct Seg {
    poly: usize,
    a: Coord<f64>,
    b: Coord<f64>,
    env: AABB<[f64; 2]>,
}
impl RTreeObject for Seg {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        self.env
    }
}

/// Every pair of regions whose boundaries come within `eps` (queen: any two segments within `eps`
/// or crossing; rook: more than `eps` of shared length) and that are not yet neighbours gets a
/// link. An R-tree of all boundary segments, so O(S log S + candidate pairs). Returns the
/// directed links added.
fn near_links(
    polys: &[MultiPolygon<f64>],
    nb: &mut [Vec<usize>],
    kind: Contiguity,
    eps: f64,
) -> usize {
    let segs: Vec<Seg> = polys
        .iter()
        .enumerate()
        .flat_map(|(poly, mp)| {
            segments(mp).into_iter().map(move |(a, b)| Seg {
                poly,
                a,
                b,
                env: AABB::from_corners(
                    [a.x.min(b.x) - eps, a.y.min(b.y) - eps],
                    [a.x.max(b.x) + eps, a.y.max(b.y) + eps],
                ),
            })
        })
        .collect();
    let tree = RTree::bulk_load(segs);
    let mut shared: HashMap<(usize, usize), f64> = HashMap::new();
    for s in tree.iter() {
        for t in tree.locate_in_envelope_intersecting(&s.env) {
            if t.poly <= s.poly {
                continue;
            }
            let pair = (s.poly, t.poly);
            let already = nb.get(s.poly).is_some_and(|v| v.contains(&t.poly));
            if already {
                continue;
            }
            let (u, v) = ((s.a, s.b), (t.a, t.b));
            match kind {
                Contiguity::Queen => {
                    if crosses(u, v)
                        || point_segment_distance(u.0, v.0, v.1) <= eps
                        || point_segment_distance(u.1, v.0, v.1) <= eps
                        || point_segment_distance(v.0, u.0, u.1) <= eps
                        || point_segment_distance(v.1, u.0, u.1) <= eps
                    {
                        shared.insert(pair, f64::INFINITY);
                    }
                }
                Contiguity::Rook => {
                    let len = shared_length(u, v, eps).max(shared_length(v, u, eps));
                    if len > 0.0 {
                        *shared.entry(pair).or_insert(0.0) += len;
                    }
                }
            }
        }
    }
    let mut pairs: Vec<(usize, usize)> = shared
        .into_iter()
        .filter(|(_, len)| *len > eps)
        .map(|(p, _)| p)
        .collect();
    pairs.sort_unstable();
    let mut added = 0;
    for (i, j) in pairs {
        for (a, b) in [(i, j), (j, i)] {
            if let Some(v) = nb.get_mut(a) {
                if !v.contains(&b) {
                    v.push(b);
                    added += 1;
                }
            }
        }
    }
    for v in nb.iter_mut() {
        v.sort_unstable();
    }
    added
}

struct Bbox {
    idx: usize,
    env: AABB<[f64; 2]>,
}
impl RTreeObject for Bbox {
    type Envelope = AABB<[f64; 2]>;
    fn envelope(&self) -> Self::Envelope {
        self.env
    }
}

fn bbox(mp: &MultiPolygon<f64>, pad: f64) -> Option<AABB<[f64; 2]>> {
    let mut it = mp.0.iter().flat_map(|p| p.exterior().0.iter());
    let first = it.next()?;
    let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
    for c in it {
        x0 = x0.min(c.x);
        y0 = y0.min(c.y);
        x1 = x1.max(c.x);
        y1 = y1.max(c.y);
    }
    Some(AABB::from_corners(
        [x0 - pad, y0 - pad],
        [x1 + pad, y1 + pad],
    ))
}

fn segments(mp: &MultiPolygon<f64>) -> Vec<(Coord<f64>, Coord<f64>)> {
    let mut out = Vec::new();
    for p in &mp.0 {
        for ring in std::iter::once(p.exterior()).chain(p.interiors()) {
            for w in ring.0.windows(2) {
                if let [a, b] = w {
                    out.push((*a, *b));
                }
            }
        }
    }
    out
}

fn point_segment_distance(p: Coord<f64>, a: Coord<f64>, b: Coord<f64>) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    ((p.x - a.x - t * dx).powi(2) + (p.y - a.y - t * dy).powi(2)).sqrt()
}

/// Proper crossing of two segments (overlapping polygons).
fn crosses(s: (Coord<f64>, Coord<f64>), t: (Coord<f64>, Coord<f64>)) -> bool {
    let o = |a: Coord<f64>, b: Coord<f64>, c: Coord<f64>| {
        (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
    };
    let (d1, d2) = (o(s.0, s.1, t.0), o(s.0, s.1, t.1));
    let (d3, d4) = (o(t.0, t.1, s.0), o(t.0, t.1, s.1));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// Length of segment t lying within `eps` of segment s (0 unless both ends of the overlap are near s).
fn shared_length(s: (Coord<f64>, Coord<f64>), t: (Coord<f64>, Coord<f64>), eps: f64) -> f64 {
    let (dx, dy) = (s.1.x - s.0.x, s.1.y - s.0.y);
    let len = (dx * dx + dy * dy).sqrt();
    if len == 0.0 {
        return 0.0;
    }
    let line_dist = |p: Coord<f64>| ((p.x - s.0.x) * dy - (p.y - s.0.y) * dx).abs() / len;
    if line_dist(t.0) > eps || line_dist(t.1) > eps {
        return 0.0;
    }
    let proj = |p: Coord<f64>| ((p.x - s.0.x) * dx + (p.y - s.0.y) * dy) / len;
    let (a, b) = (proj(t.0), proj(t.1));
    let (lo, hi) = (a.min(b).max(0.0), a.max(b).min(len));
    (hi - lo).max(0.0)
}

/// For regions without neighbours: candidates by bounding box (R-tree), then queen = boundaries
/// within `eps`, rook = more than `eps` of boundary length shared. Returns the links added.
fn rtree_fallback(
    polys: &[MultiPolygon<f64>],
    nb: &mut [Vec<usize>],
    kind: Contiguity,
    tol: f64,
) -> usize {
    let islands: Vec<usize> = nb
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_empty())
        .map(|(i, _)| i)
        .collect();
    if islands.is_empty() {
        return 0;
    }
    // Exact data still needs a hair of slack for floating-point T junctions.
    let eps = snap_eps(polys, tol);
    let tree = RTree::bulk_load(
        polys
            .iter()
            .enumerate()
            .filter_map(|(idx, p)| bbox(p, eps).map(|env| Bbox { idx, env }))
            .collect(),
    );
    let mut added = 0;
    let mut new_links: HashMap<usize, Vec<usize>> = HashMap::new();
    for &i in &islands {
        let Some(pi) = polys.get(i) else { continue };
        let Some(env) = bbox(pi, eps) else { continue };
        let si = segments(pi);
        for cand in tree.locate_in_envelope_intersecting(&env) {
            let j = cand.idx;
            if j == i {
                continue;
            }
            let Some(pj) = polys.get(j) else { continue };
            let sj = segments(pj);
            let touches = match kind {
                Contiguity::Queen => si.iter().any(|a| {
                    sj.iter().any(|b| {
                        crosses(*a, *b)
                            || point_segment_distance(a.0, b.0, b.1) <= eps
                            || point_segment_distance(b.0, a.0, a.1) <= eps
                    })
                }),
                Contiguity::Rook => {
                    let shared: f64 = si
                        .iter()
                        .map(|a| sj.iter().map(|b| shared_length(*a, *b, eps)).sum::<f64>())
                        .sum();
                    shared > eps
                }
            };
            if touches {
                new_links.entry(i).or_default().push(j);
                new_links.entry(j).or_default().push(i);
            }
        }
    }
    for (i, js) in new_links {
        if let Some(v) = nb.get_mut(i) {
            for j in js {
                if !v.contains(&j) {
                    v.push(j);
                    added += 1;
                }
            }
            v.sort_unstable();
        }
    }
    added
}
