//! Long vs wide layout, and the load plan: which column plays which role.
//!
//! * **Long**: one row per region × industry (× year), an industry-code column, one column per
//!   measure (`employment`, `establishments`, `payroll`…).
//! * **Wide**: one row per region (optionally per region-year), one column per industry; the cells
//!   are one measure (named by [`super::LoadOptions::measure`], else guessed from the sheet or file
//!   name: `employment`, `establishments`, `payroll`, else `value`). The row right under the header
//!   may hold industry titles; it is then used for names and skipped.
//!
//! Detection: an industry-code column means long. Without one, a region column plus at least two
//! columns whose headers look like industry codes (`3141`, `31-33`, `C10`) means wide.

use super::number::{parse_year, DecimalVotes};
use super::{is_suppression_marker, propose_roles, ColumnRole, Layout, LoadOptions, Role};
use crate::error::{Error, ErrorCode, Location, Result};

/// Everything the row processor needs, fixed before the first data row.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub layout: Layout,
    pub headers: Vec<String>,
    pub roles: Vec<ColumnRole>,
    pub header_line: u64,
    /// Line of the wide layout's industry-title row (skipped), if any.
    pub names_line: Option<u64>,
    pub region: Option<usize>,
    pub region_name: Option<usize>,
    pub industry: Option<usize>,
    pub industry_name: Option<usize>,
    pub year: Option<usize>,
    /// Long: measure columns and names.
    pub measures: Vec<(usize, String)>,
    /// Wide: (column, industry code, industry name, is the all-industry total).
    pub wide: Vec<(usize, String, String, bool)>,
    pub wide_measure: String,
    pub fixed_year: i32,
    pub decimal_comma: bool,
    pub totals: Vec<String>,
    pub allow_negative: bool,
}

impl Plan {
    pub fn measure_names(&self) -> Vec<String> {
        match self.layout {
            Layout::Long => self.measures.iter().map(|(_, n)| n.clone()).collect(),
            Layout::Wide => vec![self.wide_measure.clone()],
        }
    }
    pub fn column_name(&self, c: usize) -> String {
        match self.headers.get(c) {
            Some(h) if !h.trim().is_empty() => h.clone(),
            _ => format!("#{}", c + 1),
        }
    }
}

/// Does a header look like an industry code (`3141`, `31-33`, `C10`, `NAICS 3141`)?
pub(crate) fn code_like(h: &str) -> bool {
    let t = h.trim();
    let t = t
        .strip_prefix("NAICS")
        .or_else(|| t.strip_prefix("naics"))
        .map_or(t, str::trim);
    !t.is_empty()
        && t.len() <= 10
        && t.bytes().any(|c| c.is_ascii_digit())
        && t.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'.')
}

/// A row label that marks a totals row (`Total`, `Sum of published county cells`, `All regions`).
pub(crate) fn is_total_label(s: &str) -> bool {
    is_total_code(s.as_bytes())
}

/// [`is_total_label`] of a field's bytes.
pub(crate) fn is_total_code(s: &[u8]) -> bool {
    // Called for every row: ASCII case-insensitive prefix tests, no allocation.
    let t = s.trim_ascii();
    let starts = |p: &[u8]| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    starts(b"total")
        || starts(b"sum ")
        || starts(b"sum:")
        || t.eq_ignore_ascii_case(b"sum")
        || starts(b"grand total")
        || starts(b"all regions")
        || starts(b"all counties")
}

/// A year in a sheet or file name (`Employment 2021` → 2021).
pub(crate) fn year_in_name(s: &str) -> Option<i32> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|k| {
        let w = b.get(k..k + 4)?;
        let before = k.checked_sub(1).and_then(|p| b.get(p)).copied();
        let after = b.get(k + 4).copied();
        if before.is_some_and(|c| c.is_ascii_digit()) || after.is_some_and(|c| c.is_ascii_digit()) {
            return None;
        }
        parse_year(w).filter(|y| (1900..=2100).contains(y))
    })
}

fn measure_from_name(s: &str) -> Option<&'static str> {
    let l = s.to_lowercase();
    if l.contains("employ") || l.contains("emp ") || l.contains("jobs") {
        Some("employment")
    } else if l.contains("establish") {
        Some("establishments")
    } else if l.contains("payroll") || l.contains("wage") {
        Some("payroll")
    } else {
        None
    }
}

