//! Cluster strength: the US Cluster Mapping "strong cluster" rule and the European Cluster
//! Observatory stars.

use super::aggregate::ClusterPanel;
use super::quantile::quantile_type7;
use crate::error::{Error, ErrorCode, Result, Warning};
use crate::panel::Reference;
use serde::{Deserialize, Serialize};

/// The employment base of the cluster LQ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LqBase {
    /// Traded clusters against traded employment, local clusters against local employment (the
    /// US Cluster Mapping base; its quantiles then run over all US counties).
    Traded,
    /// Every cluster against all-industry employment. The default: on a sub-national region set
    /// (one state's counties) the traded base saturates where the cluster *is* the region's traded
    /// economy (Whitfield County, GA, carpets: LQ 23.2 against a Georgia Q75 of 24.0), so the
    /// all-industry base is the robust choice; `Traded` reproduces USCMP on a national county set.
    #[default]
    All,
}

/// Cluster LQs of one year on the chosen base: `lq[r][c]` (`NaN` where undefined), plus the
/// region and reference bases used.
///
/// `reference`, when given, holds the reference economy's cluster totals (aligned with the cluster
/// panel's clusters) and all-industry total; otherwise the sum of the loaded regions is used.
pub fn cluster_lqs(
    cp: &ClusterPanel,
    measure: usize,
    year: usize,
    base: LqBase,
    reference: Option<&Reference>,
) -> Vec<Vec<f64>> {
    let p = &cp.panel;
    let mx = p.matrix(measure, year);
    let own;
    let rf = match reference {
        Some(r) => r,
        None => {
            own = Reference::sum_of_regions(p, measure, year);
            &own
        }
    };
    let group_sum = |vals: &dyn Fn(usize) -> f64, traded: bool| -> f64 {
        (0..mx.n_industries)
            .filter(|c| cp.traded.get(*c).copied().unwrap_or(false) == traded)
            .map(vals)
            .filter(|v| !v.is_nan())
            .sum()
    };
    let ref_traded = group_sum(
        &|c| rf.industry_totals.get(c).copied().unwrap_or(f64::NAN),
        true,
    );
    let ref_local = group_sum(
        &|c| rf.industry_totals.get(c).copied().unwrap_or(f64::NAN),
        false,
    );
    (0..mx.n_regions)
        .map(|r| {
            let b_traded = group_sum(&|c| mx.get(r, c).unwrap_or(f64::NAN), true);
            let b_local = group_sum(&|c| mx.get(r, c).unwrap_or(f64::NAN), false);
            (0..mx.n_industries)
                .map(|c| {
                    let Some(e) = mx.get(r, c) else {
                        return f64::NAN;
                    };
                    let traded = cp.traded.get(c).copied().unwrap_or(false);
                    let (br, b) = match base {
                        LqBase::All => (mx.region_total(r), rf.total),
                        LqBase::Traded if traded => (b_traded, ref_traded),
                        LqBase::Traded => (b_local, ref_local),
                    };
                    let ec = rf.industry_totals.get(c).copied().unwrap_or(f64::NAN);
                    if br > 0.0 && b > 0.0 && ec > 0.0 {
                        (e / br) / (ec / b)
                    } else {
                        f64::NAN
                    }
                })
                .collect()
        })
        .collect()
}

/// Parameters of [`uscmp_strength`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UscmpParams {
    pub base: LqBase,
    /// Employment measure index.
    pub employment: usize,
    /// Establishments measure index (`None`: the establishment test is skipped, with a warning).
    pub establishments: Option<usize>,
    /// Quantile of LQ for `strong` (0.75) and `strong10` (0.90).
    pub lq_quantile: f64,
    pub lq_quantile_top: f64,
    /// Quantile of employment and establishments that must be exceeded (0.25).
    pub size_quantile: f64,
    /// Minimum LQ (1.0).
    pub min_lq: f64,
}

impl Default for UscmpParams {
    fn default() -> Self {
        UscmpParams {
            base: LqBase::All,
            employment: 0,
            establishments: None,
            lq_quantile: 0.75,
            lq_quantile_top: 0.90,
            size_quantile: 0.25,
            min_lq: 1.0,
        }
    }
}

/// One region × cluster strength record.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UscmpStrength {
    pub region: String,
    pub region_name: String,
    pub cluster: String,
    pub cluster_name: String,
    pub traded: bool,
    pub year: i32,
    pub employment: f64,
    pub establishments: Option<f64>,
    pub lq: f64,
    /// Thresholds over the regions with employment > 0 in this cluster.
    pub lq_q75: f64,
    pub lq_q90: f64,
    pub employment_q25: f64,
    pub establishments_q25: Option<f64>,
    /// `lq >= Q75 && employment > Q25 && establishments > Q25 && lq >= 1`.
    pub strong: bool,
    /// The same with Q90.
    pub strong10: bool,
}

