//! Benchmark regions: peers by industry structure, and the top regions of a cluster.

use super::aggregate::ClusterPanel;
use super::strength::{cluster_lqs, LqBase};
use crate::error::{Error, ErrorCode, Result};
use crate::indicators::krugman_dissimilarity;
use crate::panel::{MatrixView, Reference};
use serde::{Deserialize, Serialize};

/// How structural similarity is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum PeerMetric {
    /// Cosine similarity of the industry-share vectors (1 = same structure); higher is closer.
    #[default]
    Cosine,
    /// Krugman dissimilarity of the share vectors (0 = same structure); lower is closer.
    Krugman,
}

/// One peer region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Peer {
    pub rank: usize,
    pub region: String,
    pub region_name: String,
    pub metric: PeerMetric,
    /// Cosine similarity or Krugman dissimilarity.
    pub value: f64,
}

/// The `top` regions most similar to region `target` by industry structure (missing cells count as
/// zero here: an absent industry is part of a structure).
///
/// # Errors
/// `E_UNKNOWN_REGION` when `target` is out of range; `E_ZERO_TOTAL` when the target has no data.
///
/// # Complexity
/// O(regions × industries + regions log regions).
pub fn peer_regions(
    mx: &MatrixView<'_>,
    regions: &[String],
    region_names: &[String],
    target: usize,
    metric: PeerMetric,
    top: usize,
) -> Result<Vec<Peer>> {
    let vec_of = |r: usize| -> Vec<f64> {
        (0..mx.n_industries)
            .map(|i| mx.get(r, i).unwrap_or(0.0))
            .collect()
    };
    if target >= mx.n_regions {
        return Err(Error::new(
            ErrorCode::UnknownRegion,
            format!("region index {target} out of range"),
        ));
    }
    let t = vec_of(target);
    let tn = t.iter().map(|x| x * x).sum::<f64>().sqrt();
    if !(tn > 0.0) {
        return Err(Error::new(
            ErrorCode::ZeroTotal,
            format!(
                "region '{}' has no data to compare",
                regions.get(target).cloned().unwrap_or_default()
            ),
        ));
    }
    let mut out: Vec<(usize, f64)> = (0..mx.n_regions)
        .filter(|r| *r != target)
        .filter_map(|r| {
            let v = vec_of(r);
            let value = match metric {
                PeerMetric::Cosine => {
                    let vn = v.iter().map(|x| x * x).sum::<f64>().sqrt();
                    if !(vn > 0.0) {
                        return None;
                    }
                    t.iter().zip(&v).map(|(a, b)| a * b).sum::<f64>() / (tn * vn)
                }
                PeerMetric::Krugman => krugman_dissimilarity(&t, &v).ok()?,
            };
            Some((r, value))
        })
        .collect();
    match metric {
        PeerMetric::Cosine => out.sort_by(|a, b| b.1.total_cmp(&a.1)),
        PeerMetric::Krugman => out.sort_by(|a, b| a.1.total_cmp(&b.1)),
    }
    Ok(out
        .into_iter()
        .take(top)
        .enumerate()
        .map(|(k, (r, value))| Peer {
            rank: k + 1,
            region: regions.get(r).cloned().unwrap_or_default(),
            region_name: region_names.get(r).cloned().unwrap_or_default(),
            metric,
            value,
        })
        .collect())
}

/// One of the top regions for a cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopRegion {
    pub rank: usize,
    pub region: String,
    pub region_name: String,
    pub employment: f64,
    pub lq: Option<f64>,
}

/// Parameters of [`top_regions_for_cluster`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopRegionsParams {
    /// Measure index (employment).
    pub measure: usize,
    /// Year index.
    pub year: usize,
    pub base: LqBase,
    /// Rank by LQ (true) or by employment.
    pub by_lq: bool,
    /// How many regions (10).
    pub top: usize,
}

/// The `top` regions for cluster index `cluster`, ranked by LQ or by employment.
///
/// # Errors
/// `E_UNKNOWN_CLUSTER` when the index is out of range.
///
/// # Complexity
/// O(regions log regions).
pub fn top_regions_for_cluster(
    cp: &ClusterPanel,
    cluster: usize,
    reference: Option<&Reference>,
    params: &TopRegionsParams,
) -> Result<Vec<TopRegion>> {
    let (measure, year, base, by_lq, top) = (
        params.measure,
        params.year,
        params.base,
        params.by_lq,
        params.top,
    );
    let p = &cp.panel;
    if cluster >= p.industries.len() {
        return Err(Error::new(
            ErrorCode::UnknownCluster,
            format!("cluster index {cluster} out of range"),
        ));
    }
    let lqs = cluster_lqs(cp, measure, year, base, reference);
    let mx = p.matrix(measure, year);
    let mut rows: Vec<TopRegion> = (0..p.regions.len())
        .filter_map(|r| {
            let e = mx.get(r, cluster).filter(|e| *e > 0.0)?;
            Some(TopRegion {
                rank: 0,
                region: p.regions.get(r).cloned().unwrap_or_default(),
                region_name: p.region_names.get(r).cloned().unwrap_or_default(),
                employment: e,
                lq: lqs
                    .get(r)
                    .and_then(|l| l.get(cluster))
                    .copied()
                    .filter(|v| !v.is_nan()),
            })
        })
        .collect();
    if by_lq {
        rows.sort_by(|a, b| {
            b.lq.unwrap_or(f64::NEG_INFINITY)
                .total_cmp(&a.lq.unwrap_or(f64::NEG_INFINITY))
        });
    } else {
        rows.sort_by(|a, b| b.employment.total_cmp(&a.employment));
    }
    rows.truncate(top);
    for (k, r) in rows.iter_mut().enumerate() {
        r.rank = k + 1;
    }
    Ok(rows)
}