pub(crate) fn default_total_codes() -> Vec<String> {
    ["00", "0", "TOTAL", "Total", "total", "ALL", "All", "all"]
        .iter()
        .map(|s| s.to_string())
        .collect()
}

/// Build the plan from the header, a sample of the rows below it, and the options.
/// `delimiter` is `;` for the decimal-style tie-break; `sheet` names the XLSX sheet.
pub(crate) fn make_plan(
    headers: Vec<String>,
    header_line: u64,
    sample: &[(u64, Vec<String>)],
    opts: &LoadOptions,
    name: &str,
    sheet: Option<&str>,
    semicolon: bool,
) -> Result<Plan> {
    let loc = || {
        let l = Location::file(name).with_row(header_line);
        match sheet {
            Some(s) => l.with_sheet(s),
            None => l,
        }
    };
    // Duplicate non-empty header names.
    let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (c, h) in headers.iter().enumerate() {
        let t = h.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(first) = seen.insert(t, c) {
            return Err(Error::new(
                ErrorCode::DuplicateColumn,
                format!(
                    "columns {} and {} are both named '{t}'; rename one",
                    first + 1,
                    c + 1
                ),
            )
            .at(loc().with_column(t)));
        }
    }
    let rows: Vec<Vec<String>> = sample.iter().map(|(_, f)| f.clone()).collect();
    let mut roles = propose_roles(&headers, &rows);
    let find = |col: &str| -> Result<usize> {
        headers
            .iter()
            .position(|h| h.trim() == col.trim())
            .ok_or_else(|| {
                Error::new(
                    ErrorCode::MissingColumn,
                    format!("no column '{col}'; the header has: {}", headers.join(", ")),
                )
                .at(loc().with_column(col))
            })
    };
    if let Some(given) = &opts.roles {
        for cr in given {
            let k = find(&cr.column)?;
            if let Some(r) = roles.get_mut(k) {
                r.role = cr.role;
            }
        }
    }
    let mut force = |col: &Option<String>, role: Role| -> Result<()> {
        if let Some(c) = col {
            let k = find(c)?;
            for r in roles.iter_mut() {
                if r.role == role {
                    r.role = Role::Ignore;
                }
            }
            if let Some(r) = roles.get_mut(k) {
                r.role = role;
            }
        }
        Ok(())
    };
    force(&opts.region_col, Role::RegionCode)?;
    force(&opts.region_name_col, Role::RegionName)?;
    force(&opts.industry_col, Role::IndustryCode)?;
    force(&opts.industry_name_col, Role::IndustryName)?;
    force(&opts.year_col, Role::Year)?;
    if let Some(vs) = &opts.value_cols {
        for r in roles.iter_mut() {
            if r.role == Role::Measure {
                r.role = Role::Ignore;
            }
        }
        for v in vs {
            let k = find(v)?;
            if let Some(r) = roles.get_mut(k) {
                r.role = Role::Measure;
            }
        }
    }
    let col = |role: Role| roles.iter().position(|r| r.role == role);
    let region = col(Role::RegionCode);
    let region_name = col(Role::RegionName);
    let industry = col(Role::IndustryCode);
    let year = col(Role::Year);
    let code_cols: Vec<usize> = roles
        .iter()
        .enumerate()
        .filter(|(c, r)| {
            matches!(r.role, Role::Measure | Role::Ignore)
                && headers.get(*c).is_some_and(|h| code_like(h))
        })
        .map(|(c, _)| c)
        .collect();
    let layout = match opts.layout {
        Some(l) => l,
        None if industry.is_none()
            && (region.is_some() || region_name.is_some())
            && code_cols.len() >= 2 =>
        {
            Layout::Wide
        }
        None => Layout::Long,
    };
    // Region: wide sheets without a code column use the name column as the code.
    let region = match (region, layout) {
        (None, Layout::Wide) => region_name,
        (r, _) => r,
    };
    if region.is_none() && !opts.reference {
        return Err(Error::new(
            ErrorCode::MissingColumn,
            "no region code column was found (expected e.g. region_code, fips, geo_id); name it with region_col, or load a reference table with reference = true",
        )
        .at(loc()));
    }
    let fixed_year = opts
        .year
        .or_else(|| sheet.and_then(year_in_name))
        .or_else(|| {
            if layout == Layout::Wide {
                year_in_name(name)
            } else {
                None
            }
        })
        .unwrap_or(0);
    let totals = opts.total_codes.clone().unwrap_or_else(default_total_codes);
    let mut votes = DecimalVotes::default();
    let mut plan = Plan {
        layout,
        headers: headers.clone(),
        roles: roles.clone(),
        header_line,
        names_line: None,
        region,
        region_name,
        industry,
        industry_name: col(Role::IndustryName),
        year,
        measures: Vec::new(),
        wide: Vec::new(),
        wide_measure: String::new(),
        fixed_year,
        decimal_comma: false,
        totals,
        allow_negative: opts.allow_negative,
    };
    match layout {
        Layout::Long => {
            if industry.is_none() {
                return Err(Error::new(
                    ErrorCode::MissingColumn,
                    "no industry code column was found (expected e.g. industry_code, naics, nace); name it with industry_col",
                )
                .at(loc()));
            }
            plan.measures = roles
                .iter()
                .enumerate()
                .filter(|(_, r)| r.role == Role::Measure)
                .map(|(c, _)| (c, plan.column_name(c)))
                .collect();
            if plan.measures.is_empty() {
                return Err(Error::new(
                    ErrorCode::MissingColumn,
                    "no numeric measure column was found (expected e.g. employment, establishments); name it with value_cols",
                )
                .at(loc()));
            }
            for (_, f) in sample {
                for (c, _) in &plan.measures {
                    if let Some(s) = f.get(*c) {
                        votes.add(s);
                    }
                }
            }
        }
        Layout::Wide => {
            let used = [region, region_name, year];
            let ind_cols: Vec<usize> = match &opts.value_cols {
                Some(_) => roles
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.role == Role::Measure)
                    .map(|(c, _)| c)
                    .collect(),
                None => (0..headers.len())
                    .filter(|c| !used.contains(&Some(*c)))
                    .filter(|c| {
                        headers.get(*c).is_some_and(|h| !h.trim().is_empty())
                            && matches!(
                                roles.get(*c).map(|r| r.role),
                                Some(Role::Measure | Role::Ignore)
                            )
                    })
                    .collect(),
            };
            if ind_cols.is_empty() {
                return Err(Error::new(
                    ErrorCode::MissingColumn,
                    "wide layout: no industry columns were found in the header",
                )
                .at(loc()));
            }
            // The row under the header holds titles when most industry cells are text.
            let mut data_sample = sample;
            if let Some((line, first)) = sample.first() {
                let texty = ind_cols
                    .iter()
                    .filter(|c| {
                        first.get(**c).is_some_and(|s| {
                            !is_suppression_marker(s)
                                && super::parse_number(s, false).is_none()
                                && super::parse_number(s, true).is_none()
                        })
                    })
                    .count();
                let region_empty = region
                    .and_then(|c| first.get(c))
                    .is_none_or(|s| s.trim().is_empty());
                if texty * 2 > ind_cols.len() && region_empty {
                    plan.names_line = Some(*line);
                    data_sample = sample.get(1..).unwrap_or(&[]);
                }
            }
            let names_row = plan
                .names_line
                .and_then(|_| sample.first())
                .map(|(_, f)| f.clone());
            for c in &ind_cols {
                if let Some(r) = plan.roles.get_mut(*c) {
                    r.role = Role::Measure;
                }
                let code = headers
                    .get(*c)
                    .map(|h| h.trim().to_string())
                    .unwrap_or_default();
                let iname = names_row
                    .as_ref()
                    .and_then(|f| f.get(*c))
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default();
                let is_total = plan.totals.contains(&code);
                plan.wide.push((*c, code, iname, is_total));
            }
            for (_, f) in data_sample {
                for c in &ind_cols {
                    if let Some(s) = f.get(*c) {
                        votes.add(s);
                    }
                }
            }
            plan.wide_measure = opts
                .measure
                .clone()
                .or_else(|| sheet.and_then(measure_from_name).map(String::from))
                .or_else(|| measure_from_name(name).map(String::from))
                .unwrap_or_else(|| "value".to_string());
        }
    }
    plan.decimal_comma = opts
        .decimal_comma
        .unwrap_or_else(|| votes.decimal_comma(semicolon));
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(code_like("3141"));
        assert!(code_like("31-33"));
        assert!(code_like("C10"));
        assert!(!code_like("County"));
        assert_eq!(year_in_name("Employment 2021"), Some(2021));
        assert_eq!(year_in_name("x_20211"), None);
        assert!(is_total_label("Sum of published county cells"));
        assert!(!is_total_label("Sumter"));
    }
}