/// US Cluster Mapping strong clusters for one year.
///
/// For each cluster, over the regions with employment > 0 (and a defined LQ):
/// `strong = LQ >= Q75(LQ) and emp > Q25(emp) and est > Q25(est) and LQ >= 1`, `strong10` with
/// Q90; quantiles type 7 (linear interpolation).
///
/// # Errors
/// `E_INVALID_PARAMETER` for quantiles outside [0, 1] or bad measure indices.
///
/// # Complexity
/// O(clusters × regions log regions).
///
/// # Reference
/// Delgado, Porter & Stern (2016), *Journal of Economic Geography* 16(1); US Cluster Mapping
/// Project methodology.
pub fn uscmp_strength(
    cp: &ClusterPanel,
    year: usize,
    reference: Option<&Reference>,
    params: &UscmpParams,
) -> Result<(Vec<UscmpStrength>, Vec<Warning>)> {
    for q in [
        params.lq_quantile,
        params.lq_quantile_top,
        params.size_quantile,
    ] {
        if !(0.0..=1.0).contains(&q) {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("quantile {q} is outside [0, 1]"),
            ));
        }
    }
    let p = &cp.panel;
    if params.employment >= p.measures.len()
        || params.establishments.is_some_and(|m| m >= p.measures.len())
        || year >= p.years.len()
    {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            "strength: measure or year index out of range",
        ));
    }
    let mut warnings = Vec::new();
    if params.establishments.is_none() {
        warnings.push(Warning::new(
            "W_NO_ESTABLISHMENTS",
            "the data has no establishments measure; the strong-cluster rule is applied without its establishment test",
        ));
    }
    let lqs = cluster_lqs(cp, params.employment, year, params.base, reference);
    let emp = p.matrix(params.employment, year);
    let est = params.establishments.map(|m| p.matrix(m, year));
    let mut rows = Vec::new();
    for c in 0..p.industries.len() {
        let set: Vec<usize> = (0..p.regions.len())
            .filter(|&r| {
                emp.get(r, c).is_some_and(|e| e > 0.0)
                    && lqs
                        .get(r)
                        .and_then(|l| l.get(c))
                        .is_some_and(|l| !l.is_nan())
            })
            .collect();
        if set.is_empty() {
            continue;
        }
        let lq_of = |r: usize| {
            lqs.get(r)
                .and_then(|l| l.get(c))
                .copied()
                .unwrap_or(f64::NAN)
        };
        let lq_vals: Vec<f64> = set.iter().map(|&r| lq_of(r)).collect();
        let emp_vals: Vec<f64> = set.iter().filter_map(|&r| emp.get(r, c)).collect();
        let est_vals: Vec<f64> = est
            .map(|e| set.iter().filter_map(|&r| e.get(r, c)).collect())
            .unwrap_or_default();
        let q75 = quantile_type7(&lq_vals, params.lq_quantile).unwrap_or(f64::NAN);
        let q90 = quantile_type7(&lq_vals, params.lq_quantile_top).unwrap_or(f64::NAN);
        let e25 = quantile_type7(&emp_vals, params.size_quantile).unwrap_or(f64::NAN);
        let s25 = est.and_then(|_| quantile_type7(&est_vals, params.size_quantile));
        for &r in &set {
            let lq = lq_of(r);
            let e = emp.get(r, c).unwrap_or(0.0);
            let s = est.and_then(|m| m.get(r, c));
            let size_ok = e > e25
                && match (s, s25) {
                    (Some(s), Some(q)) => s > q,
                    (None, Some(_)) => false,
                    (_, None) => true,
                };
            let base_ok = size_ok && lq >= params.min_lq;
            rows.push(UscmpStrength {
                region: p.regions.get(r).cloned().unwrap_or_default(),
                region_name: p.region_names.get(r).cloned().unwrap_or_default(),
                cluster: p.industries.get(c).cloned().unwrap_or_default(),
                cluster_name: p.industry_names.get(c).cloned().unwrap_or_default(),
                traded: cp.traded.get(c).copied().unwrap_or(false),
                year: p.years.get(year).copied().unwrap_or_default(),
                employment: e,
                establishments: s,
                lq,
                lq_q75: q75,
                lq_q90: q90,
                employment_q25: e25,
                establishments_q25: s25,
                strong: base_ok && lq >= q75,
                strong10: base_ok && lq >= q90,
            });
        }
    }
    Ok((rows, warnings))
}

