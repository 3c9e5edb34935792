//! Members of one cluster of a definitions file, for supplier gaps (parsed by
//! [`crate::clusters::parse_cluster_definitions`], the one definitions reader).

use crate::clusters::{
    parse_cluster_definitions, sniffed_reader, ClusterDefinitions, DefinitionFilter,
};
use crate::error::{Error, ErrorCode, Location, Result, Warning};

/// The filter for a definitions file: when it has `definition_set` / `naics_vintage` (or
/// `vintage`) columns (the US Cluster Mapping file), its `DPS2016` rows of the newest vintage;
/// otherwise every row.
fn newest_filter(bytes: &[u8]) -> DefinitionFilter {
    let text = String::from_utf8_lossy(bytes);
    let mut rdr = sniffed_reader(&text);
    let Ok(h) = rdr.headers().cloned() else {
        return DefinitionFilter::default();
    };
    let col = |names: &[&str]| {
        h.iter()
            .position(|c| names.iter().any(|n| c.trim().eq_ignore_ascii_case(n)))
    };
    let set_c = col(&["definition_set"]);
    let vin_c = col(&["naics_vintage", "vintage"]);
    let vintage = vin_c.and_then(|v| {
        rdr.records()
            .filter_map(|r| r.ok())
            .filter(|r| set_c.is_none_or(|s| r.get(s) == Some("DPS2016")))
            .filter_map(|r| r.get(v).and_then(|x| x.trim().parse::<i32>().ok()))
            .max()
    });
    DefinitionFilter {
        definition_set: set_c.map(|_| "DPS2016".to_string()),
        vintage: vintage.map(|v| v.to_string()),
    }
}

/// Code, name and member industry codes of one cluster of parsed definitions, chosen by code or
/// (case-insensitive) name.
///
/// # Errors
/// `E_UNKNOWN_CLUSTER` naming the cluster and a few available ones.
pub fn members_of(
    defs: &ClusterDefinitions,
    cluster: &str,
) -> Result<(String, String, Vec<String>)> {
    let want = cluster.trim();
    let k = defs
        .clusters
        .iter()
        .position(|c| c.code == want)
        .or_else(|| {
            defs.clusters
                .iter()
                .position(|c| c.name.eq_ignore_ascii_case(want))
        })
        .ok_or_else(|| {
            let avail: Vec<String> = defs
                .clusters
                .iter()
                .take(8)
                .map(|c| format!("{} {}", c.code, c.name))
                .collect();
            Error::new(
                ErrorCode::UnknownCluster,
                format!(
                    "no cluster '{want}' in the definitions (by code or name); e.g. {}",
                    avail.join("; ")
                ),
            )
            .at(Location::file(&defs.source).with_value(want))
        })?;
    let c = defs.clusters.get(k).cloned().ok_or_else(|| {
        Error::new(
            ErrorCode::Internal,
            format!("cluster index {k} out of range"),
        )
    })?;
    let members = defs
        .entries
        .iter()
        .filter(|e| e.cluster == k)
        .map(|e| e.industry_code.clone())
        .collect();
    Ok((c.code, c.name, members))
}

/// Industry codes of one cluster, chosen by code or (case-insensitive) name, from a definition
/// CSV read with [`crate::clusters::parse_cluster_definitions`] (columns `naics_code` or
/// `industry_code`, `cluster_code`, `cluster_name`). When the file has `definition_set` /
/// `naics_vintage` columns (the US Cluster Mapping file), only the `DPS2016` rows of the newest
/// vintage are used.
///
/// # Errors
/// As `parse_cluster_definitions` (`E_MISSING_COLUMN`, `E_CSV_SYNTAX`, `E_NO_DATA`);
/// `E_UNKNOWN_CLUSTER` naming the cluster and a few available ones.
///
/// # Examples
/// ```
/// use agglo::io_model::cluster_industries;
/// let csv = b"industry_code,cluster_code,cluster_name\n314110,42,Textiles\n313110,42,Textiles\n111110,1,Farms\n";
/// let (code, name, members) = cluster_industries(csv, "defs.csv", "textiles").unwrap();
/// assert_eq!((code.as_str(), name.as_str(), members.len()), ("42", "Textiles", 2));
/// ```
pub fn cluster_industries(
    bytes: &[u8],
    name: &str,
    cluster: &str,
) -> Result<(String, String, Vec<String>)> {
    let (defs, _) = read_definitions(bytes, name)?;
    members_of(&defs, cluster)
}

/// A definitions CSV read as [`cluster_industries`] reads it (USCMP file: `DPS2016` rows of the
/// newest vintage; other files: every row).
///
/// # Errors
/// As [`crate::clusters::parse_cluster_definitions`].
pub fn read_definitions(bytes: &[u8], name: &str) -> Result<(ClusterDefinitions, Vec<Warning>)> {
    parse_cluster_definitions(bytes, name, &newest_filter(bytes))
}
