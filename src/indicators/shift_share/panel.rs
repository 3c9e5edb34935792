//! Shift-share over a panel: every region (and industry) between two years.

use super::{dunn, esteban_marquillas, gerfin};
use crate::error::{Error, ErrorCode, Location, Result, Warning};
use crate::panel::{Panel, Reference};
use serde::{Deserialize, Serialize};

/// Which decomposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ShiftShareMethod {
    /// Classic: national share, industry mix, regional share, net shift.
    #[default]
    Dunn,
    /// Esteban-Marquillas: the regional share split into competitive and allocation.
    Esteban,
    /// Gerfin's multiplicative factors.
    Gerfin,
    /// Dunn and Esteban-Marquillas for each consecutive year pair, summed (Gerfin: mean).
    Dynamic,
}

/// Parameters of [`shift_share_panel`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShiftShareParams {
    pub from_year: i32,
    pub to_year: i32,
    pub method: ShiftShareMethod,
    /// One row per region × industry instead of one per region.
    pub by_industry: bool,
    /// Measure index in the panel (default: the panel's default measure).
    pub measure: usize,
    /// Treat missing cells as zero (default false: an industry missing in either year is left out
    /// of that region's decomposition, and reported).
    pub missing_as_zero: bool,
}

/// One output row (flat, snake_case). Fields not produced by the method are `None` and omitted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShiftShareRow {
    pub region: String,
    pub region_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    pub from_year: i32,
    pub to_year: i32,
    pub method: ShiftShareMethod,
    pub value_from: f64,
    pub value_to: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub national_share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub industry_mix: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regional_share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub net_shift: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub competitive: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allocation: Option<f64>,
    /// Gerfin factors (multiplicative), Gerfin and dynamic methods.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gerfin_industry_mix: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gerfin_regional_share: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gerfin_net_shift: Option<f64>,
    /// Industries left out of this region's decomposition (missing in a year).
    pub industries_left_out: usize,
}

