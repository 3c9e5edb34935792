//! Column-role proposal from header names and sample values.

use super::{is_suppression_marker, parse_number, ColumnRole};
use serde::{Deserialize, Serialize};

/// What a column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    RegionCode,
    RegionName,
    IndustryCode,
    IndustryName,
    Year,
    Measure,
    /// A flag column (e.g. `emp_withheld`): kept out of the measures.
    Flag,
    Ignore,
}

fn norm(h: &str) -> String {
    h.trim().to_ascii_lowercase().replace([' ', '-', '.'], "_")
}

/// Propose a role for each header from its name, falling back to the sample values.
///
/// Names are matched after lower-casing and mapping spaces, `-` and `.` to `_` (`Region Code`,
/// `FIPS`, `NAICS2017`, `year`, `employment`, `emp_withheld` …). An unnamed column whose non-marker
/// sample cells are at least 90% numbers is a measure. A role other than measure/flag/ignore is given
/// to the first matching column only.
///
/// # Examples
/// ```
/// use agglo::ingest::{propose_roles, Role};
/// let h: Vec<String> = ["fips", "naics", "year", "employment", "emp_withheld"].map(String::from).to_vec();
/// let r = propose_roles(&h, &[]);
/// assert_eq!(r[0].role, Role::RegionCode);
/// assert_eq!(r[3].role, Role::Measure);
/// assert_eq!(r[4].role, Role::Flag);
/// ```
pub fn propose_roles(headers: &[String], rows: &[Vec<String>]) -> Vec<ColumnRole> {
    let mut out: Vec<ColumnRole> = Vec::with_capacity(headers.len());
    let mut taken = std::collections::HashSet::new();
    for (c, h) in headers.iter().enumerate() {
        let n = norm(h);
        let by_name = if [
            "region_code",
            "fips",
            "geo_id",
            "region",
            "area_code",
            "geoid",
            "nuts",
            "nuts_id",
            "county_fips",
            "area_fips",
            "region_id",
        ]
        .contains(&n.as_str())
        {
            Some(Role::RegionCode)
        } else if [
            "region_name",
            "county",
            "county_name",
            "area_name",
            "name",
            "area_title",
        ]
        .contains(&n.as_str())
        {
            Some(Role::RegionName)
        } else if [
            "industry_code",
            "naics",
            "naics_code",
            "naics2017",
            "nace",
            "nace_r2",
            "sic",
            "industry",
            "industry_id",
            "sector_code",
        ]
        .contains(&n.as_str())
        {
            Some(Role::IndustryCode)
        } else if [
            "industry_name",
            "industry_title",
            "naics_title",
            "naics2017_label",
            "sector",
            "sector_name",
            "title",
        ]
        .contains(&n.as_str())
        {
            Some(Role::IndustryName)
        } else if ["year", "yr", "time", "period", "jahr", "annee", "año"].contains(&n.as_str()) {
            Some(Role::Year)
        } else if [
            "employment",
            "emp",
            "employees",
            "jobs",
            "establishments",
            "estab",
            "estabs",
            "payroll",
            "payroll_thousands",
            "payann",
            "wages",
            "value",
            "obs_value",
            "output",
            "gva",
            "turnover",
        ]
        .contains(&n.as_str())
        {
            Some(Role::Measure)
        } else if n.contains("withheld")
            || n.starts_with("flag")
            || n.ends_with("_flag")
            || n.starts_with("n_states")
        {
            Some(Role::Flag)
        } else {
            None
        };
        let role = match by_name {
            Some(r)
                if r != Role::Measure
                    && r != Role::Flag
                    && r != Role::Ignore
                    && taken.contains(&r) =>
            {
                Role::Ignore
            }
            Some(r) => r,
            None => {
                // Suppression markers are neutral: a measure column full of `(D)` is still a measure.
                let vals: Vec<&String> = rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .filter(|s| !is_suppression_marker(s))
                    .take(200)
                    .collect();
                let numeric = vals
                    .iter()
                    .filter(|s| parse_number(s, false).is_some() || parse_number(s, true).is_some())
                    .count();
                if !vals.is_empty() && numeric * 10 >= vals.len() * 9 {
                    Role::Measure
                } else {
                    Role::Ignore
                }
            }
        };
        taken.insert(role);
        out.push(ColumnRole {
            column: h.clone(),
            role,
        });
    }
    out
}