/// Parameters of [`eco_stars`] (European Cluster Observatory, classic three-star rating).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EcoParams {
    pub employment: usize,
    /// Size star: employment in the top `size_top_share` of regions for the cluster (0.10).
    pub size_top_share: f64,
    /// Specialisation star: `LQ >= lq_threshold` (2.0), LQ on the all-industry base.
    pub lq_threshold: f64,
    /// Focus star: the cluster's share of the region's employment in the top `focus_top_share`
    /// of regions (0.10).
    pub focus_top_share: f64,
}

impl Default for EcoParams {
    fn default() -> Self {
        EcoParams {
            employment: 0,
            size_top_share: 0.10,
            lq_threshold: 2.0,
            focus_top_share: 0.10,
        }
    }
}

/// One region × cluster star rating.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EcoStars {
    pub region: String,
    pub region_name: String,
    pub cluster: String,
    pub cluster_name: String,
    pub year: i32,
    pub employment: f64,
    pub lq: f64,
    /// Cluster employment / region's all-industry employment.
    pub focus: f64,
    pub size_star: bool,
    pub specialisation_star: bool,
    pub focus_star: bool,
    pub stars: u8,
}

/// European Cluster Observatory stars for one year.
///
/// Over the regions with employment > 0 in the cluster: size star when employment >=
/// `Q(1 - size_top_share)`, specialisation star when `LQ >= lq_threshold`, focus star when focus >=
/// `Q(1 - focus_top_share)` (type-7 quantiles).
///
/// # Errors
/// `E_INVALID_PARAMETER` for shares outside (0, 1] or a negative threshold.
///
/// # Complexity
/// O(clusters × regions log regions).
///
/// # Reference
/// European Cluster Observatory (Ketels & Protsiv 2008, *Methodology and findings report*).
pub fn eco_stars(
    cp: &ClusterPanel,
    year: usize,
    reference: Option<&Reference>,
    params: &EcoParams,
) -> Result<Vec<EcoStars>> {
    for s in [params.size_top_share, params.focus_top_share] {
        if !(s > 0.0 && s <= 1.0) {
            return Err(Error::new(
                ErrorCode::InvalidParameter,
                format!("top share {s} is outside (0, 1]"),
            ));
        }
    }
    if !(params.lq_threshold >= 0.0) {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            "the LQ threshold must be >= 0",
        ));
    }
    let p = &cp.panel;
    if params.employment >= p.measures.len() || year >= p.years.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            "stars: measure or year index out of range",
        ));
    }
    let lqs = cluster_lqs(cp, params.employment, year, LqBase::All, reference);
    let emp = p.matrix(params.employment, year);
    let mut rows = Vec::new();
    for c in 0..p.industries.len() {
        let set: Vec<usize> = (0..p.regions.len())
            .filter(|&r| emp.get(r, c).is_some_and(|e| e > 0.0) && emp.region_total(r) > 0.0)
            .collect();
        let e_vals: Vec<f64> = set.iter().filter_map(|&r| emp.get(r, c)).collect();
        let f_vals: Vec<f64> = set
            .iter()
            .map(|&r| emp.get(r, c).unwrap_or(0.0) / emp.region_total(r))
            .collect();
        let (Some(qe), Some(qf)) = (
            quantile_type7(&e_vals, 1.0 - params.size_top_share),
            quantile_type7(&f_vals, 1.0 - params.focus_top_share),
        ) else {
            continue;
        };
        for (k, &r) in set.iter().enumerate() {
            let e = e_vals.get(k).copied().unwrap_or(0.0);
            let f = f_vals.get(k).copied().unwrap_or(0.0);
            let lq = lqs
                .get(r)
                .and_then(|l| l.get(c))
                .copied()
                .unwrap_or(f64::NAN);
            let size_star = e >= qe;
            let specialisation_star = lq >= params.lq_threshold;
            let focus_star = f >= qf;
            rows.push(EcoStars {
                region: p.regions.get(r).cloned().unwrap_or_default(),
                region_name: p.region_names.get(r).cloned().unwrap_or_default(),
                cluster: p.industries.get(c).cloned().unwrap_or_default(),
                cluster_name: p.industry_names.get(c).cloned().unwrap_or_default(),
                year: p.years.get(year).copied().unwrap_or_default(),
                employment: e,
                lq,
                focus: f,
                size_star,
                specialisation_star,
                focus_star,
                stars: u8::from(size_star) + u8::from(specialisation_star) + u8::from(focus_star),
            });
        }
    }
    Ok(rows)
}
