//! Typology profile of every region × cluster (OECD dimensions, METHODS.md §4).

use super::aggregate::ClusterPanel;
use super::code_index;
use super::size_classes::{sme_share, SizeClass, DEFAULT_SME_THRESHOLD};
use super::strength::{cluster_lqs, uscmp_strength, LqBase, UscmpParams};
use crate::error::{Error, ErrorCode, Result, Warning};
/// The portfolio-chart quadrant (the same type as the industry portfolio's).
pub use crate::indicators::Quadrant;
use crate::indicators::{cagr, location_quotient};
use crate::panel::{Panel, Reference};
use serde::{Deserialize, Serialize};

/// Parameters of [`cluster_profiles`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TypologyParams {
    /// Start year for growth, job creation and the competitive component (`None`: no growth fields).
    pub from_year: Option<i32>,
    pub to_year: i32,
    pub employment: usize,
    pub establishments: Option<usize>,
    /// Payroll measure (wages = payroll / employment).
    pub payroll: Option<usize>,
    /// LQ base of the profile's `lq` and of the strength flags.
    pub base: LqBase,
    /// Establishment counts by size class (measures of the panel; see
    /// [`super::size_classes_from_measures`]). Empty: `sme_share` is unavailable.
    #[serde(default)]
    pub size_classes: Vec<SizeClass>,
    /// SME threshold in employees: classes whose upper bound is at most this are SMEs (default
    /// 250, [`DEFAULT_SME_THRESHOLD`]); it must fall on a class boundary.
    #[serde(default = "default_sme_threshold")]
    pub sme_threshold: f64,
}

fn default_sme_threshold() -> f64 {
    DEFAULT_SME_THRESHOLD
}

impl TypologyParams {
    /// Parameters with the optional inputs off (no growth, establishments, payroll, size classes).
    pub fn new(to_year: i32, employment: usize) -> Self {
        TypologyParams {
            from_year: None,
            to_year,
            employment,
            establishments: None,
            payroll: None,
            base: LqBase::All,
            size_classes: Vec::new(),
            sme_threshold: DEFAULT_SME_THRESHOLD,
        }
    }
}

/// Profile of one region × cluster.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClusterProfile {
    pub region: String,
    pub region_name: String,
    pub cluster: String,
    pub cluster_name: String,
    pub traded: bool,
    pub year: i32,
    /// Size: employment.
    pub employment: f64,
    pub establishments: Option<f64>,
    /// Specialisation on the chosen base.
    pub lq: Option<f64>,
    /// Cluster employment / region's all-industry employment.
    pub focus: Option<f64>,
    /// CAGR of the cluster's employment in the region from `from_year`.
    pub growth: Option<f64>,
    /// CAGR of the cluster in the reference economy.
    pub reference_growth: Option<f64>,
    /// Job creation `E_t1 - E_t0`.
    pub job_creation: Option<f64>,
    /// Competitive (regional) shift-share component `E_t1 - E_t0 G_c`.
    pub competitive_shift: Option<f64>,
    /// Share of the cluster's industries present (> 0) in the region.
    pub breadth_present: f64,
    /// Share of the cluster's industries with LQ >= 1 in the region.
    pub breadth_specialised: f64,
    /// Employment per establishment.
    pub avg_establishment_size: Option<f64>,
    /// Payroll per employee.
    pub wage: Option<f64>,
    /// Share of the cluster's establishments with fewer than `sme_threshold` (250) employees,
    /// from establishment counts by size class; `None` without size-class data.
    pub sme_share: Option<f64>,
    /// Depth: share of the cluster's (direct) input requirements supplied by local industries,
    /// with the input-output table regionalised by FLQ ([`super::cluster_io_indicators`]);
    /// `None` without an IO table and crosswalk.
    pub depth: Option<f64>,
    /// Local-supplier linkage: local intermediate purchases per unit of the cluster's output.
    pub local_supplier: Option<f64>,
    /// The cluster's regional output multiplier (output-weighted column sums of `(I - A_r)^-1`).
    pub multiplier: Option<f64>,
    /// Spatial extent: share of the region's contiguous neighbours where the cluster is also
    /// specialised (LQ >= 1) ([`super::cluster_spatial_extent`]); `None` without boundaries or for
    /// a region without neighbours.
    pub spatial_extent: Option<f64>,
    /// Number of contiguous neighbours (with boundaries loaded).
    pub neighbours: Option<usize>,
    /// Neighbours where the cluster has LQ >= 1.
    pub neighbours_specialised: Option<usize>,
    /// Neighbours where the cluster is a US Cluster Mapping strong cluster.
    pub neighbours_strong: Option<usize>,
    pub strong: bool,
    pub strong10: bool,
    pub quadrant: Option<Quadrant>,
}