/// Shift-share of every region of a panel between two years.
///
/// `references[y]` is the reference economy of the panel's year index `y` (e.g.
/// [`Reference::sum_of_regions`] or a national table). The reference growth `G` is computed over
/// the industries included, so components always sum to the actual change of those industries.
///
/// Bad input is reported and skipped, not fatal: a region with no data in a needed year
/// (`W_REGION_YEAR_MISSING`), an industry whose reference start value is zero or missing
/// (`W_REFERENCE_ZERO_INDUSTRY`), cells missing in one of the years (`W_MISSING_CELLS`).
///
/// # Errors
/// `E_UNKNOWN_YEAR` for a year not in the panel; `E_INVALID_PARAMETER` when `to_year <= from_year`,
/// the references do not match the years, or the measure index is out of range.
///
/// # Complexity
/// O(years × regions × industries).
pub fn shift_share_panel(
    panel: &Panel,
    references: &[Reference],
    params: &ShiftShareParams,
) -> Result<(Vec<ShiftShareRow>, Vec<Warning>)> {
    let y0 = panel.year_index(params.from_year)?;
    let y1 = panel.year_index(params.to_year)?;
    if y1 <= y0 {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!(
                "shift-share needs the end year after the start year ({} → {})",
                params.from_year, params.to_year
            ),
        ));
    }
    if references.len() != panel.years.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            "shift-share: one reference per panel year is needed",
        ));
    }
    if params.measure >= panel.measures.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            "shift-share: measure index out of range",
        ));
    }
    let years: Vec<usize> = if params.method == ShiftShareMethod::Dynamic {
        (y0..=y1).collect()
    } else {
        vec![y0, y1]
    };
    let m = params.measure;
    let mut warnings = Vec::new();
    // Industries usable in every needed year of the reference.
    let mut usable = vec![true; panel.industries.len()];
    for &y in &years {
        let Some(rf) = references.get(y) else {
            continue;
        };
        for (i, ok) in usable.iter_mut().enumerate() {
            let v = rf.industry_totals.get(i).copied().unwrap_or(f64::NAN);
            if !(v > 0.0) && *ok {
                *ok = false;
                warnings.push(
                    Warning::new(
                        "W_REFERENCE_ZERO_INDUSTRY",
                        format!(
                            "industry '{}' has a zero or missing reference value in {}; it is left out of the shift-share",
                            panel.industries.get(i).map(String::as_str).unwrap_or("?"),
                            panel.years.get(y).copied().unwrap_or_default()
                        ),
                    )
                    .at(Location::default().with_industry(panel.industries.get(i).cloned().unwrap_or_default())),
                );
            }
        }
    }
    let mut rows = Vec::new();
    'regions: for (r, code) in panel.regions.iter().enumerate() {
        let name = panel.region_names.get(r).cloned().unwrap_or_default();
        for &y in &years {
            if panel.matrix(m, y).row(r).iter().all(|v| v.is_nan()) {
                warnings.push(
                    Warning::new(
                        "W_REGION_YEAR_MISSING",
                        format!(
                            "region '{code}' has no data in {}; it is left out of the shift-share",
                            panel.years.get(y).copied().unwrap_or_default()
                        ),
                    )
                    .at(Location::default().with_region(code.clone())),
                );
                continue 'regions;
            }
        }
        // Industries included for this region: usable in the reference and present in every year.
        let mut included = Vec::new();
        let mut left_out = 0usize;
        for (i, ok) in usable.iter().enumerate() {
            if !ok {
                continue;
            }
            let present = years.iter().all(|&y| panel.get(m, y, r, i).is_some());
            if present || params.missing_as_zero {
                included.push(i);
            } else if years.iter().any(|&y| panel.get(m, y, r, i).is_some()) {
                left_out += 1;
            }
        }
        if left_out > 0 {
            warnings.push(
                Warning::new(
                    "W_MISSING_CELLS",
                    format!(
                        "region '{code}': {left_out} industr{} published in one year but missing in another; left out of its shift-share (use missing_as_zero to count them as 0)",
                        if left_out == 1 { "y" } else { "ies" }
                    ),
                )
                .at(Location::default().with_region(code.clone())),
            );
        }
        let vec_of = |y: usize| -> Vec<f64> {
            included
                .iter()
                .map(|&i| panel.get(m, y, r, i).unwrap_or(0.0))
                .collect()
        };
        let ref_of = |y: usize| -> Vec<f64> {
            included
                .iter()
                .map(|&i| {
                    references
                        .get(y)
                        .and_then(|rf| rf.industry_totals.get(i))
                        .copied()
                        .unwrap_or(0.0)
                })
                .collect()
        };
        if included.is_empty() {
            continue;
        }
        let n_ind = included.len();
        // Accumulate per-industry components over the year pairs (one pair unless dynamic).
        let mut acc = vec![[0.0f64; 7]; n_ind + 1];
        let mut gerf = [0.0f64; 3];
        let pairs: Vec<(usize, usize)> = years
            .windows(2)
            .filter_map(|w| Some((*w.first()?, *w.get(1)?)))
            .collect();
        for &(a, b) in &pairs {
            let (r0, r1, n0, n1) = (vec_of(a), vec_of(b), ref_of(a), ref_of(b));
            let res = (|| -> Result<()> {
                let (dt, dp) = dunn(&r0, &r1, &n0, &n1)?;
                let (et, ep) = esteban_marquillas(&r0, &r1, &n0, &n1)?;
                let add = |slot: &mut [f64; 7], d: &super::Dunn, e: &super::EstebanMarquillas| {
                    slot[0] += d.change;
                    slot[1] += d.national_share;
                    slot[2] += d.industry_mix;
                    slot[3] += d.regional_share;
                    slot[4] += d.net_shift;
                    slot[5] += e.competitive;
                    slot[6] += e.allocation;
                };
                for ((slot, d), e) in acc.iter_mut().zip(&dp).zip(&ep) {
                    add(slot, d, e);
                }
                if let Some(slot) = acc.last_mut() {
                    add(slot, &dt, &et);
                }
                if let Ok(g) = gerfin(&r0, &r1, &n0, &n1) {
                    let k = pairs.len() as f64;
                    gerf[0] += g.industry_mix / k;
                    gerf[1] += g.regional_share / k;
                    gerf[2] += g.net_shift / k;
                } else {
                    gerf = [f64::NAN; 3];
                }
                Ok(())
            })();
            if let Err(e) = res {
                warnings.push(
                    Warning::new(
                        "W_SHIFT_SHARE_SKIPPED",
                        format!("region '{code}': {}", e.message),
                    )
                    .at(Location::default().with_region(code.clone())),
                );
                continue 'regions;
            }
        }
        let v0 = vec_of(y0);
        let v1 = vec_of(y1);
        let make =
            |industry: Option<String>, c: &[f64; 7], from: f64, to: f64, gf: Option<[f64; 3]>| {
                let method = params.method;
                let dunnish = matches!(
                    method,
                    ShiftShareMethod::Dunn | ShiftShareMethod::Esteban | ShiftShareMethod::Dynamic
                );
                let em = matches!(
                    method,
                    ShiftShareMethod::Esteban | ShiftShareMethod::Dynamic
                );
                let gm = matches!(method, ShiftShareMethod::Gerfin | ShiftShareMethod::Dynamic);
                ShiftShareRow {
                    region: code.clone(),
                    region_name: name.clone(),
                    industry,
                    from_year: params.from_year,
                    to_year: params.to_year,
                    method,
                    value_from: from,
                    value_to: to,
                    change: dunnish.then_some(c[0]),
                    national_share: dunnish.then_some(c[1]),
                    industry_mix: dunnish.then_some(c[2]),
                    regional_share: dunnish.then_some(c[3]),
                    net_shift: dunnish.then_some(c[4]),
                    competitive: em.then_some(c[5]),
                    allocation: em.then_some(c[6]),
                    gerfin_industry_mix: gf.filter(|_| gm).map(|g| g[0]),
                    gerfin_regional_share: gf.filter(|_| gm).map(|g| g[1]),
                    gerfin_net_shift: gf.filter(|_| gm).map(|g| g[2]),
                    industries_left_out: left_out,
                }
            };
        if params.by_industry {
            let (ref0, ref1) = (ref_of(y0), ref_of(y1));
            let g = ref1.iter().sum::<f64>() / ref0.iter().sum::<f64>();
            for (k, &i) in included.iter().enumerate() {
                let (Some(c), Some(a), Some(b)) = (acc.get(k), v0.get(k), v1.get(k)) else {
                    continue;
                };
                let gf = if params.method == ShiftShareMethod::Gerfin && *a > 0.0 {
                    // Per industry, Gerfin's factors reduce to G_j/G, g_j/G_j and g_j/G.
                    let (n0, n1) = (&ref0, &ref1);
                    let gj = n1.get(k).copied().unwrap_or(f64::NAN)
                        / n0.get(k).copied().unwrap_or(f64::NAN);
                    let gr = b / a;
                    Some([gj / g, gr / gj, gr / g])
                } else {
                    None
                };
                rows.push(make(panel.industries.get(i).cloned(), c, *a, *b, gf));
            }
        } else if let Some(c) = acc.last() {
            rows.push(make(None, c, v0.iter().sum(), v1.iter().sum(), Some(gerf)));
        }
    }
    Ok((rows, warnings))
}
