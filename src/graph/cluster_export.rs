//! Communities as a cluster definition (industry_code, cluster_code, cluster_name).

use super::network::Graph;
use crate::error::{Error, ErrorCode, Result};
use crate::io_model::Crosswalk;
use serde::Serialize;

/// One row of a cluster definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterDefinitionRow {
    pub industry_code: String,
    pub cluster_code: String,
    pub cluster_name: String,
}

/// Turn a community membership into cluster-definition rows: `cluster_code = prefix + (k+1)`,
/// `cluster_name = "Community k+1: <name of the member with the largest strength>"`, so the
/// communities of an industry graph can be used wherever cluster definitions are.
///
/// # Errors
/// `E_INVALID_PARAMETER` when lengths differ.
pub fn communities_to_definitions(
    g: &Graph,
    names: Option<&[String]>,
    membership: &[usize],
    prefix: &str,
) -> Result<Vec<ClusterDefinitionRow>> {
    if membership.len() != g.n() || names.is_some_and(|n| n.len() != g.n()) {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("{} labels for {} nodes", membership.len(), g.n()),
        ));
    }
    let k = membership.iter().copied().max().map_or(0, |x| x + 1);
    let strength: Vec<f64> = (0..g.n())
        .map(|u| g.neighbors(u).1.iter().sum::<f64>() + g.in_neighbors(u).1.iter().sum::<f64>())
        .collect();
    let mut lead = vec![None::<usize>; k];
    for (i, c) in membership.iter().enumerate() {
        if let Some(l) = lead.get_mut(*c) {
            let better = match l {
                None => true,
                Some(j) => strength.get(i) > strength.get(*j),
            };
            if better {
                *l = Some(i);
            }
        }
    }
    let label = |i: usize| {
        names
            .and_then(|n| n.get(i))
            .filter(|s| !s.is_empty())
            .or_else(|| g.ids.get(i))
            .cloned()
            .unwrap_or_default()
    };
    Ok(membership
        .iter()
        .enumerate()
        .map(|(i, c)| ClusterDefinitionRow {
            industry_code: g.ids.get(i).cloned().unwrap_or_default(),
            cluster_code: format!("{prefix}{}", c + 1),
            cluster_name: format!(
                "Community {}: {}",
                c + 1,
                lead.get(*c)
                    .copied()
                    .flatten()
                    .map(label)
                    .unwrap_or_default()
            ),
        })
        .collect())
}

/// Cluster-definition rows of IO sectors restated in the data's industry codes: each code of the
/// crosswalk joins the cluster of the IO sector it maps to with the largest weight (the first on a
/// tie), so the communities of an input-output graph can define clusters of NAICS-coded data.
/// Codes whose sector is in no row are left out; rows come in crosswalk code order.
pub fn definitions_through_crosswalk(
    rows: &[ClusterDefinitionRow],
    crosswalk: &Crosswalk,
) -> Vec<ClusterDefinitionRow> {
    let by_sector: std::collections::HashMap<&str, &ClusterDefinitionRow> =
        rows.iter().map(|r| (r.industry_code.as_str(), r)).collect();
    crosswalk
        .map
        .iter()
        .filter_map(|(code, targets)| {
            let (sector, _) =
                targets
                    .iter()
                    .fold(None::<&(String, f64)>, |best, t| match best {
                        Some(b) if b.1 >= t.1 => Some(b),
                        _ => Some(t),
                    })?;
            let r = by_sector.get(sector.as_str())?;
            Some(ClusterDefinitionRow {
                industry_code: code.clone(),
                cluster_code: r.cluster_code.clone(),
                cluster_name: r.cluster_name.clone(),
            })
        })
        .collect()
}

/// CSV text of cluster-definition rows (header `industry_code,cluster_code,cluster_name`).
///
/// # Errors
/// `E_INTERNAL` if CSV writing fails.
pub fn definitions_csv(rows: &[ClusterDefinitionRow]) -> Result<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| Error::new(ErrorCode::Internal, e.to_string());
    w.write_record(["industry_code", "cluster_code", "cluster_name"])
        .map_err(err)?;
    for r in rows {
        w.write_record([
            &r.industry_code,
            &r.cluster_code,
            &crate::export::neutralise_cell(&r.cluster_name),
        ])
        .map_err(err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| Error::new(ErrorCode::Internal, e.to_string()))
}