/// Profiles of every region × cluster with employment in `to_year`.
///
/// `source` is the industry-level panel the cluster panel was aggregated from (for breadth);
/// `reference` optional reference cluster totals for `to_year` (default: sum of regions).
///
/// # Errors
/// `E_UNKNOWN_YEAR` for years not in the panel; `E_INVALID_PARAMETER` for `from_year >= to_year`
/// or measure indices out of range.
///
/// # Complexity
/// O(regions × industries + clusters × regions log regions).
pub fn cluster_profiles(
    source: &Panel,
    cp: &ClusterPanel,
    reference: Option<&Reference>,
    params: &TypologyParams,
) -> Result<(Vec<ClusterProfile>, Vec<Warning>)> {
    let p = &cp.panel;
    let y1 = p.year_index(params.to_year)?;
    let y0 = match params.from_year {
        Some(y) => {
            let i = p.year_index(y)?;
            if i >= y1 {
                return Err(Error::new(
                    ErrorCode::InvalidParameter,
                    format!("profile: start year {y} must be before {}", params.to_year),
                ));
            }
            Some(i)
        }
        None => None,
    };
    let m = params.employment;
    if m >= p.measures.len() {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            "profile: employment measure out of range",
        ));
    }
    if let Some(k) = params
        .size_classes
        .iter()
        .find(|k| k.measure >= p.measures.len())
    {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!("profile: size-class measure {} out of range", k.measure),
        ));
    }
    if !(params.sme_threshold.is_finite() && params.sme_threshold > 0.0) {
        return Err(Error::new(
            ErrorCode::InvalidParameter,
            format!(
                "profile: the SME threshold must be a positive number of employees, not {}",
                params.sme_threshold
            ),
        ));
    }
    let mut extra_warnings = Vec::new();
    if let Some(k) = params.size_classes.iter().find(|k| {
        k.lower < params.sme_threshold && k.upper.is_none_or(|u| u > params.sme_threshold)
    }) {
        extra_warnings.push(Warning::new(
            "W_SME_THRESHOLD",
            format!(
                "the SME threshold {} falls inside the size class '{}' ({}–{}); the SME share is only given where that class has no establishments",
                params.sme_threshold,
                p.measures.get(k.measure).cloned().unwrap_or_default(),
                k.lower,
                k.upper.map(|u| (u - 1.0).to_string()).unwrap_or_else(|| "…".into())
            ),
        ));
    }
    let (strength, mut warnings) = uscmp_strength(
        cp,
        y1,
        reference,
        &UscmpParams {
            base: params.base,
            employment: m,
            establishments: params.establishments,
            ..Default::default()
        },
    )?;
    let lqs = cluster_lqs(cp, m, y1, params.base, reference);
    // (region, cluster) → index of its strength row.
    let region_ix = code_index(&p.regions);
    let cluster_ix = code_index(&p.industries);
    let strength_at: std::collections::HashMap<(usize, usize), usize> = strength
        .iter()
        .enumerate()
        .filter_map(|(k, s)| {
            Some((
                (
                    *region_ix.get(s.region.as_str())?,
                    *cluster_ix.get(s.cluster.as_str())?,
                ),
                k,
            ))
        })
        .collect();
    let e1 = p.matrix(m, y1);
    let ref1 = Reference::sum_of_regions(p, m, y1);
    let ref0 = y0.map(|y| Reference::sum_of_regions(p, m, y));
    let e0 = y0.map(|y| p.matrix(m, y));
    let span = y0.map(|y| (p.years.get(y).copied().unwrap_or(0), params.to_year));
    // Industry-level LQs (all-industry base) for breadth.
    let sm = source.matrix(m, y1);
    let sref = Reference::sum_of_regions(source, m, y1);
    let est = params.establishments.map(|x| p.matrix(x, y1));
    let pay = params.payroll.map(|x| p.matrix(x, y1));
    let mut rows = Vec::new();
    for r in 0..p.regions.len() {
        let tot = e1.region_total(r);
        for c in 0..p.industries.len() {
            let Some(e) = e1.get(r, c).filter(|e| *e > 0.0) else {
                continue;
            };
            let lq = lqs
                .get(r)
                .and_then(|l| l.get(c))
                .copied()
                .filter(|v| !v.is_nan());
            let (growth, reference_growth, job_creation, competitive_shift) =
                match (e0, &ref0, span) {
                    (Some(m0), Some(rf0), Some((t0, t1))) => {
                        let v0 = m0.get(r, c);
                        let rc0 = rf0.industry_totals.get(c).copied().unwrap_or(f64::NAN);
                        let rc1 = ref1.industry_totals.get(c).copied().unwrap_or(f64::NAN);
                        let gc = rc1 / rc0;
                        (
                            v0.and_then(|v| cagr(v, e, t0, t1).ok()),
                            cagr(rc0, rc1, t0, t1).ok(),
                            v0.map(|v| e - v),
                            v0.filter(|_| gc.is_finite()).map(|v| e - v * gc),
                        )
                    }
                    _ => (None, None, None, None),
                };
            let members = cp.members.get(c).map(Vec::as_slice).unwrap_or(&[]);
            let st = sm.region_total(r);
            let (mut present, mut specialised) = (0usize, 0usize);
            for &i in members {
                if let Some(v) = sm.get(r, i).filter(|v| *v > 0.0) {
                    present += 1;
                    let ej = sref.industry_totals.get(i).copied().unwrap_or(f64::NAN);
                    if location_quotient(v, st, ej, sref.total).is_ok_and(|l| l >= 1.0) {
                        specialised += 1;
                    }
                }
            }
            let n_members = members.len().max(1) as f64;
            let classes: Vec<Option<f64>> = params
                .size_classes
                .iter()
                .map(|k| p.get(k.measure, y1, r, c))
                .collect();
            let s = est.and_then(|x| x.get(r, c)).or_else(|| {
                // Without an establishments measure, the size classes count them.
                (!classes.is_empty() && classes.iter().all(Option::is_some))
                    .then(|| classes.iter().flatten().sum())
            });
            let strength = strength_at.get(&(r, c)).and_then(|k| strength.get(*k));
            let quadrant = match (lq, growth, reference_growth) {
                (Some(l), Some(g), Some(rg)) => Some(match (l >= 1.0, g >= rg) {
                    (true, true) => Quadrant::Star,
                    (false, true) => Quadrant::Emerging,
                    (true, false) => Quadrant::Mature,
                    (false, false) => Quadrant::Transforming,
                }),
                _ => None,
            };
            rows.push(ClusterProfile {
                region: p.regions.get(r).cloned().unwrap_or_default(),
                region_name: p.region_names.get(r).cloned().unwrap_or_default(),
                cluster: p.industries.get(c).cloned().unwrap_or_default(),
                cluster_name: p.industry_names.get(c).cloned().unwrap_or_default(),
                traded: cp.traded.get(c).copied().unwrap_or(false),
                year: params.to_year,
                employment: e,
                establishments: s,
                lq,
                focus: (tot > 0.0).then(|| e / tot),
                growth,
                reference_growth,
                job_creation,
                competitive_shift,
                breadth_present: present as f64 / n_members,
                breadth_specialised: specialised as f64 / n_members,
                avg_establishment_size: s.filter(|s| *s > 0.0).map(|s| e / s),
                wage: pay.and_then(|x| x.get(r, c)).map(|w| w / e),
                sme_share: (!params.size_classes.is_empty())
                    .then(|| sme_share(&params.size_classes, &classes, params.sme_threshold))
                    .flatten(),
                depth: None,
                local_supplier: None,
                multiplier: None,
                spatial_extent: None,
                neighbours: None,
                neighbours_specialised: None,
                neighbours_strong: None,
                strong: strength.is_some_and(|s| s.strong),
                strong10: strength.is_some_and(|s| s.strong10),
                quadrant,
            });
        }
    }
    warnings.extend(extra_warnings);
    Ok((rows, warnings))
}
