//! A minimal cluster-definition reader for supplier gaps (to be unified with `clusters/` later).

use super::grid::parse_grid;
use crate::error::{Error, ErrorCode, Location, Result};

/// Industry codes of one cluster, chosen by code or (case-insensitive) name, from a definition
/// CSV with columns `naics_code` (or `industry_code`), `cluster_code`, `cluster_name`. When the file
/// has `definition_set` / `naics_vintage` columns (the US Cluster Mapping file), only the
/// `DPS2016` rows of the newest vintage are used.
///
/// # Errors
/// `E_MISSING_COLUMN`; `E_UNKNOWN_CLUSTER` naming the cluster and a few available ones.
pub fn cluster_industries(
    bytes: &[u8],
    name: &str,
    cluster: &str,
) -> Result<(String, String, Vec<String>)> {
    let g = parse_grid(bytes, name)?;
    let col = |cands: &[&str]| {
        cands
            .iter()
            .find_map(|c| g.header.iter().position(|h| h.eq_ignore_ascii_case(c)))
    };
    let ic = col(&["naics_code", "industry_code", "industry"]).ok_or_else(|| {
        Error::new(
            ErrorCode::MissingColumn,
            "cluster definitions need an 'industry_code' (or 'naics_code') column",
        )
        .at(Location::file(name))
    })?;
    let cc = col(&["cluster_code"]).ok_or_else(|| {
        Error::new(
            ErrorCode::MissingColumn,
            "cluster definitions need a 'cluster_code' column",
        )
        .at(Location::file(name))
    })?;
    let nc = col(&["cluster_name"]);
    let set_c = col(&["definition_set"]);
    let vin_c = col(&["naics_vintage"]);
    let newest = vin_c.and_then(|v| {
        g.rows
            .iter()
            .filter_map(|r| r.get(v).and_then(|s| s.parse::<i32>().ok()))
            .max()
    });
    let keep = |r: &Vec<String>| {
        set_c.is_none_or(|s| r.get(s).is_some_and(|x| x == "DPS2016"))
            && vin_c.is_none_or(|v| r.get(v).and_then(|s| s.parse::<i32>().ok()) == newest)
    };
    let want = cluster.trim();
    let mut code = String::new();
    let mut cname = String::new();
    let mut members = Vec::new();
    for r in g.rows.iter().filter(|r| keep(r)) {
        let c = r.get(cc).cloned().unwrap_or_default();
        let n = nc.and_then(|k| r.get(k)).cloned().unwrap_or_default();
        if c == want || n.eq_ignore_ascii_case(want) {
            code = c;
            cname = n;
            if let Some(i) = r.get(ic) {
                if !members.contains(i) {
                    members.push(i.clone());
                }
            }
        }
    }
    if members.is_empty() {
        let mut avail: Vec<String> = g
            .rows
            .iter()
            .filter(|r| keep(r))
            .filter_map(|r| {
                let c = r.get(cc)?;
                Some(format!(
                    "{c} {}",
                    nc.and_then(|k| r.get(k)).cloned().unwrap_or_default()
                ))
            })
            .collect();
        avail.dedup();
        avail.truncate(8);
        return Err(Error::new(
            ErrorCode::UnknownCluster,
            format!(
                "no cluster '{want}' in the definitions (by code or name); e.g. {}",
                avail.join("; ")
            ),
        )
        .at(Location::file(name).with_value(want)));
    }
    Ok((code, cname, members))
}
