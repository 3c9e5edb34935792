//! Aggregate a region × industry panel to clusters.

use super::definitions::{map_industries, ClusterDefinitions, IndustryMapping, MatchKind};
use crate::error::{Location, Result, Warning};
use crate::panel::Panel;
use serde::Serialize;

/// An industry of the data that no cluster takes, with its size.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnmappedCode {
    pub industry: String,
    pub industry_name: String,
    /// `unmapped` or `split` (children in several clusters).
    pub reason: String,
    /// The clusters its children belong to (split codes).
    pub clusters: Vec<String>,
    /// Sum over regions of the default measure, per year (panel year order).
    pub value_by_year: Vec<f64>,
}

/// The cluster panel and what the aggregation did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterPanel {
    /// Industries are the clusters that have at least one mapped data industry, in definition order.
    pub panel: Panel,
    /// Traded flag per cluster of `panel` (same order).
    pub traded: Vec<bool>,
    /// Index into the definitions' cluster list, per cluster of `panel`.
    pub definition_index: Vec<usize>,
    /// Data industries (indices into the source panel) per cluster of `panel`.
    pub members: Vec<Vec<usize>>,
    /// The source panel's industry codes (what `members` index into).
    pub source_industries: Vec<String>,
    pub mapping: IndustryMapping,
    pub unmapped: Vec<UnmappedCode>,
    /// Share of the default measure (last year) that is mapped, over all regions.
    pub mapped_share: f64,
}

/// Sum a panel's industries into clusters (all measures, all years).
///
/// A cluster cell is the sum of its member industries' published cells; it is missing only when
/// every member is missing. Region totals of the cluster panel are the source panel's region
/// totals (the data's own all-industry total, else the sum of all its cells, mapped or not), so
/// LQs on the cluster panel use an all-industry base.
///
/// Warnings: `W_UNMAPPED_CODES` (how many codes and how much of the measure), `W_SPLIT_CODES`
/// (shorter codes whose children fall in several clusters), `W_PREFIX_MATCH` (codes matched by
/// prefix or parent, for transparency).
///
/// # Errors
/// Only internal ones (index arithmetic).
///
/// # Complexity
/// O(measures × years × regions × industries).
pub fn aggregate_to_clusters(
    panel: &Panel,
    defs: &ClusterDefinitions,
) -> Result<(ClusterPanel, Vec<Warning>)> {
    let mapping = map_industries(defs, &panel.industries);
    let mut warnings = Vec::new();
    // Clusters present in the data, in definition order.
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); defs.clusters.len()];
    for (i, c) in mapping.cluster_of.iter().enumerate() {
        if let Some(m) = c.and_then(|c| members.get_mut(c)) {
            m.push(i);
        }
    }
    let used: Vec<usize> = (0..defs.clusters.len())
        .filter(|c| members.get(*c).is_some_and(|m| !m.is_empty()))
        .collect();
    let codes: Vec<String> = used
        .iter()
        .filter_map(|c| defs.clusters.get(*c).map(|c| c.code.clone()))
        .collect();
    let names: Vec<String> = used
        .iter()
        .filter_map(|c| defs.clusters.get(*c).map(|c| c.name.clone()))
        .collect();
    let mut out = Panel::new(
        panel.regions.clone(),
        panel.region_names.clone(),
        codes,
        names,
        panel.years.clone(),
        panel.measures.clone(),
    );
    for m in 0..panel.measures.len() {
        for y in 0..panel.years.len() {
            let mx = panel.matrix(m, y);
            for r in 0..panel.regions.len() {
                out.set_region_total(m, y, r, mx.region_total(r))?;
                for (k, c) in used.iter().enumerate() {
                    let mut sum = 0.0;
                    let mut any = false;
                    for &i in members.get(*c).map(Vec::as_slice).unwrap_or(&[]) {
                        if let Some(v) = mx.get(r, i) {
                            sum += v;
                            any = true;
                        }
                    }
                    if any {
                        out.set(m, y, r, k, sum)?;
                    }
                }
            }
        }
    }
    let dm = panel.default_measure();
    let mut unmapped = Vec::new();
    for (i, how) in mapping.how.iter().enumerate() {
        let (reason, clusters) = match how {
            MatchKind::Unmapped => ("unmapped", vec![]),
            MatchKind::Split { clusters } => ("split", clusters.clone()),
            _ => continue,
        };
        let value_by_year: Vec<f64> = (0..panel.years.len())
            .map(|y| panel.matrix(dm, y).industry_total(i))
            .collect();
        unmapped.push(UnmappedCode {
            industry: panel.industries.get(i).cloned().unwrap_or_default(),
            industry_name: panel.industry_names.get(i).cloned().unwrap_or_default(),
            reason: reason.to_string(),
            clusters,
            value_by_year,
        });
    }
    let last = panel.years.len().saturating_sub(1);
    let all: f64 = (0..panel.industries.len())
        .map(|i| panel.matrix(dm, last).industry_total(i))
        .sum();
    let unm: f64 = unmapped
        .iter()
        .filter_map(|u| u.value_by_year.get(last))
        .sum();
    let mapped_share = if all > 0.0 { 1.0 - unm / all } else { f64::NAN };
    let measure = panel.measures.get(dm).cloned().unwrap_or_default();
    let year = panel.years.get(last).copied().unwrap_or_default();
    let n_unmapped = unmapped.iter().filter(|u| u.reason == "unmapped").count();
    if n_unmapped > 0 {
        let shown: Vec<String> = unmapped
            .iter()
            .filter(|u| u.reason == "unmapped")
            .take(10)
            .map(|u| {
                format!(
                    "{} ({})",
                    u.industry,
                    u.value_by_year.get(last).copied().unwrap_or(0.0)
                )
            })
            .collect();
        warnings.push(Warning::new(
            "W_UNMAPPED_CODES",
            format!(
                "{n_unmapped} industry code(s) of the data are in no cluster of {}: {}{}; {measure} {year} not in any cluster: {}",
                defs.source,
                shown.join(", "),
                if n_unmapped > 10 { ", …" } else { "" },
                unm
            ),
        ));
    }
    for u in unmapped.iter().filter(|u| u.reason == "split") {
        warnings.push(
            Warning::new(
                "W_SPLIT_CODES",
                format!(
                    "industry '{}' is coarser than the definitions and its sub-industries belong to several clusters ({}); it is left unmapped",
                    u.industry,
                    u.clusters.join(", ")
                ),
            )
            .at(Location::default().with_industry(u.industry.clone())),
        );
    }
    let n_prefix = mapping
        .how
        .iter()
        .filter(|h| matches!(h, MatchKind::Prefix { .. } | MatchKind::Parent { .. }))
        .count();
    if n_prefix > 0 {
        warnings.push(Warning::new(
            "W_PREFIX_MATCH",
            format!("{n_prefix} industry code(s) were matched to clusters by code prefix (all their defined sub-codes in one cluster, or their defined parent code)"),
        ));
    }
    let traded = used
        .iter()
        .map(|c| {
            defs.clusters
                .get(*c)
                .is_some_and(|c| c.traded_local.is_traded())
        })
        .collect();
    let members = used
        .iter()
        .map(|c| members.get(*c).cloned().unwrap_or_default())
        .collect();
    Ok((
        ClusterPanel {
            panel: out,
            traded,
            definition_index: used,
            members,
            source_industries: panel.industries.clone(),
            mapping,
            unmapped,
            mapped_share,
        },
        warnings,
    ))
}
